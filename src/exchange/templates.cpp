// Entity CSV templates (see templates.hpp): rendering records through their field descriptors,
// and reading them back with every problem located by line and column.
#include "exchange/templates.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <tuple>

#include "domain/figures.hpp"
#include "exchange/csv.hpp"
#include "exchange/problem.hpp"

namespace jh::exchange {
namespace {

using namespace jh::domain;

// Every kind that has a template, in export order.
using TemplateKinds = decltype(std::tuple_cat(std::tuple<School, SchoolYear>{}, YearEntities{}));

template <class F> void for_each_template_kind(F&& f) {
    std::apply([&](auto... tag) { (f(tag), ...); }, TemplateKinds{});
}

template <class R> constexpr bool has_year = requires(const R& r) { r.year; };

// Every kind but the school profile (whose own first column it is) ends with the school's
// 学校标识码, so another school's files are recognised as such.
template <class R> constexpr bool carries_school_code = !std::is_same_v<R, School>;
std::string_view school_code_column() { return find_field<School>("code")->zh; }

// ---- writing ----

template <class R> std::string render(std::vector<const R*> records, const std::string& school_code) {
    std::vector<std::string> cells;
    for (const auto& f : Entity<R>::fields()) cells.emplace_back(f.zh);
    if constexpr (carries_school_code<R>) cells.emplace_back(school_code_column());
    std::string out;
    append_csv_row(out, cells);
    std::sort(records.begin(), records.end(), [](const R* a, const R* b) {
        if constexpr (requires { a->id; }) return a->id < b->id;
        else return false;
    });
    for (const R* r : records) {
        cells.clear();
        for (const auto& f : Entity<R>::fields()) cells.push_back(display(f, f.get(*r)));
        if constexpr (carries_school_code<R>) cells.push_back(school_code);
        append_csv_row(out, cells);
    }
    return out;
}

template <class R> std::vector<const R*> records_to_write(const SchoolData& data) {
    if constexpr (std::is_same_v<R, School>) return {&data.school};
    else if constexpr (std::is_same_v<R, SchoolYear>) return {&data.year};
    else {
        std::vector<const R*> out;
        for (const auto& r : records_of<R>(data)) out.push_back(&r);
        return out;
    }
}

// ---- reading a cell ----

std::optional<std::int64_t> parse_bool(std::string_view s) {
    static constexpr std::string_view yes[] = {"是", "1", "true", "TRUE", "True", "yes", "Yes", "YES"};
    static constexpr std::string_view no[] = {"否", "0", "false", "FALSE", "False", "no", "No", "NO"};
    if (std::find(std::begin(yes), std::end(yes), s) != std::end(yes)) return 1;
    if (std::find(std::begin(no), std::end(no), s) != std::end(no)) return 0;
    return std::nullopt;
}

// The value a non-empty cell stands for, or nullopt when the text is not of the column's type
// (enum labels and dates are checked by the field's own setter).
std::optional<Value> parse_cell(FieldType type, std::string_view text) {
    if (type == FieldType::Text) return Value{std::string(text)};
    text = trimmed_cell(text);
    const char* end = text.data() + text.size();
    switch (type) {
        case FieldType::Integer: {
            std::int64_t v = 0;
            auto [p, ec] = std::from_chars(text.data(), end, v);
            if (ec == std::errc{} && p == end && !text.empty()) return Value{v};
            // Otherwise as typed by people: full-width digits, "10,000" (the forms' reader).
            if (const auto n = read_number(text, true); n.value) return Value{static_cast<std::int64_t>(*n.value)};
            return std::nullopt;
        }
        case FieldType::Real: {
            double v = 0;
            auto [p, ec] = std::from_chars(text.data(), end, v);
            if (ec == std::errc{} && p == end && !text.empty() && std::isfinite(v)) return Value{v};
            if (const auto n = read_number(text, false); n.value) return Value{*n.value};
            return std::nullopt;
        }
        case FieldType::Bool:
            if (auto b = parse_bool(text)) return Value{*b};
            return std::nullopt;
        default: return Value{std::string(text)};
    }
}

// Empty id columns mark new records; the store assigns the id (and a new person's person id).
template <class R> bool assigned_on_import(const Field<R>& f) { return f.key == "id" || f.key == "person_id"; }

template <class R> Message bad_value(const Field<R>& f, std::string_view text) {
    const std::string zh_col = "“" + std::string(f.zh) + "”", en_col = "'" + std::string(f.zh) + "' (" + std::string(f.en) + ")";
    const std::string shown(text);
    if (trimmed_cell(text).empty()) return {zh_col + "不能为空", en_col + " is required but the cell is empty"};
    switch (f.type) {
        case FieldType::Integer:
        case FieldType::Real: {
            // The forms' reader says what is wrong ("“元”不能出现在数字里…"); a readable
            // number refused here is out of range.
            const auto n = read_number(text, f.type == FieldType::Integer);
            if (!n.value) return {zh_col + "：" + n.problem.zh + "，实际为“" + shown + "”", en_col + ": " + n.problem.en + ", got '" + shown + "'"};
            return {zh_col + "应为整数（范围内），实际为“" + shown + "”", en_col + " needs a whole number in range, got '" + shown + "'"};
        }
        case FieldType::Bool: return {zh_col + "应为“是”或“否”，实际为“" + shown + "”", en_col + " needs 是 or 否 (yes/no), got '" + shown + "'"};
        case FieldType::Date: {
            // The one date reader's words: the expected format, or "2026 年 2 月没有 30 日".
            const auto d = read_date(text);
            return {zh_col + "：" + d.problem.zh + "，实际为“" + shown + "”", en_col + ": " + d.problem.en + ", got '" + shown + "'"};
        }
        case FieldType::Enum: {
            std::string zh_list, en_list;
            for (const auto& l : f.enum_labels) {
                zh_list += (zh_list.empty() ? "" : "、") + std::string(l.zh);
                en_list += (en_list.empty() ? "" : ", ") + std::string(l.zh) + " (" + std::string(l.code) + ")";
            }
            return {zh_col + "无法识别的取值“" + shown + "”，可选：" + zh_list,
                    en_col + " has unknown value '" + shown + "'; expected one of: " + en_list};
        }
        case FieldType::Text: break;
    }
    return {zh_col + "取值无效", en_col + " has an invalid value"};
}

template <class R> void set_from_cell(R& record, const Field<R>& f, const CsvCell& cell, const std::string& file, int column) {
    std::optional<Value> value;
    if (cell.text.empty() && f.type == FieldType::Text && !f.optional) value = Value{std::string()};
    else if (trimmed_cell(cell.text).empty()) value = assigned_on_import(f) ? Value{std::int64_t{0}} : Value{};
    else value = parse_cell(f.type, cell.text);
    if (!value || !f.set(record, *value)) reject_at(file, cell.line, column, bad_value(f, cell.text));
}

// ---- reading a file ----

template <class R> std::size_t known_columns(const CsvRow& header) {
    return static_cast<std::size_t>(std::count_if(header.cells.begin(), header.cells.end(), [](const CsvCell& c) {
        const auto& fields = Entity<R>::fields();
        return std::any_of(fields.begin(), fields.end(), [&](const Field<R>& f) { return f.zh == trimmed_cell(c.text); });
    }));
}

// The field behind each column, after checking the header names each field exactly once; the
// 学校标识码 column of the kinds that carry it has no field (nullptr). Templates made before it
// existed lack it and are still read. Empty cells at the end of the header are not columns:
// spreadsheets leave them behind.
template <class R> std::vector<const Field<R>*> columns_of(const CsvRow& header, const std::string& file, int& code_column) {
    std::vector<const Field<R>*> columns;
    code_column = 0;
    std::size_t width = header.cells.size();
    while (width > 0 && trimmed_cell(header.cells[width - 1].text).empty()) --width;
    for (std::size_t i = 0; i < width; ++i) {
        const auto name = trimmed_cell(header.cells[i].text);
        const int column = static_cast<int>(i + 1);
        if (carries_school_code<R> && !name.empty() && name == school_code_column()) {
            if (code_column != 0)
                reject_at(file, header.line, column, {"列“" + std::string(name) + "”重复", "column '" + std::string(name) + "' appears twice"});
            code_column = column;
            columns.push_back(nullptr);
            continue;
        }
        const auto& fields = Entity<R>::fields();
        auto f = std::find_if(fields.begin(), fields.end(), [&](const Field<R>& x) { return x.zh == name; });
        if (name.empty()) reject_at(file, header.line, column, {"列名为空", "the column has no name"});
        if (f == fields.end())
            reject_at(file, header.line, column,
                      {"未知列“" + std::string(name) + "”（" + std::string(Entity<R>::zh) + "模板中没有此列）",
                       "unknown column '" + std::string(name) + "' for " + std::string(Entity<R>::en)});
        if (std::find(columns.begin(), columns.end(), &*f) != columns.end())
            reject_at(file, header.line, column, {"列“" + std::string(name) + "”重复", "column '" + std::string(name) + "' appears twice"});
        columns.push_back(&*f);
    }
    std::string missing_zh, missing_en;
    for (const auto& f : Entity<R>::fields())
        if (!f.added_later && std::find(columns.begin(), columns.end(), &f) == columns.end()) {
            missing_zh += (missing_zh.empty() ? "" : "、") + std::string(f.zh);
            missing_en += (missing_en.empty() ? "" : ", ") + std::string(f.zh) + " (" + std::string(f.en) + ")";
        }
    if (!missing_zh.empty())
        reject_at(file, header.line, static_cast<int>(width + 1),
                  {"缺少列：" + missing_zh, "missing column(s): " + missing_en});
    return columns;
}

template <class R> R read_row(const CsvRow& row, const std::vector<const Field<R>*>& columns, const std::string& file) {
    if (row.cells.size() < columns.size())
        reject_at(file, row.cells.back().line, static_cast<int>(row.cells.size() + 1),
                  {"本行只有 " + std::to_string(row.cells.size()) + " 列，应有 " + std::to_string(columns.size()) + " 列（文件可能被截断）",
                   "the row has " + std::to_string(row.cells.size()) + " cells, expected " + std::to_string(columns.size()) +
                       " (truncated file?)"});
    std::vector<Problem> problems;
    for (std::size_t i = columns.size(); i < row.cells.size(); ++i)
        if (!trimmed_cell(row.cells[i].text).empty())
            problems.push_back({file, row.cells[i].line, static_cast<int>(i + 1), {"本单元格在表头之外", "the cell lies beyond the header's columns"}});
    R record{};
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (!columns[i]) continue;
        try {
            set_from_cell(record, *columns[i], row.cells[i], file, static_cast<int>(i + 1));
        } catch (const FilesRejected& e) {
            problems.insert(problems.end(), e.problems().begin(), e.problems().end());
        }
    }
    if (!problems.empty()) throw FilesRejected(std::move(problems));
    return record;
}

template <class R> int column_of(const std::vector<const Field<R>*>& columns, std::string_view key) {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] && columns[i]->key == key) return static_cast<int>(i + 1);
    return 0;
}

