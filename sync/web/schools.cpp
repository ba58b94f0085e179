// The schools page: every school the bureau holds with its last sync (receiver time), its
// review state (review.hpp's one rule), how late it is against the year's deadline, and the
// county's reporting and on-time rates — all read from the county report's completeness
// (report.hpp's completeness: the figures `junheng-bureau report` prints, without the county
// computation the page does not show), never computed a second time. Filters (state, stage, location, county) and the name/code search are a GET form
// and plain links. An account limited to one county sees only that county's schools
// (staff.hpp's school_county, the rule require_county applies). A city's or province's
// receiver also lists the counties that relay to it (relay.hpp's relay_completeness).
#include <algorithm>
#include <map>
#include <set>

#include "domain/date.hpp"
#include "domain/enums.hpp"
#include "sync/receiver/records.hpp"
#include "sync/receiver/report.hpp"
#include "sync/receiver/review.hpp"
#include "sync/receiver/staff.hpp"
#include "sync/web/site.hpp"

namespace jh::sync::web {
namespace {

using nlohmann::json;
using namespace jh::sync::receiver;

std::string str(const json& j, const char* key) {
    const auto it = j.find(key);
    return it == j.end() || !it->is_string() ? std::string() : it->get<std::string>();
}

std::string percent(double ratio) { return std::to_string(static_cast<int>(ratio * 100.0 + 0.5)) + "%"; }

// "3 天 4 小时" for a number of seconds.
std::string duration_text(std::int64_t seconds) {
    if (seconds < 3600) return std::to_string(std::max<std::int64_t>(seconds / 60, 1)) + " 分钟";
    const auto days = seconds / 86400, hours = (seconds % 86400) / 3600;
    return days > 0 ? std::to_string(days) + " 天" + (hours ? " " + std::to_string(hours) + " 小时" : std::string())
                    : std::to_string(hours) + " 小时";
}

std::string query_link(std::map<std::string, std::string> q, const std::string& key, const std::string& value) {
    if (value.empty()) q.erase(key);
    else q[key] = value;
    std::string out = "/schools";
    char sep = '?';
    for (const auto& [k, v] : q) {
        if (v.empty()) continue;
        out += sep + url_encode(k) + "=" + url_encode(v);
        sep = '&';
    }
    return out;
}

std::string option(const std::string& value, const std::string& label, const std::string& selected) {
    return "<option value=\"" + html(value) + "\"" + (value == selected ? " selected" : "") + ">" + html(label) + "</option>";
}

std::string get(const Request& r, const std::string& key) {
    const auto it = r.query.find(key);
    return it == r.query.end() ? std::string() : it->second;
}

bool contains_ci(const std::string& hay, const std::string& needle) {
    std::string h = hay, n = needle;
    for (auto* s : {&h, &n})
        for (auto& c : *s)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return h.find(n) != std::string::npos;
}

}  // namespace

Response Site::schools(const Request& r, const Signed& s) {
    ReportOptions options;
    options.now = iso_time(r.now);
    if (const auto y = get(r, "year"); !y.empty()) {
        try {
            const int year = std::stoi(y);
            if (year >= 1900 && year <= 2200) options.year = year;
        } catch (const std::exception&) {
        }
    }
    const auto report = completeness(store_, options);   // no snapshot decoded, no indicator computed
    const int year = report["year"].get<int>();
    const auto& c = report["completeness"];
    const std::string f_state = get(r, "state"), f_stage = get(r, "stage"), f_location = get(r, "location"), q = get(r, "q");
    std::string f_county = get(r, "county");
    if (s.user.county) f_county = *s.user.county;

    std::optional<std::int64_t> deadline_end;
    if (c["deadline"].is_string())
        if (const auto t = parse_iso_time(c["deadline"].get<std::string>() + "T00:00:00Z")) deadline_end = *t + 86400;

    std::set<std::string> late, overdue;
    for (const auto& k : c["counties"]) {
        for (const auto& code : k["late"]) late.insert(code.get<std::string>());
        for (const auto& code : k["overdue"]) overdue.insert(code.get<std::string>());
    }

    std::string body = "<h1>学校 · " + html(year_label(year)) + "</h1>\n";
    body += "<p class=\"meta\">教育局时间 " + html(str(c, "receiver_time")) + "；上报截止日期 " +
            (c["deadline"].is_string() ? html(c["deadline"].get<std::string>()) + "（当日结束前收到为按时）" : std::string("未设定")) +
            "</p>\n";

    // The rates per county, as the report computes them.
    body += "<table class=\"rates\">\n<thead><tr><th>县（区）代码</th><th>学校数</th><th>已上报</th><th>上报率</th><th>按时率</th>"
            "<th>待审核</th><th>已退回</th><th>已通过</th><th>迟报</th><th>逾期未报</th></tr></thead>\n<tbody>\n";
    for (const auto& k : c["counties"]) {
        const auto code = str(k, "county");
        if (s.user.county && code != *s.user.county) continue;
        body += "<tr><td>" + (code.empty() ? std::string("（未同步，县未知）") : "<a href=\"" + html(query_link(r.query, "county", code)) + "\">" + html(code) + "</a>") +
                "</td><td>" + std::to_string(k["schools"].get<std::size_t>()) + "</td><td>" + std::to_string(k["submitted"].get<std::size_t>()) +
                "</td><td class=\"rate\">" + percent(k["reporting_rate"].get<double>()) + "</td><td class=\"rate\">" +
                (k["on_time_rate"].is_null() ? std::string("—（未设截止日期）") : percent(k["on_time_rate"].get<double>())) + "</td><td>" +
                std::to_string(k["awaiting_review"].size()) + "</td><td>" + std::to_string(k["returned"].size()) + "</td><td>" +
                std::to_string(k["accepted"].size()) + "</td><td>" + std::to_string(k["late"].size()) + "</td><td>" +
                std::to_string(k["overdue"].size()) + "</td></tr>\n";
    }
    body += "</tbody></table>\n";

    // A city's (province's) counties (cities) that relay to this receiver.
    if (!s.user.county && c.contains("by_region") && !c["by_region"].empty()) {
        body += "<h2>下属县（区）</h2>\n<table class=\"regions\">\n<thead><tr><th>代码</th><th>名称</th><th>学校数</th><th>已上报</th>"
                "<th>上报率</th><th>已通过</th><th>已退回</th><th>迟报</th><th>最近同步</th></tr></thead>\n<tbody>\n";
        for (const auto& g : c["by_region"]) {
            const int n = g["schools"].get<int>(), sub = g["submitted"].get<int>();
            body += "<tr><td><a href=\"" + html(query_link({}, "county", str(g, "code"))) + "\">" + html(str(g, "code")) + "</a></td><td>" +
                    html(str(g, "name")) + "</td><td>" + std::to_string(n) + "</td><td>" + std::to_string(sub) + "</td><td class=\"rate\">" +
                    percent(n ? static_cast<double>(sub) / n : 0.0) + "</td><td>" + std::to_string(g["accepted"].get<int>()) + "</td><td>" +
                    std::to_string(g["returned"].get<int>()) + "</td><td>" + std::to_string(g["late"].get<int>()) + "</td><td>" +
                    (g["last_seen"].is_string() ? html(g["last_seen"].get<std::string>()) : std::string("从未")) + "</td></tr>\n";
        }
        body += "</tbody></table>\n";
    }

    // Filters: a GET form (works without script) and quick links by state.
    body += "<form class=\"filters\" method=\"get\" action=\"/schools\">\n<input type=\"hidden\" name=\"year\" value=\"" +
            std::to_string(year) + "\">\n";
    if (!f_county.empty() && !s.user.county)
        body += "<input type=\"hidden\" name=\"county\" value=\"" + html(f_county) + "\">\n";
    body += "<label>状态 <select name=\"state\">" + option("", "全部", f_state) + option("not_submitted", "未上报", f_state) +
            option("awaiting", "待审核", f_state) + option("returned", "已退回", f_state) + option("accepted", "已通过", f_state) +
            option("reopened", "已重新开放", f_state) + option("late", "迟报", f_state) + option("overdue", "逾期未报", f_state) +
            "</select></label>\n<label>学段 <select name=\"stage\">" + option("", "全部", f_stage);
    for (const auto& l : domain::labels_of<domain::Stage>()) body += option(std::string(l.code), std::string(l.zh), f_stage);
    body += "</select></label>\n<label>城乡 <select name=\"location\">" + option("", "全部", f_location);
    for (const auto& l : domain::labels_of<domain::Location>()) body += option(std::string(l.code), std::string(l.zh), f_location);
    body += "</select></label>\n<label>搜索 <input type=\"search\" name=\"q\" value=\"" + html(q) +
            "\" placeholder=\"校名或学校代码\" maxlength=\"100\"></label>\n<button type=\"submit\">筛选</button>\n"
            "<a href=\"/schools?year=" + std::to_string(year) + "\">清除</a>\n</form>\n";
    if (!f_county.empty() && !s.user.county)
        body += "<p class=\"meta\">仅显示 " + html(f_county) + " 的学校 · <a href=\"" + html(query_link(r.query, "county", "")) + "\">显示全部</a></p>\n";

    std::string rows;
    std::size_t shown = 0, total = 0;
    for (const auto& row : c["schools"]) {
        ++total;
        const auto code = str(row, "code"), name = str(row, "name");
        const std::string county = str(row, "county");   // a relayed school's: as its county reported it
        // The one rule of who sees what (staff.hpp): a county account, only its county's schools.
        if (s.user.county && school_county(store_, code) != *s.user.county) continue;
        if (!f_county.empty() && county != f_county) continue;
        const auto review = str(row, "review");
        const bool is_late = late.count(code) > 0, is_overdue = overdue.count(code) > 0;
        if (f_state == "awaiting" ? !(review == review_state::kReceived || review == review_state::kResubmitted)
            : f_state == "late"   ? !is_late
            : f_state == "overdue" ? !is_overdue
            : !f_state.empty()    ? review != f_state
                                  : false)
            continue;
        if (!q.empty() && !contains_ci(name, q) && !contains_ci(code, q)) continue;
        std::optional<domain::School> profile;
        if (const auto json = store_.live_school_record(code)) profile = decode_school(*json);
        if (!f_location.empty() && (!profile || domain::code(profile->location) != f_location)) continue;
        if (!f_stage.empty()) {
            bool has = false;
            if (profile)
                for (const auto st : domain::stages_of(profile->type)) has = has || domain::code(st) == f_stage;
            if (!has) continue;
        }
        ++shown;
        std::string how;
        if (is_overdue && deadline_end) how = "<span class=\"late\">逾期 " + duration_text(r.now - *deadline_end) + " 未报</span>";
        else if (is_late && deadline_end) {
            const auto first = parse_iso_time(str(row, "first_received_at"));
            how = "<span class=\"late\">迟报 " + (first ? duration_text(*first - *deadline_end) : std::string()) + "</span>";
        } else if (row["on_time"].is_boolean() && row["on_time"].get<bool>()) how = "按时";
        else how = "—";
        std::string comment;
        if (row.contains("decision") && !str(row["decision"], "text").empty()) comment = html(str(row["decision"], "text"));
        rows += "<tr data-code=\"" + html(code) + "\"><td>" + html(code) + "</td><td><a href=\"/school/" + html(url_encode(code)) + "?year=" +
                std::to_string(year) + "\">" + html(name) + "</a></td><td>" +
                (profile ? html(std::string(domain::zh(profile->type))) : std::string("—")) + "</td><td>" +
                (profile ? html(std::string(domain::zh(profile->location))) : std::string("—")) + "</td><td>" + html(county) + "</td><td>" +
                (row["last_seen"].is_string() ? html(row["last_seen"].get<std::string>()) : std::string("从未同步")) +
                "</td><td class=\"state state-" + html(review) + "\">" + html(state_label(review)) + "</td><td>" +
                (row["first_received_at"].is_string() ? html(row["first_received_at"].get<std::string>()) : std::string("—")) + "</td><td>" +
                how + "</td><td class=\"comment\">" + comment + "</td></tr>\n";
    }
    body += "<p class=\"count\">显示 " + std::to_string(shown) + " 所（共 " + std::to_string(total) + " 所）</p>\n";
    body += "<table class=\"schools\">\n<thead><tr><th>学校代码</th><th>学校</th><th>类型</th><th>城乡</th><th>县（区）</th><th>最近同步</th>"
            "<th>上报状态</th><th>首次上报</th><th>迟报</th><th>教育局意见</th></tr></thead>\n<tbody>\n" +
            rows + "</tbody></table>\n";
    if (shown == 0) body += "<p class=\"empty\">没有符合条件的学校。</p>\n";
    // The county table and report as downloads (report.cpp): the county shown, else every school.
    body += "<h2 class=\"exports-title\">导出</h2>\n" + report_export_links(year, f_county.empty() ? std::nullopt : std::optional(f_county));
    return html_page(200, layout("学校", &s, body));
}

}  // namespace jh::sync::web
