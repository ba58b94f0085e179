// A record kind's whole workspace: toolbar (new, edit, delete with confirmation, history),
// the table and, beside it, the form. Keyboard: Ctrl+N new, Enter edit the selected row,
// Delete remove it (after confirming), Ctrl+S save, Esc leave the form. When the text is so
// large that the form's inputs would not keep their width beside the table, the form takes
// the whole width while it is open.
#pragma once
#include <cstdio>
#include <functional>
#include <set>

#include "ui/record_form.hpp"
#include "ui/record_table.hpp"

namespace jh::ui {

// Fills a new record's defaults from what the model knows (the school's stages …).
template <class R> using Prototype = std::function<void(R&, const Model&)>;

template <class R> class RecordPanel {
public:
    // `must_choose`: fields a new record leaves unset until chosen (see RecordForm).
    explicit RecordPanel(std::vector<std::string_view> columns,
                         std::set<std::string_view> hidden = {"id", "year", "person_id"}, Prototype<R> defaults = {},
                         std::set<std::string_view> must_choose = {})
        : table_(std::move(columns)),
          form_("form:" + std::string(domain::Entity<R>::table), std::move(hidden), std::move(must_choose)),
          defaults_(std::move(defaults)) {}

    bool has_unsaved_edits() const { return form_.dirty(); }
    // The test hook JUNHENG_FORM names this panel's table: its screen shows it (its tab) and it
    // opens a new record's form, once.
    bool asked_to_open(const Model& m) const { return !hook_done_ && m.open_form == domain::Entity<R>::table; }
    void close_forms(Intents& in, bool discard) { form_.close(in, discard); }
    // Words drawn under the form's buttons (how to enter an unusual case).
    void set_form_note(std::function<void(const Model&)> note) { form_.set_note(std::move(note)); }

    void Draw(const Model& m, Intents& in, const std::vector<PersonChoice>& people = {}) {
        const auto& rows = domain::records_of<R>(*m.data);
        R prototype{};
        if constexpr (requires { prototype.year; }) prototype.year = m.year;
        if (!people.empty()) {
            if constexpr (requires { prototype.person_id; }) prototype.person_id = people.front().person_id;
        }
        // A new record's required dates start as today (a training held, equipment bought today).
        for (const auto& f : domain::Entity<R>::fields())
            if (f.type == domain::FieldType::Date && !f.optional) f.set(prototype, domain::Value{domain::to_string(local_today())});
        if (defaults_ && m.school) defaults_(prototype, m);
        form_.restore_draft(m, rows, prototype, ImGui::GetFrameCount());
        if (asked_to_open(m)) {
            hook_done_ = true;
            if (!m.read_only() && !form_.open()) form_.start(m, prototype, true);
        }

        const R* selected = nullptr;
        for (const auto& r : rows)
            if (r.id == table_.selected()) selected = &r;
        const bool writable = !m.read_only();
        const bool form_has_focus = form_.open();

        // A kind the year holds one of (funds): once it exists, "new" edits it instead.
        const R* the_one = nullptr;
        if constexpr (domain::one_per_year<R>)
            if (!rows.empty()) the_one = &rows.front();
        ImGui::BeginDisabled(!writable);
        if (ImGui::Button(the_one ? m.tr("panel.edit_the_one") : m.tr("panel.new")) ||
            (writable && !form_has_focus && ctrl_pressed('N')))
            open_form(m, the_one ? *the_one : prototype, !the_one, in);
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(!selected);
        if (ImGui::Button(m.tr("panel.edit")) && selected) open_form(m, *selected, false, in);
        ImGui::SameLine();
        ImGui::BeginDisabled(!writable);
        if ((ImGui::Button(m.tr("panel.delete")) ||
             (!form_has_focus && !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete), false))) &&
            selected)
            ImGui::OpenPopup("##delete");
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button(m.tr("panel.history")) && selected) {
            in.load_history(std::string(domain::Entity<R>::table), selected->id);
            in.navigate("history");
        }
        ImGui::EndDisabled();
        if (selected && confirm_popup(m, "##delete", delete_question(m, *selected))) {
            in.remove<R>(selected->id);
            table_.select(0);
        }

        if (form_.has_kept_draft(m)) {   // left with Esc and "keep the draft"
            ImGui::AlignTextToFramePadding();
            ImGui::TextColored(colour::amber, "%s", m.tr("form.kept_draft"));
            ImGui::SameLine();
            if (ImGui::Button(m.tr("form.resume"))) form_.resume_draft(m, rows, prototype);
        }

        const ImVec2 avail = ImGui::GetContentRegionAvail();
        float form_width = 0;
        if (form_.open()) {
            form_width = std::max(avail.x * 0.5f, form_.wanted_width(m));
            if (avail.x - form_width < avail.x / 3) form_width = avail.x;   // a page of its own
        }
        const float table_width = avail.x - form_width - (form_width > 0 ? ImGui::GetStyle().ItemSpacing.x : 0);
        if (form_width < avail.x) {
            ImGui::BeginChild("##table", ImVec2(form_.open() ? table_width : avail.x, avail.y), false);
            if (table_.Draw(m, in, rows, people) && writable) {
                for (const auto& r : rows)
                    if (r.id == table_.selected()) open_form(m, r, false, in);
            }
            ImGui::EndChild();
            if (form_.open()) ImGui::SameLine();
        }
        if (form_.open()) {
            // The form does its own keyboard order (RecordForm), not ImGui's.
            ImGui::BeginChild("##form", ImVec2(form_width, avail.y), true, ImGuiWindowFlags_NoNavInputs);
            heading(form_.record_id() ? m.tr("panel.editing") : m.tr("panel.adding"));
            form_.Draw(m, in, people);
            ImGui::EndChild();
        }
    }

private:
    // A form opened on another record: the status bar's last message was about something else.
    void open_form(const Model& m, const R& record, bool is_new, Intents& in) {
        form_.start(m, record, is_new);
        in.clear_status();
    }

    // "删除班级“小学 3 年级 2 班”？…": the record named, so the wrong row is not removed.
    static std::string delete_question(const Model& m, const R& record) {
        char buf[512];
        std::snprintf(buf, sizeof buf, m.tr("panel.delete_named"), m.text(domain::describe_record(record)).c_str());
        return buf;
    }

    RecordTable<R> table_;
    RecordForm<R> form_;
    Prototype<R> defaults_;
    bool hook_done_ = false;
};

}  // namespace jh::ui
