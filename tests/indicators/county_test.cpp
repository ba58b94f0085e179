// The county computation: the student-weighted CV exactly as the policy writes it, limits at
// full precision, borderline flags, failing parts, contributors, and what-if.
#include <doctest/doctest.h>

#include <cmath>

#include "fixtures.hpp"
#include "indicators/county.hpp"

using namespace jh::indicators;
using namespace fixtures;

namespace {

const RulePack& national() { return find_pack("national"); }

// Parts at the primary thresholds except R4, which holds `area` for `pupils`.
std::vector<PartQuantities> with_r4(const std::vector<std::pair<double, double>>& pupils_area) {
    std::vector<PartQuantities> parts;
    for (const auto& [pupils, area] : pupils_area) {
        auto p = primary_at_thresholds(std::to_string(parts.size() + 1));
        for (auto& a : p.amounts) a *= pupils / 1000;
        p.pupils = pupils;
        p.amounts[3] = area;
        parts.push_back(p);
    }
    return parts;
}

}  // namespace

TEST_CASE("the policy's CV check: 0.13972 weighted, not 0.26030 or 0.30057 unweighted") {
    const County county(with_r4({{120, 540}, {300, 1650}, {60, 150}, {520, 2600}}), national(), 2025);
    const auto result = county.result();
    REQUIRE(result.stages.size() == 1);
    const auto& r4 = result.stages[0].indicators[3];
    CHECK(r4.mean == doctest::Approx(4.94).epsilon(1e-12));
    CHECK(r4.sd == doctest::Approx(std::sqrt(0.4764)).epsilon(1e-12));
    CHECK(r4.cv == doctest::Approx(std::sqrt(0.4764) / 4.94).epsilon(1e-12));
    CHECK(std::round(r4.cv * 1e6) / 1e6 == 0.13972);
    CHECK(std::abs(r4.cv - 0.26030) > 0.1);
    CHECK(std::abs(r4.cv - 0.30057) > 0.1);
    CHECK(r4.pass);
    CHECK(result.stages[0].indicators[0].cv == doctest::Approx(0).scale(1));   // equal per-pupil values
}

TEST_CASE("a CV of 0.501 fails the primary limit of 0.50, exactly 0.50 passes, both are borderline") {
    auto over = County(with_r4({{1000, 1501}, {1000, 499}}), national(), 2025).result().stages[0];
    CHECK(over.indicators[3].cv == doctest::Approx(0.501).epsilon(1e-12));
    CHECK_FALSE(over.indicators[3].pass);
    CHECK(over.indicators[3].borderline);
    CHECK_FALSE(over.pass);
    auto at = County(with_r4({{1000, 1500}, {1000, 500}}), national(), 2025).result().stages[0];
    CHECK(at.indicators[3].pass);
    CHECK(at.indicators[3].borderline);
    auto clear = County(with_r4({{1000, 1400}, {1000, 600}}), national(), 2025).result().stages[0];
    CHECK_FALSE(clear.indicators[3].borderline);   // 0.40
}

TEST_CASE("the junior limit is 0.45") {
    auto parts = with_r4({{1000, 1460}, {1000, 540}});   // CV 0.46
    for (auto& p : parts) p.stage = Stage::Junior;
    const auto st = County(parts, national(), 2025).result().stages[0];
    CHECK(st.stage == Stage::Junior);
    CHECK(st.indicators[3].limit == 0.45);
    CHECK_FALSE(st.indicators[3].pass);
}

TEST_CASE("the 综合 column is the plain mean of the 7 CVs") {
    const auto st = County(with_r4({{120, 540}, {300, 1650}, {60, 150}, {520, 2600}}), national(), 2025).result().stages[0];
    CHECK(st.composite == doctest::Approx(0.1397201 / 7).epsilon(1e-5));
}

TEST_CASE("parts failing the 6-of-7 rule are listed by code") {
    auto parts = with_r4({{1000, 4500}, {1000, 4500}, {1000, 4500}});
    parts[1].amounts[0] = 30;   // R1 below 85%
    const auto st = County(parts, national(), 2025).result().stages[0];
    CHECK(st.failing_parts == std::vector<std::string>{"2"});
    CHECK(st.rows.size() == 3);
}

