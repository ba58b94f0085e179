// Sync protocol, version 1: THE contract between the school terminal (sync/client) and the
// bureau receiver (sync/receiver). Both ends include this header and nothing else defines a
// path, a header name, a status, a limit or a JSON key of the wire. docs/sync-protocol.md
// describes the same in prose; keep them together.
//
// Changing any value here that a deployed peer relies on (a path, a header or key name, a
// status's meaning, the signed-text layout, the synced tables) needs a version bump: kVersion
// goes to 2 and both ends learn to answer the older one or refuse it by name.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace jh::sync::protocol {

inline constexpr int kVersion = 1;

// ---- paths (every path starts with the version) ----
inline constexpr std::string_view kPathHello = "/v1/hello";            // GET, unsigned: reachability probe
inline constexpr std::string_view kPathEnrol = "/v1/enrol";            // POST EnrolRequest
inline constexpr std::string_view kPathTip = "/v1/tip";                // GET ?stream=ID
inline constexpr std::string_view kPathBatch = "/v1/batch";            // POST Batch
inline constexpr std::string_view kPathSubmission = "/v1/submission";  // POST Submission
inline constexpr std::string_view kPathStatus = "/v1/status";          // GET
inline constexpr std::string_view kPathInbox = "/v1/inbox";            // GET ?after=SEQ: decisions and packs
inline constexpr std::string_view kQueryStream = "stream";
inline constexpr std::string_view kQueryAfter = "after";

// ---- compression ----
// Request bodies are zlib streams made with this preset dictionary (deflateSetDictionary): the
// keys and words every batch repeats, so a one-edit batch costs ~100 bytes less on the wire. A
// stream made without it still inflates (no dictionary asked). Changing a single byte of it
// breaks every peer's inflation: it needs a version bump.
inline constexpr std::string_view kZlibDictionary =
    "\\\"code\\\":\\\"name\\\":\\\"county_code\\\":\\\"type\\\":\\\"location\\\":\\\"ownership\\\":"
    "\\\"boarding\\\":\\\"central_school_code\\\":\\\"status\\\":\\\"pupils_confirmed\\\":"
    "\\\"submitted_at\\\":\\\"charter\\\":\\\"digitised\\\":\\\"grade\\\":\\\"number\\\":"
    "\\\"pupils\\\":\\\"migrant\\\":\\\"left_behind\\\":\\\"disabled_in_regular\\\":"
    "\\\"disabled_other\\\":\\\"entry_year\\\":\\\"intake\\\":\\\"transferred_in\\\":"
    "\\\"transferred_out\\\":\\\"current\\\":\\\"person_id\\\":\\\"gender\\\":\\\"birth_year\\\":"
    "\\\"category\\\":\\\"education\\\":\\\"title\\\":\\\"subject\\\":\\\"pe\\\":\\\"music\\\":"
    "\\\"art\\\":\\\"backbone\\\":\\\"backbone_year\\\":\\\"certified\\\":\\\"rotation_eligible\\\":"
    "\\\"rotation\\\":\\\"counsellor\\\":\\\"date\\\":\\\"hours\\\":\\\"organiser\\\":"
    "\\\"topic\\\":\\\"kind\\\":\\\"owned\\\":\\\"within_walk\\\":\\\"quantity\\\":"
    "\\\"unit_value\\\":\\\"book_value\\\":\\\"acquired\\\":\\\"disposed\\\":"
    "\\\"public_budget\\\":\\\"training_spending\\\":\\\"special_ed_per_pupil\\\":"
    "\\\"funded_pupils\\\":\\\"use\\\":\\\"area\\\":\\\"safety\\\":\\\"built_year\\\":"
    "\\\"stage\\\":\\\"primary\\\",\\\"junior\\\",\\\"year\\\":2025}\",\"old\":\"{\\\"id\\\":"
    "\"op\":\"\",\"seq\":\"sv\":4,\"table\":\"building\"}],\"school\":\"\",\"stream\":\"\","
    "\"tip\":{\"hash\":\"\",\"seq\":},\"v\":1}"
    "{\"after\":{\"hash\":\"\",\"seq\":},\"entries\":[{\"action\":\"update\",\"at\":\"2026-\",\"id\":,"
    "\"new\":\"{\\\"id\\\":";

// ---- media types ----
// Request bodies are JSON compressed with zlib (RFC 1950), sent as this opaque type: never as
// Content-Encoding, which the receiver refuses (its HTTP library would inflate without a cap).
inline constexpr std::string_view kRequestMediaType = "application/vnd.junheng.v1+json+zlib";
// Replies are plain UTF-8 JSON (small; readable with curl).
inline constexpr std::string_view kReplyMediaType = "application/json";

