// The worker loop; a job's exception becomes a status reply the UI draws, never a crash.
#include "ui/worker.hpp"

#include <utility>

#include "ui/intents.hpp"
#include "ui/model.hpp"

namespace jh::ui {

Worker::Worker(store::Store store, std::function<void()> wake)
    : store_(std::move(store)), wake_(std::move(wake)), thread_([this] { run(); }) {}

Worker::~Worker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    work_ready_.notify_all();
    thread_.join();
}

void Worker::post(Job job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    work_ready_.notify_one();
}

std::vector<Reply> Worker::take_replies() {
    std::lock_guard lock(mutex_);
    return std::exchange(replies_, {});
}

void Worker::wait_idle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [&] { return jobs_.empty() && !running_job_; });
}

bool Worker::busy() const {
    std::lock_guard lock(mutex_);
    return !jobs_.empty() || running_job_;
}

Reply Worker::run_one(Job& job) {
    try {
        return job(store_);
    } catch (const domain::Rejected& e) {
        return [message = shown_rejection(e), issues = e.issues()](Model& m) { m.report_error(message, issues); };
    } catch (const std::exception& e) {
        return [message = unexpected_failure({"操作失败：", "Operation failed: "}, e)](Model& m) {
            m.report_error(message, {});
        };
    }
}

void Worker::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        work_ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;   // stopping, and nothing left to do
        Job job = std::move(jobs_.front());
        jobs_.pop_front();
        running_job_ = true;
        lock.unlock();
        Reply reply = run_one(job);
        lock.lock();
        running_job_ = false;
        if (reply) replies_.push_back(std::move(reply));
        if (jobs_.empty()) idle_.notify_all();
        lock.unlock();
        if (wake_) wake_();
        lock.lock();
    }
}

}  // namespace jh::ui
