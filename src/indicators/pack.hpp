// Rule packs: the national standard and each local plan as data (assets/standards/*.json,
// compiled in). A local pack `inherits` another and overrides only what differs; every figure
// may change with the school year. The engine reads figures only from here, never from code,
// so a bureau can push a new pack without a new program.
// Format: docs/rule-packs.md. Contract: a pack that is not exactly well-formed is rejected
// (domain::Rejected naming the file, the key and the problem), never half-read.
#pragma once
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/embedded.hpp"
#include "domain/entities.hpp"
#include "domain/message.hpp"

namespace jh::indicators {

namespace packs {
// The packs compiled into the program (generated from assets/standards by cmake/embed.cmake).
const std::vector<jh::EmbeddedFile>& embedded_files();
}  // namespace packs

using domain::Message;
using domain::Stage;

// The day school year Y starts (1 September of Y): a plan or a dated step whose end falls
// before it does not apply to that year.
domain::Date school_year_start(int year);

// A figure that may change with the school year. Steps are sorted by `from`; in a year the
// last step with from ≤ year applies, unless that step has an `until` date before the year
// starts. Before the first step, where a step's value is null, or after its `until`, the rule
// is not in force that year.
struct Threshold {
    struct Step {
        int from = 0;
        std::optional<double> value;
        std::optional<domain::Date> until;   // last day the step applies (the seed's own date)
    };
    std::vector<Step> steps;

