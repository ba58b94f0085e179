// ops::county_report, the one code path of `junheng county` and the bureau's report: snapshots
// as bytes or school years, county tables, and every kind of bad school — unreadable, of
// another year, given twice, one the engine cannot compute — listed under `excluded` with its
// reason while the others are computed.
#include <doctest/doctest.h>

#include <algorithm>

#include "domain/demo.hpp"
#include "exchange/snapshot.hpp"
#include "indicators/county.hpp"
#include "indicators/pack.hpp"
#include "indicators/report_json.hpp"
#include "ops/county_report.hpp"

using namespace jh;
using json = nlohmann::json;

namespace {

const indicators::RulePack& national() { return indicators::find_pack("national"); }

domain::SchoolData demo(const std::string& code, int year = 2025, std::uint64_t seed = domain::kDemoSeed) {
    auto data = domain::make_demo_school(code, year, seed);
    data.school.name = "学校" + code.substr(code.size() - 2);
    return data;
}

const ops::ExcludedSchool* excluded_from(const ops::CountyReport& report, const std::string& source) {
    auto it = std::find_if(report.excluded.begin(), report.excluded.end(), [&](const ops::ExcludedSchool& e) { return e.source == source; });
    return it == report.excluded.end() ? nullptr : &*it;
}

std::size_t parts_in(const ops::CountyReport& report) {
    std::size_t n = 0;
    for (const auto& st : report.result.stages) n += st.rows.size();
    return n;
}

bool has_part(const ops::CountyReport& report, const std::string& code) {
    for (const auto& st : report.result.stages)
        for (const auto& row : st.rows)
            if (row.code == code) return true;
    return false;
}

}  // namespace

TEST_CASE("county report over snapshot bytes equals the engine over the same school years") {
    const auto a = demo("3360726001"), b = demo("3360726002", 2025, 7);
    ops::CountyInputs inputs;
    inputs.add_snapshot("a.json", exchange::write_snapshot(a));
    inputs.add_school("b", b);
    const auto report = ops::county_report(inputs, national(), {.year = std::nullopt, .default_year = 2030, .top = 3});

    auto parts = indicators::county_parts({a, b}, national());
    const auto direct = indicators::County(parts.parts, national(), 2025).result(3);
    CHECK(report.year == 2025);   // the snapshots' year, not default_year
    CHECK(report.snapshot_year == 2025);
    CHECK(ops::to_json(report)["stages"] == indicators::to_json(direct, national())["stages"]);
    REQUIRE(report.g15);
    CHECK(ops::to_json(report)["guarantee"]["G15"] == indicators::to_json(indicators::migrant_share({a, b}, national(), 2025)));
    CHECK(ops::to_json(report)["excluded"] == json::array());
}

