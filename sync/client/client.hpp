// The terminal's side of sync: enrolment, delivering the audit log (the outbox) in batches,
// delivering frozen submissions, and the local/remote status. The protocol is
// sync/protocol/protocol.hpp; this layer decides WHAT to send next (the pure `plan`) and does it
// over a transport::Transport with the school's own store::Store connection.
//
// Every reply counts only when its Junheng-Reply-Signature verifies with the pinned receiver
// key: anything else (a captive portal's 200 page, a proxy's error page, a reply to another
// request) is "unreachable", the data stays pending and nothing local changes. The client never
// relies on the school PC's clock: times shown as "last reply" are the receiver's.
//
// A Client is not thread-safe (it uses one Store); the window runs it on SyncLoop's worker.
// Network and receiver trouble is reported in the Report; local trouble (a damaged key file, a
// store that refuses) throws domain::Rejected with its message.
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "domain/message.hpp"
#include "sync/protocol/crypto.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/transport/transport.hpp"

namespace jh::store { class Store; }

namespace jh::sync::client {

// ---------------------------------------------------------------- reports ----

// How a run ended. Delivered: everything it was asked to deliver is acknowledged (by a reply
// that verified). Unreachable: no verified reply (no connection, timeout, captive portal, 503
// busy): kept pending, try again later. Fatal: the receiver refused the terminal or its data
// as a whole (revoked, wrong credential, refused version, a fork it cannot resolve, a
// conflicting submission): retrying will not help until a person acts; `message` says what.
enum class Outcome { Delivered, Unreachable, Fatal };

std::string_view outcome_word(Outcome);   // "delivered" | "unreachable" | "fatal"

// What applying inbox items did (sync/client/inbox.hpp, apply_inbox): decisions and packs
// taken, items ignored (a replay, a decision about an older version than the latest frozen since,
// an unknown kind) and refused (a bad receiver signature, another school's item: nothing
// changed). `notes` says it for people, one per item that did something or was ignored for a
// reason worth telling (a replay is silent).
struct InboxOutcome {
    int applied = 0, ignored = 0, refused = 0;
    std::vector<domain::Message> notes;
};

// What one enrol/sync/submit run did. Messages are for people (zh for the window, en for the
// CLI and logs); `problem` is the protocol's problem word for programs ("" when none; the
// client's own words: "unreachable", "unverified" (a reply whose signature failed),
// "not_enrolled", "local" (the store refused, e.g. a year that cannot be submitted)).
struct Report {
    Outcome outcome = Outcome::Delivered;
    domain::Message message;
    std::string problem;
    std::int64_t entries_delivered = 0;   // audit entries newly acknowledged by this run
    std::int64_t batches = 0;             // batch requests answered with a verified ack
    std::int64_t pending = 0;             // audit entries still not acknowledged after the run
    int submissions_delivered = 0;        // submissions acknowledged by this run
    int submissions_pending = 0;          // submissions still not acknowledged after the run
    bool new_stream = false;              // a fork or a restore was resolved by a new stream
    bool unencrypted = false;             // the receiver URL is plain http://
    std::string receiver_time;            // of the last verified reply ("" when none)
    std::vector<protocol::Flag> flags;    // per-record notes the receiver returned
    // The inbox (decisions, packs) fetched after the run delivered: what arrived. Fetching it is
    // best effort: when it fails (unreachable, busy, a reply not signed by the receiver) nothing
    // local changes, `inbox_error` says why (English) and the next run asks again; the run's own
    // outcome stays what the delivery made it.
    InboxOutcome inbox;
    std::string inbox_error;
};

// A submitted year's review state as the terminal knows it (store::Store::reviews is the rule):
// state "submitted" (the latest version awaits the bureau), "returned", "accepted" or
// "reopened" (the bureau's latest decision is about the latest version; `text` is the comment
// or the reason, `by` the staff account, `at` the receiver's time).
struct ReviewInfo {
    int year = 0, version = 0;            // the latest frozen version
    bool delivered = false;
    std::string state;
    std::string text, by, at;
};

// One frozen submission as the terminal holds it.
struct SubmissionInfo {
    int year = 0, version = 0;
    std::string sha256;
    std::string created_at;               // terminal clock (informative)
    std::string received_at;              // receiver time; "" while pending
    bool delivered() const { return !received_at.empty(); }
};

// The local sync state (no network), plus what the receiver said when it was asked.
struct Status {
    bool enrolled = false;
    bool by_file = false;                 // enrolled from an enrolment file: no URL, sync by USB file (files.hpp)
    std::string receiver_url;             // "" when not enrolled
    bool unencrypted = false;             // receiver_url is http://
    std::string school;                   // the school code ("" before setup)
    std::string stream;                   // this database's stream id
    std::int64_t local_seq = 0;           // the local tip
    std::optional<std::int64_t> acked_seq;  // the acknowledged link's seq (none: unknown yet)
    std::int64_t pending = 0;             // entries after the acknowledged seq
    std::string last_reply_at;            // receiver time of the last verified reply
    std::string last_error;               // English, "" when the last run succeeded
    std::vector<SubmissionInfo> submissions;
    std::vector<ReviewInfo> reviews;      // every submitted year, by year
    // The highest inbox item held from the pinned receiver (0: none): it grows when a decision or
    // a rule pack arrives, by sync or by reply file, so a window knows to read its data again.
    std::int64_t inbox_seq = 0;
    // Asked only when requested and reachable: the receiver's GET /v1/status.
    std::optional<protocol::StatusReply> remote;
    std::string remote_error;             // why `remote` is missing when it was asked for
};

// ---------------------------------------------------------------- planning ----

// What the client knows when it decides the next step. Filled by Client from the store.
struct ClientState {
    std::string stream;                           // current stream id
    std::optional<protocol::Link> acked;          // acknowledged link of `stream`; none = ask the tip
    protocol::Link local_tip;                     // the local log's last link ({0, genesis} when empty)
    // The local chain's link at the seq the reply names (the reply's tip/ack/gap link), looked up
    // by the caller before calling plan; none when the local log has no entry at that seq.
    std::optional<protocol::Link> local_at_reply;
    int new_streams_this_run = 0;                 // a second fork in one run is not resolvable
};

// A reply, reduced to what planning needs. The caller has verified its signature already; a
// reply that did not verify is `Unreachable`.
struct Reply {
    enum class Kind {
        Unreachable,  // transport failure, unverified reply, captive portal
        Busy,         // 503: the receiver's store is busy
        Acked,        // 200 to a batch: `link` = the receiver's tip after processing
        Tip,          // 200 to a tip query: `link` = the receiver's tip of our stream
        Gap,          // 412: `link` = the receiver's tip (it is behind)
        Fork,         // 409 fork
        Refused,      // any other refusal: fatal (problem/message say which)
    };
    Kind kind = Kind::Unreachable;
    protocol::Link link;
    std::string problem;                          // protocol problem word for Refused/Fork/Busy
    std::string message;                          // English, from the receiver or the transport
};

struct Action {
    enum class Kind {
        QueryTip,     // GET /v1/tip: no acknowledged link is held
        SendBatch,    // POST /v1/batch continuing `from`
        NewStream,    // make a new stream id, reset the ack to {0, genesis}, upload the whole log
        Done,         // the receiver holds the local tip
        Retry,        // unreachable or busy: keep pending, try later
        Fatal,        // stop: a person must act
    };
    Kind kind = Kind::Done;
    protocol::Link from;                          // SendBatch only
    std::string problem;                          // Retry/Fatal
    std::string message;                          // Retry/Fatal, English
};

// The next step, from the state and the last reply (none at the start of a run). Pure: no I/O.
Action plan(const ClientState& state, const std::optional<Reply>& reply);

// ------------------------------------------------------------------ client ----

// The terminal's Ed25519 key pair, in "<db path>.key" (mode 0600) beside the database, not in
// it: backups of the database carry no credential. Made on first need. A damaged file (not two
// base64 lines of one Ed25519 pair) throws domain::Rejected saying so; it is never replaced.
std::filesystem::path key_path(const std::filesystem::path& db);
protocol::KeyPair load_or_create_key(const std::filesystem::path& db);
std::optional<protocol::KeyPair> load_key(const std::filesystem::path& db);

// Locks `year` and freezes its snapshot (exchange::write_snapshot, signed with the terminal's key,
// made if needed) as the next submission version, in one store transaction; nothing is sent
// (the next sync delivers it). Returns the version. Throws domain::Rejected when the store
// refuses (year already submitted, unconfirmed pupils, validation errors). The one way a year
// is submitted: the CLI, the sync screen and the 学年 screen all come here.
int freeze_year(store::Store& store, int year);

// When Client::sync asks for the inbox (see there).
enum class InboxFetch { WhenDue, Always };

class Client {
public:
    Client(store::Store& store, transport::Transport& transport);

