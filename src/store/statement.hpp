// RAII prepared statement: binding, stepping and reading columns, with domain::Value as the
// neutral value type shared with the field descriptors.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "domain/fields.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace jh::store {

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;
    ~Statement();

    // Parameters are numbered from 1, as in SQLite.
    Statement& bind(int index, const domain::Value& value);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind_null(int index);
    // Binds text without copying it: it must stay alive and unchanged until the statement is
    // reset (for texts owned by the caller across one run()).
    Statement& bind_unowned(int index, std::string_view value);

    bool step();        // true while a row is available
    void run();         // steps to completion (writes), then resets
    void reset();       // ready to run again; bindings cleared

    // Columns are numbered from 0.
    bool is_null(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    domain::Value value(int column, domain::FieldType type) const;

private:
    void check_bind(int rc) const;

    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string sql_;
};

}  // namespace jh::store

namespace jh::store {

// Prepared statements kept for the life of a connection, keyed by their SQL, so repeated
// writes (an import of 10,000 rows) prepare each statement once. `use()` hands one out reset,
// and resets it again when the handle goes, so no read is left open between calls.
class StatementCache {
public:
    explicit StatementCache(sqlite3* db) : db_(db) {}

    class Use {
    public:
        explicit Use(Statement& s) : s_(s) {}
        Use(const Use&) = delete;
        Use& operator=(const Use&) = delete;
        ~Use() { s_.reset(); }
        Statement& operator*() { return s_; }
        Statement* operator->() { return &s_; }

    private:
        Statement& s_;
    };

    Use use(const std::string& sql);

private:
    sqlite3* db_;
    std::map<std::string, std::unique_ptr<Statement>> statements_;
};

}  // namespace jh::store
