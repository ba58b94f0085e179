// What the sync client keeps in the school database (schema/0004_sync.sql): the change feed with
// each entry's schema version, the terminal's own sync state (stream id, enrolment, the
// acknowledged link; not audited, never synced) and the frozen submissions.
#include <sqlite3.h>

#include "store/clock.hpp"
#include "store/schema.hpp"
#include "store/store_impl.hpp"

namespace jh::store {

std::vector<FeedEntry> Store::feed_since(std::int64_t seq, std::size_t limit) const {
    return impl_->audit.feed(seq, limit);
}

std::optional<AuditEntry> Store::audit_entry(std::int64_t seq) const {
    return impl_->audit.entry(seq);
}

std::pair<std::int64_t, std::string> Store::audit_tip() const {
    auto s = impl_->statements.use("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (!s->step()) return {0, AuditLog::genesis_hash()};
    return {s->integer(0), s->text(1)};
}

std::int64_t Store::count_since(std::int64_t seq) const {
    auto s = impl_->statements.use("SELECT count(*) FROM audit WHERE seq > ?");
    s->bind(1, seq);
    s->step();
    return s->integer(0);
}

std::map<Id, std::int64_t> Store::last_change_seq(const std::string& table) const {
    // The audit_record index (table_name, record_id) serves the grouping.
    auto s = impl_->statements.use("SELECT record_id, max(seq) FROM audit WHERE table_name = ? GROUP BY record_id");
    s->bind(1, table);
    std::map<Id, std::int64_t> out;
    while (s->step()) out.emplace(s->integer(0), s->integer(1));
    return out;
}

SyncState Store::sync_state() const {
    auto s = impl_->statements.use(
        "SELECT stream, receiver_url, receiver_key, acked_seq, acked_hash, last_reply_at, last_error FROM sync_state "
        "WHERE id = 1");
    if (!s->step()) throw std::logic_error("sync_state has no row (schema/0004_sync.sql makes it)");
    SyncState state;
    state.stream = s->text(0);
    state.receiver_url = s->text(1);
    state.receiver_key = s->text(2);
    if (!s->is_null(3)) {
        state.acked_seq = s->integer(3);
        state.acked_hash = s->text(4);
    }
    state.last_reply_at = s->text(5);
    state.last_error = s->text(6);
    return state;
}

void Store::set_enrolment(const std::string& receiver_url, const std::string& receiver_key) {
    Transaction tx(impl_->db);
    auto s = impl_->statements.use(
        "UPDATE sync_state SET receiver_url = ?, receiver_key = ?, acked_seq = NULL, acked_hash = NULL, "
        "last_error = '' WHERE id = 1");
    s->bind(1, receiver_url).bind(2, receiver_key);
    s->run();
    tx.commit();
}

bool Store::set_acked(const std::string& stream, std::int64_t seq, const std::string& hash,
                      const std::string& receiver_time) {
    Transaction tx(impl_->db);
    auto s = impl_->statements.use(
        "UPDATE sync_state SET acked_seq = ?, acked_hash = ?, last_reply_at = ? WHERE id = 1 AND stream = ?");
    s->bind(1, seq).bind(2, hash).bind(3, receiver_time).bind(4, stream);
    s->run();
    const bool changed = sqlite3_changes(impl_->db.get()) == 1;
    tx.commit();
    return changed;
}

void Store::forget_acked() {
    impl_->db.exec("UPDATE sync_state SET acked_seq = NULL, acked_hash = NULL WHERE id = 1");
}

std::string Store::start_new_stream() {
    Transaction tx(impl_->db);
    auto s = impl_->statements.use(
        "UPDATE sync_state SET stream = lower(hex(randomblob(16))), acked_seq = 0, acked_hash = ? WHERE id = 1");
    s->bind(1, AuditLog::genesis_hash());
    s->run();
    auto stream = impl_->db.scalar("SELECT stream FROM sync_state WHERE id = 1");
    tx.commit();
    return stream;
}

void Store::set_sync_result(const std::string& error, const std::string& receiver_time) {
    auto s = impl_->statements.use(
        "UPDATE sync_state SET last_error = ?, last_reply_at = CASE WHEN ? = '' THEN last_reply_at ELSE ? END "
        "WHERE id = 1");
    s->bind(1, error).bind(2, receiver_time).bind(3, receiver_time);
    s->run();
}

std::vector<StoredSubmission> Store::submissions() const {
    auto s = impl_->statements.use(
        "SELECT year, version, snapshot, sha256, signature, created_at, coalesce(delivered_at, ''), "
        "coalesce(received_at, '') FROM submission ORDER BY year, version");
    std::vector<StoredSubmission> out;
    while (s->step())
        out.push_back(StoredSubmission{static_cast<int>(s->integer(0)), static_cast<int>(s->integer(1)), s->text(2),
                                       s->text(3), s->text(4), s->text(5), s->text(6), s->text(7)});
    return out;
}

void Store::mark_submission_delivered(int year, int version, const std::string& received_at) {
    auto s = impl_->statements.use(
        "UPDATE submission SET delivered_at = ?, received_at = ? WHERE year = ? AND version = ? AND received_at IS NULL");
    s->bind(1, utc_now_iso()).bind(2, received_at).bind(3, std::int64_t{year}).bind(4, std::int64_t{version});
    s->run();
}

}  // namespace jh::store
