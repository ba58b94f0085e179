// Reading and writing calendar dates (see date.hpp): one reader for forms, CSV and snapshots.
#include "domain/date.hpp"

#include <ctime>

#include <charconv>
#include <cstdio>

#include "domain/figures.hpp"

namespace jh::domain {
namespace {
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return days[month - 1] + (month == 2 && leap(year) ? 1 : 0);
}

std::optional<int> number(std::string_view s) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}
}  // namespace

bool is_valid(const Date& d) {
    if (d.year < 1900 || d.year > 2200 || d.month < 1 || d.month > 12 || d.day < 1) return false;
    return d.day <= days_in_month(d.year, d.month);
}

namespace {

const Message kFormat{"请按 2026-10-09 的格式填写日期（也可写 2026/10/9、2026.10.9 或 2026年10月9日）",
                      "write the date as 2026-10-09 (2026/10/9, 2026.10.9 and 2026年10月9日 also work)"};

// The text split into its three numbers and what stands between and after them.
struct Parts {
    std::string digits[3];
    std::string between[3];   // after the 1st, 2nd and 3rd number
    std::string before;       // anything before the first digit
};

Parts split(std::string_view text) {
    Parts p;
    int n = -1;
    bool in_digits = false;
    for (char c : text) {
        const bool digit = c >= '0' && c <= '9';
        if (digit && !in_digits) ++n;
        in_digits = digit;
        if (n >= 3) {   // a fourth number: keep it as trailing text so the format check fails
            p.between[2] += c;
            continue;
        }
        if (n < 0) p.before += c;
        else if (digit) p.digits[n] += c;
        else p.between[n] += c;
    }
    return p;
}

}  // namespace

DateReading read_date(std::string_view typed) {
    // The stored form, as files and the database hold it, without the general path's copies
    // (an import reads one or two dates a row).
    if (typed.size() == 10 && typed[4] == '-' && typed[7] == '-') {
        auto y = number(typed.substr(0, 4)), m = number(typed.substr(5, 2)), d = number(typed.substr(8, 2));
        if (y && m && d && is_valid(Date{*y, *m, *d})) return {Date{*y, *m, *d}, {}};
    }
    std::string text = to_halfwidth(typed);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.erase(0, 1);
    if (text.empty()) return {std::nullopt, {"请填写日期，例如 2026-10-09", "fill in a date, e.g. 2026-10-09"}};
    const Parts p = split(text);
    const auto& a = p.between[0];
    const auto& b = p.between[1];
    const auto& c = p.between[2];
    const bool separated = (a == "-" || a == "/" || a == ".") && b == a && c.empty();
    const bool written = a == "年" && b == "月" && (c.empty() || c == "日" || c == "号");
    if (!p.before.empty() || p.digits[2].empty() || !(separated || written)) return {std::nullopt, kFormat};
    if (p.digits[0].size() != 4)
        return {std::nullopt, {"年份请写 4 位数字，例如 2026-10-09", "write the year with 4 digits, e.g. 2026-10-09"}};
    if (p.digits[1].size() > 2 || p.digits[2].size() > 2) return {std::nullopt, kFormat};
    Date d{*number(p.digits[0]), *number(p.digits[1]), *number(p.digits[2])};
    const std::string y = std::to_string(d.year), m = std::to_string(d.month), day = std::to_string(d.day);
    if (d.year < 1900 || d.year > 2200)
        return {std::nullopt, {"年份 " + y + " 不在 1900–2200 之间", "year " + y + " is outside 1900–2200"}};
    if (d.month < 1 || d.month > 12)
        return {std::nullopt, {"月份应为 1–12，这里是 " + m, "the month must be 1–12, not " + m}};
    if (d.day < 1 || d.day > days_in_month(d.year, d.month))
        return {std::nullopt, {y + " 年 " + m + " 月没有 " + day + " 日", y + "-" + (d.month < 10 ? "0" : "") + m + " has no day " + day}};
    return {d, {}};
}

std::optional<Date> parse_date(std::string_view text) { return read_date(text).date; }

std::optional<Message> future_date_warning(const Date& date, const Date& today) {
    if (date <= today) return std::nullopt;
    return Message{"日期 " + to_string(date) + " 晚于今天（" + to_string(today) + "），请确认年份",
                   "the date " + to_string(date) + " is after today (" + to_string(today) + "): check the year"};
}

std::string to_string(const Date& d) {
    // Written digit by digit in the usual case: storing and auditing a record formats each of
    // its dates, and snprintf was a twentieth of a 10,000-row import.
    if (d.year >= 0 && d.year <= 9999 && d.month >= 0 && d.month <= 99 && d.day >= 0 && d.day <= 99) {
        const auto digit = [](int n) { return static_cast<char>('0' + n % 10); };
        return {digit(d.year / 1000), digit(d.year / 100), digit(d.year / 10), digit(d.year), '-',
                digit(d.month / 10),  digit(d.month),      '-',                 digit(d.day / 10), digit(d.day)};
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

Date local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

int school_year_of(const Date& day) { return day.month >= 9 ? day.year : day.year - 1; }

int current_school_year() { return school_year_of(local_today()); }

}  // namespace jh::domain