// ---- headers ----
inline constexpr std::string_view kHeaderSchool = "Junheng-School";            // 10-digit school code
inline constexpr std::string_view kHeaderSignature = "Junheng-Signature";      // request signature, base64
inline constexpr std::string_view kHeaderReplySignature = "Junheng-Reply-Signature";  // reply signature, base64
// Signed texts (Ed25519, detached). Request: the school's key over
//   "junheng/1 request\n" METHOD "\n" TARGET "\n" SCHOOL "\n" hex-SHA-256(body as sent)
// (TARGET = path plus "?query" when there is one). Reply: the receiver's key over
//   "junheng/1 reply\n" STATUS "\n" REQUEST-SIGNATURE-BASE64-or-"-" "\n" hex-SHA-256(reply body)
// so a reply answers exactly one request and cannot be replayed onto another.
inline constexpr std::string_view kRequestSignedPrefix = "junheng/1 request\n";
inline constexpr std::string_view kReplySignedPrefix = "junheng/1 reply\n";
// An inbox item (a decision or a rule pack, receiver -> school) is signed on its own by the
// receiver's key, so it can travel in a reply or in a USB reply file alike:
//   "junheng/1 inbox\n" + the item's JSON (encode) without its "signature" key
inline constexpr std::string_view kInboxSignedPrefix = "junheng/1 inbox\n";

// ---- statuses the receiver answers (HTTP status codes) ----
enum Status : int {
    kOk = 200,                  // done, or "unchanged" for an exact replay (a success)
    kBadRequest = 400,          // malformed body, unknown protocol version (problem names which)
    kUnauthorized = 401,        // missing or wrong credential (unknown school, bad signature)
    kForbidden = 403,           // revoked terminal, other school's data, enrolment code used/wrong
    kNotFound = 404,            // unknown path
    kMethodNotAllowed = 405,
    kConflict = 409,            // fork: the receiver holds other content at a seq; start a new stream
    kLengthRequired = 411,      // a body without Content-Length
    kPreconditionFailed = 412,  // gap: the receiver is behind the link the batch continues; resend from its tip
    kPayloadTooLarge = 413,
    kUnsupportedMediaType = 415,  // Transfer-Encoding, Content-Encoding, or another media type
    kServiceUnavailable = 503,  // the store is busy or down: retry later
};

// ---- problem words (the "problem" key of an error reply; stable, for programs) ----
namespace problem {
inline constexpr std::string_view kMalformed = "malformed";
inline constexpr std::string_view kVersion = "version";
inline constexpr std::string_view kCredential = "credential";
inline constexpr std::string_view kRevoked = "revoked";
inline constexpr std::string_view kWrongSchool = "wrong_school";
inline constexpr std::string_view kEnrolmentCode = "enrolment_code";
inline constexpr std::string_view kFork = "fork";
inline constexpr std::string_view kGap = "gap";
inline constexpr std::string_view kSubmissionConflict = "submission_conflict";
inline constexpr std::string_view kNotFound = "not_found";
inline constexpr std::string_view kMethod = "method";
inline constexpr std::string_view kLengthRequired = "length_required";
inline constexpr std::string_view kTooLarge = "too_large";
inline constexpr std::string_view kMediaType = "media_type";
inline constexpr std::string_view kBusy = "busy";
}  // namespace problem

// ---- limits (both ends enforce them; the receiver refuses whole requests beyond them) ----
inline constexpr std::size_t kMaxRequestBytes = 4u << 20;        // a request body as sent (compressed)
inline constexpr std::size_t kMaxInflatedBytes = 32u << 20;      // what one body may inflate to
inline constexpr std::size_t kMaxEntriesPerBatch = 2000;         // the client splits longer outboxes
inline constexpr std::size_t kMaxEntryJsonBytes = 64u << 10;     // one old/new record text
inline constexpr std::size_t kMaxSnapshotBytes = 16u << 20;      // one submitted snapshot
inline constexpr std::size_t kMaxTextBytes = 1024;               // names, codes, ids, operator names
inline constexpr std::size_t kMaxCommentBytes = 16u << 10;       // a reviewer's comment or reason
inline constexpr std::size_t kMaxPackBytes = 1u << 20;           // one rule pack document
inline constexpr std::size_t kMaxInboxItems = 200;               // items per inbox reply ("more" says more follow)
inline constexpr int kReadTimeoutSeconds = 30;                   // receiver read/write timeouts
inline constexpr int kKeepAliveMaxCount = 100;
inline constexpr int kKeepAliveTimeoutSeconds = 5;

