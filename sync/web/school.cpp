// A school's page: one school year as the bureau holds it — the latest submitted version's
// snapshot (exchange/snapshot.hpp), shown table by table with the domain's field descriptors
// and Chinese labels; its indicator verdicts and gaps from the indicator engine
// (indicators/school.hpp's evaluate, under the pack in force at the bureau — the results the
// terminal's 指标 view and `junheng indicators` show); its versions with their review states
// (review.hpp) and what changed between them (snapshot_diff.hpp); and the review forms, which
// post to /school/CODE/decide (site.cpp: store->decide, as the CLI). An account limited to one
// county is refused another county's school (staff.hpp's require_county).
#include <map>

#include "domain/fields.hpp"
#include "domain/message.hpp"
#include "exchange/snapshot.hpp"
#include "indicators/school.hpp"
#include "indicators/text.hpp"
#include "sync/receiver/packs.hpp"
#include "sync/receiver/records.hpp"
#include "sync/receiver/review.hpp"
#include "sync/receiver/snapshot_diff.hpp"
#include "sync/receiver/staff.hpp"
#include "sync/web/site.hpp"

namespace jh::sync::web {
namespace {

using namespace jh::sync::receiver;
namespace dm = jh::domain;
namespace ind = jh::indicators;

std::string get(const Request& r, const std::string& key) {
    const auto it = r.query.find(key);
    return it == r.query.end() ? std::string() : it->second;
}

// One record kind as a table: a column per field (Chinese label), a row per record.
template <class R> std::string table_of(const std::vector<R>& records) {
    std::string out = "<details class=\"kind\"" + std::string(records.size() <= 12 ? " open" : "") + "><summary>" +
                      html(std::string(dm::Entity<R>::zh)) + "（" + std::to_string(records.size()) + "）</summary>\n";
    if (records.empty()) return out + "<p class=\"empty\">无记录</p></details>\n";
    out += "<div class=\"scroll\"><table class=\"data\"><thead><tr>";
    for (const auto& f : dm::Entity<R>::fields()) out += "<th>" + html(std::string(f.zh)) + "</th>";
    out += "</tr></thead><tbody>\n";
    for (const auto& r : records) {
        out += "<tr>";
        for (const auto& f : dm::Entity<R>::fields()) out += "<td>" + html(dm::display(f, f.get(r))) + "</td>";
        out += "</tr>\n";
    }
    return out + "</tbody></table></div></details>\n";
}

// A single record (the profile, the year) as label/value rows.
template <class R> std::string record_of(const R& record) {
    std::string out = "<table class=\"record\"><caption>" + html(std::string(dm::Entity<R>::zh)) + "</caption><tbody>\n";
    for (const auto& f : dm::Entity<R>::fields())
        out += "<tr><th>" + html(std::string(f.zh)) + "</th><td>" + html(dm::display(f, f.get(record))) + "</td></tr>\n";
    return out + "</tbody></table>\n";
}

std::string gaps_of(const std::vector<ind::Gap>& gaps) {
    if (gaps.empty()) return {};
    std::string out = "<ul class=\"gaps\">";
    for (const auto& g : gaps) out += "<li>" + html(g.text.zh) + "</li>";
    return out + "</ul>";
}

std::string items_of(const std::vector<ind::ItemResult>& items) {
    std::string out = "<table class=\"items\"><thead><tr><th>项目</th><th>名称</th><th>结果</th><th>说明与差距</th></tr></thead><tbody>\n";
    for (const auto& i : items)
        out += "<tr><td>" + html(i.id) + "</td><td>" + html(i.name.zh) + "</td><td class=\"status status-" +
               html(std::string(ind::status_label(i.status).code)) + "\">" + html(std::string(ind::status_label(i.status).zh)) +
               "</td><td>" + html(i.detail.zh) + gaps_of(i.gaps) + "</td></tr>\n";
    return out + "</tbody></table>\n";
}

// The school's results as the terminal shows them (cmd_indicators.cpp's print_report, as HTML).
std::string indicators_of(const dm::SchoolData& data, const ind::RulePack& chosen) {
    std::string out;
    try {
        const auto r = ind::evaluate(data, chosen);
        const auto& pack = ind::rules_in_force(chosen, r.year);
        out += "<p class=\"meta\">标准包：" + html(chosen.name.zh) + "（" + html(chosen.id) + "，" + html(chosen.version) + "）</p>\n";
        if (const auto ended = ind::ended_note(chosen, r.year)) out += "<p class=\"message\">已停止执行：" + html(ended->zh) + "</p>\n";
        if (r.scope_note) out += "<p class=\"message\">注意：" + html(r.scope_note->zh) + "</p>\n";
        for (const auto& e : r.empty_stages)
            out += "<h3>" + html(std::string(dm::zh(e.stage))) + "部</h3><p>" + html(e.reason.zh) + "</p>\n";
        for (const auto& part : r.parts) {
            const auto& v = part.resources;
            out += "<h3>" + html(std::string(dm::zh(part.quantities.stage))) + "部 · 在校生 " +
                   html(ind::number_text(part.quantities.pupils, 0)) + " 人</h3>\n";
            out += "<p class=\"verdict " + std::string(v.pass ? "pass" : "fail") + "\">资源配置：" + (v.pass ? "达标" : "未达标") +
                   "（7 项中 " + std::to_string(v.met) + " 项达到标准；要求至少 " + std::to_string(pack.resources.min_met) +
                   " 项达标，其余不低于标准的 " + html(ind::percent_text(pack.resources.floor_ratio, 0)) + "）</p>\n";
            out += "<table class=\"resources\"><thead><tr><th>指标</th><th>名称</th><th>数值</th><th>标准</th><th>底线</th><th>结果</th></tr></thead><tbody>\n";
            for (std::size_t i = 0; i < ind::kResourceCount; ++i) {
                const auto& x = v.results[i];
                const std::string result = x.met ? "达标" : x.above_floor ? "未达标(≥底线)" : "未达标";
                out += "<tr class=\"" + std::string(x.met ? "pass" : "fail") + "\"><td>" + html(std::string(x.id)) + "</td><td>" +
                       html(ind::resource_info()[i].name.zh) + "</td><td>" + html(ind::verdict_number_text(x.value, x.threshold, x.met, 2)) +
                       "</td><td>" + html(ind::number_text(x.threshold, 2)) + "</td><td>" + html(ind::number_text(x.floor, 2)) + "</td><td>" +
                       html(result) + "</td></tr>\n";
            }
            out += "</tbody></table>\n";
            if (!v.gaps.empty()) out += "<p>各项达标所需：</p>" + gaps_of(v.gaps) + "\n";
            if (!v.fixes.empty()) out += "<p>通过 6/7 判定的最小改动（任选其一）：</p>" + gaps_of(v.fixes) + "\n";
            else if (!v.pass) out += "<p>单项改动不足以通过 6/7 判定，需同时改善上列多项。</p>\n";
            out += "<h4>学段项目</h4>\n" + items_of(part.items);
        }
        out += "<h3>政府保障、教育质量与地方标准（本校可测项）</h3>\n" + items_of(r.items);
        if (!r.not_computed.empty()) {
            out += "<h3>需县级核定或本终端未采集的项目</h3><ul>";
            for (const auto& n : r.not_computed) out += "<li>" + html(n.id) + " " + html(n.name.zh) + "：" + html(n.reason.zh) + "</li>";
            out += "</ul>\n";
        }
    } catch (const dm::Rejected& e) {
        out += "<p class=\"message\">无法计算指标：" + html(e.message().zh) + "</p>\n";
    }
    return out;
}

}  // namespace

Response Site::school(const Request& r, const Signed& s, const std::string& code) {
    const auto info = store_.school(code);
    if (!info) return message_page(404, "学校不存在", "没有登记学校代码为 " + code + " 的学校。", &s);
    try {
        require_county(store_, s.actor, code);
    } catch (const std::invalid_argument& e) {
        log("refused school " + code + " to " + s.user.name + ": " + e.what());
        return message_page(403, "无权查看", "您的账户只能查看 " + s.user.county.value_or("") + " 县的学校。", &s);
    }
    const auto versions = store_.submissions(code, true);
    const auto decided = decisions_of(store_, code);
    std::vector<int> years;
    for (const auto& v : versions)
        if (years.empty() || years.back() != v.year) years.push_back(v.year);
    int year = years.empty() ? 0 : years.back();
    if (const auto y = get(r, "year"); !y.empty()) {
        try {
            year = std::stoi(y);
        } catch (const std::exception&) {
        }
    }
    const auto review = review_of(code, year, versions, decided);

    std::string body = "<h1>" + html(info->name) + " <small>" + html(code) + "</small></h1>\n";
    body += "<p class=\"meta\">最近同步 " + (info->last_seen ? html(*info->last_seen) : std::string("从未")) + "；" +
            (info->revoked ? "终端已吊销" : info->enrolled ? "终端已注册" : "终端未注册") + "</p>\n";
    if (years.size() > 1 || (!years.empty() && years.back() != year)) {
        body += "<p class=\"years\">学年：";
        for (const int y : years)
            body += y == year ? "<strong>" + html(year_label(y)) + "</strong> "
                              : "<a href=\"/school/" + html(url_encode(code)) + "?year=" + std::to_string(y) + "\">" + html(year_label(y)) + "</a> ";
        body += "</p>\n";
    }
    if (const auto done = get(r, "done"); !done.empty())
        body += "<p class=\"message ok\" role=\"status\">已" + html(done == "returned" ? "退回" : done == "accepted" ? "通过" : "重新开放") +
                "，学校终端下次同步时收到。</p>\n";

    // Review: state and the forms the state allows (the store checks again: review.hpp's rule).
    body += "<section class=\"review\">\n<h2>审核 · " + (year ? html(year_label(year)) : std::string("尚无上报")) + "</h2>\n";
    body += "<p>状态：<strong class=\"state state-" + html(review.state) + "\" id=\"review-state\">" + html(state_label(review.state)) + "</strong>";
    if (review.submitted()) body += "（第 " + std::to_string(review.latest) + " 版，收到于 " + html(review.latest_version()->received_at) + "）";
    body += "</p>\n";
    if (const auto* d = review.latest_decision())
        body += "<p>" + html(d->by) + " 于 " + html(d->at) + " " + html(state_label(d->decision)) +
                (d->text.empty() ? std::string() : "：<q class=\"comment\">" + html(d->text) + "</q>") + "</p>\n";
    const std::string action = "/school/" + html(url_encode(code)) + "/decide";
    const std::string hidden = csrf_field(s) + "<input type=\"hidden\" name=\"year\" value=\"" + std::to_string(year) +
                               "\"><input type=\"hidden\" name=\"version\" value=\"" + std::to_string(review.latest) + "\">";
    if (review.awaiting_review()) {
        body += "<form class=\"decide accept\" method=\"post\" action=\"" + action + "\">" + hidden +
                "<input type=\"hidden\" name=\"action\" value=\"accept\"><button type=\"submit\" name=\"go\" value=\"accept\">通过第 " +
                std::to_string(review.latest) + " 版</button></form>\n";
        body += "<form class=\"decide return\" method=\"post\" action=\"" + action + "\">" + hidden +
                "<input type=\"hidden\" name=\"action\" value=\"return\"><label>退回意见 <textarea name=\"text\" required maxlength=\"" +
                std::to_string(protocol::kMaxCommentBytes / 3) + "\" rows=\"3\"></textarea></label>"
                "<button type=\"submit\" name=\"go\" value=\"return\">退回学校修改</button></form>\n";
    } else if (review.state == review_state::kAccepted && s.user.role == staff_role::kAdmin) {
        body += "<form class=\"decide reopen\" method=\"post\" action=\"" + action + "\">" + hidden +
                "<input type=\"hidden\" name=\"action\" value=\"reopen\"><label>重新开放原因 <textarea name=\"text\" required maxlength=\"" +
                std::to_string(protocol::kMaxCommentBytes / 3) + "\" rows=\"2\"></textarea></label>"
                "<button type=\"submit\" name=\"go\" value=\"reopen\">重新开放（管理员）</button></form>\n";
    } else if (review.awaiting_resubmission()) {
        body += "<p class=\"hint\">等待学校修改后重新上报（第 " + std::to_string(review.latest + 1) + " 版）。</p>\n";
    }
    body += "</section>\n";

    // The data of the latest version, its indicators, then the history.
    const StoredSubmission* latest = nullptr;
    std::map<int, const StoredSubmission*> by_version;
    for (const auto& v : versions)
        if (v.year == year) {
            by_version[v.version] = &v;
            latest = &v;
        }
    std::map<int, dm::SchoolData> read;
    std::map<int, std::string> unreadable;
    for (const auto& [n, v] : by_version) {
        try {
            read.emplace(n, exchange::read_snapshot(v->snapshot, code + "_" + std::to_string(year) + ".json v" + std::to_string(n)));
        } catch (const dm::Rejected& e) {
            unreadable[n] = e.message().zh;
        } catch (const std::exception& e) {
            unreadable[n] = e.what();
        }
    }
    if (latest && read.count(latest->version)) {
        const auto& data = read.at(latest->version);
        const auto packs = receiver_packs(store_);
        body += "<section class=\"indicators\" id=\"indicators\">\n<h2>指标（第 " + std::to_string(latest->version) + " 版）</h2>\n" +
                indicators_of(data, packs.pick(std::nullopt)) + "</section>\n";
        body += "<section class=\"data\" id=\"data\">\n<h2>数据（第 " + std::to_string(latest->version) + " 版，教育局所存）</h2>\n" +
                record_of(data.school) + record_of(data.year);
        dm::for_each_year_entity([&](auto tag) {
            using R = decltype(tag);
            body += table_of(dm::records_of<R>(data));
        });
        body += "</section>\n";
    } else if (latest) {
        body += "<p class=\"message error\">第 " + std::to_string(latest->version) + " 版无法读取：" + html(unreadable[latest->version]) + "</p>\n";
    } else {
        body += "<p class=\"empty\">该学年尚未上报。</p>\n";
    }

    if (review.submitted()) {
        body += "<section class=\"history\" id=\"history\">\n<h2>上报历史</h2>\n<table><thead><tr><th>版本</th><th>收到时间</th><th>SHA-256</th>"
                "<th>状态</th><th>审核记录</th></tr></thead><tbody>\n";
        for (const auto& v : review.versions) {
            std::string decisions;
            for (const auto& d : v.decisions)
                decisions += "<div>" + html(state_label(d.decision)) + " · " + html(d.by) + " · " + html(d.at) +
                             (d.text.empty() ? std::string() : "：" + html(d.text)) + "</div>";
            body += "<tr><td>第 " + std::to_string(v.version) + " 版</td><td>" + html(v.received_at) + "</td><td><code>" +
                    html(v.sha256.substr(0, 12)) + "…</code></td><td>" + html(state_label(v.state)) + "</td><td>" + decisions + "</td></tr>\n";
        }
        body += "</tbody></table>\n";
        for (auto it = read.begin(); it != read.end(); ++it) {
            const auto next = std::next(it);
            if (next == read.end()) break;
            const auto lines = describe_changes(it->second, next->second, DiffLanguage::Chinese);
            body += "<h3>第 " + std::to_string(it->first) + " 版 → 第 " + std::to_string(next->first) + " 版的改动</h3>\n";
            if (lines.empty()) body += "<p class=\"empty\">没有记录改动。</p>\n";
            else {
                body += "<ul class=\"diff\">";
                for (const auto& l : lines) body += "<li>" + html(l) + "</li>";
                body += "</ul>\n";
            }
        }
        body += "</section>\n";
    }
    return html_page(200, layout(info->name, &s, body));
}

}  // namespace jh::sync::web
