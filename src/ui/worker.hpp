// The terminal's one background thread, sole owner of the Store once the window is up: saves,
// imports, exports and PIN checks run here so no frame waits on disk. Each job returns a
// reply (a closure over the Model) that the UI thread applies when it drains the queue at the
// start of a frame; posting a reply wakes the loop (glfwPostEmptyEvent via `wake`).
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "store/store.hpp"

namespace jh::ui {

struct Model;
using Reply = std::function<void(Model&)>;
using Job = std::function<Reply(store::Store&)>;

class Worker {
public:
    Worker(store::Store store, std::function<void()> wake);
    ~Worker();   // finishes the queued jobs, then joins
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void post(Job job);
    // Replies ready for the UI thread, in the order their jobs ran.
    std::vector<Reply> take_replies();
    // Blocks until every posted job has run (used at exit and by tests' frame hooks).
    void wait_idle();
    bool busy() const;

private:
    void run();
    Reply run_one(Job& job);

    store::Store store_;
    std::function<void()> wake_;
    mutable std::mutex mutex_;
    std::condition_variable work_ready_;
    std::condition_variable idle_;
    std::deque<Job> jobs_;
    std::vector<Reply> replies_;
    bool running_job_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace jh::ui
