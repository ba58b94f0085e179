// The editor of one record, generated from its field descriptors (domain/fields.hpp): one
// input per field in the field's own kind, the domain's validation message under each field
// as the user types (on a line kept for it, so nothing moves while typing), every keystroke
// kept as a draft in the database (restored after a crash or a power cut), Enter or Ctrl+S to
// save (on a form that cannot be saved yet, the keyboard goes to the first field in the way),
// Esc to leave (asking first when something was typed).
//
// Keyboard: ImGui 1.86 tabs only between text inputs, so the form does its own Tab order over
// every field; a choice (list, yes/no) with the keyboard changes with the arrow keys, opens
// its list with Space, a tick box toggles with Space.
//
// A new record's fields that feed a verdict start unset (`must_choose`): a default there would
// pass for data (a teacher counted as certified because nobody unticked the box). Unset is the
// form's state, kept in its draft; the record is not saved until each has a value.
#pragma once
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <charconv>
#include <cstdlib>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
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
using domain::local_today;   // domain/date.hpp
// Typing into a number or date field: a full-width character becomes its ASCII form as it is
// typed (an ImGui character filter), instead of being dropped.
int halfwidth_filter(ImGuiInputTextCallbackData* data);
// Typing into a digits-only field (a PIN, a year): full-width digits become ASCII; any other
// character is refused and noted in the std::string UserData points to, for refused_note().
int digits_filter(ImGuiInputTextCallbackData* data);
// "已忽略“x”：此处只能填数字" for a character digits_filter refused; empty when none.
std::string refused_note(const Model& m, const std::string& refused);

// A form's draft as stored: the record's id, each field's text and the fields not chosen yet.
std::string encode_draft(domain::Id id, const std::vector<std::string_view>& keys, const std::vector<std::string>& buffers,
                         const std::vector<bool>& unset);
struct DecodedDraft {
    domain::Id id = 0;
    std::vector<std::optional<std::string>> buffers;   // per key; nullopt: not in the draft
    std::vector<bool> unset;                           // per key (drafts older than this: none)
};
std::optional<DecodedDraft> decode_draft(const std::string& stored, const std::vector<std::string_view>& keys);

// The field Tab (or Shift+Tab) moves to from `from` (-1: none yet) among the shown ones,
// wrapping at either end; -1 when none is shown.
int next_field(const std::vector<bool>& shown, int from, bool backwards);
// Where an arrow key moves a choice among `count` options from `at` (-1: nothing chosen yet):
// down from nothing is the first, up from nothing the last; stops at either end.
int step_choice(int at, int count, bool up);

// The narrowest a form's text input or list may be at the current text size: a date or a
// choice's label with its arrow stays readable.
float min_input_width();

// What the last frame drew of each open form, for the state dump (JUNHENG_STATE_OUT).
struct FormLayout {
    std::string table;
    int frame = 0;
    float width = 0;              // the form's
    float narrowest_input = 0;    // of its text inputs and lists
    int inputs = 0;
    std::vector<float> rows_y;    // each shown field's input, in window coordinates
    std::string focus;            // the field with the keyboard, if any
    std::vector<std::string> unset;
    int messages = 0;             // fields showing a message
    bool asking = false;          // the leave question is open
};
void report_form(FormLayout layout);
std::vector<FormLayout> forms_drawn_last_frame();

