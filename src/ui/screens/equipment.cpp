// Equipment ledger (教学仪器设备): the book value behind indicator R6. Ledgers run to
// thousands of lines; the table draws only the visible ones.
#include "ui/record_panel.hpp"
#include "ui/screens/screen.hpp"

namespace jh::ui {
namespace {

struct EquipmentScreen final : Screen {
    // A new item's category is asked: only teaching instruments count in R6.
    RecordPanel<domain::Equipment> panel{
        {"name", "category", "quantity", "unit_value", "book_value", "acquired", "disposed", "stage"}, {"id", "year", "person_id"}, {}, {"category"}};

    std::string_view id() const override { return "equipment"; }
    const char* title(const Model& m) const override { return m.tr("nav.equipment"); }
    bool has_unsaved_edits() const override { return panel.has_unsaved_edits(); }
    void close_forms(Intents& in, bool discard) override { panel.close_forms(in, discard); }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.equipment"));
        double total = 0;
        for (const auto& e : m.data->equipment)
            if (!e.disposed && e.category == domain::EquipmentCategory::Instrument) total += e.book_value;
        ImGui::Text(m.tr("equipment.total"), domain::format_number(total).c_str());
        panel.Draw(m, in);
    }
};

}  // namespace

std::unique_ptr<Screen> make_equipment_screen() { return std::make_unique<EquipmentScreen>(); }

}  // namespace jh::ui
