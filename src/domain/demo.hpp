// A realistic demo school for trying the terminal, the screens and the indicators without
// real data: a rural nine-year school (九年一贯制) of about 900 pupils and 70 staff with
// five years of training records and several hundred equipment rows. Pure and
// deterministic: the same arguments give the same school.
//
// Ids: every record gets its own id, counting from 1 per kind, so staff.person_id and
// training.person_id link (person_id = the staff record's id). The store keeps non-zero ids
// on import, so the demo imports as is into an empty database.
//
// The demo passes validate() without errors but, like a real village school, not every
// indicator: it is short of PE/music/art teachers, one art room is too small, and a few
// teachers lack training hours.
#pragma once
#include <cstdint>
#include <string>

#include "domain/entities.hpp"

namespace jh::domain {

inline constexpr std::uint64_t kDemoSeed = 20250901;
inline constexpr std::string_view kDemoSchoolCode = "3360726001";

SchoolData make_demo_school(const std::string& code, int year, std::uint64_t seed = kDemoSeed);

}  // namespace jh::domain
