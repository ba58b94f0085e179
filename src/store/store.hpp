// The school terminal's database: one SQLite file per school. Owns migrations (schema/*.sql,
// embedded), durability settings, the hash-chained audit log and the change feed sync reads.
// Every write goes through here, validated by the domain rules and inside a transaction:
// a rejected write throws domain::Rejected and leaves the file unchanged.
// A Store owns one SQLite connection and is not thread-safe: a worker thread opens its own
// Store on the same file (WAL lets readers and one writer work side by side; a second writer
// waits up to 5 s for the lock).
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/audit_entry.hpp"
#include "domain/entities.hpp"
#include "domain/message.hpp"

namespace jh::store {

using domain::Id;

enum class OpenMode { CreateIfMissing, MustExist };

using domain::AuditEntry;   // domain/audit_entry.hpp: the entry and its hash rule

struct ChainReport {
    bool intact = true;
    std::int64_t entries = 0;
    std::int64_t first_bad_seq = 0;  // 0 when intact
};

// --- sync: the terminal's own state (schema/0004_sync.sql), not audited, never synced ---

// The sync client's state of this database. `stream` is made with the database and renewed by
// restore; receiver_url/receiver_key are "" until enrolment; acked_* is the link of `stream`
// the receiver last acknowledged (none: unknown, ask its tip).
struct SyncState {
    std::string stream;
    std::string receiver_url;
    std::string receiver_key;             // base64 Ed25519 public key pinned at enrolment
    std::optional<std::int64_t> acked_seq;
    std::string acked_hash;               // valid with acked_seq
    std::string last_reply_at;            // receiver time of the last verified reply
    std::string last_error;               // English; "" after a success
    bool enrolled() const { return !receiver_url.empty() && !receiver_key.empty(); }
};

// --- sync by USB file (schema/0006_files.sql; docs/sync-protocol.md "Files") ---
struct FileSyncState {
    std::string enrol_code;               // by-file enrolment not yet confirmed by a reply file
    std::int64_t upload_number = 0;       // of the last upload file written
    std::int64_t reply_number = 0;        // of the last reply file applied
};

// What one reply file tells the terminal, applied in one transaction.
struct FileReply {
    std::int64_t number = 0;
    std::string receiver_time;
    bool enrolment_confirmed = false;     // the receiver holds this terminal's key: forget the code
    std::string stream;                   // with acked_seq: the acknowledged link of `stream`
    std::optional<std::int64_t> acked_seq;
    std::string acked_hash;
    struct Delivered {
        int year = 0, version = 0;
        std::string received_at;
    };
    std::vector<Delivered> delivered;     // submission versions the receiver holds
};

// An audit entry with the schema version its record JSON was written under (the wire's "sv").
struct FeedEntry {
    AuditEntry entry;
    int schema_version = 0;
};

// What `submit_year` freezes: the year's snapshot bytes and the school key's signature of them
// (the store computes the SHA-256 itself).
struct Frozen {
    std::string snapshot;
    std::string signature;
};

// One frozen version of a submitted year.
struct StoredSubmission {
    int year = 0, version = 0;
    std::string snapshot, sha256, signature;
    std::string created_at;               // terminal clock
    std::string delivered_at;             // terminal clock when acknowledged; "" while pending
    std::string received_at;              // receiver time; "" while pending
};

// --- review cycle (schema/0005_review.sql): the receiver's inbox items as received here ---

// One inbox item whose receiver signature verified (sync/client/inbox.hpp checks it before the
// store sees it), in the store's own terms (the store knows no wire format). `receiver_key` is
// the key it verified with (the pinned one); `received_at` is set by the store; `outcome` says
// what the item did here (schema/0005_review.sql lists the words).
struct InboxRecord {
    std::string receiver_key;
    std::int64_t seq = 0;
    std::string kind;                     // "decision" | "pack" | a kind a newer receiver sends
    std::string school;                   // decision: the school's code; pack: "" = every school
    int year = 0, version = 0;            // decision: the school year and the version decided on
    std::string decision;                 // "returned" | "accepted" | "reopened"
    std::string text;                     // returned: the comment; reopened: the reason
    std::string by;                       // the bureau staff account's name
    std::string at;                       // receiver time of the decision
    std::string pack_id, pack_sha256;     // pack items
    std::string signature;
    std::string received_at;              // terminal clock
    std::string outcome;
};

// What recording a decision did. Applied: taken (a returned or reopened year is unlocked, an
// accepted one stays locked); OlderVersion: about a version older than the latest frozen since
// (ignored, recorded); UnknownVersion: about a version this database never froze (ignored,
// recorded); Replayed: the item was already held (nothing changed).
enum class DecisionOutcome { Applied, OlderVersion, UnknownVersion, Replayed };

// A submitted year's review state, read from its latest frozen version and the latest decision
// applied to it (one rule: Store::reviews). state: "submitted" (the latest version awaits a
// decision), "returned", "accepted" or "reopened" (the latest decision is about the latest
// version). `decision` is that decision (none while "submitted"; after a resubmission the
// earlier decision no longer counts).
struct YearReview {
    int year = 0;
    int version = 0;                      // the latest frozen version
    bool delivered = false;               // the receiver acknowledged that version
    std::string state;
    std::optional<InboxRecord> decision;
};

// --- rule packs the bureau published (schema/0007_packs.sql), as received and accepted ---

// A pack kept by the terminal: the document exactly as the receiver signed it, and where and
// when it came from.
struct ReceivedPack {
    std::int64_t seq = 0;          // the receiver's inbox seq that carried it
    std::string id;                // the pack's id (its "id" key)
    std::string sha256;            // of `text`, lowercase hex
    std::string text;              // the pack document (JSON, docs/rule-packs.md)
    std::string source;            // who published it at the bureau (the staff account)
    std::string published_at;      // receiver time of publication, ISO 8601 UTC
    std::string received_at;       // terminal clock when kept; set by keep_received_pack
};

class Store {
public:
    // Opens (creating if allowed) and migrates. Throws domain::Rejected when the file was
    // written by a newer Junheng, or is corrupt — then it is moved aside to
    // "<name>.corrupt-<UTC timestamp>" (never deleted) and the message says where.
    static Store open(const std::filesystem::path& path, OpenMode mode = OpenMode::CreateIfMissing);
    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    const std::filesystem::path& path() const;
    int schema_version() const;
    static int latest_schema_version();

