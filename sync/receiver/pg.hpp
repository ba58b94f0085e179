// The receiver's own thin libpq layer (PostgresReceiverStore): a connection with bounded
// connect and statement times, statements prepared once per connection and run with typed
// parameters (never text pasted into SQL), results read by row and column, and transactions
// that roll back when left without commit(). Every failure is a StoreError; busy() when it is
// transient (a serialization failure, a deadlock, a timeout, the server down or restarting), so
// the receiver answers 503 and the client retries.
#pragma once
#include <libpq-fe.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sync/receiver/store_error.hpp"

namespace jh::sync::receiver::pg {

// Bounds on every connection (docs/postgresql.md): a connection attempt, one statement
// (lock waits included), a transaction left idle.
constexpr int kConnectTimeoutSeconds = 10;
constexpr int kStatementTimeoutMs = 30000;
constexpr int kIdleInTransactionTimeoutMs = 60000;

// A failure with the server's SQLSTATE ("" when the connection itself failed).
class Error : public StoreError {
public:
    Error(const std::string& what, std::string sqlstate, bool busy) : StoreError(what, busy), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const { return sqlstate_; }
    bool unique_violation() const { return sqlstate_ == "23505"; }
    // Worth running the transaction again: another one got there first (a serialization
    // failure, a deadlock, a key taken meanwhile, a stream tip moved). A lost connection is not
    // retried: the caller gets a busy error at once (503; the client retries later) rather
    // than waiting out several connect timeouts.
    bool retryable() const { return unique_violation() || sqlstate_ == "40001" || sqlstate_ == "40P01"; }

private:
    std::string sqlstate_;
};

// Bytes for a bytea parameter (sent in binary, not as text).
struct Bytes {
    std::string_view bytes;
};

// A one-dimensional array sent as one text parameter, {"a","b",NULL} (every element quoted, `"`
// and `\` escaped, so any text goes through), cast in the statement ($3::text[], $4::bigint[])
// and read with unnest(): a batch's rows in one statement instead of one statement per row.
class Array {
public:
    Array& add(std::string_view text);
    Array& add(const std::string& text) { return add(std::string_view(text)); }
    Array& add(std::int64_t value) { return add(std::string_view(std::to_string(value))); }
    Array& add(int value) { return add(static_cast<std::int64_t>(value)); }
    Array& add(const std::optional<std::string>& text);
    bool empty() const { return count_ == 0; }
    std::string literal() const { return text_ + "}"; }

private:
    std::string text_ = "{";
    std::size_t count_ = 0;
};

class Params {
public:
    Params& add(std::string_view text);
    Params& add(const std::string& text) { return add(std::string_view(text)); }
    Params& add(const char* text) { return add(std::string_view(text)); }
    Params& add(std::int64_t value) { return add(std::to_string(value)); }
    Params& add(int value) { return add(std::to_string(value)); }
    Params& add(std::size_t value) { return add(std::to_string(value)); }
    Params& add(bool value) { return add(value ? "1" : "0"); }
    Params& add(const std::optional<std::string>& text);
    Params& add(Bytes bytes);
    Params& add(const Array& array) { return add(array.literal()); }

    int size() const { return static_cast<int>(values_.size()); }
    std::vector<const char*> pointers() const;
    const std::vector<int>& lengths() const { return lengths_; }
    const std::vector<int>& formats() const { return formats_; }

private:
    std::vector<std::optional<std::string>> values_;
    std::vector<int> lengths_, formats_;
};

class Result {
public:
    explicit Result(PGresult* r) : r_(r) {}
    ~Result() { PQclear(r_); }
    Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;

    int rows() const { return PQntuples(r_); }
    bool empty() const { return rows() == 0; }
    std::int64_t affected() const;   // rows an INSERT/UPDATE/DELETE touched
    bool is_null(int row, int column) const { return PQgetisnull(r_, row, column) != 0; }
    std::string text(int row, int column) const;
    std::optional<std::string> optional_text(int row, int column) const;
    std::int64_t integer(int row, int column) const;
    bool boolean(int row, int column) const;   // 't' / 'f' (or 1 / 0)
    std::string bytes(int row, int column) const;   // a bytea column, unescaped

private:
    PGresult* r_;
};

class Conn {
public:
    // Connects to a libpq URI; throws Error with libpq's reason (busy: the server may come back).
    explicit Conn(const std::string& uri);
    ~Conn();
    Conn(const Conn&) = delete;
    Conn& operator=(const Conn&) = delete;

    // Several statements without parameters (migrations, BEGIN, SET).
    void exec(std::string_view sql);
    // One statement, prepared on this connection the first time it is run.
    Result query(const std::string& sql, const Params& params = {});
    template <typename... A>
    Result run(const std::string& sql, const A&... args) {
        Params p;
        (p.add(args), ...);
        return query(sql, p);
    }
    // Fit to be handed to the next caller: connected and outside any transaction.
    bool reusable() const;
    PGconn* get() const { return conn_; }

private:
    [[noreturn]] void fail(const std::string& context, PGresult* result);
    PGconn* conn_ = nullptr;
    std::unordered_map<std::string, std::string> prepared_;   // SQL → statement name
};

// BEGIN … COMMIT (READ COMMITTED: each statement sees what committed before it, so a row lock
// waited for is followed by reads of what its holder wrote); ROLLBACK when destroyed open.
class Tx {
public:
    explicit Tx(Conn& conn);
    ~Tx();
    void commit();

private:
    Conn& conn_;
    bool open_ = true;
};

}  // namespace jh::sync::receiver::pg
