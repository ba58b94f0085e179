// A realistic demo school for trying the terminal, the screens and the indicators without
// real data: a rural nine-year school (九年一贯制) of about 900 pupils and 70 staff with
// five years of training records and several hundred equipment rows. Pure and
// deterministic: the same arguments give the same school.
//
// Ids: every record gets its own id, counting from 1 per kind, so staff.person_id and
// training.person_id link (person_id = the staff record's id). The store keeps non-zero ids
// on import, so the demo imports as is into an empty database.
//
// The demo passes validate() without errors but, like a real village school, not every
// indicator: it is short of PE/music/art teachers, one art room is too small, and a few
// teachers lack training hours.
//
// Beside it, a demo county (the bureau's `demo --schools N`, the province load test): schools
// of the types and sizes a county has, each made from a DemoShape. Shapes cost nothing to make
// (20,000 a few milliseconds); one school's data is milliseconds. Every school passes
// validate() without errors, and like a real county some meet every indicator and others
// fall short of a few (how far is drawn from the school's seed).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/entities.hpp"

namespace jh::domain {

inline constexpr std::uint64_t kDemoSeed = 20250901;
inline constexpr std::string_view kDemoSchoolCode = "3360726001";
inline constexpr std::string_view kDemoCountyCode = "360726";

// The terminal's demo school. Its data is pinned (tests/unit/demo_pin_test.cpp): it keeps its
// own hand-set posts, rooms and equipment, and is the instance of demo_school_shape() the guide
// and the tests know.
SchoolData make_demo_school(const std::string& code, int year, std::uint64_t seed = kDemoSeed);

// One stage of a demo school: classes per grade (0 = the school lacks the stage) and the
// range class sizes are drawn from.
struct DemoStage {
    int classes = 0;
    int class_min = 0;
    int class_max = 0;
};

// What kind of school to make: the school profile (less its code) and its size.
struct DemoShape {
    std::string name;
    std::string county_code = std::string(kDemoCountyCode);
    SchoolType type = SchoolType::NineYear;
    Location location = Location::Rural;
    bool boarding = false;
    bool township_central = false;                   // 乡镇中心学校
    std::optional<std::string> central_school_code;  // required for a teaching point
    DemoStage primary, junior, senior;               // only the stages of `type`, each with classes
    int primary_grades = 6;      // grades 1..n taught: a teaching point often keeps only 1–3 or 1–4
    bool mixed_grades = false;   // 复式班: two neighbouring grades share one class
};

// The rural nine-year boarding school the terminal's demo is.
DemoShape demo_school_shape();

// A school of `shape`: pupils, cohorts, staff (posts scaled to the classes, none for stages
// the school lacks), training, premises, equipment and funds. Pure and deterministic.
// Throws std::invalid_argument for a shape no school can have (a stage its type lacks, a
// stage of its type without classes, class sizes outside 1–120, a teaching point without its
// central school, a county code that is not 6 digits of a province).
SchoolData make_demo_school(const std::string& code, int year, const DemoShape& shape, std::uint64_t seed);

// --- a demo county ---

// The most schools one county's codes hold: serials 0001–9999 after the county code.
inline constexpr int kMaxDemoCountySchools = 9999;

// School `index` (0-based) of a demo county: its 10-digit code, the county code followed by
// the serial index + 1 in 4 digits. Throws std::invalid_argument outside 0 ≤ index < 9999 or
// for a county code that is not 6 digits.
std::string demo_school_code(std::string_view county_code, int index);

// School `index`'s shape. Every block of 20 indexes holds 9 small rural primary schools, 4
// teaching points, 3 junior schools, 2 nine-year schools and 2 large town or urban schools
// (primary, junior, now and then a complete secondary school), in an order drawn from the
// seed; index 0 is the county town's central primary school. A teaching point's central
// school is the nearest lower index with a primary stage in the same town (within 400
// indexes), else the nearest lower one. Names (county + town + place + kind) are unique within
// the county. Costs a few microseconds and nothing else.
DemoShape demo_county_shape(std::string_view county_code, int index, std::uint64_t seed);
// The seed school `index`'s data is drawn from.
std::uint64_t demo_county_school_seed(std::uint64_t seed, int index);

struct DemoCountySchool {
    std::string code;
    DemoShape shape;
    std::uint64_t seed = 0;
    int year = 0;
};

// The first `schools` schools of the county (1 ≤ schools ≤ 9999), shapes only: their data is
// make_demo_school(school).
std::vector<DemoCountySchool> demo_county(int schools, const std::string& county_code, int year, std::uint64_t seed);
SchoolData make_demo_school(const DemoCountySchool& school);

}  // namespace jh::domain
