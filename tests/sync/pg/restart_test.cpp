// The PostgreSQL server restarted under load (issue 11, "several receivers, one database"): a
// real `junheng-bureau serve --store …` takes a school's batches as fast as it sends them while
// the database is killed (immediate stop, as a crash), left down and started again. Meanwhile
// every request is answered 503 busy (signed, so the terminal just retries); afterwards the
// receiver serves again by itself, without a restart of its own; nothing it acknowledged is
// lost (the acknowledged tip never goes back) and the whole chain ends up stored once. The
// test makes a cluster of its own (tests/sync/pg/cluster.sh) so it can stop it without
// disturbing the other tests' server, and removes it even when a check fails.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "sync/receiver/fixture.hpp"
#include "sync/receiver/process.hpp"
#include "sync/transport/curl_transport.hpp"

using namespace jh::test;

namespace {

constexpr int kPort = 54331;   // names the socket file only: the cluster listens on no TCP port

int cluster(const std::string& action, const std::filesystem::path& dir, const std::string& extra = "") {
    const auto command = std::string("sh '") + JUNHENG_PG_CLUSTER + "' " + action + " '" + dir.string() + "' " +
                         std::to_string(kPort) + " " + extra + " >&2";
    return std::system(command.c_str());
}

// A cluster of the test's own, stopped and removed when the test ends, whatever happened.
struct OwnCluster {
    std::filesystem::path dir;
    explicit OwnCluster(std::filesystem::path where) : dir(std::move(where)) { REQUIRE(cluster("start", dir) == 0); }
    ~OwnCluster() { cluster("stop", dir); }
    std::string uri(const std::string& database) const {
        return "postgresql:///" + database + "?host=" + (dir / "sock").string() + "&port=" + std::to_string(kPort) + "&user=postgres";
    }
};

}  // namespace

TEST_CASE("the database restarted under load: the receiver answers 503 meanwhile, recovers by itself, loses nothing acknowledged") {
    TempDir dir;
    // The server runs as `postgres` when the test runs as root: it must reach its folder.
    std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                                 std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                                                 std::filesystem::perms::others_exec);
    OwnCluster pg(dir / "c");
    {
        rc::pg::Conn admin(pg.uri("postgres"));
        admin.exec("CREATE DATABASE junheng");
    }
    const std::vector<std::string> store{"--store", pg.uri("junheng")};
    Terminal a{"3601020001"};
    auto args = store;
    for (const char* w : {"school", "add", "--code", "3601020001", "--name", "甲校"}) args.emplace_back(w);
    const auto added = bureau_run(args);
    REQUIRE(added.status == 0);
    ServeProcess serve(store);
    const auto base = "http://127.0.0.1:" + std::to_string(serve.port());
    auto transport = jh::sync::transport::make_curl_transport({5, 20, 1u << 20, ""});
    REQUIRE(transport->send(base, a.enrol(last_line(added.out))).response.status == 200);

    constexpr int kEntries = 3000, kPerBatch = 10;
    const auto chain = year_chain(kEntries);
    std::atomic<std::int64_t> acked{0};
    std::atomic<int> busy{0}, unexpected{0}, went_back{0};
    std::atomic<bool> stop{false};
    std::thread client([&] {
        auto own = jh::sync::transport::make_curl_transport({5, 20, 1u << 20, ""});
        while (!stop && acked < kEntries) {
            const auto from = static_cast<int>(acked.load());
            const auto result = own->send(base, a.batch(batch_of(a, chain, from, std::min(from + kPerBatch, kEntries))));
            if (result.delivered && result.response.status == 200) {
                const auto tip = pr::decode_batch_reply(result.response.body).acked.seq;
                if (tip < acked) ++went_back;
                acked = tip;
            } else if (result.delivered && result.response.status == 503) {
                ++busy;
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            } else {
                ++unexpected;
                MESSAGE("unexpected: " << (result.delivered ? std::to_string(result.response.status) + " " + result.response.body : result.error));
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
    });
    // Under load: the database goes down while batches are arriving, for 3 s.
    while (acked < kEntries / 5 && unexpected == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto before = acked.load();
    const int restarted = cluster("restart", pg.dir, "3");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (acked < kEntries && std::chrono::steady_clock::now() < deadline && unexpected < 20)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stop = true;
    client.join();
    CHECK(restarted == 0);
    MESSAGE("acknowledged before the restart: " << before << ", 503 answers meanwhile: " << busy.load());
    CHECK(before < kEntries);         // the restart came while batches were still arriving
    CHECK(busy > 0);                  // the receiver said busy while the database was down
    CHECK(unexpected == 0);           // and nothing else (no 500, no dropped connection)
    CHECK(went_back == 0);            // no acknowledged entry was lost
    CHECK(acked == kEntries);         // it recovered by itself: the whole chain was delivered
    CHECK(serve.stop() == 0);
    const auto held = rc::open_store(rc::StoreLocation::postgres(pg.uri("junheng")));
    CHECK(held->tip(a.school, a.stream) == pr::Link{kEntries, chain.back().hash});
    CHECK(held->live_records(a.school).size() == static_cast<std::size_t>(kEntries));
}
