// The audit entry's hash rule (see audit_entry.hpp for the contract).
#include "domain/audit_entry.hpp"

#include <openssl/evp.h>

#include <charconv>
#include <memory>
#include <stdexcept>

namespace jh::domain {

// OpenSSL's SHA-256 rather than libsodium's: it uses the CPU's SHA instructions where present,
// and every change hashes an entry (libsodium's portable code was a quarter of an import).
// The algorithm is fetched once and the context reused, per thread.
std::string sha256_hex(std::string_view text) {
    struct Hasher {
        std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md{EVP_MD_fetch(nullptr, "SHA256", nullptr), &EVP_MD_free};
        std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), &EVP_MD_CTX_free};
    };
    thread_local Hasher hasher;
    unsigned char digest[32];
    unsigned int size = 0;
    if (!hasher.md || !hasher.ctx || !EVP_DigestInit_ex(hasher.ctx.get(), hasher.md.get(), nullptr) ||
        !EVP_DigestUpdate(hasher.ctx.get(), text.data(), text.size()) ||
        !EVP_DigestFinal_ex(hasher.ctx.get(), digest, &size) || size != sizeof digest)
        throw std::runtime_error("SHA-256 is not available from OpenSSL");
    static constexpr char hex_digits[] = "0123456789abcdef";
    std::string hex(2 * sizeof digest, '0');
    for (std::size_t i = 0; i < sizeof digest; ++i) {
        hex[2 * i] = hex_digits[digest[i] >> 4];
        hex[2 * i + 1] = hex_digits[digest[i] & 0xf];
    }
    return hex;
}

namespace {

void append_netstring(std::string& out, std::string_view field) {
    char length[24];
    out.append(length, std::to_chars(length, length + sizeof length, field.size()).ptr);
    out += ':';
    out.append(field);
    out += ',';
}

void append_netstring(std::string& out, std::int64_t number) {
    char digits[24];
    append_netstring(out, std::string_view(digits, std::to_chars(digits, digits + sizeof digits, number).ptr - digits));
}

}  // namespace

const std::string& audit_genesis_hash() {
    static const std::string zeros(64, '0');
    return zeros;
}

std::string audit_hash(const AuditEntry& e) {
    std::string canonical;
    canonical.reserve(e.old_json.size() + e.new_json.size() + 256);
    append_netstring(canonical, e.seq);
    for (const std::string* field : {&e.at, &e.operator_name, &e.table}) append_netstring(canonical, *field);
    append_netstring(canonical, e.record_id);
    for (const std::string* field : {&e.action, &e.old_json, &e.new_json, &e.prev_hash})
        append_netstring(canonical, *field);
    return sha256_hex(canonical);
}

}  // namespace jh::domain
