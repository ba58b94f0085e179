// A province's deadline week under load (issue 11, item 5), on demand only (`make load`; not in
// `make bench`'s run-all, never in `make test`): N simulated schools (default 20,000) in N/200
// counties, sized as the demo county is (per block of 20: 9 small rural primary schools, 4
// teaching points, 3 junior, 2 nine-year, 2 large town schools; the demo generator's 20 school
// years made once and templated per school: code, name, county, central school), enrol directly
// with the province's receivers and each does its week: the first full sync of its whole school
// year, 20 edit batches, one submission — against two `junheng-bureau serve` processes on one
// PostgreSQL (a throw-away cluster this program starts and stops, tests/sync/pg/cluster.sh), and
// against one serve on SQLite, in the same run. The terminals are simulated (bench_client.hpp:
// chains, signed requests) and send over loopback with libcurl, `--workers` schools at once.
// Printed per store: batches/s, p50/p99 batch latency, receivers' and PostgreSQL's peak RSS,
// bytes stored per school, the database's size, and the province report's time over every
// school (receiver::county_report, in this process on the same store). Bounded: `--schools N`,
// `--minutes M` per store (no new school starts after it), traffic to 127.0.0.1 only.
// Exit 1 when a request failed for good, or a target was missed (the week ≤ 30 min on
// PostgreSQL at full size, the province report ≤ 2 s, PostgreSQL ≥ 0.8× SQLite's batches/s).
#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "domain/demo.hpp"
#include "exchange/snapshot.hpp"
#include "sync/protocol/crypto.hpp"
#include "sync/receiver/pg.hpp"
#include "sync/receiver/postgres_store.hpp"
#include "sync/receiver/receiver.hpp"
#include "sync/receiver/report.hpp"
#include "sync/receiver/sqlite_store.hpp"
#include "sync/transport/curl_transport.hpp"
#include "../sync/receiver/process.hpp"   // tests/sync/receiver: junheng-bureau serve as a child process
#include "bench_client.hpp"
#include "bench_net.hpp"

namespace fs = std::filesystem;
namespace pr = jh::sync::protocol;
namespace rc = jh::sync::receiver;
using Clock = std::chrono::steady_clock;
using jh::bench::percentile;
using jh::bench::peak_rss_kib;

