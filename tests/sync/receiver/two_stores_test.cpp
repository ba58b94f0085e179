// Two store objects on one store — each with its own connections, as two receiver processes
// have — racing each other: the same batch ingested at the same instant is applied once, two
// decisions taken at once record exactly one, and processes opening an empty store at once all
// migrate it safely and sign with one receiver key. On SQLite the file's write lock decides; on
// PostgreSQL (the `postgres` runs) row locks, unique keys and the advisory lock do, across
// connections, which no in-process lock could.
#include <doctest/doctest.h>

#include <atomic>
#include <latch>
#include <thread>

#include "domain/audit_entry.hpp"
#include "exchange/snapshot.hpp"
#include "domain/demo.hpp"
#include "sync/receiver/fixture.hpp"
#include "sync/receiver/process.hpp"

using namespace jh::test;

namespace {

constexpr const char* kSchool = "3601020077";

}  // namespace

TEST_CASE("two stores ingesting the same batch at the same instant: applied once, both acknowledged, stored once") {
    Bureau bureau;
    Terminal t{kSchool};
    bureau.enrol(t);
    const auto second = bureau.scratch.open();
    constexpr int kRounds = 20, kPerBatch = 5;
    const auto chain = year_chain(kRounds * kPerBatch);
    for (int round = 0; round < kRounds; ++round) {
        const auto b = batch_of(t, chain, round * kPerBatch, (round + 1) * kPerBatch);
        const rc::IngestRequest request{b, pr::chain_hashes(b), "2026-12-01T10:00:00Z"};
        std::latch start(2);
        rc::IngestResult results[2];
        std::exception_ptr errors[2];
        rc::ReceiverStore* stores[2] = {bureau.store.get(), second.get()};
        std::vector<std::thread> threads;
        for (int i = 0; i < 2; ++i)
            threads.emplace_back([&, i] {
                start.arrive_and_wait();
                try {
                    results[i] = stores[i]->ingest(request);
                } catch (...) {
                    errors[i] = std::current_exception();
                }
            });
        for (auto& th : threads) th.join();
        REQUIRE_FALSE(errors[0]);
        REQUIRE_FALSE(errors[1]);
        const int applied = (results[0].kind == rc::IngestKind::Apply) + (results[1].kind == rc::IngestKind::Apply);
        CHECK(applied == 1);
        for (const auto& r : results) CHECK(r.acked == pr::Link{(round + 1) * kPerBatch, chain[static_cast<std::size_t>((round + 1) * kPerBatch - 1)].hash});
    }
    CHECK(second->tip(t.school, t.stream) == pr::Link{kRounds * kPerBatch, chain.back().hash});
    CHECK(bureau.store->live_records(t.school).size() == static_cast<std::size_t>(kRounds * kPerBatch));
}

TEST_CASE("two stores starting a new stream at the same instant: one live stream, applied once") {
    Bureau bureau;
    Terminal t{kSchool};
    bureau.enrol(t);
    const auto second = bureau.scratch.open();
    const auto chain = year_chain(6);
    for (int round = 0; round < 10; ++round) {
        t.stream = std::string(31, '0') + "0123456789"[round];   // a fresh stream each round (a reinstalled terminal)
        const auto b = batch_of(t, chain, 0, 6);
        const rc::IngestRequest request{b, pr::chain_hashes(b), "2026-12-01T10:00:00Z"};
        std::latch start(2);
        std::atomic<int> applied{0}, failed{0};
        std::vector<std::thread> threads;
        for (auto* store : {bureau.store.get(), second.get()})
            threads.emplace_back([&, store] {
                start.arrive_and_wait();
                try {
                    if (store->ingest(request).kind == rc::IngestKind::Apply) ++applied;
                } catch (const std::exception&) {
                    ++failed;
                }
            });
        for (auto& th : threads) th.join();
        CHECK(failed == 0);
        CHECK(applied == 1);
        const auto info = second->school(kSchool);
        REQUIRE(info);
        CHECK(info->live_stream == t.stream);
        CHECK(info->tip.seq == 6);
    }
}

TEST_CASE("two stores deciding on the same version at the same instant: exactly one decision") {
    Bureau bureau;
    Terminal t{kSchool};
    bureau.enrol(t);
    const auto second = bureau.scratch.open();
    for (int v = 1; v <= 10; ++v) {
        REQUIRE(bureau.handle(t.post(pr::kPathSubmission, pr::encode(demo_submission(t, v)))).status == 200);
        std::latch start(2);
        std::atomic<int> taken{0}, refused{0};
        std::vector<std::thread> threads;
        int i = 0;
        for (auto* store : {bureau.store.get(), second.get()})
            threads.emplace_back([&, store, who = i++] {
                start.arrive_and_wait();
                try {
                    store->decide({kSchool, 2025, std::nullopt, "returned", "round " + std::to_string(v), "staff" + std::to_string(who)},
                                  "2026-09-02T08:00:00Z");
                    ++taken;
                } catch (const std::invalid_argument&) {
                    ++refused;
                }
            });
        for (auto& th : threads) th.join();
        CHECK(taken == 1);
        CHECK(refused == 1);
    }
    const auto decided = second->decisions(kSchool);
    CHECK(decided.size() == 10);
    // The downlink's numbers: gapless, in order, each item once.
    const auto items = bureau.store->inbox(kSchool, 0, 1000);
    REQUIRE(items.size() == 10);
    for (std::size_t k = 0; k < items.size(); ++k) CHECK(items[k].seq == static_cast<std::int64_t>(k) + 1);
}

TEST_CASE("processes opening an empty store at the same instant: migrated once, one receiver key") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    constexpr int kOpeners = 6;
    std::latch start(kOpeners);
    std::vector<std::string> keys(kOpeners);
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kOpeners; ++i)
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            try {
                keys[static_cast<std::size_t>(i)] = scratch.open()->receiver_key().public_key;
            } catch (const std::exception& e) {
                MESSAGE(e.what());
                ++failed;
            }
        });
    for (auto& th : threads) th.join();
    CHECK(failed == 0);
    for (const auto& k : keys) CHECK(k == keys.front());
    // And as separate junheng-bureau processes on the now-migrated store.
    std::vector<Run> runs;
    for (int i = 0; i < 3; ++i) runs.push_back(bureau_run(scratch.args({"school", "list"})));
    for (const auto& r : runs) CHECK(r.status == 0);
}
