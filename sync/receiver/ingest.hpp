// What the receiver does with one batch, as a pure function of what it holds of the batch's
// stream: apply (the part beyond its tip), answer "unchanged" (an exact replay), 412 gap (it is
// behind), or 409 fork (it holds other content at a seq the batch covers or continues; or the
// stream is archived). docs/sync-protocol.md, "What the receiver answers to a batch". The
// store reads the state and applies the plan in one transaction; keeping the decision here
// makes it testable without a database and the same for every store implementation.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sync/protocol/messages.hpp"

namespace jh::sync::receiver {

// An entry the receiver already holds.
struct HeldEntry {
    std::string hash;
    std::string table;
    std::int64_t record_id = 0;
    std::optional<std::string> flag;
};

// What the store holds of the batch's stream.
struct StreamState {
    bool known = false;                    // the stream exists at this school
    bool live = false;                     // it is the school's live stream (else archived)
    protocol::Link tip;                    // its tip; seq 0 (genesis) when unknown
    // Held entries at the seqs the batch covers or continues: after.seq (when > 0) … tip.seq.
    std::map<std::int64_t, HeldEntry> held;
    // The live copy's school record (validation context for the batch's records), when the
    // stream is live and holds one.
    std::optional<std::string> school_json;
};

enum class IngestKind { Apply, Unchanged, Gap, Fork };

struct PlannedEntry {
    std::size_t index = 0;                 // into batch.entries
    std::string hash;
    std::optional<std::string> flag;
};

struct IngestPlan {
    IngestKind kind = IngestKind::Unchanged;
    protocol::Link acked;                  // the tip after applying (Apply) or the tip held
    bool new_stream = false;               // Apply to an unknown stream: it becomes the live one
    std::vector<PlannedEntry> entries;     // Apply: the entries beyond the held tip, in order
    std::vector<protocol::Flag> flags;     // raised by the batch's entries (Apply, Unchanged)
};

// `hashes` are the batch's recomputed chain hashes (protocol::chain_hashes).
IngestPlan plan_ingest(const StreamState& state, const protocol::Batch& batch, const std::vector<std::string>& hashes);

// What a store's ingest returns (after the commit, for Apply).
struct IngestResult {
    IngestKind kind = IngestKind::Unchanged;
    protocol::Link acked;
    std::vector<protocol::Flag> flags;
};

}  // namespace jh::sync::receiver
