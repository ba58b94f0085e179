// The county report page and its downloads without a socket (sync/web/report.cpp, svg.cpp):
// over a store holding a demo county's submissions (and one school of another county), the
// page shows each stage's figures as the county computation gives them, its SVG charts, the way
// to pass, the completeness and the signature lines; the pack switch changes the pack shown;
// the downloads are the CLI's writers' bytes (CSV with BOM and Chinese header, an XLSX zip)
// with an attachment disposition; both roles read it, a county account only its own county.
// The browser test (browser_test.js) drives the same page through a real serve and Chromium.
#include <doctest/doctest.h>

#include <sstream>

#include "domain/demo.hpp"
#include "domain/audit_entry.hpp"
#include "exchange/snapshot.hpp"
#include "indicators/text.hpp"
#include "ops/county_export.hpp"
#include "sync/receiver/packs.hpp"
#include "sync/receiver/receiver.hpp"
#include "sync/receiver/report.hpp"
#include "sync/web/svg.hpp"
#include "web_fixture.hpp"

using namespace jh::test::web_pages;

namespace {

constexpr int kYear = 2025;
const std::string kOther = "3601020001";   // a school of county 360102

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

// A demo county of six schools, all submitted, a school of another county, a deadline, and
// a county-limited account.
struct ReportFixture : Fixture {
    std::vector<std::string> codes;
    // `outlier`: the first school's grounds are 40 times as large, so its stage's R5 CV is over
    // the limit however the others are raised.
    explicit ReportFixture(bool outlier = false) {
        int i = 0;
        const auto submit = [&](jh::domain::SchoolData data) {
            const auto bytes = jh::exchange::write_snapshot(data);
            rc::register_school(*store, data.school.code, data.school.name);
            const std::string at = "2026-09-" + std::to_string(10 + i++) + "T08:00:00Z";
            REQUIRE(store->add_submission({data.school.code, kYear, 1, jh::domain::sha256_hex(bytes), "sig", bytes, at}).outcome ==
                    rc::SubmissionOutcome::Received);
            codes.push_back(data.school.code);
        };
        for (const auto& planned : jh::domain::demo_county(6, std::string(jh::domain::kDemoCountyCode), kYear, jh::domain::kDemoSeed)) {
            auto data = jh::domain::make_demo_school(planned);
            if (outlier && i == 0)
                for (auto& g : data.grounds) g.area *= 40;
            submit(std::move(data));
        }
        auto other = jh::domain::make_demo_school(kOther, kYear);
        other.school.county_code = "360102";
        other.school.name = "东门外县小学";
        submit(other);
        store->set_deadline({kYear, "2026-09-30", "管理员", "2026-01-01T00:00:00Z"});
        rc::add_staff_user(*store, "county", "reviewer", std::string("360102"), "county pass", "2026-01-01T00:00:00Z");
    }
    // The county computation the page draws, as `junheng-bureau report` makes it.
    jh::ops::CountyReport computed(std::optional<std::string> pack = std::nullopt) {
        rc::ReportOptions o;
        o.year = kYear;
        o.pack_id = std::move(pack);
        o.now = web::iso_time(now);
        jh::ops::CountyReport c;
        rc::county_report(*store, o, &c);
        return c;
    }
};

// No reference to any other origin.
void no_external_url(const std::string& body) {
    CHECK_FALSE(has(body, "http://"));
    CHECK_FALSE(has(body, "https://"));
    CHECK_FALSE(has(body, "=\"//"));
    CHECK_FALSE(has(body, "url("));
}

}  // namespace

