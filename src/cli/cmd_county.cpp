// `junheng county`: the county computation over many schools — per stage the student-weighted
// mean, SD and CV of each resource indicator, the parts failing the 6-of-7 rule, the schools
// driving each CV. Inputs are school snapshots (`export --format snapshot`) or county tables,
// the CSV bureaus keep in Excel (UTF-8 or GBK); both formats in docs/county-format.md. The
// report itself is ops::county_report, the one the bureau's receiver prints too.
#include <charconv>
#include <cmath>
#include <ostream>

#include "cli/command.hpp"
#include "cli/option_values.hpp"
#include "cli/store_access.hpp"
#include "indicators/pack.hpp"
#include "ops/county_report.hpp"
#include "ops/file_io.hpp"

namespace jh::cli {
namespace {

std::size_t parse_top(const std::string& text) {
    double n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(n) || n < 0 || n != std::floor(n))
        throw UsageError("--top needs a whole number, got '" + text + "'");
    return static_cast<std::size_t>(n);
}

int run_county(Context& ctx) {
    const bool json = ctx.args.flag("--json");
    const auto pack_id = ctx.args.value("--pack");
    const auto year_option = ctx.args.value("--year");
    const auto top_option = ctx.args.value("--top");
    const auto files = ctx.args.positionals();
    ctx.args.finish();
    if (files.empty()) throw UsageError("county needs at least one INPUT file");
    ops::CountyOptions options;
    if (top_option) options.top = parse_top(*top_option);
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
    if (json) ctx.out << ops::to_json(report).dump(2) << "\n";
    else ctx.out << ops::to_text(report);
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
    "  --pack ID   rule pack (default: the one `indicators --list-packs` marks: the window's\n"
    "              choice, else the bureau's pack once received, else national)\n"
    "  --year Y    school year whose thresholds apply (default: the snapshots' year, else the\n"
    "              current school year)\n"
    "  --top N     contributing schools shown per indicator (default 3)\n"
    "  --json      one JSON object (docs/county-format.md)\n"
    "\n"
    "A snapshot that cannot be read, is of another school year (than --year's, else the latest),\n"
    "repeats a school or cannot be computed is left out and listed with its reason (未计入 /\n"
    "`excluded`); the others are computed.\n"
    "\n"
    "Exit status: 0 computed, 1 a county table is invalid, a file unreadable, or no school part is\n"
    "left (file and line named), 2 usage.\n",
    run_county};

}  // namespace jh::cli