template <class R> void store_records(std::vector<R>&& records, const std::vector<int>& lines, const std::string& file, Imported& into) {
    if constexpr (std::is_same_v<R, School> || std::is_same_v<R, SchoolYear>) {
        if (records.size() != 1)
            reject_at(file, records.empty() ? 0 : lines[1], 0,
                      {std::string(Entity<R>::zh) + "文件应只有一行数据，实际为 " + std::to_string(records.size()) + " 行",
                       std::string(Entity<R>::en) + " file needs exactly one data row, found " + std::to_string(records.size())});
        if constexpr (std::is_same_v<R, School>) into.school = records.front();
        else into.year = records.front();
    } else {
        if (auto dup = find_duplicate(records))
            reject_at(file, lines[dup->second], 0,
                      {dup->key_zh + "与第 " + std::to_string(lines[dup->first]) + " 行重复",
                       "duplicate " + dup->key_en + ": same as line " + std::to_string(lines[dup->first])});
        records_of<R>(into.records) = std::move(records);
    }
}

// Reads every row, collecting the problems of all of them (a header problem stops the file:
// without its columns no row can be read); throws them together.
template <class R> void read_kind(const std::vector<CsvRow>& rows, const std::string& file, Imported& into) {
    into.claim(Entity<R>::table, Entity<R>::zh, file);
    int code_column = 0;
    const auto columns = columns_of<R>(rows.front(), file, code_column);
    if (carries_school_code<R> && code_column == 0) into.unmarked.push_back(file);
    std::vector<R> records;
    std::vector<int> lines;
    FileProblems problems(file);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (rows[i].blank()) continue;
        try {
            R record = read_row<R>(rows[i], columns, file);
            if constexpr (has_year<R>) into.agree_year(record.year, file, rows[i].line, column_of(columns, "year"));
            if (code_column != 0)   // read_row checked the row has this cell
                into.agree_school(std::string(trimmed_cell(rows[i].cells[code_column - 1].text)), file, rows[i].line, code_column);
            records.push_back(std::move(record));
            lines.push_back(rows[i].line);
        } catch (const FilesRejected& e) {
            problems.add(e.problems());
        }
    }
    // The profile names the school by its own 学校标识码 (once it is known to be the one row).
    if constexpr (std::is_same_v<R, School>) {
        if (problems.empty() && records.size() == 1) {
            try {
                into.agree_school(records.front().code, file, lines.front(), column_of(columns, "code"));
            } catch (const FilesRejected& e) {
                problems.add(e.problems());
            }
        }
    }
    const bool one_row_kind = std::is_same_v<R, School> || std::is_same_v<R, SchoolYear>;
    if (problems.empty() || !one_row_kind) {
        try {
            store_records(std::move(records), lines, file, into);
        } catch (const FilesRejected& e) {
            problems.add(e.problems());
        }
    }
    if (!problems.empty()) problems.reject();
}

