// Ed25519, base64 (libsodium) and zlib framing for protocol v1; see crypto.hpp.
#include "sync/protocol/crypto.hpp"

#include <sodium.h>
#include <zlib.h>

#include <stdexcept>
#include <vector>

#include "domain/audit_entry.hpp"
#include "sync/protocol/protocol.hpp"

namespace jh::sync::protocol {
namespace {

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

std::optional<std::string> key_bytes(std::string_view base64_text, std::size_t size) {
    auto bytes = from_base64(base64_text, size);
    if (!bytes || bytes->size() != size) return std::nullopt;
    return bytes;
}

}  // namespace

std::string base64(std::string_view bytes) {
    ensure_sodium();
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);   // the terminating NUL
    return out;
}

std::optional<std::string> from_base64(std::string_view text, std::size_t max_bytes) {
    ensure_sodium();
    if (text.size() > 4 * (max_bytes / 3 + 2)) return std::nullopt;
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size() || length > max_bytes)
        return std::nullopt;
    out.resize(length);
    return out;
}

KeyPair generate_key_pair() {
    ensure_sodium();
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    KeyPair pair{base64({reinterpret_cast<char*>(pk), sizeof pk}), base64({reinterpret_cast<char*>(sk), sizeof sk})};
    sodium_memzero(sk, sizeof sk);
    return pair;
}

bool is_public_key(std::string_view b) { return key_bytes(b, crypto_sign_PUBLICKEYBYTES).has_value(); }
bool is_secret_key(std::string_view b) { return key_bytes(b, crypto_sign_SECRETKEYBYTES).has_value(); }

std::string sign(std::string_view message, std::string_view secret_key_base64) {
    auto sk = key_bytes(secret_key_base64, crypto_sign_SECRETKEYBYTES);
    if (!sk) throw std::invalid_argument("malformed Ed25519 secret key");
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         reinterpret_cast<const unsigned char*>(sk->data()));
    sodium_memzero(sk->data(), sk->size());
    return base64({reinterpret_cast<char*>(sig), sizeof sig});
}

bool verify(std::string_view message, std::string_view signature_base64, std::string_view public_key_base64) {
    auto pk = key_bytes(public_key_base64, crypto_sign_PUBLICKEYBYTES);
    auto sig = key_bytes(signature_base64, crypto_sign_BYTES);
    if (!pk || !sig) return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                       reinterpret_cast<const unsigned char*>(pk->data())) == 0;
}

std::string request_signed_text(std::string_view method, std::string_view target, std::string_view school,
                                std::string_view body) {
    std::string text(kRequestSignedPrefix);
    text.append(method).append("\n").append(target).append("\n").append(school).append("\n");
    text += domain::sha256_hex(body);
    return text;
}

std::string reply_signed_text(int status, std::string_view request_signature, std::string_view body) {
    std::string text(kReplySignedPrefix);
    text += std::to_string(status);
    text += '\n';
    text += request_signature.empty() ? std::string_view("-") : request_signature;
    text += '\n';
    text += domain::sha256_hex(body);
    return text;
}

std::string compress(std::string_view bytes) {
    z_stream z{};
    if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK) throw std::runtime_error("zlib could not start compressing");
    if (deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(kZlibDictionary.data()),
                             static_cast<uInt>(kZlibDictionary.size())) != Z_OK) {
        deflateEnd(&z);
        throw std::runtime_error("zlib refused the protocol's dictionary");
    }
    std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    const auto size = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("zlib could not compress a message");
    out.resize(size);
    return out;
}

std::optional<std::string> decompress(std::string_view bytes, std::size_t max_output) {
    z_stream z{};
    if (inflateInit(&z) != Z_OK) return std::nullopt;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    std::string out;
    char chunk[64 * 1024];
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(chunk);
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc == Z_NEED_DICT)   // made with the protocol's preset dictionary (the usual case)
            rc = inflateSetDictionary(&z, reinterpret_cast<const Bytef*>(kZlibDictionary.data()),
                                      static_cast<uInt>(kZlibDictionary.size())) == Z_OK ? inflate(&z, Z_NO_FLUSH) : Z_DATA_ERROR;
        if (rc != Z_OK && rc != Z_STREAM_END) break;
        const std::size_t produced = sizeof chunk - z.avail_out;
        if (out.size() + produced > max_output) {
            rc = Z_MEM_ERROR;
            break;
        }
        out.append(chunk, produced);
        if (rc == Z_OK && produced == 0 && z.avail_in == 0) {   // input ended before the stream did
            rc = Z_BUF_ERROR;
            break;
        }
    }
    const bool whole = rc == Z_STREAM_END && z.avail_in == 0;
    inflateEnd(&z);
    if (!whole) return std::nullopt;
    return out;
}

}  // namespace jh::sync::protocol
