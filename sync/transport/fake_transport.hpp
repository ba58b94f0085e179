// An in-process transport for tests: hands each request to a handler (a Receiver::handle, or a
// scripted reply) and injects the faults a real network has, on demand, so every step of the
// protocol can be exercised against them. A fault-injection fake beside the real CurlTransport,
// never a replacement for the receiver.
#pragma once
#include <cstddef>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "sync/transport/transport.hpp"

namespace jh::sync::transport {

class FakeTransport : public Transport {
public:
    using Handler = std::function<protocol::HttpResponse(const protocol::HttpRequest&)>;

    enum class Fault {
        None,
        RequestLost,     // never reaches the handler; the client sees a transport failure
        ReplyLost,       // the handler processes it, the client sees a transport failure
        Duplicated,      // the handler gets it twice; the client sees the second reply
        Held,            // kept back (the client sees a transport failure) until release_held()
        CaptivePortal,   // never reaches the handler; the client gets 200 with an HTML page
        Restarted,       // the `on_restart` hook runs first (e.g. a new Receiver on the same store)
    };

    explicit FakeTransport(Handler handler) : handler_(std::move(handler)) {}

    // Faults for the next requests, in order (one per request; then None).
    void inject(Fault fault) { faults_.push_back(fault); }
    // Every request fails with `fault` (RequestLost or CaptivePortal) until cleared.
    void set_down(Fault fault) { down_ = fault; }
    void clear_down() { down_ = Fault::None; }
    void on_restart(std::function<void()> hook) { restart_ = std::move(hook); }
    void set_handler(Handler handler) { handler_ = std::move(handler); }

    // Delivers the held requests to the handler now (reordered after whatever went meanwhile);
    // their replies go nowhere. Returns the statuses the handler answered.
    std::vector<int> release_held();

    TransportResult send(const std::string& base_url, const protocol::HttpRequest& request) override;

    // What went through (for byte counts and assertions).
    std::size_t requests_seen() const { return requests_seen_; }
    std::size_t handled() const { return handled_; }
    const std::vector<protocol::HttpRequest>& log() const { return log_; }

private:
    Handler handler_;
    std::deque<Fault> faults_;
    Fault down_ = Fault::None;
    std::function<void()> restart_;
    std::vector<protocol::HttpRequest> held_;
    std::vector<protocol::HttpRequest> log_;
    std::size_t requests_seen_ = 0, handled_ = 0;
};

}  // namespace jh::sync::transport
