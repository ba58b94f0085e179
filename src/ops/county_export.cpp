// The county report's exports (see county_export.hpp). The report's rows are built once
// (report_rows) and written by both the CSV and the XLSX writer, so the two never disagree.
#include "ops/county_export.hpp"

#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <string>
#include <unistd.h>
#include <variant>

#include "domain/message.hpp"
#include "exchange/csv.hpp"
#include "indicators/resources.hpp"
#include "ops/file_io.hpp"

namespace jh::ops {
namespace {

using indicators::kResourceCount;
using indicators::resource_info;

// A cell: text, or a number (written as a number in the workbook, shortest exact decimal in CSV).
using Cell = std::variant<std::string, double>;
using Row = std::vector<Cell>;

std::string yes_no(bool v, const char* yes, const char* no) { return v ? yes : no; }

// The report's rows, header rows included; an empty row separates the two tables.
template <class Emit> void report_rows(const CountyReport& report, Emit&& emit) {
    emit(Row{std::string("学段"), std::string("指标"), std::string("指标名称"), std::string("均值"), std::string("标准差"),
             std::string("差异系数"), std::string("上限"), std::string("结果"), std::string("临界")});
    for (const auto& st : report.result.stages) {
        const std::string stage(domain::zh(st.stage));
        for (std::size_t i = 0; i < kResourceCount; ++i) {
            const auto& s = st.indicators[i];
            emit(Row{stage, std::string(resource_info()[i].id), resource_info()[i].name.zh, s.mean, s.sd, s.cv, s.limit,
                     yes_no(s.pass, "达标", "未达标"), yes_no(s.borderline, "临界", "")});
        }
        emit(Row{stage, std::string("综合"), std::string("7 项差异系数的平均值（仅供参考）"), std::string(), std::string(), st.composite,
                 std::string(), std::string(), std::string()});
    }
    emit(Row{});
    emit(Row{std::string("学段"), std::string("未达到6/7标准的学校标识码"), std::string("学校名称"), std::string("在校生数")});
    for (const auto& st : report.result.stages)
        for (const auto& row : st.rows)
            if (!row.pass) emit(Row{std::string(domain::zh(st.stage)), row.code, row.name, row.pupils});
}

// The way to pass as rows: one per school raised (an indicator without any, one row alone).
template <class Emit> void way_rows(const WayToPass& way, Emit&& emit) {
    emit(Row{std::string("学段"), std::string("项目"), std::string("差异系数"), std::string("上限"), std::string("结论"),
             std::string("学校标识码"), std::string("学校名称"), std::string("现值"), std::string("目标"), std::string("提升后"),
             std::string("需增加"), std::string("单位"), std::string("措施")});
    const auto raise_cells = [](Row& row, const Raise& r) {
        for (Cell c : {Cell(r.code), Cell(r.name), Cell(r.value), Cell(r.target), Cell(r.value_after), Cell(r.gap.amount),
                       Cell(resource_info()[r.indicator].unit.zh), Cell(r.gap.text.zh)})
            row.push_back(std::move(c));
    };
    for (const auto& w : way.indicators) {
        const Row head{std::string(domain::zh(w.stage)), std::string(resource_info()[w.indicator].id), w.cv, w.limit, w.note.zh};
        if (w.raises.empty()) emit(head);
        for (const auto& r : w.raises) {
            Row row = head;
            raise_cells(row, r);
            emit(row);
        }
    }
    for (const auto& s : way.schools)
        for (const auto& r : s.raises) {
            Row row{std::string(domain::zh(s.stage)), std::string("6/7 ") + r.gap.item, std::string(), std::string(),
                    std::to_string(s.met) + "/7 项达标"};
            raise_cells(row, r);
            emit(row);
        }
}

void write_csv_row(std::ostream& out, const Row& row) {
    std::vector<std::string> cells;
    for (const auto& c : row) cells.push_back(std::holds_alternative<double>(c) ? exchange::county_number(std::get<double>(c)) : std::get<std::string>(c));
    std::string line;
    exchange::append_csv_row(line, cells);
    out << line;
}

// One worksheet written row by row (constant-memory mode writes each row as the next begins).
class Sheet {
public:
    Sheet(lxw_workbook* book, const char* name) : sheet_(workbook_add_worksheet(book, name)) {
        if (!sheet_) throw domain::Rejected({std::string("无法创建工作表 ") + name, std::string("cannot add worksheet ") + name});
    }
    void operator()(const Row& row) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            const auto col = static_cast<lxw_col_t>(c);
            lxw_error e = LXW_NO_ERROR;
            if (std::holds_alternative<double>(row[c])) e = worksheet_write_number(sheet_, next_, col, std::get<double>(row[c]), nullptr);
            else if (!std::get<std::string>(row[c]).empty()) e = worksheet_write_string(sheet_, next_, col, std::get<std::string>(row[c]).c_str(), nullptr);
            check(e);
        }
        ++next_;
    }
    static void check(lxw_error e) {
        if (e != LXW_NO_ERROR)
            throw domain::Rejected({std::string("写入 XLSX 失败：") + lxw_strerror(e), std::string("cannot write the XLSX: ") + lxw_strerror(e)});
    }

private:
    lxw_worksheet* sheet_;
    lxw_row_t next_ = 0;
};

