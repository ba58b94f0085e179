// Reading the county table (see county_table.hpp): the CSV and text-encoding readers of this
// layer, then each cell checked against its column.
#include "exchange/county_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <ostream>

#include "domain/message.hpp"
#include "exchange/csv.hpp"
#include "exchange/encoding.hpp"

namespace jh::exchange {
namespace {

using domain::Rejected;
constexpr std::size_t kFirstQuantity = 4;
using Positions = std::array<std::size_t, kCountyColumns.size()>;

[[noreturn]] void reject_cell(const std::string& file, int line, std::string_view column, const std::string& zh, const std::string& en) {
    throw Rejected({file + " 第 " + std::to_string(line) + " 行“" + std::string(column) + "”列：" + zh,
                    file + " line " + std::to_string(line) + ", column " + std::string(column) + ": " + en});
}

// A plain decimal, as the format asks: no thousands separators, no units.
std::optional<double> parse_number(const std::string& text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

// Where each required column is in the header; rejects a missing, unknown or repeated one.
Positions column_positions(const CsvRow& header, const std::string& file) {
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
        const std::string name(trimmed_cell(header.cells[i].text));
        if (std::find(kCountyColumns.begin(), kCountyColumns.end(), name) == kCountyColumns.end())
            throw Rejected({file + " 第 " + std::to_string(header.line) + " 行：未知的列“" + name + "”",
                            file + " line " + std::to_string(header.line) + ": unknown column '" + name + "'"});
        if (!seen.emplace(name, i).second)
            throw Rejected({file + " 第 " + std::to_string(header.line) + " 行：列“" + name + "”重复",
                            file + " line " + std::to_string(header.line) + ": column '" + name + "' appears twice"});
    }
    Positions positions{};
    for (std::size_t c = 0; c < kCountyColumns.size(); ++c) {
        auto it = seen.find(std::string(kCountyColumns[c]));
        if (it == seen.end())
            throw Rejected({file + "：缺少列“" + std::string(kCountyColumns[c]) + "”",
                            file + ": missing column '" + std::string(kCountyColumns[c]) + "'"});
        positions[c] = it->second;
    }
    return positions;
}

CountyTableRow read_row(const CsvRow& row, const Positions& at, std::size_t width, const std::string& file) {
    if (row.cells.size() != width)
        throw Rejected({file + " 第 " + std::to_string(row.line) + " 行：应有 " + std::to_string(width) + " 列，实有 " +
                            std::to_string(row.cells.size()) + " 列",
                        file + " line " + std::to_string(row.line) + ": expected " + std::to_string(width) + " cells, found " +
                            std::to_string(row.cells.size())});
    const auto text = [&](std::size_t c) { return std::string(trimmed_cell(row.cells[at[c]].text)); };
    CountyTableRow part;
    part.line = row.line;
    part.code = text(0);
    part.name = text(1);
    if (part.code.empty()) reject_cell(file, row.line, kCountyColumns[0], "不能为空", "must not be empty");
    const std::string stage = text(2);
    if (stage == "小学" || stage == "primary") part.stage = domain::Stage::Primary;
    else if (stage == "初中" || stage == "junior") part.stage = domain::Stage::Junior;
    else reject_cell(file, row.line, kCountyColumns[2], "应为“小学”或“初中”，实为“" + stage + "”", "expected 小学 or 初中, got '" + stage + "'");
    const auto pupils = parse_number(text(3));
    if (!pupils || *pupils != std::floor(*pupils))
        reject_cell(file, row.line, kCountyColumns[3], "应为整数，实为“" + text(3) + "”", "expected a whole number, got '" + text(3) + "'");
    if (*pupils <= 0)
        reject_cell(file, row.line, kCountyColumns[3], "应大于 0", "must be greater than 0 (a part without pupils has no per-pupil values)");
    part.pupils = *pupils;
    for (std::size_t i = 0; i < kCountyQuantities; ++i) {
        const auto value = parse_number(text(kFirstQuantity + i));
        if (!value || *value < 0)
            reject_cell(file, row.line, kCountyColumns[kFirstQuantity + i], "应为非负数，实为“" + text(kFirstQuantity + i) + "”",
                        "expected a number ≥ 0, got '" + text(kFirstQuantity + i) + "'");
        part.amounts[i] = *value;
    }
    return part;
}

}  // namespace

std::vector<CountyTableRow> read_county_table(std::string_view bytes, const std::string& file) {
    auto rows = parse_csv(decode_text(bytes, file).utf8, file);
    std::erase_if(rows, [](const CsvRow& r) { return r.blank(); });
    if (rows.empty()) throw Rejected({file + "：文件为空", file + ": the file is empty"});
    if (rows.size() == 1) throw Rejected({file + "：只有表头，没有学校数据", file + ": only a header, no school rows"});
    const auto at = column_positions(rows[0], file);
    std::vector<CountyTableRow> out;
    std::map<std::string, int> first_line;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        auto part = read_row(rows[r], at, rows[0].cells.size(), file);
        const std::string key = part.code + "/" + std::string(domain::code(part.stage));
        if (auto [it, fresh] = first_line.emplace(key, rows[r].line); !fresh)
            reject_cell(file, rows[r].line, kCountyColumns[0],
                        part.code + " 的" + std::string(domain::zh(part.stage)) + "学段已在第 " + std::to_string(it->second) + " 行出现",
                        part.code + " " + std::string(domain::en(part.stage)) + " already appears on line " + std::to_string(it->second));
        out.push_back(std::move(part));
    }
    return out;
}

std::string county_number(double value) {
    char buf[512];
    auto done = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
    if (done.ec != std::errc{}) done = std::to_chars(buf, buf + sizeof buf, value);   // beyond any county's figures: still exact
    return std::string(buf, done.ptr);
}

void write_county_table(std::ostream& out, const std::vector<CountyTableRow>& rows) {
    std::string line = "\xEF\xBB\xBF";
    append_csv_row(line, std::vector<std::string>(kCountyColumns.begin(), kCountyColumns.end()));
    out << line;
    std::vector<std::string> cells(kCountyColumns.size());
    for (const auto& row : rows) {
        cells[0] = row.code;
        cells[1] = row.name;
        cells[2] = std::string(domain::zh(row.stage));
        cells[3] = county_number(row.pupils);
        for (std::size_t i = 0; i < kCountyQuantities; ++i) cells[kFirstQuantity + i] = county_number(row.amounts[i]);
        line.clear();
        append_csv_row(line, cells);
        out << line;
    }
}

}  // namespace jh::exchange
