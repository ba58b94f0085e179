// Each local plan's distinctive rules, checked against the national pack's verdict on the same
// school where they differ.
#include <doctest/doctest.h>

#include <algorithm>

#include "fixtures.hpp"
#include "indicators/school.hpp"

using namespace jh::indicators;
using namespace fixtures;

namespace {

Status status_of(const std::vector<ItemResult>& items, const std::string& id) { return find_item(items, id).status; }

SchoolData primary_with_class(int year, int grade, int pupils) {
    auto d = school(SchoolType::Primary, year, pupils);
    d.classes = {klass(Stage::Primary, grade, 1, pupils)};
    return d;
}

}  // namespace

TEST_CASE("Chengdu Qingbaijiang: by 2018 no class of 60 or more and no new starting-grade class of 56, by 2020 45") {
    // Seed 000: "2018年基本消除60人以上超大班额" — 60人以上 includes 60.
    const auto& pack = find_pack("chengdu_qingbaijiang_2018");
    CHECK(status_of(evaluate(primary_with_class(2018, 3, 59), pack).parts[0].items, "G5") == Status::Pass);
    CHECK(status_of(evaluate(primary_with_class(2018, 3, 60), pack).parts[0].items, "G5") == Status::Fail);
    CHECK(status_of(evaluate(primary_with_class(2018, 1, 55), pack).parts[0].items, "G5") == Status::Pass);
    const auto starting = evaluate(primary_with_class(2019, 1, 56), pack);
    CHECK(find_item(starting.parts[0].items, "G5").gaps[0].text.zh == "一(1)班超出 1 人（起始年级不超过 55 人）");
    CHECK(status_of(evaluate(primary_with_class(2020, 3, 46), pack).parts[0].items, "G5") == Status::Fail);
    CHECK(status_of(evaluate(primary_with_class(2017, 3, 70), pack).parts[0].items, "G5") == Status::NotInForce);
}

TEST_CASE("Chengdu Qingbaijiang: one counselling teacher per 1000 pupils, rounded up") {
    const auto& pack = find_pack("chengdu_qingbaijiang_2018");
    auto d = school(SchoolType::Primary, 2020, 1001);
    auto c = teacher(1, Stage::Primary);
    c.counsellor = Counsellor::PartTime;
    d.staff = {c};
    const auto& item = find_item(evaluate(d, pack).items, "QBJ-1");
    CHECK(item.status == Status::Fail);
    CHECK(item.gaps[0].text.zh == "需再配备 1 名心理健康教育教师");
    d.grades[0].pupils = 1000;
    CHECK(status_of(evaluate(d, pack).items, "QBJ-1") == Status::Pass);
    const auto national = evaluate(d, find_pack("national"));
    CHECK(std::none_of(national.items.begin(), national.items.end(), [](const ItemResult& i) { return i.id == "QBJ-1"; }));
}

TEST_CASE("Chengdu Qingbaijiang: 95% of full-time teachers bachelor or higher from 2020") {
    const auto& pack = find_pack("chengdu_qingbaijiang_2018");
    auto d = school(SchoolType::Primary, 2020, 400);
    for (Id i = 1; i <= 19; ++i) d.staff.push_back(teacher(i, Stage::Primary, Education::Bachelor));
    d.staff.push_back(teacher(20, Stage::Primary, Education::Associate));
    CHECK(status_of(evaluate(d, pack).items, "QBJ-2") == Status::Pass);   // 19/20 = 95%
    d.staff[0].education = Education::Associate;
    const auto& item = find_item(evaluate(d, pack).items, "QBJ-2");
    CHECK(item.status == Status::Fail);
    CHECK(item.gaps[0].text.zh == "需再有 1 名专任教师达到本科及以上学历");
    d.year.year = 2019;
    CHECK(status_of(evaluate(d, pack).items, "QBJ-2") == Status::NotInForce);
}

TEST_CASE("Chengdu Qingbaijiang: rural and small schools' class ratio 1 : 2.4 primary, shown as information") {
    // Seed 000: the ratio is how the district "核定编制" (sets staffing quotas), not a school standard.
    const auto& pack = find_pack("chengdu_qingbaijiang_2018");
    auto d = school(SchoolType::Primary, 2020, 0);
    for (int g = 1; g <= 5; ++g) d.classes.push_back(klass(Stage::Primary, g, 1, 40));   // 200 pupils
    for (Id i = 1; i <= 11; ++i) d.staff.push_back(teacher(i, Stage::Primary));
    const auto item = find_item(evaluate(d, pack).parts[0].items, "QBJ-3");
    CHECK(item.status == Status::Info);   // 11 / 5 = 2.2 against the quota ratio 2.4: no verdict
    CHECK(*item.value == doctest::Approx(2.2));
    CHECK(item.gaps.empty());
    d.classes.push_back(klass(Stage::Primary, 6, 1, 100));   // 300 pupils
    CHECK(status_of(evaluate(d, pack).parts[0].items, "QBJ-3") == Status::NotApplicable);   // urban, not under 300
}

