// The receiver's own thin SQLite layer (the receiver does not link the terminal's store): a
// connection opened in WAL with a busy timeout, prepared statements with typed binds, and
// write transactions that take the write lock at BEGIN (IMMEDIATE: never EXCLUSIVE, so readers
// in other processes — `school list` while `serve` runs — are never blocked).
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sync/receiver/store_error.hpp"

namespace jh::sync::receiver {

class Db {
public:
    // Opens (creating) the file: WAL, busy timeout, foreign keys on.
    explicit Db(const std::filesystem::path& path);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    sqlite3* get() const { return db_; }
    void exec(std::string_view sql);
    int user_version();
    void check(int rc, std::string_view context) const;

private:
    sqlite3* db_ = nullptr;
};

class Stmt {
public:
    Stmt(const Db& db, std::string_view sql);
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int index, std::string_view text);
    Stmt& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Stmt& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Stmt& bind(int index, std::int64_t value);
    Stmt& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Stmt& bind_blob(int index, std::string_view bytes);
    Stmt& bind_null(int index);
    Stmt& bind(int index, const std::optional<std::string>& text) {
        return text ? bind(index, std::string_view(*text)) : bind_null(index);
    }
    bool step();                     // true while a row is available
    void run() { step(); }           // a statement without rows
    void reset();                    // ready to bind and run again

    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    std::int64_t integer(int column) const;
    bool is_null(int column) const;

private:
    const Db& db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE … COMMIT; rolls back when destroyed without commit().
class WriteTx {
public:
    explicit WriteTx(Db& db);
    ~WriteTx();
    void commit();

private:
    Db& db_;
    bool open_ = true;
};

}  // namespace jh::sync::receiver
