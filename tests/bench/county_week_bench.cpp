// County-week benchmark (issue 9, item 7), one run, figures printed, exit 1 when the week did
// not complete or missed its target: 200 schools of varied sizes made by the terminal's demo
// generator (domain::demo_county) enrol, sync and submit through the real sync client (libcurl)
// against one real `junheng-bureau serve` on 127.0.0.1; the bureau returns every fifth
// submission with a comment (the real `junheng-bureau return`); those schools sync (the
// decision reaches them through the inbox and opens the year), edit, and resubmit; the bureau
// accepts every school (`accept`); the county report is computed (`report --json`); and the
// county's serve relays the accepted years to a city receiver (`county add` at the city,
// `upstream` at the county), waited for until the city's report holds every school.
// Printed: each phase's time and bytes on the wire (counting proxies in front of both
// receivers), the week end to end (target <= 60 s; preparing the terminal databases is the
// schools' existing state and is timed apart), and both receivers' peak RSS (VmHWM).
// A phase whose command is not in this build (`junheng-bureau` answers "unknown command") is
// printed as NOT BUILT and the run fails: the week is measured whole or not at all.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "domain/demo.hpp"
#include "domain/message.hpp"
#include "store/store.hpp"
#include "sync/client/client.hpp"
#include "sync/receiver/sqlite_store.hpp"
#include "sync/transport/curl_transport.hpp"
#include "../sync/receiver/process.hpp"   // tests/sync/receiver: junheng-bureau as a child process
#include "bench_net.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using jh::bench::CountingProxy;
using jh::bench::peak_rss_kib;
using jh::sync::client::Outcome;