// One field's input in its own kind: checkbox, list of labels, or text (numbers and dates
// as text, read back by from_input). Returns {changed, Enter pressed}. `unset`: the field has
// no value chosen yet (a list shows none selected, a yes/no field neither answer); choosing
// clears it. `yes_no`: a bool shown as two answers rather than a tick box, so that "not
// chosen" can be seen.
struct InputResult {
    bool changed = false;
    bool enter = false;
};
std::string choice_preview(const Model& m, bool unset, bool optional, const std::string& label);
template <class R>
InputResult field_input(const Model& m, const domain::Field<R>& f, std::string& buf, Intents& in, bool* unset = nullptr,
                        bool yes_no = false) {
    InputResult r;
    const bool none_chosen = unset && *unset;
    const auto choose = [&](std::string value) {
        buf = std::move(value);
        if (unset) *unset = false;
        r.changed = true;
    };
    switch (f.type) {
        case domain::FieldType::Bool: {
            if (yes_no) {
                ImGui::BeginGroup();
                if (ImGui::RadioButton(m.tr("common.yes"), !none_chosen && buf == "1")) choose("1");
                ImGui::SameLine();
                if (ImGui::RadioButton(m.tr("common.no"), !none_chosen && buf == "0")) choose("0");
                ImGui::EndGroup();
                break;
            }
            bool v = buf == "1";
            if (ImGui::Checkbox("##v", &v)) choose(v ? "1" : "0");
            break;
        }
        case domain::FieldType::Enum: {
            std::string label;
            for (const auto& l : f.enum_labels)
                if (l.code == buf) label = m.label(l);
            if (ImGui::BeginCombo("##v", choice_preview(m, none_chosen, f.optional, label).c_str())) {
                if (f.optional && ImGui::Selectable(m.tr("form.none"), !none_chosen && buf.empty())) choose("");
                if (!none_chosen && buf.empty()) ImGui::SetItemDefaultFocus();
                for (const auto& l : f.enum_labels) {
                    const bool selected = !none_chosen && l.code == buf;
                    if (ImGui::Selectable(std::string(m.label(l)).c_str(), selected)) choose(std::string(l.code));
                    if (selected) ImGui::SetItemDefaultFocus();
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
            // Esc in ImGui's text input puts back what the field held when it was entered; here
            // Esc means leaving the form (which asks first), never silently dropping the typing.
            if (ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) buf = before;
            r.changed = buf != before;
            if (r.changed) {
                in.need_glyphs(buf);
                if (unset) *unset = false;
            }
        }
    }
    return r;
}

template <class R> class RecordForm {
public:
    // `draft_key`: where the draft lives in the store; `hidden`: fields the system fills;
    // `must_choose`: fields a new record leaves unset until the user gives them a value.
    RecordForm(std::string draft_key, std::set<std::string_view> hidden, std::set<std::string_view> must_choose = {})
        : draft_key_(std::move(draft_key)), hidden_(std::move(hidden)), must_choose_(std::move(must_choose)) {}

    void set_note(std::function<void(const Model&)> note) { note_ = std::move(note); }
    bool open() const { return record_.has_value(); }
    bool dirty() const { return open() && dirty_; }
    domain::Id record_id() const { return record_ ? record_->id : 0; }
    // A draft is kept in the store while the form is closed (left with Esc, "keep the draft").
    bool has_kept_draft(const Model& m) const { return !open() && m.drafts.contains(draft_key_); }

    // Opens `record`; `fresh`: a new one, whose must-choose fields start unset. The draft kept
    // for this same record (left with "keep the draft") comes back instead.
    void start(const Model& m, const R& record, bool fresh) {
        if (auto it = m.drafts.find(draft_key_); it != m.drafts.end())
            if (auto d = decode_draft(it->second, keys()); d && d->id == record.id) {
                restore(*d, record);
                return;
            }
        begin(record);
        if (fresh)
            for (std::size_t i = 0; i < fields().size(); ++i)
                if (must_choose_.contains(fields()[i].key)) {
                    unset_[i] = true;
                    buffers_[i].clear();
                }
    }

    // A draft left by a previous session (or a crash, or kept when leaving the screen): reopened
    // once, on the first frame the form is shown (again). `frame`: this frame's number; a draft
    // kept while the form stays in view (Esc, "keep the draft") waits for "continue" instead.
    void restore_draft(const Model& m, const std::vector<R>& records, const R& prototype, int frame) {
        if (offer_on_return_ && frame > last_frame_ + 1) {
            offer_on_return_ = false;
            checked_draft_ = false;
        }
        last_frame_ = frame;
        if (checked_draft_) return;
        checked_draft_ = true;
        resume_draft(m, records, prototype);
    }

    // Reopens the kept draft now (the "continue editing" button).
    void resume_draft(const Model& m, const std::vector<R>& records, const R& prototype) {
        auto it = m.drafts.find(draft_key_);
        if (it == m.drafts.end()) return;
        auto d = decode_draft(it->second, keys());
        if (!d) return;
        offer_on_return_ = false;
        R base = prototype;
        for (const auto& r : records)
            if (r.id == d->id) base = r;
        restore(*d, base);
    }

    void close(Intents& in, bool discard) {
        if (discard && dirty_) in.clear_draft(draft_key_);
        // Kept edits are offered back when the form is next shown (not those of a save on its way).
        if (open()) offer_on_return_ = !discard && dirty_ && !pending_;
        record_.reset();
        dirty_ = false;
        focus_ = -1;
    }

    // The width the form needs: its labels and inputs of at least min_input_width().
    float wanted_width(const Model& m) const {
        const ImGuiStyle& style = ImGui::GetStyle();
        return label_width(m) + min_input_width() + style.CellPadding.x * 4 + style.WindowPadding.x * 2 + style.ScrollbarSize;
    }

    // Draws the fields and buttons. `people` fills the person picker of training records.
    void Draw(const Model& m, Intents& in, const std::vector<PersonChoice>& people = {}) {
        if (!open()) return;
        settle_pending(m, in);
        if (!open()) return;
        const auto& all = fields();
        std::vector<bool> shown(all.size());
        for (std::size_t i = 0; i < all.size(); ++i) shown[i] = visible(all[i], people);
        const bool keys_here = ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows) && !popup_last_frame_;
        bool submit = false;
        if (keys_here) submit |= keyboard(m, in, shown, people);   // before check(): its messages follow the keys

        auto [candidate, problems, others] = check(m);
        for (const auto& p : problems) in.need_glyphs(p);   // the domain's messages, as they appear
        for (const auto& o : others) in.need_glyphs(o);

        FormLayout layout;
        layout.table = domain::Entity<R>::table;
        layout.frame = ImGui::GetFrameCount();
        layout.width = ImGui::GetWindowWidth();
        if (restored_) wrapped_colored(colour::amber, m.tr("form.restored"));
        if (m.read_only()) wrapped_colored(colour::amber, m.tr("form.read_only"));
        if (ImGui::BeginTable("##fields", 2, ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed,
                                    std::min(label_width(m), ImGui::GetContentRegionAvail().x * 0.4f));
            ImGui::TableSetupColumn("input", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            for (std::size_t i = 0; i < all.size(); ++i) {
                if (!shown[i]) continue;
                const auto& f = all[i];
                const int index = static_cast<int>(i);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextUnformatted(std::string(m.label(f)).c_str());
                ImGui::PopTextWrapPos();
                ImGui::TableNextColumn();
                ImGui::SetNextItemWidth(-FLT_MIN);
                if (focus_first_ && is_text(f)) {   // a form opens with the keyboard in its first text input
                    focus_request_ = index;
                    focus_first_ = false;
                }
                if (focus_request_ == index) {
                    if (is_text(f)) ImGui::SetKeyboardFocusHere();
                    else ImGui::ClearActiveID();   // the keys leave the text input they were in
                    focus_ = index;
                }
                ImGui::PushID(index);
                if (open_list_ == index) {   // BeginCombo's own popup id (1.86 has no call for it)
                    ImGui::OpenPopupEx(ImHashStr("##ComboPopup", 0, ImGui::GetID("##v")));
                    open_list_ = -1;
                }
                if (f.key == "person_id") person_input(m, i, people, in);
                else submit |= input(m, f, i, in);
                ImGui::PopID();
                if (ImGui::IsItemActive() || ImGui::IsItemActivated()) focus_ = index;
                if (focus_request_ == index) {
                    if (!is_text(f)) ImGui::SetScrollHereY(0.5f);
                    focus_request_ = -1;
                }
                const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
                layout.rows_y.push_back(lo.y - ImGui::GetWindowPos().y + ImGui::GetScrollY());
                if (f.type != domain::FieldType::Bool) {
                    layout.narrowest_input = layout.inputs ? std::min(layout.narrowest_input, hi.x - lo.x) : hi.x - lo.x;
                    ++layout.inputs;
                }
                if (focus_ == index && !is_text(f) && keys_here)   // the keyboard's place, as ImGui marks it
                    ImGui::GetWindowDrawList()->AddRect(ImVec2(lo.x - 2, lo.y - 2), ImVec2(hi.x + 2, hi.y + 2),
                                                        ImGui::GetColorU32(ImGuiCol_NavHighlight), 2.0f, 0, 2.0f);
                message_line(problems[i], problem_error_[i]);
                layout.messages += !problems[i].empty();
                if (unset_[i]) layout.unset.emplace_back(f.key);
            }
            ImGui::EndTable();
        }
        if (focus_ >= 0) layout.focus = std::string(all[static_cast<std::size_t>(focus_)].key);
        for (const auto& o : others) wrapped_colored(colour::red, o);

        const bool blocked = !candidate || m.read_only() || pending_ != 0;
        const float button = ImGui::CalcTextSize(m.tr("form.save")).x + ImGui::GetStyle().FramePadding.x * 2;
        ImGui::BeginDisabled(blocked);
        submit |= ImGui::Button(m.tr("form.save"), ImVec2(std::max(120.0f, button), 0));
        ImGui::EndDisabled();
        submit |= ctrl_pressed('S');
        ImGui::SameLine();
        const bool esc = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) && !popup_last_frame_;
        if (ImGui::Button(m.tr("form.cancel")) || esc) {
            if (dirty_) ImGui::OpenPopup("##leave");
            else close(in, true);
        }
        if (pending_) {
            ImGui::SameLine();
            muted_text(m.tr("form.saving"));
        }
        if (note_) {
            ImGui::Spacing();
            note_(m);
        }
        switch (leave_question(m, "##leave")) {
            case LeaveAnswer::Keep: close(in, false); break;
            case LeaveAnswer::Discard: close(in, true); break;
            default: break;
        }
        popup_last_frame_ = ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
        layout.asking = ImGui::IsPopupOpen("##leave");
        if (open() && submit && !m.read_only() && pending_ == 0) {
            // Judge what is in the fields now: this frame's last keystrokes came after check().
            const auto now = check(m);
            if (now.record) pending_ = in.save(*now.record);
            else focus_request_ = first_problem(now.problems);
        }
        report_form(std::move(layout));
    }

private:
    struct Checked {
        std::optional<R> record;             // empty when some field cannot be read
        std::vector<std::string> problems;   // per field
        std::vector<std::string> others;     // whole-record findings
    };

    static const std::vector<domain::Field<R>>& fields() { return domain::Entity<R>::fields(); }
    static std::vector<std::string_view> keys() {
        std::vector<std::string_view> k;
        for (const auto& f : fields()) k.push_back(f.key);
        return k;
    }
    static bool is_text(const domain::Field<R>& f) {
        return f.type != domain::FieldType::Bool && f.type != domain::FieldType::Enum && f.key != "person_id";
    }
    bool visible(const domain::Field<R>& f, const std::vector<PersonChoice>& people) const {
        return !hidden_.contains(f.key) || (f.key == "person_id" && !people.empty());
    }
    bool yes_no(const domain::Field<R>& f) const { return must_choose_.contains(f.key); }

    float label_width(const Model& m) const {
        float widest = 0;
        for (const auto& f : fields())
            if (!hidden_.contains(f.key) || f.key == "person_id")
                widest = std::max(widest, ImGui::CalcTextSize(std::string(m.label(f)).c_str()).x);
        return widest + ImGui::GetStyle().CellPadding.x * 2;
    }

    void begin(const R& record) {
        record_ = record;
        buffers_.clear();
        for (const auto& f : fields()) buffers_.push_back(to_input(f.type, f.get(record)));
        unset_.assign(fields().size(), false);
        dirty_ = false;
        restored_ = false;
        pending_ = 0;
        focus_first_ = true;
        focus_ = focus_request_ = open_list_ = -1;
    }

    void restore(const DecodedDraft& d, const R& base) {
        begin(base);
        for (std::size_t i = 0; i < buffers_.size(); ++i) {
            if (d.buffers[i]) buffers_[i] = *d.buffers[i];
            unset_[i] = d.unset[i];
        }
        dirty_ = true;
        restored_ = true;
    }

    // The message under a field, on a line always kept for it: one line, cut with "…" (whole
    // as a tooltip), so a message appearing or growing never moves the fields below.
    static void message_line(const std::string& text, bool error) {
        if (text.empty()) {
            ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));
            return;
        }
        const float room = ImGui::GetContentRegionAvail().x;
        const std::string line = ellipsized(text, room, [](std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; });
        ImGui::TextColored(error ? colour::red : colour::amber, "%s", line.c_str());
        if (line != text && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
    }

    Checked check(const Model& m) {
        const auto& all = fields();
        Checked c{*record_, std::vector<std::string>(all.size()), {}};
        problem_error_.assign(all.size(), true);
        bool readable = true;
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (unset_[i]) {
                c.problems[i] = is_text(all[i]) ? m.tr("form.required") : m.tr("form.choose");
                readable = false;
                continue;
            }
            auto value = from_input(all[i].type, buffers_[i]);
            if (!value || !all[i].set(*c.record, *value)) {
                const auto why = input_problem(all[i].type, buffers_[i]);
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
                for (std::size_t i = 0; i < all.size(); ++i)
                    if (all[i].key == issue.field && c.problems[i].empty()) {
                        c.problems[i] = m.text(issue.message);
                        problem_error_[i] = issue.severity == domain::Severity::Error;
                        placed = true;
                    }
                if (!placed) c.others.push_back(m.text(issue.message));
                readable &= issue.severity != domain::Severity::Error;
            }
        }
        // A date after today is kept but questioned (a mistyped year), beside its field.
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (all[i].type != domain::FieldType::Date || !c.problems[i].empty() || unset_[i]) continue;
            const auto date = domain::parse_date(to_input(all[i].type, all[i].get(*c.record)));
            if (!date) continue;
            if (auto warning = domain::future_date_warning(*date, local_today())) {
                c.problems[i] = m.text(*warning);
                problem_error_[i] = false;
            }
        }
        if (!readable) c.record.reset();
        return c;
    }

    // The first field that keeps the record from being saved (-1: none is a field's own).
    int first_problem(const std::vector<std::string>& problems) const {
        for (std::size_t i = 0; i < problems.size(); ++i)
            if (!problems[i].empty() && problem_error_[i] && !hidden_.contains(fields()[i].key)) return static_cast<int>(i);
        for (std::size_t i = 0; i < problems.size(); ++i)
            if (!problems[i].empty() && problem_error_[i]) return static_cast<int>(i);
        return -1;
    }

    // Tab order over every field, and the keys of a choice holding the keyboard. True: save asked.
    bool keyboard(const Model& m, Intents& in, const std::vector<bool>& shown, const std::vector<PersonChoice>& people) {
        const auto& all = fields();
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab)) && !ImGui::GetIO().KeyCtrl) {
            const int to = next_field(shown, focus_, ImGui::GetIO().KeyShift);
            if (to >= 0) {
                focus_request_ = to;
                focus_first_ = false;
            }
            return false;
        }
        if (focus_ < 0) return false;
        const auto i = static_cast<std::size_t>(focus_);
        const auto& f = all[i];
        if (is_text(f) || m.read_only()) return false;
        const auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); };
        if (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) return true;
        // The values the arrows step through, in the order the list shows them.
        std::vector<std::string> options;
        if (f.key == "person_id") {
            for (const auto& p : people) options.push_back(std::to_string(p.person_id));
        } else if (f.type == domain::FieldType::Bool) {
            options = {"1", "0"};
        } else {
            if (f.optional) options.emplace_back();
            for (const auto& l : f.enum_labels) options.emplace_back(l.code);
        }
        int at = -1;
        if (!unset_[i])
            for (std::size_t k = 0; k < options.size(); ++k)
                if (options[k] == buffers_[i]) at = static_cast<int>(k);
        const bool up = pressed(ImGuiKey_UpArrow) || pressed(ImGuiKey_LeftArrow);
        const bool down = pressed(ImGuiKey_DownArrow) || pressed(ImGuiKey_RightArrow);
        const bool space = pressed(ImGuiKey_Space);
        int to = at;
        if (f.type == domain::FieldType::Bool) {   // 是 on the left, 否 on the right
            if (up) to = 0;
            if (down) to = 1;
            if (space) to = at == 0 ? 1 : 0;
        } else if (up || down) to = step_choice(at, static_cast<int>(options.size()), up);
        else if (space) open_list_ = focus_;   // the list itself, as a click opens it
        if (to >= 0 && (to != at || unset_[i])) {
            buffers_[i] = options[static_cast<std::size_t>(to)];
            unset_[i] = false;
            keep_draft(in);
        }
        return false;
    }

    bool input(const Model& m, const domain::Field<R>& f, std::size_t i, Intents& in) {
        bool unset = unset_[i];
        auto [changed, enter] = field_input(m, f, buffers_[i], in, &unset, yes_no(f));
        unset_[i] = unset;
        if (changed) keep_draft(in);
        return enter;
    }

    void person_input(const Model& m, std::size_t i, const std::vector<PersonChoice>& people, Intents& in) {
        std::string name;
        for (const auto& p : people)
            if (std::to_string(p.person_id) == buffers_[i]) name = p.name;
        if (ImGui::BeginCombo("##v", choice_preview(m, unset_[i], false, name).c_str())) {
            for (const auto& p : people) {
                const bool selected = !unset_[i] && std::to_string(p.person_id) == buffers_[i];
                if (ImGui::Selectable((p.name + "##" + std::to_string(p.person_id)).c_str(), selected)) {
                    buffers_[i] = std::to_string(p.person_id);
                    unset_[i] = false;
                    keep_draft(in);
                }
                if (selected) ImGui::SetItemDefaultFocus();
            }
            ImGui::EndCombo();
        }
    }

    void keep_draft(Intents& in) {
        dirty_ = true;
        in.save_draft(draft_key_, encode_draft(record_->id, keys(), buffers_, unset_));
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
            focus_ = -1;
        }
    }

    std::string draft_key_;
    std::set<std::string_view> hidden_;
    std::set<std::string_view> must_choose_;
    std::optional<R> record_;
    std::vector<std::string> buffers_;
    std::vector<bool> unset_;
    std::vector<bool> problem_error_;
    bool dirty_ = false;
    bool restored_ = false;
    bool checked_draft_ = false;
    bool offer_on_return_ = false;   // a draft kept on leaving: reopen it when the form is shown again
    int last_frame_ = -10;           // the frame the form's panel was last drawn
    bool focus_first_ = false;
    int focus_ = -1;                 // the field holding the keyboard
    int focus_request_ = -1;         // the field to give it to on this frame
    int open_list_ = -1;             // the list to open on this frame (Space)
    bool popup_last_frame_ = false;  // a list or question was open: its Esc and keys were its own
    std::uint64_t pending_ = 0;
    std::function<void(const Model&)> note_;
};

}  // namespace jh::ui