namespace {

constexpr int kYear = 2025;
constexpr int kSchoolsPerCounty = 200;
constexpr int kEdits = 20;
constexpr int kTemplates = 20;          // one block of the demo county's kinds
constexpr double kWeekTargetMinutes = 30;
constexpr double kReportTargetSeconds = 2;
constexpr double kMinPgShare = 0.8;

struct Options {
    int schools = 20000;
    double minutes = 30;   // per store
    int workers = 16;
};

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// The county code of county `c` of the simulated province (Jiangxi's 36): 36CCKK.
std::string county_code(int c) {
    char code[32];   // 6 used: c < 1,980 (the --schools bound)
    std::snprintf(code, sizeof code, "36%02d%02d", c / 20 + 1, c % 20 + 1);
    return code;
}

// The 20 demo school years every simulated school is templated from, made once.
struct Templates {
    std::vector<jh::domain::SchoolData> years;
    Templates() {
        for (const auto& planned : jh::domain::demo_county(kTemplates, county_code(0), kYear, jh::domain::kDemoSeed))
            years.push_back(jh::domain::make_demo_school(planned));
    }
    // School `index` of the province: county index / 200, serial index % 200.
    jh::domain::SchoolData school(int index) const {
        const int c = index / kSchoolsPerCounty, j = index % kSchoolsPerCounty;
        auto data = years[static_cast<std::size_t>(j % kTemplates)];
        const auto county = county_code(c);
        data.school.code = jh::domain::demo_school_code(county, j);
        data.school.county_code = county;
        data.school.name += std::to_string(j / kTemplates + 1);
        if (data.school.central_school_code) {   // a teaching point: its central school in the same block
            const int central = std::stoi(data.school.central_school_code->substr(6)) - 1;
            data.school.central_school_code = jh::domain::demo_school_code(county, j / kTemplates * kTemplates + central);
        }
        return data;
    }
};

// Peak RSS (VmHWM, KiB) of a process and of its children (PostgreSQL's backends).
long rss_of_children(int parent, long* largest) {
    long sum = 0;
    *largest = 0;
    if (DIR* proc = opendir("/proc")) {
        while (auto* e = readdir(proc)) {
            const int pid = std::atoi(e->d_name);
            if (pid <= 0) continue;
            std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
            std::string text;
            std::getline(stat, text);
            const auto close = text.rfind(')');
            if (close == std::string::npos) continue;
            int ppid = 0;
            char state = 0;
            if (std::sscanf(text.c_str() + close + 1, " %c %d", &state, &ppid) != 2) continue;
            if (pid != parent && ppid != parent) continue;
            const long rss = peak_rss_kib(pid);
            sum += std::max(0L, rss);
            *largest = std::max(*largest, rss);
        }
        closedir(proc);
    }
    return sum;
}

// A throw-away PostgreSQL cluster (cluster.sh), stopped and removed when destroyed. Durability
// as SQLite's WAL + synchronous=NORMAL: fsync on, commits not waited for (a process crash loses
// nothing committed, a power cut the last moments).
class Cluster {
public:
    Cluster() {
        dir_ = "/tmp/jh-load-" + std::to_string(::getpid());   // short: a socket path is limited to 107 bytes
        port_ = 55000 + ::getpid() % 1000;
        setenv("PG_OPTIONS", "-c fsync=on -c synchronous_commit=off -c shared_buffers=256MB", 1);
        if (std::system(("sh " JUNHENG_PG_CLUSTER " start " + dir_ + " " + std::to_string(port_) + " >/dev/null").c_str()) != 0)
            throw std::runtime_error("the PostgreSQL cluster did not start (tests/sync/pg/cluster.sh)");
        started_ = true;
    }
    ~Cluster() {
        if (started_) std::system(("sh " JUNHENG_PG_CLUSTER " stop " + dir_ + " " + std::to_string(port_) + " >/dev/null 2>&1").c_str());
    }
    std::string uri() const { return "postgresql:///postgres?host=" + dir_ + "/sock&port=" + std::to_string(port_) + "&user=postgres"; }
    int postmaster() const {
        std::ifstream pid(dir_ + "/pg/postmaster.pid");
        int p = 0;
        pid >> p;
        return p;
    }

private:
    std::string dir_;
    int port_ = 0;
    bool started_ = false;
};

struct Figures {
    std::string name;
    int schools_done = 0;
    double week_seconds = 0, batches_per_second = 0, p50 = 0, p99 = 0, submit_p50 = 0;
    long batches = 0, failures = 0, retries = 0;
    std::vector<long> receiver_rss;
    long pg_largest = 0, pg_sum = 0;
    long long db_bytes = 0;
    double report_first = 0, report_again = 0, completeness = 0;
    std::size_t report_schools = 0, report_counties = 0;
    std::string first_failure;
};

// One store's week. `store_args`: the global option naming it; `receivers`: serve processes.
Figures run_week(const std::string& name, const std::vector<std::string>& store_args, int receivers, const Options& options,
                 const Templates& templates, const std::function<std::unique_ptr<rc::ReceiverStore>()>& open,
                 const std::function<long long()>& db_bytes, const std::function<void(Figures&)>& server_rss) {
    Figures f;
    f.name = name;
    // The province registers its schools (an admin's act, `junheng-bureau school add`).
    std::vector<std::string> one_time(static_cast<std::size_t>(options.schools));
    {
        const auto t0 = Clock::now();
        auto store = open();
        for (int i = 0; i < options.schools; ++i) {
            const auto data = templates.school(i);
            one_time[static_cast<std::size_t>(i)] = rc::register_school(*store, data.school.code, data.school.name);
        }
        std::printf("[%s] %d schools registered in %.1f s (setup)\n", name.c_str(), options.schools, since(t0));
        std::fflush(stdout);
    }
    std::vector<std::unique_ptr<jh::test::ServeProcess>> serves;
    std::vector<std::string> urls;
    for (int r = 0; r < receivers; ++r) {
        serves.push_back(std::make_unique<jh::test::ServeProcess>(store_args));
        urls.push_back("http://127.0.0.1:" + std::to_string(serves.back()->port()));
    }

    std::atomic<int> next{0}, done{0};
    std::atomic<long> failures{0}, retries{0};
    std::mutex mutex;
    std::vector<double> latencies, submit_latencies;
    const auto started = Clock::now();
    const auto cap = std::chrono::duration<double>(options.minutes * 60);
    std::vector<std::thread> workers;
    for (int w = 0; w < options.workers; ++w)
        workers.emplace_back([&] {
            auto transport = jh::sync::transport::make_curl_transport();
            std::vector<double> mine, mine_submit;
            for (int i; (i = next++) < options.schools && Clock::now() - started < cap;) {
                const std::string& url = urls[static_cast<std::size_t>(i % receivers)];   // as a balancer spreads them
                try {
                    auto data = templates.school(i);
                    const auto key = pr::generate_key_pair();
                    char stream[40];
                    std::snprintf(stream, sizeof stream, "%032x", i + 1);
                    jh::bench::SimulatedChain chain(data.school.code, stream);
                    // Sends one request, retried while the receiver is busy (503) as the client's loop
                    // retries; returns its time in ms, the retries included.
                    const auto send = [&](const pr::HttpRequest& request) {
                        const auto t0 = Clock::now();
                        for (int attempt = 1;; ++attempt) {
                            const auto r = transport->send(url, request);
                            if (r.delivered && r.response.status == 200) break;
                            if (attempt == 20 || (r.delivered && r.response.status != 503))
                                throw std::runtime_error(request.target + " answered " +
                                                         (r.delivered ? std::to_string(r.response.status) + " " + r.response.body.substr(0, 200)
                                                                      : std::string("nothing (not delivered)")));
                            ++retries;
                            std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
                        }
                        return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
                    };
                    send(jh::bench::signed_post(std::string(pr::kPathEnrol), data.school.code,
                                                pr::encode(pr::EnrolRequest{data.school.code, one_time[static_cast<std::size_t>(i)], key.public_key}),
                                                key.secret_key));
                    chain.add_school_year(data);
                    for (const auto& b : chain.take_batches(key.secret_key)) mine.push_back(send(b));
                    auto& funds = data.funds.at(0);
                    for (int e = 0; e < kEdits; ++e) {
                        const auto before = jh::domain::record_json_text(funds, funds.id);
                        funds.public_budget += 100;
                        chain.add("funds", funds.id, "update", before, jh::domain::record_json_text(funds, funds.id));
                        for (const auto& b : chain.take_batches(key.secret_key)) mine.push_back(send(b));
                    }
                    const auto snapshot = jh::exchange::write_snapshot(data);
                    const pr::Submission s{data.school.code, kYear, 1, jh::domain::sha256_hex(snapshot), pr::sign(snapshot, key.secret_key), snapshot};
                    mine_submit.push_back(send(jh::bench::signed_post(std::string(pr::kPathSubmission), data.school.code, pr::encode(s), key.secret_key)));
                    ++done;
                } catch (const std::exception& e) {
                    ++failures;
                    std::lock_guard lock(mutex);
                    if (f.first_failure.empty()) f.first_failure = std::to_string(i) + ": " + e.what();
                }
            }
            std::lock_guard lock(mutex);
            latencies.insert(latencies.end(), mine.begin(), mine.end());
            submit_latencies.insert(submit_latencies.end(), mine_submit.begin(), mine_submit.end());
        });
    // Progress every 30 s, so a long run shows where it is.
    std::atomic<bool> finished{false};
    std::thread progress([&] {
        for (int tick = 0; !finished; ++tick) {
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
            if (tick % 120 == 119) {
                std::printf("[%s] … %d of %d schools through their week after %.0f s\n", name.c_str(), done.load(), options.schools, since(started));
                std::fflush(stdout);
            }
        }
    });
    for (auto& t : workers) t.join();
    finished = true;
    progress.join();
    f.week_seconds = since(started);
    f.schools_done = done;
    f.batches = static_cast<long>(latencies.size());
    f.batches_per_second = static_cast<double>(f.batches) / f.week_seconds;
    f.p50 = percentile(latencies, 0.50);
    f.p99 = percentile(latencies, 0.99);
    f.submit_p50 = percentile(submit_latencies, 0.50);
    f.failures = failures;
    f.retries = retries;
    for (auto& s : serves) f.receiver_rss.push_back(peak_rss_kib(s->pid()));
    server_rss(f);
    serves.clear();   // stopped: the report below runs alone

    // The province report over every school, in this process on the same store.
    auto store = open();
    auto t0 = Clock::now();
    const auto report = rc::county_report(*store, {});
    f.report_first = since(t0);
    t0 = Clock::now();
    rc::county_report(*store, {});
    f.report_again = since(t0);
    t0 = Clock::now();
    rc::completeness(*store, {});
    f.completeness = since(t0);
    f.report_schools = report["completeness"]["submitted"].get<std::size_t>();
    f.report_counties = report["completeness"]["counties"].size();
    store.reset();
    f.db_bytes = db_bytes();
    return f;
}

void print(const Figures& f) {
    std::printf("\n== %s: %d schools through their week in %.1f s%s\n", f.name.c_str(), f.schools_done, f.week_seconds,
                f.failures ? (" — " + std::to_string(f.failures) + " FAILED, first: " + f.first_failure).c_str() : "");
    std::printf("  batches:            %ld in %.1f s = %.0f batches/s; p50 %.1f ms, p99 %.1f ms (%ld retries on 503); submission p50 %.1f ms\n",
                f.batches, f.week_seconds, f.batches_per_second, f.p50, f.p99, f.retries, f.submit_p50);
    std::printf("  receivers' peak RSS:");
    for (const auto rss : f.receiver_rss) std::printf(" %.1f MiB", static_cast<double>(rss) / 1024);
    std::printf("\n");
    if (f.pg_sum > 0)
        std::printf("  PostgreSQL peak RSS: largest process %.1f MiB, all processes %.1f MiB (shared buffers counted in each)\n",
                    static_cast<double>(f.pg_largest) / 1024, static_cast<double>(f.pg_sum) / 1024);
    std::printf("  database size:      %.1f MiB, %.1f KiB stored per school\n", static_cast<double>(f.db_bytes) / (1024 * 1024),
                f.schools_done ? static_cast<double>(f.db_bytes) / 1024 / f.schools_done : 0.0);
    std::printf("  province report:    %.2f s (as kept at submission), %.2f s again; completeness alone %.2f s; %zu schools submitted in %zu counties\n",
                f.report_first, f.report_again, f.completeness, f.report_schools, f.report_counties);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) try {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
            return argv[++i];
        };
        if (a == "--schools") options.schools = std::stoi(value());
        else if (a == "--minutes") options.minutes = std::stod(value());
        else if (a == "--workers") options.workers = std::stoi(value());
        else {
            std::fprintf(stderr, "usage: province_load [--schools N (20000)] [--minutes M per store (30)] [--workers W (16)]\n");
            return 2;
        }
    }
    if (options.schools < 1 || options.schools > 99 * 20 * kSchoolsPerCounty || options.workers < 1 || options.workers > 64 || options.minutes <= 0)
        throw std::invalid_argument("--schools 1…396000, --workers 1…64, --minutes > 0");
    const char* no_proxy = std::getenv("no_proxy");   // loopback never goes through a proxy
    setenv("no_proxy", (std::string(no_proxy && *no_proxy ? std::string(no_proxy) + "," : "") + "127.0.0.1").c_str(), 1);
    const int counties = (options.schools + kSchoolsPerCounty - 1) / kSchoolsPerCounty;
    std::printf("province_load: %d schools in %d counties, %d workers, at most %.0f min per store; each school: enrol, first full "
                "sync, %d edit batches, one submission\n",
                options.schools, counties, options.workers, options.minutes, kEdits);
    const auto t0 = Clock::now();
    const Templates templates;
    std::printf("20 demo school years made as templates in %.1f s\n", since(t0));

    const fs::path dir = fs::temp_directory_path() / ("junheng-province-load-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    struct Remove {
        fs::path dir;
        ~Remove() { fs::remove_all(dir); }
    } remove{dir};

    std::vector<Figures> all;
    {
        Cluster cluster;
        const auto uri = cluster.uri();
        { rc::PostgresReceiverStore create(uri); }   // migrations once, before the receivers start
        all.push_back(run_week(
            "PostgreSQL, 2 receivers", {"--store", uri}, 2, options, templates,
            [&] { return std::make_unique<rc::PostgresReceiverStore>(uri); },
            [&] {
                jh::sync::receiver::pg::Conn c(uri);
                return static_cast<long long>(c.run("SELECT pg_database_size(current_database())").integer(0, 0));
            },
            [&](Figures& f) { f.pg_sum = rss_of_children(cluster.postmaster(), &f.pg_largest); }));
        print(all.back());
    }
    {
        const auto db = dir / "province.db";
        { rc::SqliteReceiverStore create(db); }
        all.push_back(run_week(
            "SQLite, 1 receiver", {"--db", db.string()}, 1, options, templates, [&] { return std::make_unique<rc::SqliteReceiverStore>(db); },
            [&] {
                long long size = 0;
                for (const char* suffix : {"", "-wal", "-shm"})
                    if (fs::exists(db.string() + suffix)) size += static_cast<long long>(fs::file_size(db.string() + suffix));
                return size;
            },
            [](Figures&) {}));
        print(all.back());
    }

    const auto& pg = all[0];
    const auto& lite = all[1];
    const double share = lite.batches_per_second > 0 ? pg.batches_per_second / lite.batches_per_second : 0;
    const bool complete = pg.schools_done == options.schools && lite.schools_done == options.schools;
    // The week at the size, at this run's rate (the run itself when it is that size).
    const double full_week_minutes = pg.schools_done ? pg.week_seconds / 60 * 20000 / pg.schools_done : 0;
    std::printf("\nPostgreSQL / SQLite batches/s: %.2f (target >= %.1f)\n", share, kMinPgShare);
    std::printf("the week on PostgreSQL: %.1f min for %d schools; at this rate %.1f min for 20,000 (target <= %.0f min)%s\n",
                pg.week_seconds / 60, pg.schools_done, full_week_minutes, kWeekTargetMinutes,
                complete ? "" : " — the time cap stopped it");
    std::printf("province report: %.2f s on PostgreSQL, %.2f s on SQLite (target <= %.0f s)\n", pg.report_first, lite.report_first,
                kReportTargetSeconds);
    const bool ok = pg.failures == 0 && lite.failures == 0 && complete && share >= kMinPgShare && full_week_minutes <= kWeekTargetMinutes &&
                    pg.report_first <= kReportTargetSeconds && lite.report_first <= kReportTargetSeconds;
    std::printf("targets: %s\n", ok ? "met" : "MISSED");
    return ok ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "province_load: %s\n", e.what());
    return 1;
}
