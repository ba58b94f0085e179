// Buildings and rooms (校舍与功能教室): floor areas by use (indicator R4 counts teaching and
// auxiliary rooms), safety grades, and the rooms behind R7 and item G3 (music, art rooms).
#include "ui/record_panel.hpp"
#include "ui/screens/screen.hpp"

namespace jh::ui {
namespace {

struct BuildingsScreen final : Screen {
    // A new record's use, safety grade and kind are asked, never assumed: a default left alone
    // would count (R4's teaching rooms, R7's multimedia rooms, C-grade renovation).
    RecordPanel<domain::Building> buildings{{"name", "use", "area", "safety", "built_year", "stage"}, {"id", "year", "person_id"}, {}, {"use", "safety"}};
    RecordPanel<domain::Room> rooms{{"kind", "name", "area", "stage"}, {"id", "year", "person_id"}, {}, {"kind"}};

    std::string_view id() const override { return "buildings"; }
    const char* title(const Model& m) const override { return m.tr("nav.buildings"); }
    bool has_unsaved_edits() const override { return buildings.has_unsaved_edits() || rooms.has_unsaved_edits(); }
    void close_forms(Intents& in, bool discard) override {
        buildings.close_forms(in, discard);
        rooms.close_forms(in, discard);
    }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.buildings"));
        double teaching = 0, unsafe = 0;
        for (const auto& b : m.data->buildings) {
            if (domain::category_of(b.use) == domain::BuildingCategory::TeachingAuxiliary) teaching += b.area;
            if (b.safety == domain::SafetyGrade::C || b.safety == domain::SafetyGrade::D) unsafe += b.area;
        }
        ImGui::Text(m.tr("buildings.summary"), domain::format_number(teaching).c_str(), domain::format_number(unsafe).c_str());
        if (ImGui::BeginTabBar("##buildings")) {
            if (ImGui::BeginTabItem(m.tr("buildings.tab_buildings"), nullptr, buildings.asked_to_open(m) ? ImGuiTabItemFlags_SetSelected : 0)) {
                buildings.Draw(m, in);
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem(m.tr("buildings.tab_rooms"), nullptr, rooms.asked_to_open(m) ? ImGuiTabItemFlags_SetSelected : 0)) {
                rooms.Draw(m, in);
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
    }
};

}  // namespace

std::unique_ptr<Screen> make_buildings_screen() { return std::make_unique<BuildingsScreen>(); }

}  // namespace jh::ui
