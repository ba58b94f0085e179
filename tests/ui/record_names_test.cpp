// The record history's title names the record as people know it: its kind in the interface
// language and its name (from the field descriptors), its number only when it has no name.
#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>

#include "ui/record_names.hpp"

using jh::ui::HistoryView;
using jh::ui::Language;
using jh::ui::Model;

namespace {

HistoryView history(std::string table, jh::domain::Id id, std::vector<std::pair<std::string, std::string>> old_new) {
    HistoryView h{std::move(table), id, {}, {}};
    for (auto& [before, after] : old_new) {
        jh::store::AuditEntry e;
        e.old_json = before;
        e.new_json = after;
        h.entries.push_back(e);
    }
    h.name = jh::ui::record_name(h);   // as the history is loaded
    return h;
}

}  // namespace

TEST_CASE("a record with a name is titled by its kind and its latest name") {
    const auto staff = history("staff", 57, {{"", R"({"id":57,"name":"王炎"})"}, {R"({"name":"王炎"})", R"({"id":57,"name":"王琰"})"}});
    CHECK(jh::ui::record_title(Model(Language::Zh), staff) == "教职工 · 王琰");
    CHECK(jh::ui::record_title(Model(Language::En), staff) == "Staff · 王琰");
    const auto deleted = history("building", 3, {{"", R"({"name":"主教学楼"})"}, {R"({"name":"主教学楼"})", ""}});
    CHECK(jh::ui::record_title(Model(Language::En), deleted) == "Buildings · 主教学楼");
}

TEST_CASE("a kind without a name field is titled by its text field or its number") {
    const auto training = history("training", 8, {{"", R"({"topic":"国培计划","hours":24})"}});
    CHECK(jh::ui::record_title(Model(Language::Zh), training) == "培训记录 · 国培计划");
    const auto a_class = history("class", 3, {{"", R"({"grade":1,"number":2})"}});
    CHECK(jh::ui::record_title(Model(Language::Zh), a_class) == "班级 #3");
    CHECK(jh::ui::record_title(Model(Language::Zh), history("school_year", 2025, {})) == "学年 #2025");
    CHECK(jh::ui::record_title(Model(Language::Zh), history("from_a_newer_version", 4, {})) == "from_a_newer_version #4");
}

TEST_CASE("an audit entry's time is shown in local time, to the minute") {
    const char* saved = std::getenv("TZ");
    const std::string before = saved ? saved : "";
    setenv("TZ", "CST-8", 1);   // China Standard Time, UTC+8 (a POSIX zone: no tz database needed)
    tzset();
    CHECK(jh::ui::local_time("2026-01-02T03:04:05Z") == "2026-01-02 11:04");
    CHECK(jh::ui::local_time("2026-12-31T20:30:00Z") == "2027-01-01 04:30");   // the next day, the next year
    CHECK(jh::ui::local_time("not a time") == "not a time");
    if (saved) setenv("TZ", before.c_str(), 1);
    else unsetenv("TZ");
    tzset();
}
