// Record history (修改记录): a record's changes from the audit log — who, when, which fields
// from what to what. Opened from any table's "history" button.
#include <nlohmann/json.hpp>

#include "ui/screens/screen.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {
namespace {

// "field: old → new" for each field that differs between two JSON objects.
std::vector<std::string> changed_fields(const std::string& old_json, const std::string& new_json) {
    auto parse = [](const std::string& s) {
        auto j = s.empty() ? nlohmann::json::object() : nlohmann::json::parse(s, nullptr, false);
        return j.is_object() ? j : nlohmann::json::object();
    };
    const auto before = parse(old_json), after = parse(new_json);
    std::vector<std::string> lines;
    auto text = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
    for (const auto& [key, value] : after.items())
        if (!before.contains(key) || before[key] != value)
            lines.push_back(key + ": " + (before.contains(key) ? text(before[key]) : "—") + " → " + text(value));
    for (const auto& [key, value] : before.items())
        if (!after.contains(key)) lines.push_back(key + ": " + text(value) + " → —");
    return lines;
}

struct HistoryScreen final : Screen {
    std::string_view id() const override { return "history"; }
    const char* title(const Model& m) const override { return m.tr("nav.history"); }

    void Draw(const Model& m, Intents&) override {
        heading(m.tr("nav.history"));
        if (!m.history) {
            muted_text(m.tr("history.pick"));
            return;
        }
        ImGui::Text(m.tr("history.of"), m.history->table.c_str(), static_cast<long long>(m.history->record_id));
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
            ImGui::TextUnformatted(it->at.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(it->operator_name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(it->action == "insert"   ? m.tr("history.insert")
                                   : it->action == "delete" ? m.tr("history.delete")
                                                            : m.tr("history.update"));
            ImGui::TableNextColumn();
            for (const auto& line : changed_fields(it->old_json, it->new_json)) ImGui::TextWrapped("%s", line.c_str());
        }
        ImGui::EndTable();
    }
};

}  // namespace

std::unique_ptr<Screen> make_history_screen() { return std::make_unique<HistoryScreen>(); }

}  // namespace jh::ui
