// The county report page (issue 10 item 4), its downloads and its printable form (item 5),
// docs/web.md "The county report". Everything shown is computed elsewhere and only drawn here:
// the figures by receiver::county_report (the county computation of `junheng-bureau report`,
// ops::county_report underneath), the county's way to pass by ops::way_to_pass, the standards
// by the indicator engine (thresholds_in), the exports by ops/county_export.hpp — the writers
// `junheng-bureau report --csv/--report-csv/--xlsx` use. The rule pack is any local pack
// (receiver_packs), the one in force by default.
//
// Who sees what: both roles read the report and download it. An account limited to one county
// sees its county only — the schools the report counts in that county (county_report's
// `county` of each school: its latest submitted profile's, else staff.hpp's school_county) —
// and is refused another; a city's or province's account picks a county with ?county= (the report of
// just that county's schools: the same ops computation over their parts) or reads them all.
#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <variant>
#include <sstream>

#include "domain/enums.hpp"
#include "indicators/pack.hpp"
#include "indicators/resources.hpp"
#include "indicators/text.hpp"
#include "ops/county_export.hpp"
#include "ops/county_report.hpp"
#include "ops/way_to_pass.hpp"
#include "sync/receiver/packs.hpp"
#include "sync/receiver/report.hpp"
#include "sync/receiver/staff.hpp"
#include "sync/web/site.hpp"
#include "sync/web/svg.hpp"

