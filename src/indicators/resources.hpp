// The 7 resource indicators (资源配置 R1–R7): what each counts in a school's data, how a
// multi-stage school is split into stage parts, the per-part 6-of-7 verdict, and the gap to
// each threshold in the school's own terms. The county computation uses the same parts.
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "domain/entities.hpp"
#include "indicators/pack.hpp"

namespace jh::indicators {

// What the CV and the verdict are computed on: one stage of one school.
struct PartQuantities {
    std::string code;                           // 学校标识码
    std::string name;
    Stage stage = Stage::Primary;
    double pupils = 0;                          // 在校生数
    std::array<double, kResourceCount> amounts{};   // raw quantity per indicator: people, m², 元, rooms
};

struct ResourceInfo {
    std::string_view id;      // "R1"
    Message name;             // the indicator's official name
    double scale;             // 100 for "per hundred pupils", else 1
    Message unit;             // of the raw quantity
};
const std::array<ResourceInfo, kResourceCount>& resource_info();

// Xᵢ = scale × Aᵢ / Pᵢ.
double indicator_value(const PartQuantities& part, std::size_t indicator);

// Comparisons "at full precision", tolerating only floating-point rounding (1e-9 relative),
// so a value exactly at a limit passes however it was computed.
bool at_least(double value, double limit);
bool at_most(double value, double limit);

// Pupils of one stage, grade by grade: a grade's registered roll (学籍) when it has one, else
// the sum of its classes. (A roll that disagrees with its grade's classes is refused by
// validation; a stage with rolls for some grades only still counts the others' classes.)
struct StagePupils {
    double pupils = 0;
    std::vector<int> from_rolls;     // grades counted from their roll
    std::vector<int> from_classes;   // grades with classes but no roll yet
};
StagePupils count_stage_pupils(const domain::SchoolData& data, Stage stage);
double stage_pupils(const domain::SchoolData& data, Stage stage);
// Compulsory-stage pupils of the whole school.
double compulsory_pupils(const domain::SchoolData& data);

// The school's compulsory stage parts: one per compulsory stage that has pupils (policy §1
// builds parts per stage; a stage with no pupils is no part), none for a special education
// school (outside the resource evaluation). Records with a stage belong to it; shared ones are
// split by the pack's rule (student share, or weighted share 1 : 1.1 : 1.32) over every stage
// the school teaches, senior included.
std::vector<PartQuantities> parts_of(const domain::SchoolData& data, const RulePack& pack);

// The compulsory stages the school's type teaches that have no pupils this year, so no part.
std::vector<Stage> empty_stages(const domain::SchoolData& data);
// "初中学段本学年没有在校生，不构成评估单位": why a stage has no part.
Message empty_stage_reason(Stage stage);

// A smallest concrete change: which item, how much (in the item's unit), and what to do.
struct Gap {
    std::string item;         // "R5", "G5", "QBJ-1" …
    double amount = 0;
    double relative = 0;      // change as a share of the target, for ranking fixes
    Message text;
};

struct ResourceResult {
    std::string_view id;
    double amount = 0;        // raw quantity
    double value = 0;
    double threshold = 0;
    double floor = 0;         // floor_ratio × threshold
    bool met = false;
    bool above_floor = false;
};

struct ResourceVerdict {
    std::array<ResourceResult, kResourceCount> results;
    int met = 0;
    bool pass = false;
    std::vector<Gap> gaps;    // per unmet indicator, the change that meets its standard
    std::vector<Gap> fixes;   // single changes that would make the part pass, smallest first (≤ 3)
};

// The 6-of-7 rule for one part in one year. Throws domain::Rejected when the part has no
// pupils or the pack has no threshold in force that year.
ResourceVerdict judge(const PartQuantities& part, const RulePack& pack, int year);

// The gap to target of one indicator of a part, as judge() words it: the whole units to add so
// that it reaches its standard in force in `year` (with `to_floor`, floor_ratio × the standard),
// 0 when it already does. What the county's way to pass asks of each school (ops/way_to_pass).
Gap resource_gap(const PartQuantities& part, const RulePack& pack, int year, std::size_t indicator, bool to_floor = false);

// Whether a part passes, without gaps (the county computation's per-part check).
bool passes(const PartQuantities& part, const std::array<double, kResourceCount>& thresholds, const ResourceRules& rules);
// The pack's 7 thresholds for a stage in force in `year` (throws domain::Rejected if one is not).
std::array<double, kResourceCount> thresholds_in(const RulePack& pack, Stage stage, int year);

}  // namespace jh::indicators
