// `junheng indicators`: one school year's verdicts under a rule pack — the 7 resource
// indicators per stage part with the 6-of-7 verdict, the items a school can measure, the
// pack's local items — each failing one with the smallest change that makes it pass.
// A Chinese report for people, or the engine's JSON with --json.
#include <algorithm>
#include <ostream>

#include "domain/school_year.hpp"
#include "cli/command.hpp"
#include "cli/option_values.hpp"
#include "cli/store_access.hpp"
#include "indicators/report_json.hpp"
#include "indicators/school.hpp"
#include "indicators/text.hpp"

namespace jh::cli {
namespace {

using namespace indicators;

// One line per pack offered; the selected one (the default of --pack) marked "*", the
// bureau's with who published it and when.
void list_packs(std::ostream& out, const ops::TerminalPacks& packs) {
    for (const auto& p : packs.packs) {
        out << (p.id == packs.selected ? "* " : "  ") << p.id << "\t" << p.name.zh << "\t" << p.version;
        if (p.inherits) out << "\t（继承 " << *p.inherits << "）";
        if (packs.bureau && p.id == packs.bureau->id)
            out << "\t（教育局发布：" << packs.bureau->source << "，" << packs.bureau->published_at << "）";
        out << "\n";
    }
}

std::string status_text(Status s) { return std::string(status_label(s).zh); }

void print_gaps(std::ostream& out, const std::vector<Gap>& gaps, const std::string& indent) {
    for (const auto& g : gaps) out << indent << "- " << g.text.zh << "\n";
}

void print_items(std::ostream& out, const std::vector<ItemResult>& items) {
    for (const auto& i : items) {
        out << "  [" << status_text(i.status) << "] " << i.id << " " << i.name.zh << "\n";
        if (!i.detail.zh.empty()) out << "      " << i.detail.zh << "\n";
        print_gaps(out, i.gaps, "      ");
    }
}

std::string cell(const std::string& text, std::size_t width) {
    // Pads by characters shown, not bytes, so Chinese text lines up with digits.
    std::size_t shown = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) shown += c >= 0xE0 ? 2 : 1;
    return text + std::string(shown < width ? width - shown : 1, ' ');
}

void print_resources(std::ostream& out, const PartResult& part, const RulePack& pack) {
    const auto& v = part.resources;
    const int allowed = static_cast<int>(kResourceCount) - pack.resources.min_met;
    out << "  资源配置：" << (v.pass ? "达标" : "未达标") << "（7 项中 " << v.met << " 项达到标准；要求至少 " << pack.resources.min_met
        << " 项达标，其余 " << allowed << " 项不低于标准的 " << percent_text(pack.resources.floor_ratio, 0) << "）\n";
    out << "    " << cell("指标", 6) << cell("数值", 12) << cell("标准", 10) << cell("底线", 10) << cell("结果", 10) << "名称\n";
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        const auto& r = v.results[i];
        const std::string result = r.met ? "达标" : r.above_floor ? "未达标(≥底线)" : "未达标";
        out << "    " << cell(std::string(r.id), 6) << cell(verdict_number_text(r.value, r.threshold, r.met, 2), 12)
            << cell(number_text(r.threshold, 2), 10)
            << cell(number_text(r.floor, 2), 10) << cell(result, 10) << resource_info()[i].name.zh << "\n";
    }
    if (!v.gaps.empty()) {
        out << "    各项达标所需：\n";
        print_gaps(out, v.gaps, "      ");
    }
    if (!v.fixes.empty()) {
        out << "    通过 6/7 判定的最小改动（任选其一）：\n";
        print_gaps(out, v.fixes, "      ");
    } else if (!v.pass) {
        out << "    单项改动不足以通过 6/7 判定，需同时改善上列多项。\n";
    }
}

void print_report(std::ostream& out, const SchoolResult& r, const RulePack& chosen) {
    const RulePack& pack = rules_in_force(chosen, r.year);
    out << "学校：" << r.name << "（" << r.code << "）  学年：" << domain::school_year_span_zh(r.year) << "\n";
    out << "标准包：" << chosen.name.zh << "（" << chosen.id << "，" << chosen.version << "）\n";
    out << "依据：" << chosen.document << "\n";
    if (const auto ended = ended_note(chosen, r.year)) out << "已停止执行：" << ended->zh << "\n";
    if (r.scope_note) out << "注意：" << r.scope_note->zh << "\n";
    for (const auto& empty : r.empty_stages) out << "\n【" << domain::zh(empty.stage) << "部】" << empty.reason.zh << "\n";
    for (const auto& part : r.parts) {
        out << "\n【" << domain::zh(part.quantities.stage) << "部】在校生 " << number_text(part.quantities.pupils, 0) << " 人\n";
        print_resources(out, part, pack);
        out << "  学段项目：\n";
        print_items(out, part.items);
    }
    out << "\n【政府保障、教育质量与地方标准（本校可测项）】\n";
    print_items(out, r.items);
    if (!r.not_computed.empty()) {
        out << "\n【需县级核定或本终端未采集的项目】\n";
        for (const auto& n : r.not_computed) out << "  " << n.id << " " << n.name.zh << "：" << n.reason.zh << "\n";
    }
}

int run_indicators(Context& ctx) {
    const bool json = ctx.args.flag("--json");
    const bool list = ctx.args.flag("--list-packs");
    const auto pack_id = ctx.args.value("--pack");
    const auto year = year_option(ctx.args);
    ctx.args.finish();
    const auto packs = packs_of(ctx);
    if (list) {
        list_packs(ctx.out, packs);
        return 0;
    }
    const auto& pack = packs.pick(pack_id);
    auto store = open_store(ctx);
    const int school_year = year_to_use(store, year);
    const auto result = evaluate(store.load(school_year), pack);
    if (json) ctx.out << to_json(result).dump(2) << "\n";
    else print_report(ctx.out, result, pack);
    return 0;
}

}  // namespace

extern const Command indicators_command{
    "indicators", "the school's evaluation verdicts and what it takes to pass, under a rule pack",
    "Usage: junheng [--db PATH] indicators [--pack ID] [--year Y] [--json]\n"
    "       junheng indicators --list-packs\n"
    "\n"
    "Computes one school year (default: the latest) under a rule pack (default: the one selected\n"
    "in the window's settings, else the bureau's pack once one is received, else national):\n"
    "per stage part, the 7 resource indicators with value, standard, 85% floor and the 6-of-7\n"
    "verdict; the guarantee and quality items a school can measure (G3 G4 G5 G6 G7 G9 G11 G12\n"
    "G15 Q1 Q4); the pack's local items; for every failing item the smallest change that makes\n"
    "it pass, and where one change fixes the 6-of-7 verdict, the smallest few.\n"
    "\n"
    "  --pack ID      rule pack id (see --list-packs)\n"
    "  --year Y       school year, e.g. 2025 for 2025–2026\n"
    "  --json         the results as JSON (docs/rule-packs.md, \"School results\")\n"
    "  --list-packs   the rule packs offered: the compiled-in ones and the bureau's (with who\n"
    "                 published it and when): id, name, version, what each inherits; the default\n"
    "                 marked '*'\n"
    "\n"
    "Exit status: 0 report printed (whatever the verdicts), 1 no such pack, year or pupils, 2 usage.\n",
    run_indicators};

}  // namespace jh::cli
