// How a school year is written, in one place: a school year is named by the calendar year it
// starts in (2025 = September 2025 to August 2026) and shown as its two calendar years. Chinese
// text joins them with the 一字线 "—" that GB/T 15834 prescribes for a span of years
// ("2025—2026 学年"); English with an en dash ("school year 2025–2026").
#pragma once
#include <string>

namespace jh::domain {

std::string school_year_span_zh(int year);   // "2025—2026"
std::string school_year_span_en(int year);   // "2025–2026"
std::string school_year_zh(int year);        // "2025—2026 学年"
std::string school_year_en(int year);        // "school year 2025–2026"

}  // namespace jh::domain
