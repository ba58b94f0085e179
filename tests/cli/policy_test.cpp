// Issue 12 through the real binary: the demo school's verdicts under the national pack are
// those of the release before the policy audit except G15 (now information) and the new Q3;
// local plans that have ended say so; a county of snapshots with a nine-year school that has
// opened grades 1–3 only computes, with that school's primary part in it.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "cli/run.hpp"

using jh::test::junheng;
using jh::test::ScratchDir;
using json = nlohmann::json;

namespace {

json indicators_json(const ScratchDir& dir, const std::string& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--db", db, "indicators", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = junheng(dir, args);
    INFO(r.err);
    REQUIRE(r.status == 0);
    return json::parse(r.out);
}

std::map<std::string, std::string> statuses(const json& items) {
    std::map<std::string, std::string> out;
    for (const auto& i : items) out[i.at("id")] = i.at("status");
    return out;
}

}  // namespace

TEST_CASE("the demo school's national verdicts are unchanged but for G15 (information) and the new Q3") {
    ScratchDir dir;
    const auto db = (dir / "school.db").string();
    REQUIRE(junheng(dir, {"--db", db, "demo", "--year", "2025"}).status == 0);
    const auto doc = indicators_json(dir, db);
    REQUIRE(doc.at("parts").size() == 2);
    const auto& primary = doc.at("parts")[0];
    const auto& junior = doc.at("parts")[1];
    // As computed by the release before issue 12 (R3 of the primary part below its 85% floor).
    CHECK(primary.at("pupils") == 663);
    CHECK(primary.at("met") == 6);
    CHECK(primary.at("pass") == false);
    CHECK(primary.at("indicators").at("R3").at("met") == false);
    CHECK(junior.at("pupils") == 273);
    CHECK(junior.at("met") == 7);
    CHECK(junior.at("pass") == true);
    CHECK(statuses(primary.at("items")) == std::map<std::string, std::string>{{"G5", "pass"}, {"Q1", "not_applicable"}});
    CHECK(statuses(junior.at("items")) == std::map<std::string, std::string>{{"G5", "pass"}, {"Q1", "pass"}});
    CHECK(statuses(doc.at("items")) == std::map<std::string, std::string>{{"G3", "fail"},
                                                                          {"G4", "pass"},
                                                                          {"G6", "not_applicable"},
                                                                          {"G7", "not_applicable"},
                                                                          {"G9", "in_progress"},
                                                                          {"G11", "pass"},
                                                                          {"G12", "pass"},
                                                                          {"G15", "info"},   // was "pass": a county share
                                                                          {"Q3", "pass"},    // new: charter and digitised
                                                                          {"Q4", "pass"}});
    CHECK(doc.at("pack").at("in_force") == true);
    CHECK(doc.at("empty_stages").empty());
}

TEST_CASE("indicators under Chengdu and Tianjin for 2026 says which of their items are no longer in force") {
    // Seed 000: "有效期5年" from 2018-05-28; seed 004: "2022年12月31日废止".
    ScratchDir dir;
    const auto db = (dir / "school.db").string();
    REQUIRE(junheng(dir, {"--db", db, "demo", "--year", "2026"}).status == 0);
    const auto chengdu = junheng(dir, {"--db", db, "indicators", "--pack", "chengdu_qingbaijiang_2018"});
    INFO(chengdu.err);
    REQUIRE(chengdu.status == 0);
    CHECK(chengdu.out.find("已停止执行：") != std::string::npos);
    CHECK(chengdu.out.find("2023-05-27") != std::string::npos);
    CHECK(chengdu.out.find("[不在执行期] QBJ-2") != std::string::npos);
    CHECK(chengdu.out.find("[不在执行期] QBJ-3") != std::string::npos);
    const auto doc = indicators_json(dir, db, {"--pack", "chengdu_qingbaijiang_2018"});
    CHECK(doc.at("pack").at("in_force") == false);
    CHECK(doc.at("pack").at("applied") == "national");
    CHECK(statuses(doc.at("parts")[1].at("items")).at("Q1") == "pass");   // 95% nationally, not Chengdu's 100%
    for (const char* id : {"QBJ-1", "QBJ-2", "QBJ-3", "QBJ-4", "QBJ-5", "QBJ-6", "QBJ-7"}) CHECK(statuses(doc.at("items")).at(id) == "not_in_force");

    const auto tianjin = junheng(dir, {"--db", db, "indicators", "--pack", "tianjin_2020"});
    REQUIRE(tianjin.status == 0);
    CHECK(tianjin.out.find("2022年12月31日废止") != std::string::npos);
    CHECK(tianjin.out.find("[不在执行期] TJ-1") != std::string::npos);
    CHECK(tianjin.out.find("[不在执行期] TJ-2") != std::string::npos);
}

