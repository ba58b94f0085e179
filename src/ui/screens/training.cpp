// Training records (培训记录): hours each person attended, towards the 360 hours per
// five-year cycle (item G9). Records belong to a person, picked from this year's staff.
#include <map>

#include "ui/record_panel.hpp"
#include "ui/screens/screen.hpp"

namespace jh::ui {
namespace {

struct TrainingScreen final : Screen {
    // Whose hours, when and how many count towards G9: a new record asks each.
    RecordPanel<domain::Training> panel{
        {"person_id", "date", "hours", "organiser", "topic"}, {"id"}, {}, {"person_id", "date", "hours"}};

    std::string_view id() const override { return "training"; }
    const char* title(const Model& m) const override { return m.tr("nav.training"); }
    bool has_unsaved_edits() const override { return panel.has_unsaved_edits(); }
    void close_forms(Intents& in, bool discard) override { panel.close_forms(in, discard); }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.training"));
        std::vector<PersonChoice> people;
        for (const auto& s : m.data->staff) people.push_back({s.person_id, s.name});
        if (people.empty()) {
            muted_text(m.tr("training.no_staff"));
            return;
        }
        muted_text(m.tr("training.hint"));
        panel.Draw(m, in, people);
    }
};

}  // namespace

std::unique_ptr<Screen> make_training_screen() { return std::make_unique<TrainingScreen>(); }

}  // namespace jh::ui