namespace jh::sync::web {
namespace {

using nlohmann::json;
using namespace jh::sync::receiver;
using indicators::kResourceCount;
using indicators::resource_info;

// A download is built in memory (PageResponse carries a body, not a stream): past this size it
// is refused rather than held. A 300-school county's workbook is well under 1 MB.
constexpr std::size_t kMaxExportBytes = 64u << 20;

std::string get(const Request& r, const std::string& key) {
    const auto it = r.query.find(key);
    return it == r.query.end() ? std::string() : it->second;
}

std::string str(const json& j, const char* key) {
    const auto it = j.find(key);
    return it == j.end() || !it->is_string() ? std::string() : it->get<std::string>();
}

std::string num(double v, int decimals = 3) { return indicators::number_text(v, decimals); }

// What a report request asks for, checked; or the refusal to show.
struct Asked {
    std::optional<int> year;
    std::optional<std::string> pack;
    std::optional<std::string> county;   // the county the report is limited to
    bool print = false;
};

// The report as computed for what was asked.
struct View {
    Asked asked;
    ops::PackSet packs;
    json doc;                          // county_report's JSON (completeness for every school)
    ops::CountyReport computed;        // the county's (or, without one, every school's) computation
    std::vector<const json*> schools;  // completeness rows in scope
    std::vector<int> years;            // the year select's: submitted or with a deadline, and the one shown; newest first
};

// The years a report can be asked for: every year a school submitted for or the bureau set a
// deadline for, and `shown`; newest first.
std::vector<int> report_years(ReceiverStore& store, int shown) {
    std::set<int, std::greater<>> years{shown};
    for (const int y : store.submitted_years()) years.insert(y);
    for (const auto& d : store.deadlines()) years.insert(d.year);
    return {years.begin(), years.end()};
}

// The query's year, pack and county, or a refusal page.
std::variant<Asked, Response> ask(const Request& r, const Signed& s, const ops::PackSet& packs) {
    Asked a;
    if (const auto y = get(r, "year"); !y.empty()) {
        int year = 0;
        try {
            year = std::stoi(y);
        } catch (const std::exception&) {
        }
        if (year < 1900 || year > 2200) return message_page(400, "请求无效", "学年无效：" + y + "。", &s);
        a.year = year;
    }
    if (const auto p = get(r, "pack"); !p.empty()) {
        try {
            packs.find(p);
        } catch (const domain::Rejected& e) {
            return message_page(404, "没有这个标准包", e.message().zh, &s);
        }
        a.pack = p;
    }
    const auto county = get(r, "county");
    if (s.user.county) {
        // The one rule of who sees what: a county account, its own county only.
        if (!county.empty() && county != *s.user.county)
            return message_page(403, "无权查看", "您的账户只能查看 " + *s.user.county + " 县的报告。", &s);
        a.county = *s.user.county;
    } else if (!county.empty()) {
        if (county.size() > 12 || !std::all_of(county.begin(), county.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return message_page(400, "请求无效", "县（区）代码无效。", &s);
        a.county = county;
    }
    a.print = get(r, "print") == "1";
    return a;
}

// The same ops computation over only the parts of `codes` (a county of a city's receiver).
ops::CountyReport only(const ops::CountyReport& all, const std::set<std::string>& codes, std::size_t top) {
    ops::CountyInputs inputs;
    for (const auto& part : all.parts)
        if (codes.count(part.code)) {
            inputs.parts.push_back(part);
            inputs.part_sources.push_back(part.code);
        }
    ops::CountyOptions options;
    options.year = all.year;
    options.default_year = all.year;
    options.top = top;
    auto out = ops::county_report(inputs, all.pack, options);
    for (const auto& e : all.excluded)
        if (codes.count(e.code)) out.excluded.push_back(e);
    return out;
}

View compute(ReceiverStore& store, const Request& r, Asked asked, ops::PackSet packs) {
    View v;
    v.asked = std::move(asked);
    v.packs = std::move(packs);
    ReportOptions options;
    options.now = iso_time(r.now);
    options.year = v.asked.year;
    options.pack_id = v.asked.pack;
    ops::CountyReport all;
    v.doc = county_report(store, options, &all);
    v.years = report_years(store, all.year);
    if (!v.asked.county) {
        v.computed = std::move(all);
        for (const auto& row : v.doc["completeness"]["schools"]) v.schools.push_back(&row);
        return v;
    }
    std::set<std::string> codes;
    for (const auto& row : v.doc["completeness"]["schools"]) {
        const auto code = str(row, "code");
        // The county the report itself counts the school in: its latest submitted profile's,
        // else its live copy's (staff.hpp's school_county), else its relaying county's.
        if (str(row, "county") == *v.asked.county) {
            codes.insert(code);
            v.schools.push_back(&row);
        }
    }
    v.computed = only(all, codes, options.top);
    return v;
}

// The query of links that keep the report's year, pack and county.
std::string query_of(const View& v, const std::string& extra = {}) {
    std::string q = "year=" + std::to_string(v.computed.year);
    if (v.asked.pack) q += "&pack=" + url_encode(*v.asked.pack);
    if (v.asked.county) q += "&county=" + url_encode(*v.asked.county);
    if (!extra.empty()) q += "&" + extra;
    return q;
}

std::string export_list(const std::string& query) {
    const std::string q = html(query);
    return "<ul class=\"exports\">\n"
           "<li><a href=\"/report/county-table.csv?" + q + "\" download>县域汇总表（CSV，Excel 可直接打开）</a></li>\n"
           "<li><a href=\"/report/report.csv?" + q + "\" download>县域报告（CSV）</a></li>\n"
           "<li><a href=\"/report/report.xlsx?" + q + "\" download>县域汇总表与报告（Excel 工作簿 XLSX：汇总表、报告、达标路径三张工作表）</a></li>\n"
           "</ul>\n";
}

std::string pass_text(bool pass, bool borderline) { return std::string(pass ? "达标" : "未达标") + (borderline ? "（临界）" : ""); }

std::string stage_section(const View& v, const indicators::StageStats& st, const ops::WayToPass& way, bool first) {
    const std::string stage(domain::zh(st.stage));
    std::string out = "<section class=\"stage" + std::string(first ? "" : " break") + "\" id=\"stage-" +
                      std::string(domain::code(st.stage)) + "\">\n<h2>" + html(stage) + "</h2>\n";
    out += "<p class=\"verdict " + std::string(st.pass ? "pass" : "fail") + "\">学校 " + std::to_string(st.rows.size()) + " 所，在校生 " +
           indicators::number_text(st.pupils, 0) + " 人，差异系数上限 " + num(st.indicators[0].limit, 2) + "：" +
           (st.pass ? "7 项均达标" : "未达标") + "</p>\n";
    out += "<table class=\"indicators\">\n<thead><tr><th>指标</th><th>名称</th><th>均值（按学生数加权）</th><th>标准差</th><th>差异系数</th>"
           "<th>上限</th><th>结果</th><th>对差异系数贡献最大的学校</th></tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        const auto& s = st.indicators[i];
        std::string top;
        for (const auto& c : s.top)
            top += "<li>" + html(c.name) + "（" + html(c.code) + "，" + num(c.value, 2) + "，占 " + indicators::percent_text(c.share) + "）</li>";
        out += "<tr class=\"" + std::string(s.pass ? "pass" : "fail") + (s.borderline ? " borderline" : "") + "\"><td>" +
               html(resource_info()[i].id) + "</td><td>" + html(resource_info()[i].name.zh) + "</td><td>" + num(s.mean) + "</td><td>" +
               num(s.sd) + "</td><td class=\"cv\">" + indicators::verdict_number_text(s.cv, s.limit, s.pass, 3) + "</td><td>" +
               num(s.limit, 2) + "</td><td class=\"verdict " + (s.pass ? "pass" : "fail") + "\">" + pass_text(s.pass, s.borderline) +
               "</td><td><ul class=\"drivers\">" + top + "</ul></td></tr>\n";
    }
    out += "<tr class=\"composite\"><td>综合</td><td>7 项差异系数的平均值（仅供参考）</td><td></td><td></td><td class=\"cv\">" +
           num(st.composite) + "</td><td></td><td></td><td></td></tr>\n</tbody></table>\n";

    // Each CV against its limit.
    svg::BarChart cvs;
    cvs.title = stage + "：各项差异系数与上限";
    cvs.line = st.indicators[0].limit;
    cvs.line_label = "上限";
    cvs.decimals = 2;
    cvs.height = 180;
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        const auto& s = st.indicators[i];
        cvs.bars.push_back({std::string(resource_info()[i].id),
                            std::string(resource_info()[i].id) + " " + resource_info()[i].name.zh + "：差异系数 " + num(s.cv) + "，上限 " + num(s.limit, 2),
                            s.cv, !s.pass});
    }
    out += "<figure class=\"chart cvs\">" + svg::bar_chart(cvs) + "<figcaption>" + html(cvs.title) + "（红色：超过上限）</figcaption></figure>\n";

    // The schools failing the 6-of-7 rule, with what the way to pass asks of each.
    out += "<h3>未达到 6/7 标准的学校：" + std::to_string(st.failing_parts.size()) + " 所</h3>\n";
    if (!st.failing_parts.empty()) {
        out += "<table class=\"failing\">\n<thead><tr><th>学校代码</th><th>学校</th><th>在校生</th><th>达标项数</th></tr></thead>\n<tbody>\n";
        for (const auto& row : st.rows) {
            if (row.pass) continue;
            std::string met = "—";
            for (const auto& w : way.schools)
                if (w.code == row.code && w.stage == st.stage) met = std::to_string(w.met) + "/7";
            out += "<tr><td>" + html(row.code) + "</td><td>" + html(row.name) + "</td><td>" + indicators::number_text(row.pupils, 0) +
                   "</td><td>" + met + "</td></tr>\n";
        }
        out += "</tbody></table>\n";
    }

    // Each school's value against the standard, per indicator.
    std::optional<std::array<double, kResourceCount>> standard;
    try {
        standard = indicators::thresholds_in(indicators::rules_in_force(v.computed.pack, v.computed.year), st.stage, v.computed.year);
    } catch (const domain::Rejected&) {
    }
    out += "<h3>各校指标值与标准</h3>\n<div class=\"school-charts\">\n";
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        svg::BarChart c;
        c.title = stage + " " + std::string(resource_info()[i].id) + " " + resource_info()[i].name.zh + "：各校数值与标准";
        c.width = 460;
        c.height = 170;
        if (standard) {
            c.line = (*standard)[i];
            c.line_label = "标准";
        }
        std::vector<const indicators::PartRow*> rows;
        for (const auto& row : st.rows) rows.push_back(&row);
        std::stable_sort(rows.begin(), rows.end(), [i](const auto* a, const auto* b) { return a->values[i] < b->values[i]; });
        for (const auto* row : rows)
            c.bars.push_back({"", row->name + "（" + row->code + "）：" + num(row->values[i], 2), row->values[i],
                              standard && !indicators::at_least(row->values[i], (*standard)[i])});
        out += "<figure class=\"chart school-values\">" + svg::bar_chart(c) + "<figcaption>" + html(c.title) + "（红色：低于标准）</figcaption></figure>\n";
    }
    out += "</div>\n</section>\n";
    return out;
}

std::string way_section(const ops::WayToPass& way) {
    std::string out = "<section class=\"way break\" id=\"way\">\n<h2>达标路径：县域如何达到差异系数要求</h2>\n"
                      "<p class=\"hint\">对每项超过上限的差异系数，找出最少需要提升到标准的学校及各校需要增加的资源（按学校自身的单位）；"
                      "以及每所未达到 6/7 标准的学校最少需要提升哪些指标。</p>\n";
    if (way.indicators.empty()) out += "<p class=\"verdict pass\">各学段 7 项差异系数均未超过上限。</p>\n";
    for (const auto& w : way.indicators) {
        out += "<article class=\"cv-way\">\n<h3>" + html(domain::zh(w.stage)) + " " + html(resource_info()[w.indicator].id) + "（" +
               html(resource_info()[w.indicator].name.zh) + "）差异系数 " + num(w.cv) + "，上限 " + num(w.limit, 2) + "</h3>\n";
        out += "<p class=\"note" + std::string(w.found ? "" : " fail") + "\">" + html(w.note.zh) + "</p>\n";
        if (!w.raises.empty()) {
            out += "<table class=\"raises\">\n<thead><tr><th>学校代码</th><th>学校</th><th>现值</th><th>目标</th><th>提升后</th><th>需要增加</th></tr></thead>\n<tbody>\n";
            for (const auto& r : w.raises)
                out += "<tr><td>" + html(r.code) + "</td><td>" + html(r.name) + "</td><td>" + num(r.value, 2) + "</td><td>" + num(r.target, 2) +
                       "</td><td>" + num(r.value_after, 2) + "</td><td>" + html(r.gap.text.zh) + "</td></tr>\n";
            out += "</tbody></table>\n";
        }
        if (w.cv_after) out += "<p>提升后差异系数 " + num(*w.cv_after) + "</p>\n";
        out += "</article>\n";
    }
    out += "<h3>未达到 6/7 标准的学校如何达标：" + std::to_string(way.schools.size()) + " 所</h3>\n";
    if (!way.schools.empty()) {
        out += "<table class=\"school-ways\">\n<thead><tr><th>学校代码</th><th>学校</th><th>学段</th><th>达标项数</th><th>最少需提升</th></tr></thead>\n<tbody>\n";
        for (const auto& s : way.schools) {
            std::string raises;
            for (const auto& r : s.raises)
                raises += "<li>" + html(r.gap.item) + "（" + html(resource_info()[r.indicator].name.zh) + "）" + (r.to_floor ? "提升到最低要求：" : "提升到标准：") +
                          html(r.gap.text.zh) + "</li>";
            out += "<tr><td>" + html(s.code) + "</td><td>" + html(s.name) + "</td><td>" + html(domain::zh(s.stage)) + "</td><td>" +
                   std::to_string(s.met) + "/7</td><td><ul>" + raises + "</ul></td></tr>\n";
        }
        out += "</tbody></table>\n";
    }
    return out + "</section>\n";
}

std::string completeness_section(const View& v, std::int64_t now) {
    const auto& c = v.doc["completeness"];
    std::optional<std::int64_t> deadline_end;
    if (c["deadline"].is_string())
        if (const auto t = parse_iso_time(c["deadline"].get<std::string>() + "T00:00:00Z")) deadline_end = *t + 86400;
    svg::ArrivalChart chart;
    chart.title = "上报进度：各校首次上报时间（教育局时间）";
    chart.total = v.schools.size();
    chart.deadline = deadline_end;
    chart.now = now;
    std::size_t on_time = 0, late = 0;
    for (const auto* row : v.schools) {
        if (const auto t = parse_iso_time(str(*row, "first_received_at"))) chart.times.push_back(*t);
        if ((*row)["on_time"].is_boolean()) ((*row)["on_time"].get<bool>() ? on_time : late) += 1;
    }
    std::string out = "<section class=\"completeness break\" id=\"completeness\">\n<h2>上报完成情况</h2>\n<p>应报 " +
                      std::to_string(v.schools.size()) + " 所，已报 " + std::to_string(chart.times.size()) + " 所；上报截止日期 " +
                      (c["deadline"].is_string() ? html(c["deadline"].get<std::string>()) + "，按时 " + std::to_string(on_time) + " 所，迟报 " +
                                                        std::to_string(late) + " 所"
                                                  : std::string("未设定")) +
                      "。</p>\n";
    out += "<figure class=\"chart arrivals\">" + svg::arrival_chart(chart) + "<figcaption>" + html(chart.title) + "</figcaption></figure>\n";
    return out + "</section>\n";
}

// The lines a county report carries when it is signed and stamped on paper.
std::string signature_block() {
    return "<section class=\"sign\" id=\"sign\">\n<p>填报单位（盖章）：<span class=\"blank\"></span></p>\n"
           "<p>单位负责人签字：<span class=\"blank\"></span>　　审核人签字：<span class=\"blank\"></span></p>\n"
           "<p>填表人：<span class=\"blank\"></span>　　联系电话：<span class=\"blank\"></span></p>\n"
           "<p>日期：<span class=\"blank short\"></span>年<span class=\"blank short\"></span>月<span class=\"blank short\"></span>日</p>\n</section>\n";
}

// A file name for Content-Disposition: the Chinese one (RFC 5987 filename*) and an ASCII one.
std::string disposition(const std::string& ascii, const std::string& utf8) {
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + url_encode(utf8);
}

std::string ascii_safe(const std::string& text) {
    std::string out;
    for (const char c : text) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
    return out;
}

}  // namespace

