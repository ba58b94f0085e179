// Who is counted and where a rule applies (issue 12's audit): each case quotes the sentence of
// the policy file (shared/policy/indicators.md) or of the local plan (shared/seeds/) it follows.
#include <doctest/doctest.h>

#include <algorithm>

#include "fixtures.hpp"
#include "indicators/county.hpp"
#include "indicators/report_json.hpp"
#include "indicators/school.hpp"
#include "indicators/text.hpp"

using namespace jh::indicators;
using namespace fixtures;

namespace {

const RulePack& national() { return find_pack("national"); }

bool has_item(const std::vector<ItemResult>& items, const std::string& id) {
    return std::any_of(items.begin(), items.end(), [&](const ItemResult& i) { return i.id == id; });
}

// A nine-year school that has opened grades 1–3 only: three classes of 40, their rolls.
SchoolData first_three_grades(int year = 2025) {
    SchoolData d = school(SchoolType::NineYear, year, 0);
    d.school.code = "3201000009";
    d.school.name = "新开九年一贯制学校";
    for (int g = 1; g <= 3; ++g) {
        d.classes.push_back(klass(Stage::Primary, g, 1, 40));
        d.grades.push_back(roll(Stage::Primary, g, 40));
    }
    d.staff.push_back(teacher(1, Stage::Primary));
    d.buildings.push_back(building("教学楼", 1000));
    return d;
}

// Teachers of a twelve-year school: `compulsory` complete their 360 hours and hold a
// certificate; `senior` senior-high teachers do neither.
SchoolData twelve_year(int compulsory, int senior) {
    SchoolData d = school(SchoolType::TwelveYear, 2026, 600, 300);
    d.grades.push_back(roll(Stage::Senior, 1, 300));
    jh::domain::Id id = 1;
    for (int i = 0; i < compulsory; ++i, ++id) {
        d.staff.push_back(teacher(id, i % 2 ? Stage::Junior : Stage::Primary));
        d.training.push_back(training(id, {2024, 3, 1}, 360));
    }
    for (int i = 0; i < senior; ++i, ++id) {
        auto t = teacher(id, Stage::Senior, Education::Associate);
        t.certified = false;
        d.staff.push_back(t);
    }
    return d;
}

}  // namespace

TEST_CASE("a compulsory stage with no pupils is no part — the stages that exist are evaluated") {
    // Policy §1: "Computed separately for the primary stage (小学) and the junior-secondary stage
    // (初中)" — a part is a stage with pupils; "Nine-year … schools are split into a primary
    // part and a junior part, each its own row in the county computation."
    const auto r = evaluate(first_three_grades(), national());
    REQUIRE(r.parts.size() == 1);
    CHECK(r.parts[0].quantities.stage == Stage::Primary);
    CHECK(r.parts[0].quantities.pupils == 120);
    REQUIRE(r.empty_stages.size() == 1);
    CHECK(r.empty_stages[0].stage == Stage::Junior);
    CHECK(r.empty_stages[0].reason.zh.find("初中学段本学年没有在校生") != std::string::npos);
    CHECK(has_item(r.items, "G9"));   // every school item is still evaluated
    const auto json = to_json(r);
    CHECK(json.at("empty_stages").at(0).at("stage") == "junior");

    SchoolData junior_only = school(SchoolType::NineYear, 2025, 0, 200);
    const auto j = evaluate(junior_only, national());
    REQUIRE(j.parts.size() == 1);
    CHECK(j.parts[0].quantities.stage == Stage::Junior);
    CHECK(j.empty_stages.at(0).stage == Stage::Primary);
}

TEST_CASE("a special education school gets its own items and no resource parts") {
    // Policy §1 scope: "excluding special education schools"; §2 G7: "special-education
    // schools' per-pupil public funds ≥ 6000 元".
    SchoolData d = school(SchoolType::SpecialEducation, 2025, 60);
    d.funds.push_back(funds(2025, 500000, 30000));
    d.funds.back().special_ed_per_pupil = 5200;
    const auto r = evaluate(d, national());
    CHECK(r.parts.empty());
    CHECK(r.empty_stages.empty());
    REQUIRE(r.scope_note);
    const auto g7 = find_item(r.items, "G7");
    CHECK(g7.status == Status::Fail);
    CHECK(g7.gaps.at(0).amount == 800);
}