std::string kinds_list(bool chinese) {
    std::string out;
    for_each_template_kind([&](auto tag) {
        using R = decltype(tag);
        out += (out.empty() ? "" : chinese ? "、" : ", ") + std::string(chinese ? Entity<R>::zh : Entity<R>::en);
    });
    return out;
}

}  // namespace

std::vector<TextFile> write_templates(const SchoolData& data) {
    std::vector<TextFile> files;
    for_each_template_kind([&](auto tag) {
        using R = decltype(tag);
        files.push_back({template_file_name<R>(), render<R>(records_to_write<R>(data), data.school.code)});
    });
    return files;
}

std::optional<std::size_t> template_order(std::string_view file_name) {
    std::optional<std::size_t> found;
    std::size_t index = 0;
    for_each_template_kind([&](auto tag) {
        if (file_name == template_file_name<decltype(tag)>()) found = index;
        ++index;
    });
    return found;
}

void read_template(std::string_view text, const std::string& file_name, Imported& into) {
    const auto rows = parse_csv(text, file_name);
    if (rows.empty()) reject_at(file_name, 0, 0, {"文件为空", "the file is empty"});
    // The kind whose column names the header matches best; a partial match still picks the
    // kind, so that a missing or misspelt column is reported as such.
    std::size_t best_known = 0, best_missing = 0, best_index = 0, index = 0;
    for_each_template_kind([&](auto tag) {
        using R = decltype(tag);
        const std::size_t known = known_columns<R>(rows.front());
        const std::size_t missing = Entity<R>::fields().size() - std::min(known, Entity<R>::fields().size());
        if (known > best_known || (known == best_known && known > 0 && missing < best_missing)) {
            best_known = known;
            best_missing = missing;
            best_index = index;
        }
        ++index;
    });
    if (best_known == 0 || best_missing > best_known)
        reject_at(file_name, rows.front().line, 0,
                  {"无法识别的表头：第一行应为以下某个模板的列名：" + kinds_list(true),
                   "unrecognised header: the first row must hold the column names of one of these templates: " + kinds_list(false)});
    index = 0;
    for_each_template_kind([&](auto tag) {
        if (index++ == best_index) read_kind<decltype(tag)>(rows, file_name, into);
    });
}

}  // namespace jh::exchange
