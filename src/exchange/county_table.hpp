// The county table: the CSV bureaus keep in Excel, one row per school part with its pupils and
// the raw quantities of the seven resource indicators (docs/county-format.md). A codec from
// bytes, so whoever holds the file — `junheng county` reading a path, the bureau's receiver —
// reads it the same way; counting and judging the parts is the indicators layer's.
#pragma once
#include <array>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "domain/enums.hpp"

namespace jh::exchange {

// R1–R7: the quantity columns (indicators::kResourceCount, checked where both are seen).
inline constexpr std::size_t kCountyQuantities = 7;

// The table's columns, exactly, in the order of the template; the last seven are R1–R7's raw
// quantities (people, m², 元, rooms).
inline constexpr std::array<std::string_view, 4 + kCountyQuantities> kCountyColumns{
    "学校标识码", "学校名称", "学段", "在校生数", "高于规定学历教师数", "县级以上骨干教师数", "体育艺术专任教师数",
    "教学及辅助用房面积", "体育运动场馆面积", "教学仪器设备值", "网络多媒体教室数"};

// One school part as the table gives it.
struct CountyTableRow {
    int line = 0;                                        // 1-based line of the row in the file
    std::string code, name;
    domain::Stage stage = domain::Stage::Primary;        // primary or junior only
    double pupils = 0;                                   // a whole number > 0
    std::array<double, kCountyQuantities> amounts{};     // each ≥ 0
};

// Decodes the file (UTF-8 with or without BOM, or GBK) and reads every row. Throws
// domain::Rejected naming `file_name`, the line and the column for the first problem: a
// missing, unknown or repeated column, a row of the wrong width, a stage other than 小学/初中,
// pupils not a whole number above 0, a quantity not a number ≥ 0, the same code and stage
// twice, an empty file or one with only a header, text that is neither UTF-8 nor GBK.
std::vector<CountyTableRow> read_county_table(std::string_view bytes, const std::string& file_name);

// Writes the table as read_county_table reads it back, row for row and number for number: a
// UTF-8 BOM (so Excel opens the Chinese names correctly), the header in kCountyColumns order,
// LF line ends, 学段 as 小学/初中, numbers in the shortest plain decimals that read back exactly.
// Streams: one row at a time. `line` is ignored.
void write_county_table(std::ostream& out, const std::vector<CountyTableRow>& rows);

// A number as the table writes it: the shortest plain decimal that reads back as `value`.
std::string county_number(double value);

}  // namespace jh::exchange
