// SqliteReceiverStore's verbs for the web page (schema/0006_web.sql): signed-in sessions, kept
// by the hash of their id, and the wrong-password counts that slow and lock sign-in. Every
// write is one transaction, so two serve processes counting failures on one store never lose
// a count.
#include "sync/receiver/sqlite_store.hpp"

namespace jh::sync::receiver {

void SqliteReceiverStore::add_web_session(const WebSession& session, const std::string& expired_before) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt(*db, "DELETE FROM web_session WHERE last_seen_at < ?").bind(1, expired_before).run();
    Stmt(*db, "INSERT INTO web_session(id_hash, user_name, created_at, last_seen_at, address) VALUES (?, ?, ?, ?, ?)")
        .bind(1, session.id_hash)
        .bind(2, session.user)
        .bind(3, session.created_at)
        .bind(4, session.last_seen_at)
        .bind(5, session.address)
        .run();
    tx.commit();
}

std::optional<WebSession> SqliteReceiverStore::web_session(const std::string& id_hash) {
    Lease db(*this);
    Stmt s(*db, "SELECT id_hash, user_name, created_at, last_seen_at, address FROM web_session WHERE id_hash = ?");
    s.bind(1, id_hash);
    if (!s.step()) return std::nullopt;
    return WebSession{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)};
}

void SqliteReceiverStore::touch_web_session(const std::string& id_hash, const std::string& now) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt(*db, "UPDATE web_session SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?").bind(1, now).bind(2, id_hash).bind(3, now).run();
    tx.commit();
}

void SqliteReceiverStore::end_web_session(const std::string& id_hash) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt(*db, "DELETE FROM web_session WHERE id_hash = ?").bind(1, id_hash).run();
    tx.commit();
}

namespace {
SigninFailures read_failures(Db& db, const std::string& key) {
    Stmt s(db, "SELECT failures, first_at, last_failure_at FROM web_signin_failure WHERE key = ?");
    s.bind(1, key);
    if (!s.step()) return {};
    return {static_cast<int>(s.integer(0)), s.text(1), s.text(2)};
}
}  // namespace

SigninFailures SqliteReceiverStore::signin_failures(const std::string& key) {
    Lease db(*this);
    return read_failures(*db, key);
}

SigninFailures SqliteReceiverStore::add_signin_failure(const std::string& key, const std::string& now, const std::string& window_start) {
    Lease db(*this);
    WriteTx tx(*db);   // read under the write lock: a failure counted by another process meanwhile waits
    const auto held = read_failures(*db, key);
    if (held.failures == 0 || held.last_failure_at < window_start) {
        Stmt(*db, "INSERT INTO web_signin_failure(key, failures, first_at, last_failure_at) VALUES (?, 1, ?, ?) "
                  "ON CONFLICT(key) DO UPDATE SET failures = 1, first_at = excluded.first_at, last_failure_at = excluded.last_failure_at")
            .bind(1, key)
            .bind(2, now)
            .bind(3, now)
            .run();
    } else {
        Stmt(*db, "UPDATE web_signin_failure SET failures = failures + 1, last_failure_at = ? WHERE key = ?").bind(1, now).bind(2, key).run();
    }
    auto stored = read_failures(*db, key);
    tx.commit();
    return stored;
}

void SqliteReceiverStore::clear_signin_failures(const std::string& key) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt(*db, "DELETE FROM web_signin_failure WHERE key = ?").bind(1, key).run();
    tx.commit();
}

}  // namespace jh::sync::receiver
