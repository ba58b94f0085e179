// School years (学年): every year held, its status; start the next year from the latest one
// (staff, buildings, rooms, grounds and equipment carry over, pupils need re-confirming);
// submit a year, after which it is read-only; each year's yes/no answers for Q3 (school
// charter, digitised management and teaching).
#include "domain/school_year.hpp"
#include "ui/screens/screen.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {
namespace {

// A yes/no fact that may be unanswered: 未填报 / 是 / 否. Returns true when the choice changed.
bool fact_combo(const Model& m, const char* id, std::optional<bool>& value) {
    const char* labels[] = {m.tr("common.unset"), m.tr("common.yes"), m.tr("common.no")};
    int index = !value ? 0 : *value ? 1 : 2;
    ImGui::SetNextItemWidth(ImGui::CalcTextSize(labels[0]).x + ImGui::GetFrameHeight() * 2);
    if (!ImGui::Combo(id, &index, labels, 3)) return false;
    value = index == 0 ? std::nullopt : std::optional<bool>(index == 1);
    return true;
}

struct YearsScreen final : Screen {
    int to_submit = 0;

    std::string_view id() const override { return "years"; }
    const char* title(const Model& m) const override { return m.tr("nav.years"); }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.years"));
        muted_text(m.tr("years.hint"));
        muted_text(m.tr("years.facts_hint"));
        // Columns as wide as their header and answers need; a narrow window (large text) scrolls
        // the table sideways rather than squeezing a column under its header.
        const ImGuiStyle& style = ImGui::GetStyle();
        const float height = static_cast<float>(m.years.size() + 1) * (ImGui::GetFrameHeight() + style.CellPadding.y * 2) +
                             style.ScrollbarSize + style.ItemSpacing.y;
        if (ImGui::BeginTable("##years", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollX |
                                                ImGuiTableFlags_SizingFixedFit, ImVec2(0, height))) {
            ImGui::TableSetupColumn(m.tr("years.year"));
            ImGui::TableSetupColumn(m.tr("years.status"));
            ImGui::TableSetupColumn(m.tr("years.pupils_confirmed"));
            ImGui::TableSetupColumn(m.tr("years.charter"));
            ImGui::TableSetupColumn(m.tr("years.digitised"));
            ImGui::TableSetupColumn("");
            ImGui::TableHeadersRow();
            for (const auto& y : m.years) {
                ImGui::PushID(y.year);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(m.school_year_span(y.year).c_str());
                ImGui::TableNextColumn();
                const bool submitted = y.status == domain::YearStatus::Submitted;
                ImGui::TextColored(submitted ? colour::green : colour::muted, "%s",
                                   std::string(m.label(domain::label(y.status))).c_str());
                if (y.submitted_at) {
                    ImGui::SameLine();
                    ImGui::TextColored(colour::muted, "%s", y.submitted_at->c_str());
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(y.pupils_confirmed ? m.tr("common.yes") : m.tr("common.no"));
                auto charter = y.charter, digitised = y.digitised;
                const auto answer = [&](const std::optional<bool>& v) { return !v ? m.tr("common.unset") : *v ? m.tr("common.yes") : m.tr("common.no"); };
                ImGui::TableNextColumn();
                const bool changed = submitted ? (ImGui::TextUnformatted(answer(charter)), false) : fact_combo(m, "##charter", charter);
                ImGui::TableNextColumn();
                const bool changed2 = submitted ? (ImGui::TextUnformatted(answer(digitised)), false) : fact_combo(m, "##digitised", digitised);
                if (changed || changed2) in.set_year_facts(y.year, charter, digitised);
                ImGui::TableNextColumn();
                if (y.year != m.year && ImGui::SmallButton(m.tr("years.open"))) in.open_year(y.year);
                if (!submitted) {
                    ImGui::SameLine();
                    if (ImGui::SmallButton(m.tr("years.submit"))) {
                        to_submit = y.year;
                        ImGui::OpenPopup("##submit");
                    }
                }
                if (to_submit == y.year && confirm_popup(m, "##submit", m.tr("years.submit_question")))
                    in.submit_year(y.year);
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        if (!m.years.empty()) {
            const int latest = m.years.back().year > m.years.front().year ? m.years.back().year : m.years.front().year;
            char label[128];
            std::snprintf(label, sizeof label, m.tr("years.start_next"), m.school_year_span(latest + 1).c_str());
            if (ImGui::Button(label)) ImGui::OpenPopup("##new_year");
            char question[256];
            std::snprintf(question, sizeof question, m.tr("years.start_question"), latest, latest + 1);
            if (confirm_popup(m, "##new_year", question)) in.start_year(latest, latest + 1);
        }
    }
};

}  // namespace

std::unique_ptr<Screen> make_years_screen() { return std::make_unique<YearsScreen>(); }

}  // namespace jh::ui
