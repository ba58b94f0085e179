// Staff roster (教职工): every member of staff reported this year; thousands of rows stay
// smooth (clipped table), sortable by any column and searchable by any shown text.
#include "ui/record_panel.hpp"
#include "ui/screens/screen.hpp"

namespace jh::ui {
namespace {

struct StaffScreen final : Screen {
    RecordPanel<domain::Staff> panel{{"name", "gender", "birth_year", "stage", "category", "education", "title", "subject",
                                      "backbone", "certified", "rotation"},
                                     {"id", "year", "person_id"},
                                     {},
                                     // What feeds R1–R3, G9, G11 and G12 (and who the person is) is
                                     // asked, never assumed: a default left alone would count.
                                     {"gender", "birth_year", "stage", "category", "education", "backbone", "pe", "music",
                                      "art", "certified", "rotation_eligible", "rotation"}};

    std::string_view id() const override { return "staff"; }
    const char* title(const Model& m) const override { return m.tr("nav.staff"); }
    bool has_unsaved_edits() const override { return panel.has_unsaved_edits(); }
    void close_forms(Intents& in, bool discard) override { panel.close_forms(in, discard); }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.staff"));
        muted_text(m.tr("staff.hint"));
        panel.Draw(m, in);
    }
};

}  // namespace

std::unique_ptr<Screen> make_staff_screen() { return std::make_unique<StaffScreen>(); }

}  // namespace jh::ui
