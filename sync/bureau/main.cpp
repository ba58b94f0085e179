// `junheng-bureau [--db PATH | --store URI] COMMAND`: the county bureau's receiver — a thin main over
// sync/receiver. Every command opens (creating and migrating) the store, so any of them may run
// while `serve` runs on the same file or database. Exit status: 0 done, 1 error (English message on
// stderr), 2 usage (migrate-store adds 3: moved, the verification failed). Commands and options are documented in README.md ("The bureau receiver").
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "domain/message.hpp"
#include "exchange/snapshot.hpp"
#include "ops/county_export.hpp"
#include "ops/file_io.hpp"
#include "ops/way_to_pass.hpp"
#include "sync/protocol/messages.hpp"
#include "domain/date.hpp"
#include "sync/bureau/demo.hpp"
#include "sync/receiver/files.hpp"
#include "sync/receiver/receiver.hpp"
#include "sync/receiver/forwarder.hpp"
#include "sync/receiver/migrate.hpp"
#include "sync/receiver/packs.hpp"
#include "sync/receiver/records.hpp"
#include "sync/receiver/relay.hpp"
#include "sync/receiver/report.hpp"
#include "sync/receiver/review.hpp"
#include "sync/receiver/serve.hpp"
#include "sync/receiver/snapshot_diff.hpp"
#include "sync/receiver/open_store.hpp"
#include "sync/transport/curl_transport.hpp"
#include "sync/receiver/staff.hpp"
#include "sync/web/site.hpp"

