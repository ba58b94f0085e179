// Bureau staff accounts and who may do what (docs/bureau.md "Staff accounts and roles").
//
// Accounts: a name, a role (reviewer: reads everything, returns and accepts; admin: also
// reopens, manages schools, users, deadlines and packs), optionally one county, and the
// password as libsodium's Argon2id string (crypto_pwhash_str_alg, ARGON2ID13, interactive
// limits). verify_password is the one staff identity check (the web page of issue 10 signs in
// with it).
//
// On the command line nobody signs in: whoever can run junheng-bureau on the store's machine
// already holds the store. A command is recorded as `--by NAME` or, without it, as the OS
// account that ran it. Roles limit what a NAMED staff account does:
//   - `--by NAME` given while staff accounts exist: NAME must be one of them (a typo or a
//     stranger's name is refused, never recorded), and its role applies.
//   - without `--by`: the OS account; if a staff account has that name its role applies,
//     otherwise the local operator acts with an admin's rights (as before accounts existed).
//   - no staff account at all: any `--by` name is recorded as given, with an admin's rights.
#pragma once
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "sync/receiver/store.hpp"

namespace jh::sync::receiver {

namespace staff_role {
inline constexpr std::string_view kReviewer = "reviewer";
inline constexpr std::string_view kAdmin = "admin";
}  // namespace staff_role

inline constexpr std::size_t kMaxPasswordBytes = 1024;
inline constexpr std::size_t kMaxStaffNameBytes = 64;

// `--password-stdin`: the first line of `in`, without its line end ("\n" or "\r\n"); a second
// line, if present, must repeat it; nothing may follow. Refused (std::invalid_argument) when
// empty, longer than kMaxPasswordBytes, or the second line differs.
std::string password_from_stream(std::istream& in);

// Asks on the controlling terminal, without echo, twice. Throws std::runtime_error when there
// is no terminal (use --password-stdin), std::invalid_argument as password_from_stream.
std::string password_from_terminal();

// Argon2id string of a password; whether a password matches one.
std::string hash_password(std::string_view password);
bool password_matches(const std::string& hash, std::string_view password);

// Checks name (1–64 bytes, no control characters, no spaces at either end), role and county
// (6 digits), hashes the password and stores the account. Throws std::invalid_argument.
StaffUser add_staff_user(ReceiverStore& store, const std::string& name, const std::string& role,
                         const std::optional<std::string>& county, std::string_view password, const std::string& now);

// The staff identity check: the account when `password` is its password, else nullopt (an
// unknown name costs the same time as a wrong password).
std::optional<StaffUser> verify_password(ReceiverStore& store, const std::string& name, std::string_view password);

// Who runs a command, resolved as the header says.
struct Actor {
    std::string name;
    std::string role;                      // staff_role::…
    bool staff = false;                    // a staff account (else the local operator)
    std::optional<std::string> county;
};

// The OS account running this process (getpwuid(geteuid())), or "uid N" without a name.
std::string os_account();

// Throws std::invalid_argument for a `--by` name that is not a staff account while some exist.
Actor resolve_actor(ReceiverStore& store, const std::optional<std::string>& by);

// Refuses (std::invalid_argument, "… needs an admin; NAME is a reviewer; nothing changed")
// an admin's action by a reviewer. `action` names it: "reopen", "school add", "deadline" …
void require_admin(const Actor& actor, std::string_view action);

// Refuses (std::invalid_argument) an account limited to one county acting on a school of
// another (the school's county: its live copy's profile; unknown before its first sync).
void require_county(ReceiverStore& store, const Actor& actor, const std::string& school);

// The county code of a school as the bureau holds it (its live copy's school profile), or ""
// when it has never synced.
std::string school_county(ReceiverStore& store, const std::string& school);

}  // namespace jh::sync::receiver