TEST_CASE("a bad school is listed under excluded with its reason and never aborts the report") {
    const auto good = demo("3360726001");
    auto broken = demo("3360726003", 2025, 11);
    for (auto& building : broken.buildings) building.area = -building.area;   // the engine refuses negative floor area
    ops::CountyInputs inputs;
    inputs.add_snapshot("good.json", exchange::write_snapshot(good));
    inputs.add_snapshot("garbage.json", "{\"format\": \"junheng-school-snapshot\", \"version\": 1,", "3360726009", "河口小学");
    inputs.add_snapshot("old.json", exchange::write_snapshot(demo("3360726004", 2024)));
    inputs.add_snapshot("again.json", exchange::write_snapshot(good));
    inputs.add_school("broken", broken);
    const auto report = ops::county_report(inputs, national(), {.year = std::nullopt, .default_year = 2025, .top = 3});

    CHECK(has_part(report, "3360726001"));
    CHECK_FALSE(has_part(report, "3360726003"));
    CHECK_FALSE(has_part(report, "3360726004"));
    CHECK(parts_in(report) == 2);   // the good nine-year school: a primary and a junior part

    const auto* garbage = excluded_from(report, "garbage.json");
    REQUIRE(garbage);
    CHECK(garbage->code == "3360726009");   // the caller's label: the bytes name nobody
    CHECK(garbage->name == "河口小学");
    CHECK(garbage->reason.en.find("garbage.json") != std::string::npos);

    const auto* old = excluded_from(report, "old.json");
    REQUIRE(old);
    CHECK(old->code == "3360726004");
    CHECK(old->reason.en == "holds school year 2024–2025; the report covers 2025–2026");

    const auto* again = excluded_from(report, "again.json");
    REQUIRE(again);
    CHECK(again->reason.en == "the same school is already given by good.json");

    const auto* engine = excluded_from(report, "broken");
    REQUIRE(engine);
    CHECK(engine->code == "3360726003");
    CHECK(engine->stage);   // the part the engine refused
    CHECK(engine->reason.en.find("R4 quantity must be a number ≥ 0") != std::string::npos);

    const auto doc = ops::to_json(report);
    CHECK(doc["excluded"].size() == report.excluded.size());
    bool listed = false;
    for (const auto& e : doc["excluded"])
        if (e["file"] == "garbage.json") listed = e["code"] == "3360726009" && e["stage"].is_null() && !e["reason"]["zh"].get<std::string>().empty();
    CHECK(listed);
    const auto text = ops::to_text(report);
    CHECK(text.find("未计入：河口小学（3360726009，garbage.json）") != std::string::npos);
}

TEST_CASE("county report: the year asked for picks the snapshots of that year") {
    ops::CountyInputs inputs;
    inputs.add_school("2024", demo("3360726001", 2024));
    inputs.add_school("2025", demo("3360726002", 2025));
    const auto latest = ops::county_report(inputs, national());
    CHECK(latest.snapshot_year == 2025);
    CHECK(has_part(latest, "3360726002"));
    REQUIRE(excluded_from(latest, "2024"));
    const auto asked = ops::county_report(inputs, national(), {.year = 2024, .default_year = 0, .top = 3});
    CHECK(asked.snapshot_year == 2024);
    CHECK(has_part(asked, "3360726001"));
    REQUIRE(excluded_from(asked, "2025"));
}

TEST_CASE("county report: a part a county table gives is not counted again from a snapshot") {
    const auto school = demo("3360726001");
    const std::string table =
        "学校标识码,学校名称,学段,在校生数,高于规定学历教师数,县级以上骨干教师数,体育艺术专任教师数,"
        "教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数\n"
        "3360726001,表中学校,小学,100,5,5,5,500,1000,300000,5\n";
    ops::CountyInputs inputs;
    inputs.add_file("county.csv", table);
    inputs.add_file("school.json", exchange::write_snapshot(school));
    CHECK(inputs.part_sources == std::vector<std::string>{"county.csv line 2"});
    const auto report = ops::county_report(inputs, national());
    const auto* twice = excluded_from(report, "school.json");
    REQUIRE(twice);
    CHECK(twice->stage == domain::Stage::Primary);
    CHECK(twice->reason.en == "this part is already given by a county table");
    CHECK(parts_in(report) == 2);   // the table's primary part and the snapshot's junior part
}

TEST_CASE("county report with every school bad: no stages, every reason listed, no exception") {
    ops::CountyInputs inputs;
    inputs.add_snapshot("a.json", "not a snapshot");
    inputs.add_snapshot("b.json", "{}");
    const auto report = ops::county_report(inputs, national(), {.year = std::nullopt, .default_year = 2025, .top = 3});
    CHECK(report.result.stages.empty());
    CHECK(report.year == 2025);
    CHECK(report.excluded.size() == 2);
    CHECK_FALSE(report.g15);
    const auto doc = ops::to_json(report);
    CHECK(doc["stages"] == json::object());
    CHECK(doc["guarantee"] == json::object());
}

TEST_CASE("a malformed county table still stops the report: it is the bureau's own file") {
    ops::CountyInputs inputs;
    CHECK_THROWS_WITH_AS(inputs.add_file("bad.csv", "学校标识码\n1\n"), "bad.csv: missing column '学校名称'", domain::Rejected);
}
