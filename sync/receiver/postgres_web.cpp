// PostgresReceiverStore: the web page's sessions and wrong-password counts (schema_pg/0006_web.sql),
// the same semantics as sqlite_web.cpp. Counting a failure is one upsert, atomic however many
// `serve` processes count at once.
#include "sync/receiver/postgres_store.hpp"

namespace jh::sync::receiver {

std::optional<std::string> PostgresReceiverStore::live_school_record(const std::string& school) {
    Lease c(*this);
    auto s = c->run("SELECT json FROM live_record WHERE school = $1 AND table_name = 'school' ORDER BY record_id LIMIT 1", school);
    if (s.empty()) return std::nullopt;
    return s.text(0, 0);
}

void PostgresReceiverStore::add_web_session(const WebSession& session, const std::string& expired_before) {
    write([&](pg::Conn& c) {
        c.run("DELETE FROM web_session WHERE last_seen_at < $1", expired_before);
        c.run("INSERT INTO web_session(id_hash, user_name, created_at, last_seen_at, address) VALUES ($1, $2, $3, $4, $5)",
              session.id_hash, session.user, session.created_at, session.last_seen_at, session.address);
    });
}

std::optional<WebSession> PostgresReceiverStore::web_session(const std::string& id_hash) {
    Lease c(*this);
    auto s = c->run("SELECT id_hash, user_name, created_at, last_seen_at, address FROM web_session WHERE id_hash = $1", id_hash);
    if (s.empty()) return std::nullopt;
    return WebSession{s.text(0, 0), s.text(0, 1), s.text(0, 2), s.text(0, 3), s.text(0, 4)};
}

void PostgresReceiverStore::touch_web_session(const std::string& id_hash, const std::string& now) {
    Lease c(*this);
    c->run("UPDATE web_session SET last_seen_at = $1 WHERE id_hash = $2 AND last_seen_at < $1", now, id_hash);
}

void PostgresReceiverStore::end_web_session(const std::string& id_hash) {
    Lease c(*this);
    c->run("DELETE FROM web_session WHERE id_hash = $1", id_hash);
}

SigninFailures PostgresReceiverStore::signin_failures(const std::string& key) {
    Lease c(*this);
    auto s = c->run("SELECT failures, first_at, last_failure_at FROM web_signin_failure WHERE key = $1", key);
    if (s.empty()) return {};
    return {static_cast<int>(s.integer(0, 0)), s.text(0, 1), s.text(0, 2)};
}

SigninFailures PostgresReceiverStore::add_signin_failure(const std::string& key, const std::string& now,
                                                         const std::string& window_start) {
    return write([&](pg::Conn& c) {
        // A count whose last failure is before the window starts again at 1.
        auto s = c.run("INSERT INTO web_signin_failure AS f(key, failures, first_at, last_failure_at) VALUES ($1, 1, $2, $2) "
                       "ON CONFLICT (key) DO UPDATE SET "
                       "failures = CASE WHEN f.last_failure_at < $3 THEN 1 ELSE f.failures + 1 END, "
                       "first_at = CASE WHEN f.last_failure_at < $3 THEN excluded.first_at ELSE f.first_at END, "
                       "last_failure_at = excluded.last_failure_at "
                       "RETURNING failures, first_at, last_failure_at",
                       key, now, window_start);
        return SigninFailures{static_cast<int>(s.integer(0, 0)), s.text(0, 1), s.text(0, 2)};
    });
}

void PostgresReceiverStore::clear_signin_failures(const std::string& key) {
    Lease c(*this);
    c->run("DELETE FROM web_signin_failure WHERE key = $1", key);
}

}  // namespace jh::sync::receiver
