// How a school year is written: one function per language (domain/school_year.hpp).
#include <doctest/doctest.h>

#include "domain/school_year.hpp"

using namespace jh::domain;

TEST_CASE("a school year is written with the 一字线 in Chinese and an en dash in English") {
    CHECK(school_year_span_zh(2025) == "2025—2026");
    CHECK(school_year_zh(2025) == "2025—2026 学年");
    CHECK(school_year_span_en(2025) == "2025–2026");
    CHECK(school_year_en(1999) == "school year 1999–2000");
}
