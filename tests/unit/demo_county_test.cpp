// The demo county: schools of every shape valid for many seeds, the county's mix of types and
// sizes, unique codes and names, teaching points tied to a central school of the county,
// schools that differ in how well they meet the indicators, and determinism.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>

#include "domain/demo.hpp"
#include "domain/record_json.hpp"
#include "domain/validation.hpp"

using namespace jh::domain;

namespace {

const std::string kCounty(kDemoCountyCode);

std::string canonical(const SchoolData& d) {
    std::string out = record_json(d.school).dump() + "\n" + record_json(d.year).dump() + "\n";
    for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        for (const auto& record : records_of<R>(d)) out += record_json(record).dump() + "\n";
    });
    return out;
}

int pupils(const SchoolData& d) {
    int sum = 0;
    for (const auto& g : d.grades) sum += g.pupils;
    return sum;
}

// Names are county + town (…镇 or …乡) + place + kind; a county-seat school has no town.
std::string town_of(const std::string& name) {
    const auto end = std::min(name.find("镇"), name.find("乡"));
    return end == std::string::npos ? "" : name.substr(0, end);
}

int teachers(const SchoolData& d) {
    return static_cast<int>(std::count_if(d.staff.begin(), d.staff.end(), [](const Staff& s) {
        return s.category == StaffCategory::FullTime || s.category == StaffCategory::Substitute;
    }));
}

DemoShape shape(SchoolType type, Location location, DemoStage primary, DemoStage junior = {}, DemoStage senior = {}) {
    DemoShape s;
    s.name = "测试县测试镇" + std::string(zh(type));
    s.type = type;
    s.location = location;
    s.primary = primary;
    s.junior = junior;
    s.senior = senior;
    return s;
}

// One of each kind of school a county has, and the rarer ones, at the edges of their sizes
// (the large ones with fewer classes than they may have: validating a school is what costs).
std::vector<DemoShape> village_shapes() {
    std::vector<DemoShape> all;
    all.push_back(shape(SchoolType::Primary, Location::Rural, {1, 3, 12}));
    all.push_back(shape(SchoolType::Primary, Location::Rural, {2, 25, 45}));
    all.back().boarding = true;
    all.push_back(shape(SchoolType::Primary, Location::Rural, {1, 2, 9}));
    all.back().mixed_grades = true;
    auto point = shape(SchoolType::TeachingPoint, Location::Rural, {1, 2, 8});
    point.central_school_code = "3607260001";
    point.primary_grades = 3;
    point.mixed_grades = true;
    all.push_back(point);
    point.primary_grades = 4;
    all.push_back(point);
    point.primary = {2, 4, 14};
    point.mixed_grades = false;
    all.push_back(point);
    point.primary = {1, 1, 3};
    point.primary_grades = 1;
    all.push_back(point);
    return all;
}

std::vector<DemoShape> secondary_shapes() {
    std::vector<DemoShape> all{demo_school_shape()};
    all.push_back(shape(SchoolType::Junior, Location::Rural, {}, {2, 35, 48}));
    all.back().boarding = true;
    all.push_back(shape(SchoolType::NineYear, Location::Town, {1, 20, 30}, {1, 35, 42}));
    return all;
}

std::vector<DemoShape> large_shapes() {
    std::vector<DemoShape> all;
    all.push_back(shape(SchoolType::Primary, Location::Urban, {3, 44, 56}));
    all.back().township_central = true;
    all.push_back(shape(SchoolType::Junior, Location::Town, {}, {4, 48, 56}));
    all.push_back(shape(SchoolType::CompleteSecondary, Location::Town, {}, {2, 45, 52}, {2, 48, 56}));
    all.back().boarding = true;
    all.push_back(shape(SchoolType::TwelveYear, Location::Urban, {1, 40, 45}, {1, 45, 50}, {1, 45, 55}));
    return all;
}

void check_fifty_seeds(const std::vector<DemoShape>& shapes) {
    for (const auto& s : shapes)
        for (std::uint64_t seed = 1; seed <= 50; ++seed) {
            CAPTURE(s.name);
            CAPTURE(s.primary_grades);
            CAPTURE(seed);
            const auto d = make_demo_school("3607261234", 2025, s, seed);
            for (const auto& issue : validate(d))
                if (issue.severity == Severity::Error) FAIL_CHECK(issue.message.en);
            CHECK(d.school.type == s.type);
            CHECK(pupils(d) > 0);
            CHECK(d.funds.size() == 1);
        }
}

}  // namespace

TEST_CASE("demo county: village primaries and teaching points are valid for 50 seeds each") {
    check_fifty_seeds(village_shapes());
}

TEST_CASE("demo county: junior, nine-year and the demo's own shape are valid for 50 seeds each") {
    check_fifty_seeds(secondary_shapes());
}

TEST_CASE("demo county: large town and urban, complete secondary and twelve-year shapes are valid for 50 seeds each") {
    check_fifty_seeds(large_shapes());
}

