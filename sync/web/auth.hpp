// Sign-in for the web page (docs/web.md "Sign-in"): the staff accounts of `junheng-bureau user
// add`, checked with staff.hpp's verify_password — the one identity check.
//
// Sessions: a random 256-bit id, sent to the browser once as an HttpOnly, SameSite=Strict
// cookie (Secure under HTTPS); the store keeps only its SHA-256. A session ends on sign-out,
// after `idle` seconds without a request, or `absolute` seconds after sign-in, whichever comes
// first. CSRF: every form carries a token bound to the session (HMAC-SHA256 of a fixed label,
// keyed with the session id), checked in constant time; the sign-in form, before any session,
// carries a random token that must equal its own cookie.
//
// Wrong passwords are counted in the store (so several serve processes agree), per account and
// per address. After `slow_after` failures each further attempt must wait 1, 2, 4 … seconds
// after the last failure; at `lock_after` failures sign-in is locked for `lock_seconds` after
// the last failure. While slowed or locked the password is not even checked. A correct password
// clears the account's count (not the address's, which only the window clears).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/receiver/staff.hpp"
#include "sync/receiver/store.hpp"

namespace jh::sync::web {

struct Throttle {
    int slow_after = 3, lock_after = 5;
    std::int64_t lock_seconds = 15 * 60;   // also the window a count lives in
};

struct AuthOptions {
    std::int64_t idle = 30 * 60;           // seconds without a request
    std::int64_t absolute = 12 * 60 * 60;  // seconds after sign-in
    Throttle account{3, 5, 15 * 60};
    Throttle address{10, 30, 15 * 60};
    // Reverse proxies (balancers) whose X-Forwarded-For is believed (http.hpp client_address):
    // behind one, every client would otherwise share the balancer's address and its count.
    std::vector<std::string> trusted_proxies;
};

inline constexpr std::string_view kSessionCookie = "jh_session";
inline constexpr std::string_view kSigninCookie = "jh_signin";

// 32 random bytes as 64 hex digits; its SHA-256 in hex.
std::string random_token();
std::string token_hash(const std::string& token);

// The CSRF token of a session id; whether `token` is it (constant time).
std::string csrf_token(const std::string& session_id);
bool csrf_matches(const std::string& session_id, const std::string& token);
// Constant-time equality of two strings (the sign-in form's token against its cookie).
bool same_token(const std::string& a, const std::string& b);

// A signed-in user, as a request's session cookie shows it.
struct Signed {
    std::string session_id;
    receiver::StaffUser user;
    receiver::Actor actor;                 // for staff.hpp's require_admin / require_county
};

// The outcome of a sign-in attempt.
struct SigninResult {
    enum class Kind { SignedIn, Wrong, Slowed, Locked } kind = Kind::Wrong;
    std::string session_id;                // SignedIn
    std::int64_t wait_seconds = 0;         // Slowed, Locked
};

class Auth {
public:
    Auth(receiver::ReceiverStore& store, AuthOptions options = {}) : store_(store), options_(options) {}

    SigninResult sign_in(const std::string& name, const std::string& password, const std::string& address, std::int64_t now);
    // The session of a cookie value, touched (idle expiry restarts); nullopt when unknown or expired
    // (an expired one is deleted).
    std::optional<Signed> session(const std::string& session_id, std::int64_t now);
    void sign_out(const std::string& session_id);
    const AuthOptions& options() const { return options_; }

private:
    // nullopt: may try now; else the seconds to wait and whether it is a lock.
    std::optional<std::pair<std::int64_t, bool>> held_back(const std::string& key, const Throttle& t, std::int64_t now);

    receiver::ReceiverStore& store_;
    AuthOptions options_;
};

}  // namespace jh::sync::web
