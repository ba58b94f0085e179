// The county report: the county computation over what a bureau holds — school snapshots (as
// bytes or as school years already decoded) and county tables — with the schools left out and
// why, and the county's G15. One code path for `junheng county` and the bureau receiver's
// `report`, so both give the same JSON (docs/county-format.md). A school whose snapshot cannot
// be read, that is of another school year, given twice, or that the engine cannot compute is
// listed under `excluded` with its reason and never aborts the report; only a malformed county
// table (a file the bureau made itself) or a pack without thresholds for the year stops it.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/entities.hpp"
#include "domain/message.hpp"
#include "indicators/county.hpp"
#include "indicators/pack.hpp"

namespace jh::ops {

// A school, or one stage of it, the report leaves out.
struct ExcludedSchool {
    std::string source;                  // the file, or the receiver's name for where the school came from
    std::string code, name;              // empty when unknown (a snapshot that could not be read)
    domain::Message reason;
    std::optional<domain::Stage> stage;  // only this stage is left out (it has no pupils)
};

// What a report is computed from, gathered input by input. Snapshots are only decoded here and
// counted in county_report: the pack's scope rules (teaching points merged into their central
// school) need every school of the county at hand.
struct CountyInputs {
    struct School {
        std::string source;
        domain::SchoolData data;                        // empty when `parts` is given
        std::optional<indicators::SchoolParts> parts;   // already taken apart (under the pack the report is computed with)
        const std::string& code() const { return parts ? parts->code : data.school.code; }
        const std::string& name() const { return parts ? parts->name : data.school.name; }
        int year() const { return parts ? parts->year : data.year.year; }
    };
    std::vector<indicators::PartQuantities> parts;   // from county tables, in file and row order
    std::vector<std::string> part_sources;           // "county.csv line 4", one per part
    std::vector<School> schools;                     // from snapshots, in the order given
    std::vector<ExcludedSchool> excluded;            // left out before any computation

    // A file's bytes, recognised by content: a snapshot when its first non-blank character is
    // '{', else a county table. Throws domain::Rejected only for a malformed county table or
    // text that is neither UTF-8 nor GBK.
    void add_file(const std::string& source, std::string_view bytes);
    // A snapshot's bytes (docs/snapshot-format.md). One that does not decode or fails the
    // snapshot's checks is listed under `excluded`, under `code` and `name` when the caller
    // knows whose it is.
    void add_snapshot(const std::string& source, std::string_view bytes, const std::string& code = {}, const std::string& name = {});
    // A school year already decoded.
    void add_school(const std::string& source, domain::SchoolData data);
    // A school year already taken apart by indicators::school_parts under the pack the report
    // will be computed with (a bureau's cache of them: sync/receiver/report_cache.hpp).
    void add_parts(const std::string& source, indicators::SchoolParts parts);
    // A county table's bytes (exchange::read_county_table); throws domain::Rejected naming the
    // file, line and column of a problem.
    void add_table(const std::string& source, std::string_view bytes);
};

struct CountyOptions {
    std::optional<int> year;     // school year whose thresholds apply (also picks the snapshots' year when some have it)
    int default_year = 0;        // thresholds' year when neither `year` nor any snapshot gives one
    std::size_t top = 3;         // contributing schools listed per indicator
};

struct CountyReport {
    indicators::RulePack pack;               // as chosen (the inherited one applies once it has ended)
    int year = 0;                            // whose thresholds applied
    std::optional<int> snapshot_year;        // the snapshots' school year, when any was computed
    indicators::CountyResult result;         // no stages when no school part was left
    std::vector<indicators::PartQuantities> parts;   // the parts computed, raw quantities (the way to pass and the county table export start here)
    std::vector<ExcludedSchool> excluded;
    std::optional<indicators::MigrantShare> g15;   // from snapshots only: county tables carry no migrants
};

// The county computation over `inputs`. Snapshots of the school year `options.year` names (when
// some are of it), else of the latest year among them, take part; the others are excluded, as
// is a second snapshot of a school, a school the engine cannot count, and a part that a county
// table already gives. Throws domain::Rejected only for what concerns the whole county: two
// county-table rows of the same part, or a pack without thresholds in force in the year.
CountyReport county_report(const CountyInputs& inputs, const indicators::RulePack& pack, const CountyOptions& options = {});

// The report as `junheng county --json` prints it: indicators::to_json of the result, plus
// `excluded` and `guarantee.G15` (docs/county-format.md).
nlohmann::json to_json(const CountyReport& report);

// The report as Chinese text, as `junheng county` prints it without --json.
std::string to_text(const CountyReport& report);

}  // namespace jh::ops
