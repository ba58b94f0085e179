// What the receiver keeps, in its own verbs: schools and their one-time enrolment codes,
// terminals and their keys, streams and every entry of them, the live copy each school's
// latest stream builds, per-record flags, every submission version, and the receiver's key.
// SqliteReceiverStore implements it on one SQLite file, PostgresReceiverStore on a PostgreSQL database. An
// implementation keeps nothing in process memory that another process on the same store would
// need: a school added or revoked by one process is seen by every other at its next request.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/protocol/crypto.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/protocol/relay.hpp"
#include "sync/receiver/ingest.hpp"

namespace jh::sync::receiver {

struct SchoolInfo {
    std::string code, name;
    std::string added_at;
    bool revoked = false;
    std::optional<std::string> last_seen;  // receiver time
    bool enrolled = false;                 // has an active terminal
    std::string live_stream;               // "" before the first batch
    protocol::Link tip;                    // of the live stream
};

// The keys a school's request may be signed with: the active terminal's, and the most recent
// revoked one's (so a revoked terminal is told "revoked", not "wrong credential").
struct SchoolKeys {
    std::optional<std::string> active;
    std::optional<std::string> revoked;
};

enum class EnrolOutcome { Enrolled, BadCode };

struct StoredSubmission {
    std::string school;
    int year = 0, version = 0;
    std::string sha256, signature;
    std::string snapshot;                  // empty when listed without bytes
    std::string received_at;
};
enum class SubmissionOutcome { Received, Unchanged, Conflict };
struct SubmissionStored {
    SubmissionOutcome outcome = SubmissionOutcome::Received;
    std::string received_at;               // of the version held (the first arrival for Unchanged)
};

// A bureau staff account (`junheng-bureau user add`); the password is kept only as its
// Argon2id string (sync/receiver/staff.hpp).
struct StaffUser {
    std::string name;
    std::string role;                      // staff_role::kReviewer | kAdmin (staff.hpp)
    std::optional<std::string> county;     // a city's or province's account limited to one county
    std::string added_at;
};

// The submission deadline of a school year: version 1 received on or before `date` (end of
// that day, receiver time) is on time.
struct Deadline {
    int year = 0;
    std::string date;                      // YYYY-MM-DD
    std::string set_by, set_at;
};

// One review decision as recorded (an inbox item of kind "decision"; review.hpp reads them).
struct Decision {
    std::int64_t seq = 0;          // the inbox item's number: the order decisions were taken in
    std::string school;
    int year = 0;
    int version = 0;
    std::string decision;          // "returned" | "accepted" | "reopened"
    std::string text;              // returned: the comment; reopened: the reason
    std::string by;                // staff name (or OS account)
    std::string at;                // receiver time
};

// A decision to take: `version` nullopt = the latest received.
struct DecisionRequest {
    std::string school;
    int year = 0;
    std::optional<int> version;
    std::string decision, text, by;
};

// An upload file (docs/sync-protocol.md "Files") against those imported from the same terminal.
enum class UploadFileState {
    New,          // a number above every one imported: replay it
    Applied,      // this very file (number and bytes) was imported already
    OutOfOrder,   // a number below the highest imported, or that number with other bytes
};
struct UploadFileCheck {
    UploadFileState state = UploadFileState::New;
    std::int64_t highest = 0;              // the highest number imported from this terminal (0: none)
    std::string imported_at;               // Applied: when
};

struct LiveRecord {
    std::string table;
    std::int64_t record_id = 0;
    std::string json;
};

struct RecordFlag {
    std::string table;
    std::int64_t record_id = 0;
    std::int64_t seq = 0;
    std::string message;
};

// One batch to ingest: already authenticated, decoded and chain-checked (hashes[i] is the
// recomputed hash of entries[i]).
struct IngestRequest {
    protocol::Batch batch;
    std::vector<std::string> hashes;
    std::string now;                       // receiver time: received_at and the school's last_seen
};

// ---- the web page's sign-in (sync/web, docs/web.md; 0006_web.sql) ----

// A signed-in session as stored: the id itself is never stored, only its SHA-256 (hex).
struct WebSession {
    std::string id_hash, user, created_at, last_seen_at, address;
};
// Wrong passwords counted under one key ("user:NAME" or "addr:IP").
struct SigninFailures {
    int failures = 0;
    std::string first_at, last_failure_at;   // receiver time; "" when none
};

// ---- relay (relay.hpp; docs/sync-protocol.md "Relay") ----

// Upstream side: a receiver that relays to this one (a city's county, a province's city).
struct RelayMember {
    std::string code, name, added_at;
    bool enrolled = false;
    std::optional<std::string> last_seen;
};
// A relayed school as its member last reported it.
struct RelaySchool {
    std::string school, member;
    protocol::relay::SchoolState state;
    bool listed = true;                    // in the member's latest list
};
// A relayed submission version's acceptance at the member, and the school's key.
struct RelayAcceptance {
    std::string school;
    int year = 0, version = 0;
    std::string member, school_key, accepted_at, accepted_by, received_at;
};
enum class RelayOutcome { Received, Unchanged, Conflict, OtherMember };
struct RelayStored {
    RelayOutcome outcome = RelayOutcome::Received;
    std::string received_at;               // of the version held
    std::string holder;                    // OtherMember: the member the school belongs to
};
struct RelaySchoolsStored {
    std::size_t count = 0;
    std::vector<std::string> other_member; // schools another member answers for: nothing stored
};
// Downstream side: this receiver's upstream.
struct RelayUpstream {
    std::string url, member, name, upstream_key;
    protocol::KeyPair key;                 // this receiver's own relay key
    std::string enrolled_at;
    std::int64_t decisions_after = 0;
    std::optional<std::string> schools_sha256, last_ok, last_error;
};
struct ForwardedVersion {
    std::string school;
    int year = 0, version = 0;
    std::string sha256, forwarded_at;
};

// ---- the county report's cache (report_cache.hpp; 0008_report_cache.sql) ----

// One submission version taken apart for the county report under one pack key.
struct ReportCacheRow {
    std::string school;
    int year = 0, version = 0;
    std::string pack_key, sha256, county;
    std::string parts;                     // JSON of indicators::SchoolParts (report_cache.cpp)
};

// ---- moving a county's store into this one (migrate.hpp; 0007_move.sql; docs/postgresql.md
// "Moving a county up") ----

// A receiver key this store took in with a county's schools. The moved schools' terminals
// pinned it, so every reply to them, every inbox item they fetch and their reply files are
// signed with it. Their inbox seqs are shifted: the moved items sit at the county's seq +
// inbox_offset (a range reserved when the move began), and a moved school's terminal sees
// every item at this store's seq - inbox_offset, so its cursor stays valid.
struct ReceiverOrigin {
    protocol::KeyPair key;
    std::string source;                    // what it was moved from (the SQLite path), informative
    std::int64_t inbox_offset = 0;         // this store's seq = the county's seq + inbox_offset
    std::int64_t inbox_last = 0;           // the county's highest inbox seq when the move began
    std::string began_at;
    std::optional<std::string> finished_at;
};

// Everything a store holds of one school (migrate-store moves it whole). Web sessions, sign-in
// counts and relay rows are not part of it.
struct StoredEntry {
    std::string stream;
    protocol::WireEntry wire;              // as received (a stub: stub_hash)
    std::string hash;                      // as recomputed at ingest
    std::optional<std::string> flag;
    std::string received_at;
};
struct StoredStream {
    std::string id, state;                 // "live" | "archived"
    protocol::Link tip;
    std::string created_at;
};
struct StoredCode {
    std::string code_hash, issued_at;
    std::optional<std::string> used_at, revoked_at;
};
struct StoredTerminal {
    std::string public_key, enrolled_at;
    std::optional<std::string> revoked_at;
};
struct StoredLiveRecord {
    std::string table;
    std::int64_t record_id = 0;
    std::string json;
    std::int64_t seq = 0;
};
struct StoredUploadFile {
    std::string terminal_key;
    std::int64_t number = 0;
    std::string sha256, imported_at;
};
struct SchoolHistory {
    std::string code, name, added_at;
    std::optional<std::string> revoked_at, last_seen;
    std::vector<StoredCode> codes;               // in issue order
    std::vector<StoredTerminal> terminals;       // in enrolment order
    std::vector<StoredStream> streams;           // by id
    std::vector<StoredEntry> entries;            // by stream, seq
    std::vector<StoredLiveRecord> live;          // by table, id
    std::vector<RecordFlag> flags;               // by table, id
    std::vector<StoredSubmission> submissions;   // with their bytes, by year, version
    std::vector<protocol::InboxItem> decisions;  // the school's decision items as stored, by seq
    std::vector<StoredUploadFile> upload_files;  // by terminal key, number
    std::optional<std::int64_t> reply_file;      // the last reply file number written
    std::optional<std::string> reply_file_at;
};

class ReceiverStore {
public:
    virtual ~ReceiverStore() = default;

