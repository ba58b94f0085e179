// The editor of one record, generated from its field descriptors (domain/fields.hpp): one
// input per field in the field's own kind, the domain's validation message beside each field
// as the user types, every keystroke kept as a draft in the database (restored after a crash
// or a power cut), Enter or Ctrl+S to save, Esc to leave.
#pragma once
#include <imgui.h>
#include <imgui_stdlib.h>

#include <charconv>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "domain/fields.hpp"
#include "domain/validation.hpp"
#include "ui/intents.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {

// Text of a field's value as typed in an input; and back. nullopt: cannot be read as its kind.
// Numbers and dates are read by the domain's readers (full-width figures, 2026.10.9 …).
std::string to_input(domain::FieldType type, const domain::Value& value);
std::optional<domain::Value> from_input(domain::FieldType type, const std::string& text);
// Why non-empty `text` cannot be read as its kind, in the readers' words ("2026 年 2 月没有
// 30 日", "“元”不能出现在数字里…"); empty when the reader has nothing more precise to say.
domain::Message input_problem(domain::FieldType type, const std::string& text);
// Today's date on this computer's clock (new records' dates, the future-date warning).
domain::Date local_today();
// Typing into a number or date field: a full-width character becomes its ASCII form as it is
// typed (an ImGui character filter), instead of being dropped.
int halfwidth_filter(ImGuiInputTextCallbackData* data);
// Typing into a digits-only field (a PIN, a year): full-width digits become ASCII; any other
// character is refused and noted in the std::string UserData points to, for refused_note().
int digits_filter(ImGuiInputTextCallbackData* data);
// "已忽略“x”：此处只能填数字" for a character digits_filter refused; empty when none.
std::string refused_note(const Model& m, const std::string& refused);

// One field's input in its own kind: checkbox, list of labels, or text (numbers and dates
// as text, read back by from_input). Returns {changed, Enter pressed}.
struct InputResult {
    bool changed = false;
    bool enter = false;
};
template <class R> InputResult field_input(const Model& m, const domain::Field<R>& f, std::string& buf, Intents& in) {
    InputResult r;
    switch (f.type) {
        case domain::FieldType::Bool: {
            bool v = buf == "1";
            if (ImGui::Checkbox("##v", &v)) {
                buf = v ? "1" : "0";
                r.changed = true;
            }
            break;
        }
        case domain::FieldType::Enum: {
            std::string preview;
            for (const auto& l : f.enum_labels)
                if (l.code == buf) preview = m.label(l);
            if (ImGui::BeginCombo("##v", preview.c_str())) {
                if (f.optional && ImGui::Selectable(m.tr("form.none"), buf.empty())) {
                    buf.clear();
                    r.changed = true;
                }
                for (const auto& l : f.enum_labels)
                    if (ImGui::Selectable(std::string(m.label(l)).c_str(), l.code == buf)) {
                        buf = l.code;
                        r.changed = true;
                    }
                ImGui::EndCombo();
            }
            break;
        }
        default: {
            ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue;
            // Not CharsDecimal: it drops full-width digits without a word; the reader names
            // what it cannot use instead.
            const bool figures = f.type == domain::FieldType::Integer || f.type == domain::FieldType::Real ||
                                 f.type == domain::FieldType::Date;
            if (figures) flags |= ImGuiInputTextFlags_CallbackCharFilter;
            const char* hint = f.type == domain::FieldType::Date ? m.tr("form.date_hint") : "";
            const std::string before = buf;
            r.enter = ImGui::InputTextWithHint("##v", hint, &buf, flags, figures ? halfwidth_filter : nullptr);
            r.changed = buf != before;
            if (r.changed) in.need_glyphs(buf);
        }
    }
    return r;
}

