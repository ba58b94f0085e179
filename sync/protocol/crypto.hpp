// What the protocol needs of cryptography and framing, in one place for both ends: Ed25519
// keys, signatures over the signed texts protocol.hpp defines (libsodium), base64, and the
// zlib compression of request bodies with a hard cap on what a body may inflate to.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace jh::sync::protocol {

// An Ed25519 key pair; both halves base64 (standard alphabet, padded).
struct KeyPair {
    std::string public_key;            // 32 bytes
    std::string secret_key;            // 64 bytes (libsodium's seed + public key form)
};
KeyPair generate_key_pair();
bool is_public_key(std::string_view base64);
bool is_secret_key(std::string_view base64);

// Detached signature (base64) of `message`; throws std::invalid_argument on a malformed key.
std::string sign(std::string_view message, std::string_view secret_key_base64);
// False for a wrong, malformed or missing signature or key: never throws.
bool verify(std::string_view message, std::string_view signature_base64, std::string_view public_key_base64);

std::string base64(std::string_view bytes);
std::optional<std::string> from_base64(std::string_view text, std::size_t max_bytes);

// The signed texts of protocol.hpp.
std::string request_signed_text(std::string_view method, std::string_view target, std::string_view school,
                                std::string_view body);
std::string reply_signed_text(int status, std::string_view request_signature, std::string_view body);

// zlib (RFC 1950) at the default level, with the protocol's preset dictionary (kZlibDictionary).
std::string compress(std::string_view bytes);
// Inflates a zlib stream (with or without the preset dictionary); nullopt when it is not one, is truncated, has bytes after its end, or
// would inflate to more than `max_output` bytes (then inflation stops at the cap: a zip bomb
// costs at most max_output of memory).
std::optional<std::string> decompress(std::string_view bytes, std::size_t max_output);

}  // namespace jh::sync::protocol
