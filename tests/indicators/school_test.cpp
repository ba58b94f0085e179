// One school's items under the national pack: class sizes, room counts, training, rotation,
// certificates, retention, spending, and the report's structure.
#include <doctest/doctest.h>

#include <algorithm>

#include "fixtures.hpp"
#include "indicators/school.hpp"

using namespace jh::indicators;
using namespace fixtures;

namespace {

const RulePack& national() { return find_pack("national"); }

std::vector<std::string> gap_texts(const ItemResult& item) {
    std::vector<std::string> out;
    for (const auto& g : item.gaps) out.push_back(g.text.zh);
    return out;
}

// A nine-year school with one class per grade of each stage, and each grade's roll.
SchoolData nine_year(int year = 2025) {
    auto d = school(SchoolType::NineYear, year, 0);
    for (int g = 1; g <= 6; ++g) {
        d.classes.push_back(klass(Stage::Primary, g, 1, 45));
        d.grades.push_back(roll(Stage::Primary, g, 45));
    }
    for (int g = 1; g <= 3; ++g) {
        d.classes.push_back(klass(Stage::Junior, g, 1, 50));
        d.grades.push_back(roll(Stage::Junior, g, 50));
    }
    return d;
}

}  // namespace

TEST_CASE("a nine-year school gives a primary and a junior part") {
    const auto r = evaluate(nine_year(), national());
    REQUIRE(r.parts.size() == 2);
    CHECK(r.parts[0].quantities.stage == Stage::Primary);
    CHECK(r.parts[0].quantities.pupils == 270);
    CHECK(r.parts[1].quantities.stage == Stage::Junior);
    CHECK(r.year == 2025);
    CHECK_FALSE(r.not_computed.empty());
}

TEST_CASE("G5: classes exactly at the limit pass, over it each class is named with its excess") {
    auto d = nine_year();
    auto r = evaluate(d, national());
    CHECK(find_item(r.parts[0].items, "G5").status == Status::Pass);   // 45 primary
    CHECK(find_item(r.parts[1].items, "G5").status == Status::Pass);   // 50 junior
    d.classes.push_back(klass(Stage::Primary, 1, 3, 49));
    d.classes.push_back(klass(Stage::Junior, 2, 2, 51));
    r = evaluate(d, national());
    const auto& primary = find_item(r.parts[0].items, "G5");
    CHECK(primary.status == Status::Fail);
    CHECK(gap_texts(primary) == std::vector<std::string>{"一(3)班超出 4 人"});
    CHECK(primary.gaps[0].text.en == "primary grade 1 class 3 is 4 over");
    CHECK(gap_texts(find_item(r.parts[1].items, "G5")) == std::vector<std::string>{"初二(2)班超出 1 人"});
}

TEST_CASE("G3: one music and one art room per 12 classes, rounded up, each of the minimum size") {
    auto d = school(SchoolType::Primary, 2025, 540);
    for (int i = 1; i <= 12; ++i) d.classes.push_back(klass(Stage::Primary, (i - 1) / 2 + 1, i % 2 + 1, 45));
    d.rooms = {room(RoomKind::Music, "音乐1", 96), room(RoomKind::Art, "美术1", 90)};
    auto g3 = find_item(evaluate(d, national()).items, "G3");
    CHECK(g3.threshold == 1);
    CHECK(g3.status == Status::Pass);
    d.classes.push_back(klass(Stage::Primary, 6, 3, 40));   // 13 classes need 2 of each
    d.rooms.push_back(room(RoomKind::Music, "音乐2", 80));
    g3 = find_item(evaluate(d, national()).items, "G3");
    CHECK(g3.threshold == 2);
    CHECK(g3.status == Status::Fail);
    CHECK(gap_texts(g3) == std::vector<std::string>{"音乐教室“音乐2”面积 80 m²，需扩建至 96 m²", "需再建 1 间美术教室（每间不小于 90 m²）"});
    auto pack = national();
    pack.items.g3.area_allowance = 0.2;   // older schools may keep rooms of 80% size
    CHECK(find_item(evaluate(d, pack).items, "G3").gaps.size() == 1);
}

TEST_CASE("G4: school size limit for a single-stage and a nine-year school") {
    auto d = school(SchoolType::Primary, 2025, 2000);
    CHECK(find_item(evaluate(d, national()).items, "G4").status == Status::Pass);
    d.grades[0].pupils = 2001;
    const auto g4 = find_item(evaluate(d, national()).items, "G4");
    CHECK(g4.status == Status::Fail);
    CHECK(g4.gaps[0].amount == 1);
    CHECK(find_item(evaluate(school(SchoolType::NineYear, 2025, 1600, 900), national()).items, "G4").status == Status::Pass);
}

