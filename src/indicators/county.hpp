// The county computation: per stage, the student-weighted mean, standard deviation and
// coefficient of variation of each resource indicator over the county's school parts
// (policy file §1, "weighted by students"), the parts failing the 6-of-7 rule, which schools
// drive each CV, and what-if recomputation after changing one school.
//
//   Xᵢ = scale·Aᵢ/Pᵢ,  X̄ = scale·ΣA/ΣP,  S = sqrt(Σ (Pᵢ/P)(Xᵢ − X̄)²),  CV = S / X̄
//
// Contract: pass is CV ≤ the stage's limit at full precision (only floating-point rounding is
// tolerated); when every part has none of a resource (X̄ = 0) there is no variation: S = CV = 0.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "indicators/pack.hpp"
#include "indicators/resources.hpp"

namespace jh::indicators {

struct Contributor {
    std::string code, name;
    double value = 0;     // the school part's Xᵢ
    double share = 0;     // (Pᵢ/P)(Xᵢ − X̄)² as a share of S²
};

struct IndicatorStats {
    double mean = 0, sd = 0, cv = 0;
    double limit = 0;
    bool pass = true;
    bool borderline = false;          // |CV − limit| ≤ the pack's borderline margin
    std::vector<Contributor> top;     // largest contributions to S², largest first
};

struct PartRow {
    std::string code, name;
    double pupils = 0;
    std::array<double, kResourceCount> values{};
    bool pass = false;                // the 6-of-7 rule
};

struct StageStats {
    Stage stage = Stage::Primary;
    double pupils = 0;
    std::array<IndicatorStats, kResourceCount> indicators;
    double composite = 0;             // 综合: plain mean of the 7 CVs, informational only
    bool pass = true;                 // every CV within the limit
    std::vector<std::string> failing_parts;   // codes of parts failing the 6-of-7 rule
    std::vector<PartRow> rows;
};

struct CountyResult {
    std::string pack_id;
    int year = 0;
    std::vector<StageStats> stages;   // primary first; a stage appears when some part has it
};

// A stage's figures after a hypothetical change (no per-school lists: O(1) per indicator).
struct WhatIf {
    Stage stage = Stage::Primary;
    std::array<IndicatorStats, kResourceCount> indicators;
    double composite = 0;
    bool pass = true;
    bool part_passes = false;         // the changed part under the 6-of-7 rule
    std::size_t failing_parts = 0;
};

class County {
public:
    // Throws domain::Rejected for no parts, a part without pupils, a negative or non-finite
    // quantity, a senior-stage part, the same school and stage twice, or a pack without
    // thresholds in force in `year`.
    County(std::vector<PartQuantities> parts, const RulePack& pack, int year);

    const std::vector<PartQuantities>& parts() const { return parts_; }
    CountyResult result(std::size_t top_contributors = 3) const;

    // The stage's figures if `changed` replaced the part with its code and stage.
    WhatIf what_if(const PartQuantities& changed) const;
    // Makes such a change real.
    void apply(const PartQuantities& changed);

private:
    // Running sums per stage and indicator: ΣP, ΣA and ΣP(X − K)² give mean and variance in
    // O(1). K, the mean when the county was loaded, keeps the subtraction in the variance
    // from cancelling away every digit when schools are nearly equal.
    struct Sums {
        double pupils = 0;
        std::array<double, kResourceCount> amount{}, square{}, reference{};
        std::size_t failing = 0;
        void add(const PartQuantities& part, double sign);
    };
    Sums& sums(Stage stage) { return sums_[stage == Stage::Junior ? 1 : 0]; }
    const Sums& sums(Stage stage) const { return sums_[stage == Stage::Junior ? 1 : 0]; }
    std::size_t index_of(const PartQuantities& part) const;
    IndicatorStats from_sums(const Sums& s, Stage stage, std::size_t indicator) const;
    bool part_passes(const PartQuantities& part) const;

    RulePack pack_;
    int year_;
    std::vector<PartQuantities> parts_;
    std::vector<bool> passing_;
    std::unordered_map<std::string, std::size_t> index_;
    std::array<Sums, 2> sums_;
    PerStage<std::array<double, kResourceCount>> thresholds_;
    PerStage<bool> present_;
};

// Checks one part for the county computation; `where` names its source ("county.csv line 4").
void check_part(const PartQuantities& part, const std::string& where);

// A school, or one stage of it, the county computation leaves out: its index among the schools
// given, why, and the stage when only that stage is left out (a stage with no pupils).
struct Excluded {
    std::size_t school = 0;
    Message reason;
    std::optional<Stage> stage;
};

struct CountyParts {
    std::vector<PartQuantities> parts;
    std::vector<Excluded> excluded;
};

// The county computation's parts from whole school years, per the pack's scope rules: special
// education schools and teaching points below the pack's size are left out; with
// merge_into_central a teaching point's pupils and resources join its central school's part of
// the same stage when that school is among `schools` (otherwise it stays its own unit).
// The pack's rules in force in the schools' year apply (rules_in_force). A stage of a school's
// type with no pupils is no part and is listed in `excluded` with its stage.
CountyParts county_parts(const std::vector<domain::SchoolData>& schools, const RulePack& pack);

// One school year's share of the county computation under a pack (the pack in force in the
// school's year): what county_parts and migrant_share read of its data, and nothing else. A
// county is these joined (the overloads below), so a bureau can keep them per submission
// version and pack instead of decoding every snapshot for every report (sync/receiver's report
// cache). Bump kSchoolPartsFormat whenever what school_parts computes changes: a cache keyed by
// it then recomputes instead of serving old figures.
inline constexpr int kSchoolPartsFormat = 1;
struct SchoolParts {
    std::string code, name;
    int year = 0;
    std::optional<Message> note;         // scope_note: not a unit of its own (left out, or merged)
    bool merge = false;                  // a teaching point whose part joins its central school's
    std::optional<std::string> central;  // that central school's code, when the profile names one
    std::vector<PartQuantities> parts;   // parts_of (empty when left out by its note)
    std::vector<Stage> empty;            // stages of its type without pupils (listed when counted)
    double migrants = 0, in_public = 0;  // G15's figures of this school
};
// Throws domain::Rejected as county_parts does for a school the engine cannot count.
SchoolParts school_parts(const domain::SchoolData& data, const RulePack& pack);
// county_parts over schools already taken apart (all of one school year), in the order given.
CountyParts county_parts(const std::vector<SchoolParts>& schools);

// G15, the county's share (policy §2): migrant children of every school's compulsory stages,
// and how many of them are in public or government-funded private schools, against the pack's
// `public_share` (≥ 85% nationally). Schools only show their figures; this is the verdict.
struct MigrantShare {
    double migrants = 0, in_public = 0;
    std::optional<double> share;        // in_public / migrants; empty when there are none
    std::optional<double> threshold;    // empty when the pack does not assess it that year
    std::optional<bool> pass;
    Message detail;
};
MigrantShare migrant_share(const std::vector<domain::SchoolData>& schools, const RulePack& pack, int year);
MigrantShare migrant_share(const std::vector<SchoolParts>& schools, const RulePack& pack, int year);

}  // namespace jh::indicators
