// The review state of a school year at the bureau: ONE rule, from the versions the school has
// submitted and the decisions the bureau took on them (returned / accepted / reopened), used
// by `junheng-bureau submissions`, the decision commands' preconditions, the county report,
// the relay and (issue 10) the web page. Pure functions: no store, no clock.
//
// The cycle, per school year (docs/bureau.md "Review cycle"):
//   a version arrives               -> received (or resubmitted, after a return or a reopening)
//   return (comment)                -> returned: the school edits and sends version N+1
//   accept                          -> accepted: the year stays locked at the school
//   reopen (reason, accepted only)  -> reopened: unlocked; the school sends version N+1
// Only the latest version received can be decided on, and only once per arrival: a returned
// or reopened version waits for a resubmission (it cannot be accepted as it is: the school
// has already been told to change it and its year is unlocked); an accepted one can only be
// reopened.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/protocol.hpp"
#include "sync/receiver/store.hpp"

namespace jh::sync::receiver {

// The state words, as printed by the CLI and written in JSON.
namespace review_state {
inline constexpr std::string_view kNotSubmitted = "not_submitted";   // no version of the year
inline constexpr std::string_view kReceived = "received";            // latest, undecided, first in its cycle
inline constexpr std::string_view kResubmitted = "resubmitted";      // latest, undecided, after a return or reopening
inline constexpr std::string_view kReturned = "returned";            // awaiting a resubmission
inline constexpr std::string_view kAccepted = "accepted";
inline constexpr std::string_view kReopened = "reopened";            // awaiting a resubmission
inline constexpr std::string_view kSuperseded = "superseded";        // (a version only) older, never decided on
}  // namespace review_state

// A state word (or a decision: returned, accepted, reopened) as Chinese staff read it, for the
// web page and anything else that shows them; an unknown word is returned as it is.
std::string review_state_zh(std::string_view state);

struct VersionReview {
    int version = 0;
    std::string received_at;
    std::string sha256;
    std::string state;             // review_state::… (never not_submitted)
    std::vector<Decision> decisions;   // taken on this version, in order
};

struct YearReview {
    std::string school;
    int year = 0;
    std::string state = std::string(review_state::kNotSubmitted);   // the latest version's state
    int latest = 0;                // latest version received (0: none)
    std::vector<VersionReview> versions;   // ascending

    const VersionReview* latest_version() const { return versions.empty() ? nullptr : &versions.back(); }
    // The last decision on the latest version, if any.
    const Decision* latest_decision() const;
    // When the school first submitted this year (version 1's arrival; "" when none).
    std::string first_received_at() const { return versions.empty() ? std::string() : versions.front().received_at; }
    bool submitted() const { return latest > 0; }
    bool awaiting_review() const { return state == review_state::kReceived || state == review_state::kResubmitted; }
    bool awaiting_resubmission() const { return state == review_state::kReturned || state == review_state::kReopened; }
};

// The review of one school year. `versions` and `decisions` may hold other schools' and
// years' rows: only (school, year)'s are taken; decisions are ordered by seq, and one on a
// version never received is ignored.
YearReview review_of(const std::string& school, int year, const std::vector<StoredSubmission>& versions,
                     const std::vector<Decision>& decisions);

// A school year against its deadline (YYYY-MM-DD, judged in receiver time, UTC, at `now`): on
// time when the first version arrived by the end of the deadline's day (a school returned and
// resubmitted after it stays on time: the return was the bureau's doing); late when it arrived
// after; overdue when nothing arrived and the deadline has passed. Without a deadline, or with
// nothing submitted before it passed, on_time is unknown (nullopt). The report and the relay's
// school states both judge with it.
struct Lateness {
    std::optional<bool> on_time;
    bool late = false, overdue = false;
};
Lateness lateness(const YearReview& review, const std::optional<std::string>& deadline, const std::string& now);

// Every decision the store holds (of one school, or of all), as review_of reads them (the
// inbox items of kind decision).
std::vector<Decision> decisions_of(ReceiverStore& store, const std::optional<std::string>& school);

// Whether `decision` (protocol::decision::k…) may be taken on `version` now: nullopt when it may,
// else the English reason it is refused (the CLI prints it; nothing is recorded).
std::optional<std::string> decision_refusal(const YearReview& review, std::string_view decision, int version);

}  // namespace jh::sync::receiver