    // POST /v1/enrol with the bureau's one-time code; pins the receiver key from the reply and
    // records the URL. The school code is the database's own. Makes the key pair if needed.
    Report enrol(const std::string& url, const std::string& code);

    // Delivers every pending audit entry (batches of at most kMaxEntriesPerBatch), then — when
    // that succeeded — fetches the receiver's inbox (decisions, packs) into report.inbox:
    // always with InboxFetch::Always, else when due (this Client's first fetch, then at most once
    // a minute, so a sync per edit stays one round trip).
    // With `confirm_tip`, the receiver's tip is asked first even when an ack is held (one more
    // round trip): a run at start-up or after an outage thus notices a receiver restored from a
    // backup (it lost acknowledged entries) and heals it now, not only at the next edit. The
    // model check (sync/protocol/sync.pml) found convergence needs it.
    Report sync(bool confirm_tip = false, InboxFetch inbox = InboxFetch::WhenDue);

    // Locks `year` and freezes its snapshot as a new submission version, in one store
    // transaction (nothing is sent). Returns the version. Throws domain::Rejected when the
    // store refuses (year already submitted, unconfirmed pupils, validation errors).
    int freeze(int year);

    // Delivers every pending change, then every submission not yet acknowledged, then fetches
    // the inbox as sync() does.
    Report submit();

    // Local state; with `ask_receiver`, also GET /v1/status when enrolled.
    Status status(bool ask_receiver);

    // GET /v1/hello (unsigned): true when a reply verifying with the pinned key came back.
    bool probe();

private:
    // The delivery part of sync() (no inbox fetch); submit() delivers, then its submissions.
    Report deliver(bool confirm_tip);
    std::optional<std::chrono::steady_clock::time_point> last_inbox_;   // the last inbox fetch that succeeded
    // GET /v1/inbox after the cursor (repeated while `more`), each reply verified as every reply
    // is, its items handed to apply_inbox; a fault leaves everything as it was and sets
    // report.inbox_error (the next run asks again).
    void fetch_inbox(Report& report);

    store::Store& store_;
    transport::Transport& transport_;
};

}  // namespace jh::sync::client
