// Sports grounds (体育运动场馆): outdoor grounds and indoor halls, the area behind R5.
#include "ui/record_panel.hpp"
#include "ui/screens/screen.hpp"

namespace jh::ui {
namespace {

struct GroundsScreen final : Screen {
    // Whether a new ground is owned (R5 counts rented ones only under some packs) is asked.
    RecordPanel<domain::Ground> panel{{"name", "kind", "area", "owned", "within_walk", "stage"}, {"id", "year", "person_id"}, {}, {"kind", "owned"}};

    std::string_view id() const override { return "grounds"; }
    const char* title(const Model& m) const override { return m.tr("nav.grounds"); }
    bool has_unsaved_edits() const override { return panel.has_unsaved_edits(); }
    void close_forms(Intents& in, bool discard) override { panel.close_forms(in, discard); }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.grounds"));
        double area = 0;
        for (const auto& g : m.data->grounds) area += g.area;
        ImGui::Text(m.tr("grounds.summary"), domain::format_number(area).c_str());
        panel.Draw(m, in);
    }
};

}  // namespace

std::unique_ptr<Screen> make_grounds_screen() { return std::make_unique<GroundsScreen>(); }

}  // namespace jh::ui
