// Prepared statements over the raw SQLite API.
#include "store/statement.hpp"

#include <sqlite3.h>

#include "store/connection.hpp"

namespace jh::store {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db), sql_(sql) {
    check(sqlite3_prepare_v2(db_, sql_.data(), static_cast<int>(sql_.size()), &stmt_, nullptr), db_,
          "preparing " + sql_);
}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_), sql_(std::move(other.sql_)) {
    other.stmt_ = nullptr;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, const domain::Value& value) {
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) bind_null(index);
            else bind(index, v);
        },
        value);
    return *this;
}

// Binding runs for every value of every row written: the error context is built only on failure.
void Statement::check_bind(int rc) const {
    if (rc != SQLITE_OK) check(rc, db_, "binding " + sql_);
}

Statement& Statement::bind(int index, std::int64_t value) {
    check_bind(sqlite3_bind_int64(stmt_, index, value));
    return *this;
}

Statement& Statement::bind(int index, double value) {
    check_bind(sqlite3_bind_double(stmt_, index, value));
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    check_bind(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind_unowned(int index, std::string_view value) {
    check_bind(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC));
    return *this;
}

Statement& Statement::bind_null(int index) {
    check_bind(sqlite3_bind_null(stmt_, index));
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    // The step's error code is returned by reset(); read the message before resetting.
    std::string message = sqlite3_errmsg(db_);
    sqlite3_reset(stmt_);
    throw SqliteError(rc & 0xff, sql_, message);
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

domain::Value Statement::value(int column, domain::FieldType type) const {
    if (is_null(column)) return {};
    switch (type) {
        case domain::FieldType::Integer:
        case domain::FieldType::Bool: return integer(column);
        case domain::FieldType::Real: return real(column);
        case domain::FieldType::Text:
        case domain::FieldType::Date:
        case domain::FieldType::Enum: return text(column);
    }
    return {};
}

}  // namespace jh::store

namespace jh::store {

StatementCache::Use StatementCache::use(const std::string& sql) {
    auto& slot = statements_[sql];
    if (!slot) slot = std::make_unique<Statement>(db_, sql);
    slot->reset();
    return Use(*slot);
}

}  // namespace jh::store
