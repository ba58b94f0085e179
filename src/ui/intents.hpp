// What screens ask for during a frame. Nothing here touches the database while drawing:
// each request becomes a job the app hands to the worker after the frame, where it runs in
// one Store transaction and replies with the model's new state.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/message.hpp"
#include "ui/model.hpp"
#include "ui/worker.hpp"

namespace jh::ui {

// Re-reads everything the model shows for `year`, with the rule packs offered, and computes the
// indicators under `pack_id` (kDefaultPack: the pack the database selects) (worker side).
Snapshot take_snapshot(const store::Store& store, int year, const std::string& pack_id);
Reply apply_snapshot(Snapshot snapshot);
// A reply marking `ticket` failed, with the reason as the status.
Reply failed(std::uint64_t ticket, domain::Message message, std::vector<domain::Issue> issues);

// What people read when something other than a rejection stops a job: a store or system
// error's own text (SQLite's words, a path) is written to the log (stderr), never shown.
domain::Message unexpected_failure(const domain::Message& failure, const std::exception& e);
// A rejection's message as shown; its technical detail, if any, goes to the log.
const domain::Message& shown_rejection(const domain::Rejected& e);

// Runs a step of a ticketed job (worker side). What it throws becomes that ticket's failure —
// a rejection with its own message and issues, anything else after `failure`'s words — so the
// form or the lock screen waiting on the ticket gets its answer whatever went wrong.
template <class Step>
std::optional<Reply> attempt(std::uint64_t ticket, Step&& step,
                             const domain::Message& failure = {"操作失败：", "Operation failed: "}) {
    try {
        step();
    } catch (const domain::Rejected& e) {
        return failed(ticket, shown_rejection(e), e.issues());
    } catch (const std::exception& e) {
        return failed(ticket, unexpected_failure(failure, e), {});
    }
    return std::nullopt;
}

class Intents {
public:
    // `year`: what the model shows now; `pack_id`: kDefaultPack (the database's selection) unless
    // a pack was just chosen; `next_ticket`: the app's ticket counter.
    Intents(int year, std::string pack_id, std::uint64_t& next_ticket)
        : year_(year), pack_id_(std::move(pack_id)), next_ticket_(next_ticket) {}

    // Inserts (id == 0) or updates a record; returns the ticket the form can wait on.
    // Undo restores the previous version (or removes the inserted record).
    template <class R> std::uint64_t save(R record);
    template <class R> std::uint64_t remove(domain::Id id);

    std::uint64_t first_run(domain::School school, int year, std::string operator_name, std::string pin);
    std::uint64_t save_school(domain::School school);
    std::uint64_t start_year(int from, int to);   // copies what persists (Store::new_year)
    std::uint64_t submit_year(int year);
    std::uint64_t confirm_pupils(int year);
    // Q3's yes/no answers of a year (empty: not reported); undoable.
    std::uint64_t set_year_facts(int year, std::optional<bool> charter, std::optional<bool> digitised);
    void open_year(int year);
    void undo(const UndoStep& step);
    std::uint64_t add_operator(std::string name, domain::OperatorRole role, std::string pin);
    std::uint64_t unlock(domain::Id operator_id, std::string operator_name, std::string pin);
    void lock();
    void load_history(std::string table, domain::Id record_id);

    // Drafts: kept in the database as they are typed, so a crash loses nothing.
    void save_draft(std::string key, std::string content);
    void clear_draft(std::string key);
    void set_setting(std::string key, std::string value);

    // Any other background work (imports, exports): the job replies itself.
    std::uint64_t run(std::function<Reply(store::Store&, std::uint64_t ticket)> job);

    // Requests to the sync worker (sync/client/sync_loop.hpp), handed to it after the frame.
    struct SyncRequest {
        enum class Kind { Enrol, SyncNow, Submit };
        Kind kind = Kind::SyncNow;
        std::string url, code;   // Enrol
        int year = 0;            // Submit
    };
    void sync_enrol(std::string url, std::string code) {
        sync_requests_.push_back({SyncRequest::Kind::Enrol, std::move(url), std::move(code), 0});
    }
    void sync_now() { sync_requests_.push_back({SyncRequest::Kind::SyncNow, {}, {}, 0}); }
    void sync_submit(int year) { sync_requests_.push_back({SyncRequest::Kind::Submit, {}, {}, year}); }
    const std::vector<SyncRequest>& sync_requests() const { return sync_requests_; }

    // UI-only requests the app applies after the frame.
    void navigate(std::string screen_id) { navigation_ = std::move(screen_id); }
    void quit() { quit_ = true; }
    // The status bar's message no longer applies (another form was opened).
    void clear_status() { clear_status_ = true; }
    bool status_cleared() const { return clear_status_; }
    // Text typed or about to be shown: the app extends the font atlas before the next frame.
    void need_glyphs(std::string_view text) { glyph_text_ += text; }
    const std::string& glyph_text() const { return glyph_text_; }

    std::vector<Job> take_jobs() { return std::exchange(jobs_, {}); }
    const std::optional<std::string>& navigation() const { return navigation_; }
    bool quit_requested() const { return quit_; }
    // Settings the model shows at once (the database write goes to the worker).
    const std::vector<std::pair<std::string, std::string>>& settings_changed() const { return settings_; }
    const std::vector<std::pair<std::string, std::optional<std::string>>>& drafts_changed() const { return drafts_; }
    bool lock_requested() const { return lock_; }

    int year() const { return year_; }
    const std::string& pack_id() const { return pack_id_; }

private:
    // A write: runs `body` in a transaction, then replies with the refreshed model, the ticket
    // done and the success status.
    std::uint64_t write(domain::Message done, std::function<std::optional<UndoStep>(store::Store&)> body,
                        int year_after = 0);

    int year_;
    std::string pack_id_;
    std::uint64_t& next_ticket_;
    std::vector<Job> jobs_;
    std::optional<std::string> navigation_;
    std::vector<std::pair<std::string, std::string>> settings_;
    std::vector<std::pair<std::string, std::optional<std::string>>> drafts_;
    std::string glyph_text_;
    std::vector<SyncRequest> sync_requests_;
    bool quit_ = false;
    bool lock_ = false;
    bool clear_status_ = false;
};

domain::Message saved_message(std::string_view entity_zh, std::string_view entity_en);
domain::Message removed_message(std::string_view entity_zh, std::string_view entity_en);

template <class R> std::uint64_t Intents::save(R record) {
    using E = domain::Entity<R>;
    const bool inserting = record.id == 0;
    return write(saved_message(E::zh, E::en), [record, inserting](store::Store& s) -> std::optional<UndoStep> {
        if (inserting) {
            domain::Id id = s.insert(record);
            return UndoStep{{"新增" + std::string(E::zh), std::string(E::en) + " added"},
                            [id](store::Store& st) { st.remove<R>(id); }};
        }
        auto before = s.get<R>(record.id);
        s.update(record);
        if (!before) return std::nullopt;
        return UndoStep{{"修改" + std::string(E::zh), std::string(E::en) + " edited"},
                        [old = *before](store::Store& st) { st.update(old); }};
    });
}

template <class R> std::uint64_t Intents::remove(domain::Id id) {
    using E = domain::Entity<R>;
    return write(removed_message(E::zh, E::en), [id](store::Store& s) -> std::optional<UndoStep> {
        auto before = s.get<R>(id);
        s.remove<R>(id);
        if (!before) return std::nullopt;
        return UndoStep{{"删除" + std::string(E::zh), std::string(E::en) + " deleted"},
                        [old = *before](store::Store& st) { st.insert(old); }};
    });
}

}  // namespace jh::ui
