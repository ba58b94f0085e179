// The window's sync worker, SyncLoop: backoff with jitter, and the loop itself on its own thread
// and Store connection — enrolment, "changes happened", unreachable with retries and probes,
// recovery, and a fatal stop that changes do not restart.
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "bureau_under_test.hpp"
#include "store/store_fixture.hpp"
#include "sync/client/sync_loop.hpp"

using namespace jh;
using sync::client::LoopOptions;
using sync::client::LoopSnapshot;
using sync::client::SyncLoop;
using namespace std::chrono_literals;

namespace {

// The network between the worker and the receiver: one mutex, so the test thread may
// change the receiver while the worker talks to it; `down` makes every request fail.
struct Network {
    std::mutex mutex;
    test::BureauUnderTest receiver;
    std::atomic<bool> down{false};
};

class NetworkTransport : public sync::transport::Transport {
public:
    explicit NetworkTransport(Network& n) : net_(n) {}
    sync::transport::TransportResult send(const std::string&, const sync::protocol::HttpRequest& request) override {
        if (net_.down) return {false, {}, "connection refused (test network down)"};
        std::lock_guard lock(net_.mutex);
        return {true, net_.receiver.handle(request), {}};
    }

private:
    Network& net_;
};

template <class Pred> LoopSnapshot wait_for(const SyncLoop& loop, Pred pred) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < deadline) {
        auto s = loop.snapshot();
        if (pred(s)) return s;
        std::this_thread::sleep_for(5ms);
    }
    FAIL("the sync loop did not reach the expected state in time");
    return loop.snapshot();
}

void edit(store::Store& s) {
    auto building = s.load(test::kYear).buildings.at(0);
    building.area += 1;
    s.update(building);
}

}  // namespace

TEST_CASE("backoff doubles from the first retry up to the cap, jittered into [d/2, d]") {
    LoopOptions o;
    o.first_retry = 1000ms;
    o.max_retry = 8000ms;
    CHECK(SyncLoop::backoff(o, 1, 0.0) == 500ms);
    CHECK(SyncLoop::backoff(o, 1, 1.0) == 1000ms);
    CHECK(SyncLoop::backoff(o, 2, 1.0) == 2000ms);
    CHECK(SyncLoop::backoff(o, 3, 0.5) == 3000ms);
    CHECK(SyncLoop::backoff(o, 4, 1.0) == 8000ms);
    CHECK(SyncLoop::backoff(o, 40, 1.0) == 8000ms);   // capped, no overflow
    CHECK(SyncLoop::backoff(o, 40, 0.0) == 4000ms);
}

TEST_CASE("the sync loop enrols, follows changes, waits out an outage and stops on revocation") {
    test::TempDir dir;
    const auto db = dir / "school.db";
    auto store = store::Store::open(db);
    store.import(test::sample_data());
    Network net;
    std::string code;
    {
        std::lock_guard lock(net.mutex);
        code = net.receiver.add_school(store.school()->code, "青山");
    }
    LoopOptions options;
    options.db = db;
    options.make_transport = [&] { return std::make_unique<NetworkTransport>(net); };
    options.first_retry = 40ms;
    options.max_retry = 200ms;
    options.probe_interval = 30ms;
    options.settle = 10ms;
    SyncLoop loop(options);
    loop.start();
    wait_for(loop, [](const LoopSnapshot& s) { return s.phase == LoopSnapshot::Phase::NotEnrolled && s.generation > 0; });

    loop.enrol("http://bureau.test", code);
    auto synced = wait_for(loop, [](const LoopSnapshot& s) {
        return s.phase == LoopSnapshot::Phase::Idle && s.status.enrolled && s.status.pending == 0;
    });
    CHECK(synced.status.acked_seq == store.audit_tip().first);
    REQUIRE(synced.last_report);
    CHECK(synced.last_report->outcome == sync::client::Outcome::Delivered);

    edit(store);
    loop.notify_changes();
    wait_for(loop, [&](const LoopSnapshot& s) { return s.status.acked_seq == store.audit_tip().first; });

    net.down = true;
    edit(store);
    loop.notify_changes();
    auto waiting = wait_for(loop, [](const LoopSnapshot& s) { return s.phase == LoopSnapshot::Phase::Waiting; });
    CHECK(waiting.failures >= 1);
    CHECK(waiting.retry_in);
    CHECK(waiting.status.pending == 1);
    CHECK(waiting.last_report->outcome == sync::client::Outcome::Unreachable);
    net.down = false;   // the probe or the retry finds it again
    wait_for(loop, [&](const LoopSnapshot& s) {
        return s.phase == LoopSnapshot::Phase::Idle && s.status.pending == 0 && s.failures == 0;
    });

    {
        std::lock_guard lock(net.mutex);
        net.receiver.revoke(store.school()->code);
    }
    edit(store);
    loop.notify_changes();
    auto stopped = wait_for(loop, [](const LoopSnapshot& s) { return s.phase == LoopSnapshot::Phase::Stopped; });
    CHECK(stopped.last_report->problem == "revoked");
    edit(store);
    loop.notify_changes();   // changes do not restart a fatal stop…
    wait_for(loop, [](const LoopSnapshot& s) { return s.status.pending == 2; });
    CHECK(loop.snapshot().phase == LoopSnapshot::Phase::Stopped);
    loop.stop();
}
