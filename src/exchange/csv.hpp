// RFC 4180 CSV, on its own: a reader that keeps where every cell came from, so whoever
// interprets the cells (entity templates, the county table) can report a bad value by line and
// column, and a writer. Text is UTF-8 without BOM (decode_text first).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace jh::exchange {

struct CsvCell {
    std::string text;
    int line = 0;        // 1-based line where the cell starts (cells may span lines)
};

struct CsvRow {
    int line = 0;        // 1-based line where the row starts
    std::vector<CsvCell> cells;
    bool blank() const;  // every cell empty, as spreadsheets leave below the data
};

// Parses the whole text. Accepts LF, CRLF or CR line ends and quoted cells holding commas,
// doubled quotes and line breaks; empty lines are skipped. Throws domain::Rejected naming
// `file_name`, line and column (the 1-based cell number) for an unterminated quote, text after
// a closing quote, or a quote inside an unquoted cell.
std::vector<CsvRow> parse_csv(std::string_view text, const std::string& file_name);

// A cell's text without the spaces and tabs around it, as every reader of cells compares it.
std::string_view trimmed_cell(std::string_view text);

// Appends one row with an LF line end, quoting only cells that hold a comma, quote or line break.
void append_csv_row(std::string& out, const std::vector<std::string>& cells);

}  // namespace jh::exchange
