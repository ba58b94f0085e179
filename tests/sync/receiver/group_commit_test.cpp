// Group commit under concurrent threads: pairs of threads send the same schools' batches at
// once (a retry racing its original); every batch is applied exactly once (the other copy is
// "unchanged"), every acknowledgement comes after its commit, and everything is present.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "sync/receiver/fixture.hpp"

using namespace jh::test;

TEST_CASE("concurrent batches are committed in groups, each applied exactly once, all present") {
    constexpr int kSchools = 4, kBatches = 15, kPerBatch = 4;
    Bureau bureau;
    std::vector<Terminal> terminals;
    for (int s = 0; s < kSchools; ++s) {
        terminals.push_back(Terminal{"36010200" + std::to_string(10 + s)});
        bureau.enrol(terminals.back());
    }
    const auto chain = year_chain(kBatches * kPerBatch);
    // applied[s][j]: how many times batch j of school s was applied.
    std::vector<std::vector<std::atomic<int>>> applied(kSchools);
    for (auto& v : applied) v = std::vector<std::atomic<int>>(kBatches);
    std::atomic<int> failures{0};

    std::vector<std::thread> threads;
    for (int th = 0; th < 2 * kSchools; ++th)
        threads.emplace_back([&, th] {
            const auto& t = terminals[static_cast<std::size_t>(th / 2)];
            for (int j = 0; j < kBatches; ++j) {
                const auto reply = bureau.receiver.handle(t.batch(batch_of(t, chain, j * kPerBatch, (j + 1) * kPerBatch)));
                if (reply.status != 200) {
                    ++failures;
                    return;
                }
                const auto r = pr::decode_batch_reply(reply.body);
                if (r.acked.seq < (j + 1) * kPerBatch) ++failures;   // acknowledged up to at least its tip
                if (r.result == pr::result::kApplied) ++applied[static_cast<std::size_t>(th / 2)][static_cast<std::size_t>(j)];
            }
        });
    for (auto& t : threads) t.join();

    CHECK(failures == 0);
    for (int s = 0; s < kSchools; ++s) {
        for (int j = 0; j < kBatches; ++j) CHECK(applied[static_cast<std::size_t>(s)][static_cast<std::size_t>(j)] == 1);
        const auto& t = terminals[static_cast<std::size_t>(s)];
        CHECK(bureau.store->tip(t.school, t.stream) == pr::Link{kBatches * kPerBatch, chain.back().hash});
        CHECK(bureau.store->live_records(t.school).size() == static_cast<std::size_t>(kBatches * kPerBatch));
    }
    // The same store opened anew (another process) sees every batch: they were committed.
    const auto reopened = bureau.scratch.open();
    CHECK(reopened->tip(terminals[0].school, terminals[0].stream).seq == kBatches * kPerBatch);
    // Group commit is SQLite's (one writer); on PostgreSQL the batches run on pooled connections.
    if (const auto* sqlite = dynamic_cast<jh::sync::receiver::SqliteReceiverStore*>(bureau.store.get())) {
        MESSAGE("group commits: " << sqlite->group_commits() << " for " << 2 * kSchools * kBatches << " batches");
        CHECK(sqlite->group_commits() <= static_cast<std::size_t>(2 * kSchools * kBatches));
    }
}

TEST_CASE("a batch that fails inside a group fails alone — the others of its group are committed") {
    Bureau bureau;
    Terminal good{"3601020031"}, unknown{"3601020032"};   // `unknown` is not registered: its stream cannot be stored
    bureau.enrol(good);
    const auto chain = year_chain(40);
    std::atomic<int> good_applied{0}, good_failed{0}, unknown_failed{0};
    std::vector<std::thread> threads;
    for (int th = 0; th < 4; ++th)
        threads.emplace_back([&, th] {
            const auto& t = th % 2 ? unknown : good;
            for (int j = 0; j < 10; ++j) {
                const auto b = batch_of(t, chain, j * 4, (j + 1) * 4);
                try {
                    const auto r = bureau.store->ingest({b, pr::chain_hashes(b), "2026-12-01T10:00:00Z"});
                    if (r.kind == jh::sync::receiver::IngestKind::Apply) ++good_applied;
                } catch (const jh::sync::receiver::StoreError&) {
                    ++(&t == &good ? good_failed : unknown_failed);
                    return;
                }
            }
        });
    for (auto& t : threads) t.join();
    CHECK(good_failed == 0);
    CHECK(good_applied == 10);        // two threads race the same 10 batches: each applied once
    CHECK(unknown_failed == 2);       // each `unknown` thread fails on its first batch and stops
    CHECK(bureau.store->tip(good.school, good.stream).seq == 40);
    CHECK(bureau.store->tip(unknown.school, unknown.stream).seq == 0);
}
