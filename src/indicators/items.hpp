// The guarantee, quality and local items (internal to the engine; school.cpp assembles them).
#pragma once
#include <optional>
#include <vector>

#include "domain/entities.hpp"
#include "indicators/pack.hpp"
#include "indicators/school.hpp"

namespace jh::indicators::items {

struct Context {
    const domain::SchoolData& data;
    const RulePack& pack;
    int year;
    double pupils;   // compulsory-stage pupils of the whole school
};

// The figure in force in the year, or nullopt with the item marked not (yet) in force.
std::optional<double> in_force(ItemResult& item, const Threshold& threshold, int year);

// G3 G4 G6 G7 G9 G11 G12 G15 Q4.
std::vector<ItemResult> school_items(const Context& c);
// G5 class size and Q1 retention of one stage.
std::vector<ItemResult> stage_items(const Context& c, Stage stage);

// The pack's local items that concern the whole school, and those of one stage.
std::vector<ItemResult> local_school_items(const Context& c);
std::vector<ItemResult> local_stage_items(const Context& c, Stage stage);

}  // namespace jh::indicators::items