namespace {

using namespace jh::sync::receiver;

constexpr const char* kUsage =
    "Usage: junheng-bureau [--db PATH | --store URI] COMMAND [OPTIONS]\n"
    "\n"
    "The county bureau's receiver for school terminals (docs/bureau.md).\n"
    "  --db PATH   the receiver store, a SQLite file (default: $XDG_DATA_HOME/junheng/bureau.db,\n"
    "              else ~/.local/share/junheng/bureau.db); created and migrated on first use\n"
    "  --store URI the receiver store in a PostgreSQL database instead (docs/postgresql.md), a libpq\n"
    "              URI: postgresql:///junheng?host=/run/postgresql&user=bureau; migrated on first use\n"
    "\n"
    "Commands:\n"
    "  serve --listen HOST:PORT [--tls-cert PEM --tls-key PEM] [--trusted-proxy ADDR[,ADDR...]]\n"
    "                                         receive syncs and submissions (port 0: any free port); the\n"
    "                                         bureau's web page is at / (docs/web.md); with a certificate\n"
    "                                         and its key, HTTPS only; behind a balancer at ADDR, the\n"
    "                                         web page takes the client's address from X-Forwarded-For\n"
    "  school add --code CODE --name NAME [--enrol-file PATH] [--by NAME]\n"
    "                                         register a school (admin); its one-time enrolment code is\n"
    "                                         printed alone on the last line; --enrol-file also writes\n"
    "                                         the signed enrolment file for `junheng enroll --from-file`\n"
    "  school list                            registered schools, state, last seen, tip\n"
    "  school revoke --code CODE [--by NAME]  (admin) revoke the school's terminal and unused codes\n"
    "  school replace --code CODE [--by NAME] (admin) new one-time code (last line); the old terminal is revoked\n"
    "  submissions [--school CODE [--year Y]] every submitted version with its review state, who\n"
    "                                         decided it, when, and the comment or reason\n"
    "  submissions --school CODE --year Y --diff V1 V2\n"
    "                                         what changed from version V1 to V2, record by record\n"
    "  return --school CODE --year Y --comment TEXT [--version V] [--by NAME]\n"
    "                                         send the year back to the school with a comment\n"
    "  accept --school CODE --year Y [--version V] [--by NAME]\n"
    "                                         accept it (the year stays locked at the school)\n"
    "  reopen --school CODE --year Y --reason TEXT [--version V] [--by NAME]\n"
    "                                         (admin) unlock an accepted year again\n"
    "                                         --version: default the latest received (printed)\n"
    "  user add --name NAME [--role reviewer|admin] [--county CODE] [--password-stdin] [--by NAME]\n"
    "                                         a bureau staff account (admin); the password is asked\n"
    "                                         twice without echo, or read from standard input\n"
    "  user list                              staff accounts: name, role, county, added\n"
    "  deadline --year Y --date YYYY-MM-DD [--by NAME]\n"
    "                                         the submission deadline of a school year (admin)\n"
    "  deadline list                          every deadline set\n"
    "  export --school CODE [--year Y] --out DIR\n"
    "                                         the bureau's current copy of one school year as a snapshot,\n"
    "                                         named and encoded as `junheng export --format snapshot`\n"
    "  import PATH                            apply a school's upload file (`junheng sync --to-file`):\n"
    "                                         exit 0 applied or already applied (it says which), 1 refused\n"
    "                                         (truncated, tampered, out of order, another school's): nothing stored\n"
    "  export-for --school CODE --out PATH    write the school's signed reply file (acknowledgements,\n"
    "                                         submissions held, decisions, rule packs) for `junheng sync\n"
    "                                         --from-file`; PATH may be a folder (a USB stick)\n"
    "  demo [--schools N] [--year Y] [--listen HOST:PORT]\n"
    "                                         a demo county (default 20 schools) made by the terminal's demo\n"
    "                                         generator, enrolled, synced and submitted through the protocol;\n"
    "                                         --listen: the address `serve` will use afterwards, so the demo\n"
    "                                         terminals can sync again (default: a free port for the demo only)\n"
    "  report [--pack ID] [--year Y] [--top N] [--json] [--way-to-pass [--search-budget N]]\n"
    "         [--csv OUT] [--report-csv OUT] [--xlsx OUT]\n"
    "                                         county report over the latest submission of every school;\n"
    "                                         per county: reporting and on-time rates, schools not yet\n"
    "                                         submitted, late, returned (awaiting resubmission)\n"
    "                                         (default pack: the one published, else national)\n"
    "                                         --way-to-pass: the county's way to pass (docs/way-to-pass.md);\n"
    "                                         --csv/--report-csv/--xlsx: exports (docs/county-format.md)\n"
    "  county add --code REGION --name NAME [--by NAME]\n"
    "                                         (admin; city/province) register a county (or city) that relays to\n"
    "                                         this receiver; its one-time code is printed alone on the last line\n"
    "  county list                            registered counties, enrolled, last seen, schools relayed\n"
    "  upstream --server URL --code CODE      (county/city) enrol with the city's (province's) receiver;\n"
    "                                         `serve` then relays accepted years and school states to it\n"
    "  upstream                               the upstream, its last success and last error\n"
    "  pack publish FILE [--by NAME]          check a rule pack (docs/rule-packs.md) with the built-in\n"
    "                                         packs and put it in force for every school (sent on their\n"
    "                                         next sync); a broken one is refused, nothing stored\n"
    "  pack list                              every pack published, the one in force marked\n"
    "  migrate-store --from PATH.db --to STORE\n"
    "                                         move a county's whole store (stopped) into another store,\n"
    "                                         e.g. a city's or province's PostgreSQL (--to postgresql://…,\n"
    "                                         or a SQLite path) that may serve other counties; then verify\n"
    "                                         it and print the counts (docs/postgresql.md); no global\n"
    "                                         --db/--store. Exit 0 moved and verified (or moved before),\n"
    "                                         1 refused (nothing moved) or failed (run it again), 3 moved\n"
    "                                         but the verification failed\n"
    "\n"
    "--by NAME records who acts (default: the OS account running the command); while staff\n"
    "accounts exist it must name one, and a reviewer is refused an admin's command.\n"
    "Exit status: 0 done, 1 error or refusal (message on stderr; nothing changed), 2 usage\n"
    "(migrate-store: 3 moved but not verified).\n";

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The words after the command: options with values, flags, nothing else.
class Args {
public:
    explicit Args(std::vector<std::string> words) : words_(std::move(words)) {}
    std::optional<std::string> value(const std::string& name) {
        for (std::size_t i = 0; i < words_.size(); ++i)
            if (words_[i] == name) {
                if (i + 1 >= words_.size()) throw UsageError(name + " needs a value");
                auto v = words_[i + 1];
                words_.erase(words_.begin() + static_cast<long>(i), words_.begin() + static_cast<long>(i) + 2);
                return v;
            }
        return std::nullopt;
    }
    std::string required(const std::string& name, const std::string& command) {
        auto v = value(name);
        if (!v) throw UsageError(command + " needs " + name);
        return *v;
    }
    // An option followed by `count` values (`--diff V1 V2`).
    std::optional<std::vector<std::string>> values(const std::string& name, std::size_t count) {
        for (std::size_t i = 0; i < words_.size(); ++i)
            if (words_[i] == name) {
                if (i + count >= words_.size()) throw UsageError(name + " needs " + std::to_string(count) + " values");
                std::vector<std::string> v(words_.begin() + static_cast<long>(i) + 1, words_.begin() + static_cast<long>(i + count) + 1);
                words_.erase(words_.begin() + static_cast<long>(i), words_.begin() + static_cast<long>(i + count) + 1);
                return v;
            }
        return std::nullopt;
    }
    bool flag(const std::string& name) {
        for (std::size_t i = 0; i < words_.size(); ++i)
            if (words_[i] == name) {
                words_.erase(words_.begin() + static_cast<long>(i));
                return true;
            }
        return false;
    }
    void finish() {
        if (!words_.empty()) throw UsageError("unexpected argument '" + words_.front() + "'");
    }
    // The one word left once the options are read (e.g. a FILE): exactly one, not an option.
    std::string operand(const std::string& command, const std::string& what) {
        if (words_.empty() || words_.front().starts_with("--")) throw UsageError(command + " needs " + what);
        auto v = words_.front();
        words_.erase(words_.begin());
        finish();
        return v;
    }

private:
    std::vector<std::string> words_;
};

std::filesystem::path default_store_path() {
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) base = std::filesystem::path(home) / ".local/share";
    else base = ".";
    return base / "junheng" / "bureau.db";
}