TEST_CASE("demo county: the first schools of two counties are valid") {
    for (const auto& [county, count, seed] : {std::tuple{kCounty, 80, std::uint64_t{7}}, std::tuple{std::string("520328"), 40, std::uint64_t{99}}})
        for (const auto& school : demo_county(count, county, 2025, seed)) {
            CAPTURE(school.code);
            CAPTURE(school.shape.name);
            const auto d = make_demo_school(school);
            CHECK(d.school.code == school.code);
            CHECK(d.school.county_code == county);
            for (const auto& issue : validate(d))
                if (issue.severity == Severity::Error) FAIL_CHECK(issue.message.en);
        }
}

TEST_CASE("demo county: the mix of a county — village primaries, teaching points, junior, nine-year, large schools") {
    for (std::uint64_t seed : {1, 2, 3}) {
        std::map<std::string, int> kinds;
        for (const auto& school : demo_county(200, kCounty, 2025, seed)) {
            const auto& s = school.shape;
            if (s.type == SchoolType::TeachingPoint) ++kinds["teaching point"];
            else if (s.type == SchoolType::NineYear) ++kinds["nine-year"];
            else if (s.type == SchoolType::Primary && s.primary.classes <= 2 && s.location == Location::Rural) ++kinds["small primary"];
            else if (s.type == SchoolType::Junior && s.junior.classes <= 5) ++kinds["junior"];
            else if (s.location != Location::Rural && (s.type == SchoolType::Primary || s.type == SchoolType::Junior ||
                                                       s.type == SchoolType::CompleteSecondary))
                ++kinds["large"];
            else ++kinds["other"];
        }
        CAPTURE(seed);
        auto near = [&](const std::string& kind, double share) {
            CAPTURE(kind);
            CHECK(kinds[kind] >= 200 * share * 0.9);
            CHECK(kinds[kind] <= 200 * share * 1.1);
        };
        near("small primary", 0.45);
        near("teaching point", 0.20);
        near("junior", 0.15);
        near("nine-year", 0.10);
        near("large", 0.10);
        CHECK(kinds["other"] == 0);
    }
}

TEST_CASE("demo county: codes are 10 digits after the county code, codes and names unique") {
    CHECK(demo_school_code(kCounty, 0) == "3607260001");
    CHECK(demo_school_code("110105", 9998) == "1101059999");
    CHECK_THROWS_AS(demo_school_code(kCounty, 9999), std::invalid_argument);
    CHECK_THROWS_AS(demo_school_code(kCounty, -1), std::invalid_argument);
    CHECK_THROWS_AS(demo_school_code("36072", 0), std::invalid_argument);
    CHECK_THROWS_AS(demo_county(0, kCounty, 2025, 1), std::invalid_argument);
    const auto county = demo_county(kMaxDemoCountySchools, kCounty, 2025, 5);
    std::set<std::string> codes, names;
    for (const auto& school : county) {
        CHECK(school.code.size() == 10);
        CHECK(school.code.starts_with(kCounty));
        CHECK(school.shape.name.starts_with("安远县"));
        codes.insert(school.code);
        names.insert(school.shape.name);
    }
    CHECK(codes.size() == county.size());
    CHECK(names.size() == county.size());
    CHECK(county.front().shape.name == "安远县城关镇中心小学");
}

TEST_CASE("demo county: each teaching point names a primary or nine-year school of the county, mostly of its town") {
    const auto county = demo_county(400, kCounty, 2025, 11);
    std::map<std::string, const DemoCountySchool*> by_code;
    for (const auto& school : county) by_code[school.code] = &school;
    int points = 0, same_town = 0;
    for (const auto& school : county) {
        if (school.shape.type != SchoolType::TeachingPoint) {
            CHECK_FALSE(school.shape.central_school_code);
            continue;
        }
        ++points;
        REQUIRE(school.shape.central_school_code);
        const auto central = by_code.find(*school.shape.central_school_code);
        REQUIRE(central != by_code.end());
        const auto type = central->second->shape.type;
        CHECK((type == SchoolType::Primary || type == SchoolType::NineYear));
        CHECK(central->second->code < school.code);
        same_town += town_of(school.shape.name) == town_of(central->second->shape.name);
    }
    CHECK(points == 80);
    CHECK(same_town >= points * 3 / 4);
}

TEST_CASE("demo county: sizes as real schools — teaching points tiny, large schools large") {
    for (const auto& school : demo_county(100, kCounty, 2025, 3)) {
        const auto d = make_demo_school(school);
        CAPTURE(school.shape.name);
        switch (school.shape.type) {
            case SchoolType::TeachingPoint:
                CHECK(teachers(d) >= 3);
                CHECK(teachers(d) <= 8);
                CHECK(pupils(d) <= 120);
                CHECK(d.grades.size() <= 4);
                break;
            case SchoolType::Primary:
                if (school.shape.location == Location::Rural) {
                    CHECK(pupils(d) <= 500);
                    CHECK(teachers(d) >= 6);
                } else {
                    CHECK(pupils(d) >= 900);
                }
                break;
            case SchoolType::Junior:
            case SchoolType::NineYear: CHECK(pupils(d) >= 200); break;
            default: break;
        }
        // Teachers for pupils as a real school has them: 1 per 4–23 pupils outside teaching
        // points (a village school of six small classes has more teachers than the 1:19 norm).
        if (school.shape.type != SchoolType::TeachingPoint) {
            CHECK(pupils(d) >= teachers(d) * 4);
            CHECK(pupils(d) <= teachers(d) * 23);
        }
    }
}

