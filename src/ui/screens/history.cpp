// Record history (修改记录): a record's changes from the audit log — who, when, which fields
// from what to what. Opened from any table's "history" button.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/fields.hpp"

#include "ui/record_names.hpp"
#include "ui/screens/screen.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {
namespace {

// A stored value as people read it: enums by label, yes/no, numbers without noise.
template <class R> std::string shown(const domain::Field<R>& field, const nlohmann::json& v) {
    domain::Value value;
    if (v.is_string()) value = v.get<std::string>();
    else if (v.is_number_integer()) value = v.get<std::int64_t>();
    else if (v.is_number()) value = v.get<double>();
    else if (v.is_boolean()) value = std::int64_t{v.get<bool>() ? 1 : 0};
    return v.is_null() ? "—" : domain::display(field, value);
}

// One changed field as "label: old → new", in the interface's language; keys the program does
// not know (an entry written by a newer version) are shown as they are.
std::string change_line(const Model& m, std::string_view table, const std::string& key, const nlohmann::json* before,
                        const nlohmann::json* after) {
    auto raw = [](const nlohmann::json* v) { return !v ? std::string("—") : v->is_string() ? v->get<std::string>() : v->dump(); };
    std::string line = key + ": " + raw(before) + " → " + raw(after);
    with_kind(table, [&](auto tag) {
        if (const auto* f = domain::find_field<decltype(tag)>(key))
            line = std::string(m.label(*f)) + ": " + (before ? shown(*f, *before) : "—") + " → " + (after ? shown(*f, *after) : "—");
    });
    return line;
}

// The fields that differ between an entry's old and new record, in the order the record's
// form shows them (then any key this version does not know).
std::vector<std::string> changed_fields(const Model& m, std::string_view table, const std::string& old_json,
                                        const std::string& new_json) {
    auto parse = [](const std::string& s) {
        auto j = s.empty() ? nlohmann::json::object() : nlohmann::json::parse(s, nullptr, false);
        return j.is_object() ? j : nlohmann::json::object();
    };
    const auto before = parse(old_json), after = parse(new_json);
    std::vector<std::string> keys;
    with_kind(table, [&](auto tag) {
        for (const auto& f : domain::Entity<decltype(tag)>::fields()) keys.emplace_back(f.key);
    });
    for (const auto* side : {&after, &before})
        for (const auto& [key, value] : side->items())
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    std::vector<std::string> lines;
    for (const auto& key : keys) {
        const nlohmann::json* old_value = before.contains(key) ? &before[key] : nullptr;
        const nlohmann::json* new_value = after.contains(key) ? &after[key] : nullptr;
        if ((!old_value && !new_value) || (old_value && new_value && *old_value == *new_value)) continue;
        lines.push_back(change_line(m, table, key, old_value, new_value));
    }
    return lines;
}

struct HistoryScreen final : Screen {
    std::string_view id() const override { return "history"; }
    const char* title(const Model& m) const override { return m.tr("nav.history"); }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.history"));
        if (!m.history) {
            muted_text(m.tr("history.pick"));
            return;
        }
        ImGui::TextUnformatted(record_title(m, *m.history).c_str());
        if (m.history->entries.empty()) muted_text(m.tr("history.none"));
        if (!ImGui::BeginTable("##audit", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY))
            return;
        ImGui::TableSetupColumn(m.tr("history.when"), ImGuiTableColumnFlags_WidthFixed, 200);
        ImGui::TableSetupColumn(m.tr("history.who"), ImGuiTableColumnFlags_WidthFixed, 120);
        ImGui::TableSetupColumn(m.tr("history.action"), ImGuiTableColumnFlags_WidthFixed, 80);
        ImGui::TableSetupColumn(m.tr("history.changes"));
        ImGui::TableHeadersRow();
        for (auto it = m.history->entries.rbegin(); it != m.history->entries.rend(); ++it) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(local_time(it->at).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(it->operator_name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(it->action == "insert"   ? m.tr("history.insert")
                                   : it->action == "delete" ? m.tr("history.delete")
                                                            : m.tr("history.update"));
            ImGui::TableNextColumn();
            for (const auto& line : changed_fields(m, m.history->table, it->old_json, it->new_json)) {
                in.need_glyphs(line);   // old values may hold characters the atlas has not met yet
                ImGui::TextWrapped("%s", line.c_str());
            }
        }
        ImGui::EndTable();
    }
};

}  // namespace

std::unique_ptr<Screen> make_history_screen() { return std::make_unique<HistoryScreen>(); }

}  // namespace jh::ui