    static Threshold always(double value) { return {{{0, value, std::nullopt}}}; }
    std::optional<double> at(int year) const;
    // The first year with a value, for "in force from …" notes.
    std::optional<int> first_year() const;
    // When the step that would apply in `year` ended before the year began: its `until`.
    std::optional<domain::Date> ended(int year) const;
};

// One value per compulsory stage (the evaluation has no senior-secondary figures).
template <class T> struct PerStage {
    T primary{};
    T junior{};
    const T& operator[](Stage stage) const { return stage == Stage::Junior ? junior : primary; }
    T& operator[](Stage stage) { return stage == Stage::Junior ? junior : primary; }
};

constexpr std::array<Stage, 2> kCompulsoryStages{Stage::Primary, Stage::Junior};
constexpr std::size_t kResourceCount = 7;   // R1 … R7

enum class SharedSplit { StudentShare, WeightedShare };
enum class TeachingPoints { OwnUnit, MergeIntoCentral };

// Counting choices the policy leaves to each jurisdiction.
struct Settings {
    SharedSplit shared_split = SharedSplit::StudentShare;
    std::array<double, 3> stage_weights{1, 1.1, 1.32};          // by Stage, for WeightedShare
    TeachingPoints teaching_points = TeachingPoints::OwnUnit;   // for points with ≥ min pupils
    int teaching_point_min_pupils = 50;                         // smaller points are out of scope
    bool indoor_sports_in_r4 = false;
    bool rented_grounds_in_r5 = true;
    bool rented_grounds_within_walk = false;   // with the above: only those within a 10-minute walk
    domain::BackboneLevel backbone_min_level = domain::BackboneLevel::County;
    PerStage<domain::Education> required_education{domain::Education::Associate, domain::Education::Bachelor};
};

struct ResourceRules {
    PerStage<std::array<Threshold, kResourceCount>> thresholds;
    int min_met = 6;          // indicators that must meet the standard
    double floor_ratio = 0.85;   // the others must reach this share of it
};

struct CountyRules {
    PerStage<double> cv_limit{0.50, 0.45};
    double borderline = 0.005;
};

// The guarantee (G) and quality (Q) items a school can measure.
struct G3Rules {      // music and art rooms
    int classes_per_room = 12;
    Threshold music_min_area, art_min_area;
    double area_allowance = 0;    // a room counts when area ≥ minimum × (1 − allowance)
    std::optional<int> exempt_rural_below_pupils;   // tiny rural schools exempt
};
struct G4Rules { Threshold single_stage_max, multi_stage_max; };   // school size, pupils
struct G5Rules { PerStage<Threshold> max, starting_grade_max; };   // class size, pupils
struct G6Rules { int below_pupils = 100; int min_funded_pupils = 100; };
struct G7Rules { Threshold min_per_pupil; };                       // special education, 元
struct G9Rules { int cycle_start_year = 2022; int cycle_years = 5; double hours = 360; };
struct G11Rules { Threshold rotation_rate, backbone_share; };
struct G12Rules { Threshold certified_rate; };
struct G15Rules { Threshold public_share; };
struct Q1Rules { PerStage<Threshold> retention; };
struct Q4Rules { Threshold training_share; };

struct ItemRules {
    G3Rules g3;
    G4Rules g4;
    G5Rules g5;
    G6Rules g6;
    G7Rules g7;
    G9Rules g9;
    G11Rules g11;
    G12Rules g12;
    G15Rules g15;
    Q1Rules q1;
    Q4Rules q4;
};

// Local plans' own items, each one of a few kinds the engine can compute.
struct CounsellorsPerPupils {   // at least ceil(pupils / per_pupils) counselling teachers
    Threshold per_pupils;
    std::optional<domain::Counsellor> only;   // count only full-time or part-time ones
};
struct FullTimeCounsellor {     // schools in these locations, or township central schools, need one
    std::vector<domain::Location> locations;
    bool township_central = false;   // also every 乡镇中心学校 (School::township_central), wherever it is
};
struct EducationRate {          // share of full-time teachers at or above an education level
    domain::Education min_education = domain::Education::Bachelor;
    Threshold rate;
};
struct CGradeBuildings {        // C/D-grade building area still to be renovated
    Threshold max_area;
};
struct TeachersPerClass {       // staffing by class ratio in small or rural schools
    PerStage<Threshold> ratio;
    int below_pupils = 0;       // applies to rural schools and schools under this size
};
using LocalRule = std::variant<CounsellorsPerPupils, FullTimeCounsellor, EducationRate, CGradeBuildings, TeachersPerClass>;

struct LocalItem {
    std::string id;
    Message name;
    LocalRule rule;
    // Reported as information (status info), never pass or fail: a figure the plan uses for
    // something other than judging a school (Chengdu's class–teacher ratio sets staffing quotas).
    bool information = false;
};

// An item of the document that a school terminal cannot compute (county-level facts,
// surveys, data not collected): listed so reports say who must check it.
struct NotComputed {
    std::string id;
    Message name;
    Message reason;
};

struct RulePack {
    std::string id;
    Message name;
    std::string document;     // the source document's title and number
    std::string version;
    std::optional<std::string> inherits;
    std::string file;         // where it was read from, for messages
    ResourceRules resources;
    CountyRules county;
    Settings settings;
    ItemRules items;
    std::vector<LocalItem> local_items;
    std::vector<NotComputed> not_computed;
    // The last day the document applies, and the sentence of the document that says so
    // ("有效期5年", "2022年12月31日废止"). Never inherited: each document has its own.
    std::optional<domain::Date> valid_until;
    std::optional<Message> validity;
    // The resolved pack this one overlays (null for a root pack): what still applies once
    // this document has ended.
    std::shared_ptr<const RulePack> inherited;
};

// Whether the document is in force in school year `year` (its end, if any, is on or after
// 1 September of that year).
bool in_force(const RulePack& pack, int year);
// The pack whose rules apply in `year`: `pack` itself, or the nearest pack it inherits that
// is still in force (the national standard for a local plan that has ended). Throws
// domain::Rejected when no pack in the chain is in force.
const RulePack& rules_in_force(const RulePack& pack, int year);

// A pack's text and the name used in messages.
struct PackFile {
    std::string name;
    std::string_view content;
};

// Resolves every pack (overlays applied to what they inherit). Throws domain::Rejected on the
// first broken pack: bad JSON, unknown key, wrong type, unknown or circular `inherits`,
// duplicate id, or a figure missing after inheritance.
std::vector<RulePack> load_packs(const std::vector<PackFile>& files);

// The compiled-in packs and `extra` (packs from outside the program: a bureau's), loaded together
// by load_packs, so an extra pack may inherit a built-in one and is refused exactly as a built-in
// one would be (also when its id is a built-in pack's). "national" first, then the other
// built-in packs, then `extra` in order. Throws domain::Rejected on the first broken pack.
std::vector<RulePack> packs_with_builtin(const std::vector<PackFile>& extra);

// The compiled-in packs, loaded once; "national" first.
const std::vector<RulePack>& builtin_packs();
// Throws domain::Rejected listing the known ids when `id` is not one.
const RulePack& find_pack(std::string_view id);

}  // namespace jh::indicators
