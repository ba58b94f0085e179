// The fault-injecting in-process transport (see fake_transport.hpp).
#include "sync/transport/fake_transport.hpp"

namespace jh::sync::transport {
namespace {

TransportResult lost(const std::string& what) { return TransportResult{false, {}, what}; }

// What a hotel or station Wi-Fi answers to any request before its login page is passed.
protocol::HttpResponse captive_page() {
    protocol::HttpResponse r;
    r.status = 200;
    r.headers["Content-Type"] = "text/html; charset=utf-8";
    r.body = "<html><head><title>Wi-Fi login</title></head><body>Please accept the terms to continue.</body></html>";
    return r;
}

}  // namespace

TransportResult FakeTransport::send(const std::string&, const protocol::HttpRequest& request) {
    ++requests_seen_;
    log_.push_back(request);
    Fault fault = down_;
    if (fault == Fault::None && !faults_.empty()) {
        fault = faults_.front();
        faults_.pop_front();
    }
    switch (fault) {
    case Fault::RequestLost: return lost("connection reset (injected: request lost)");
    case Fault::CaptivePortal: return TransportResult{true, captive_page(), {}};
    case Fault::Held:
        held_.push_back(request);
        return lost("timed out (injected: request held back)");
    case Fault::ReplyLost:
        ++handled_;
        handler_(request);
        return lost("timed out (injected: reply lost)");
    case Fault::Duplicated:
        ++handled_;
        handler_(request);
        break;
    case Fault::Restarted:
        if (restart_) restart_();
        break;
    case Fault::None: break;
    }
    ++handled_;
    return TransportResult{true, handler_(request), {}};
}

std::vector<int> FakeTransport::release_held() {
    std::vector<int> statuses;
    auto held = std::move(held_);
    held_.clear();
    for (const auto& request : held) {
        ++handled_;
        statuses.push_back(handler_(request).status);
    }
    return statuses;
}

}  // namespace jh::sync::transport
