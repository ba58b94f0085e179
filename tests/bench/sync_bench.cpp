// Sync benchmarks (issue 8), one run, figures printed, exit 1 when a target is missed:
//  1. bytes on the wire (HTTP requests and replies, headers included, no TLS) for one field
//     edit — target ≤ 1 KB, one round trip — and for the demo school's first full sync —
//     target ≤ 50 KB. Measured by a counting TCP proxy on 127.0.0.1 between the real client
//     (libcurl) and a real `junheng-bureau serve`.
//  2. receiver ingest: 500 simulated schools, each sending one-edit batches over loopback from
//     concurrent connections — target ≥ 1,000 batches/s with p99 ≤ 100 ms — printed beside the
//     same receiver's empty-endpoint ceiling (GET /v1/hello) measured in the same run, and the
//     receiver process's peak RSS (VmHWM).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "domain/audit_entry.hpp"
#include "domain/demo.hpp"
#include "domain/record_json.hpp"
#include "store/store.hpp"
#include "sync/client/client.hpp"
#include "sync/protocol/crypto.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/receiver/receiver.hpp"
#include "sync/receiver/sqlite_store.hpp"
#include "sync/transport/curl_transport.hpp"
#include "../sync/receiver/process.hpp"   // tests/sync/receiver: junheng-bureau serve as a child process
#include "bench_client.hpp"
#include "bench_net.hpp"

namespace fs = std::filesystem;
namespace proto = jh::sync::protocol;
using Clock = std::chrono::steady_clock;
using jh::bench::CountingProxy;
using jh::bench::peak_rss_kib;
using jh::bench::percentile;
using jh::bench::SimulatedChain;