    // The receiver's Ed25519 key pair, made on first use and kept in the store.
    virtual protocol::KeyPair receiver_key() = 0;

    // Schools. add_school throws std::invalid_argument when the code is already registered;
    // revoke/replace when it is not. code_hash: SHA-256 of the one-time code (never the code).
    virtual void add_school(const std::string& code, const std::string& name, const std::string& code_hash,
                            const std::string& now) = 0;
    virtual std::optional<SchoolInfo> school(const std::string& code) = 0;
    virtual std::vector<SchoolInfo> schools() = 0;
    // The school's terminal and unused codes are revoked; it can no longer sync.
    virtual void revoke(const std::string& code, const std::string& now) = 0;
    // A new code replaces every unused one, the old terminal is revoked, the school is active.
    virtual void replace(const std::string& code, const std::string& code_hash, const std::string& now) = 0;
    // Uses an unused, unrevoked code of that school once; the key becomes the active terminal.
    virtual EnrolOutcome enrol(const std::string& school, const std::string& code_hash, const std::string& public_key,
                               const std::string& now) = 0;
    virtual SchoolKeys keys(const std::string& school) = 0;
    virtual void touch(const std::string& school, const std::string& now) = 0;

    // Plans (plan_ingest) and applies one batch; returns once the commit holding it is done.
    virtual IngestResult ingest(const IngestRequest& request) = 0;
    // The tip the receiver holds of one stream of a school (seq 0 when unknown).
    virtual protocol::Link tip(const std::string& school, const std::string& stream) = 0;

