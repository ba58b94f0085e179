// The window's sync worker (sync_loop.hpp). Everything network- or store-bound happens on the
// worker thread with its own Store and Transport; the UI thread only posts requests and copies
// the snapshot, both under one mutex held for microseconds.
#include "sync/client/sync_loop.hpp"

#include <algorithm>
#include <random>

#include "domain/message.hpp"
#include "store/store.hpp"
#include "sync/transport/curl_transport.hpp"

namespace jh::sync::client {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// What the UI asked for and the worker has not done yet.
struct SyncLoop::Request {
    bool sync = false;                        // a sync is due now
    bool forced = false;                      // sync_now(): also after a fatal stop
    std::optional<Clock::time_point> changes; // local writes happened at (settle before syncing)
    std::optional<std::pair<std::string, std::string>> enrol;
    std::optional<int> submit;
};

SyncLoop::SyncLoop(LoopOptions options) : options_(std::move(options)), request_(std::make_unique<Request>()) {}

SyncLoop::~SyncLoop() { stop(); }

void SyncLoop::start() {
    std::lock_guard lock(mutex_);
    if (worker_.joinable()) return;
    stopping_ = false;
    request_->sync = true;
    worker_ = std::thread([this] { run(); });
}

void SyncLoop::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void SyncLoop::notify_changes() {
    {
        std::lock_guard lock(mutex_);
        if (!request_->changes) request_->changes = Clock::now();
    }
    wake_.notify_all();
}

void SyncLoop::sync_now() {
    {
        std::lock_guard lock(mutex_);
        request_->sync = true;
        request_->forced = true;
    }
    wake_.notify_all();
}

void SyncLoop::enrol(std::string url, std::string code) {
    {
        std::lock_guard lock(mutex_);
        request_->enrol = std::make_pair(std::move(url), std::move(code));
    }
    wake_.notify_all();
}

void SyncLoop::submit(int year) {
    {
        std::lock_guard lock(mutex_);
        request_->submit = year;
    }
    wake_.notify_all();
}

LoopSnapshot SyncLoop::snapshot() const {
    std::lock_guard lock(mutex_);
    return snapshot_;
}

milliseconds SyncLoop::backoff(const LoopOptions& options, int failures, double unit) {
    const auto cap = std::max<std::int64_t>(1, options.max_retry.count());
    std::int64_t d = std::max<std::int64_t>(1, options.first_retry.count());
    for (int i = 1; i < failures && d < cap; ++i) d *= 2;
    d = std::min(d, cap);
    unit = std::clamp(unit, 0.0, 1.0);
    return milliseconds(d / 2 + static_cast<std::int64_t>(unit * static_cast<double>(d - d / 2)));
}

void SyncLoop::run() {
    std::optional<store::Store> store;
    try {
        store = store::Store::open(options_.db, store::OpenMode::MustExist);
    } catch (const std::exception& e) {
        std::lock_guard lock(mutex_);
        snapshot_.phase = LoopSnapshot::Phase::Stopped;
        snapshot_.store_error = std::string("the sync worker cannot open the database: ") + e.what();
        ++snapshot_.generation;
        if (options_.on_change) options_.on_change();
        return;
    }
    store->set_operator("sync");
    auto transport = options_.make_transport ? options_.make_transport() : transport::make_curl_transport();
    Client client(*store, *transport);
    std::mt19937_64 random{std::random_device{}()};

    bool stopped = false;                     // after a fatal outcome, until sync_now/enrol
    int failures = 0;
    std::optional<Clock::time_point> retry_at, probe_at, poll_at;

    auto changed = [&] {
        if (options_.on_change) options_.on_change();
    };
    auto publish = [&](std::optional<Report> report, LoopSnapshot::Phase phase) {
        Status status = client.status(false);
        std::unique_lock lock(mutex_);
        snapshot_.status = std::move(status);
        if (report) snapshot_.last_report = std::move(report);
        snapshot_.phase = snapshot_.status.enrolled ? phase : LoopSnapshot::Phase::NotEnrolled;
        snapshot_.failures = failures;
        snapshot_.retry_in.reset();
        if (retry_at) snapshot_.retry_in = std::chrono::duration_cast<milliseconds>(*retry_at - Clock::now());
        ++snapshot_.generation;
        lock.unlock();
        changed();
    };
    auto after_run = [&](const Report& report) {
        poll_at.reset();
        if (report.outcome == Outcome::Delivered) {
            failures = 0;
            retry_at.reset();
            probe_at.reset();
            poll_at = Clock::now() + options_.inbox_poll;
            publish(report, LoopSnapshot::Phase::Idle);
        } else if (report.outcome == Outcome::Unreachable) {
            ++failures;
            const auto wait = backoff(options_, failures, std::uniform_real_distribution<double>(0, 1)(random));
            retry_at = Clock::now() + wait;
            probe_at = Clock::now() + std::min(wait, options_.probe_interval);
            publish(report, LoopSnapshot::Phase::Waiting);
        } else {
            stopped = true;
            retry_at.reset();
            probe_at.reset();
            publish(report, LoopSnapshot::Phase::Stopped);
        }
    };
    auto working = [&] {
        {
            std::lock_guard lock(mutex_);
            snapshot_.phase = LoopSnapshot::Phase::Working;
            ++snapshot_.generation;
        }
        changed();
    };

    publish(std::nullopt, LoopSnapshot::Phase::Idle);
    // The receiver's tip is confirmed on the first run after start and after every outage, so a
    // bureau restored from a backup meanwhile is healed at once (Client::sync's confirm_tip).
    bool tip_confirmed = false;
    // `ask_inbox`: fetch the bureau's inbox whatever the last fetch (a person asked, or the
    // idle poll); else the client fetches it when due.
    auto sync_run = [&](bool ask_inbox) {
        auto report = client.sync(!tip_confirmed, ask_inbox ? InboxFetch::Always : InboxFetch::WhenDue);
        tip_confirmed = report.outcome == Outcome::Delivered;
        // A year frozen elsewhere (the 学年 screen, `junheng submit` while offline) is delivered
        // by the next run that reaches the receiver.
        if (report.outcome == Outcome::Delivered && report.submissions_pending > 0) report = client.submit();
        return report;
    };
    while (true) {
        Request todo;
        bool probe_due = false, poll_due = false;
        {
            std::unique_lock lock(mutex_);
            auto ready = [&] {
                const auto now = Clock::now();
                return stopping_ || request_->enrol || request_->submit || request_->sync ||
                       (request_->changes && now >= *request_->changes + options_.settle) ||
                       (retry_at && now >= *retry_at) || (probe_at && now >= *probe_at) ||
                       (poll_at && now >= *poll_at);
            };
            while (!ready()) {
                std::optional<Clock::time_point> next;
                auto earliest = [&](std::optional<Clock::time_point> t) {
                    if (t && (!next || *t < *next)) next = t;
                };
                if (request_->changes) earliest(*request_->changes + options_.settle);
                earliest(retry_at);
                earliest(probe_at);
                earliest(poll_at);
                if (next) wake_.wait_until(lock, *next);
                else wake_.wait(lock);
            }
            if (stopping_) return;
            const auto now = Clock::now();
            todo = *request_;
            *request_ = Request{};
            if (todo.changes && now < *todo.changes + options_.settle) {
                request_->changes = todo.changes;   // not settled yet: keep it for later
                todo.changes.reset();
            }
            probe_due = probe_at && now >= *probe_at && !(retry_at && now >= *retry_at);
            if (retry_at && now >= *retry_at) todo.sync = true;
            if (poll_at && now >= *poll_at) {
                poll_at.reset();
                todo.sync = poll_due = true;
            }
        }
        try {
            if (todo.enrol) {
                working();
                stopped = false;
                auto report = client.enrol(todo.enrol->first, todo.enrol->second);
                if (report.outcome == Outcome::Delivered) report = sync_run(true);
                after_run(report);
                continue;
            }
            if (todo.submit) {
                working();
                stopped = false;
                const auto years = store->years();
                const bool locked = std::any_of(years.begin(), years.end(), [&](const auto& y) {
                    return y.year == *todo.submit && y.status == domain::YearStatus::Submitted;
                });
                if (!locked) client.freeze(*todo.submit);
                after_run(client.submit());
                continue;
            }
            if (todo.forced) stopped = false;
            if (stopped) {
                publish(std::nullopt, LoopSnapshot::Phase::Stopped);   // pending counts still move
                continue;
            }
            if (probe_due && !todo.sync && !todo.changes) {
                if (client.probe()) todo.sync = true;
                else {
                    probe_at = Clock::now() + options_.probe_interval;
                    publish(std::nullopt, LoopSnapshot::Phase::Waiting);
                    continue;
                }
            }
            if (todo.sync || todo.changes) {
                if (!store->sync_state().enrolled()) {
                    publish(std::nullopt, LoopSnapshot::Phase::NotEnrolled);
                    continue;
                }
                working();
                after_run(sync_run(todo.forced || poll_due));
            }
        } catch (const domain::Rejected& e) {
            // The store refused (e.g. a year that cannot be submitted yet): said, but sync goes on.
            Report report;
            report.outcome = Outcome::Fatal;
            report.problem = "local";
            report.message = e.message();
            publish(report, stopped ? LoopSnapshot::Phase::Stopped : LoopSnapshot::Phase::Idle);
        } catch (const std::exception& e) {
            Report report;
            report.outcome = Outcome::Fatal;
            report.problem = "local";
            report.message = {std::string("同步出错：") + e.what(), std::string("sync failed: ") + e.what()};
            stopped = true;
            publish(report, LoopSnapshot::Phase::Stopped);
        }
    }
}

}  // namespace jh::sync::client