TEST_CASE("web: report - each stage's 7 indicators as the county computation gives them, 综合, the charts, the way to pass and the signature lines") {
    ReportFixture f;
    const auto id = f.session_of("rev", "rev pass");
    const auto r = f.get("/report", id, {{"year", std::to_string(kYear)}});
    REQUIRE(r.status == 200);
    const auto& b = r.body;
    CHECK(has(b, "<a href=\"/report\">报告</a>"));   // the bar's link
    const auto c = f.computed();
    REQUIRE(!c.result.stages.empty());
    for (const auto& st : c.result.stages) {
        CHECK(has(b, "<h2>" + std::string(jh::domain::zh(st.stage)) + "</h2>"));
        for (const auto& s : st.indicators) CHECK(has(b, jh::indicators::verdict_number_text(s.cv, s.limit, s.pass, 3)));
        CHECK(has(b, "<td class=\"cv\">" + jh::indicators::number_text(st.composite, 3) + "</td>"));
        CHECK(has(b, "未达到 6/7 标准的学校：" + std::to_string(st.failing_parts.size()) + " 所"));
        for (const auto& s : st.indicators)
            for (const auto& top : s.top) CHECK(has(b, top.name + "（" + top.code));
    }
    CHECK(has(b, "综合"));
    // Per stage: the CVs against the limit and one chart per indicator; then completeness.
    CHECK(count_of(b, "<svg class=\"chart\"") == c.result.stages.size() * 8 + 1);
    CHECK(has(b, "上报完成情况"));
    CHECK(has(b, "截止 09-30"));
    CHECK(has(b, "达标路径"));
    CHECK(has(b, "现行标准包"));
    CHECK(has(b, "填报单位（盖章）"));
    CHECK(has(b, "负责人签字"));
    CHECK(has(b, "href=\"/report?year=2025&amp;print=1\""));
    CHECK(has(b, "/report/report.xlsx?year=2025"));
    no_external_url(b);
    // The printable version: no forms but sign-out, the signature lines shown on screen too.
    const auto p = f.get("/report", id, {{"year", "2025"}, {"print", "1"}});
    REQUIRE(p.status == 200);
    CHECK(has(p.body, "class=\"report printable\""));
    CHECK_FALSE(has(p.body, "<form class=\"filters\""));
    CHECK_FALSE(has(p.body, "ul class=\"exports\""));
    // The year is picked from a list: each year submitted for or with a deadline, newest first.
    f.store->set_deadline({kYear + 1, "2027-09-30", "管理员", "2026-01-01T00:00:00Z"});
    CHECK(has(f.get("/report", id, {{"year", "2025"}}).body,
              "<select name=\"year\"><option value=\"2026\">" + web::year_label(2026) + "</option><option value=\"2025\" selected>" +
                  web::year_label(2025) + "</option></select>"));
    // A bad year or an unknown pack is a page saying so.
    CHECK(f.get("/report", id, {{"year", "abc"}}).status == 400);
    const auto unknown = f.get("/report", id, {{"pack", "no-such-pack"}});
    CHECK(unknown.status == 404);
    CHECK(has(unknown.body, "national"));
}

TEST_CASE("web: report - the pack select lists every local pack and switching it changes the pack and the figures shown") {
    ReportFixture f;
    const auto id = f.session_of("管理员", "correct horse");
    const auto national = f.get("/report", id);
    REQUIRE(national.status == 200);
    const auto packs = rc::receiver_packs(*f.store);
    for (const auto& p : packs.packs) CHECK(has(national.body, "<option value=\"" + p.id + "\""));
    CHECK(has(national.body, "<option value=\"national\" selected>"));
    CHECK(has(national.body, "【现行】"));
    const auto jiangsu = f.get("/report", id, {{"pack", "jiangsu_2024"}});
    REQUIRE(jiangsu.status == 200);
    CHECK(has(jiangsu.body, "<option value=\"jiangsu_2024\" selected>"));
    CHECK(has(jiangsu.body, "（jiangsu_2024）</strong><span class=\"not-in-force\">非现行标准包（现行：national）"));
    const auto c = f.computed("jiangsu_2024");
    CHECK(c.pack.id == "jiangsu_2024");
    for (const auto& st : c.result.stages)
        for (const auto& s : st.indicators) CHECK(has(jiangsu.body, jh::indicators::verdict_number_text(s.cv, s.limit, s.pass, 3)));
    // The downloads follow the pack.
    const auto csv = f.get("/report/report.csv", id, {{"pack", "jiangsu_2024"}});
    std::ostringstream expected;
    jh::ops::write_report_csv(expected, c);
    CHECK(csv.body == expected.str());
}