std::string report_export_links(int year, const std::optional<std::string>& county) {
    return export_list("year=" + std::to_string(year) + (county ? "&county=" + url_encode(*county) : std::string()));
}

Response Site::report(const Request& r, const Signed& s) {
    auto packs = receiver_packs(store_);
    auto asked = ask(r, s, packs);
    if (auto* refused = std::get_if<Response>(&asked)) return std::move(*refused);
    const View v = compute(store_, r, std::get<Asked>(std::move(asked)), std::move(packs));
    const auto way = ops::way_to_pass(v.computed);
    const auto& pack = v.computed.pack;
    const bool in_force = pack.id == v.packs.selected;

    std::string body = "<div class=\"report" + std::string(v.asked.print ? " printable" : "") + "\">\n";
    body += "<h1>县域义务教育优质均衡 · 县域报告 <small>" + html(year_label(v.computed.year)) +
            (v.asked.county ? " · 县（区）" + html(*v.asked.county) : std::string()) + "</small></h1>\n";
    body += "<p class=\"pack\">标准包：<strong>" + html(pack.name.zh) + "（" + html(pack.id) + "）</strong>" +
            (in_force ? "<span class=\"in-force\">现行标准包</span>" : "<span class=\"not-in-force\">非现行标准包（现行：" + html(v.packs.selected) + "）</span>") +
            "　教育局时间 " + html(str(v.doc["completeness"], "receiver_time")) + "</p>\n";
    if (!v.asked.print) {
        body += "<form class=\"filters\" method=\"get\" action=\"/report\">\n<label>学年 <select name=\"year\">";
        for (const int y : v.years)
            body += "<option value=\"" + std::to_string(y) + "\"" + (y == v.computed.year ? " selected" : "") + ">" + html(year_label(y)) + "</option>";
        body += "</select></label>\n<label>标准包 <select name=\"pack\">";
        for (const auto& p : v.packs.packs)
            body += "<option value=\"" + html(p.id) + "\"" + (p.id == pack.id ? " selected" : "") + ">" + html(p.name.zh) + "（" + html(p.id) + "）" +
                    (p.id == v.packs.selected ? "【现行】" : "") + "</option>";
        body += "</select></label>\n";
        if (!s.user.county) {
            body += "<label>县（区）<select name=\"county\"><option value=\"\"" + std::string(v.asked.county ? "" : " selected") + ">全部学校</option>";
            for (const auto& k : v.doc["completeness"]["counties"]) {
                const auto code = str(k, "county");
                if (code.empty()) continue;
                body += "<option value=\"" + html(code) + "\"" + (v.asked.county == code ? " selected" : "") + ">" + html(code) + "</option>";
            }
            body += "</select></label>\n";
        }
        body += "<button type=\"submit\">查看</button>\n<a class=\"print-link\" href=\"/report?" + html(query_of(v, "print=1")) + "\">打印版</a>\n</form>\n";
        body += "<h2 class=\"exports-title\">导出</h2>\n" + export_list(query_of(v));
    } else {
        body += "<p class=\"screen-only\"><a href=\"/report?" + html(query_of(v)) + "\">返回报告</a>　请用浏览器的打印功能（Ctrl+P）打印，纸张 A4。</p>\n";
    }
    if (v.computed.result.stages.empty()) body += "<p class=\"empty\">尚无可计算的学校：没有学校上报本学年的数据。</p>\n";
    bool first = true;
    for (const auto& st : v.computed.result.stages) {
        body += stage_section(v, st, way, first);
        first = false;
    }
    if (!v.computed.result.stages.empty()) body += way_section(way);
    body += completeness_section(v, r.now);
    if (!v.computed.excluded.empty()) {
        body += "<section class=\"excluded\">\n<h2>未计入的学校</h2>\n<ul>\n";
        for (const auto& e : v.computed.excluded)
            body += "<li>" + html(e.name) + "（" + html(e.code) + (e.stage ? "，" + html(domain::zh(*e.stage)) + "学段" : std::string()) + "）：" +
                    html(e.reason.zh) + "</li>\n";
        body += "</ul>\n</section>\n";
    }
    body += signature_block() + "</div>\n";
    return html_page(200, layout(v.asked.print ? "县域报告（打印版）" : "县域报告", &s, body));
}

