// The bureau's county report: the county computation (`junheng county`'s JSON, same keys)
// over the latest submitted version of every school for one school year, plus completeness —
// which registered schools never synced, which have not submitted, when each was last seen
// (receiver time). A submission whose snapshot does not read, is of another school or year, or
// whose data the county computation cannot take is listed under `excluded` with its reason;
// it never aborts the report. Per county (the school profile's county code): reporting rate,
// on-time rate against the year's deadline, and the schools not submitted, late, overdue,
// returned (awaiting resubmission), awaiting review and accepted — each school's review state
// from review.hpp's one rule. Keys in docs/bureau.md.
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "ops/county_report.hpp"
#include "sync/receiver/store.hpp"

namespace jh::sync::receiver {

struct ReportOptions {
    std::optional<std::string> pack_id;   // default: the pack in force (receiver_packs, packs.hpp)
    std::optional<int> year;       // default: the latest year any school submitted
    std::size_t top = 3;           // contributing schools per indicator
    std::optional<std::string> now;   // receiver time the deadline is judged at (default: the clock)
};

// Throws domain::Rejected for an unknown pack (and for a published pack this program no longer
// reads: name another with --pack).
// With `computed`, the county computation itself is handed back too (for the way to pass and
// the exports, ops/way_to_pass.hpp and ops/county_export.hpp): the JSON is its to_json.
nlohmann::json county_report(ReceiverStore& store, const ReportOptions& options, ops::CountyReport* computed = nullptr);

// The completeness alone, for the schools page: {"year": Y, "completeness": {…}} exactly as in
// county_report's JSON, without decoding any snapshot or computing any indicator. A school's
// county is its latest version's profile as the report's cache holds it (report_cache.hpp: kept
// when the version arrived), else its live copy's.
nlohmann::json completeness(ReceiverStore& store, const ReportOptions& options);

// The report as text for people (English and Chinese labels, from the JSON above).
std::string report_text(const nlohmann::json& report);

}  // namespace jh::sync::receiver
