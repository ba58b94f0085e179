// One school's results under one rule pack: per stage part the 7 resource indicators and the
// 6-of-7 verdict; the guarantee (G) and quality (Q) items a school can measure; the pack's
// local items; and for everything failing, the smallest change that makes it pass.
// Pure: the caller loads the school year (store) and picks the pack.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "indicators/pack.hpp"
#include "indicators/resources.hpp"

namespace jh::indicators {

enum class Status {
    Pass,
    Fail,
    InProgress,     // a multi-year target whose period has not ended (G9's training cycle)
    NotInForce,     // the pack sets this figure only from a later year
    NotApplicable,  // does not concern this school (no migrants, not a small rural school…)
    NoData,         // the school has not reported what the item needs
};
const domain::EnumLabel& status_label(Status status);   // code, zh, en

struct ItemResult {
    std::string id;                   // "G5", "Q1", "QBJ-1" …
    Message name;
    Status status = Status::NoData;
    std::optional<double> value;      // measured, in the item's own unit (ratio, pupils, m² …)
    std::optional<double> threshold;
    Message detail;                   // what was measured, in words
    std::vector<Gap> gaps;            // what to change (failing or in-progress items)
};

struct PartResult {
    PartQuantities quantities;
    ResourceVerdict resources;
    std::vector<ItemResult> items;    // stage items: G5 class size, Q1 retention, staffing by class
};

struct SchoolResult {
    std::string pack_id;
    Message pack_name;
    std::string pack_version;
    int year = 0;
    std::string code, name;
    std::optional<Message> scope_note;      // when the county computation does not take the school as its own unit
    std::vector<PartResult> parts;
    std::vector<ItemResult> items;          // school items: G3 G4 G6 G7 G9 G11 G12 G15 Q4 and local items
    std::vector<NotComputed> not_computed;  // the pack's items a school cannot compute
};

// Throws domain::Rejected when the school has no compulsory-stage pupils (or a part has
// none), or the pack has no resource threshold in force in the school year.
SchoolResult evaluate(const domain::SchoolData& data, const RulePack& pack);

// Why the county computation does not count this school as its own unit (special education,
// a teaching point below the pack's size, or one the pack merges into its central school).
std::optional<Message> scope_note(const domain::SchoolData& data, const RulePack& pack);

}  // namespace jh::indicators