TEST_CASE("a county with a nine-year school that has only grades 1–3 computes, its primary part in it") {
    // Policy §1: "each its own row in the county computation" — the rows that exist.
    auto other = school(SchoolType::Primary, 2025, 400);
    other.school.code = "3201000001";
    other.staff.push_back(teacher(1, Stage::Primary));
    other.buildings.push_back(building("教学楼", 2000));
    const std::vector<SchoolData> schools{other, first_three_grades()};
    const auto parts = county_parts(schools, national());
    REQUIRE(parts.parts.size() == 2);
    CHECK(parts.parts[1].code == "3201000009");
    CHECK(parts.parts[1].stage == Stage::Primary);
    REQUIRE(parts.excluded.size() == 1);
    CHECK(parts.excluded[0].school == 1);
    CHECK(parts.excluded[0].stage == Stage::Junior);
    const County county(parts.parts, national(), 2025);
    const auto result = county.result();
    REQUIRE(result.stages.size() == 1);
    CHECK(result.stages[0].pupils == 520);
}

TEST_CASE("pupils are counted grade by grade: a roll for one grade does not replace the others' classes") {
    // Policy §1: "Students (在校生数): pupils with a registered school-roll record" — a grade's
    // roll when it has one; the trial's 4 classes of 47 with grade 1's roll of 13 counted 13.
    SchoolData d = school(SchoolType::Primary, 2025, 0);
    for (int g = 1; g <= 4; ++g) d.classes.push_back(klass(Stage::Primary, g, 1, 47));
    d.grades.push_back(roll(Stage::Primary, 1, 47));
    const auto count = count_stage_pupils(d, Stage::Primary);
    CHECK(count.pupils == 188);
    CHECK(count.from_rolls == std::vector<int>{1});
    CHECK(count.from_classes == std::vector<int>{2, 3, 4});
    CHECK(evaluate(d, national()).parts.at(0).quantities.pupils == 188);
}

TEST_CASE("G9 and G12 count only compulsory-stage 专任 teachers, not senior-high ones") {
    // Policy §2: "the teachers counted in G9, G11 and G12 are 专任 teachers of the primary and
    // junior stages (not senior-high, not 代课 or 兼任 staff), as in R1–R3."
    const auto r = evaluate(twelve_year(130, 49), national());
    const auto g9 = find_item(r.items, "G9");
    const auto g12 = find_item(r.items, "G12");
    CHECK(g9.status == Status::Pass);
    CHECK(g9.detail.zh.find("义务教育阶段专任教师 130 人，已完成 130 人") != std::string::npos);
    CHECK(g12.status == Status::Pass);
    CHECK(*g12.value == 1.0);

    auto with_substitute = twelve_year(10, 0);
    auto sub = teacher(99, Stage::Primary);
    sub.category = StaffCategory::Substitute;
    sub.certified = false;
    with_substitute.staff.push_back(sub);
    CHECK(find_item(evaluate(with_substitute, national()).items, "G12").status == Status::Pass);
}

TEST_CASE("Chengdu's bachelor+ rate counts only compulsory-stage full-time teachers") {
    // Policy §2 (as for G9, G12): "专任 teachers of the primary and junior stages".
    const auto r = evaluate(twelve_year(100, 40), find_pack("chengdu_qingbaijiang_2018"));
    // 2026 is after the plan's end; judged in 2021 the rate is the compulsory teachers' 100%.
    auto d = twelve_year(100, 40);
    d.year.year = 2021;
    const auto qbj2 = find_item(evaluate(d, find_pack("chengdu_qingbaijiang_2018")).items, "QBJ-2");
    CHECK(qbj2.status == Status::Pass);
    CHECK(*qbj2.value == 1.0);
    CHECK(find_item(r.items, "QBJ-2").status == Status::NotInForce);
}