TEST_CASE("web: report - downloads are the CLI's writers: CSV with a BOM and Chinese header, an XLSX zip, as attachments with a Chinese file name") {
    ReportFixture f;
    const auto id = f.session_of("rev", "rev pass");
    const auto c = f.computed();
    const auto table = f.get("/report/county-table.csv", id);
    REQUIRE(table.status == 200);
    CHECK(table.body.starts_with("\xEF\xBB\xBF"));
    CHECK(has(table.body, "学校标识码"));
    std::ostringstream expected;
    jh::ops::write_county_csv(expected, c);
    CHECK(table.body == expected.str());
    REQUIRE(!c.parts.empty());
    for (const auto& part : c.parts) CHECK(has(table.body, part.code));
    CHECK(header_of(table, "Content-Type") == "text/csv; charset=utf-8");
    const auto d = header_of(table, "Content-Disposition");
    CHECK(d.starts_with("attachment; filename=\"county-table-2025-national.csv\"; filename*=UTF-8''"));
    CHECK(has(d, web::url_encode("县域汇总表")));

    const auto report = f.get("/report/report.csv", id);
    REQUIRE(report.status == 200);
    CHECK(report.body.starts_with("\xEF\xBB\xBF"));
    CHECK(has(report.body, "差异系数"));

    const auto xlsx = f.get("/report/report.xlsx", id);
    REQUIRE(xlsx.status == 200);
    CHECK(xlsx.body.starts_with(std::string("PK\x03\x04", 4)));
    CHECK(has(xlsx.body, "xl/workbook.xml"));
    CHECK(has(xlsx.body, "xl/worksheets/sheet3.xml"));   // 县域汇总表, 县域报告, 达标路径
    CHECK(header_of(xlsx, "Content-Type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    CHECK(has(header_of(xlsx, "Content-Disposition"), ".xlsx\"; filename*=UTF-8''"));

    CHECK(f.get("/report/other.txt", id).status == 404);
    // The schools page links them too.
    CHECK(has(f.get("/schools", id).body, "/report/county-table.csv?year=2025"));
}

TEST_CASE("web: report - signed out it leads to sign-in, a county account sees and downloads only its county and is refused another") {
    ReportFixture f;
    CHECK(header_of(f.get("/report"), "Location") == "/signin");
    CHECK(header_of(f.get("/report/report.xlsx"), "Location") == "/signin");

    const auto id = f.session_of("county", "county pass");
    const auto page = f.get("/report", id);
    REQUIRE(page.status == 200);
    CHECK(has(page.body, "县（区）360102"));
    CHECK(has(page.body, "东门外县小学"));
    CHECK(has(page.body, "应报 1 所，已报 1 所"));
    CHECK_FALSE(has(page.body, "<select name=\"county\""));   // no choice of county
    const auto table = f.get("/report/county-table.csv", id);
    REQUIRE(table.status == 200);
    CHECK(has(table.body, kOther));
    for (const auto& code : f.codes)
        if (code != kOther) CHECK_FALSE(has(table.body, code));
    CHECK(has(header_of(table, "Content-Disposition"), "county-table-360102-2025-national.csv"));
    // Another county: refused, page and download alike.
    const auto refused = f.get("/report", id, {{"county", std::string(jh::domain::kDemoCountyCode)}});
    CHECK(refused.status == 403);
    CHECK(has(refused.body, "只能查看 360102"));
    CHECK(f.get("/report/report.xlsx", id, {{"county", std::string(jh::domain::kDemoCountyCode)}}).status == 403);

    // An account of every county (a city's) reads all, or one county it picks.
    const auto admin = f.session_of("管理员", "correct horse");
    const auto all = f.get("/report", admin);
    CHECK(has(all.body, "应报 7 所，已报 7 所"));
    CHECK(has(all.body, "<select name=\"county\">"));
    const auto one = f.get("/report", admin, {{"county", std::string(jh::domain::kDemoCountyCode)}});
    REQUIRE(one.status == 200);
    CHECK(has(one.body, "应报 6 所，已报 6 所"));
    CHECK_FALSE(has(one.body, "东门外县小学"));
    CHECK(f.get("/report", admin, {{"county", "36x"}}).status == 400);
}