    // Name recorded in the audit log for the writes that follow.
    void set_operator(std::string name);

    // --- school and years ---
    std::optional<domain::School> school() const;
    void save_school(const domain::School& school);
    std::vector<domain::SchoolYear> years() const;
    std::optional<int> latest_year() const;
    void create_year(int year);
    // Starts `to` by copying what persists from `from` (staff, buildings, rooms, grounds,
    // equipment not disposed, funds cleared) and marking pupils/classes for re-confirmation.
    void new_year(int from, int to);
    // (A year becomes read-only only by being submitted: submit_year below, which freezes it.)
    void confirm_pupils(int year);
    // Q3's yes/no facts of a year (empty = not reported); audited, refused for a submitted year.
    void set_year_facts(int year, std::optional<bool> charter, std::optional<bool> digitised);
    domain::SchoolData load(int year) const;

    // --- records (R: any kind in domain::YearEntities, or Operator) ---
    // Validated; rejected when the record's year is submitted. Insert assigns the id (a
    // record with id != 0 keeps it, as imports do) and returns it.
    template <class R> Id insert(R record);
    template <class R> void update(const R& record);
    template <class R> void remove(Id id);
    template <class R> std::optional<R> get(Id id) const;

    // Runs `body` atomically (a SAVEPOINT, so calls nest): all of its writes or none.
    void transaction(const std::function<void()>& body);

    // Writes a whole school year (profile, year, every record, keeping ids: upsert by id) in
    // one transaction, after validating it as a whole.
    void import(const domain::SchoolData& data);

    // --- operators ---
    Id add_operator(const std::string& name, domain::OperatorRole role, const std::string& pin);
    bool verify_pin(Id operator_id, const std::string& pin) const;
    std::vector<domain::Operator> operators() const;

    // --- audit and change feed ---
    std::vector<AuditEntry> history(const std::string& table, Id record_id) const;
    std::vector<AuditEntry> changes_since(std::int64_t seq, std::size_t limit = 1000) const;
    ChainReport verify_audit() const;
    // SQLite's own integrity check; empty when fine.
    std::vector<std::string> integrity_problems() const;

    // --- sync (sync/client): change feed with schema versions, state, submissions ---
    // Entries after `seq`, in order, at most `limit`.
    std::vector<FeedEntry> feed_since(std::int64_t seq, std::size_t limit) const;
    // The entry at `seq` (none when the log has no such entry).
    std::optional<AuditEntry> audit_entry(std::int64_t seq) const;
    // The last entry's seq and hash ({0, genesis hash} for an empty log).
    std::pair<std::int64_t, std::string> audit_tip() const;
    // Entries after `seq`.
    std::int64_t count_since(std::int64_t seq) const;
    // Each record of `table` that the log has an entry for, with the seq of its last entry (a
    // deleted record's too). The window marks a record pending while that seq is after the
    // acknowledged one.
    std::map<Id, std::int64_t> last_change_seq(const std::string& table) const;