TEST_CASE("G11 counts eligible 专任 teachers of the compulsory stages, and only they count as rotated") {
    // Policy §2: "the teachers counted in G9, G11 and G12 are 专任 teachers of the primary and
    // junior stages (not senior-high, not 代课 or 兼任 staff)"; G11: "≥ 10% of eligible teachers".
    SchoolData d = school(SchoolType::Primary, 2025, 500);
    for (jh::domain::Id id = 1; id <= 20; ++id) {
        auto t = teacher(id, Stage::Primary);
        t.rotation_eligible = true;
        d.staff.push_back(t);
    }
    d.staff[0].rotation = Rotation::Out;
    d.staff[0].backbone = BackboneLevel::County;
    CHECK(find_item(evaluate(d, national()).items, "G11").status == Status::Fail);   // 1 of 20 = 5%

    auto substitute = teacher(21, Stage::Primary);
    substitute.category = StaffCategory::Substitute;
    substitute.rotation_eligible = true;
    substitute.rotation = Rotation::Out;
    d.staff.push_back(substitute);
    auto not_eligible = teacher(22, Stage::Primary);
    not_eligible.rotation = Rotation::Out;
    d.staff.push_back(not_eligible);
    const auto g11 = find_item(evaluate(d, national()).items, "G11");
    CHECK(g11.status == Status::Fail);   // still 1 of 20: neither the 代课 nor the unflagged one counts
    CHECK(*g11.value == doctest::Approx(0.05));
}

TEST_CASE("G15 is a county share: every school shows its figures as information, the county judges") {
    // Policy §2: "G15 is a county share: a school shows its figures, never a pass or fail of its own."
    auto private_school = school(SchoolType::Primary, 2025, 300);
    private_school.school.ownership = Ownership::Private;
    private_school.grades[0].migrant = 40;
    const auto g15 = find_item(evaluate(private_school, national()).items, "G15");
    CHECK(g15.status == Status::Info);
    CHECK(g15.gaps.empty());
    CHECK(*g15.value == 40);

    auto public_school = school(SchoolType::Primary, 2025, 600);
    public_school.grades[0].migrant = 160;
    CHECK(find_item(evaluate(public_school, national()).items, "G15").status == Status::Info);
    auto none = school(SchoolType::Primary, 2025, 100);
    CHECK(find_item(evaluate(none, national()).items, "G15").status == Status::Info);

    const auto share = migrant_share({private_school, public_school, none}, national(), 2025);
    CHECK(share.migrants == 200);
    CHECK(share.in_public == 160);
    CHECK(*share.share == doctest::Approx(0.8));
    CHECK(*share.pass == false);   // 80% < 85%
    CHECK(to_json(share).at("pass") == false);
    public_school.grades[0].migrant = 240;   // 240 of 280 = 85.7%
    CHECK(*migrant_share({private_school, public_school}, national(), 2025).pass);
}

TEST_CASE("a local plan stops applying: Chengdu Qingbaijiang ends five years after 2018-05-28") {
    // Seed 000: "本实施意见自印发之日起施行,有效期5年。" (issued 2018年5月28日). Issue 12: a
    // pack applies to school year Y when its end is on or after 1 September of Y.
    const auto& chengdu = find_pack("chengdu_qingbaijiang_2018");
    REQUIRE(chengdu.valid_until);
    CHECK(jh::domain::to_string(*chengdu.valid_until) == "2023-05-27");
    CHECK(in_force(chengdu, 2022));
    CHECK_FALSE(in_force(chengdu, 2023));
    CHECK(&rules_in_force(chengdu, 2026) == chengdu.inherited.get());
    CHECK(rules_in_force(chengdu, 2026).id == "national");

    auto d = school(SchoolType::NineYear, 2026, 270, 150);
    d.cohorts.push_back(cohort(Stage::Junior, 2024, 100, 96));   // 96%: fails 100%, passes 95%
    const auto r = evaluate(d, chengdu);
    CHECK_FALSE(r.pack_in_force);
    CHECK(r.applied_pack_id == "national");
    CHECK(find_item(r.parts[1].items, "Q1").status == Status::Pass);
    for (const char* id : {"QBJ-1", "QBJ-2", "QBJ-3", "QBJ-4", "QBJ-7"}) {
        const auto item = find_item(r.items, id);
        CHECK(item.status == Status::NotInForce);
        CHECK(item.detail.zh.find("2023-05-27") != std::string::npos);
        CHECK(item.detail.zh.find("有效期5年") != std::string::npos);
    }
    CHECK(r.parts[0].items.size() == 2);   // G5, Q1: QBJ-3 no longer a stage item
    const auto json = to_json(r);
    CHECK(json.at("pack").at("in_force") == false);
    CHECK(json.at("pack").at("valid_until") == "2023-05-27");
    CHECK(json.at("pack").at("applied") == "national");

    d.year.year = 2022;
    d.cohorts[0].entry_year = 2020;
    const auto in_2022 = evaluate(d, chengdu);
    CHECK(in_2022.pack_in_force);
    CHECK(find_item(in_2022.parts[1].items, "Q1").status == Status::Fail);   // 100% in force
}