TEST_CASE("G9: teachers short of 360 hours in the cycle are listed, mid-cycle it is in progress") {
    auto d = school(SchoolType::Primary, 2026, 300);
    d.staff = {teacher(1, Stage::Primary), teacher(2, Stage::Primary)};
    d.staff[1].name = "李四";
    d.training = {training(1, {2023, 3, 1}, 360), training(2, {2022, 3, 1}, 300), training(2, {2026, 5, 1}, 20),
                  training(2, {2021, 5, 1}, 100)};   // the last one in the previous cycle
    auto g9 = find_item(evaluate(d, national()).items, "G9");
    CHECK(g9.status == Status::Fail);   // 2026 closes the 2022–2026 cycle
    CHECK(gap_texts(g9) == std::vector<std::string>{"李四还差 40 学时（已完成 320 学时）"});
    d.year.year = 2024;
    CHECK(find_item(evaluate(d, national()).items, "G9").status == Status::InProgress);
}

TEST_CASE("G11: rotation 10% of eligible teachers, backbone 20% of those rotated") {
    auto d = school(SchoolType::Primary, 2025, 300);
    for (Id i = 1; i <= 20; ++i) {
        auto t = teacher(i, Stage::Primary);
        t.rotation_eligible = true;
        d.staff.push_back(t);
    }
    d.staff[0].rotation = Rotation::Out;
    auto g11 = find_item(evaluate(d, national()).items, "G11");
    CHECK(g11.status == Status::Fail);
    CHECK(gap_texts(g11) == std::vector<std::string>{"需再交流 1 名教师，其中再有 1 名县级及以上骨干教师参与交流"});
    d.staff[1].rotation = Rotation::Out;
    d.staff[1].backbone = BackboneLevel::City;
    CHECK(find_item(evaluate(d, national()).items, "G11").status == Status::Pass);   // 2/20 = 10%, 1/2 backbone
}

TEST_CASE("G12 certificates, Q4 training spending at 5%, G6 small rural funding") {
    auto d = school(SchoolType::Primary, 2025, 80);
    d.school.location = Location::Rural;
    d.staff = {teacher(1, Stage::Primary), teacher(2, Stage::Primary)};
    d.staff[1].certified = false;
    d.funds = {funds(2025, 200000, 10000, 80)};
    auto r = evaluate(d, national());
    CHECK(find_item(r.items, "G12").status == Status::Fail);
    CHECK(find_item(r.items, "G12").gaps[0].text.zh == "需再有 1 名专任教师取得教师资格证（未持证：教师2）");
    CHECK(find_item(r.items, "Q4").status == Status::Pass);   // exactly 5%
    const auto& g6 = find_item(r.items, "G6");
    CHECK(g6.status == Status::Fail);
    CHECK(g6.gaps[0].amount == 20);
    d.funds[0].training_spending = 9999;
    CHECK(gap_texts(find_item(evaluate(d, national()).items, "Q4")) == std::vector<std::string>{"需再安排教师培训经费 1 元"});
}

TEST_CASE("Q1: junior retention of the cohort finishing this year, not assessed for primary nationally") {
    auto d = nine_year();
    d.cohorts = {cohort(Stage::Junior, 2023, 100, 95, 2, 2), cohort(Stage::Junior, 2024, 100, 50)};   // the second has not finished
    auto r = evaluate(d, national());
    CHECK(find_item(r.parts[1].items, "Q1").status == Status::Pass);
    CHECK(find_item(r.parts[0].items, "Q1").status == Status::NotApplicable);
    d.cohorts[0].current = 94;
    const auto q1 = find_item(evaluate(d, national()).parts[1].items, "Q1");
    CHECK(q1.status == Status::Fail);
    CHECK(q1.gaps[0].amount == 1);
}

TEST_CASE("a school without compulsory pupils is a clear error — a stage without pupils is only no part") {
    CHECK_THROWS_WITH_AS(evaluate(school(SchoolType::Primary, 2025, 0), national()), doctest::Contains("no compulsory-stage pupils"),
                         jh::domain::Rejected);
    auto d = nine_year();
    d.grades.erase(std::remove_if(d.grades.begin(), d.grades.end(), [](auto& g) { return g.stage == Stage::Junior; }), d.grades.end());
    d.classes.erase(std::remove_if(d.classes.begin(), d.classes.end(), [](auto& c) { return c.stage == Stage::Junior; }), d.classes.end());
    const auto r = evaluate(d, national());
    CHECK(r.parts.size() == 1);
    CHECK(r.empty_stages.at(0).stage == Stage::Junior);
}

TEST_CASE("teaching points: small ones are out of scope, larger ones per the pack") {
    auto d = school(SchoolType::TeachingPoint, 2025, 49);
    d.school.central_school_code = "3201000009";
    CHECK(evaluate(d, national()).scope_note.has_value());
    d.grades[0].pupils = 50;
    CHECK_FALSE(evaluate(d, national()).scope_note.has_value());
    auto pack = national();
    pack.settings.teaching_points = TeachingPoints::MergeIntoCentral;
    CHECK(evaluate(d, pack).scope_note->zh.find("3201000009") != std::string::npos);
}
