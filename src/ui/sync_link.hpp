// The window's tie to the sync worker (sync/client/sync_loop.hpp): the loop runs on its own thread
// with its own connection to the database file, so no frame and no save ever waits on the
// network. Each frame the link copies the loop's snapshot into the model, tells the loop about
// local writes (the audit log's tip moved), reloads the model when the loop itself wrote (a
// submission locks the year), and hands the frame's sync requests over.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>

#include "sync/client/sync_loop.hpp"
#include "ui/intents.hpp"
#include "ui/worker.hpp"

namespace jh::ui {

class SyncLink {
public:
    // Starts the loop on `db`; `wake` is called (on the loop's thread) whenever its state changes.
    SyncLink(const std::filesystem::path& db, std::function<void()> wake);
    ~SyncLink();   // stop()

    // Start of a frame, after the worker's replies: the loop's state into the model; a local
    // write since the last frame becomes notify_changes(); a write by the loop becomes a reload.
    // Returns whether the loop's state changed (new words may need glyphs).
    bool pull(Model& model, Worker& worker);
    // End of a frame: the requests the screens made.
    void push(const Intents& intents);
    // Stops and joins the loop (a request in flight finishes within the transport's timeouts).
    void stop();

private:
    sync::client::SyncLoop loop_;
    std::uint64_t seen_generation_ = ~0ull;
    std::int64_t notified_tip_ = -1;   // the model's audit tip the loop was last told about
    std::int64_t reloaded_for_ = -1;   // the loop's local seq a reload was last asked for
    std::int64_t inbox_seen_ = -1;     // the loop's inbox seq last seen (-1: none yet)
};

}  // namespace jh::ui
