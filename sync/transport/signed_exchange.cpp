// signed_request / verified_exchange: see signed_exchange.hpp.
#include "sync/transport/signed_exchange.hpp"

#include "sync/protocol/crypto.hpp"
#include "sync/protocol/protocol.hpp"

namespace jh::sync::transport {

protocol::HttpRequest signed_request(std::string method, std::string target, std::string_view identity_header,
                                     const std::string& identity, const std::string& json, const std::string& secret_key) {
    protocol::HttpRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    if (!json.empty()) {
        r.body = protocol::compress(json);
        r.headers["Content-Type"] = std::string(protocol::kRequestMediaType);
        r.headers["Content-Length"] = std::to_string(r.body.size());
    }
    if (!identity.empty()) r.headers[std::string(identity_header)] = identity;
    r.headers[std::string(protocol::kHeaderSignature)] =
        protocol::sign(protocol::request_signed_text(r.method, r.target, identity, r.body), secret_key);
    return r;
}

VerifiedReply verified_exchange(Transport& transport, const std::string& url, const protocol::HttpRequest& request,
                                const std::string& peer_key) {
    VerifiedReply out;
    auto result = transport.send(url, request);
    if (!result.delivered) {
        out.error = url + " could not be reached: " + result.error;
        return out;
    }
    const auto signature = protocol::header_value(result.response.headers, protocol::kHeaderReplySignature);
    const auto request_signature = protocol::header_value(request.headers, protocol::kHeaderSignature).value_or("-");
    if (!signature ||
        !protocol::verify(protocol::reply_signed_text(result.response.status, request_signature, result.response.body), *signature,
                          peer_key)) {
        out.error = "the answer from " + url + " (HTTP " + std::to_string(result.response.status) +
                    ") is not signed by the pinned receiver key (a login page, a proxy or another server?)";
        return out;
    }
    out.verified = true;
    out.response = std::move(result.response);
    return out;
}

}  // namespace jh::sync::transport
