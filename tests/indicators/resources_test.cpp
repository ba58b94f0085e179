// The 7 resource indicators of one school part: counting, splitting, thresholds at their
// limits, the 6-of-7 rule with its 85% floor, and the gaps in the school's own terms.
#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "indicators/resources.hpp"

using namespace jh::indicators;
using namespace fixtures;

namespace {
const RulePack& national() { return find_pack("national"); }
}  // namespace

TEST_CASE("each threshold exactly at its limit is met, and just under it is not") {
    const auto at_limit = primary_at_thresholds();
    const auto verdict = judge(at_limit, national(), 2025);
    CHECK(verdict.met == 7);
    CHECK(verdict.pass);
    const double just_under[] = {41, 9, 8, 4499.99, 7499.99, 1'999'999.99, 22};
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        CAPTURE(i);
        auto part = at_limit;
        part.amounts[i] = just_under[i];
        const auto v = judge(part, national(), 2025);
        CHECK_FALSE(v.results[i].met);
        CHECK(v.met == 6);
        CHECK(v.pass);   // the seventh is above 85%
    }
}

TEST_CASE("a value computed through a per-pupil division still passes exactly at the limit") {
    // 21 teachers for 500 pupils is exactly 4.2 per hundred.
    PartQuantities part = primary_at_thresholds();
    part.pupils = 500;
    part.amounts = {21, 5, 4.5, 2250, 3750, 1'000'000, 11.5};
    CHECK(judge(part, national(), 2025).met == 7);
}

TEST_CASE("the 85% rule: six met and the seventh exactly at 85% passes, just under fails") {
    auto part = primary_at_thresholds();
    part.amounts[4] = 6375;   // 6.375 m² = 0.85 × 7.5
    auto v = judge(part, national(), 2025);
    CHECK(v.met == 6);
    CHECK(v.results[4].above_floor);
    CHECK(v.pass);
    part.amounts[4] = 6374;
    v = judge(part, national(), 2025);
    CHECK_FALSE(v.pass);
    REQUIRE(v.fixes.size() == 1);
    CHECK(v.fixes[0].item == "R5");
    CHECK(v.fixes[0].amount == 1);   // up to the floor is enough
    CHECK(v.fixes[0].text.zh == "需增加 1 m² 体育运动场馆面积（达到标准的 85% 即可满足 6/7 判定）");
    REQUIRE(v.gaps.size() == 1);
    CHECK(v.gaps[0].text.zh == "需增加 1126 m² 体育运动场馆面积");
}

TEST_CASE("two indicators short, both above the floor: fixing either one passes, smaller change first") {
    auto part = primary_at_thresholds();
    part.amounts[4] = 7160;      // R5 short by 340 m² (4.5% of the standard)
    part.amounts[0] = 41;        // R1 short by 1 teacher (2.4%)
    const auto v = judge(part, national(), 2025);
    CHECK_FALSE(v.pass);
    REQUIRE(v.gaps.size() == 2);
    CHECK(v.gaps[0].text.zh == "需再配备 1 名专科及以上学历专任教师");
    CHECK(v.gaps[1].text.zh == "需增加 340 m² 体育运动场馆面积");
    CHECK(v.gaps[1].text.en == "add 340 m² of sports grounds or halls");
    REQUIRE(v.fixes.size() == 2);
    CHECK(v.fixes[0].item == "R1");
    CHECK(v.fixes[1].item == "R5");
}

TEST_CASE("three indicators short: no single change is enough") {
    auto part = primary_at_thresholds();
    part.amounts[0] = 41;
    part.amounts[1] = 9;
    part.amounts[2] = 8;
    const auto v = judge(part, national(), 2025);
    CHECK_FALSE(v.pass);
    CHECK(v.gaps.size() == 3);
    CHECK(v.fixes.empty());
}

