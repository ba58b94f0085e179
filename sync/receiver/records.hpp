// The receiver's reading of the records that audit entries carry (domain/record_json.hpp's
// form, decoded with domain::record_from_json): the flag an entry raises when its record does
// not decode or fails the domain's validation (the entry is stored all the same: the terminal
// is the source of truth), and the rebuild of one school year from the live copy, as the
// terminal's store loads it for `junheng export` (store::Store::load): the school, the year,
// that year's records of every per-year kind, and the training of that year's staff persons.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/entities.hpp"
#include "sync/protocol/messages.hpp"

namespace jh::sync::receiver {

struct LiveRecord;

// The flag a whole entry raises (nullopt: none). `school` is the validation context; a clean
// school entry replaces it, so later entries of the same batch are checked against it.
std::optional<std::string> entry_flag(const protocol::WireEntry& entry, std::optional<domain::School>& school);

// The school record of a live copy's JSON; nullopt when it does not decode.
std::optional<domain::School> decode_school(const std::string& json);

// The school years the live copy holds, ascending.
std::vector<int> years_held(const std::vector<LiveRecord>& records);

// One school year rebuilt from the live copy. Throws std::runtime_error when the copy holds no
// school profile or not that year. A record that does not decode is left out and named in
// `skipped` (it carries a flag).
domain::SchoolData rebuild_year(const std::vector<LiveRecord>& records, int year, std::vector<std::string>& skipped);

}  // namespace jh::sync::receiver
