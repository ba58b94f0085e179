// The county-table codec on its own, from bytes: columns in any order, UTF-8, BOM and GBK give
// the same rows with their lines, and each malformed table is refused naming file, line and column.
#include <doctest/doctest.h>

#include "domain/message.hpp"
#include "exchange/county_table.hpp"
#include "exchange/encoding.hpp"

using namespace jh::exchange;
using jh::domain::Stage;

namespace {

const std::string kHeader =
    "学校标识码,学校名称,学段,在校生数,高于规定学历教师数,县级以上骨干教师数,体育艺术专任教师数,"
    "教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数\n";

std::string refusal(const std::string& bytes) {
    try {
        read_county_table(bytes, "t.csv");
    } catch (const jh::domain::Rejected& e) {
        return e.message().en;
    }
    return "accepted";
}

}  // namespace

TEST_CASE("county table: rows in file order with their lines, cells trimmed, blank rows skipped") {
    const std::string text = kHeader + "3201000001, 城关小学 ,小学,120,6,5,4,540.5,1200,360000,6\n"
                                       ",,,,,,,,,,\n"
                                       "\"3201000005\",\"第一中学, 东校区\",初中,100,6,2,1,1460,1100,300000,3\n";
    const auto rows = read_county_table(text, "t.csv");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].line == 2);
    CHECK(rows[0].code == "3201000001");
    CHECK(rows[0].name == "城关小学");
    CHECK(rows[0].stage == Stage::Primary);
    CHECK(rows[0].pupils == 120);
    CHECK(rows[0].amounts == std::array<double, kCountyQuantities>{6, 5, 4, 540.5, 1200, 360000, 6});
    CHECK(rows[1].line == 4);
    CHECK(rows[1].name == "第一中学, 东校区");
    CHECK(rows[1].stage == Stage::Junior);
}

TEST_CASE("county table: columns in any order — GBK, BOM and UTF-8 bytes read alike") {
    const std::string shuffled =
        "在校生数,学段,学校名称,学校标识码,网络多媒体教室数,教学仪器设备值,体育运动场馆面积,教学及辅助用房面积,体育艺术专任教师数,"
        "县级以上骨干教师数,高于规定学历教师数\n"
        "120,primary,城关小学,3201000001,7,6,5,4,3,2,1\n";
    for (const auto& bytes : {shuffled, utf8_to_gb18030(shuffled), "\xEF\xBB\xBF" + shuffled}) {
        const auto rows = read_county_table(bytes, "t.csv");
        REQUIRE(rows.size() == 1);
        CHECK(rows[0].name == "城关小学");
        CHECK(rows[0].amounts == std::array<double, kCountyQuantities>{1, 2, 3, 4, 5, 6, 7});
    }
}

TEST_CASE("county table: each malformed table is refused with file, line and column") {
    CHECK(refusal("") == "t.csv: the file is empty");
    CHECK(refusal(kHeader) == "t.csv: only a header, no school rows");
    CHECK(refusal("学校标识码,学校名称\n1,a\n") == "t.csv: missing column '学段'");
    CHECK(refusal("学校标识码,学校名称,备注\n1,a,b\n") == "t.csv line 1: unknown column '备注'");
    CHECK(refusal("学校标识码,学校标识码\n1,1\n") == "t.csv line 1: column '学校标识码' appears twice");
    CHECK(refusal(kHeader + ",城关小学,小学,120,6,6,6,540,1200,360000,6\n") == "t.csv line 2, column 学校标识码: must not be empty");
    CHECK(refusal(kHeader + "1,城关小学,高中,120,6,6,6,540,1200,360000,6\n") == "t.csv line 2, column 学段: expected 小学 or 初中, got '高中'");
    CHECK(refusal(kHeader + "1,城关小学,小学,12.5,6,6,6,540,1200,360000,6\n") ==
          "t.csv line 2, column 在校生数: expected a whole number, got '12.5'");
    CHECK(refusal(kHeader + "1,城关小学,小学,0,6,6,6,540,1200,360000,6\n").starts_with("t.csv line 2, column 在校生数: must be greater than 0"));
    CHECK(refusal(kHeader + "1,城关小学,小学,120,6,6,6,540,1200,\"360,000\",6\n") ==
          "t.csv line 2, column 教学仪器设备值: expected a number ≥ 0, got '360,000'");
    CHECK(refusal(kHeader + "1,城关小学,小学,120,6,6,6,540,1200,360000\n") == "t.csv line 2: expected 11 cells, found 10");
    CHECK(refusal(kHeader + "1,a,小学,1,1,1,1,1,1,1,1\n1,a,小学,1,1,1,1,1,1,1,1\n") ==
          "t.csv line 3, column 学校标识码: 1 primary already appears on line 2");
    CHECK(refusal(kHeader + "1,\"a,小学,1,1,1,1,1,1,1,1\n").find("t.csv") != std::string::npos);   // the CSV reader's own refusal
    CHECK(refusal("\xFF\xFE\xFF") .find("t.csv") != std::string::npos);                             // neither UTF-8 nor GBK
}