    // Stores a new version; the same (school, year, version) again is Unchanged with the same
    // bytes (sha256) and a Conflict with others (nothing stored).
    virtual SubmissionStored add_submission(const StoredSubmission& submission) = 0;
    // Every version, by school, year, version; with the snapshot bytes when asked.
    virtual std::vector<StoredSubmission> submissions(const std::optional<std::string>& school, bool with_snapshot) = 0;
    // The school years any school submitted a version for, ascending.
    virtual std::vector<int> submitted_years() = 0;

    // The live copy of a school and its flags.
    virtual std::vector<LiveRecord> live_records(const std::string& school) = 0;
    // The live copy's school profile record (table "school") as JSON; nullopt before the first
    // sync. One indexed read: the web page's schools list asks it of every school.
    virtual std::optional<std::string> live_school_record(const std::string& school) = 0;
    virtual std::vector<RecordFlag> flags(const std::string& school) = 0;

    // The downlink (inbox items: decisions and rule packs). add_inbox_item gives the item the
    // next seq and `now` as its time, signs it with the receiver key and stores it, in one
    // transaction; returns it as stored. inbox: the items for `school` (its decisions and the
    // items for every school) with seq > after, in seq order, at most `limit`. decisions: every
    // decision item, of one school or all, in seq order.
    virtual protocol::InboxItem add_inbox_item(protocol::InboxItem item, const std::string& now) = 0;
    virtual std::vector<protocol::InboxItem> inbox(const std::string& school, std::int64_t after, std::size_t limit) = 0;
    virtual std::vector<protocol::InboxItem> decisions(const std::optional<std::string>& school) = 0;

