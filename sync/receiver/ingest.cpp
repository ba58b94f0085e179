// plan_ingest: the batch rules of docs/sync-protocol.md as one pure function; see ingest.hpp.
#include "sync/receiver/ingest.hpp"

#include "domain/audit_entry.hpp"
#include "sync/receiver/records.hpp"

namespace jh::sync::receiver {

IngestPlan plan_ingest(const StreamState& state, const protocol::Batch& batch, const std::vector<std::string>& hashes) {
    IngestPlan plan;
    const protocol::Link held_tip = state.known ? state.tip : protocol::Link{0, domain::audit_genesis_hash()};
    plan.acked = held_tip;

    // Compare what the batch covers (the link it continues and each entry) with what is held.
    bool conflict = false, all_held = true;
    if (batch.after.seq > 0) {
        auto it = state.held.find(batch.after.seq);
        if (it == state.held.end()) all_held = false;
        else if (it->second.hash != batch.after.hash) conflict = true;
    }
    for (std::size_t i = 0; i < batch.entries.size(); ++i) {
        auto it = state.held.find(batch.entries[i].seq);
        if (it == state.held.end()) all_held = false;
        else if (it->second.hash != hashes[i]) conflict = true;
    }
    // An archived stream answers fork to everything, even an exact replay: a terminal still on
    // it (an old database file copied back by hand) must move to a new stream, or it would be
    // told it is in sync while the bureau's live copy is another stream's (found by the model
    // check, sync/protocol/sync.pml). A late duplicate of an old batch gets the 409 unread.
    if (conflict || (state.known && !state.live)) {
        plan.kind = IngestKind::Fork;
        return plan;
    }
    if (all_held) {
        plan.kind = IngestKind::Unchanged;
        for (const auto& e : batch.entries) {
            const auto& held = state.held.at(e.seq);
            if (held.flag) plan.flags.push_back({e.seq, held.table, held.record_id, *held.flag});
        }
        return plan;
    }
    if (batch.after.seq > held_tip.seq) {
        plan.kind = IngestKind::Gap;
        return plan;
    }

    // after.seq ≤ the held tip and everything held matches: apply what lies beyond the tip.
    plan.kind = IngestKind::Apply;
    plan.new_stream = !state.known;
    std::optional<domain::School> school;
    if (!plan.new_stream && state.school_json) school = decode_school(*state.school_json);
    for (std::size_t i = 0; i < batch.entries.size(); ++i) {
        const auto& e = batch.entries[i];
        if (e.seq <= held_tip.seq) continue;
        PlannedEntry p{i, hashes[i], entry_flag(e, school)};
        if (p.flag) plan.flags.push_back({e.seq, e.table, e.record_id, *p.flag});
        plan.entries.push_back(std::move(p));
    }
    plan.acked = batch.tip;
    return plan;
}

}  // namespace jh::sync::receiver