// Writes the workbook at `path`; `shown` names the file in messages (the target, not its temporary).
void write_workbook(const std::filesystem::path& path, const std::string& shown, const CountyReport& report, const WayToPass* way) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
    if (!book) throw domain::Rejected({"无法创建 XLSX 文件 " + shown, "cannot create the XLSX file " + shown});
    try {
        Sheet table(book, "县域汇总表");
        Row header;
        for (auto name : exchange::kCountyColumns) header.push_back(std::string(name));
        table(header);
        for (const auto& part : report.parts) {
            Row row{part.code, part.name, std::string(domain::zh(part.stage)), part.pupils};
            for (double a : part.amounts) row.push_back(a);
            table(row);
        }
        Sheet sheet(book, "县域报告");
        report_rows(report, sheet);
        if (way) {
            Sheet ways(book, "达标路径");
            way_rows(*way, ways);
        }
    } catch (...) {
        workbook_close(book);
        throw;
    }
    if (const lxw_error e = workbook_close(book); e != LXW_NO_ERROR)
        throw domain::Rejected({"无法写入 " + shown + "：" + lxw_strerror(e), "cannot write " + shown + ": " + lxw_strerror(e)});
}

}  // namespace

std::vector<exchange::CountyTableRow> county_table_rows(const CountyReport& report) {
    std::vector<exchange::CountyTableRow> rows;
    rows.reserve(report.parts.size());
    for (const auto& p : report.parts) rows.push_back({0, p.code, p.name, p.stage, p.pupils, p.amounts});
    return rows;
}

void write_county_csv(std::ostream& out, const CountyReport& report) { exchange::write_county_table(out, county_table_rows(report)); }

void write_report_csv(std::ostream& out, const CountyReport& report) {
    out << "\xEF\xBB\xBF";
    report_rows(report, [&](const Row& row) { write_csv_row(out, row); });
}

void write_county_xlsx(const std::filesystem::path& path, const CountyReport& report, const WayToPass* way) {
    produce_file_atomically(path, [&](const std::filesystem::path& temporary) { write_workbook(temporary, path.string(), report, way); });
}

void write_county_xlsx(std::ostream& out, const CountyReport& report, const WayToPass* way) {
    char name[] = "/tmp/junheng-xlsx-XXXXXX";
    const int fd = ::mkstemp(name);
    if (fd < 0) throw domain::Rejected({"无法创建临时文件", "cannot create a temporary file"});
    ::close(fd);
    const std::filesystem::path temporary(name);
    try {
        write_workbook(temporary, "XLSX", report, way);
        std::ifstream in(temporary, std::ios::binary);
        out << in.rdbuf();
    } catch (...) {
        std::filesystem::remove(temporary);
        throw;
    }
    std::filesystem::remove(temporary);
}

}  // namespace jh::ops
