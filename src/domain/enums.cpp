#include "domain/enums.hpp"

namespace jh::domain {

std::span<const Stage> stages_of(SchoolType type) {
    static constexpr Stage primary[] = {Stage::Primary};
    static constexpr Stage junior[] = {Stage::Junior};
    static constexpr Stage nine[] = {Stage::Primary, Stage::Junior};
    static constexpr Stage twelve[] = {Stage::Primary, Stage::Junior, Stage::Senior};
    static constexpr Stage complete[] = {Stage::Junior, Stage::Senior};
    switch (type) {
        case SchoolType::Primary:
        case SchoolType::TeachingPoint: return primary;
        case SchoolType::Junior: return junior;
        case SchoolType::NineYear:
        case SchoolType::SpecialEducation: return nine;
        case SchoolType::TwelveYear: return twelve;
        case SchoolType::CompleteSecondary: return complete;
    }
    return primary;
}

int grades_in(Stage stage) { return stage == Stage::Primary ? 6 : 3; }

}  // namespace jh::domain
