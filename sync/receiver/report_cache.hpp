// The county report's cache (0008_report_cache.sql): what the county computation reads of a
// submitted school year (indicators::school_parts) and its profile's county code, kept per
// submission version and pack key so a report decodes each snapshot once, not every time —
// a 300-school county's snapshots are ~50 MB of JSON. Filled when a version arrives (for the
// pack in force) and by any report that misses a row. A row serves only the snapshot it was
// read from (its sha256) and the pack key it was made under, so a new version or a pack change
// never serves old figures. A cache only: the figures are those of decoding the snapshot.
#pragma once
#include <optional>
#include <string>

#include "indicators/county.hpp"
#include "sync/receiver/store.hpp"

namespace jh::sync::receiver {

// The key a school's parts are cached under for `pack_id`: the hex SHA-256 of
// indicators::kSchoolPartsFormat, the pack id, the text of every built-in pack and the text of
// the pack published in force (`published_text`, "" when none), so any change to any pack the
// chosen one may inherit from gives another key.
std::string report_pack_key(const std::string& pack_id, const std::string& published_text);

// A school's parts as the cache keeps them, and back (nullopt for a row that does not read:
// it is then recomputed from the snapshot).
std::string parts_json(const indicators::SchoolParts& parts);
std::optional<indicators::SchoolParts> parts_from_json(const std::string& text);

// Takes the version `submission` (with its snapshot bytes) apart under the pack in force and
// caches it. Called when a version arrives; never throws (a snapshot that does not read, or
// that the engine cannot count, is left for the report to exclude with its reason).
void cache_submission(ReceiverStore& store, const StoredSubmission& submission) noexcept;

}  // namespace jh::sync::receiver