TEST_CASE("a county of snapshots with a nine-year school that has opened grades 1–3 only computes") {
    // Policy §1: "each its own row in the county computation" — the rows that exist.
    ScratchDir dir;
    const auto demo = (dir / "demo.db").string();
    REQUIRE(junheng(dir, {"--db", demo, "demo", "--year", "2025"}).status == 0);
    REQUIRE(junheng(dir, {"--db", demo, "export", "--format", "snapshot", "--out", (dir / "a").string()}).status == 0);
    const auto fresh = (dir / "new.db").string();
    REQUIRE(junheng(dir, {"--db", fresh, "init", "--code", "3607260009", "--name", "新开九年一贯制学校", "--county", "360726", "--type",
                          "nine_year", "--location", "town", "--year", "2025"})
                .status == 0);
    {
        std::ofstream classes(dir / "班级.csv");
        classes << "编号,学年,学段,年级,班号,学生数\n,2025,小学,1,1,40\n,2025,小学,2,1,38\n,2025,小学,3,1,41\n";
    }
    const auto imported = junheng(dir, {"--db", fresh, "import", (dir / "班级.csv").string()});
    INFO(imported.err);
    REQUIRE(imported.status == 0);
    REQUIRE(junheng(dir, {"--db", fresh, "export", "--format", "snapshot", "--out", (dir / "b").string()}).status == 0);
    const auto school = indicators_json(dir, fresh);
    REQUIRE(school.at("parts").size() == 1);
    CHECK(school.at("parts")[0].at("pupils") == 119);
    CHECK(school.at("empty_stages")[0].at("stage") == "junior");

    const auto r = junheng(dir, {"county", "--json", (dir / "a" / "3360726001_2025.json").string(), (dir / "b" / "3607260009_2025.json").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto county = json::parse(r.out);
    const auto& primary = county.at("stages").at("primary");
    CHECK(primary.at("part_count") == 2);
    CHECK(primary.at("pupils") == 663 + 119);
    CHECK(county.at("stages").at("junior").at("part_count") == 1);
    REQUIRE(county.at("excluded").size() == 1);
    CHECK(county.at("excluded")[0].at("code") == "3607260009");
    CHECK(county.at("excluded")[0].at("stage") == "junior");
    CHECK(county.at("guarantee").at("G15").at("threshold") == 0.85);
    const auto text = junheng(dir, {"county", (dir / "a" / "3360726001_2025.json").string(), (dir / "b" / "3607260009_2025.json").string()});
    CHECK(text.out.find("未计入：新开九年一贯制学校（3607260009，初中学段") != std::string::npos);
}

TEST_CASE("init --township-central marks a 乡镇中心学校, which Jiangsu requires to have a full-time counsellor") {
    // Seed 002: "推動城區中國小校和鄉鎮中心學校100%配備專職心理健康教育教師".
    ScratchDir dir;
    const auto db = (dir / "school.db").string();
    REQUIRE(junheng(dir, {"--db", db, "init", "--code", "3607260201", "--name", "白鹭乡中心小学", "--county", "360721", "--type", "primary",
                          "--location", "rural", "--township-central", "--year", "2025"})
                .status == 0);
    {
        std::ofstream classes(dir / "班级.csv");
        classes << "编号,学年,学段,年级,班号,学生数\n,2025,小学,1,1,40\n";
    }
    REQUIRE(junheng(dir, {"--db", db, "import", (dir / "班级.csv").string()}).status == 0);
    const auto doc = indicators_json(dir, db, {"--pack", "jiangsu_2024"});
    CHECK(statuses(doc.at("items")).at("JS-1") == "fail");
    const auto show = junheng(dir, {"--db", db, "show", "--json"});
    CHECK(show.out.find("\"township_central\": 1") != std::string::npos);
}