TEST_CASE("junior R1 counts bachelor or higher, and the gap names it") {
    auto d = school(SchoolType::Junior, 2025, 0, 1000);
    for (Id i = 1; i <= 51; ++i) d.staff.push_back(teacher(i, Stage::Junior, Education::Bachelor));
    d.staff.push_back(teacher(60, Stage::Junior, Education::Associate));            // below junior's level
    auto substitute = teacher(61, Stage::Junior, Education::Postgraduate);
    substitute.category = StaffCategory::Substitute;                                 // not a full-time teacher
    d.staff.push_back(substitute);
    const auto parts = parts_of(d, national());
    REQUIRE(parts.size() == 1);
    CHECK(parts[0].amounts[0] == 51);
    const auto v = judge(parts[0], national(), 2025);
    CHECK(v.gaps[0].text.zh == "需再配备 2 名本科及以上学历专任教师");
    CHECK(v.gaps[0].text.en == "add 2 full-time teachers with bachelor or higher");
}

TEST_CASE("what R2-R7 count: backbone level, PE/music/art, building use, grounds, instruments, multimedia rooms") {
    auto d = school(SchoolType::Primary, 2025, 100);
    auto b1 = teacher(1, Stage::Primary);
    b1.backbone = BackboneLevel::County;
    b1.pe = true;
    auto b2 = teacher(2, Stage::Primary);
    b2.backbone = BackboneLevel::School;   // below county level
    b2.music = true;
    d.staff = {b1, b2};
    d.buildings = {building("教学楼", 300), building("办公楼", 100, BuildingUse::Office), building("风雨操场", 200, BuildingUse::IndoorSports)};
    d.grounds = {ground(600), ground(200, GroundKind::Indoor), ground(500, GroundKind::Outdoor, false)};
    d.equipment = {equipment(150000), equipment(90000, EquipmentCategory::Instrument, Date{2024, 1, 1}),
                   equipment(70000, EquipmentCategory::Other)};
    d.rooms = {room(RoomKind::Multimedia), room(RoomKind::Multimedia), room(RoomKind::Music)};
    auto a = parts_of(d, national())[0].amounts;
    CHECK(a[1] == 1);
    CHECK(a[2] == 2);
    CHECK(a[3] == 300);      // indoor sports counted in R5 only by default
    CHECK(a[4] == 800);      // rented ground not counted under the national pack
    CHECK(a[5] == 150000);
    CHECK(a[6] == 2);
    auto pack = national();
    pack.settings.indoor_sports_in_r4 = true;
    pack.settings.rented_grounds_in_r5 = true;
    a = parts_of(d, pack)[0].amounts;
    CHECK(a[3] == 500);
    CHECK(a[4] == 1300);
}

TEST_CASE("split check: 200 primary + 100 junior pupils, 10,000 shared units, 1 : 1.1 rule gives ≈ 6451.6 to primary") {
    auto d = school(SchoolType::NineYear, 2025, 200, 100);
    d.buildings = {building("共用教学楼", 10000), building("初中实验楼", 50, BuildingUse::Lab, Stage::Junior)};
    auto pack = national();
    pack.settings.shared_split = SharedSplit::WeightedShare;
    auto parts = parts_of(d, pack);
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].stage == Stage::Primary);
    CHECK(parts[0].amounts[3] == doctest::Approx(6451.6129).epsilon(1e-8));
    CHECK(parts[1].amounts[3] == doctest::Approx(10000 - 6451.6129 + 50).epsilon(1e-8));
    parts = parts_of(d, national());   // plain student share
    CHECK(parts[0].amounts[3] == doctest::Approx(6666.6667).epsilon(1e-8));
    CHECK(parts[1].pupils == 100);
}

TEST_CASE("pupils come from grade rolls, or from classes for a stage without rolls") {
    auto d = school(SchoolType::Primary, 2025, 0);
    d.classes = {klass(Stage::Primary, 1, 1, 40), klass(Stage::Primary, 1, 2, 42)};
    CHECK(stage_pupils(d, Stage::Primary) == 82);
    d.grades = {roll(Stage::Primary, 1, 85)};
    CHECK(stage_pupils(d, Stage::Primary) == 85);
}

TEST_CASE("a part without pupils is a clear error, not a division by zero") {
    auto part = primary_at_thresholds();
    part.pupils = 0;
    CHECK_THROWS_WITH_AS(judge(part, national(), 2025), doctest::Contains("has no pupils"), jh::domain::Rejected);
}
