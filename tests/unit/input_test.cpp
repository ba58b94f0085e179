// Reading what people type: dates in every accepted way of writing them with the precise
// message for each wrong one, full-width characters converted, numbers read or refused by name.
#include <doctest/doctest.h>

#include "domain/date.hpp"
#include "domain/figures.hpp"

using namespace jh::domain;

namespace {
std::string problem_zh(std::string_view text) { return read_date(text).problem.zh; }
}  // namespace

TEST_CASE("dates: the stored form and the ways people write a date all read the same") {
    const Date expected{2026, 10, 9};
    for (const char* text : {"2026-10-09", "2026-10-9", "2026/10/9", "2026/10/09", "2026.10.9", "2026年10月9日",
                             "2026年10月09日", "2026年10月9号", "2026年10月9", " 2026-10-09 ", "２０２６－１０－０９",
                             "２０２６年１０月９日", "2026。10。9", "２０２６／１０／９"}) {
        const auto r = read_date(text);
        CHECK_MESSAGE(r.date == expected, text);
        CHECK_MESSAGE(r.problem.zh.empty(), text);
    }
    CHECK(parse_date("2026.10.9") == expected);   // the setter of every date field reads the same way
}

TEST_CASE("dates: what cannot be read says why, precisely") {
    CHECK(problem_zh("2026-02-30") == "2026 年 2 月没有 30 日");
    CHECK(read_date("2026-02-30").problem.en == "2026-02 has no day 30");
    CHECK(problem_zh("2025-02-29") == "2025 年 2 月没有 29 日");
    CHECK(read_date("2024-02-29").date == Date{2024, 2, 29});   // a leap year
    CHECK(problem_zh("2026年4月31日") == "2026 年 4 月没有 31 日");
    CHECK(problem_zh("2026-13-01") == "月份应为 1–12，这里是 13");
    CHECK(problem_zh("26-10-09") == "年份请写 4 位数字，例如 2026-10-09");
    CHECK(problem_zh("10/09/2026") == "年份请写 4 位数字，例如 2026-10-09");
    CHECK(problem_zh("1850-01-01") == "年份 1850 不在 1900–2200 之间");
    for (const char* wrong : {"20261009", "2026-10", "2026-10/09", "2026年10月", "明天", "2026-10-09 上午",
                              "2026-10-9-1", "2026-100-9"})
        CHECK_MESSAGE(problem_zh(wrong).find("请按 2026-10-09 的格式填写") == 0, wrong);
    CHECK(problem_zh("") == "请填写日期，例如 2026-10-09");
}

TEST_CASE("dates: a date after today is a warning to check the year") {
    const Date today{2026, 12, 1};
    CHECK_FALSE(future_date_warning(Date{2026, 12, 1}, today));
    CHECK_FALSE(future_date_warning(Date{2025, 1, 1}, today));
    const auto w = future_date_warning(Date{2062, 12, 1}, today);
    REQUIRE(w);
    CHECK(w->zh == "日期 2062-12-01 晚于今天（2026-12-01），请确认年份");
}

TEST_CASE("full-width digits, letters and punctuation become their ASCII forms") {
    CHECK(to_halfwidth("１６") == "16");
    CHECK(to_halfwidth("３．５") == "3.5");
    CHECK(to_halfwidth("３。５") == "3.5");
    CHECK(to_halfwidth("－１２，０００") == "-12,000");
    CHECK(to_halfwidth("ＡＢｃ　１") == "ABc 1");
    CHECK(to_halfwidth("王琰 12") == "王琰 12");   // everything else untouched
    CHECK(halfwidth(U'９') == U'9');
    CHECK(halfwidth(U'王') == U'王');
}

TEST_CASE("numbers: full-width and grouped figures are read, anything else is refused by name") {
    CHECK(read_number("１６", true).value == 16);
    CHECK(read_number(" 3.5 ", false).value == 3.5);
    CHECK(read_number("３．５", false).value == 3.5);
    CHECK(read_number("10,000", true).value == 10000);
    CHECK(read_number("-2", true).value == -2);
    const auto yuan = read_number("12元", false);
    CHECK_FALSE(yuan.value);
    CHECK(yuan.problem.zh == "“元”不能出现在数字里：请填写数字，例如 12 或 3.5");
    CHECK(yuan.problem.en == "'元' cannot be part of a number: type a number, e.g. 12 or 3.5");
    CHECK(read_number("3.5", true).problem.zh == "此处只能填整数，例如 12");
    CHECK(read_number("1..2", false).problem.zh == "请填写数字，例如 12 或 3.5");
    CHECK(read_number("", true).problem.zh == "请填写整数，例如 12");
}

TEST_CASE("amounts of money: 万元 from ten thousand up") {
    CHECK(amount_in_yuan(101600).zh == "10.16 万元");
    CHECK(amount_in_yuan(900000).zh == "90.00 万元");
    CHECK(amount_in_yuan(9800).zh == "9800 元");
    CHECK(amount_in_yuan(101600).en == "101,600 yuan");
    CHECK(amount_in_yuan(-1234567).en == "-1,234,567 yuan");
}
