// Exports of the county report (issue 10 item 5, docs/county-format.md "Exports"): the county
// table as CSV in the exact layout `junheng county` reads back (exchange::write_county_table),
// the report as CSV, and both as one XLSX workbook (Debian's libxlsxwriter) with a county-table
// sheet in the same columns and a report sheet. Every writer streams row by row (libxlsxwriter
// in its constant-memory mode), so a 300-school county costs time and memory in proportion to
// its rows; file output is atomic (ops/file_io): the file appears complete or not at all.
#pragma once
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <vector>

#include "exchange/county_table.hpp"
#include "ops/county_report.hpp"
#include "ops/way_to_pass.hpp"

namespace jh::ops {

// The report's parts as county-table rows, in the report's order.
std::vector<exchange::CountyTableRow> county_table_rows(const CountyReport& report);

// The county table (UTF-8 with BOM), as `junheng county` reads it back.
void write_county_csv(std::ostream& out, const CountyReport& report);

// The report (UTF-8 with BOM): per stage the 7 indicators' mean, SD, CV, limit, pass and
// borderline and the 综合 line, then the parts failing the 6-of-7 rule. Columns in
// docs/county-format.md.
void write_report_csv(std::ostream& out, const CountyReport& report);

// The workbook: sheet 县域汇总表 (the county table's 11 columns), sheet 县域报告 (the report's
// rows as in write_report_csv), and sheet 达标路径 when `way` is given. Throws domain::Rejected
// when the file cannot be written; `path` is replaced atomically.
void write_county_xlsx(const std::filesystem::path& path, const CountyReport& report, const WayToPass* way = nullptr);
// The same workbook's bytes onto a stream (written to a temporary file first: libxlsxwriter
// writes files).
void write_county_xlsx(std::ostream& out, const CountyReport& report, const WayToPass* way = nullptr);

}  // namespace jh::ops
