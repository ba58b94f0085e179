// Sessions, CSRF tokens and the sign-in throttle; see auth.hpp.
#include "sync/web/auth.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "sync/web/http.hpp"

namespace jh::sync::web {
namespace {

void init_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string to_hex(const unsigned char* bytes, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, n);
    out.pop_back();
    return out;
}

std::optional<std::string> from_hex(const std::string& text, std::size_t bytes) {
    if (text.size() != bytes * 2) return std::nullopt;
    std::string out(bytes, '\0');
    std::size_t got = 0;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), bytes, text.data(), text.size(), nullptr, &got, nullptr) != 0 ||
        got != bytes)
        return std::nullopt;
    return out;
}

constexpr std::string_view kCsrfLabel = "junheng web csrf v1";

}  // namespace

std::string random_token() {
    init_sodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return to_hex(bytes, sizeof bytes);
}

std::string token_hash(const std::string& token) {
    init_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    return to_hex(digest, sizeof digest);
}

std::string csrf_token(const std::string& session_id) {
    init_sodium();
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(session_id.data()), session_id.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(kCsrfLabel.data()), kCsrfLabel.size());
    crypto_auth_hmacsha256_final(&state, mac);
    return to_hex(mac, sizeof mac);
}

bool same_token(const std::string& a, const std::string& b) {
    init_sodium();
    if (a.empty() || a.size() != b.size()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool csrf_matches(const std::string& session_id, const std::string& token) { return same_token(csrf_token(session_id), token); }

std::optional<std::pair<std::int64_t, bool>> Auth::held_back(const std::string& key, const Throttle& t, std::int64_t now) {
    const auto f = store_.signin_failures(key);
    if (f.failures == 0) return std::nullopt;
    const auto last = parse_iso_time(f.last_failure_at).value_or(0);
    if (now - last >= t.lock_seconds) return std::nullopt;   // the window has passed: counts start again
    if (f.failures >= t.lock_after) return std::pair{last + t.lock_seconds - now, true};
    if (f.failures >= t.slow_after) {
        const std::int64_t wait = std::int64_t{1} << std::min(f.failures - t.slow_after, 20);
        if (now - last < wait) return std::pair{last + wait - now, false};
    }
    return std::nullopt;
}

SigninResult Auth::sign_in(const std::string& name, const std::string& password, const std::string& address, std::int64_t now) {
    const std::string user_key = "user:" + name, address_key = "addr:" + address;
    SigninResult result;
    std::optional<std::pair<std::int64_t, bool>> hold;
    for (const auto& h : {held_back(user_key, options_.account, now), held_back(address_key, options_.address, now)})
        if (h && (!hold || h->second > hold->second || (h->second == hold->second && h->first > hold->first))) hold = h;
    if (hold) {
        result.kind = hold->second ? SigninResult::Kind::Locked : SigninResult::Kind::Slowed;
        result.wait_seconds = std::max<std::int64_t>(hold->first, 1);
        return result;
    }
    std::optional<receiver::StaffUser> user;
    if (!name.empty() && name.size() <= receiver::kMaxStaffNameBytes && !password.empty() && password.size() <= receiver::kMaxPasswordBytes)
        user = receiver::verify_password(store_, name, password);
    const auto at = iso_time(now);
    if (!user) {
        const auto counted = store_.add_signin_failure(user_key, at, iso_time(now - options_.account.lock_seconds));
        store_.add_signin_failure(address_key, at, iso_time(now - options_.address.lock_seconds));
        result.kind = counted.failures >= options_.account.lock_after ? SigninResult::Kind::Locked : SigninResult::Kind::Wrong;
        if (result.kind == SigninResult::Kind::Locked) result.wait_seconds = options_.account.lock_seconds;
        return result;
    }
    store_.clear_signin_failures(user_key);
    result.kind = SigninResult::Kind::SignedIn;
    result.session_id = random_token();
    store_.add_web_session({token_hash(result.session_id), user->name, at, at, address}, iso_time(now - options_.idle));
    return result;
}

std::optional<Signed> Auth::session(const std::string& session_id, std::int64_t now) {
    if (session_id.size() != 64 || !from_hex(session_id, 32)) return std::nullopt;
    const auto hash = token_hash(session_id);
    const auto held = store_.web_session(hash);
    if (!held) return std::nullopt;
    const auto created = parse_iso_time(held->created_at), seen = parse_iso_time(held->last_seen_at);
    if (!created || !seen || now - *seen >= options_.idle || now - *created >= options_.absolute) {
        store_.end_web_session(hash);
        return std::nullopt;
    }
    const auto user = store_.user(held->user);
    if (!user) {   // the account is gone
        store_.end_web_session(hash);
        return std::nullopt;
    }
    store_.touch_web_session(hash, iso_time(now));
    return Signed{session_id, *user, receiver::Actor{user->name, user->role, true, user->county}};
}

void Auth::sign_out(const std::string& session_id) { store_.end_web_session(token_hash(session_id)); }

}  // namespace jh::sync::web