TEST_CASE("Tianjin's plan is repealed on 2022-12-31 — Benxi's 2019—2026 title is no end") {
    // Seed 004: "本行动方案自印发之日起实施,2022年12月31日废止。"
    const auto& tianjin = find_pack("tianjin_2020");
    CHECK(in_force(tianjin, 2022));
    CHECK_FALSE(in_force(tianjin, 2023));
    auto d = school(SchoolType::Primary, 2026, 300);
    const auto r = evaluate(d, tianjin);
    const auto tj1 = find_item(r.items, "TJ-1");
    CHECK(tj1.status == Status::NotInForce);
    CHECK(tj1.detail.zh.find("2022年12月31日废止") != std::string::npos);
    // Issue 12: "a plan period in a title (Benxi 2019—2026) is not an end unless the seed says so".
    CHECK(in_force(find_pack("benxi_xihu_2019"), 2030));
}

TEST_CASE("a dated step may end on its own date") {
    // Issue 12: "Packs need a validity end (per pack, and per dated step where a seed says so)".
    Threshold t;
    t.steps.push_back({2020, 45, jh::domain::Date{2022, 12, 31}});
    CHECK(t.at(2022) == 45);
    CHECK_FALSE(t.at(2023));
    CHECK(jh::domain::to_string(*t.ended(2023)) == "2022-12-31");
    CHECK_FALSE(t.ended(2022));
}

TEST_CASE("Chengdu 2018–2019: a class of 60 is over the limit ('60人以上' includes 60)") {
    // Seed 000: "2018年基本消除60人以上超大班额,起始年级严禁新产生56人以上大班额".
    auto d = school(SchoolType::Primary, 2019, 119);
    d.classes.push_back(klass(Stage::Primary, 3, 1, 60));
    d.classes.push_back(klass(Stage::Primary, 4, 1, 59));
    const auto g5 = find_item(evaluate(d, find_pack("chengdu_qingbaijiang_2018")).parts[0].items, "G5");
    CHECK(g5.status == Status::Fail);
    CHECK(g5.gaps.size() == 1);
    CHECK(g5.gaps[0].text.zh == "三(1)班超出 1 人");
}

TEST_CASE("Chengdu QBJ-3's class–teacher ratio sets staffing quotas: information, not a verdict") {
    // Seed 000: "对乡村学校和300人以下的学校采取生师比和班师比(初中1:3.3,小学1:2.4)结合的方式核定编制".
    auto d = school(SchoolType::Primary, 2021, 200);
    d.school.location = Location::Rural;
    for (int g = 1; g <= 6; ++g) d.classes.push_back(klass(Stage::Primary, g, 1, 33));
    d.staff.push_back(teacher(1, Stage::Primary));
    const auto qbj3 = find_item(evaluate(d, find_pack("chengdu_qingbaijiang_2018")).parts[0].items, "QBJ-3");
    CHECK(qbj3.status == Status::Info);
    CHECK(qbj3.gaps.empty());
    CHECK(qbj3.value);
}

