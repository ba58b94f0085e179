// Staff accounts, passwords and roles; see staff.hpp.
#include "sync/receiver/staff.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "sync/receiver/records.hpp"

namespace jh::sync::receiver {
namespace {

void init_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

void check_password(std::string_view password) {
    if (password.empty()) throw std::invalid_argument("the password is empty");
    if (password.size() > kMaxPasswordBytes)
        throw std::invalid_argument("the password is longer than " + std::to_string(kMaxPasswordBytes) + " bytes");
}

// One line without its "\n" or "\r\n".
std::string_view chomp(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

// A line read from the terminal with echo off (restored even when reading fails). Echo goes
// off before the prompt is shown, so nothing typed after the prompt can be echoed.
std::string read_hidden(int fd, int prompt_fd, std::string_view prompt) {
    termios saved{};
    const bool tty = tcgetattr(fd, &saved) == 0;
    if (tty) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        tcsetattr(fd, TCSANOW, &quiet);
    }
    (void)!::write(prompt_fd, prompt.data(), prompt.size());
    std::string line;
    char c = 0;
    bool too_long = false;
    for (;;) {
        const auto n = ::read(fd, &c, 1);
        if (n <= 0 || c == '\n') break;
        if (line.size() <= kMaxPasswordBytes) line += c;
        else too_long = true;
    }
    if (tty) tcsetattr(fd, TCSANOW, &saved);
    if (too_long) line.assign(kMaxPasswordBytes + 1, 'x');   // refused by check_password
    return std::string(chomp(line));
}

// A staff name, as an account's or as `--by` records it.
void check_name(const std::string& name) {
    if (name.empty() || name.size() > kMaxStaffNameBytes)
        throw std::invalid_argument("a staff name has 1 to " + std::to_string(kMaxStaffNameBytes) + " bytes");
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f) throw std::invalid_argument("a staff name may not hold control characters");
    if (name.front() == ' ' || name.back() == ' ') throw std::invalid_argument("a staff name may not start or end with a space");
}

}  // namespace

std::string password_from_stream(std::istream& in) {
    // Two lines of at most kMaxPasswordBytes each and their line ends; anything longer is refused.
    constexpr std::size_t kMaxInput = 2 * (kMaxPasswordBytes + 2);
    std::string data(kMaxInput + 1, '\0');
    in.read(data.data(), static_cast<std::streamsize>(data.size()));
    data.resize(static_cast<std::size_t>(in.gcount()));
    std::string_view rest(data);
    const auto first_end = rest.find('\n');
    const auto first = chomp(rest.substr(0, first_end));
    check_password(first);
    if (data.size() > kMaxInput) throw std::invalid_argument("standard input holds more than the password and its repetition");
    if (first_end == std::string_view::npos) return std::string(first);
    rest.remove_prefix(first_end + 1);
    if (rest.empty()) return std::string(first);
    const auto second_end = rest.find('\n');
    const auto second = chomp(rest.substr(0, second_end));
    if (second != first) throw std::invalid_argument("the second line of standard input does not repeat the password");
    if (second_end != std::string_view::npos && second_end + 1 < rest.size())
        throw std::invalid_argument("standard input holds more than two lines (the password and its repetition)");
    return std::string(first);
}

std::string password_from_terminal() {
    int fd = isatty(STDIN_FILENO) ? STDIN_FILENO : ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("there is no terminal to ask the password on; give it with --password-stdin");
    struct Closer {
        int fd;
        ~Closer() {
            if (fd != STDIN_FILENO) ::close(fd);
        }
    } closer{fd};
    const int prompt_fd = fd == STDIN_FILENO ? STDERR_FILENO : fd;
    const auto first = read_hidden(fd, prompt_fd, "Password: ");
    check_password(first);
    const auto second = read_hidden(fd, prompt_fd, "Repeat the password: ");
    if (second != first) throw std::invalid_argument("the two passwords differ");
    return first;
}

std::string hash_password(std::string_view password) {
    init_sodium();
    check_password(password);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("the password could not be hashed (out of memory)");
    return out;
}

bool password_matches(const std::string& hash, std::string_view password) {
    init_sodium();
    if (password.empty() || password.size() > kMaxPasswordBytes) return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

StaffUser add_staff_user(ReceiverStore& store, const std::string& name, const std::string& role,
                         const std::optional<std::string>& county, std::string_view password, const std::string& now) {
    check_name(name);
    if (role != staff_role::kReviewer && role != staff_role::kAdmin)
        throw std::invalid_argument("--role takes reviewer or admin, not '" + role + "'");
    if (county && (county->size() != 6 || !std::all_of(county->begin(), county->end(), [](unsigned char c) { return std::isdigit(c); })))
        throw std::invalid_argument("--county takes a 6-digit division code, not '" + *county + "'");
    StaffUser user{name, role, county, now};
    store.add_user(user, hash_password(password));
    return user;
}

std::optional<StaffUser> verify_password(ReceiverStore& store, const std::string& name, std::string_view password) {
    const auto hash = store.password_hash(name);
    if (!hash) {
        // As costly as a real check, so a name's existence does not show in the time taken.
        static const std::string dummy = hash_password("junheng: no such account");
        password_matches(dummy, password.empty() ? std::string_view("-") : password);
        return std::nullopt;
    }
    if (!password_matches(*hash, password)) return std::nullopt;
    return store.user(name);
}

std::string os_account() {
    if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
    return "uid " + std::to_string(geteuid());
}

Actor resolve_actor(ReceiverStore& store, const std::optional<std::string>& by) {
    const auto name = by.value_or(os_account());
    if (by) check_name(*by);
    if (const auto user = store.user(name)) return {user->name, user->role, true, user->county};
    if (by && !store.users().empty())
        throw std::invalid_argument("no staff account is named '" + name + "' (junheng-bureau user list); nothing changed");
    return {name, std::string(staff_role::kAdmin), false, std::nullopt};
}

void require_admin(const Actor& actor, std::string_view action) {
    if (actor.role == staff_role::kAdmin) return;
    throw std::invalid_argument(std::string(action) + " needs an admin; " + actor.name + " is a " + actor.role + "; nothing changed");
}

std::string school_county(ReceiverStore& store, const std::string& school) {
    if (const auto json = store.live_school_record(school))
        if (const auto profile = decode_school(*json)) return profile->county_code;
    return {};
}

void require_county(ReceiverStore& store, const Actor& actor, const std::string& school) {
    if (!actor.county) return;
    const auto county = school_county(store, school);
    if (county == *actor.county) return;
    throw std::invalid_argument(actor.name + " acts for county " + *actor.county + " only, and school " + school + " is " +
                                (county.empty() ? std::string("of no known county (never synced)") : "in county " + county) +
                                "; nothing changed");
}

}  // namespace jh::sync::receiver
