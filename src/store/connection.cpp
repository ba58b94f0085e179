// SQLite connection lifetime and error translation.
#include "store/connection.hpp"

#include <sqlite3.h>

#include <string>

#include "store/statement.hpp"

namespace jh::store {

bool SqliteError::corrupt() const { return code_ == SQLITE_CORRUPT || code_ == SQLITE_NOTADB; }
bool SqliteError::constraint() const { return code_ == SQLITE_CONSTRAINT; }

void check(int rc, sqlite3* db, std::string_view context) {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
    std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw SqliteError(rc & 0xff, std::string(context), detail);
}

Connection::Connection(const std::filesystem::path& path, Access access) {
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (access) {
        case Access::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
        case Access::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
        case Access::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    }
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        close();
        throw SqliteError(rc & 0xff, "cannot open " + path.string(), detail);
    }
    sqlite3_extended_result_codes(db_, 0);
}

Connection::Connection(Connection&& other) noexcept : db_(other.db_), epoch_(other.epoch_) { other.db_ = nullptr; }

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        close();
        db_ = other.db_;
        epoch_ = other.epoch_ + 1;
        other.db_ = nullptr;
    }
    return *this;
}

Connection::~Connection() { close(); }

void Connection::close() noexcept {
    // sqlite3_close_v2 defers the close until any statement still alive is finalized.
    if (db_) sqlite3_close_v2(db_);
    db_ = nullptr;
}

void Connection::exec(std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string detail = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw SqliteError(rc & 0xff, "running " + text.substr(0, 80), detail);
    }
}

std::string Connection::scalar(std::string_view sql) {
    Statement s(db_, sql);
    return s.step() && !s.is_null(0) ? s.text(0) : std::string();
}

int Connection::user_version() {
    Statement s(db_, "PRAGMA user_version");
    s.step();
    return static_cast<int>(s.integer(0));
}

bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

std::int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

}  // namespace jh::store
