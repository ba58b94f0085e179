// The county's way to pass (issue 10 item 4, docs/way-to-pass.md): for each stage and each of
// the 7 indicators whose student-weighted CV is over its limit, the fewest school parts whose
// raising to the standard brings it under, and what each needs in its own terms (teachers, m²,
// 元, rooms); for each part failing the 6-of-7 rule, the fewest indicators to raise and by how
// much. Every figure comes from the indicator engine: a raise is the engine's gap to target
// (indicators::resource_gap, whole units), a CV is the engine's what-if (indicators::County),
// a 6-of-7 verdict is indicators::passes — no formula is written a second time here.
//
// The CV search is exact while it fits a budget of what-if evaluations (iterative deepening
// over the number of schools: all sets of k−1 schools fail, a set of k passes); past the budget
// it falls back to a greedy choice and says the result is the best found, not proven fewest.
// When raising every below-standard part still leaves the CV over the limit it says so.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/message.hpp"
#include "indicators/county.hpp"
#include "indicators/pack.hpp"
#include "ops/county_report.hpp"

namespace jh::ops {

// One school part raised on one indicator to its standard (or, for the 6-of-7 rule, possibly
// to its floor): its value before and after, and the engine's gap in the school's own terms.
struct Raise {
    std::string code, name;
    domain::Stage stage = domain::Stage::Primary;
    double pupils = 0;
    std::size_t indicator = 0;       // 0 … 6 for R1 … R7
    double value = 0;                // Xᵢ now
    double target = 0;               // the standard, or floor_ratio × standard
    bool to_floor = false;
    double value_after = 0;          // Xᵢ once `gap.amount` units are added
    indicators::Gap gap;             // item "R4", amount (whole units), text (zh, en)
};

// One indicator of one stage whose CV is over its limit.
struct CvWay {
    domain::Stage stage = domain::Stage::Primary;
    std::size_t indicator = 0;
    double cv = 0, limit = 0;
    std::size_t below_standard = 0;        // parts under the standard: the candidates
    double cv_all_raised = 0;              // with every candidate raised
    bool all_raised_passes = false;
    bool found = false;                    // `raises` bring the CV within the limit
    bool proven = false;                   // found: no smaller set does; not found: no set at all does
    std::size_t proven_up_to = 0;          // every set of this many schools or fewer was tried
    std::size_t evaluations = 0;           // what-ifs the search spent
    std::optional<double> cv_after;        // recomputed from scratch with `raises` applied
    std::vector<Raise> raises;             // the schools, in the order chosen
    domain::Message note;                  // the finding in one sentence
};

// One part failing the 6-of-7 rule and the fewest indicators to raise so that it passes.
struct SchoolWay {
    std::string code, name;
    domain::Stage stage = domain::Stage::Primary;
    int met = 0;                           // indicators at the standard now
    std::vector<Raise> raises;             // fewest indicators; among those, the smallest relative raises
};

struct WayToPass {
    std::size_t budget = 0;
    std::vector<CvWay> indicators;         // primary first, R1 … R7
    std::vector<SchoolWay> schools;        // in the county's part order
};

struct WayOptions {
    std::size_t budget = 20000;           // what-if evaluations per indicator before the search turns greedy
};

// The way to pass for a county's parts under `pack` (its rules in force in `year`). Throws
// domain::Rejected as indicators::County does (no parts, a bad part, no thresholds).
WayToPass way_to_pass(const std::vector<indicators::PartQuantities>& parts, const indicators::RulePack& pack, int year,
                      const WayOptions& options = {});
// The same over what ops::county_report computed (its parts, pack and year); empty without parts.
WayToPass way_to_pass(const CountyReport& report, const WayOptions& options = {});

// `junheng county --json`'s key `way_to_pass` (docs/way-to-pass.md).
nlohmann::json to_json(const WayToPass& way);
// The Chinese text `junheng county --way-to-pass` prints.
std::string to_text(const WayToPass& way);

}  // namespace jh::ops
