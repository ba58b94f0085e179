// Calendar dates as reported (no time zone): ISO "YYYY-MM-DD" in storage and files.
#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "domain/words.hpp"

namespace jh::domain {

struct Date {
    int year = 2000;
    int month = 1;
    int day = 1;
    auto operator<=>(const Date&) const = default;
};

// A date as people write it — 2026-10-09, 2026/10/9 (as Excel writes it), 2026.10.9 and
// 2026年10月9日 (日 or 号 or neither), full-width digits included — or, when it cannot be read,
// a message saying precisely why: the expected format, "2026 年 2 月没有 30 日", a month of 13.
// The one reader of dates: the forms, CSV import and snapshots all use it.
struct DateReading {
    std::optional<Date> date;
    Message problem;   // empty when `date` is set
};
DateReading read_date(std::string_view text);
// read_date(text).date.
std::optional<Date> parse_date(std::string_view text);

// A date after `today` is allowed but suspicious (a typo of the year): the warning to show.
std::optional<Message> future_date_warning(const Date& date, const Date& today);
std::string to_string(const Date& date);
bool is_valid(const Date& date);

// Today on this machine's calendar (local time): the one place the date is read from the clock.
Date local_today();
// The school year (学年) a day falls in: it starts on 1 September (2025 = 2025–2026).
int school_year_of(const Date& day);
// The school year under way today, school_year_of(local_today()): the default wherever a year
// is not given (the terminal's setup, `junheng init/demo/county`, the bureau's report).
int current_school_year();

}  // namespace jh::domain