namespace {

constexpr double kMaxEditBytes = 1024;
constexpr double kMaxFirstSyncBytes = 50 * 1024;
constexpr double kMinBatchesPerSecond = 1000;
constexpr double kMaxP99Ms = 100;
constexpr int kSchools = 500;
constexpr int kRounds = 10;           // batches per school
constexpr int kConnections = 8;       // concurrent senders
constexpr int kYear = 2025;

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("junheng-sync-bench-" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};


// --- 1. bytes on the wire ----------------------------------------------------------------
bool wire_bytes(const fs::path& dir, jh::test::ServeProcess& serve, const fs::path& bureau_db) {
    CountingProxy proxy(serve.port());
    const std::string url = "http://127.0.0.1:" + std::to_string(proxy.port());
    const auto data = jh::domain::make_demo_school(std::string(jh::domain::kDemoSchoolCode), kYear);
    auto store = jh::store::Store::open(dir / "school.db");
    store.import(data);
    std::string code;
    {
        jh::sync::receiver::SqliteReceiverStore bureau(bureau_db);
        code = jh::sync::receiver::register_school(bureau, data.school.code, data.school.name);
    }
    auto transport = jh::sync::transport::make_curl_transport();
    jh::sync::client::Client client(store, *transport);
    if (client.enrol(url, code).outcome != jh::sync::client::Outcome::Delivered) throw std::runtime_error("enrolment failed");

    proxy.reset();
    const auto entries = store.audit_tip().first;
    auto first = client.sync();
    if (first.outcome != jh::sync::client::Outcome::Delivered) throw std::runtime_error("first sync failed");
    const long first_bytes = proxy.up() + proxy.down();
    std::printf("first full sync:      %ld bytes on the wire (%ld up, %ld down) for %lld audit entries in %lld "
                "batches, %d connections   (target <= %.0f)\n",
                first_bytes, proxy.up(), proxy.down(), static_cast<long long>(entries),
                static_cast<long long>(first.batches), proxy.connections(), kMaxFirstSyncBytes);

    auto building = store.load(kYear).buildings.at(0);
    building.area += 1;
    store.update(building);
    proxy.reset();
    auto edit = client.sync();
    if (edit.outcome != jh::sync::client::Outcome::Delivered) throw std::runtime_error("edit sync failed");
    const long edit_bytes = proxy.up() + proxy.down();
    std::printf("one field edit:       %ld bytes on the wire (%ld up, %ld down), %d round trip(s)   (target <= %.0f, "
                "one round trip)\n",
                edit_bytes, proxy.up(), proxy.down(), proxy.connections(), kMaxEditBytes);
    return first_bytes <= kMaxFirstSyncBytes && edit_bytes <= kMaxEditBytes && proxy.connections() == 1;
}

// --- 2. ingest ------------------------------------------------------------------------------
struct School {
    std::string code;
    proto::KeyPair key;
    std::vector<proto::HttpRequest> batches;
};

std::vector<School> prepare_schools(const fs::path& bureau_db) {
    jh::sync::receiver::SqliteReceiverStore bureau(bureau_db);
    // One funds record, edited round after round: each batch is one update entry, as one edit is.
    auto demo = jh::domain::make_demo_school("3607260000", kYear);
    auto funds = demo.funds.at(0);
    const std::string stream_prefix = "0123456789abcdef0123456789ab";
    std::vector<School> schools;
    for (int s = 0; s < kSchools; ++s) {
        School school;
        char code[16];
        std::snprintf(code, sizeof code, "36072%05d", s + 1);
        school.code = code;
        school.key = proto::generate_key_pair();
        const auto one_time = jh::sync::receiver::register_school(bureau, school.code, "学校" + std::to_string(s));
        if (bureau.enrol(school.code, jh::sync::receiver::enrolment_code_hash(one_time), school.key.public_key,
                         jh::sync::receiver::utc_now()) != jh::sync::receiver::EnrolOutcome::Enrolled)
            throw std::runtime_error("enrolment of a simulated school failed");
        char stream[8];
        std::snprintf(stream, sizeof stream, "%04x", s);
        SimulatedChain chain(school.code, stream_prefix + stream);
        for (int r = 0; r < kRounds; ++r) {
            auto before = funds;
            funds.public_budget += 1;
            chain.add("funds", funds.id, r == 0 ? "insert" : "update", r == 0 ? "" : jh::domain::record_json_text(before, before.id),
                      jh::domain::record_json_text(funds, funds.id));
            for (auto& b : chain.take_batches(school.key.secret_key)) school.batches.push_back(std::move(b));
        }
        schools.push_back(std::move(school));
    }
    return schools;
}

struct LoadFigures {
    double seconds = 0, per_second = 0, p50 = 0, p99 = 0;
    long failures = 0;
};

template <class Next>
LoadFigures run_load(const std::string& url, std::size_t total, Next next) {
    std::mutex mutex;
    std::vector<double> latencies;
    std::atomic<long> failures{0};
    const auto started = Clock::now();
    std::vector<std::thread> workers;
    for (int w = 0; w < kConnections; ++w)
        workers.emplace_back([&, w] {
            auto transport = jh::sync::transport::make_curl_transport();
            std::vector<double> mine;
            for (std::size_t i = static_cast<std::size_t>(w);; i += kConnections) {
                const proto::HttpRequest* request = next(static_cast<std::size_t>(w), i);
                if (!request) break;
                const auto t0 = Clock::now();
                const auto result = transport->send(url, *request);
                mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
                if (!result.delivered || result.response.status != 200) ++failures;
            }
            std::lock_guard lock(mutex);
            latencies.insert(latencies.end(), mine.begin(), mine.end());
        });
    for (auto& t : workers) t.join();
    LoadFigures f;
    f.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    f.per_second = static_cast<double>(total) / f.seconds;
    f.p50 = percentile(latencies, 0.50);
    f.p99 = percentile(latencies, 0.99);
    f.failures = failures;
    return f;
}

bool ingest(jh::test::ServeProcess& serve, const fs::path& bureau_db, int serve_pid) {
    const auto schools = prepare_schools(bureau_db);
    const std::string url = "http://127.0.0.1:" + std::to_string(serve.port());

    // The ceiling: the same server answering its cheapest endpoint, as many requests.
    const std::size_t total = static_cast<std::size_t>(kSchools) * kRounds;
    const proto::HttpRequest hello{"GET", std::string(proto::kPathHello), {}, {}};
    const auto ceiling = run_load(url, total, [&](std::size_t, std::size_t i) { return i < total ? &hello : nullptr; });

    // Batches: worker w sends for schools w, w+8, …, round by round, so one school's batches
    // go in order and many schools' batches are in flight at once.
    std::vector<std::vector<const proto::HttpRequest*>> queue(kConnections);
    for (int r = 0; r < kRounds; ++r)
        for (int s = 0; s < kSchools; ++s) queue[static_cast<std::size_t>(s % kConnections)].push_back(&schools[s].batches[r]);
    std::vector<std::size_t> position(kConnections, 0);
    const auto load = run_load(url, total, [&](std::size_t w, std::size_t) -> const proto::HttpRequest* {
        auto& p = position[w];
        return p < queue[w].size() ? queue[w][p++] : nullptr;
    });

    jh::sync::receiver::SqliteReceiverStore bureau(bureau_db);
    long held = 0;
    for (const auto& s : schools)
        if (auto info = bureau.school(s.code)) held += info->tip.seq;
    const long rss = peak_rss_kib(serve_pid);
    std::printf("receiver ceiling:     %.0f requests/s of GET /v1/hello (p50 %.2f ms, p99 %.2f ms), %d connections\n",
                ceiling.per_second, ceiling.p50, ceiling.p99, kConnections);
    std::printf("receiver ingest:      %.0f batches/s (%zu batches of %d schools in %.2f s), p50 %.2f ms, p99 %.2f ms, "
                "%ld failed   (target >= %.0f/s, p99 <= %.0f ms)\n",
                load.per_second, total, kSchools, load.seconds, load.p50, load.p99, load.failures, kMinBatchesPerSecond,
                kMaxP99Ms);
    std::printf("ingest / ceiling:     %.2f\n", load.per_second / ceiling.per_second);
    std::printf("entries held:         %ld of %zu sent\n", held, total);
    std::printf("receiver peak RSS:    %.1f MiB\n", static_cast<double>(rss) / 1024);
    return load.failures == 0 && static_cast<std::size_t>(held) == total && load.per_second >= kMinBatchesPerSecond &&
           load.p99 <= kMaxP99Ms;
}

}  // namespace

int main() try {
    TempDir dir;
    const fs::path bureau_db = dir.path / "bureau.db";
    { jh::sync::receiver::SqliteReceiverStore create(bureau_db); }
    jh::test::ServeProcess serve(bureau_db.string());
    const bool wire = wire_bytes(dir.path, serve, bureau_db);
    const bool load = ingest(serve, bureau_db, serve.pid());
    serve.stop();
    std::printf("targets: %s\n", wire && load ? "met" : "MISSED");
    return wire && load ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "sync_bench: %s\n", e.what());
    return 1;
}
