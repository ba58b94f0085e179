// How the sync client (and, later, the relay) reaches a receiver: one request, one result that
// tells a transport failure (no connection, timeout, TLS refused: "unreachable, keep pending")
// apart from an HTTP status the far end answered (which may still be a captive portal's page:
// only a reply whose signature verifies counts, and the client checks that, not the transport).
// libcurl stays out of this header: CurlTransport lives in curl_transport.cpp; FakeTransport
// (fake_transport.hpp) hands requests to an in-process Receiver with faults injected.
#pragma once
#include <chrono>
#include <string>

#include "sync/protocol/http.hpp"

namespace jh::sync::transport {

struct TransportResult {
    bool delivered = false;            // an HTTP reply came back (any status)
    protocol::HttpResponse response;   // valid when delivered
    std::string error;                 // English, when not delivered (e.g. "connection refused")
};

class Transport {
public:
    virtual ~Transport() = default;
    // Sends `request` to `base_url` + request.target. Never throws for network trouble.
    virtual TransportResult send(const std::string& base_url, const protocol::HttpRequest& request) = 0;
};

}  // namespace jh::sync::transport