Response Site::report_download(const Request& r, const Signed& s, const std::string& name) {
    if (name != "county-table.csv" && name != "report.csv" && name != "report.xlsx") return message_page(404, "页面不存在", "没有这个下载。", &s);
    auto packs = receiver_packs(store_);
    auto asked = ask(r, s, packs);
    if (auto* refused = std::get_if<Response>(&asked)) return std::move(*refused);
    const View v = compute(store_, r, std::get<Asked>(std::move(asked)), std::move(packs));
    std::ostringstream out;
    std::string type, ascii, chinese;
    const std::string tail = (v.asked.county ? "-" + *v.asked.county : std::string()) + "-" + std::to_string(v.computed.year) + "-" + v.computed.pack.id;
    if (name == "county-table.csv") {
        ops::write_county_csv(out, v.computed);
        type = "text/csv; charset=utf-8";
        ascii = "county-table" + tail + ".csv";
        chinese = "县域汇总表" + tail + ".csv";
    } else if (name == "report.csv") {
        ops::write_report_csv(out, v.computed);
        type = "text/csv; charset=utf-8";
        ascii = "county-report" + tail + ".csv";
        chinese = "县域报告" + tail + ".csv";
    } else {
        const auto way = ops::way_to_pass(v.computed);
        ops::write_county_xlsx(out, v.computed, &way);
        type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        ascii = "county-report" + tail + ".xlsx";
        chinese = "县域汇总表与报告" + tail + ".xlsx";
    }
    auto bytes = std::move(out).str();
    if (bytes.size() > kMaxExportBytes) {
        log("refused export " + name + " for " + s.user.name + ": " + std::to_string(bytes.size()) + " bytes");
        return message_page(503, "导出过大", "导出文件超过 64 MB，未发送。", &s);
    }
    log("export " + name + " (" + std::to_string(bytes.size()) + " bytes) by " + s.user.name);
    Response res;
    res.headers = {{"Content-Type", type},
                   {"Content-Disposition", disposition(ascii_safe(ascii), chinese)},
                   {"Cache-Control", "no-store"},
                   {"X-Content-Type-Options", "nosniff"}};
    res.body = std::move(bytes);
    return res;
}

}  // namespace jh::sync::web
