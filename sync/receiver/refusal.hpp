// A request refused as a whole, and the checks every route's body goes through before it is
// used: inflation with a hard cap and decoding, each refusal a 400 with the protocol's problem
// word. Receiver::handle signs a Refusal as it signs any reply; the relay routes (relay.cpp)
// throw the same type.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "sync/protocol/crypto.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/protocol/protocol.hpp"

namespace jh::sync::receiver {

struct Refusal {
    int status;
    std::string_view problem;
    std::string message;
    std::optional<protocol::Link> tip = std::nullopt;   // gap and fork: the receiver's tip
    std::string stream = {};
};

// The base64 of a 64-byte signature is 88 characters; a longer header is not one.
inline constexpr std::size_t kMaxSignatureHeader = 128;

// A request body inflated (the protocol's zlib with its preset dictionary), at most
// kMaxInflatedBytes; else 400 malformed.
inline std::string inflate_body(const std::string& body) {
    auto text = protocol::decompress(body, protocol::kMaxInflatedBytes);
    if (!text)
        throw Refusal{protocol::kBadRequest, protocol::problem::kMalformed,
                      "the body is not one complete zlib stream inflating to at most " +
                          std::to_string(protocol::kMaxInflatedBytes) + " bytes"};
    return *text;
}

// Runs a decoder; its DecodeError becomes a 400 refusal naming what does not fit.
template <class F> auto decoded(F&& decode) {
    try {
        return decode();
    } catch (const protocol::DecodeError& e) {
        throw Refusal{protocol::kBadRequest, e.problem, e.what()};
    }
}

}  // namespace jh::sync::receiver
