// Intents → worker jobs. Each write is one Store transaction followed by a fresh snapshot,
// so the model never shows a state the database does not hold.
#include "ui/intents.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "sync/client/client.hpp"
#include "ui/record_names.hpp"

namespace jh::ui {

domain::Message saved_message(std::string_view zh, std::string_view en) {
    return {"已保存" + std::string(zh), "Saved " + std::string(en)};
}
domain::Message removed_message(std::string_view zh, std::string_view en) {
    return {"已删除" + std::string(zh), "Deleted " + std::string(en)};
}

domain::Message unexpected_failure(const domain::Message& failure, const std::exception& e) {
    std::cerr << "junheng: " << failure.en << e.what() << "\n";
    return {failure.zh + "程序内部出错，未做任何修改。请重试；若仍不行，请联系技术支持（详情已记入日志）。",
            failure.en + "an internal error; nothing was changed. Try again, or contact support (details are in the log)."};
}

const domain::Message& shown_rejection(const domain::Rejected& e) {
    if (!e.detail().empty()) std::cerr << "junheng: " << e.message().en << " (" << e.detail() << ")\n";
    return e.message();
}

Reply failed(std::uint64_t ticket, domain::Message message, std::vector<domain::Issue> issues) {
    return [=](Model& m) {
        m.tickets_done = ticket;
        m.failed_tickets.insert(ticket);
        m.report_error(message, issues);
    };
}

Snapshot take_snapshot(const store::Store& store, int year, const std::string& pack_id) {
    const auto started = std::chrono::steady_clock::now();
    Snapshot s;
    s.school = store.school();
    s.years = store.years();
    s.operators = store.operators();
    bool year_exists = false;
    for (const auto& y : s.years) year_exists |= y.year == year;
    if (!year_exists) year = store.latest_year().value_or(0);
    s.year = year;
    auto packs = std::make_shared<const ops::TerminalPacks>(ops::terminal_packs(store));
    if (s.school && year != 0) {
        auto data = std::make_shared<domain::SchoolData>(store.load(year));
        s.overview = compute_overview(*data, *packs, pack_id);
        s.data = std::move(data);
    }
    s.packs = std::move(packs);
    s.audit_seq = store.audit_tip().first;
    domain::for_each_year_entity([&](auto tag) {
        const std::string table(domain::Entity<decltype(tag)>::table);
        s.change_seq[table] = store.last_change_seq(table);
    });
    s.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return s;
}

Reply apply_snapshot(Snapshot snapshot) {
    return [s = std::move(snapshot)](Model& m) mutable { m.apply(std::move(s)); };
}

std::uint64_t Intents::write(domain::Message done, std::function<std::optional<UndoStep>(store::Store&)> body,
                             int year_after) {
    const std::uint64_t ticket = ++next_ticket_;
    const int year = year_after ? year_after : year_;
    jobs_.push_back([ticket, year, pack = pack_id_, done = std::move(done), body = std::move(body)](store::Store& s) -> Reply {
        std::optional<UndoStep> undo;
        if (auto failure = attempt(ticket, [&] { s.transaction([&] { undo = body(s); }); })) return *failure;
        Snapshot snap = take_snapshot(s, year, pack);
        return [ticket, done, undo = std::move(undo), snap = std::move(snap)](Model& m) mutable {
            m.apply(std::move(snap));
            m.tickets_done = ticket;
            if (undo) m.offer_undo(std::move(*undo));
            m.report(Status::Kind::Success, done);
        };
    });
    return ticket;
}

std::uint64_t Intents::first_run(domain::School school, int year, std::string name, std::string pin) {
    settings_.emplace_back("operator", name);
    // The administrator has just chosen a PIN: from the next start it is asked for (the
    // settings screen can switch this off).
    settings_.emplace_back("lock_on_start", "1");
    return write({"学校已建立，欢迎使用", "School set up: welcome"},
                 [=](store::Store& s) -> std::optional<UndoStep> {
                     s.set_operator(name);
                     s.save_school(school);
                     s.create_year(year);
                     s.add_operator(name, domain::OperatorRole::Admin, pin);
                     s.set_setting("operator", name);
                     s.set_setting("lock_on_start", "1");
                     return std::nullopt;
                 },
                 year);
}

std::uint64_t Intents::save_school(domain::School school) {
    return write({"已保存学校基本信息", "Saved the school profile"}, [school](store::Store& s) -> std::optional<UndoStep> {
        auto before = s.school();
        s.save_school(school);
        if (!before) return std::nullopt;
        return UndoStep{{"修改学校基本信息", "school profile edited"},
                        [old = *before](store::Store& st) { st.save_school(old); }};
    });
}

std::uint64_t Intents::start_year(int from, int to) {
    return write({"新学年已开始：请确认各班学生数", "New school year started: please confirm pupils"},
                 [=](store::Store& s) -> std::optional<UndoStep> {
                     s.new_year(from, to);
                     return std::nullopt;
                 },
                 to);
}

std::uint64_t Intents::submit_year(int year) {
    // Locked and frozen as a submission in one transaction (sync::client::freeze_year); the sync
    // worker delivers it when the bureau is reachable.
    return write({"本学年已提交，数据已锁定", "School year submitted and locked"},
                 [=](store::Store& s) -> std::optional<UndoStep> {
                     sync::client::freeze_year(s, year);
                     return std::nullopt;
                 });
}

std::uint64_t Intents::confirm_pupils(int year) {
    return write({"学生数已确认", "Pupil numbers confirmed"}, [=](store::Store& s) -> std::optional<UndoStep> {
        s.confirm_pupils(year);
        return std::nullopt;
    });
}

std::uint64_t Intents::set_year_facts(int year, std::optional<bool> charter, std::optional<bool> digitised) {
    return write({"学校章程与信息化情况已保存", "Charter and digitisation saved"}, [=](store::Store& s) -> std::optional<UndoStep> {
        const auto years = s.years();
        const auto before = std::find_if(years.begin(), years.end(), [&](const domain::SchoolYear& y) { return y.year == year; });
        s.set_year_facts(year, charter, digitised);   // refuses a year that is missing or submitted
        return UndoStep{{"修改学校章程与信息化情况", "charter and digitisation edited"},
                        [=, was = *before](store::Store& st) { st.set_year_facts(year, was.charter, was.digitised); }};
    });
}

void Intents::open_year(int year) {
    jobs_.push_back([year, pack = pack_id_](store::Store& s) { return apply_snapshot(take_snapshot(s, year, pack)); });
}

void Intents::undo(const UndoStep& step) {
    write({"已撤销：" + step.label.zh, "Undone: " + step.label.en}, [apply = step.apply](store::Store& s) -> std::optional<UndoStep> {
        apply(s);
        return std::nullopt;
    });
    jobs_.push_back([](store::Store&) -> Reply { return [](Model& m) { m.undo.reset(); }; });
}

std::uint64_t Intents::add_operator(std::string name, domain::OperatorRole role, std::string pin) {
    return write({"已添加操作员", "Operator added"}, [=](store::Store& s) -> std::optional<UndoStep> {
        s.add_operator(name, role, pin);
        return std::nullopt;
    });
}

std::uint64_t Intents::unlock(domain::Id operator_id, std::string name, std::string pin) {
    const std::uint64_t ticket = ++next_ticket_;
    jobs_.push_back([=](store::Store& s) -> Reply {
        // crypto_pwhash is slow on purpose: exactly why this runs here and not in a frame.
        bool right = false;
        const auto check = [&] {
            right = s.verify_pin(operator_id, pin);
            if (!right) return;
            s.set_operator(name);
            s.set_setting("operator", name);
        };
        if (auto failure = attempt(ticket, check, {"解锁失败：", "Unlock failed: "})) return *failure;
        if (!right) return failed(ticket, {"PIN 不正确", "Wrong PIN"}, {});
        return [ticket, name](Model& m) {
            m.tickets_done = ticket;
            m.locked = false;
            m.set_operator(name);
            m.report(Status::Kind::Success, {"已解锁：" + name, "Unlocked: " + name});
        };
    });
    return ticket;
}

void Intents::lock() { lock_ = true; }

void Intents::load_history(std::string table, domain::Id record_id) {
    jobs_.push_back([=](store::Store& s) -> Reply {
        HistoryView view{table, record_id, s.history(table, record_id), {}};
        view.name = record_name(view);
        return [view = std::move(view)](Model& m) { m.history = view; };
    });
}

void Intents::save_draft(std::string key, std::string content) {
    drafts_.emplace_back(key, content);
    jobs_.push_back([=](store::Store& s) -> Reply {
        s.save_draft(key, content);
        return nullptr;
    });
}

void Intents::clear_draft(std::string key) {
    drafts_.emplace_back(key, std::nullopt);
    jobs_.push_back([=](store::Store& s) -> Reply {
        s.clear_draft(key);
        return nullptr;
    });
}

void Intents::set_setting(std::string key, std::string value) {
    if (key == ops::kPackSetting) pack_id_ = value;   // later jobs of this frame compute under the new pack
    settings_.emplace_back(key, value);
    jobs_.push_back([=](store::Store& s) -> Reply {
        s.set_setting(key, value);
        return nullptr;
    });
}

std::uint64_t Intents::run(std::function<Reply(store::Store&, std::uint64_t)> job) {
    const std::uint64_t ticket = ++next_ticket_;
    jobs_.push_back([ticket, job = std::move(job)](store::Store& s) { return job(s, ticket); });
    return ticket;
}

}  // namespace jh::ui
