// The county table's writer against its reader: what write_county_table writes,
// read_county_table reads back row for row and number for number — Chinese names, names with
// commas, quotes and line breaks, fractional and large quantities — behind a UTF-8 BOM.
#include <doctest/doctest.h>

#include <sstream>

#include "exchange/county_table.hpp"

using namespace jh::exchange;
using jh::domain::Stage;

TEST_CASE("county table writer: a UTF-8 BOM, the header in column order, and an exact round trip through the reader") {
    std::vector<CountyTableRow> rows{
        {0, "3201000001", "城关小学", Stage::Primary, 120, {6, 6, 6, 540.5, 1200, 360000, 6}},
        {0, "3201000002", "实验小学,东校区", Stage::Primary, 300, {0.1 + 0.2, 1.0 / 3.0, 2.0 / 7.0, 1234.5678901234567, 1e-7, 123456789.125, 0}},
        {0, "3201000002", "“新城”\"中学\"\n分部", Stage::Junior, 1, {1e15, 7, 0, 0, 0, 98765.4321, 3}},
        {0, "0001", "九年一贯制学校（初中部）", Stage::Junior, 2500, {5.3, 1, 0.9, 5.8, 10.2, 2500, 2.4}},
    };
    std::ostringstream out;
    write_county_table(out, rows);
    const std::string bytes = out.str();
    REQUIRE(bytes.size() > 3);
    CHECK(bytes.substr(0, 3) == "\xEF\xBB\xBF");
    CHECK(bytes.substr(3, bytes.find('\n') - 3) ==
          "学校标识码,学校名称,学段,在校生数,高于规定学历教师数,县级以上骨干教师数,体育艺术专任教师数,"
          "教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数");
    CHECK(bytes.find("\n3201000001,城关小学,小学,120,6,6,6,540.5,1200,360000,6\n") != std::string::npos);
    CHECK(bytes.find("\"实验小学,东校区\"") != std::string::npos);
    CHECK(bytes.find("e+") == std::string::npos);   // plain decimals, as the format asks

    const auto back = read_county_table(bytes, "out.csv");
    REQUIRE(back.size() == rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        CAPTURE(r);
        CHECK(back[r].code == rows[r].code);
        CHECK(back[r].name == rows[r].name);
        CHECK(back[r].stage == rows[r].stage);
        CHECK(back[r].pupils == rows[r].pupils);
        for (std::size_t i = 0; i < kCountyQuantities; ++i) CHECK(back[r].amounts[i] == rows[r].amounts[i]);   // exactly
    }

    // Written again from what was read: the same bytes.
    std::ostringstream again;
    write_county_table(again, back);
    CHECK(again.str() == bytes);
}

TEST_CASE("county table writer: numbers are the shortest plain decimals that read back exactly") {
    CHECK(county_number(120) == "120");
    CHECK(county_number(540.5) == "540.5");
    CHECK(county_number(0.1 + 0.2) == "0.30000000000000004");
    CHECK(county_number(1e-7) == "0.0000001");
    CHECK(county_number(1e15) == "1000000000000000");
}
