// Calendar dates as reported (no time zone): ISO "YYYY-MM-DD" in storage and files.
#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace jh::domain {

struct Date {
    int year = 2000;
    int month = 1;
    int day = 1;
    auto operator<=>(const Date&) const = default;
};

// Accepts "YYYY-MM-DD", and "YYYY/M/D" as Excel writes it; rejects impossible dates.
std::optional<Date> parse_date(std::string_view text);
std::string to_string(const Date& date);
bool is_valid(const Date& date);

}  // namespace jh::domain
