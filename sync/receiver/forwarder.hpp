// The relay's downstream half: what a county's (or city's) receiver sends its upstream by
// itself. Forwarder::pass is one pass with no sleeping and no sockets of its own (the transport
// is given: curl in `serve`, the fake one in tests): every accepted submission version not yet
// acknowledged (the school's signed bytes unchanged, with its key), then the school list with
// each school's state when it changed since the upstream last acknowledged it, then the
// decisions taken upstream since the cursor, stored as this receiver's own inbox items.
// Everything is read from the store at each pass, so a decision taken by another process (the
// CLI) is forwarded at the next pass. A version counts as sent once a verified reply says
// received or unchanged (sent twice: stored once upstream).
//
// ForwarderThread runs passes while `serve` runs: every kPoll, and after a pass that could not
// reach the upstream, with a growing delay (backoff with jitter, capped at kMaxBackoff).
#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "sync/receiver/store.hpp"
#include "sync/transport/transport.hpp"

namespace jh::sync::receiver {

struct ForwardPass {
    bool configured = false;       // an upstream is set
    bool reached = true;           // false: unreachable, unverified or busy: retry with backoff
    int forwarded = 0;             // versions the upstream acknowledged in this pass
    bool schools_sent = false;
    int decisions = 0;             // decisions from upstream stored as inbox items
    std::vector<std::string> notes;   // English, one line each: what was sent, what was refused
};

// A submission version this receiver passes up: its latest version of a school year, accepted
// here (by its own latest decision on that version) or, on a city, relayed to it as accepted by
// its county and not decided otherwise here since.
struct ToForward {
    std::string school;
    int year = 0, version = 0;
    std::string sha256;
    std::string accepted_at, accepted_by;
    std::string county;            // "" for a school of this receiver (then: the member code)
    std::string school_key;        // "" for a school of this receiver (then: its terminal's key)
};
std::vector<ToForward> to_forward(ReceiverStore& store);

// Every school this receiver answers for, with its state as it knows it: its own schools
// (county = `member`) and, on a city, the schools its counties listed (as they reported them,
// with this receiver's own decisions on their latest versions over the reported review state).
protocol::relay::Schools school_states(ReceiverStore& store, const std::string& member);

class Forwarder {
public:
    using Clock = std::function<std::string()>;
    Forwarder(ReceiverStore& store, transport::Transport& transport, Clock clock);
    ForwardPass pass();

private:
    ReceiverStore& store_;
    transport::Transport& transport_;
    Clock clock_;
};

class ForwarderThread {
public:
    static constexpr std::chrono::seconds kPoll{2};
    static constexpr std::chrono::seconds kMaxBackoff{30};

    // Starts passing at once; `log` (may be null) gets one line per note. The transport must
    // outlive this object.
    ForwarderThread(ReceiverStore& store, std::unique_ptr<transport::Transport> transport, std::ostream* log);
    ~ForwarderThread();   // stops and joins
    ForwarderThread(const ForwarderThread&) = delete;
    ForwarderThread& operator=(const ForwarderThread&) = delete;

private:
    void run();
    ReceiverStore& store_;
    std::unique_ptr<transport::Transport> transport_;
    std::ostream* log_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace jh::sync::receiver
