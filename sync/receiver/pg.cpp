// The receiver's libpq connection, statements and transactions; see pg.hpp.
#include "sync/receiver/pg.hpp"

#include <charconv>

namespace jh::sync::receiver::pg {

namespace {

// Transient failures (a retry may succeed): serialization failure, deadlock, lock or statement
// timeout, too many connections, the server shutting down or gone (class 08, 57P0x).
bool transient(const std::string& state) {
    return state.empty() || state == "40001" || state == "40P01" || state == "55P03" || state == "57014" ||
           state.starts_with("08") || state.starts_with("53") || state.starts_with("57P");
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

void ignore_notice(void*, const char*) {}   // CREATE … IF NOT EXISTS notices are not the user's business

}  // namespace

Params& Params::add(std::string_view text) {
    values_.emplace_back(std::string(text));
    lengths_.push_back(static_cast<int>(text.size()));
    formats_.push_back(0);
    return *this;
}
Params& Params::add(const std::optional<std::string>& text) {
    if (text) return add(std::string_view(*text));
    values_.emplace_back(std::nullopt);
    lengths_.push_back(0);
    formats_.push_back(0);
    return *this;
}
Params& Params::add(Bytes b) {
    values_.emplace_back(std::string(b.bytes));
    lengths_.push_back(static_cast<int>(b.bytes.size()));
    formats_.push_back(1);
    return *this;
}
Array& Array::add(std::string_view text) {
    if (count_++ > 0) text_ += ',';
    text_ += '"';
    for (const char ch : text) {
        if (ch == '"' || ch == '\\') text_ += '\\';
        text_ += ch;
    }
    text_ += '"';
    return *this;
}
Array& Array::add(const std::optional<std::string>& text) {
    if (text) return add(std::string_view(*text));
    if (count_++ > 0) text_ += ',';
    text_ += "NULL";
    return *this;
}

std::vector<const char*> Params::pointers() const {
    std::vector<const char*> out;
    for (const auto& v : values_) out.push_back(v ? v->data() : nullptr);
    return out;
}

std::int64_t Result::affected() const {
    const char* n = PQcmdTuples(r_);
    std::int64_t v = 0;
    std::from_chars(n, n + std::char_traits<char>::length(n), v);
    return v;
}
std::string Result::text(int row, int column) const {
    return std::string(PQgetvalue(r_, row, column), static_cast<std::size_t>(PQgetlength(r_, row, column)));
}
std::optional<std::string> Result::optional_text(int row, int column) const {
    if (is_null(row, column)) return std::nullopt;
    return text(row, column);
}
std::int64_t Result::integer(int row, int column) const {
    if (is_null(row, column)) return 0;
    const char* v = PQgetvalue(r_, row, column);
    std::int64_t out = 0;
    const auto [end, ec] = std::from_chars(v, v + PQgetlength(r_, row, column), out);
    if (ec != std::errc{}) throw StoreError("the database returned '" + text(row, column) + "' where a number belongs", false);
    return out;
}
bool Result::boolean(int row, int column) const {
    const auto v = text(row, column);
    return v == "t" || v == "1" || v == "true";
}
std::string Result::bytes(int row, int column) const {
    if (is_null(row, column)) return {};
    std::size_t length = 0;
    unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r_, row, column)), &length);
    if (!raw) throw StoreError("a bytea value could not be decoded", false);
    std::string out(reinterpret_cast<const char*>(raw), length);
    PQfreemem(raw);
    return out;
}

Conn::Conn(const std::string& uri) {
    // Defaults first: anything the URI says itself wins (libpq reads the list in order).
    const std::string timeout = std::to_string(kConnectTimeoutSeconds);
    const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {timeout.c_str(), "junheng-bureau", uri.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (!conn_) throw Error("cannot connect to PostgreSQL: out of memory", "", true);
    if (PQstatus(conn_) != CONNECTION_OK) {
        const std::string why = trimmed(PQerrorMessage(conn_));
        PQfinish(conn_);
        conn_ = nullptr;
        throw Error("cannot connect to PostgreSQL: " + why, "", true);
    }
    PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
    try {
        exec("SET statement_timeout = " + std::to_string(kStatementTimeoutMs) +
             "; SET idle_in_transaction_session_timeout = " + std::to_string(kIdleInTransactionTimeoutMs) +
             "; SET client_min_messages = warning; SET TIME ZONE 'UTC'");
    } catch (...) {
        PQfinish(conn_);   // the destructor does not run for a constructor that throws
        conn_ = nullptr;
        throw;
    }
}

Conn::~Conn() {
    if (conn_) PQfinish(conn_);
}

void Conn::fail(const std::string& context, PGresult* result) {
    std::string state, message;
    if (result) {
        if (const char* s = PQresultErrorField(result, PG_DIAG_SQLSTATE)) state = s;
        message = trimmed(PQresultErrorMessage(result));
        PQclear(result);
    }
    if (message.empty()) message = trimmed(PQerrorMessage(conn_));
    throw Error(context + ": " + message, state, transient(state) || PQstatus(conn_) != CONNECTION_OK);
}

void Conn::exec(std::string_view sql) {
    const std::string text(sql);
    PGresult* r = PQexec(conn_, text.c_str());
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail("running " + text.substr(0, 60), r);
    PQclear(r);
}

Result Conn::query(const std::string& sql, const Params& params) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
        const std::string name = "jh" + std::to_string(prepared_.size() + 1);
        PGresult* r = PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
        if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) fail("preparing " + sql.substr(0, 60), r);
        PQclear(r);
        it = prepared_.emplace(sql, name).first;
    }
    const auto pointers = params.pointers();
    PGresult* r = PQexecPrepared(conn_, it->second.c_str(), params.size(), pointers.data(), params.lengths().data(),
                                 params.formats().data(), 0);
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail("running " + sql.substr(0, 60), r);
    return Result(r);
}

bool Conn::reusable() const {
    return conn_ && PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

Tx::Tx(Conn& conn) : conn_(conn) { conn_.exec("BEGIN"); }
Tx::~Tx() {
    if (!open_) return;
    // A failed ROLLBACK (the connection gone) leaves the connection unusable: not pooled again.
    PGresult* r = PQexec(conn_.get(), "ROLLBACK");
    PQclear(r);
}
void Tx::commit() {
    conn_.exec("COMMIT");
    open_ = false;
}

}  // namespace jh::sync::receiver::pg
