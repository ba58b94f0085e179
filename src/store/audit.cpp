// Audit entries: appending, reading and verifying the chain (the hash rule is domain::audit_hash).
#include "store/audit.hpp"

#include "store/clock.hpp"

namespace jh::store {
namespace {

const std::string kColumns =
    "SELECT seq, at, operator_name, table_name, record_id, action, old_json, new_json, prev_hash, hash FROM audit";

AuditEntry read_entry(const Statement& s) {
    return AuditEntry{s.integer(0), s.text(1), s.text(2), s.text(3), s.integer(4),
                      s.text(5),    s.text(6), s.text(7), s.text(8), s.text(9)};
}

}  // namespace

const std::string& AuditLog::genesis_hash() { return domain::audit_genesis_hash(); }

std::string AuditLog::hash_of(const AuditEntry& e) { return domain::audit_hash(e); }

void AuditLog::append(std::string_view operator_name, std::string_view table, Id record_id, std::string_view action,
                      std::string old_json, std::string new_json) {
    AuditEntry e;
    const Tip& last = tip();
    e.seq = last.seq + 1;
    e.prev_hash = last.hash;
    e.at = utc_now_iso();
    e.operator_name = operator_name;
    e.table = table;
    e.record_id = record_id;
    e.action = action;
    e.old_json = std::move(old_json);
    e.new_json = std::move(new_json);
    e.hash = hash_of(e);
    {
        // The entry outlives the statement's run, so its texts are bound without copies.
        auto insert = statements_.use(
            "INSERT INTO audit (seq, at, operator_name, table_name, record_id, action, old_json, new_json, prev_hash, "
            "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert->bind(1, e.seq).bind_unowned(2, e.at).bind_unowned(3, e.operator_name).bind_unowned(4, e.table);
        insert->bind(5, e.record_id).bind_unowned(6, e.action).bind_unowned(7, e.old_json);
        insert->bind_unowned(8, e.new_json).bind_unowned(9, e.prev_hash).bind_unowned(10, e.hash);
        insert->run();
    }
    tip_ = Tip{e.seq, std::move(e.hash), db_.epoch()};
}

const AuditLog::Tip& AuditLog::tip() {
    // Inside one transaction only this connection appends, so the last entry written is the
    // tip until the transaction ends or rolls back (either renews the epoch).
    if (tip_ && db_.in_transaction() && tip_->epoch == db_.epoch()) return *tip_;
    auto last = statements_.use("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (last->step()) tip_ = Tip{last->integer(0), last->text(1), db_.epoch()};
    else tip_ = Tip{0, genesis_hash(), db_.epoch()};
    return *tip_;
}

std::vector<AuditEntry> AuditLog::query(const std::string& where, const std::vector<domain::Value>& params) const {
    auto s = statements_.use(kColumns + " WHERE " + where);
    for (std::size_t i = 0; i < params.size(); ++i) s->bind(static_cast<int>(i) + 1, params[i]);
    std::vector<AuditEntry> out;
    while (s->step()) out.push_back(read_entry(*s));
    return out;
}

std::vector<AuditEntry> AuditLog::history(const std::string& table, Id record_id) const {
    return query("table_name = ? AND record_id = ? ORDER BY seq", {table, record_id});
}

std::vector<AuditEntry> AuditLog::since(std::int64_t seq, std::size_t limit) const {
    return query("seq > ? ORDER BY seq LIMIT ?", {seq, static_cast<std::int64_t>(limit)});
}

ChainReport AuditLog::verify() const {
    ChainReport report;
    std::string expected_prev = genesis_hash();
    std::int64_t last_seq = 0;
    Statement all(db_.get(), kColumns + " ORDER BY seq");
    while (all.step()) {
        const AuditEntry e = read_entry(all);
        ++report.entries;
        last_seq = e.seq;
        if (report.intact && (e.prev_hash != expected_prev || e.hash != hash_of(e))) {
            report.intact = false;
            report.first_bad_seq = e.seq;
        }
        expected_prev = e.hash;
    }
    // AUTOINCREMENT remembers the highest seq ever written: entries cut off the end show here.
    const std::string highest = db_.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'audit'");
    if (report.intact && !highest.empty() && std::stoll(highest) > last_seq) {
        report.intact = false;
        report.first_bad_seq = last_seq + 1;
    }
    return report;
}

}  // namespace jh::store
