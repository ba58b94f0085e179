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
    NotInForce,     // the figure applies only from a later year, or its plan or step has ended
    NotApplicable,  // does not concern this school (not a small rural school…)
    NoData,         // the school has not reported what the item needs
    Info,           // the school's figures shown for information, never judged here: a county
                    // share (G15) or a figure a plan uses for something else (Chengdu QBJ-3)
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

// A compulsory stage of the school's type with no pupils this year: no part, and why.
struct EmptyStage {
    Stage stage = Stage::Primary;
    Message reason;
};

struct SchoolResult {
    std::string pack_id;
    Message pack_name;
    std::string pack_version;
    // The chosen pack's document has ended before this school year (its end date and the
    // sentence that sets it): its own items are reported not_in_force and the rules of
    // `applied_pack_id` (the national standard for a local plan) apply.
    bool pack_in_force = true;
    std::optional<domain::Date> pack_valid_until;
    std::optional<Message> pack_validity;
    std::string applied_pack_id;
    Message applied_pack_name;
    int year = 0;
    std::string code, name;
    std::optional<Message> scope_note;      // when the county computation does not take the school as its own unit
    std::vector<PartResult> parts;          // one per compulsory stage with pupils (none for special education)
    std::vector<EmptyStage> empty_stages;
    std::vector<ItemResult> items;          // school items: G3 G4 G6 G7 G9 G11 G12 G15 Q4 and local items
    std::vector<NotComputed> not_computed;  // the pack's items a school cannot compute
};

// Evaluates the parts that exist and every school item. Throws domain::Rejected when a school
// other than a special education school has no compulsory-stage pupils at all, or the pack has
// no resource threshold in force in the school year.
SchoolResult evaluate(const domain::SchoolData& data, const RulePack& pack);

// "《…》已于 2023-05-27 期满…": why the chosen pack's own items no longer apply in `year`
// (empty while it is in force).
std::optional<Message> ended_note(const RulePack& pack, int year);

// Why the county computation does not count this school as its own unit (special education,
// a teaching point below the pack's size, or one the pack merges into its central school).
std::optional<Message> scope_note(const domain::SchoolData& data, const RulePack& pack);

}  // namespace jh::indicators
