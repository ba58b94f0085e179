// `junheng county` through the real binary: county tables in UTF-8 and GBK and school snapshots
// give the hand-computed student-weighted CVs; malformed inputs are refused with file and line.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "cli/run.hpp"
#include "exchange/encoding.hpp"

using jh::test::junheng;
using jh::test::ScratchDir;
using json = nlohmann::json;

namespace {

const std::string kHeader =
    "学校标识码,学校名称,学段,在校生数,高于规定学历教师数,县级以上骨干教师数,体育艺术专任教师数,"
    "教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数\n";

// The policy's CV check in R4 (120, 300, 60, 520 pupils holding 540, 1650, 150, 2600 m²), every
// other indicator equal per pupil; two junior schools whose R4 (14.6 and 5.4 m²) gives CV 0.46.
const std::string kTable = kHeader +
                           "3201000001,城关小学,小学,120,6,6,6,540,1200,360000,6\n"
                           "3201000002,实验小学,小学,300,15,15,15,1650,3000,900000,15\n"
                           "3201000003,河口小学,小学,60,3,3,3,150,600,180000,3\n"
                           "3201000004,新城小学,小学,520,26,26,26,2600,5200,1560000,26\n"
                           "3201000005,第一中学,初中,100,6,2,1,1460,1100,300000,3\n"
                           "3201000006,第二中学,初中,100,6,2,1,540,1100,300000,3\n";

void write(const std::filesystem::path& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

double six(double v) { return std::round(v * 1e6) / 1e6; }

json county_json(const ScratchDir& dir, const std::string& file) {
    const auto r = junheng(dir, {"county", "--json", "--year", "2025", file});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return json::parse(r.out);
}

void check_hand_computed(const json& doc) {
    const auto& primary = doc.at("stages").at("primary");
    const auto& r4 = primary.at("indicators").at("R4");
    CHECK(six(r4.at("mean").get<double>()) == 4.94);
    CHECK(six(r4.at("sd").get<double>()) == 0.690217);
    CHECK(six(r4.at("cv").get<double>()) == 0.13972);   // sqrt(0.4764) / 4.94; unweighted would give 0.260305
    CHECK(r4.at("pass").get<bool>());
    CHECK(six(primary.at("indicators").at("R1").at("cv").get<double>()) == 0);
    CHECK(primary.at("failing_parts") == json::array({"3201000003"}));   // R4 2.5 m² is under 85% of 4.5
    const auto& junior = doc.at("stages").at("junior");
    const auto& j4 = junior.at("indicators").at("R4");
    CHECK(six(j4.at("mean").get<double>()) == 10);
    CHECK(six(j4.at("cv").get<double>()) == 0.46);
    CHECK_FALSE(j4.at("pass").get<bool>());   // junior limit 0.45
    CHECK(junior.at("failing_parts").empty());
    for (const char* id : {"R1", "R2", "R3", "R5", "R6", "R7"}) CHECK(junior.at("indicators").at(id).at("pass").get<bool>());
}

}  // namespace

TEST_CASE("county over a UTF-8 county table reproduces the hand-computed weighted CVs") {
    ScratchDir dir;
    write(dir / "county.csv", kTable);
    check_hand_computed(county_json(dir, "county.csv"));
}

TEST_CASE("county over the same table saved by Excel in GBK gives the same result") {
    ScratchDir dir;
    write(dir / "county-gbk.csv", jh::exchange::utf8_to_gb18030(kTable));
    write(dir / "county-bom.csv", "\xEF\xBB\xBF" + kTable);
    check_hand_computed(county_json(dir, "county-gbk.csv"));
    check_hand_computed(county_json(dir, "county-bom.csv"));
}

TEST_CASE("county prints a Chinese table by default") {
    ScratchDir dir;
    write(dir / "county.csv", kTable);
    const auto r = junheng(dir, {"county", "--year", "2025", "county.csv"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("【小学】学校 4 所，在校生 1000 人") != std::string::npos);
    CHECK(r.out.find("0.140") != std::string::npos);
    CHECK(r.out.find("未达标（临界）") == std::string::npos);   // 0.46 is 0.01 over 0.45: not borderline
    CHECK(r.out.find("3201000003 河口小学") != std::string::npos);
}

TEST_CASE("county refuses malformed tables with the file, line and column") {
    ScratchDir dir;
    const auto refused = [&](const std::string& content, const std::string& expected) {
        write(dir / "bad.csv", content);
        const auto r = junheng(dir, {"county", "bad.csv"});
        CHECK(r.status == 1);
        CHECK_MESSAGE(r.err.find(expected) != std::string::npos, r.err);
        CHECK(r.out.empty());
    };
    std::string no_rooms = kTable;
    no_rooms.replace(no_rooms.find(",网络多媒体教室数"), std::string(",网络多媒体教室数").size(), "");
    refused(no_rooms, "bad.csv: missing column '网络多媒体教室数'");
    refused(kHeader + "3201000001,城关小学,小学,12O,6,6,6,540,1200,360000,6\n", "bad.csv line 2, column 在校生数: expected a whole number, got '12O'");
    refused(kHeader + "3201000001,城关小学,小学,0,6,6,6,540,1200,360000,6\n", "bad.csv line 2, column 在校生数: must be greater than 0");
    refused(kHeader + "3201000001,城关小学,小学,120,6,6,6,-5,1200,360000,6\n", "bad.csv line 2, column 教学及辅助用房面积: expected a number ≥ 0");
    refused(kHeader + "3201000001,城关小学,高中,120,6,6,6,540,1200,360000,6\n", "bad.csv line 2, column 学段: expected 小学 or 初中");
    refused(kHeader + "3201000001,城关小学,小学,120,6,6,6,540,1200,360000\n", "bad.csv line 2: expected 11 cells, found 10");
    refused(kTable + "3201000001,城关小学,小学,120,6,6,6,540,1200,360000,6\n", "bad.csv line 8, column 学校标识码: 3201000001 primary already appears on line 2");
    refused("", "bad.csv: the file is empty");
    refused(kHeader, "bad.csv: only a header, no school rows");
}

TEST_CASE("county needs an input, and a readable one") {
    ScratchDir dir;
    CHECK(junheng(dir, {"county"}).status == 2);
    CHECK(junheng(dir, {"county", "missing.csv"}).status == 1);
    CHECK(junheng(dir, {"county", "--pack", "nowhere", "missing.csv"}).status == 1);
}

TEST_CASE("county over school snapshots: a nine-year school gives a primary and a junior part") {
    ScratchDir dir;
    const auto db = (dir / "school.db").string();
    REQUIRE(junheng(dir, {"--db", db, "demo", "--year", "2025"}).status == 0);
    REQUIRE(junheng(dir, {"--db", db, "export", "--format", "snapshot", "--out", (dir / "snap").string()}).status == 0);
    std::string snapshot;
    for (const auto& e : std::filesystem::directory_iterator(dir / "snap")) snapshot = e.path().string();
    const auto doc = county_json(dir, snapshot);
    CHECK(doc.at("year") == 2025);
    for (const char* stage : {"primary", "junior"}) {
        const auto& st = doc.at("stages").at(stage);
        CHECK(st.at("part_count") == 1);
        CHECK(st.at("indicators").at("R1").at("cv").get<double>() == 0);   // one school: no variation
    }
}
