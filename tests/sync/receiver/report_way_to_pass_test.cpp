// `junheng-bureau report --way-to-pass` and its exports on a demo county, through the real
// binary: the same way to pass as `junheng county --way-to-pass` over the county table the
// bureau exported (one function, ops::way_to_pass, and an exact CSV round trip), the workbook
// written, and the county table reading back into the same stages.
#include <doctest/doctest.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "sync/receiver/fixture.hpp"
#include "sync/receiver/junheng_in_process.hpp"
#include "sync/receiver/process.hpp"

using namespace jh::test;

namespace {


}  // namespace

TEST_CASE("junheng-bureau report --way-to-pass equals junheng county --way-to-pass over the county table it exports") {
    TempDir dir;
    const auto db = (dir / "bureau.db").string();
    REQUIRE(bureau_run({"--db", db, "demo", "--schools", "12", "--year", "2025"}).status == 0);
    const auto csv = (dir / "county.csv").string(), xlsx = (dir / "county.xlsx").string(), report_csv = (dir / "report.csv").string();
    auto r = bureau_run({"--db", db, "report", "--json", "--way-to-pass", "--csv", csv, "--xlsx", xlsx, "--report-csv", report_csv});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto bureau = nlohmann::json::parse(r.out);
    REQUIRE(bureau.contains("way_to_pass"));
    REQUIRE(std::filesystem::exists(xlsx));
    REQUIRE(std::filesystem::exists(report_csv));

    const auto county = junheng_json({"county", "--json", "--way-to-pass", "--year", "2025", "--pack", bureau["pack"]["id"].get<std::string>(), csv});
    CHECK(county["stages"] == bureau["stages"]);
    CHECK(county["way_to_pass"] == bureau["way_to_pass"]);
    MESSAGE("indicators over their limit: " << bureau["way_to_pass"]["indicators"].size()
                                            << ", schools failing 6/7: " << bureau["way_to_pass"]["schools"].size());

    r = bureau_run({"--db", db, "report", "--way-to-pass"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("【达标路径】") != std::string::npos);
    CHECK(bureau_run({"--db", db, "report", "--search-budget", "x"}).status == 2);
}