namespace {

constexpr int kSchools = 200;         // `county_week_bench N` runs a smaller county (a quick check)
constexpr int kReturnEvery = 5;         // 20% returned
constexpr int kWorkers = 8;             // terminals syncing at once
constexpr double kTargetSeconds = 60;
constexpr int kRelayWaitSeconds = 120;  // the relay phase gives up after this
constexpr const char* kCityCounty = "360726";   // the county's code as the city registers it
const int kYear = 2025;

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("junheng-county-week-" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

struct Terminal {
    std::string code, name;
    fs::path db;
    std::string one_time;
    bool submitted = false, returned = false, resubmitted = false;
    int version = 0;
};

// One phase's figures. `missing` names the command this build lacks; `failed` what went wrong.
struct Phase {
    std::string name;
    double seconds = 0;
    long up = 0, down = 0;
    std::string missing, failed, note;
    bool in_week = true;
};

std::vector<Phase> phases;
int commands = 0;   // junheng-bureau commands run in the current phase
// Runs of the terminals answered "busy" (the receiver's store was locked) or unreachable.
std::atomic<int> retries{0};

// Runs `body` as a phase, timing it and counting the bytes through `proxies`.
template <class Body>
Phase phase(const std::string& name, std::vector<CountingProxy*> proxies, Body body) {
    for (auto* p : proxies) p->reset();
    retries = 0;
    commands = 0;
    Phase ph;
    ph.name = name;
    const auto t0 = Clock::now();
    try {
        body(ph);
    } catch (const std::exception& e) {
        ph.failed = e.what();
    }
    ph.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    for (auto* p : proxies) {
        ph.up += p->up();
        ph.down += p->down();
    }
    if (commands > 1) {
        char each[64];
        std::snprintf(each, sizeof each, "(%d commands, %.0f ms each) ", commands, 1000 * ph.seconds / commands);
        ph.note += each;
    }
    if (retries > 0) ph.note += "(" + std::to_string(retries.load()) + " runs retried: receiver busy) ";
    std::printf("%-38s %7.2f s  %9.1f KiB up %9.1f KiB down  %s%s%s\n", name.c_str(), ph.seconds, ph.up / 1024.0,
                ph.down / 1024.0, ph.note.c_str(), ph.missing.empty() ? "" : ("NOT BUILT: " + ph.missing).c_str(),
                ph.failed.empty() ? "" : ("FAILED: " + ph.failed).c_str());
    std::fflush(stdout);
    phases.push_back(ph);
    return ph;
}

// `junheng-bureau --db DB ARGS...`; throws with its stderr unless it exits 0. A command this
// build does not know is reported through `missing` instead.
bool bureau(const fs::path& db, std::vector<std::string> args, Phase& ph, std::string* out = nullptr) {
    args.insert(args.begin(), {"--db", db.string()});
    ++commands;
    const auto r = jh::test::bureau_run(args);
    if (r.status == 2 && r.err.find("unknown command") != std::string::npos) {
        ph.missing = "junheng-bureau " + args[2];
        return false;
    }
    if (r.status != 0)
        throw std::runtime_error("junheng-bureau " + args[2] + " exited " + std::to_string(r.status) + ": " + r.err);
    if (out) *out = r.out;
    return true;
}

// Runs `work(terminal, transport)` for every terminal selected, kWorkers at a time, each worker
// with its own libcurl transport (as each school has its own PC). Throws the first failure.
void for_terminals(std::vector<Terminal>& terminals, const std::function<bool(const Terminal&)>& selected,
                   const std::function<void(Terminal&, jh::sync::transport::Transport&)>& work) {
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::string failure;
    std::vector<std::thread> workers;
    for (int w = 0; w < kWorkers; ++w)
        workers.emplace_back([&] {
            auto transport = jh::sync::transport::make_curl_transport();
            for (std::size_t i; (i = next++) < terminals.size();) {
                if (!selected(terminals[i])) continue;
                try {
                    work(terminals[i], *transport);
                } catch (const std::exception& e) {
                    std::lock_guard lock(mutex);
                    if (failure.empty()) failure = terminals[i].code + ": " + e.what();
                }
            }
        });
    for (auto& t : workers) t.join();
    if (!failure.empty()) throw std::runtime_error(failure);
}

// One client run, retried after a growing pause while the receiver is busy or unreachable, as
// the terminal's sync loop retries; a fatal answer, or 20 tries, ends the benchmark.
jh::sync::client::Report deliver(const std::function<jh::sync::client::Report()>& run, const std::string& what) {
    for (int attempt = 1;; ++attempt) {
        auto r = run();
        if (r.outcome == Outcome::Delivered) return r;
        if (r.outcome == Outcome::Fatal || attempt == 20) throw std::runtime_error(what + ": " + r.message.en);
        ++retries;
        std::this_thread::sleep_for(std::chrono::milliseconds(50 * attempt));
    }
}

bool year_open(const jh::store::Store& store) {
    for (const auto& y : store.years())
        if (y.year == kYear) return y.status == jh::domain::YearStatus::Draft;
    return false;
}

// The report's count of schools with a submission, from `report --json` output.
std::size_t submitted_in_report(const std::string& json_text) {
    const auto doc = nlohmann::json::parse(json_text);
    return doc.at("completeness").at("submitted").get<std::size_t>();
}

}  // namespace

int main(int argc, char** argv) try {
    const int schools = argc > 1 ? std::max(kReturnEvery, std::atoi(argv[1])) : kSchools;
    TempDir dir;
    const fs::path county_db = dir.path / "county.db";
    const fs::path city_db = dir.path / "city.db";
    { jh::sync::receiver::SqliteReceiverStore create(county_db); }
    { jh::sync::receiver::SqliteReceiverStore create(city_db); }
    jh::test::ServeProcess county(county_db.string());
    jh::test::ServeProcess city(city_db.string());
    CountingProxy to_county(county.port());
    CountingProxy to_city(city.port());
    const std::string county_url = "http://127.0.0.1:" + std::to_string(to_county.port());
    const std::string city_url = "http://127.0.0.1:" + std::to_string(to_city.port());

    // Loopback never goes through a proxy (libcurl reads http_proxy from the environment).
    const char* no_proxy = std::getenv("no_proxy");
    setenv("no_proxy", (std::string(no_proxy && *no_proxy ? std::string(no_proxy) + "," : "") + "127.0.0.1").c_str(), 1);

    // The schools as they stand before the week: each terminal database holds its demo year.
    const auto plan =
        jh::domain::demo_county(schools, std::string(jh::domain::kDemoCountyCode), kYear, jh::domain::kDemoSeed);
    std::vector<Terminal> terminals;
    for (const auto& planned : plan) {
        Terminal t;
        t.code = planned.code;
        t.db = dir.path / (planned.code + ".db");
        terminals.push_back(std::move(t));
    }
    std::mutex mutex;
    long pupils_min = 1L << 30, pupils_max = 0;
    const auto prepared = phase("prepare terminal databases", {}, [&](Phase& ph) {
        ph.in_week = false;
        ph.note = "(the schools' state before the week) ";
        for_terminals(terminals, [](const Terminal&) { return true; }, [&](Terminal& t, jh::sync::transport::Transport&) {
            const auto& planned = plan[static_cast<std::size_t>(&t - terminals.data())];
            const auto data = jh::domain::make_demo_school(planned);
            auto store = jh::store::Store::open(t.db);
            store.set_operator("校管理员");
            store.import(data);
            long pupils = 0;
            for (const auto& c : data.classes) pupils += c.pupils;
            std::lock_guard lock(mutex);
            t.name = data.school.name;
            pupils_min = std::min(pupils_min, pupils);
            pupils_max = std::max(pupils_max, pupils);
        });
    });
    if (!prepared.failed.empty()) throw std::runtime_error("the terminals could not be prepared");
    std::printf("%-38s %ld to %ld pupils per school\n", "", pupils_min, pupils_max);
    const auto week_started = Clock::now();

    phase("register schools (school add)", {}, [&](Phase& ph) {
        for (auto& t : terminals) {
            std::string out;
            bureau(county_db, {"school", "add", "--code", t.code, "--name", t.name}, ph, &out);
            t.one_time = jh::test::last_line(out);
        }
    });

    phase("enrol, sync, submit", {&to_county}, [&](Phase& ph) {
        std::atomic<int> submitted{0};
        for_terminals(terminals, [](const Terminal&) { return true; },
                      [&](Terminal& t, jh::sync::transport::Transport& net) {
                          auto store = jh::store::Store::open(t.db);
                          jh::sync::client::Client client(store, net);
                          deliver([&] { return client.enrol(county_url, t.one_time); }, "enrol");
                          deliver([&] { return client.sync(); }, "first sync");
                          t.version = client.freeze(kYear);
                          deliver([&] { return client.submit(); }, "submit");
                          t.submitted = true;
                          ++submitted;
                      });
        ph.note = std::to_string(submitted.load()) + " submitted ";
    });

    const auto returned = phase("return 20% with comments", {}, [&](Phase& ph) {
        int n = 0;
        for (std::size_t i = 0; i < terminals.size(); i += kReturnEvery) {
            auto& t = terminals[i];
            if (!bureau(county_db,
                        {"return", "--school", t.code, "--year", std::to_string(kYear), "--comment",
                         "第" + std::to_string(i) + "号意见：请核对班额与校舍面积（benchmark）"},
                        ph))
                return;
            t.returned = true;
            ++n;
        }
        ph.note = std::to_string(n) + " returned ";
    });

    phase("sync, edit, resubmit the returned", {&to_county}, [&](Phase& ph) {
        if (!returned.missing.empty() || !returned.failed.empty()) {
            ph.missing = "(needs the return phase)";
            return;
        }
        std::atomic<int> resubmitted{0};
        std::atomic<int> still_locked{0};
        for_terminals(terminals, [](const Terminal& t) { return t.returned; },
                      [&](Terminal& t, jh::sync::transport::Transport& net) {
                          auto store = jh::store::Store::open(t.db);
                          jh::sync::client::Client client(store, net);
                          deliver([&] { return client.sync(); }, "sync after the return");   // fetches the inbox
                          if (!year_open(store)) {
                              ++still_locked;
                              return;
                          }
                          store.set_operator("校管理员");
                          auto building = store.load(kYear).buildings.at(0);
                          building.area += 12;   // the fix the comment asked for
                          store.update(building);
                          deliver([&] { return client.sync(); }, "sync of the fix");
                          t.version = client.freeze(kYear);
                          deliver([&] { return client.submit(); }, "resubmit");
                          t.resubmitted = true;
                          ++resubmitted;
                      });
        if (still_locked > 0)
            ph.missing = "the terminal's inbox (" + std::to_string(still_locked.load()) +
                         " returned years still locked after a sync)";
        ph.note = std::to_string(resubmitted.load()) + " resubmitted ";
    });

    phase("accept every school", {}, [&](Phase& ph) {
        int n = 0, waiting = 0;
        for (auto& t : terminals) {
            if (!t.submitted) continue;
            if (t.returned && !t.resubmitted) {   // a returned version is accepted only once resubmitted
                ++waiting;
                continue;
            }
            if (!bureau(county_db, {"accept", "--school", t.code, "--year", std::to_string(kYear)}, ph)) return;
            ++n;
        }
        ph.note = std::to_string(n) + " accepted ";
        if (waiting > 0) ph.failed = std::to_string(waiting) + " returned schools never resubmitted";
    });

    phase("county report", {}, [&](Phase& ph) {
        std::string out;
        bureau(county_db, {"report", "--year", std::to_string(kYear), "--json"}, ph, &out);
        const auto n = submitted_in_report(out);
        ph.note = std::to_string(n) + " schools in the report, " + std::to_string(out.size() / 1024) + " KiB of JSON ";
        if (n != static_cast<std::size_t>(schools)) ph.failed = "the report counts " + std::to_string(n) + " submitted";
    });

    phase("relay the accepted years to the city", {&to_city}, [&](Phase& ph) {
        std::string out;
        if (!bureau(city_db, {"county", "add", "--code", kCityCounty, "--name", "演示县"}, ph, &out)) return;
        if (!bureau(county_db, {"upstream", "--server", city_url, "--code", jh::test::last_line(out)}, ph)) return;
        // The county's serve forwards by itself; the city's report lists what it holds.
        std::size_t held = 0;
        const auto deadline = Clock::now() + std::chrono::seconds(kRelayWaitSeconds);
        while (Clock::now() < deadline) {
            bureau(city_db, {"report", "--year", std::to_string(kYear), "--json"}, ph, &out);
            held = submitted_in_report(out);
            if (held >= static_cast<std::size_t>(schools)) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
        }
        ph.note = std::to_string(held) + " schools held by the city ";
        if (held < static_cast<std::size_t>(schools)) ph.failed = "the city holds " + std::to_string(held);
    });

    const double week = std::chrono::duration<double>(Clock::now() - week_started).count();
    long up = 0, down = 0;
    bool complete = true;
    for (const auto& p : phases) {
        if (!p.in_week) continue;
        up += p.up;
        down += p.down;
        complete = complete && p.missing.empty() && p.failed.empty();
    }
    std::printf("%-38s %7.2f s  %9.1f KiB up %9.1f KiB down  (target <= %.0f s)\n", "the week, end to end", week,
                up / 1024.0, down / 1024.0, kTargetSeconds);
    std::printf("receivers' peak RSS:               county %.1f MiB, city %.1f MiB\n",
                static_cast<double>(peak_rss_kib(county.pid())) / 1024,
                static_cast<double>(peak_rss_kib(city.pid())) / 1024);
    county.stop();
    city.stop();
    const bool met = complete && week <= kTargetSeconds;
    std::printf("targets: %s\n", !complete ? "INCOMPLETE (a phase is not built or failed)" : met ? "met" : "MISSED");
    return met ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "county_week_bench: %s\n", e.what());
    return 1;
}
