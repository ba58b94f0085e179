// The protocol's messages as plain structs, and their codecs (JSON text <-> struct). Encoders
// are deterministic (same struct, same bytes: a retried request is byte-identical). Decoders
// read bytes from the other end, so they assume hostile input: they bound every size and
// count (protocol.hpp limits), never throw anything but DecodeError, and say what is wrong.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/audit_entry.hpp"
#include "sync/protocol/protocol.hpp"

namespace jh::sync::protocol {

// A message that is not what its decoder expects; what() says why, in English.
struct DecodeError : std::runtime_error {
    using std::runtime_error::runtime_error;
    std::string_view problem = problem::kMalformed;   // kVersion for an unknown version
    DecodeError(const std::string& what, std::string_view p) : std::runtime_error(what), problem(p) {}
};

// A point of a school's chain: the entry at `seq` has `hash` (seq 0 = before the first entry,
// hash = domain::audit_genesis_hash()).
struct Link {
    std::int64_t seq = 0;
    std::string hash;
    bool operator==(const Link&) const = default;
};

// One audit entry as it travels: whole (a synced table) or a hash-only stub (any other table).
struct WireEntry {
    std::int64_t seq = 0;
    bool stub = false;
    std::string stub_hash;             // stub only: the entry's hash as the terminal holds it
    std::string at, operator_name, table, action, old_json, new_json;
    std::int64_t record_id = 0;
    int schema_version = 0;            // the terminal's schema version the JSON was written under
};

// Makes the wire form of a stored entry: whole for a synced table, else a stub.
WireEntry to_wire(const domain::AuditEntry& entry, int schema_version);

// POST /v1/enrol — the terminal's new public key with the bureau's one-time code.
struct EnrolRequest {
    std::string school;                // 10-digit school code
    std::string code;                  // one-time enrolment code
    std::string public_key;            // base64 Ed25519 public key (32 bytes)
};
struct EnrolReply {
    std::string school, name;          // the school as the bureau registered it
    std::string receiver_key;          // base64 Ed25519 public key the terminal pins
    std::string receiver_time;         // ISO 8601 UTC
};

// POST /v1/batch — entries after `after` up to `tip`, in seq order, of stream `stream`.
struct Batch {
    std::string school;
    std::string stream;                // 32 lowercase hex characters
    Link after;                        // the link this batch continues
    Link tip;                          // the link it ends at (hash of its last entry)
    std::vector<WireEntry> entries;
};
// A per-entry note: the receiver stored the entry but disagrees with its content.
struct Flag {
    std::int64_t seq = 0;
    std::string table;
    std::int64_t record_id = 0;
    std::string message;               // English
};
struct BatchReply {
    std::string result;                // result::kApplied or kUnchanged
    std::string stream;
    Link acked;                        // the receiver's tip of this stream after processing
    std::vector<Flag> flags;
    std::string receiver_time;
};

// GET /v1/tip?stream=ID — the receiver's tip of one stream (seq 0 when it holds none).
struct TipReply {
    std::string stream;
    Link tip;
    std::string receiver_time;
};

// POST /v1/submission — a frozen year: snapshot bytes, their SHA-256, the terminal's signature.
struct Submission {
    std::string school;
    int year = 0;
    int version = 0;                   // 1, 2, … per school year
    std::string sha256;                // hex of `snapshot`
    std::string signature;             // base64 Ed25519 over the snapshot bytes, school's key
    std::string snapshot;              // the snapshot document (docs/snapshot-format.md)
};
struct SubmissionReply {
    std::string result;                // result::kReceived or kUnchanged
    int year = 0, version = 0;
    std::string sha256;
    std::string received_at;           // receiver time
};

// GET /v1/status — what the bureau holds of this school.
struct SubmissionSummary {
    int year = 0, version = 0;
    std::string sha256, received_at;
};
struct StatusReply {
    std::string school, name, state;   // state: "active" | "revoked"
    std::string stream;                // live stream ("" before the first batch)
    Link tip;
    std::string last_seen;             // receiver time
    std::vector<SubmissionSummary> submissions;
    std::string receiver_time;
};

// GET /v1/hello — the receiver's public key and protocol version (unsigned request).
struct HelloReply {
    int version = kVersion;
    std::string receiver_key;
    std::string receiver_time;
};

// GET /v1/inbox?after=SEQ — the receiver's decisions about this school and the rule packs it
// put in force, each signed on its own (kInboxSignedPrefix) so a USB reply file carries the
// same items. Numbered by the receiver in one increasing sequence (`seq`); the terminal keeps
// the highest it applied as its cursor.
struct InboxItem {
    std::int64_t seq = 0;
    std::string kind;                  // inbox::kDecision | inbox::kPack
    std::string school;                // decision: the school's code; pack: "" (every school)
    int year = 0, version = 0;         // decision: the school year and the submission version decided on
    std::string decision;              // decision::kReturned | kAccepted | kReopened
    std::string text;                  // returned: the comment; reopened: the reason
    std::string by;                    // the staff account that decided (or published)
    std::string at;                    // receiver time, ISO 8601 UTC
    std::string pack_id, pack_sha256;  // pack: its id and hex SHA-256 of pack_text
    std::string pack_text;             // pack: the document exactly as published
    std::string signature;             // base64 Ed25519 by the receiver's key (sign_inbox_item)
    bool operator==(const InboxItem&) const = default;
};
struct InboxReply {
    std::vector<InboxItem> items;      // seq > after, in seq order, at most kMaxInboxItems
    bool more = false;                 // more items follow: ask again after the last seq
    std::string receiver_time;
};

// The text an inbox item's signature covers; signing and checking it.
std::string inbox_signed_text(const InboxItem& item);
void sign_inbox_item(InboxItem& item, std::string_view receiver_secret_key_base64);
bool verify_inbox_item(const InboxItem& item, std::string_view receiver_key_base64);

// Any refusal: a stable problem word, an English message, and for gap/fork the receiver's tip.
struct ProblemReply {
    std::string problem;
    std::string message;
    std::optional<Link> tip;
    std::string stream;
};

// ---- codecs: encode_* give JSON text; decode_* take JSON text (already inflated) ----
std::string encode(const EnrolRequest&);
std::string encode(const EnrolReply&);
std::string encode(const Batch&);
std::string encode(const BatchReply&);
std::string encode(const TipReply&);
std::string encode(const Submission&);
std::string encode(const SubmissionReply&);
std::string encode(const StatusReply&);
std::string encode(const HelloReply&);
std::string encode(const ProblemReply&);
std::string encode(const InboxItem&);            // with its signature ("" leaves the key out)
std::string encode(const InboxReply&);

EnrolRequest decode_enrol_request(std::string_view json);
EnrolReply decode_enrol_reply(std::string_view json);
Batch decode_batch(std::string_view json);
BatchReply decode_batch_reply(std::string_view json);
TipReply decode_tip_reply(std::string_view json);
Submission decode_submission(std::string_view json);
SubmissionReply decode_submission_reply(std::string_view json);
StatusReply decode_status_reply(std::string_view json);
HelloReply decode_hello_reply(std::string_view json);
ProblemReply decode_problem_reply(std::string_view json);
InboxItem decode_inbox_item(std::string_view json);
InboxReply decode_inbox_reply(std::string_view json);

// Checks a batch's chain: each whole entry's hash is recomputed from the previous link
// (domain::audit_hash), a stub's hash is taken as sent; seqs must run after.seq+1 … tip.seq
// without gaps, and the last hash must equal tip.hash. Returns every entry's hash, in order.
// Throws DecodeError naming the first seq that does not fit.
std::vector<std::string> chain_hashes(const Batch& batch);

bool is_stream_id(std::string_view text);      // 32 lowercase hex characters
bool is_school_code(std::string_view text);    // 10 digits
bool is_hash(std::string_view text);           // 64 lowercase hex characters

}  // namespace jh::sync::protocol
