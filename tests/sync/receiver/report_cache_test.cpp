// The county report's cache (sync/receiver/report_cache.hpp, 0008_report_cache.sql) on a demo
// county submitted through Receiver::handle: the rows are kept when a version arrives; the
// report served from them is the county computation of the decoded snapshots (ops, no cache);
// a row of another snapshot (sha256) or one that does not read is never served; another pack
// is cached under another key and computes its own figures; the schools page's completeness
// equals the report's, without the county computation. On SQLite, and on PostgreSQL in the
// `postgres` runs (scratch_store.hpp).
#include <doctest/doctest.h>

#include "exchange/snapshot.hpp"
#include "indicators/pack.hpp"
#include "ops/county_report.hpp"
#include "sync/receiver/fixture.hpp"
#include "sync/receiver/packs.hpp"
#include "sync/receiver/report.hpp"
#include "sync/receiver/report_cache.hpp"

using namespace jh::test;

namespace {

constexpr int kYear = 2025;
constexpr int kSchools = 20;   // a block of the demo county: small, teaching points (merged), town schools

// The county computation of every latest snapshot held, decoded, without the cache: what the
// report must equal (its JSON less the completeness).
nlohmann::json decoded_report(rc::ReceiverStore& store, const std::optional<std::string>& pack_id) {
    const auto packs = rc::receiver_packs(store);
    std::map<std::string, rc::StoredSubmission> latest;
    for (auto& s : store.submissions(std::nullopt, true))
        if (s.year == kYear && (!latest.count(s.school) || latest[s.school].version < s.version)) latest[s.school] = std::move(s);
    jh::ops::CountyInputs inputs;
    for (const auto& [code, s] : latest) {
        const std::string file = code + "_" + std::to_string(kYear) + ".json v" + std::to_string(s.version);
        inputs.add_school(file, jh::exchange::read_snapshot(s.snapshot, file));
    }
    jh::ops::CountyOptions options;
    options.year = kYear;
    options.default_year = kYear;
    return jh::ops::to_json(jh::ops::county_report(inputs, packs.pick(pack_id), options));
}

nlohmann::json without_completeness(nlohmann::json report) {
    report.erase("completeness");
    return report;
}

}  // namespace

TEST_CASE("the report's cache: kept at submission, equal to decoding, never served for another snapshot or pack") {
    Bureau bureau;
    auto& store = *bureau.store;
    std::vector<Terminal> terminals;
    for (const auto& planned : jh::domain::demo_county(kSchools, std::string(jh::domain::kDemoCountyCode), kYear, jh::domain::kDemoSeed)) {
        Terminal t{planned.code};
        bureau.enrol(t, "学校" + planned.code.substr(6));
        const auto snapshot = jh::exchange::write_snapshot(jh::domain::make_demo_school(planned));
        const pr::Submission s{t.school, kYear, 1, jh::domain::sha256_hex(snapshot), pr::sign(snapshot, t.key.secret_key), snapshot};
        REQUIRE(bureau.handle(t.post(pr::kPathSubmission, pr::encode(s))).status == 200);
        terminals.push_back(t);
    }
    const auto national_key = rc::report_pack_key(rc::receiver_packs(store).pick(std::nullopt).id, "");
    // Kept when each version arrived, under the pack in force.
    REQUIRE(store.report_cache(kYear, national_key).size() == kSchools);

    rc::ReportOptions at;   // one receiver time: reports compared whole
    at.now = "2026-12-01T00:00:00Z";
    const auto report = rc::county_report(store, at);
    CHECK(without_completeness(report) == decoded_report(store, std::nullopt));
    CHECK(report["completeness"]["submitted"] == kSchools);

    // A row of another snapshot of the same version is not served; one that does not read is
    // recomputed. Either way the figures are the decoded ones, and the row is made right again.
    auto rows = store.report_cache(kYear, national_key);
    auto stale = rows[0], broken = rows[1];
    auto inflated = rc::parts_from_json(stale.parts);
    REQUIRE(inflated);
    REQUIRE(!inflated->parts.empty());
    inflated->parts[0].pupils *= 10;
    stale.parts = rc::parts_json(*inflated);
    stale.sha256 = std::string(64, '0');
    broken.parts = "{not json";
    store.put_report_cache({stale, broken});
    CHECK(rc::county_report(store, at) == report);
    for (const auto& row : store.report_cache(kYear, national_key)) {
        CHECK(row.sha256 != std::string(64, '0'));
        CHECK(rc::parts_from_json(row.parts).has_value());
    }

    // A new version of a school (the county town's central school): its old row no longer
    // serves; the report follows the new one.
    {
        auto& t = terminals[0];
        auto data = jh::domain::make_demo_school(jh::domain::demo_county(kSchools, std::string(jh::domain::kDemoCountyCode), kYear,
                                                                         jh::domain::kDemoSeed)[0]);
        for (auto& b : data.buildings) b.area *= 1.5;   // R4, floor area per pupil, changes
        for (auto& g : data.grounds) g.area *= 1.5;     // R5, ground area per pupil, too
        const auto snapshot = jh::exchange::write_snapshot(data);
        const pr::Submission s{t.school, kYear, 2, jh::domain::sha256_hex(snapshot), pr::sign(snapshot, t.key.secret_key), snapshot};
        REQUIRE(bureau.handle(t.post(pr::kPathSubmission, pr::encode(s))).status == 200);
    }
    const auto after = rc::county_report(store, at);
    CHECK(without_completeness(after) == decoded_report(store, std::nullopt));
    CHECK(after["stages"] != report["stages"]);

    // Another built-in pack: its own key, its own figures, equal to decoding under it.
    for (const auto& pack : jh::indicators::builtin_packs()) {
        if (pack.id == report["pack"]["id"]) continue;
        nlohmann::json expected;
        try {
            expected = decoded_report(store, pack.id);
        } catch (const jh::domain::Rejected&) {
            continue;   // a pack without thresholds for the year: the report refuses it too
        }
        auto options = at;
        options.pack_id = pack.id;
        CHECK(without_completeness(rc::county_report(store, options)) == expected);
        const auto key = rc::report_pack_key(pack.id, "");
        CHECK(key != national_key);
        CHECK(store.report_cache(kYear, key).size() == kSchools);
        break;
    }

    // The schools page's completeness is the report's, computed without the county computation.
    const auto full = rc::county_report(store, at);
    const auto alone = rc::completeness(store, at);
    CHECK(alone["year"] == full["year"]);
    CHECK(alone["completeness"] == full["completeness"]);
    for (const auto& row : alone["completeness"]["schools"]) CHECK(row["county"] == std::string(jh::domain::kDemoCountyCode));
}

TEST_CASE("the report's pack key changes with the pack id and with the published pack's text") {
    const auto a = rc::report_pack_key("national", "");
    CHECK(a.size() == 64);
    CHECK(a == rc::report_pack_key("national", ""));
    CHECK(a != rc::report_pack_key("jiangxi", ""));
    CHECK(a != rc::report_pack_key("national", "{\"id\":\"county-plan\"}"));
    CHECK(rc::report_pack_key("national", "{\"id\":\"county-plan\"}") != rc::report_pack_key("national", "{\"id\":\"county-plan\" }"));
}
