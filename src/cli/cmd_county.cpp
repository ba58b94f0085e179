// `junheng county`: the county computation over many schools — per stage the student-weighted
// mean, SD and CV of each resource indicator, the parts failing the 6-of-7 rule, the schools
// driving each CV. Inputs are school snapshots (`export --format snapshot`) or county tables,
// the CSV bureaus keep in Excel (UTF-8 or GBK); both formats in docs/county-format.md.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <ostream>

#include "cli/command.hpp"
#include "ops/file_io.hpp"
#include "cli/option_values.hpp"
#include "exchange/csv.hpp"
#include "exchange/encoding.hpp"
#include "exchange/snapshot.hpp"
#include "indicators/county.hpp"
#include "indicators/report_json.hpp"
#include "indicators/text.hpp"

namespace jh::cli {
namespace {

using namespace indicators;
using domain::Message;
using domain::Rejected;

// The county table's columns, exactly; the last seven are R1–R7's raw quantities.
constexpr std::array<std::string_view, 11> kColumns{
    "学校标识码", "学校名称", "学段", "在校生数", "高于规定学历教师数", "县级以上骨干教师数", "体育艺术专任教师数",
    "教学及辅助用房面积", "体育运动场馆面积", "教学仪器设备值", "网络多媒体教室数"};
constexpr std::size_t kFirstQuantity = 4;

struct ExcludedSchool {
    std::string file, code, name;
    Message reason;
    std::optional<domain::Stage> stage;   // only this stage is left out (it has no pupils)
};

struct Inputs {
    std::vector<PartQuantities> parts;
    std::vector<ExcludedSchool> excluded;
    std::optional<int> snapshot_year;
    std::optional<MigrantShare> g15;      // from snapshots only: county tables carry no migrants
};

[[noreturn]] void reject_cell(const std::string& file, int line, std::string_view column, const std::string& zh, const std::string& en) {
    throw Rejected({file + " 第 " + std::to_string(line) + " 行“" + std::string(column) + "”列：" + zh,
                    file + " line " + std::to_string(line) + ", column " + std::string(column) + ": " + en});
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

std::optional<double> parse_number(const std::string& text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

// Where each required column is in the header; rejects a missing, unknown or repeated one.
std::array<std::size_t, kColumns.size()> column_positions(const exchange::CsvRow& header, const std::string& file) {
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
        const std::string name = trimmed(header.cells[i].text);
        if (std::find(kColumns.begin(), kColumns.end(), name) == kColumns.end())
            throw Rejected({file + " 第 " + std::to_string(header.line) + " 行：未知的列“" + name + "”",
                            file + " line " + std::to_string(header.line) + ": unknown column '" + name + "'"});
        if (!seen.emplace(name, i).second)
            throw Rejected({file + " 第 " + std::to_string(header.line) + " 行：列“" + name + "”重复",
                            file + " line " + std::to_string(header.line) + ": column '" + name + "' appears twice"});
    }
    std::array<std::size_t, kColumns.size()> positions{};
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
        auto it = seen.find(std::string(kColumns[c]));
        if (it == seen.end())
            throw Rejected({file + "：缺少列“" + std::string(kColumns[c]) + "”", file + ": missing column '" + std::string(kColumns[c]) + "'"});
        positions[c] = it->second;
    }
    return positions;
}

PartQuantities read_row(const exchange::CsvRow& row, const std::array<std::size_t, kColumns.size()>& at, std::size_t width, const std::string& file) {
    if (row.cells.size() != width)
        throw Rejected({file + " 第 " + std::to_string(row.line) + " 行：应有 " + std::to_string(width) + " 列，实有 " + std::to_string(row.cells.size()) + " 列",
                        file + " line " + std::to_string(row.line) + ": expected " + std::to_string(width) + " cells, found " +
                            std::to_string(row.cells.size())});
    const auto text = [&](std::size_t c) { return trimmed(row.cells[at[c]].text); };
    PartQuantities part;
    part.code = text(0);
    part.name = text(1);
    if (part.code.empty()) reject_cell(file, row.line, kColumns[0], "不能为空", "must not be empty");
    const std::string stage = text(2);
    if (stage == "小学" || stage == "primary") part.stage = domain::Stage::Primary;
    else if (stage == "初中" || stage == "junior") part.stage = domain::Stage::Junior;
    else reject_cell(file, row.line, kColumns[2], "应为“小学”或“初中”，实为“" + stage + "”", "expected 小学 or 初中, got '" + stage + "'");
    const auto pupils = parse_number(text(3));
    if (!pupils || *pupils != std::floor(*pupils))
        reject_cell(file, row.line, kColumns[3], "应为整数，实为“" + text(3) + "”", "expected a whole number, got '" + text(3) + "'");
    if (*pupils <= 0) reject_cell(file, row.line, kColumns[3], "应大于 0", "must be greater than 0 (a part without pupils has no per-pupil values)");
    part.pupils = *pupils;
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        const auto value = parse_number(text(kFirstQuantity + i));
        if (!value || *value < 0)
            reject_cell(file, row.line, kColumns[kFirstQuantity + i], "应为非负数，实为“" + text(kFirstQuantity + i) + "”",
                        "expected a number ≥ 0, got '" + text(kFirstQuantity + i) + "'");
        part.amounts[i] = *value;
    }
    return part;
}

void read_county_table(const std::string& text, const std::string& file, Inputs& into) {
    auto rows = exchange::parse_csv(text, file);
    std::erase_if(rows, [](const exchange::CsvRow& r) { return r.blank(); });
    if (rows.empty()) throw Rejected({file + "：文件为空", file + ": the file is empty"});
    if (rows.size() == 1) throw Rejected({file + "：只有表头，没有学校数据", file + ": only a header, no school rows"});
    const auto at = column_positions(rows[0], file);
    std::map<std::string, int> first_line;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        auto part = read_row(rows[r], at, rows[0].cells.size(), file);
        const std::string key = part.code + "/" + std::string(domain::code(part.stage));
        if (auto [it, fresh] = first_line.emplace(key, rows[r].line); !fresh)
            reject_cell(file, rows[r].line, kColumns[0], part.code + " 的" + std::string(domain::zh(part.stage)) + "学段已在第 " + std::to_string(it->second) + " 行出现",
                        part.code + " " + std::string(domain::en(part.stage)) + " already appears on line " + std::to_string(it->second));
        into.parts.push_back(std::move(part));
    }
}

