// `junheng county`: the county computation over many schools — per stage the student-weighted
// mean, SD and CV of each resource indicator, the parts failing the 6-of-7 rule, the schools
// driving each CV. Inputs are school snapshots (`export --format snapshot`) or county tables,
// the CSV bureaus keep in Excel (UTF-8 or GBK); both formats in docs/county-format.md. The
// report itself is ops::county_report, the one the bureau's receiver prints too.
#include <charconv>
#include <cmath>
#include <optional>
#include <ostream>

#include "cli/command.hpp"
#include "cli/option_values.hpp"
#include "cli/store_access.hpp"
#include "indicators/pack.hpp"
#include "ops/county_export.hpp"
#include "ops/county_report.hpp"
#include "ops/file_io.hpp"
#include "ops/way_to_pass.hpp"

namespace jh::cli {
namespace {

std::size_t parse_count(const std::string& text, const std::string& option) {
    double n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(n) || n < 0 || n != std::floor(n) || n > 1e12)
        throw UsageError(option + " needs a whole number, got '" + text + "'");
    return static_cast<std::size_t>(n);
}

int run_county(Context& ctx) {
    const bool json = ctx.args.flag("--json");
    const auto pack_id = ctx.args.value("--pack");
    const auto year_option = ctx.args.value("--year");
    const auto top_option = ctx.args.value("--top");
    const bool way_option = ctx.args.flag("--way-to-pass");
    const auto budget_option = ctx.args.value("--search-budget");
    const auto csv_out = ctx.args.value("--csv");
    const auto report_csv_out = ctx.args.value("--report-csv");
    const auto xlsx_out = ctx.args.value("--xlsx");
    const auto files = ctx.args.positionals();
    ctx.args.finish();
    if (files.empty()) throw UsageError("county needs at least one INPUT file");
    ops::CountyOptions options;
    if (top_option) options.top = parse_count(*top_option, "--top");
    ops::WayOptions way_options;
    if (budget_option) way_options.budget = parse_count(*budget_option, "--search-budget");
    const auto packs = packs_of(ctx);
    const auto& pack = packs.pick(pack_id);
    ops::CountyInputs inputs;
    for (const auto& file : files) inputs.add_file(file, ops::read_file(file));
    if (year_option) options.year = parse_school_year(*year_option, "--year");
    options.default_year = current_school_year();
    const auto report = ops::county_report(inputs, pack, options);
    if (report.result.stages.empty()) {
        std::vector<domain::Issue> why;
        for (const auto& e : report.excluded) why.push_back({domain::Severity::Error, "", 0, "", e.reason});
        throw domain::Rejected({"输入中没有可参加计算的学校学段", "the inputs hold no school part that takes part in the county computation"},
                               std::move(why));
    }
    std::optional<ops::WayToPass> way;
    if (way_option || xlsx_out) way = ops::way_to_pass(report, way_options);
    // The files first: a report printed is a report whose exports were written.
    if (csv_out) ops::write_file_atomically(*csv_out, [&](std::ostream& out) { ops::write_county_csv(out, report); });
    if (report_csv_out) ops::write_file_atomically(*report_csv_out, [&](std::ostream& out) { ops::write_report_csv(out, report); });
    if (xlsx_out) ops::write_county_xlsx(*xlsx_out, report, &*way);
    if (json) {
        auto doc = ops::to_json(report);
        if (way_option) doc["way_to_pass"] = ops::to_json(*way);
        ctx.out << doc.dump(2) << "\n";
    } else {
        ctx.out << ops::to_text(report);
        if (way_option) ctx.out << ops::to_text(*way);
        for (const auto* path : {&csv_out, &report_csv_out, &xlsx_out})
            if (*path) ctx.out << "已导出 " << **path << "\n";
    }
    return 0;
}

}  // namespace
extern const Command county_command{
    "county", "county computation: student-weighted CVs of the 7 indicators over many schools",
    "Usage: junheng county [--pack ID] [--year Y] [--top N] [--json] [--way-to-pass [--search-budget N]]\n"
    "                      [--csv OUT] [--report-csv OUT] [--xlsx OUT] INPUT...\n"
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
    "  --pack ID   rule pack (default: the one `indicators --list-packs` marks: the window's\n"
    "              choice, else the bureau's pack once received, else national)\n"
    "  --year Y    school year whose thresholds apply (default: the snapshots' year, else the\n"
    "              current school year)\n"
    "  --top N     contributing schools shown per indicator (default 3)\n"
    "  --json      one JSON object (docs/county-format.md)\n"
    "  --way-to-pass  the county's way to pass (docs/way-to-pass.md): per CV over its limit the\n"
    "              fewest schools to raise to the standard and what each needs; per school failing\n"
    "              6/7 the fewest indicators to raise (text, or key `way_to_pass` with --json)\n"
    "  --search-budget N  what-if evaluations per indicator before the search turns greedy\n"
    "              (default 20000); a greedy result says it is the best found, not proven fewest\n"
    "  --csv OUT   write the county table (UTF-8 with BOM; the layout this command reads back)\n"
    "  --report-csv OUT  write the report's table (UTF-8 with BOM)\n"
    "  --xlsx OUT  write a workbook: sheets 县域汇总表, 县域报告 and 达标路径\n"
    "              (columns in docs/county-format.md \"Exports\"); files are replaced atomically\n"
    "\n"
    "A snapshot that cannot be read, is of another school year (than --year's, else the latest),\n"
    "repeats a school or cannot be computed is left out and listed with its reason (未计入 /\n"
    "`excluded`); the others are computed.\n"
    "\n"
    "Exit status: 0 computed, 1 a county table is invalid, a file unreadable, or no school part is\n"
    "left (file and line named), 2 usage.\n",
    run_county};

}  // namespace jh::cli