// ---- what leaves the terminal ----
// Audit entries of these tables travel whole (the school's data). Entries of any other table
// (operators: names and PIN hashes) travel as hash-only stubs, so the chain still verifies but
// nothing of them leaves. Drafts and settings are not audited and never travel.
inline constexpr std::array<std::string_view, 12> kSyncedTables = {
    "school", "school_year", "class",  "grade_roll", "cohort", "staff",
    "training", "building", "room", "ground", "equipment", "funds"};
static_assert(kSyncedTables.size() == 12,
              "a new record kind must be added here deliberately (and bump kVersion if an old receiver "
              "cannot read it)");

constexpr bool is_synced_table(std::string_view table) {
    for (auto t : kSyncedTables)
        if (t == table) return true;
    return false;
}

// ---- JSON keys ----
namespace key {
inline constexpr std::string_view kVersion = "v";
inline constexpr std::string_view kSchool = "school";
inline constexpr std::string_view kName = "name";
inline constexpr std::string_view kCode = "code";
inline constexpr std::string_view kPublicKey = "public_key";
inline constexpr std::string_view kReceiverKey = "receiver_key";
inline constexpr std::string_view kReceiverTime = "receiver_time";
inline constexpr std::string_view kStream = "stream";
inline constexpr std::string_view kAfter = "after";
inline constexpr std::string_view kTip = "tip";
inline constexpr std::string_view kSeq = "seq";
inline constexpr std::string_view kHash = "hash";
inline constexpr std::string_view kEntries = "entries";
inline constexpr std::string_view kAt = "at";
inline constexpr std::string_view kOperator = "op";
inline constexpr std::string_view kTable = "table";
inline constexpr std::string_view kId = "id";
inline constexpr std::string_view kAction = "action";
inline constexpr std::string_view kOld = "old";
inline constexpr std::string_view kNew = "new";
inline constexpr std::string_view kSchemaVersion = "sv";
inline constexpr std::string_view kStub = "stub";
inline constexpr std::string_view kResult = "result";
inline constexpr std::string_view kAcked = "acked";
inline constexpr std::string_view kFlags = "flags";
inline constexpr std::string_view kMessage = "message";
inline constexpr std::string_view kProblem = "problem";
inline constexpr std::string_view kYear = "year";
inline constexpr std::string_view kSubmissionVersion = "version";
inline constexpr std::string_view kSha256 = "sha256";
inline constexpr std::string_view kSignature = "signature";
inline constexpr std::string_view kSnapshot = "snapshot";
inline constexpr std::string_view kReceivedAt = "received_at";
inline constexpr std::string_view kLastSeen = "last_seen";
inline constexpr std::string_view kState = "state";
inline constexpr std::string_view kSubmissions = "submissions";
// inbox items
inline constexpr std::string_view kItems = "items";
inline constexpr std::string_view kMore = "more";
inline constexpr std::string_view kKind = "kind";
inline constexpr std::string_view kDecision = "decision";
inline constexpr std::string_view kText = "text";
inline constexpr std::string_view kBy = "by";
inline constexpr std::string_view kPackId = "pack_id";
inline constexpr std::string_view kPackSha256 = "pack_sha256";
inline constexpr std::string_view kPack = "pack";
}  // namespace key

// ---- the downlink: inbox items (receiver -> school), GET /v1/inbox and USB reply files ----
namespace inbox {
inline constexpr std::string_view kDecision = "decision";   // a review decision on one submission version
inline constexpr std::string_view kPack = "pack";           // the rule pack now in force for the receiver's schools
}  // namespace inbox
// The "decision" of an inbox item of kind decision.
namespace decision {
inline constexpr std::string_view kReturned = "returned";   // sent back with a comment: the year unlocks
inline constexpr std::string_view kAccepted = "accepted";   // accepted: the year stays locked
inline constexpr std::string_view kReopened = "reopened";   // an accepted year unlocked, with a reason
constexpr bool is_decision(std::string_view d) { return d == kReturned || d == kAccepted || d == kReopened; }
}  // namespace decision

// ---- USB files (sync/protocol/files.hpp) ----

// ---- relay, receiver -> upstream receiver (sync/protocol/relay.hpp) ----

// ---- "result" values of a success ----
namespace result {
inline constexpr std::string_view kApplied = "applied";      // a batch was applied
inline constexpr std::string_view kUnchanged = "unchanged";  // an exact replay: nothing to do, a success
inline constexpr std::string_view kReceived = "received";    // a submission was stored
}  // namespace result

}  // namespace jh::sync::protocol