TEST_CASE("Tonghua: by end-2018 no primary class of 56 or junior class of 61, nine-year retention 97%") {
    const auto& pack = find_pack("tonghua_2017");
    CHECK(status_of(evaluate(primary_with_class(2018, 3, 55), pack).parts[0].items, "G5") == Status::Pass);
    CHECK(status_of(evaluate(primary_with_class(2018, 3, 56), pack).parts[0].items, "G5") == Status::Fail);
    auto junior = school(SchoolType::Junior, 2019, 0, 61);
    junior.classes = {klass(Stage::Junior, 2, 1, 61)};
    CHECK(status_of(evaluate(junior, pack).parts[0].items, "G5") == Status::Fail);
    junior.classes[0].pupils = 60;
    junior.grades[0].pupils = 60;
    CHECK(status_of(evaluate(junior, pack).parts[0].items, "G5") == Status::Pass);
    CHECK(status_of(evaluate(junior, find_pack("national")).parts[0].items, "G5") == Status::Fail);   // national 50

    auto d = school(SchoolType::Primary, 2025, 300);
    d.cohorts = {cohort(Stage::Primary, 2020, 100, 96)};
    CHECK(status_of(evaluate(d, pack).parts[0].items, "Q1") == Status::Fail);
    CHECK(status_of(evaluate(d, find_pack("national")).parts[0].items, "Q1") == Status::NotApplicable);
    d.cohorts[0].current = 97;
    CHECK(status_of(evaluate(d, pack).parts[0].items, "Q1") == Status::Pass);
}

TEST_CASE("Jiangsu: a full-time counsellor in urban and township schools, part-time 1 per 500 pupils") {
    const auto& pack = find_pack("jiangsu_2024");
    auto d = school(SchoolType::Primary, 2025, 1001);
    auto part_time = teacher(1, Stage::Primary);
    part_time.counsellor = Counsellor::PartTime;
    auto full_time = teacher(2, Stage::Primary);
    full_time.counsellor = Counsellor::FullTime;
    d.staff = {part_time, full_time};
    auto r = evaluate(d, pack);
    CHECK(status_of(r.items, "JS-1") == Status::Pass);
    const auto& js2 = find_item(r.items, "JS-2");
    CHECK(js2.status == Status::Fail);   // 1001 pupils need 3 part-time; the full-time one does not count
    CHECK(js2.gaps[0].text.zh == "需再配备 2 名兼职心理健康教育教师");
    d.staff = {part_time};
    CHECK(status_of(evaluate(d, pack).items, "JS-1") == Status::Fail);
    d.school.location = Location::Rural;
    CHECK(status_of(evaluate(d, pack).items, "JS-1") == Status::NotApplicable);
}

TEST_CASE("Benxi Xihu: class sizes from 2019, school size from 2025") {
    const auto& pack = find_pack("benxi_xihu_2019");
    CHECK(status_of(evaluate(primary_with_class(2018, 3, 50), pack).parts[0].items, "G5") == Status::NotInForce);
    CHECK(status_of(evaluate(primary_with_class(2019, 3, 46), pack).parts[0].items, "G5") == Status::Fail);
    auto big = school(SchoolType::Primary, 2024, 2100);
    CHECK(status_of(evaluate(big, pack).items, "G4") == Status::NotInForce);
    CHECK(status_of(evaluate(big, find_pack("national")).items, "G4") == Status::Fail);
    big.year.year = 2025;
    CHECK(status_of(evaluate(big, pack).items, "G4") == Status::Fail);
}

TEST_CASE("Tianjin: C-grade buildings listed for renovation, required from 2022, rented grounds count in R5") {
    const auto& pack = find_pack("tianjin_2020");
    auto d = school(SchoolType::Primary, 2021, 400);
    d.buildings = {building("西教学楼", 1200), building("东教学楼", 2000)};
    d.buildings[0].safety = SafetyGrade::C;
    const auto& pending = find_item(evaluate(d, pack).items, "TJ-1");
    CHECK(pending.status == Status::NotInForce);
    REQUIRE(pending.gaps.size() == 1);
    CHECK(pending.gaps[0].text.zh == "“西教学楼”（C级，1200 m²）需提升改造");
    d.year.year = 2022;
    CHECK(status_of(evaluate(d, pack).items, "TJ-1") == Status::Fail);
    d.buildings[0].safety = SafetyGrade::B;
    CHECK(status_of(evaluate(d, pack).items, "TJ-1") == Status::Pass);

    d.grounds = {ground(2000), ground(1000, GroundKind::Outdoor, false)};
    CHECK(evaluate(d, pack).parts[0].quantities.amounts[4] == 2000);   // rented, not within a 10-minute walk
    d.grounds[1].within_walk = true;
    CHECK(evaluate(d, pack).parts[0].quantities.amounts[4] == 3000);
    CHECK(evaluate(d, find_pack("national")).parts[0].quantities.amounts[4] == 2000);
}
