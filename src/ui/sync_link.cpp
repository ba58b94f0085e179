// The window's tie to the sync worker (sync_link.hpp).
#include "ui/sync_link.hpp"

#include <utility>

namespace jh::ui {

namespace {
sync::client::LoopOptions options_for(const std::filesystem::path& db, std::function<void()> wake) {
    sync::client::LoopOptions options;
    options.db = db;
    options.on_change = std::move(wake);
    return options;   // the transport: libcurl (CurlTransport), the default
}
}  // namespace

SyncLink::SyncLink(const std::filesystem::path& db, std::function<void()> wake) : loop_(options_for(db, std::move(wake))) {
    loop_.start();
}

SyncLink::~SyncLink() { stop(); }

void SyncLink::stop() { loop_.stop(); }

bool SyncLink::pull(Model& model, Worker& worker) {
    // The loop syncs at start: the tip the model opened with is not news to it.
    if (notified_tip_ < 0) notified_tip_ = model.audit_seq;
    if (model.audit_seq > notified_tip_) {
        notified_tip_ = model.audit_seq;
        loop_.notify_changes();
    }
    auto snapshot = loop_.snapshot();
    if (snapshot.generation == seen_generation_) return false;
    seen_generation_ = snapshot.generation;
    // The loop wrote to the database (froze and locked a year): the model reads it again.
    const std::int64_t loop_seq = snapshot.status.local_seq;
    // An inbox item taken since (a rule pack kept becomes the pack in force; a decision may
    // unlock a year): the verdicts and the settings must show it now, not at the next edit.
    const bool inbox_grew = inbox_seen_ >= 0 && snapshot.status.inbox_seq > inbox_seen_;
    inbox_seen_ = snapshot.status.inbox_seq;
    if ((loop_seq > model.audit_seq && loop_seq != reloaded_for_) || inbox_grew) {
        reloaded_for_ = loop_seq;
        worker.post([year = model.year, pack = kDefaultPack](store::Store& s) -> Reply {
            return apply_snapshot(take_snapshot(s, year, pack));
        });
    }
    model.sync = std::move(snapshot);
    return true;
}

void SyncLink::push(const Intents& intents) {
    using Kind = Intents::SyncRequest::Kind;
    for (const auto& r : intents.sync_requests()) {
        switch (r.kind) {
        case Kind::Enrol: loop_.enrol(r.url, r.code); break;
        case Kind::SyncNow: loop_.sync_now(); break;
        case Kind::Submit: loop_.submit(r.year); break;
        }
    }
}

}  // namespace jh::ui
