// The receiver's SQLite connection, statements and write transactions; see sqlite.hpp.
#include "sync/receiver/sqlite.hpp"

namespace jh::sync::receiver {

namespace {
constexpr int kBusyTimeoutMs = 5000;

bool busy_code(int rc) { return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED; }
}  // namespace

Db::Db(const std::filesystem::path& path) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    if (rc != SQLITE_OK) {
        const std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        if (db_) sqlite3_close_v2(db_);
        db_ = nullptr;
        throw StoreError("cannot open the receiver store " + path.string() + ": " + detail, false);
    }
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");   // WAL + NORMAL: a commit survives a process crash
    exec("PRAGMA foreign_keys = ON");
}

Db::~Db() {
    if (db_) sqlite3_close_v2(db_);
}

void Db::check(int rc, std::string_view context) const {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
    throw StoreError(std::string(context) + ": " + sqlite3_errmsg(db_), busy_code(rc));
}

void Db::exec(std::string_view sql) {
    const std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const std::string detail = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw StoreError("running " + text.substr(0, 60) + ": " + detail, busy_code(rc));
    }
}

int Db::user_version() {
    Stmt s(*this, "PRAGMA user_version");
    s.step();
    return static_cast<int>(s.integer(0));
}

Stmt::Stmt(const Db& db, std::string_view sql) : db_(db) {
    db_.check(sqlite3_prepare_v2(db.get(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr),
              "preparing " + std::string(sql.substr(0, 60)));
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt& Stmt::bind(int index, std::string_view text) {
    db_.check(sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT), "binding");
    return *this;
}
Stmt& Stmt::bind(int index, std::int64_t value) {
    db_.check(sqlite3_bind_int64(stmt_, index, value), "binding");
    return *this;
}
Stmt& Stmt::bind_blob(int index, std::string_view bytes) {
    db_.check(sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT), "binding");
    return *this;
}
Stmt& Stmt::bind_null(int index) {
    db_.check(sqlite3_bind_null(stmt_, index), "binding");
    return *this;
}

bool Stmt::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_.check(rc, "running a statement");
    return false;
}

void Stmt::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::string Stmt::text(int column) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    const int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string(p, static_cast<std::size_t>(n)) : std::string();
}
std::optional<std::string> Stmt::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}
std::int64_t Stmt::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
bool Stmt::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

WriteTx::WriteTx(Db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
WriteTx::~WriteTx() {
    if (open_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}
void WriteTx::commit() {
    db_.exec("COMMIT");
    open_ = false;
}

}  // namespace jh::sync::receiver