int parse_int(const std::string& text, const std::string& option, int min, int max) {
    std::size_t used = 0;
    int v = 0;
    try {
        v = std::stoi(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || text.empty() || v < min || v > max)
        throw UsageError(option + " needs a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ", got '" + text + "'");
    return v;
}

struct ListenAddress {
    std::string host;
    int port = 0;
};

// --listen HOST:PORT, for serve and demo (port 0: any free port).
ListenAddress parse_listen(const std::string& listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) throw UsageError("--listen takes HOST:PORT, got '" + listen + "'");
    return {listen.substr(0, colon), parse_int(listen.substr(colon + 1), "--listen's port", 0, 65535)};
}

int serve(const StoreLocation& db, Args& args) {
    const auto [host, port] = parse_listen(args.required("--listen", "serve"));
    const auto certificate = args.value("--tls-cert"), key = args.value("--tls-key");
    const auto proxies = args.value("--trusted-proxy");
    args.finish();
    if (certificate.has_value() != key.has_value()) throw UsageError("--tls-cert and --tls-key go together");
    jh::sync::web::AuthOptions web_options;
    const std::string proxy_list = proxies.value_or("");   // "" (an unset unit variable): none
    for (std::string_view rest = proxy_list; !rest.empty();) {
        const auto comma = rest.find(',');
        const std::string address(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        if (!jh::sync::web::is_ip_address(address))
            throw UsageError("--trusted-proxy takes IP addresses separated by commas; '" + address + "' is not one");
        web_options.trusted_proxies.push_back(address);
    }
    std::optional<TlsFiles> tls;
    if (certificate) tls = TlsFiles{*certificate, *key};
    const std::string scheme = tls ? "https://" : "http://";

    // SIGINT/SIGTERM are taken by a watcher thread (blocked everywhere else, so the server's
    // threads inherit the mask), which stops the server: in-flight requests finish.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto owned_store = open_store(db);

    auto& store = *owned_store;
    store.receiver_key();   // made now, not on the first request
    Receiver receiver(store);
    // The bureau's web page at `/` (sync/web, docs/web.md); the protocol stays under /v1/.
    jh::sync::web::Site site(store, web_options, &std::cout);
    HttpServer server(receiver, [&site](const PageRequest& request) { return site.serve(request); }, tls);
    const int bound = server.bind(host, port);
    std::cout << "junheng-bureau: listening on " << scheme << host << ":" << bound << " (store " << db.display() << ")" << std::endl;
    std::cout << "junheng-bureau: web page at " << scheme << host << ":" << bound << "/ (sign in with a `user add` account)" << std::endl;
    // The relay: accepted years and school states go to the upstream by themselves (forwarder.hpp).
    ForwarderThread forwarder(store, jh::sync::transport::make_curl_transport({5, 30, 1u << 20, ""}), &std::cout);
    std::thread watcher([&] {
        int received = 0;
        sigwait(&signals, &received);
        server.stop();
    });
    const bool ok = server.run();
    pthread_kill(watcher.native_handle(), SIGTERM);   // wakes the watcher when the server stopped by itself
    watcher.join();
    if (!ok) {
        std::cerr << "junheng-bureau: the server stopped with an error\n";
        return 1;
    }
    std::cout << "junheng-bureau: stopped" << std::endl;
    return 0;
}

int school(const StoreLocation& db, const std::string& sub, Args& args) {
    if (sub == "add") {
        const auto code = args.required("--code", "school add");
        const auto name = args.required("--name", "school add");
        const auto by = args.value("--by");
        const auto enrol_file = args.value("--enrol-file");
        args.finish();
        auto owned_store = open_store(db);
        auto& store = *owned_store;
        require_admin(resolve_actor(store, by), "school add");
        const auto one_time = register_school(store, code, name);
        if (enrol_file) {
            auto path = std::filesystem::path(*enrol_file);
            if (std::filesystem::is_directory(path)) path /= jh::sync::protocol::enrol_file_name(code);
            jh::ops::write_file_atomically(path, make_enrol_file(store, code, one_time));
            std::cout << "enrolment file written: " << path.string() << " (for `junheng enroll --from-file`)\n";
        }
        std::cout << "school " << code << " " << name << " registered; its one-time enrolment code:\n" << one_time << "\n";
        return 0;
    }
    if (sub == "list") {
        args.finish();
        auto owned_store = open_store(db);
        auto& store = *owned_store;
        // A school a county relays enrols and syncs there: its county's report of it is shown.
        const auto relayed = relayed_schools(store);
        for (const auto& s : store.schools()) {
            const auto via = relayed.find(s.code);
            if (via != relayed.end()) {
                const auto& state = via->second.state;
                std::cout << s.code << "\t" << (state.state == "revoked" ? "revoked" : "relayed by " + via->second.member) << "\t"
                          << "last seen " << (state.last_seen.empty() ? "never" : state.last_seen) << "\t"
                          << "at its county" << "\t" << s.name << "\n";
                continue;
            }
            std::cout << s.code << "\t" << (s.revoked ? "revoked" : s.enrolled ? "enrolled" : "not-enrolled") << "\t"
                      << "last seen " << s.last_seen.value_or("never") << "\t"
                      << (s.live_stream.empty() ? std::string("never synced") : "stream " + s.live_stream + " seq " + std::to_string(s.tip.seq))
                      << "\t" << s.name << "\n";
        }
        return 0;
    }
    if (sub == "revoke") {
        const auto code = args.required("--code", "school revoke");
        const auto by = args.value("--by");
        args.finish();
        auto owned_store = open_store(db);
        auto& store = *owned_store;
        require_admin(resolve_actor(store, by), "school revoke");
        revoke_school(store, code);
        std::cout << "school " << code << ": terminal and unused enrolment codes revoked\n";
        return 0;
    }
    if (sub == "replace") {
        const auto code = args.required("--code", "school replace");
        const auto by = args.value("--by");
        args.finish();
        auto owned_store = open_store(db);
        auto& store = *owned_store;
        require_admin(resolve_actor(store, by), "school replace");
        const auto one_time = replace_terminal(store, code);
        std::cout << "school " << code << ": the old terminal is revoked; the new one-time enrolment code:\n" << one_time << "\n";
        return 0;
    }
    throw UsageError("school takes add, list, revoke or replace" + (sub.empty() ? std::string() : ", not '" + sub + "'"));
}

int county(const StoreLocation& db, const std::string& sub, Args& args) {
    if (sub == "add") {
        const auto code = args.required("--code", "county add");
        const auto name = args.required("--name", "county add");
        const auto by = args.value("--by");
        args.finish();
        auto owned_store = open_store(db);
        auto& store = *owned_store;
        require_admin(resolve_actor(store, by), "county add");
        const auto one_time = register_member(store, code, name);
        std::cout << "region " << code << " " << name << " registered; give its bureau this one-time code for "
                  << "`junheng-bureau upstream --server URL --code CODE`:\n" << one_time << "\n";
        return 0;
    }
    if (sub == "list") {
        args.finish();
        auto owned_store = open_store(db);
        auto& store = *owned_store;
        std::map<std::string, int> relayed;
        for (const auto& r : store.relay_schools())
            if (r.listed) ++relayed[r.member];
        for (const auto& m : store.members())
            std::cout << m.code << "\t" << (m.enrolled ? "enrolled" : "not-enrolled") << "\tlast seen " << m.last_seen.value_or("never")
                      << "\t" << relayed[m.code] << " schools\t" << m.name << "\n";
        return 0;
    }
    throw UsageError("county takes add or list" + (sub.empty() ? std::string() : ", not '" + sub + "'"));
}

int upstream(const StoreLocation& db, Args& args) {
    const auto server = args.value("--server");
    const auto code = args.value("--code");
    args.finish();
    auto owned_store = open_store(db);
    auto& store = *owned_store;
    if (!server && !code) {
        const auto up = store.upstream();
        if (!up) {
            std::cout << "no upstream (junheng-bureau upstream --server URL --code CODE)\n";
            return 0;
        }
        std::cout << "upstream " << up->url << " as region " << up->member << " " << up->name << ", enrolled " << up->enrolled_at
                  << "\nlast success " << up->last_ok.value_or("never") << "\nlast error " << up->last_error.value_or("none") << "\n";
        return 0;
    }
    if (!server || !code) throw UsageError("upstream needs both --server and --code (or neither, to show it)");
    auto transport = jh::sync::transport::make_curl_transport({10, 30, 1u << 20, ""});
    const auto up = enrol_upstream(store, *transport, *server, *code);
    std::cout << "enrolled with " << up.url << " as region " << up.member << " " << up.name
              << "; `junheng-bureau serve` relays accepted years to it\n";
    return 0;
}

// The two snapshots' record-by-record difference (snapshot_diff.hpp), in words.
int submissions_diff(ReceiverStore& store, const std::string& code, int year, int from, int to) {
    std::optional<StoredSubmission> a, b;
    for (auto& s : store.submissions(code, true))
        if (s.year == year) {
            if (s.version == from) a = s;
            if (s.version == to) b = s;
        }
    for (const auto& [v, held] : {std::pair{from, &a}, std::pair{to, &b}})
        if (!*held)
            throw std::invalid_argument("no version " + std::to_string(v) + " of " + code + " " + std::to_string(year) + " was received");
    const auto before = jh::exchange::read_snapshot(a->snapshot, code + "_" + std::to_string(year) + ".json v" + std::to_string(from));
    const auto after = jh::exchange::read_snapshot(b->snapshot, code + "_" + std::to_string(year) + ".json v" + std::to_string(to));
    const auto lines = describe_changes(before, after);
    std::cout << code << " " << year << ": version " << from << " (received " << a->received_at << ") -> version " << to
              << " (received " << b->received_at << ")\n";
    if (lines.empty()) std::cout << "no record changed\n";
    for (const auto& l : lines) std::cout << "  " << l << "\n";
    return 0;
}

int submissions(const StoreLocation& db, Args& args) {
    const auto code = args.value("--school");
    const auto year_text = args.value("--year");
    const auto diff = args.values("--diff", 2);
    args.finish();
    const std::optional<int> year = year_text ? std::optional(parse_int(*year_text, "--year", 1900, 2200)) : std::nullopt;
    if (year && !code) throw UsageError("submissions --year needs --school");
    if (diff && (!code || !year)) throw UsageError("submissions --diff needs --school and --year");
    auto owned_store = open_store(db);
    auto& store = *owned_store;
    if (code && !store.school(*code)) throw std::invalid_argument("no school " + *code + " is registered");
    if (diff)
        return submissions_diff(store, *code, *year, parse_int((*diff)[0], "--diff", 1, 1000000), parse_int((*diff)[1], "--diff", 1, 1000000));
    const auto all = store.submissions(code, false);
    const auto decided = decisions_of(store, code);
    std::optional<std::pair<std::string, int>> done;
    for (const auto& s : all) {
        if (year && s.year != *year) continue;
        if (done && *done == std::pair{s.school, s.year}) continue;
        done = std::pair{s.school, s.year};
        const auto review = review_of(s.school, s.year, all, decided);
        for (const auto& v : review.versions) {
            std::cout << s.school << "\t" << s.year << "\tv" << v.version << "\t" << v.sha256 << "\t" << v.received_at << "\t"
                      << v.state << "\n";
            for (const auto& d : v.decisions)
                std::cout << "    " << d.decision << " by " << d.by << " at " << d.at << (d.text.empty() ? "" : ": " + d.text) << "\n";
        }
    }
    return 0;
}

int user(const StoreLocation& db, const std::string& sub, Args& args) {
    if (sub == "add") {
        const auto name = args.required("--name", "user add");
        const auto role = args.value("--role").value_or(std::string(staff_role::kReviewer));
        const auto county = args.value("--county");
        const bool from_stdin = args.flag("--password-stdin");
        const auto by = args.value("--by");
        args.finish();
        auto owned_store = open_store(db);
        auto& store = *owned_store;
        require_admin(resolve_actor(store, by), "user add");
        const auto password = from_stdin ? password_from_stream(std::cin) : password_from_terminal();
        const auto added = add_staff_user(store, name, role, county, password, utc_now());
        std::cout << "staff account " << added.name << " added (" << added.role
                  << (added.county ? ", county " + *added.county : std::string()) << ")\n";
        return 0;
    }
    if (sub == "list") {
        args.finish();
        auto owned_store = open_store(db);
        auto& store = *owned_store;
        for (const auto& u : store.users())
            std::cout << u.name << "\t" << u.role << "\t" << (u.county ? "county " + *u.county : std::string("every county")) << "\tadded "
                      << u.added_at << "\n";
        return 0;
    }
    throw UsageError("user takes add or list" + (sub.empty() ? std::string() : ", not '" + sub + "'"));
}

// `return`, `accept`, `reopen`: one decision on one version of a school year, taken by the
// store atomically with its preconditions (review.hpp); the version decided on is printed.
int decide(const StoreLocation& db, const std::string& command, Args& args) {
    const auto code = args.required("--school", command);
    const int year = parse_int(args.required("--year", command), "--year", 1900, 2200);
    std::string text;
    if (command == "return") text = args.required("--comment", command);
    if (command == "reopen") text = args.required("--reason", command);
    const auto version_text = args.value("--version");
    const auto by = args.value("--by");
    args.finish();
    const std::optional<int> version =
        version_text ? std::optional(parse_int(*version_text, "--version", 1, 1000000)) : std::nullopt;
    if (command != "accept" && text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw UsageError(std::string(command == "return" ? "--comment" : "--reason") + " needs a text");
    if (text.size() > jh::sync::protocol::kMaxCommentBytes)
        throw std::invalid_argument("the " + std::string(command == "return" ? "comment" : "reason") + " is longer than " +
                                    std::to_string(jh::sync::protocol::kMaxCommentBytes) + " bytes; nothing recorded");
    const std::string word(command == "return" ? jh::sync::protocol::decision::kReturned
                           : command == "accept" ? jh::sync::protocol::decision::kAccepted
                                                 : jh::sync::protocol::decision::kReopened);
    auto owned_store = open_store(db);
    auto& store = *owned_store;
    const auto actor = resolve_actor(store, by);
    if (command == "reopen") require_admin(actor, "reopen");
    require_county(store, actor, code);
    const auto taken = store.decide({code, year, version, word, text, actor.name}, utc_now());
    std::cout << "school " << code << " " << year << " version " << taken.version << ": " << word << " by " << taken.by << " at "
              << taken.at << "; the school's terminal receives it at its next sync\n";
    return 0;
}

int deadline(const StoreLocation& db, Args& args) {
    if (args.flag("list")) {
        args.finish();
        auto owned_store = open_store(db);
        auto& store = *owned_store;
        for (const auto& d : store.deadlines())
            std::cout << d.year << "\t" << d.date << "\tset by " << d.set_by << " at " << d.set_at << "\n";
        return 0;
    }
    const int year = parse_int(args.required("--year", "deadline"), "--year", 1900, 2200);
    const auto date = args.required("--date", "deadline");
    const auto by = args.value("--by");
    args.finish();
    if (date.size() != 10 || !jh::domain::parse_date(date))
        throw UsageError("--date takes a date as YYYY-MM-DD, got '" + date + "'");
    auto owned_store = open_store(db);
    auto& store = *owned_store;
    const auto actor = resolve_actor(store, by);
    require_admin(actor, "deadline");
    store.set_deadline({year, date, actor.name, utc_now()});
    std::cout << "deadline of school year " << year << ": " << date << " (submissions received by the end of that day, receiver time UTC)\n";
    return 0;
}

int export_snapshot(const StoreLocation& db, Args& args) {
    const auto code = args.required("--school", "export");
    const auto year_text = args.value("--year");
    const auto out_dir = args.required("--out", "export");
    args.finish();
    const std::optional<int> year = year_text ? std::optional(parse_int(*year_text, "--year", 1900, 2200)) : std::nullopt;
    auto owned_store = open_store(db);
    auto& store = *owned_store;
    if (!store.school(code)) throw std::invalid_argument("no school " + code + " is registered");
    const auto records = store.live_records(code);
    const auto years = years_held(records);
    if (years.empty()) throw std::runtime_error("the bureau holds no school year of school " + code + " yet (it has not synced)");
    std::vector<std::string> skipped;
    const auto data = rebuild_year(records, year.value_or(years.back()), skipped);
    for (const auto& s : skipped) std::cerr << "junheng-bureau: left out a record that does not decode: " << s << "\n";
    std::filesystem::create_directories(out_dir);
    const auto path = std::filesystem::path(out_dir) / jh::exchange::snapshot_file_name(data);
    jh::ops::write_file_atomically(path, jh::exchange::write_snapshot(data));
    std::cout << path.string() << "\n";
    return 0;
}

// `import PATH`: 0 applied or already applied, 1 refused (the outcome's message says why).
int import_path(const StoreLocation& db, const std::string& path) {
    auto owned_store = open_store(db);
    auto& store = *owned_store;
    Receiver receiver(store);
    std::string bytes;
    try {
        bytes = jh::ops::read_file(path, jh::sync::protocol::file::kMaxUploadFileBytes);
    } catch (const jh::domain::Rejected& e) {
        std::cerr << "junheng-bureau: " << e.what() << "; nothing was stored\n";
        return 1;
    }
    const auto outcome = import_upload_file(store, receiver, bytes);
    if (outcome.kind == ImportOutcome::Kind::Refused) {
        std::cerr << "junheng-bureau: " << path << ": " << outcome.message << "\n";
        return 1;
    }
    std::cout << (outcome.kind == ImportOutcome::Kind::Applied ? "applied: " : "already applied: ") << outcome.message << "\n";
    return 0;
}

int export_for(const StoreLocation& db, Args& args) {
    const auto code = args.required("--school", "export-for");
    const auto out = args.required("--out", "export-for");
    args.finish();
    auto owned_store = open_store(db);
    auto& store = *owned_store;
    if (!store.school(code)) throw std::invalid_argument("no school " + code + " is registered");
    const auto made = make_reply_file(store, code);
    auto path = std::filesystem::path(out);
    if (std::filesystem::is_directory(path)) path /= jh::sync::protocol::reply_file_name(code, made.number);
    jh::ops::write_file_atomically(path, made.bytes);
    std::cout << "reply file " << made.number << " for school " << code << ": stream tip seq " << made.status.tip.seq << ", "
              << made.status.submissions.size() << " submission versions, " << made.items << " inbox items\n"
              << path.string() << "\n";
    return 0;
}

int report(const StoreLocation& db, Args& args) {
    ReportOptions options;
    if (auto pack = args.value("--pack")) options.pack_id = *pack;
    if (auto y = args.value("--year")) options.year = parse_int(*y, "--year", 1900, 2200);
    if (auto t = args.value("--top")) options.top = static_cast<std::size_t>(parse_int(*t, "--top", 0, 1000));
    const bool json = args.flag("--json");
    const bool way_option = args.flag("--way-to-pass");
    jh::ops::WayOptions way_options;
    if (auto b = args.value("--search-budget")) way_options.budget = static_cast<std::size_t>(parse_int(*b, "--search-budget", 0, 1000000000));
    const auto csv_out = args.value("--csv");
    const auto report_csv_out = args.value("--report-csv");
    const auto xlsx_out = args.value("--xlsx");
    args.finish();
    auto owned_store = open_store(db);
    auto& store = *owned_store;
    jh::ops::CountyReport computed;
    auto doc = county_report(store, options, &computed);
    // The same way to pass and exports as `junheng county` (ops::way_to_pass, ops/county_export).
    std::optional<jh::ops::WayToPass> way;
    if (way_option || xlsx_out) way = jh::ops::way_to_pass(computed, way_options);
    if (csv_out) jh::ops::write_file_atomically(*csv_out, [&](std::ostream& out) { jh::ops::write_county_csv(out, computed); });
    if (report_csv_out) jh::ops::write_file_atomically(*report_csv_out, [&](std::ostream& out) { jh::ops::write_report_csv(out, computed); });
    if (xlsx_out) jh::ops::write_county_xlsx(*xlsx_out, computed, &*way);
    if (way_option) doc["way_to_pass"] = jh::ops::to_json(*way);
    if (json) std::cout << doc.dump(2) << "\n";
    else {
        std::cout << report_text(doc);
        if (way_option) std::cout << jh::ops::to_text(*way);
        for (const auto* path : {&csv_out, &report_csv_out, &xlsx_out})
            if (*path) std::cout << "written: " << **path << "\n";
    }
    return 0;
}

int pack(const StoreLocation& db, const std::string& sub, Args& args) {
    if (sub == "publish") {
        const auto by = args.value("--by");
        const auto file = args.operand("pack publish", "FILE");   // the one word left once the options are read
        const auto text = jh::ops::read_file(file, jh::ops::kMaxPackBytes);   // a larger file is refused unread
        auto owned_store = open_store(db);
        auto& store = *owned_store;
        const auto actor = resolve_actor(store, by);
        require_admin(actor, "pack publish");
        const auto item = publish_pack(store, std::filesystem::path(file).filename().string(), text, actor.name, utc_now());
        std::cout << "rule pack " << item.pack_id << " published as inbox item #" << item.seq << " (sha256 " << item.pack_sha256
                  << ", by " << item.by << ", " << item.at << "); in force for every school from its next sync\n";
        return 0;
    }
    if (sub == "list") {
        args.finish();
        auto owned_store = open_store(db);
        auto& store = *owned_store;
        const auto published = published_packs(store);
        for (std::size_t i = 0; i < published.size(); ++i) {
            const auto& p = published[i];
            std::cout << "#" << p.seq << "\t" << p.pack_id << "\t" << p.pack_sha256 << "\tpublished " << p.at << " by " << p.by
                      << (i + 1 == published.size() ? "\tin force" : "") << "\n";
        }
        if (published.empty()) std::cout << "no pack published: reports use the built-in national standard\n";
        return 0;
    }
    throw UsageError("pack takes publish or list" + (sub.empty() ? std::string() : ", not '" + sub + "'"));
}

// A store named on migrate-store's command line: a libpq URI or a SQLite path.
StoreLocation location_of(const std::string& text) {
    return is_postgres_uri(text) ? StoreLocation::postgres(text) : StoreLocation::sqlite(text);
}

int migrate(Args& args) {
    const auto from_text = args.required("--from", "migrate-store");
    const auto to_text = args.required("--to", "migrate-store");
    args.finish();
    const auto from = location_of(from_text);
    const auto to = location_of(to_text);
    // Never create the county's store by naming it wrong.
    if (!from.is_postgres() && !std::filesystem::is_regular_file(from.path))
        throw std::invalid_argument("--from: no such store file " + from.path.string() + "; nothing moved");
    if (!from.is_postgres() && !to.is_postgres() && std::filesystem::exists(to.path) &&
        std::filesystem::equivalent(from.path, to.path))
        throw std::invalid_argument("--from and --to name the same store; nothing moved");
    auto county = open_store(from);
    auto target = open_store(to);
    const auto key = county->receiver_key().public_key;
    std::cout << "moving the county's receiver store " << from.display() << " (receiver key " << key << ") into "
              << to.display() << "\n";
    MoveOptions options;
    options.source = from.display();
    MoveReport report;
    try {
        report = migrate_store(*county, *target, options, std::cout);
    } catch (const MoveRefused& e) {
        std::cerr << "junheng-bureau: migrate-store refused: " << e.what() << "\n";
        return 1;
    }
    std::cout << report.moved << " schools moved now, " << report.already << " moved before; " << report.packs
              << " rule packs, " << report.users_added << " staff accounts and " << report.deadlines_added
              << " deadlines added\n";
    for (const auto& n : report.notes) std::cout << "note: " << n << "\n";
    const auto& c = report.source;
    const auto& t = report.target;
    std::cout << "counts (county / target):\n";
    const auto row = [](const std::string& name, std::int64_t a, std::int64_t b) {
        std::cout << "  " << name << ": " << a << " / " << b << (a == b ? "" : "  (differs)") << "\n";
    };
    row("schools", c.schools, t.schools);
    row("enrolment codes", c.codes, t.codes);
    row("terminals", c.terminals, t.terminals);
    row("streams", c.streams, t.streams);
    row("entries", c.entries, t.entries);
    row("live records", c.live_records, t.live_records);
    row("flags", c.flags, t.flags);
    row("submission versions", c.submissions, t.submissions);
    row("decisions", c.decisions, t.decisions);
    row("upload files", c.upload_files, t.upload_files);
    if (!report.problems.empty()) {
        for (const auto& p : report.problems) std::cerr << "junheng-bureau: migrate-store: verification failed: " << p << "\n";
        return 3;
    }
    std::cout << "verified: every moved school's hash chains recomputed and its history as in the county's store"
              << (c == t ? "; counts match" : "; the target holds more (the schools synced there since)")
              << "; its terminals keep the receiver key they pinned\n";
    return 0;
}

int run(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    // The global options before the command: --db PATH (SQLite, the default) or --store URI.
    std::optional<std::string> db_path, store_uri;
    while (!words.empty() && (words[0] == "--db" || words[0] == "--store")) {
        if (words.size() < 2) throw UsageError(words[0] + " needs a value");
        auto& slot = words[0] == "--db" ? db_path : store_uri;
        if (slot) throw UsageError(words[0] + " is given twice");
        slot = words[1];
        words.erase(words.begin(), words.begin() + 2);
    }
    if (db_path && store_uri)
        throw std::invalid_argument("--db and --store name two different stores; give one of them (--db PATH for a SQLite file, "
                                    "--store postgresql://… for a PostgreSQL database)");
    const auto db = store_uri ? StoreLocation::postgres(*store_uri) : StoreLocation::sqlite(db_path ? std::filesystem::path(*db_path) : default_store_path());
    if (words.empty()) throw UsageError("a command is needed");
    if (words[0] == "migrate-store") {
        if (db_path || store_uri) throw UsageError("migrate-store names its stores with --from and --to, not --db or --store");
        Args args(std::vector<std::string>(words.begin() + 1, words.end()));
        return migrate(args);
    }
    if (words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
        std::cout << kUsage;
        return 0;
    }
    const auto command = words[0];
    words.erase(words.begin());
    if (command == "school" || command == "pack") {
        const std::string sub = words.empty() ? "" : words[0];
        if (!words.empty()) words.erase(words.begin());
        Args args(words);
        return command == "school" ? school(db, sub, args) : pack(db, sub, args);
    }
    if (command == "import") {
        if (words.size() != 1) throw UsageError("import takes one PATH (an upload file written by `junheng sync --to-file`)");
        return import_path(db, words[0]);
    }
    if (command == "county") {
        const std::string sub = words.empty() ? "" : words[0];
        if (!words.empty()) words.erase(words.begin());
        Args args(words);
        return county(db, sub, args);
    }
    if (command == "user") {
        const std::string sub = words.empty() ? "" : words[0];
        if (!words.empty()) words.erase(words.begin());
        Args args(words);
        return user(db, sub, args);
    }
    Args args(words);
    if (command == "serve") return serve(db, args);
    if (command == "upstream") return upstream(db, args);
    if (command == "deadline") return deadline(db, args);
    if (command == "return" || command == "accept" || command == "reopen") return decide(db, command, args);
    if (command == "export-for") return export_for(db, args);
    if (command == "submissions") return submissions(db, args);
    if (command == "export") return export_snapshot(db, args);
    if (command == "report") return report(db, args);
    if (command == "demo") {
        const int schools = parse_int(args.value("--schools").value_or("20"), "--schools", 1, 9999);
        const auto year_text = args.value("--year");
        const int year = year_text ? parse_int(*year_text, "--year", 1900, 2200) : jh::domain::current_school_year();
        const auto listen = parse_listen(args.value("--listen").value_or("127.0.0.1:0"));
        args.finish();
        auto owned_store = open_store(db);
        auto& store = *owned_store;
        // The demo's terminal databases go beside a SQLite store, or in the working folder.
        const auto beside = db.is_postgres() ? std::filesystem::current_path() / "junheng-bureau-demo" : db.path;
        const auto made = jh::sync::bureau::make_demo_county(store, beside, schools, year, std::cout, listen.host, listen.port);
        std::cout << "demo county: " << made.schools << " schools synced, " << made.submitted << " submitted for "
                  << year << "; their terminal databases are in " << made.terminals.string()
                  << "\ntry: junheng-bureau " << db.option() << " report\n";
        return 0;
    }
    throw UsageError("unknown command '" + command + "'");
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const UsageError& e) {
        std::cerr << "junheng-bureau: " << e.what() << "\n\n" << kUsage;
        return 2;
    } catch (const jh::domain::Rejected& e) {
        std::cerr << "junheng-bureau: " << e.message().en << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "junheng-bureau: " << e.what() << "\n";
        return 1;
    }
}
