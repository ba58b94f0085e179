// A record kind's whole workspace: toolbar (new, edit, delete with confirmation, history),
// the table and, beside it, the form. Keyboard: Ctrl+N new, Enter edit the selected row,
// Delete remove it (after confirming), Ctrl+S save, Esc leave the form.
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
    explicit RecordPanel(std::vector<std::string_view> columns,
                         std::set<std::string_view> hidden = {"id", "year", "person_id"}, Prototype<R> defaults = {})
        : table_(std::move(columns)),
          form_("form:" + std::string(domain::Entity<R>::table), std::move(hidden)),
          defaults_(std::move(defaults)) {}

    bool has_unsaved_edits() const { return form_.dirty(); }
    void close_forms(Intents& in, bool discard) { form_.close(in, discard); }

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
        form_.restore_draft(m, rows, prototype);

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
            open_form(the_one ? *the_one : prototype, in);
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(!selected);
        if (ImGui::Button(m.tr("panel.edit")) && selected) open_form(*selected, in);
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

        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const float table_width = form_.open() ? avail.x * 0.5f : avail.x;
        ImGui::BeginChild("##table", ImVec2(table_width, avail.y), false);
        if (table_.Draw(m, in, rows, people) && writable) {
            for (const auto& r : rows)
                if (r.id == table_.selected()) open_form(r, in);
        }
        ImGui::EndChild();
        if (form_.open()) {
            ImGui::SameLine();
            ImGui::BeginChild("##form", ImVec2(0, avail.y), true);
            heading(form_.record_id() ? m.tr("panel.editing") : m.tr("panel.adding"));
            form_.Draw(m, in, people);
            ImGui::EndChild();
        }
    }

private:
    // A form opened on another record: the status bar's last message was about something else.
    void open_form(const R& record, Intents& in) {
        form_.start(record);
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
};

}  // namespace jh::ui
