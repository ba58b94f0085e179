// The review cycle in the school database (schema/0005_review.sql): the receiver's verified inbox
// items as received, a decision's effect on its school year taken in the transaction that records
// it, and each submitted year's review state read from its versions and decisions.
#include <sqlite3.h>

#include "store/clock.hpp"
#include "store/store_impl.hpp"

namespace jh::store {
namespace {

constexpr const char* kInsertItem =
    "INSERT INTO inbox_item (receiver_key, seq, kind, school, year, version, decision, text, by_name, at, pack_id, "
    "pack_sha256, signature, received_at, outcome) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
    "ON CONFLICT (receiver_key, seq) DO NOTHING";

constexpr const char* kSelectItem =
    "SELECT receiver_key, seq, kind, school, year, version, decision, text, by_name, at, pack_id, pack_sha256, "
    "signature, received_at, outcome FROM inbox_item ";

InboxRecord read_item(Statement& s) {
    InboxRecord r;
    r.receiver_key = s.text(0);
    r.seq = s.integer(1);
    r.kind = s.text(2);
    r.school = s.text(3);
    r.year = static_cast<int>(s.integer(4));
    r.version = static_cast<int>(s.integer(5));
    r.decision = s.text(6);
    r.text = s.text(7);
    r.by = s.text(8);
    r.at = s.text(9);
    r.pack_id = s.text(10);
    r.pack_sha256 = s.text(11);
    r.signature = s.text(12);
    r.received_at = s.text(13);
    r.outcome = s.text(14);
    return r;
}

const char* outcome_word(DecisionOutcome o) {
    switch (o) {
    case DecisionOutcome::Applied: return "applied";
    case DecisionOutcome::OlderVersion: return "older_version";
    case DecisionOutcome::UnknownVersion: return "unknown_version";
    case DecisionOutcome::Replayed: return "replayed";
    }
    return "applied";
}

}  // namespace

DecisionOutcome Store::record_decision(InboxRecord item) {
    return refusing_constraints([&] {
        Transaction tx(impl_->db);
        if (inbox_item_held(item.receiver_key, item.seq)) return DecisionOutcome::Replayed;
        auto latest = impl_->statements.use("SELECT coalesce(max(version), 0) FROM submission WHERE year = ?");
        latest->bind(1, std::int64_t{item.year});
        latest->step();
        const int latest_version = static_cast<int>(latest->integer(0));
        latest->reset();
        DecisionOutcome outcome = DecisionOutcome::Applied;
        if (item.version < latest_version) outcome = DecisionOutcome::OlderVersion;
        else if (item.version > latest_version || item.version < 1) outcome = DecisionOutcome::UnknownVersion;
        item.outcome = outcome_word(outcome);
        record_inbox_item(item);   // a SAVEPOINT inside this transaction
        if (outcome == DecisionOutcome::Applied && (item.decision == "returned" || item.decision == "reopened")) {
            // The latest frozen version is sent back: the year is the school's to edit again, and
            // its next submission is version latest + 1. Audited as the bureau's act.
            if (auto before = impl_->year_row(item.year); before && before->status == domain::YearStatus::Submitted) {
                auto after = *before;
                after.status = domain::YearStatus::Draft;
                after.submitted_at.reset();
                const std::string saved = impl_->operator_name;
                impl_->operator_name = "bureau (" + item.by + ")";
                try {
                    impl_->update_row(*before, after);
                } catch (...) {
                    impl_->operator_name = saved;
                    throw;
                }
                impl_->operator_name = saved;
            }
        }
        tx.commit();
        return outcome;
    });
}

bool Store::record_inbox_item(InboxRecord item) {
    return refusing_constraints([&] {
        Transaction tx(impl_->db);
        item.received_at = utc_now_iso();
        auto s = impl_->statements.use(kInsertItem);
        s->bind(1, item.receiver_key).bind(2, item.seq).bind(3, item.kind).bind(4, item.school);
        s->bind(5, std::int64_t{item.year}).bind(6, std::int64_t{item.version}).bind(7, item.decision);
        s->bind(8, item.text).bind(9, item.by).bind(10, item.at).bind(11, item.pack_id).bind(12, item.pack_sha256);
        s->bind(13, item.signature).bind(14, item.received_at).bind(15, item.outcome);
        s->run();
        const bool inserted = sqlite3_changes(impl_->db.get()) == 1;
        tx.commit();
        return inserted;
    });
}

bool Store::inbox_item_held(const std::string& receiver_key, std::int64_t seq) const {
    auto s = impl_->statements.use("SELECT count(*) FROM inbox_item WHERE receiver_key = ? AND seq = ?");
    s->bind(1, receiver_key).bind(2, seq);
    s->step();
    return s->integer(0) > 0;
}

std::int64_t Store::inbox_cursor(const std::string& receiver_key) const {
    auto s = impl_->statements.use("SELECT coalesce(max(seq), 0) FROM inbox_item WHERE receiver_key = ?");
    s->bind(1, receiver_key);
    s->step();
    return s->integer(0);
}

std::vector<InboxRecord> Store::inbox_items() const {
    auto s = impl_->statements.use(std::string(kSelectItem) + "ORDER BY id");
    std::vector<InboxRecord> out;
    while (s->step()) out.push_back(read_item(*s));
    return out;
}

std::vector<YearReview> Store::reviews() const {
    std::vector<YearReview> out;
    {
        auto s = impl_->statements.use(
            "SELECT year, version, received_at IS NOT NULL FROM submission s WHERE version = "
            "(SELECT max(version) FROM submission t WHERE t.year = s.year) ORDER BY year");
        while (s->step()) {
            YearReview r;
            r.year = static_cast<int>(s->integer(0));
            r.version = static_cast<int>(s->integer(1));
            r.delivered = s->integer(2) != 0;
            r.state = "submitted";
            out.push_back(std::move(r));
        }
    }
    // The review state rule: the latest applied decision counts while it is about the latest
    // frozen version; a resubmission (a newer version) makes the year "submitted" again.
    auto d = impl_->statements.use(std::string(kSelectItem) +
                                   "WHERE kind = 'decision' AND outcome = 'applied' AND year = ? ORDER BY id DESC "
                                   "LIMIT 1");
    for (auto& r : out) {
        d->bind(1, std::int64_t{r.year});
        if (d->step()) {
            auto decision = read_item(*d);
            if (decision.version == r.version) {
                r.state = decision.decision;
                r.decision = std::move(decision);
            }
        }
        d->reset();
    }
    return out;
}

}  // namespace jh::store
