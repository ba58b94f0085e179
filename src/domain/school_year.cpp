// How a school year is written (school_year.hpp).
#include "domain/school_year.hpp"

namespace jh::domain {

std::string school_year_span_zh(int year) { return std::to_string(year) + "—" + std::to_string(year + 1); }
std::string school_year_span_en(int year) { return std::to_string(year) + "–" + std::to_string(year + 1); }
std::string school_year_zh(int year) { return school_year_span_zh(year) + " 学年"; }
std::string school_year_en(int year) { return "school year " + school_year_span_en(year); }

}  // namespace jh::domain