TEST_CASE("demo county: schools differ in how well they meet the indicators") {
    // Simple per-school measures (the indicator engine is not in this layer): instrument value
    // per pupil (R6), multimedia rooms per 100 pupils (R7), class sizes (G5) and training share (Q4).
    int r6_met = 0, r6_short = 0, r7_met = 0, r7_short = 0, g5_met = 0, g5_short = 0, q4_met = 0, q4_short = 0;
    for (const auto& school : demo_county(100, kCounty, 2025, 21)) {
        const auto d = make_demo_school(school);
        if (d.school.type == SchoolType::TeachingPoint || d.school.type == SchoolType::CompleteSecondary) continue;
        const bool junior = d.school.type == SchoolType::Junior;
        double value = 0;
        for (const auto& e : d.equipment)
            if (e.category == EquipmentCategory::Instrument && !e.disposed) value += e.book_value;
        (value / pupils(d) >= (junior ? 2500 : 2000) ? r6_met : r6_short)++;
        const auto media = std::count_if(d.rooms.begin(), d.rooms.end(), [](const Room& r) { return r.kind == RoomKind::Multimedia; });
        (100.0 * media / pupils(d) >= 2.4 ? r7_met : r7_short)++;
        const bool big_class = std::any_of(d.classes.begin(), d.classes.end(), [](const ClassGroup& c) {
            return c.pupils > (c.stage == Stage::Primary ? 45 : 50);
        });
        (big_class ? g5_short : g5_met)++;
        (d.funds.front().training_spending >= 0.05 * d.funds.front().public_budget ? q4_met : q4_short)++;
    }
    CHECK(r6_met >= 20);
    CHECK(r6_short >= 3);
    CHECK(r7_met >= 20);
    CHECK(r7_short >= 1);
    CHECK(g5_met >= 20);
    CHECK(g5_short >= 1);
    CHECK(q4_met >= 20);
    CHECK(q4_short >= 3);
}

TEST_CASE("demo county: the same arguments give the same schools, another seed others") {
    const auto a = demo_county(60, kCounty, 2025, 4);
    const auto b = demo_county(60, kCounty, 2025, 4);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].shape.name == b[i].shape.name);
        CHECK(a[i].seed == b[i].seed);
        CHECK(a[i].seed == demo_county_school_seed(4, static_cast<int>(i)));
        CHECK(demo_county_shape(kCounty, static_cast<int>(i), 4).name == a[i].shape.name);
    }
    for (int i : {0, 17})
        CHECK(canonical(make_demo_school(a[static_cast<std::size_t>(i)])) == canonical(make_demo_school(b[static_cast<std::size_t>(i)])));
    const auto other = demo_county(60, kCounty, 2025, 5);
    int same_names = 0;
    for (std::size_t i = 0; i < a.size(); ++i) same_names += a[i].shape.name == other[i].shape.name;
    CHECK(same_names <= 2);   // index 0, the county seat's school, is every seed's
    const auto shape = demo_school_shape();
    CHECK(canonical(make_demo_school("3607261234", 2025, shape, 9)) == canonical(make_demo_school("3607261234", 2025, shape, 9)));
    CHECK(canonical(make_demo_school("3607261234", 2025, shape, 9)) != canonical(make_demo_school("3607261234", 2025, shape, 10)));
}

TEST_CASE("demo county: a shape no school can have is refused with the reason") {
    auto bad = [](auto change) {
        auto s = demo_school_shape();
        change(s);
        return s;
    };
    const auto refuses = [](const DemoShape& s) { CHECK_THROWS_AS(make_demo_school("3607261234", 2025, s, 1), std::invalid_argument); };
    refuses(bad([](DemoShape& s) { s.senior = {1, 40, 45}; }));           // a nine-year school has no senior stage
    refuses(bad([](DemoShape& s) { s.junior = {}; }));                    // …and needs its junior classes
    refuses(bad([](DemoShape& s) { s.primary = {2, 50, 40}; }));          // sizes reversed
    refuses(bad([](DemoShape& s) { s.primary = {2, 40, 130}; }));         // above 120
    refuses(bad([](DemoShape& s) { s.county_code = "990000"; }));         // no province 99
    refuses(bad([](DemoShape& s) { s.type = SchoolType::TeachingPoint; s.junior = {}; }));   // no central school
    refuses(bad([](DemoShape& s) { s.mixed_grades = true; }));            // mixed classes in a nine-year school
    CHECK_THROWS_AS(make_demo_school("360726", 2025, demo_school_shape(), 1), std::invalid_argument);
    CHECK_NOTHROW(make_demo_school("3607261234", 2025, demo_school_shape(), 1));
}
