// Classes and pupils (班级与学生): classes with their pupils, the registered roll of each
// grade (with migrant, left-behind and disabled pupils), and the entry cohorts behind the
// retention rate. Pupils are the denominator of every indicator.
#include <algorithm>

#include "ui/record_panel.hpp"
#include "ui/screens/screen.hpp"

namespace jh::ui {
namespace {

struct ClassesScreen final : Screen {
    // A new class starts as the next free 班号 of its grade, so the form does not open on a
    // class the year already holds (and its "本学年已有" message).
    RecordPanel<domain::ClassGroup> classes{{"stage", "grade", "number", "pupils"},
                                            {"id", "year", "person_id"},
                                            [](domain::ClassGroup& c, const Model& m) {
                                                const auto taken = [&](int number) {
                                                    return std::any_of(m.data->classes.begin(), m.data->classes.end(), [&](const auto& k) {
                                                        return k.stage == c.stage && k.grade == c.grade && k.number == number;
                                                    });
                                                };
                                                while (taken(c.number)) ++c.number;
                                            }};
    RecordPanel<domain::GradeRoll> grades{{"stage", "grade", "pupils", "migrant", "left_behind", "disabled_in_regular",
                                           "disabled_other"}};
    RecordPanel<domain::Cohort> cohorts{
        {"stage", "entry_year", "intake", "transferred_in", "transferred_out", "current"}};

    // How to enter a 复式班, where a class is entered: under the class form's buttons.
    ClassesScreen() {
        classes.set_form_note([](const Model& m) { muted_text(m.tr("classes.mixed_hint")); });
    }

    std::string_view id() const override { return "classes"; }
    const char* title(const Model& m) const override { return m.tr("nav.classes"); }
    bool has_unsaved_edits() const override {
        return classes.has_unsaved_edits() || grades.has_unsaved_edits() || cohorts.has_unsaved_edits();
    }
    void close_forms(Intents& in, bool discard) override {
        classes.close_forms(in, discard);
        grades.close_forms(in, discard);
        cohorts.close_forms(in, discard);
    }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.classes"));
        int pupils = 0;
        for (const auto& c : m.data->classes) pupils += c.pupils;
        ImGui::Text(m.tr("classes.summary"), static_cast<int>(m.data->classes.size()), pupils);
        if (m.overview && m.overview->rolls_missing) wrapped_colored(colour::amber, m.text(*m.overview->rolls_missing));
        const auto* year = m.current_year();
        if (year && !year->pupils_confirmed && !m.read_only()) {
            ImGui::TextColored(colour::amber, "%s", m.tr("classes.confirm_needed"));
            ImGui::SameLine();
            if (ImGui::Button(m.tr("classes.confirm"))) in.confirm_pupils(m.year);
        }
        if (ImGui::BeginTabBar("##classes")) {
            if (ImGui::BeginTabItem(m.tr("classes.tab_classes"), nullptr, classes.asked_to_open(m) ? ImGuiTabItemFlags_SetSelected : 0)) {
                classes.Draw(m, in);
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem(m.tr("classes.tab_grades"), nullptr, grades.asked_to_open(m) ? ImGuiTabItemFlags_SetSelected : 0)) {
                grades.Draw(m, in);
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem(m.tr("classes.tab_cohorts"), nullptr, cohorts.asked_to_open(m) ? ImGuiTabItemFlags_SetSelected : 0)) {
                cohorts.Draw(m, in);
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
    }
};

}  // namespace

std::unique_ptr<Screen> make_classes_screen() { return std::make_unique<ClassesScreen>(); }

}  // namespace jh::ui