// Snapshots are gathered first: the pack's scope rules (teaching points merged into their
// central school) need every school of the county at hand.
struct Snapshots {
    std::vector<domain::SchoolData> schools;
    std::vector<std::string> files;
};

void read_snapshot_input(const std::string& text, const std::string& file, Snapshots& into) {
    auto data = exchange::read_snapshot(text, file);
    if (!into.schools.empty() && into.schools.front().year.year != data.year.year)
        throw Rejected({file + " 是 " + std::to_string(data.year.year) + " 学年，而 " + into.files.front() + " 是 " +
                            std::to_string(into.schools.front().year.year) + " 学年",
                        file + " is school year " + std::to_string(data.year.year) + " but " + into.files.front() + " is " +
                            std::to_string(into.schools.front().year.year)});
    into.schools.push_back(std::move(data));
    into.files.push_back(file);
}

void add_snapshot_parts(const Snapshots& snapshots, const RulePack& pack, Inputs& into) {
    if (snapshots.schools.empty()) return;
    into.snapshot_year = snapshots.schools.front().year.year;
    auto county = county_parts(snapshots.schools, pack);
    std::map<std::string, std::string> file_of;
    for (std::size_t i = 0; i < snapshots.schools.size(); ++i) file_of.emplace(snapshots.schools[i].school.code, snapshots.files[i]);
    for (auto& part : county.parts) {
        check_part(part, file_of[part.code]);
        into.parts.push_back(std::move(part));
    }
    for (const auto& e : county.excluded) {
        const auto& school = snapshots.schools[e.school].school;
        into.excluded.push_back({snapshots.files[e.school], school.code, school.name, e.reason, e.stage});
    }
    into.g15 = migrant_share(snapshots.schools, pack, *into.snapshot_year);
}

bool is_snapshot(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string::npos && text[first] == '{';
}

Inputs read_inputs(const std::vector<std::string>& files, const RulePack& pack) {
    Inputs inputs;
    Snapshots snapshots;
    for (const auto& file : files) {
        const auto text = exchange::decode_text(ops::read_file(file), file).utf8;
        if (is_snapshot(text)) read_snapshot_input(text, file, snapshots);
        else read_county_table(text, file, inputs);
    }
    add_snapshot_parts(snapshots, pack, inputs);
    if (inputs.parts.empty())
        throw Rejected({"输入中没有可参加计算的学校学段", "the inputs hold no school part that takes part in the county computation"});
    return inputs;
}

// Fixed decimals, zeros kept, as the published county tables print CVs: 0.500, 0.020.
std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

void print_stage(std::ostream& out, const StageStats& st) {
    out << "\n【" << domain::zh(st.stage) << "】学校 " << st.rows.size() << " 所，在校生 " << number_text(st.pupils, 0) << " 人，差异系数上限 "
        << fixed(st.indicators[0].limit, 2) << "：" << (st.pass ? "7 项均达标" : "未达标") << "\n";
    out << "  指标  均值          标准差        差异系数  结果\n";
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        const auto& s = st.indicators[i];
        char line[160];
        std::snprintf(line, sizeof line, "  %-4s  %-12.3f  %-12.3f  %-8.3f  ", std::string(resource_info()[i].id).c_str(), s.mean, s.sd, s.cv);
        out << line << (s.pass ? "达标" : "未达标") << (s.borderline ? "（临界）" : "") << "  " << resource_info()[i].name.zh << "\n";
    }
    out << "  综合（7 项差异系数的平均值，仅供参考）：" << fixed(st.composite, 3) << "\n";
    out << "  对差异系数贡献最大的学校：\n";
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        if (st.indicators[i].top.empty()) continue;
        out << "    " << resource_info()[i].id << "：";
        const auto& top = st.indicators[i].top;
        for (std::size_t k = 0; k < top.size(); ++k)
            out << (k ? "  " : "") << top[k].name << "（" << top[k].code << "，" << number_text(top[k].value, 2) << "，占 " << percent_text(top[k].share) << "）";
        out << "\n";
    }
    out << "  未达到 6/7 标准的学校：" << st.failing_parts.size() << " 所\n";
    for (const auto& row : st.rows)
        if (!row.pass) out << "    " << row.code << " " << row.name << "\n";
}

