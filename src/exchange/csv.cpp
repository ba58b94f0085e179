// The CSV reader and writer (see csv.hpp). One pass over the text, no backtracking.
#include "exchange/csv.hpp"

#include <algorithm>

#include "exchange/problem.hpp"

namespace jh::exchange {
namespace {

class Parser {
public:
    Parser(std::string_view text, const std::string& file_name) : text_(text), file_(file_name) {}

    std::vector<CsvRow> rows() {
        std::vector<CsvRow> out;
        while (pos_ < text_.size()) {
            if (at_line_break()) {   // an empty line
                skip_line_break();
                continue;
            }
            out.push_back(row());
        }
        return out;
    }

private:
    bool at_line_break() const { return text_[pos_] == '\n' || text_[pos_] == '\r'; }

    // A plain byte loop: string_view::find_first_of runs a memchr per byte, the parser's hot spot.
    static bool ends_unquoted(char c) { return c == ',' || c == '\n' || c == '\r' || c == '"'; }

    void skip_line_break() {
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
    }

    CsvRow row() {
        CsvRow r{line_, {}};
        r.cells.reserve(width_);
        for (;;) {
            r.cells.push_back(CsvCell{{}, line_});
            auto& cell = r.cells.back().text;
            int column = static_cast<int>(r.cells.size());
            if (pos_ < text_.size() && text_[pos_] == '"') quoted(cell, column);
            else unquoted(cell, column);
            if (pos_ < text_.size() && text_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < text_.size()) skip_line_break();
            width_ = r.cells.size();
            return r;
        }
    }

    void unquoted(std::string& cell, int column) {
        std::size_t end = pos_;
        while (end < text_.size() && !ends_unquoted(text_[end])) ++end;
        if (end < text_.size() && text_[end] == '"')
            reject_at(file_, line_, column,
                      {"单元格中间出现引号；含引号的单元格须整体加引号，内部引号写成两个（\"\"）",
                       "quote inside an unquoted cell; quote the whole cell and double inner quotes (\"\")"});
        cell.assign(text_.substr(pos_, end - pos_));
        pos_ = end;
    }

    void quoted(std::string& cell, int column) {
        const int opened_on = line_;
        ++pos_;
        for (;;) {
            auto q = text_.find('"', pos_);
            if (q == std::string_view::npos)
                reject_at(file_, opened_on, column,
                          {"引号没有闭合，文件可能被截断", "unterminated quote: the file may be truncated"});
            count_lines(text_.substr(pos_, q - pos_));
            cell.append(text_.substr(pos_, q - pos_));
            pos_ = q + 1;
            if (pos_ < text_.size() && text_[pos_] == '"') {   // "" stands for one quote
                cell.push_back('"');
                ++pos_;
                continue;
            }
            if (pos_ < text_.size() && text_[pos_] != ',' && !at_line_break())
                reject_at(file_, line_, column,
                          {"闭合引号后还有其他字符", "unexpected text after the closing quote"});
            return;
        }
    }

    // Line breaks inside a quoted cell still advance the line count.
    void count_lines(std::string_view s) {
        for (std::size_t i = 0; i < s.size(); ++i)
            if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) ++line_;
    }

    std::string_view text_;
    const std::string& file_;
    std::size_t pos_ = 0;
    int line_ = 1;
    std::size_t width_ = 0;   // cells in the previous row: rows of a file are alike
};

bool needs_quotes(std::string_view cell) { return cell.find_first_of(",\"\r\n") != std::string_view::npos; }

}  // namespace

std::string_view trimmed_cell(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool CsvRow::blank() const {
    return std::all_of(cells.begin(), cells.end(), [](const CsvCell& c) { return c.text.empty(); });
}

std::vector<CsvRow> parse_csv(std::string_view text, const std::string& file_name) {
    return Parser(text, file_name).rows();
}

void append_csv_row(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out.push_back(',');
        const auto& cell = cells[i];
        if (!needs_quotes(cell)) {
            out += cell;
            continue;
        }
        out.push_back('"');
        for (char c : cell) {
            if (c == '"') out.push_back('"');
            out.push_back(c);
        }
        out.push_back('"');
    }
    out.push_back('\n');
}

}  // namespace jh::exchange
