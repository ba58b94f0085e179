// The terminal's state of sync by USB file (schema/0006_files.sql): the by-file enrolment, the
// upload and reply file numbers, and a reply file's facts applied in one transaction.
#include <sqlite3.h>

#include "store/clock.hpp"
#include "store/store_impl.hpp"

namespace jh::store {

FileSyncState Store::file_sync_state() const {
    auto s = impl_->statements.use("SELECT enrol_code, upload_file_number, reply_file_number FROM sync_state WHERE id = 1");
    if (!s->step()) throw std::logic_error("sync_state has no row (schema/0004_sync.sql makes it)");
    return {s->text(0), s->integer(1), s->integer(2)};
}

void Store::set_file_enrolment(const std::string& receiver_key, const std::string& code) {
    Transaction tx(impl_->db);
    auto s = impl_->statements.use(
        "UPDATE sync_state SET receiver_url = '', receiver_key = ?, enrol_code = ?, acked_seq = NULL, acked_hash = NULL, "
        "last_error = '' WHERE id = 1");
    s->bind(1, receiver_key).bind(2, code);
    s->run();
    tx.commit();
}

std::int64_t Store::take_upload_number() {
    Transaction tx(impl_->db);
    impl_->db.exec("UPDATE sync_state SET upload_file_number = upload_file_number + 1 WHERE id = 1");
    const auto number = std::stoll(impl_->db.scalar("SELECT upload_file_number FROM sync_state WHERE id = 1"));
    tx.commit();
    return number;
}

bool Store::apply_file_reply(const FileReply& reply) {
    Transaction tx(impl_->db);
    if (std::stoll(impl_->db.scalar("SELECT reply_file_number FROM sync_state WHERE id = 1")) >= reply.number) return false;
    auto s = impl_->statements.use(
        "UPDATE sync_state SET reply_file_number = ?, last_reply_at = ?, last_error = '', "
        "enrol_code = CASE WHEN ? THEN '' ELSE enrol_code END WHERE id = 1");
    s->bind(1, reply.number).bind(2, reply.receiver_time).bind(3, std::int64_t{reply.enrolment_confirmed ? 1 : 0});
    s->run();
    if (reply.acked_seq) {
        auto a = impl_->statements.use("UPDATE sync_state SET acked_seq = ?, acked_hash = ? WHERE id = 1 AND stream = ?");
        a->bind(1, *reply.acked_seq).bind(2, reply.acked_hash).bind(3, reply.stream);
        a->run();
    }
    for (const auto& d : reply.delivered) {
        auto m = impl_->statements.use(
            "UPDATE submission SET delivered_at = ?, received_at = ? WHERE year = ? AND version = ? AND received_at IS NULL");
        m->bind(1, utc_now_iso()).bind(2, d.received_at).bind(3, std::int64_t{d.year}).bind(4, std::int64_t{d.version});
        m->run();
    }
    tx.commit();
    return true;
}

}  // namespace jh::store
