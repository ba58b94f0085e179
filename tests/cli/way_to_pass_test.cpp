// `junheng county --way-to-pass` and the exports through the real binary, as a bureau user runs
// them: the way to pass in text and under `way_to_pass` in --json; `--csv OUT` read back by
// `junheng county` itself into the same report; `--report-csv` and `--xlsx` files written;
// bad options refused.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli/run.hpp"

using jh::test::junheng;
using jh::test::ScratchDir;
using json = nlohmann::json;

namespace {

// Primary R4 5, 5, 5, 0.5 m² (CV 0.503: raising 河口小学 by 400 m² brings it under); junior R4
// 14.6 and 5.4 m² (CV 0.46 over 0.45).
const std::string kTable =
    "学校标识码,学校名称,学段,在校生数,高于规定学历教师数,县级以上骨干教师数,体育艺术专任教师数,"
    "教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数\n"
    "3201000001,城关小学,小学,100,5,2,1,500,800,250000,3\n"
    "3201000002,实验小学,小学,100,5,2,1,500,800,250000,3\n"
    "3201000003,河口小学,小学,100,5,2,1,50,800,250000,3\n"
    "3201000004,新城小学,小学,100,5,2,1,500,800,250000,3\n"
    "3201000005,第一中学,初中,100,6,2,1,1460,1100,300000,3\n"
    "3201000006,第二中学,初中,100,6,2,1,540,1100,300000,3\n";

}  // namespace

TEST_CASE("junheng county --way-to-pass: the fewest schools per CV over its limit, in text and under way_to_pass in JSON") {
    ScratchDir dir;
    std::ofstream(dir / "county.csv", std::ios::binary) << kTable;
    auto r = junheng(dir, {"county", "--year", "2025", "--way-to-pass", "--json", "county.csv"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto doc = json::parse(r.out);
    const auto& way = doc.at("way_to_pass");
    REQUIRE(way.at("indicators").size() == 2);
    const auto& primary = way["indicators"][0];
    CHECK(primary["stage"] == "primary");
    CHECK(primary["indicator"] == "R4");
    CHECK(primary["found"] == true);
    CHECK(primary["proven"] == true);
    REQUIRE(primary["schools"].size() == 1);
    CHECK(primary["schools"][0]["code"] == "3201000003");
    CHECK(primary["schools"][0]["name"] == "河口小学");
    CHECK(primary["schools"][0]["amount"] == 400.0);
    CHECK(primary["cv_after"].get<double>() <= 0.5);
    const auto& junior = way["indicators"][1];
    CHECK(junior["stage"] == "junior");
    CHECK(junior["schools"].size() == 1);
    CHECK(junior["schools"][0]["code"] == "3201000006");
    CHECK(junior["schools"][0]["amount"] == 40.0);   // 5.8 m² × 100 − 540
    CHECK(way["schools"].size() == 1);               // 河口小学 fails 6/7: R4 to its floor
    CHECK(way["schools"][0]["raises"][0]["to"] == "floor");
    CHECK(way["schools"][0]["raises"][0]["amount"] == 333.0);

    r = junheng(dir, {"county", "--year", "2025", "--way-to-pass", "county.csv"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("【达标路径】") != std::string::npos);
    CHECK(r.out.find("3201000003 河口小学") != std::string::npos);
    CHECK(r.out.find("需增加 400 m² 教学及辅助用房面积") != std::string::npos);

    r = junheng(dir, {"county", "--year", "2025", "--json", "county.csv"});
    CHECK_FALSE(json::parse(r.out).contains("way_to_pass"));   // only when asked
    CHECK(junheng(dir, {"county", "--way-to-pass", "--search-budget", "abc", "county.csv"}).status == 2);
}

TEST_CASE("junheng county --csv/--report-csv/--xlsx: the county table reads back into the same report, the files are written") {
    ScratchDir dir;
    std::ofstream(dir / "county.csv", std::ios::binary) << kTable;
    auto r = junheng(dir, {"county", "--year", "2025", "--json", "--csv", "out.csv", "--report-csv", "report.csv", "--xlsx", "out.xlsx",
                           "county.csv"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto first = json::parse(r.out);
    const auto table = jh::test::slurp(dir / "out.csv");
    CHECK(table.substr(0, 3) == "\xEF\xBB\xBF");
    CHECK(table.find("3201000003,河口小学,小学,100,5,2,1,50,800,250000,3\n") != std::string::npos);
    r = junheng(dir, {"county", "--year", "2025", "--json", "out.csv"});
    REQUIRE(r.status == 0);
    auto second = json::parse(r.out);
    CHECK(second["stages"] == first["stages"]);
    const auto report = jh::test::slurp(dir / "report.csv");
    CHECK(report.find("初中,R4,生均教学及辅助用房面积,10,") != std::string::npos);
    CHECK(report.find(",0.45,未达标,") != std::string::npos);
    CHECK(jh::test::slurp(dir / "out.xlsx").substr(0, 2) == "PK");

    r = junheng(dir, {"county", "--year", "2025", "--csv", "out2.csv", "county.csv"});
    CHECK(r.out.find("已导出 out2.csv") != std::string::npos);
    // A file that cannot be written: exit 1, named.
    r = junheng(dir, {"county", "--year", "2025", "--xlsx", "no/such/dir/out.xlsx", "county.csv"});
    CHECK(r.status == 1);
    CHECK(r.err.find("no/such/dir") != std::string::npos);
}
