// One signed request and its verified reply, as every protocol client makes them: the body
// compressed as kRequestMediaType, the request signed over protocol::request_signed_text by the
// sender's key (the SCHOOL slot holding the identity the header names), and the reply counted
// only when its Junheng-Reply-Signature verifies with the pinned key for this request's
// signature. The terminal's client (sync/client) and the relay's forwarder (sync/receiver) both
// build their requests with it.
#pragma once
#include <string>
#include <string_view>

#include "sync/protocol/http.hpp"
#include "sync/transport/transport.hpp"

namespace jh::sync::transport {

// `identity_header`/`identity`: e.g. Junheng-Relay and a region code. An empty identity sends
// no identity header (a relay enrolment, which names itself by its one-time code); the
// signature is made either way.
protocol::HttpRequest signed_request(std::string method, std::string target, std::string_view identity_header,
                                     const std::string& identity, const std::string& json, const std::string& secret_key);

struct VerifiedReply {
    bool verified = false;             // a reply came back and its signature verified
    protocol::HttpResponse response;   // valid when verified
    std::string error;                 // English, when not verified
};
VerifiedReply verified_exchange(Transport& transport, const std::string& url, const protocol::HttpRequest& request,
                                const std::string& peer_key);

}  // namespace jh::sync::transport