TEST_CASE("web: svg - a bar chart draws one bar per value, the line and escaped text, an arrival chart steps once per arrival") {
    namespace svg = jh::sync::web::svg;
    svg::BarChart c;
    c.title = "<R1>";
    c.bars = {{"a", "x&y", 1.0, false}, {"b", "z", 3.0, true}};
    c.line = 2.0;
    c.line_label = "标准";
    const auto out = svg::bar_chart(c);
    CHECK(count_of(out, "<rect ") == 2);
    CHECK(count_of(out, "class=\"col bad\"") == 1);
    CHECK(has(out, "<title>&lt;R1&gt;</title>"));
    CHECK(has(out, "x&amp;y"));
    CHECK(has(out, "标准 2"));
    svg::ArrivalChart a;
    a.times = {1'800'000'000, 1'800'100'000};
    a.total = 3;
    a.deadline = 1'800'200'000;
    a.now = 1'800'300'000;
    const auto arrivals = svg::arrival_chart(a);
    CHECK(has(arrivals, "应报 3"));
    CHECK(has(arrivals, "已报 2"));
    CHECK(has(arrivals, "class=\"deadline\""));
}

TEST_CASE("web: report - under every local pack the way to pass is shown as ops::way_to_pass words it, each school's raise in its own terms") {
    ReportFixture f;
    const auto id = f.session_of("rev", "rev pass");
    std::size_t over_limit = 0, failing = 0;
    for (const auto& pack : rc::receiver_packs(*f.store).packs) {
        CAPTURE(pack.id);
        const auto r = f.get("/report", id, {{"pack", pack.id}});
        REQUIRE(r.status == 200);
        const auto way = jh::ops::way_to_pass(f.computed(pack.id));
        if (way.indicators.empty()) CHECK(has(r.body, "各学段 7 项差异系数均未超过上限"));
        for (const auto& w : way.indicators) {
            ++over_limit;
            CHECK(has(r.body, web::html(w.note.zh)));
            for (const auto& raise : w.raises) CHECK(has(r.body, web::html(raise.gap.text.zh)));
        }
        for (const auto& s : way.schools) {
            ++failing;
            CHECK(has(r.body, "<td>" + s.code + "</td><td>" + web::html(s.name) + "</td>"));
            for (const auto& raise : s.raises) CHECK(has(r.body, web::html(raise.gap.text.zh)));
        }
    }
    MESSAGE("CVs over their limit: " << over_limit << ", schools failing 6-of-7: " << failing);
    CHECK(failing > 0);
}

TEST_CASE("web: report - a CV over its limit that no set of schools raised to the standard brings under is said so, drawn red") {
    ReportFixture f(true);
    const auto id = f.session_of("rev", "rev pass");
    const auto r = f.get("/report", id);
    REQUIRE(r.status == 200);
    const auto way = jh::ops::way_to_pass(f.computed());
    REQUIRE(!way.indicators.empty());
    for (const auto& w : way.indicators) {
        CHECK(has(r.body, web::html(w.note.zh)));
        CHECK(has(r.body, "<h3>" + std::string(jh::domain::zh(w.stage)) + " " + std::string(jh::indicators::resource_info()[w.indicator].id)));
        CHECK_FALSE(w.found);   // the outlier is above the standard: raising others cannot help
    }
    CHECK(has(r.body, "<p class=\"note fail\">"));
    CHECK(has(r.body, "class=\"col bad\""));
    CHECK(has(r.body, "未达标"));
}