TEST_CASE("the school contributing most to a CV comes first, with its share of S²") {
    const auto st = County(with_r4({{120, 540}, {300, 1650}, {60, 150}, {520, 2600}}), national(), 2025).result().stages[0];
    const auto& top = st.indicators[3].top;
    REQUIRE(top.size() == 3);
    CHECK(top[0].code == "3");                                    // 60 pupils at 2.5 m²
    CHECK(top[0].share == doctest::Approx(357.216 / 476.4).epsilon(1e-9));
    CHECK(top[1].code == "2");
}

TEST_CASE("what-if after one edit equals a full recomputation") {
    auto parts = with_r4({{120, 540}, {300, 1650}, {60, 150}, {520, 2600}});
    County county(parts, national(), 2025);
    auto changed = parts[2];
    changed.amounts[3] = 300;      // the small school doubles its area
    changed.amounts[0] = 1;        // and loses teachers: fails 6-of-7
    const auto w = county.what_if(changed);
    parts[2] = changed;
    const auto fresh = County(parts, national(), 2025).result().stages[0];
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        CAPTURE(i);
        CHECK(w.indicators[i].mean == doctest::Approx(fresh.indicators[i].mean).epsilon(1e-12));
        CHECK(w.indicators[i].cv == doctest::Approx(fresh.indicators[i].cv).epsilon(1e-9));
    }
    CHECK_FALSE(w.part_passes);
    CHECK(w.failing_parts == 1);
    county.apply(changed);
    CHECK(county.result().stages[0].failing_parts == std::vector<std::string>{"3"});
}

TEST_CASE("when nobody has a resource the CV is 0, not NaN") {
    auto parts = with_r4({{100, 0}, {200, 0}});
    const auto st = County(parts, national(), 2025).result().stages[0];
    CHECK(st.indicators[3].cv == 0);
    CHECK(st.indicators[3].pass);
}

TEST_CASE("empty input, zero pupils, negative quantities and duplicates are clear errors") {
    using jh::domain::Rejected;
    CHECK_THROWS_WITH_AS(County({}, national(), 2025), doctest::Contains("no school parts"), Rejected);
    auto parts = with_r4({{100, 450}});
    parts[0].pupils = 0;
    CHECK_THROWS_WITH_AS(County(parts, national(), 2025), doctest::Contains("number of pupils must be greater than 0"), Rejected);
    parts = with_r4({{100, -1}});
    CHECK_THROWS_WITH_AS(County(parts, national(), 2025), doctest::Contains("R4 quantity"), Rejected);
    parts = with_r4({{100, 450}, {100, 450}});
    parts[1].code = parts[0].code;
    CHECK_THROWS_WITH_AS(County(parts, national(), 2025), doctest::Contains("appears twice"), Rejected);
    County county(with_r4({{100, 450}}), national(), 2025);
    auto stranger = county.parts()[0];
    stranger.code = "elsewhere";
    CHECK_THROWS_AS(county.what_if(stranger), Rejected);
}

TEST_CASE("county parts from whole schools: special education and small teaching points left out, larger points merged per the pack") {
    auto central = school(SchoolType::Primary, 2025, 400);
    central.school.code = "3201000010";
    auto point = school(SchoolType::TeachingPoint, 2025, 60);
    point.school.code = "3201000011";
    point.school.central_school_code = "3201000010";
    point.buildings = {building("教学点教室", 300)};
    auto tiny = school(SchoolType::TeachingPoint, 2025, 49);
    tiny.school.code = "3201000012";
    auto special = school(SchoolType::SpecialEducation, 2025, 80);
    special.school.code = "3201000013";
    const std::vector<SchoolData> schools{central, point, tiny, special};

    auto own = county_parts(schools, national());   // national: teaching points ≥ 50 are their own unit
    CHECK(own.parts.size() == 2);
    REQUIRE(own.excluded.size() == 2);
    CHECK(own.excluded[0].school == 2);
    CHECK(own.excluded[1].school == 3);

    auto pack = national();
    pack.settings.teaching_points = TeachingPoints::MergeIntoCentral;
    auto merged = county_parts(schools, pack);
    REQUIRE(merged.parts.size() == 1);
    CHECK(merged.parts[0].code == "3201000010");
    CHECK(merged.parts[0].pupils == 460);
    CHECK(merged.parts[0].amounts[3] == 300);

    auto orphan = county_parts({point}, pack);   // its central school is not among the inputs
    REQUIRE(orphan.parts.size() == 1);
    CHECK(orphan.parts[0].code == "3201000011");
}