    // ---- relay, upstream side ----
    // add_member throws std::invalid_argument when the code is known; code_hash as add_school's.
    virtual void add_member(const std::string& code, const std::string& name, const std::string& code_hash,
                            const std::string& now) = 0;
    virtual std::vector<RelayMember> members() = 0;
    // Uses an unused one-time code once; the key becomes the member's. nullopt: no such code.
    virtual std::optional<RelayMember> enrol_member(const std::string& code_hash, const std::string& public_key,
                                                    const std::string& now) = 0;
    virtual std::optional<std::string> member_key(const std::string& member) = 0;
    // Stores the school (if new) and the version in `submission` with its acceptance; the same
    // version again is Unchanged, other bytes a Conflict, a school of another member OtherMember.
    virtual RelayStored add_relayed_submission(const protocol::relay::Submission& submission, const std::string& now) = 0;
    // Replaces the member's school list (schools missing from it stay, marked unlisted).
    virtual RelaySchoolsStored put_member_schools(const protocol::relay::Schools& schools, const std::string& now) = 0;
    virtual std::vector<RelaySchool> relay_schools() = 0;
    virtual std::vector<RelayAcceptance> relay_acceptances() = 0;

    // ---- relay, downstream side ----
    virtual void set_upstream(const RelayUpstream& upstream) = 0;   // replaces any earlier one, cursor reset
    virtual std::optional<RelayUpstream> upstream() = 0;
    virtual std::vector<ForwardedVersion> forwarded() = 0;
    virtual void mark_forwarded(const ForwardedVersion& version) = 0;
    // The outcome of one forwarder pass: ok (last_ok = now, error cleared) or the error.
    virtual void upstream_outcome(const std::optional<std::string>& error, const std::string& now) = 0;
    virtual void set_schools_sha256(const std::string& sha256) = 0;
    // Stores decisions taken upstream as this receiver's own inbox items (signed by its key) and
    // moves the cursor to `cursor`, in one transaction; items at or below the cursor already
    // held, and items about a school not held here, change nothing. Returns the items stored.
    virtual int apply_upstream_decisions(const std::vector<protocol::InboxItem>& items, std::int64_t cursor,
                                         const std::string& now) = 0;
    // Every key a school's terminals ever held, newest first (a snapshot signed by a replaced
    // terminal still verifies with its key).
    virtual std::vector<std::string> terminal_keys(const std::string& school) = 0;
    // Staff accounts. add_user throws std::invalid_argument when the name is taken.
    virtual void add_user(const StaffUser& user, const std::string& password_hash) = 0;
    virtual std::vector<StaffUser> users() = 0;
    virtual std::optional<StaffUser> user(const std::string& name) = 0;
    // The stored Argon2id string of a user; nullopt when there is no such user.
    virtual std::optional<std::string> password_hash(const std::string& name) = 0;

    // Deadlines: one per school year, a later one replaces it.
    virtual void set_deadline(const Deadline& deadline) = 0;
    virtual std::vector<Deadline> deadlines() = 0;

    // Takes a review decision: checks its preconditions (review.hpp's decision_refusal, on the
    // versions and decisions held) and records it as a signed inbox item of kind "decision",
    // in one write transaction. Returns it as recorded (seq, version, at). Throws
    // std::invalid_argument with the reason ("…; nothing recorded") when refused.
    virtual Decision decide(const DecisionRequest& request, const std::string& now) = 0;

