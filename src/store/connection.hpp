// RAII ownership of one SQLite connection, and the error type every store wrapper throws when
// SQLite reports a failure (carrying SQLite's result code so callers can tell a constraint
// violation or a corrupt file from other failures).
#pragma once
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;

namespace jh::store {

class SqliteError : public std::runtime_error {
public:
    // `context` says what was attempted (for logs); `detail` is SQLite's own message.
    SqliteError(int code, const std::string& context, const std::string& detail)
        : std::runtime_error(context + ": " + detail), code_(code), detail_(detail) {}
    int code() const { return code_; }           // primary result code (SQLITE_CONSTRAINT, …)
    const std::string& detail() const { return detail_; }
    bool corrupt() const;                        // SQLITE_CORRUPT or SQLITE_NOTADB
    bool constraint() const;

private:
    int code_;
    std::string detail_;
};

// Throws SqliteError when `rc` is not SQLITE_OK/ROW/DONE; `context` says what was attempted.
void check(int rc, sqlite3* db, std::string_view context);

class Connection {
public:
    enum class Access { ReadOnly, ReadWrite, ReadWriteCreate };
    Connection(const std::filesystem::path& path, Access access);
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    sqlite3* get() const { return db_; }
    // Runs SQL without results (may hold several statements).
    void exec(std::string_view sql);
    // The first column of the first row of a one-value query, as text ("" when no row).
    std::string scalar(std::string_view sql);
    int user_version();
    bool in_transaction() const;
    std::int64_t last_insert_id() const;
    void close() noexcept;

    // Changes whenever a transaction begins or is rolled back, wholly or to a savepoint
    // (Transaction calls renew_epoch): what was read inside a transaction may be kept in memory
    // while the epoch stays the same, since only this connection can have written meanwhile.
    std::uint64_t epoch() const { return epoch_; }
    void renew_epoch() { ++epoch_; }

private:
    sqlite3* db_ = nullptr;
    std::uint64_t epoch_ = 0;
};

}  // namespace jh::store