template <class R> class RecordForm {
public:
    // `draft_key`: where the draft lives in the store; `hidden`: fields the system fills.
    RecordForm(std::string draft_key, std::set<std::string_view> hidden)
        : draft_key_(std::move(draft_key)), hidden_(std::move(hidden)) {}

    bool open() const { return record_.has_value(); }
    bool dirty() const { return open() && dirty_; }
    domain::Id record_id() const { return record_ ? record_->id : 0; }

    void start(const R& record) {
        record_ = record;
        buffers_.clear();
        for (const auto& f : domain::Entity<R>::fields()) buffers_.push_back(to_input(f.type, f.get(record)));
        dirty_ = false;
        restored_ = false;
        pending_ = 0;
        focus_first_ = true;
    }

    // A draft left by a previous session (or a crash): reopen it once, on the first frame.
    void restore_draft(const Model& m, const std::vector<R>& records, const R& prototype) {
        if (checked_draft_) return;
        checked_draft_ = true;
        auto it = m.drafts.find(draft_key_);
        if (it == m.drafts.end()) return;
        auto json = nlohmann::json::parse(it->second, nullptr, false);
        if (json.is_discarded() || !json.contains("fields")) return;
        R base = prototype;
        const auto id = json.value("id", domain::Id{0});
        for (const auto& r : records)
            if (r.id == id) base = r;
        start(base);
        const auto& fields = domain::Entity<R>::fields();
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (auto v = json["fields"].find(std::string(fields[i].key)); v != json["fields"].end() && v->is_string())
                buffers_[i] = v->template get<std::string>();
        dirty_ = true;
        restored_ = true;
    }

    void close(Intents& in, bool discard) {
        if (discard && dirty_) in.clear_draft(draft_key_);
        // Kept edits are offered back when the form is next drawn (not those of a save on its way).
        if (!discard && dirty_ && !pending_) checked_draft_ = false;
        record_.reset();
        dirty_ = false;
    }

    // Draws the fields and buttons. `people` fills the person picker of training records.
    void Draw(const Model& m, Intents& in, const std::vector<PersonChoice>& people = {}) {
        if (!open()) return;
        settle_pending(m, in);
        const auto& fields = domain::Entity<R>::fields();
        auto [candidate, problems, others] = check(m);
        for (const auto& p : problems) in.need_glyphs(p);   // the domain's messages, as they appear
        for (const auto& o : others) in.need_glyphs(o);

        if (restored_) wrapped_colored(colour::amber, m.tr("form.restored"));
        if (m.read_only()) wrapped_colored(colour::amber, m.tr("form.read_only"));
        bool submit = false;
        if (ImGui::BeginTable("##fields", 3, ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, 150 * ImGui::GetIO().FontGlobalScale * 1.2f);
            ImGui::TableSetupColumn("input", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn("message", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            for (std::size_t i = 0; i < fields.size(); ++i) {
                const auto& f = fields[i];
                if (hidden_.contains(f.key) && !(f.key == "person_id" && !people.empty())) continue;
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(std::string(m.label(f)).c_str());
                ImGui::TableNextColumn();
                ImGui::SetNextItemWidth(-1);
                // Keyboard focus can only land in a text input (1.86): the first one gets it.
                const bool text_input = f.type != domain::FieldType::Bool && f.type != domain::FieldType::Enum &&
                                        f.key != "person_id";
                if (focus_first_ && text_input) {
                    ImGui::SetKeyboardFocusHere();
                    focus_first_ = false;
                }
                ImGui::PushID(static_cast<int>(i));
                if (f.key == "person_id") person_input(i, people, in);
                else submit |= input(m, f, i, in);
                ImGui::PopID();
                ImGui::TableNextColumn();
                if (!problems[i].empty()) {
                    ImGui::AlignTextToFramePadding();
                    wrapped_colored(problem_error_[i] ? colour::red : colour::amber, problems[i]);
                }
            }
            ImGui::EndTable();
        }
        for (const auto& o : others) wrapped_colored(colour::red, o);

        const bool blocked = !candidate || m.read_only() || pending_ != 0;
        ImGui::BeginDisabled(blocked);
        submit |= ImGui::Button(m.tr("form.save"), ImVec2(120, 0)) || ctrl_pressed('S');
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button(m.tr("form.cancel"), ImVec2(120, 0)) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
            if (dirty_) ImGui::OpenPopup("##discard");
            else close(in, true);
        }
        if (pending_) {
            ImGui::SameLine();
            muted_text(m.tr("form.saving"));
        }
        if (confirm_popup(m, "##discard", m.tr("form.discard_question"))) close(in, true);
        if (submit && !m.read_only() && pending_ == 0) {
            // Judge what is in the fields now: this frame's last keystrokes came after check().
            if (auto typed = check(m).record) pending_ = in.save(*typed);
        }
    }

private:
    struct Checked {
        std::optional<R> record;             // empty when some field cannot be read
        std::vector<std::string> problems;   // per field
        std::vector<std::string> others;     // whole-record findings
    };

    Checked check(const Model& m) {
        const auto& fields = domain::Entity<R>::fields();
        Checked c{*record_, std::vector<std::string>(fields.size()), {}};
        problem_error_.assign(fields.size(), true);
        bool readable = true;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            auto value = from_input(fields[i].type, buffers_[i]);
            if (!value || !fields[i].set(*c.record, *value)) {
                const auto why = input_problem(fields[i].type, buffers_[i]);
                c.problems[i] = buffers_[i].empty() ? m.tr("form.required")
                                : why.zh.empty()    ? m.tr("form.unreadable")
                                                    : m.text(why);
                readable = false;
            }
        }
        if (m.school) {
            auto issues = domain::validate(*c.record, *m.school);
            for (auto& issue : domain::validate_among(*c.record, *m.data)) issues.push_back(std::move(issue));
            for (const auto& issue : issues) {
                bool placed = false;
                for (std::size_t i = 0; i < fields.size(); ++i)
                    if (fields[i].key == issue.field && c.problems[i].empty()) {
                        c.problems[i] = m.text(issue.message);
                        problem_error_[i] = issue.severity == domain::Severity::Error;
                        placed = true;
                    }
                if (!placed) c.others.push_back(m.text(issue.message));
                readable &= issue.severity != domain::Severity::Error;
            }
        }
        // A date after today is kept but questioned (a mistyped year), beside its field.
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (fields[i].type != domain::FieldType::Date || !c.problems[i].empty()) continue;
            const auto date = domain::parse_date(to_input(fields[i].type, fields[i].get(*c.record)));
            if (!date) continue;
            if (auto warning = domain::future_date_warning(*date, local_today())) {
                c.problems[i] = m.text(*warning);
                problem_error_[i] = false;
            }
        }
        if (!readable) c.record.reset();
        return c;
    }

    bool input(const Model& m, const domain::Field<R>& f, std::size_t i, Intents& in) {
        auto [changed, enter] = field_input(m, f, buffers_[i], in);
        if (changed) keep_draft(in);
        return enter;
    }

    void person_input(std::size_t i, const std::vector<PersonChoice>& people, Intents& in) {
        std::string preview;
        for (const auto& p : people)
            if (std::to_string(p.person_id) == buffers_[i]) preview = p.name;
        if (ImGui::BeginCombo("##v", preview.c_str())) {
            for (const auto& p : people)
                if (ImGui::Selectable((p.name + "##" + std::to_string(p.person_id)).c_str(),
                                      std::to_string(p.person_id) == buffers_[i])) {
                    buffers_[i] = std::to_string(p.person_id);
                    keep_draft(in);
                }
            ImGui::EndCombo();
        }
    }

    void keep_draft(Intents& in) {
        dirty_ = true;
        nlohmann::json fields = nlohmann::json::object();
        const auto& all = domain::Entity<R>::fields();
        for (std::size_t i = 0; i < all.size(); ++i) fields[std::string(all[i].key)] = buffers_[i];
        in.save_draft(draft_key_, nlohmann::json{{"id", record_->id}, {"fields", fields}}.dump());
    }

    // A save this form asked for has come back: close on success, stay open on failure.
    void settle_pending(const Model& m, Intents& in) {
        if (!pending_ || m.tickets_done < pending_) return;
        const bool ok = !m.failed_tickets.contains(pending_);
        pending_ = 0;
        if (ok) {
            in.clear_draft(draft_key_);
            record_.reset();
            dirty_ = false;
        }
    }

    std::string draft_key_;
    std::set<std::string_view> hidden_;
    std::optional<R> record_;
    std::vector<std::string> buffers_;
    std::vector<bool> problem_error_;
    bool dirty_ = false;
    bool restored_ = false;
    bool checked_draft_ = false;
    bool focus_first_ = false;
    std::uint64_t pending_ = 0;
};

}  // namespace jh::ui
