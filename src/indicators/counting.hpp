// Counting rules shared by the resource indicators and the items (internal to the engine).
#pragma once
#include <algorithm>
#include <cmath>

#include "domain/entities.hpp"

namespace jh::indicators::counting {

// Enums list the higher levels first, so "at least" means "declared no later than".
template <class E> bool at_or_above(E level, E minimum) { return static_cast<int>(level) <= static_cast<int>(minimum); }

inline bool is_backbone(domain::BackboneLevel level, domain::BackboneLevel minimum) {
    return level != domain::BackboneLevel::None && at_or_above(level, minimum);
}

inline bool full_time(const domain::Staff& s) { return s.category == domain::StaffCategory::FullTime; }
inline bool full_time_in(const domain::Staff& s, domain::Stage stage) { return full_time(s) && s.stage == stage; }
// The teachers the evaluation counts (policy §2: G9, G11, G12 as R1–R3): 专任 teachers of the
// primary and junior stages, not senior-high teachers of a twelve-year or complete secondary
// school, nor substitutes, part-time or non-teaching staff.
inline bool compulsory_teacher(const domain::Staff& s) {
    return full_time(s) && s.stage && *s.stage != domain::Stage::Senior;
}

// G15's figures: migrant (随迁子女) and left-behind children of the compulsory stages' rolls.
struct MigrantCount {
    double migrants = 0;
    double left_behind = 0;
};
inline MigrantCount count_migrants(const domain::SchoolData& data) {
    MigrantCount out;
    for (const auto& g : data.grades)
        if (g.stage != domain::Stage::Senior) {
            out.migrants += g.migrant;
            out.left_behind += g.left_behind;
        }
    return out;
}
// "In public or government-funded private schools": every ownership but plain private.
inline bool counts_as_public(domain::Ownership ownership) { return ownership != domain::Ownership::Private; }

// The smallest whole n ≥ 0 for which `reaches(n)` holds (reaches grows with n), searched from
// `estimate`, a closed-form guess that floating-point rounding may have put one off.
template <class F> double smallest_whole(F reaches, double estimate) {
    constexpr double kGiveUp = 1e7;   // a target no school can reach (a misprinted pack figure)
    double n = std::clamp(std::ceil(estimate - 1e-9), 0.0, kGiveUp);
    while (n > 0 && reaches(n - 1)) n -= 1;
    while (!reaches(n) && n < kGiveUp) n += 1;
    return n;
}

}  // namespace jh::indicators::counting