int run_county(Context& ctx) {
    const bool json = ctx.args.flag("--json");
    const auto pack_id = ctx.args.value("--pack").value_or("national");
    const auto year_option = ctx.args.value("--year");
    const auto top_option = ctx.args.value("--top");
    const auto files = ctx.args.positionals();
    ctx.args.finish();
    if (files.empty()) throw UsageError("county needs at least one INPUT file");
    std::size_t top = 3;
    if (top_option) {
        const auto n = parse_number(*top_option);
        if (!n || *n < 0 || *n != std::floor(*n)) throw UsageError("--top needs a whole number, got '" + *top_option + "'");
        top = static_cast<std::size_t>(*n);
    }
    const auto& pack = find_pack(pack_id);
    auto inputs = read_inputs(files, pack);
    const int year = year_option ? parse_school_year(*year_option, "--year") : inputs.snapshot_year.value_or(current_school_year());
    const County county(std::move(inputs.parts), pack, year);
    const auto result = county.result(top);
    if (json) {
        auto doc = to_json(result, pack);
        doc["excluded"] = nlohmann::json::array();
        for (const auto& e : inputs.excluded)
            doc["excluded"].push_back({{"file", e.file},
                                       {"code", e.code},
                                       {"name", e.name},
                                       {"stage", e.stage ? nlohmann::json(domain::code(*e.stage)) : nlohmann::json(nullptr)},
                                       {"reason", {{"zh", e.reason.zh}, {"en", e.reason.en}}}});
        doc["guarantee"] = nlohmann::json::object();
        if (inputs.g15) doc["guarantee"]["G15"] = to_json(*inputs.g15);
        ctx.out << doc.dump(2) << "\n";
        return 0;
    }
    ctx.out << "县域义务教育资源配置校际差异系数（按学生数加权）\n标准包：" << pack.name.zh << "（" << pack.id << "）  学年：" << year << "–" << year + 1
            << "\n";
    if (const auto ended = ended_note(pack, year)) ctx.out << "已停止执行：" << ended->zh << "\n";
    for (const auto& st : result.stages) print_stage(ctx.out, st);
    if (inputs.g15)
        ctx.out << "\n【G15 随迁子女在公办或政府购买学位学校就读（县域比例）】"
                << (inputs.g15->pass ? (*inputs.g15->pass ? "达标" : "未达标") : "不判定") << "\n  " << inputs.g15->detail.zh << "\n";
    for (const auto& e : inputs.excluded)
        ctx.out << "\n未计入：" << e.name << "（" << e.code << (e.stage ? "，" + std::string(domain::zh(*e.stage)) + "学段" : "") << "，" << e.file
                << "）：" << e.reason.zh << "\n";
    return 0;
}

}  // namespace

extern const Command county_command{
    "county", "county computation: student-weighted CVs of the 7 indicators over many schools",
    "Usage: junheng county [--pack ID] [--year Y] [--top N] [--json] INPUT...\n"
    "\n"
    "Each INPUT is a school snapshot (JSON from `export --format snapshot`) or a county table:\n"
    "a CSV in UTF-8 or GBK, one row per school part, with exactly these columns (any order):\n"
    "  学校标识码,学校名称,学段,在校生数,高于规定学历教师数,县级以上骨干教师数,体育艺术专任教师数,\n"
    "  教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数\n"
    "学段 is 小学 or 初中; the last seven are raw quantities (people, m², 元, rooms).\n"
    "\n"
    "For each stage: the student-weighted mean, SD and CV of R1–R7, pass against the stage's\n"
    "limit (0.50 primary, 0.45 junior nationally) at full precision, a borderline flag within\n"
    "±0.005, 综合 (mean of the 7 CVs, informational), the schools contributing most to each\n"
    "CV, and the school parts failing the 6-of-7 rule.\n"
    "\n"
    "  --pack ID   rule pack (default national; `indicators --list-packs` lists them)\n"
    "  --year Y    school year whose thresholds apply (default: the snapshots' year, else the\n"
    "              current school year)\n"
    "  --top N     contributing schools shown per indicator (default 3)\n"
    "  --json      one JSON object (docs/county-format.md)\n"
    "\n"
    "Exit status: 0 computed, 1 an input is unreadable or invalid (file and line named), 2 usage.\n",
    run_county};

}  // namespace jh::cli
