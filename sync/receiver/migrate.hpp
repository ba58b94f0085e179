// `junheng-bureau migrate-store --from PATH.db --to STORE`: moves a county's whole receiver
// store into another store — typically a city's or province's PostgreSQL database that already
// serves other counties (docs/postgresql.md "Moving a county up").
//
// What moves, per school, in one transaction of the target with the record that it moved: the
// school, its enrolment codes (hashes), terminals and keys, every stream and entry, the live
// copy and its flags, every submission version with its bytes, its review decisions, the USB
// files imported and the reply file number. Once per move: the county's rule packs, its staff
// accounts (those whose name the target does not hold), its deadlines (years the target has
// none for), and its receiver key — the moved terminals pinned it, so the target signs every
// reply, inbox item and file for them with it (receiver.hpp signing_key, school_inbox). Not
// moved: web sessions and sign-in counts (staff sign in again), relay state.
//
// Safe to run again: a school the target holds as moved from this same county with the same
// chain (the county's streams a prefix of the target's, its versions held alike) is skipped;
// any other school of the county already in the target refuses the whole move before anything
// is written. A run stopped half-way leaves whole schools only; the next run moves the rest.
// After moving, every school is verified in the target: each stream's hash chain recomputed,
// counts against the county's, the inbox as its terminal will read it identical to the
// county's (same seqs, same signatures).
#pragma once
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sync/receiver/store.hpp"

namespace jh::sync::receiver {

// The move cannot start: a school conflicts, the source is not a county's store, … Nothing
// was written to the target.
class MoveRefused : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct MoveOptions {
    std::string source;                    // the county's store as named on the command line (recorded)
    std::optional<int> stop_after;         // fault injection (tests): stop after moving this many schools
};

// Totals over the county's schools, in the county's store or in the target.
struct MoveCounts {
    std::int64_t schools = 0, codes = 0, terminals = 0, streams = 0, entries = 0, live_records = 0, flags = 0,
                 submissions = 0, decisions = 0, upload_files = 0;
    bool operator==(const MoveCounts&) const = default;
};

struct MoveReport {
    int moved = 0;                         // schools moved by this run
    int already = 0;                       // schools found moved by an earlier run
    bool stopped = false;                  // stop_after reached: run again to finish
    int packs = 0, users_added = 0, deadlines_added = 0;
    std::vector<std::string> notes;        // what was kept or left, in words
    MoveCounts source, target;
    std::vector<std::string> problems;     // verification failures (empty: verified)
};

// A county's inbox item as the target store keeps it: at its seq + the origin's inbox_offset,
// signed with the target's own key like every row. Throws std::runtime_error for an item past
// the county's last seq when the move began (the county's receiver was used meanwhile).
protocol::InboxItem moved_inbox_item(protocol::InboxItem item, const ReceiverOrigin& origin, const protocol::KeyPair& key);

// Throws MoveRefused (nothing written) or StoreError / std::exception from a store (the
// schools moved before it stay moved; run again). `progress` gets one line per school.
MoveReport migrate_store(ReceiverStore& from, ReceiverStore& to, const MoveOptions& options, std::ostream& progress);

// The target holds `moved` as `county` left it: every stream of the county a prefix of the
// target's with the same entries, every version alike, every decision. Empty: the same.
std::string history_difference(const SchoolHistory& county, const SchoolHistory& moved);

// Recomputes each stream's hash chain of a school as held; "" or the first problem.
std::string chain_problem(const SchoolHistory& history);

}  // namespace jh::sync::receiver
