// The window's sync worker: runs the Client on its own thread with its own Store connection
// (opened on the same database file), so a slow or dead network never delays a frame or a save.
//
// Triggers: start(), notify_changes() after a local write, sync_now()/submit()/enrol() from the
// sync screen, every `inbox_poll` while idle (a sync run also fetches the bureau's inbox —
// decisions and rule packs — always after sync_now(), enrol(), submit() and this poll, else at
// most once a minute so a sync per edit stays one round trip), and — while the receiver is unreachable — a periodic GET /v1/hello
// probe (the receiver itself, not the OS's network flag, says when it is reachable). Retries back off
// exponentially with jitter, capped; a fatal outcome (revoked, refused version, a fork it cannot
// resolve) stops the loop with its message until a person acts (sync_now() or enrol()).
//
// The UI reads `snapshot()` each frame: a copy taken under a mutex, never blocking on the network.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "sync/client/client.hpp"
#include "sync/transport/transport.hpp"

namespace jh::sync::client {

struct LoopOptions {
    std::filesystem::path db;                         // the school database (the worker opens its own)
    // Made on the worker (so a transport may hold thread-affine state); default: CurlTransport.
    std::function<std::unique_ptr<transport::Transport>()> make_transport;
    std::chrono::milliseconds first_retry{2000};      // backoff after the first failure
    std::chrono::milliseconds max_retry{5 * 60 * 1000};  // backoff cap
    std::chrono::milliseconds probe_interval{30 * 1000}; // hello probe while unreachable (≤ backoff)
    std::chrono::milliseconds settle{1500};           // a burst of edits becomes one sync
    // While idle (everything delivered), a sync run this often anyway: it fetches the bureau's
    // inbox, so a decision on a submission arrives without an edit or a restart.
    std::chrono::milliseconds inbox_poll{5 * 60 * 1000};
    // Called on the worker after every snapshot change (the window posts itself an empty event
    // so it redraws the new state); must not block nor call back into the loop.
    std::function<void()> on_change;
};

// What the sync screen and the status bar show. A copy; `generation` grows with every change.
struct LoopSnapshot {
    enum class Phase {
        NotEnrolled,   // no receiver yet: the enrolment form
        Idle,          // everything delivered (or waiting for changes)
        Working,       // a request is in flight
        Waiting,       // unreachable: retrying after `retry_in`
        Stopped,       // fatal: `last_report.message` says why; sync_now() or enrol() resumes
    };
    Phase phase = Phase::NotEnrolled;
    std::uint64_t generation = 0;
    Status status;                                    // local state after the last run (no remote part)
    std::optional<Report> last_report;                // the last enrol/sync/submit run
    std::optional<std::chrono::milliseconds> retry_in;  // Waiting only
    int failures = 0;                                 // consecutive unreachable runs
    std::string store_error;                          // English: the worker could not open the database
};

class SyncLoop {
public:
    explicit SyncLoop(LoopOptions options);
    ~SyncLoop();                                      // stops and joins the worker
    SyncLoop(const SyncLoop&) = delete;
    SyncLoop& operator=(const SyncLoop&) = delete;

    void start();                                     // starts the worker; runs a first sync if enrolled
    void stop();                                      // stops and joins (idempotent)

    void notify_changes();                            // a local write happened: sync soon
    void sync_now();                                  // sync at once, resetting backoff and a fatal stop
    void enrol(std::string url, std::string code);    // enrol on the worker, then sync
    void submit(int year);                            // freeze `year` (when not yet submitted), then submit

    LoopSnapshot snapshot() const;

    // Backoff for the n-th consecutive failure (n ≥ 1): first_retry·2^(n−1), capped at
    // max_retry, then "full jitter" scaled into [½·d, d] by `unit` ∈ [0, 1). Pure, for tests.
    static std::chrono::milliseconds backoff(const LoopOptions& options, int failures, double unit);

private:
    struct Request;
    void run();

    LoopOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    LoopSnapshot snapshot_;
    std::unique_ptr<Request> request_;
    bool stopping_ = false;
    std::thread worker_;
};

}  // namespace jh::sync::client