TEST_CASE("Jiangsu JS-1 follows the 乡镇中心学校 role, not the town location") {
    // Seed 002: "推動城區中國小校和鄉鎮中心學校100%配備專職心理健康教育教師".
    const auto& jiangsu = find_pack("jiangsu_2024");
    auto town = school(SchoolType::Primary, 2025, 300);
    town.school.location = Location::Town;
    CHECK(find_item(evaluate(town, jiangsu).items, "JS-1").status == Status::NotApplicable);
    auto rural_central = town;
    rural_central.school.location = Location::Rural;
    rural_central.school.township_central = true;
    CHECK(find_item(evaluate(rural_central, jiangsu).items, "JS-1").status == Status::Fail);
    auto urban = town;
    urban.school.location = Location::Urban;
    CHECK(find_item(evaluate(urban, jiangsu).items, "JS-1").status == Status::Fail);
}

TEST_CASE("Tianjin counts a rented ground only within a 10-minute walk") {
    // Seed 004: "租赁校外体育场馆(步行10分钟内到达)".
    auto d = school(SchoolType::Primary, 2021, 100);
    d.grounds.push_back(ground(500));
    d.grounds.push_back(ground(300, GroundKind::Outdoor, false));
    const auto& tianjin = find_pack("tianjin_2020");
    CHECK(evaluate(d, tianjin).parts[0].quantities.amounts[4] == 500);
    d.grounds[1].within_walk = true;
    CHECK(evaluate(d, tianjin).parts[0].quantities.amounts[4] == 800);
    CHECK(evaluate(d, national()).parts[0].quantities.amounts[4] == 500);   // nationally: owned only
}

TEST_CASE("Q3: charter and digitised management are reported yes/no — unreported is no data, never a fail") {
    // Policy §3: "Q3 ▲ | every school has a charter; management and teaching are digitised | yes/no".
    auto d = school(SchoolType::Primary, 2025, 300);
    CHECK(find_item(evaluate(d, national()).items, "Q3").status == Status::NoData);
    d.year.charter = true;
    CHECK(find_item(evaluate(d, national()).items, "Q3").status == Status::NoData);
    d.year.digitised = true;
    CHECK(find_item(evaluate(d, national()).items, "Q3").status == Status::Pass);
    d.year.charter = false;
    const auto q3 = find_item(evaluate(d, national()).items, "Q3");
    CHECK(q3.status == Status::Fail);
    CHECK(q3.gaps.at(0).text.zh == "需制定学校章程并依章程办学");
}

TEST_CASE("a figure beside a verdict reads on its side of the line") {
    // Issue 12 item 8: "Q4 prints '= 5%' next to a fail at 4.9999%".
    CHECK(verdict_percent_text(0.049999, 0.05, false, 2) == "4.9999%");
    CHECK(verdict_percent_text(0.05, 0.05, true, 2) == "5%");
    CHECK(verdict_number_text(4.1999, 4.2, false) == "4.1999");
    CHECK(verdict_number_text(4.1999, 4.2, true) == "4.2");
    CHECK(verdict_number_text(50.4, 50, false, 0) == "50.4");
    auto d = school(SchoolType::Primary, 2025, 300);
    d.funds.push_back(funds(2025, 100000, 4999.9));
    const auto q4 = find_item(evaluate(d, national()).items, "Q4");
    CHECK(q4.status == Status::Fail);
    CHECK(q4.detail.zh.find("= 4.9999%") != std::string::npos);
}

TEST_CASE("an item whose dated step has ended is reported not in force, naming the day") {
    // Issue 12: "per dated step where a seed says so".
    RulePack pack = national();
    pack.items.q4.training_share.steps = {{2020, 0.05, jh::domain::Date{2024, 6, 30}}};
    auto d = school(SchoolType::Primary, 2025, 300);
    d.funds.push_back(funds(2025, 100000, 1000));
    const auto q4 = find_item(evaluate(d, pack).items, "Q4");
    CHECK(q4.status == Status::NotInForce);
    CHECK(q4.detail.zh == "该项标准已于 2024-06-30 停止执行");
    d.year.year = 2023;
    d.funds[0].year = 2023;
    CHECK(find_item(evaluate(d, pack).items, "Q4").status == Status::Fail);
}