    SyncState sync_state() const;
    // Records an enrolment: URL and pinned key; the acknowledged link becomes unknown.
    void set_enrolment(const std::string& receiver_url, const std::string& receiver_key);
    // Records an acknowledged link of `stream` and the receiver's time; ignored (returns false)
    // when `stream` is no longer this database's stream (a reply to a request sent before a restore).
    bool set_acked(const std::string& stream, std::int64_t seq, const std::string& hash,
                   const std::string& receiver_time);
    void forget_acked();                                     // ask the receiver's tip next time
    // A new stream id; the acknowledged link becomes {0, genesis}. Returns the new id.
    std::string start_new_stream();
    // The outcome of the last run: "" for a success; the receiver's time when it answered.
    void set_sync_result(const std::string& error, const std::string& receiver_time);

    // Locks `year` (read-only from then on; refused while its pupils are unconfirmed or it has
    // validation errors) and, in the same transaction, freezes it as the next
    // submission version: `freeze` gets the year as stored after locking and returns its
    // snapshot bytes and signature. Returns the version (1, 2, …). Every version is kept.
    int submit_year(int year, const std::function<Frozen(const domain::SchoolData&)>& freeze);
    std::vector<StoredSubmission> submissions() const;      // every version, by year then version
    void mark_submission_delivered(int year, int version, const std::string& received_at);

    // --- review cycle (schema/0005_review.sql) ---
    // Records a verified decision item and applies it, in ONE transaction: a "returned" or
    // "reopened" decision about the latest frozen version of a submitted year sets the year back
    // to draft (the audited status change, attributed to "bureau (<by>)"); "accepted" keeps it
    // locked; a decision about an older version than the latest frozen, or about a version never
    // frozen here, is recorded with that outcome and changes nothing else. An item already held
    // (same receiver key and seq) changes nothing: Replayed.
    DecisionOutcome record_decision(InboxRecord item);
    // Records an item that has no effect of its own in the store (a pack, whose effect the pack
    // code takes inside the same Store::transaction; a kind this program does not know) with
    // item.outcome. False when already held (nothing changed).
    bool record_inbox_item(InboxRecord item);
    bool inbox_item_held(const std::string& receiver_key, std::int64_t seq) const;
    // The inbox cursor: the highest seq held from `receiver_key` (0 when none).
    std::int64_t inbox_cursor(const std::string& receiver_key) const;
    std::vector<InboxRecord> inbox_items() const;          // every item held, by id
    std::vector<YearReview> reviews() const;               // every year with a submission, by year

    // --- sync by USB file (sync/client/files.hpp) ---
    FileSyncState file_sync_state() const;
    // Pins the receiver key of an enrolment file: no URL ("by file"), the code kept until a
    // reply file confirms; the acknowledged link becomes unknown.
    void set_file_enrolment(const std::string& receiver_key, const std::string& code);
    // The next upload file number (taken in one transaction; a file not written leaves a gap,
    // which is harmless).
    std::int64_t take_upload_number();
    // Applies a reply file's facts in one transaction, unless its number is not above the last
    // applied one (returns false, nothing changed).
    bool apply_file_reply(const FileReply& reply);
    // --- rule packs from the bureau (ops/packs.hpp checks them before keeping) ---
    // Keeps `pack` (received_at: now); false, changing nothing, when a pack with its seq is kept.
    bool keep_received_pack(const ReceivedPack& pack);
    std::vector<ReceivedPack> received_packs() const;      // every pack kept, by seq

    // --- drafts and settings (UI state that must survive a crash) ---
    void save_draft(const std::string& key, const std::string& content);
    std::optional<std::string> draft(const std::string& key) const;
    void clear_draft(const std::string& key);
    void set_setting(const std::string& key, const std::string& value);
    std::optional<std::string> setting(const std::string& key) const;

    // --- backup ---
    // Online backup (SQLite backup API) to a new file.
    void backup(const std::filesystem::path& to) const;
    // Replaces `target` with the backup's content after checking the backup opens, passes
    // the integrity check and is not newer than this program; the old target is kept as
    // "<name>.before-restore-<UTC timestamp>", whose path is returned (nullopt when there was
    // no target). The target must not be open. The restored file gets a new sync stream id (its
    // log may repeat seqs the bureau holds with other content) and keeps the target's enrolment
    // (the key file beside the target still names this terminal).
    static std::optional<std::filesystem::path> restore(const std::filesystem::path& backup,
                                                        const std::filesystem::path& target);

private:
    struct Impl;
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace jh::store
