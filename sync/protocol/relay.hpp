// The relay: a county receiver passing its accepted submissions and its schools' states up to
// the city's receiver (and a city's to the province's), and taking the decisions made up there
// back down. The same protocol as terminal <-> receiver, with the downstream receiver in the
// terminal's place: it enrols once with a one-time code (`junheng-bureau county add` on the
// upstream, `junheng-bureau upstream` on the downstream), signs every request with its own relay
// key over protocol::request_signed_text (its 6-digit region code in the SCHOOL slot, named by
// the Junheng-Relay header instead of Junheng-School), and counts a reply only when the
// upstream's Junheng-Reply-Signature verifies with the key pinned at enrolment. Request bodies
// are compressed as every request of the protocol (kRequestMediaType). docs/sync-protocol.md
// "Relay" says the same in prose.
//
// A forwarded submission is the school's frozen snapshot bytes unchanged, with the school's
// signature and public key: the upstream verifies the school's own signature, not only the
// county's.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/messages.hpp"
#include "sync/protocol/protocol.hpp"

namespace jh::sync::protocol::relay {

// ---- paths ----
inline constexpr std::string_view kPathPrefix = "/v1/relay/";
inline constexpr std::string_view kPathEnrol = "/v1/relay/enrol";            // POST EnrolRequest (signed by the key it enrols)
inline constexpr std::string_view kPathSubmission = "/v1/relay/submission";  // POST Submission
inline constexpr std::string_view kPathSchools = "/v1/relay/schools";        // POST Schools
inline constexpr std::string_view kPathDecisions = "/v1/relay/decisions";    // GET ?after=SEQ: protocol::InboxReply
// The decisions reply is an InboxReply: the upstream's own decision items (signed by its key)
// about the schools this member answers for, seq > after, at most kMaxDecisions, `more` when
// more follow. The downstream stores each as its own inbox item, signed by its own key, so its
// terminals verify them with the key they pinned.
// Its `by` is the upstream reviewer's name with this suffix, so the school and the county's
// staff see the decision was taken above the county (the terminal's window words it in Chinese).
inline constexpr std::string_view kUpstreamBySuffix = " (upstream)";

// ---- headers ----
// The downstream receiver's 6-digit region code (行政区划代码), as the upstream registered it.
inline constexpr std::string_view kHeaderMember = "Junheng-Relay";

// ---- limits ----
inline constexpr std::size_t kMaxSchools = 20000;        // schools in one Schools message (a province's)
inline constexpr std::size_t kMaxDecisions = 200;        // decisions in one reply ("more" says more follow)

// ---- JSON keys (beside protocol::key's) ----
namespace key {
inline constexpr std::string_view kMember = "member";
inline constexpr std::string_view kCounty = "county";
inline constexpr std::string_view kSchoolName = "school_name";
inline constexpr std::string_view kSchoolKey = "school_key";
inline constexpr std::string_view kAcceptedAt = "accepted_at";
inline constexpr std::string_view kAcceptedBy = "accepted_by";
inline constexpr std::string_view kSchools = "schools";
inline constexpr std::string_view kReview = "review";
inline constexpr std::string_view kLate = "late";
inline constexpr std::string_view kCount = "count";
}  // namespace key

// The review state of a school year as a county reports it up (SchoolState::review).
namespace review {
inline constexpr std::string_view kNone = "none";            // nothing submitted
inline constexpr std::string_view kSubmitted = "submitted";  // the latest version awaits a decision
inline constexpr std::string_view kReturned = "returned";    // sent back, awaiting resubmission
inline constexpr std::string_view kAccepted = "accepted";
inline constexpr std::string_view kReopened = "reopened";    // an accepted year unlocked again
constexpr bool is_review(std::string_view r) {
    return r == kNone || r == kSubmitted || r == kReturned || r == kAccepted || r == kReopened;
}
}  // namespace review

// 6 digits: a region code (county, city or province).
bool is_region_code(std::string_view text);

// POST /v1/relay/enrol — the downstream's new relay key with the upstream's one-time code. The
// code alone names the member: the reply says which region code and name the upstream gave it.
struct EnrolRequest {
    std::string code;                  // the one-time code `county add` printed
    std::string public_key;            // base64 Ed25519: the downstream's relay key
};
struct EnrolReply {
    std::string member, name;          // as the upstream registered it
    std::string receiver_key;          // the upstream's key, pinned by the downstream
    std::string receiver_time;
};

// POST /v1/relay/submission — one accepted submission version of one school.
struct Submission {
    std::string member;                // the sender (= the Junheng-Relay header)
    std::string county;                // the county the school is registered at (= member when a county sends)
    std::string school, school_name;
    std::string school_key;            // base64 Ed25519: the school terminal's key that signed the snapshot
    int year = 0, version = 0;
    std::string sha256;                // hex of snapshot
    std::string signature;             // the school's signature over the snapshot bytes, unchanged
    std::string snapshot;              // the school's snapshot bytes, unchanged
    std::string accepted_at, accepted_by;   // the acceptance at the sender (its receiver time, its staff)
};
struct SubmissionReply {
    std::string result;                // result::kReceived or kUnchanged (sent twice: stored once)
    std::string school;
    int year = 0, version = 0;
    std::string received_at;           // upstream time of the first arrival
};

// POST /v1/relay/schools — every school the sender answers for and its state, replacing what
// the upstream held from that sender.
struct SchoolState {
    std::string code, name;
    std::string county;                // the county it is registered at
    std::string state;                 // "active" | "revoked"
    std::string last_seen;             // sender's receiver time of the school's last request ("" never)
    int year = 0, version = 0;         // its latest submission (0, 0: none)
    std::string review;                // review::k*, of that latest version
    bool late = false;                 // its first submission of `year` came after the deadline (or none yet and the deadline passed)
    bool operator==(const SchoolState&) const = default;
};
struct Schools {
    std::string member;
    std::vector<SchoolState> schools;
};
struct SchoolsReply {
    std::size_t count = 0;             // schools now held from this sender
    std::string receiver_time;
};

std::string encode(const EnrolRequest&);
std::string encode(const EnrolReply&);
std::string encode(const Submission&);
std::string encode(const SubmissionReply&);
std::string encode(const Schools&);
std::string encode(const SchoolsReply&);

EnrolRequest decode_enrol_request(std::string_view json);
EnrolReply decode_enrol_reply(std::string_view json);
Submission decode_submission(std::string_view json);
SubmissionReply decode_submission_reply(std::string_view json);
Schools decode_schools(std::string_view json);
SchoolsReply decode_schools_reply(std::string_view json);

}  // namespace jh::sync::protocol::relay