    // ---- USB files (sync/receiver/files.hpp) ----
    // Where an upload file stands; read-only.
    virtual UploadFileCheck check_upload_file(const std::string& terminal_key, std::int64_t number,
                                              const std::string& sha256) = 0;
    // Records a file as imported, after every request in it was replayed (a second record of the
    // same file is ignored).
    virtual void record_upload_file(const std::string& school, const std::string& terminal_key, std::int64_t number,
                                    const std::string& sha256, const std::string& now) = 0;
    // The next reply file number of the school (1, 2, …), taken in one transaction.
    virtual std::int64_t next_reply_file(const std::string& school, const std::string& now) = 0;

    // ---- the web page's sessions and sign-in failures (sync/web/auth.hpp) ----
    // add_web_session stores a new session (and deletes every session whose last_seen_at is
    // before `expired_before`, in the same transaction). web_session: nullopt when unknown.
    virtual void add_web_session(const WebSession& session, const std::string& expired_before) = 0;
    virtual std::optional<WebSession> web_session(const std::string& id_hash) = 0;
    virtual void touch_web_session(const std::string& id_hash, const std::string& now) = 0;
    virtual void end_web_session(const std::string& id_hash) = 0;
    // The failures counted under a key (failures 0 when none).
    virtual SigninFailures signin_failures(const std::string& key) = 0;
    // Counts one more wrong password under `key`, atomically; a count whose last failure is
    // before `window_start` starts again at 1. Returns the count as stored.
    virtual SigninFailures add_signin_failure(const std::string& key, const std::string& now,
                                              const std::string& window_start) = 0;
    virtual void clear_signin_failures(const std::string& key) = 0;

    // ---- the county report's cache (speed: report_cache.hpp; 0008_report_cache.sql) ----
    // The rows of one school year under one pack key, by school and version.
    virtual std::vector<ReportCacheRow> report_cache(int year, const std::string& pack_key) = 0;
    // Stores rows in one transaction; a row of the same school, year, version and pack key is
    // replaced.
    virtual void put_report_cache(const std::vector<ReportCacheRow>& rows) = 0;
    // The county code of every version of the year held under any pack key (parts left empty):
    // the schools page's counties without decoding a snapshot.
    virtual std::vector<ReportCacheRow> report_counties(int year) = 0;

    // ---- moving a county's store into this one (migrate.hpp, 0007_move.sql) ----
    // The origin of a school moved in (nullopt: a school of this receiver's own key).
    virtual std::optional<ReceiverOrigin> school_origin(const std::string& school) = 0;
    virtual std::vector<ReceiverOrigin> origins() = 0;
    // Everything held of one school; nullopt when it is not registered.
    virtual std::optional<SchoolHistory> school_history(const std::string& school) = 0;
    // Begins taking in a county's receiver key, in one transaction: records the origin with
    // inbox_offset = this store's last inbox seq, reserves the seqs up to inbox_offset +
    // origin.inbox_last, and stores the county's rule packs (kind "pack") at seq +
    // inbox_offset, signed with this store's key. A key taken in before is not begun again:
    // returns the origin as stored (the caller compares inbox_last).
    virtual ReceiverOrigin begin_move(const ReceiverOrigin& origin, const std::vector<protocol::InboxItem>& packs) = 0;
    // Stores one school's whole history in one transaction and records it as moved in with
    // `origin_key` (its decisions at seq + inbox_offset, signed with this store's key). Throws
    // std::invalid_argument when the school is registered here already (nothing stored).
    virtual void put_school_history(const SchoolHistory& history, const std::string& origin_key, const std::string& now) = 0;
    // The schools moved in with that key, by code.
    virtual std::vector<std::string> moved_schools(const std::string& origin_key) = 0;
    virtual void finish_move(const std::string& origin_key, const std::string& now) = 0;
};

}  // namespace jh::sync::receiver
