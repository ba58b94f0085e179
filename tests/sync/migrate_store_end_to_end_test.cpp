// Issue 11's "moving a county up", as a county IT person does it, through the real binaries: a
// county's receiver on SQLite with its schools enrolled, synced, submitted and one returned; the
// county's receiver stopped; `junheng-bureau migrate-store --from county.db --to STORE` into a
// store that already serves another county and has two `serve` processes running on it (the
// scratch store: SQLite here, PostgreSQL in the `postgres` run); the report of the county's
// schools unchanged; the schools sync and submit through either receiver with the key they
// pinned at the county; running the move again changes nothing; a county holding a school the
// target already has is refused, nothing moved.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "cli/run.hpp"
#include "receiver/process.hpp"
#include "receiver/scratch_store.hpp"
#include "store/store.hpp"

using namespace jh;
namespace fs = std::filesystem;

namespace {

constexpr int kYear = 2025;
const std::string kA = "3607260101", kB = "3607260102";   // the county's schools
const std::string kOther = "3607810101";                   // a school of the county the target serves

test::Outcome school(const test::ScratchDir& dir, const std::string& code, std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", (dir / (code + ".db")).string()});
    return test::junheng(dir, args);
}

test::Outcome bureau(std::vector<std::string> args) {
    auto r = test::bureau_run(args);
    return {r.status, r.out, r.err};
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// One field edit through the terminal's store, as the window makes it.
void edit(const fs::path& db) {
    auto store = store::Store::open(db, store::OpenMode::MustExist);
    auto building = store.load(kYear).buildings.at(0);
    building.area += 7.5;
    store.update(building);
}

// The rows of the county's schools in `report --json`.
nlohmann::json school_rows(const std::vector<std::string>& store_args) {
    auto args = store_args;
    for (const char* w : {"report", "--year", "2025", "--json"}) args.emplace_back(w);
    const auto r = bureau(args);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    nlohmann::json rows = nlohmann::json::array();
    const auto report = nlohmann::json::parse(r.out);
    for (const auto& s : report["completeness"]["schools"])
        if (s["code"] == kA || s["code"] == kB) rows.push_back(s);
    return rows;
}

}  // namespace

TEST_CASE("migrate store end to end: county on SQLite -> migrate-store -> two serves -> schools sync and submit through either -> report unchanged") {
    setenv("no_proxy", "127.0.0.1", 1);
    test::ScratchDir dir;
    const std::string year = std::to_string(kYear);
    const std::vector<std::string> county{"--db", (dir / "county.db").string()};
    const auto with = [](std::vector<std::string> store, std::vector<std::string> more) {
        store.insert(store.end(), more.begin(), more.end());
        return store;
    };

    // ---- the county, as it ran until today ----
    int port = 0;
    {
        test::ServeProcess serve(county);
        port = serve.port();
        const std::string url = "http://127.0.0.1:" + std::to_string(port);
        for (const auto& code : {kA, kB}) {
            REQUIRE(school(dir, code, {"demo", "--code", code, "--year", year}).status == 0);
            const auto added = bureau(with(county, {"school", "add", "--code", code, "--name", "学校" + code}));
            REQUIRE_MESSAGE(added.status == 0, added.err);
            const auto enrolled = school(dir, code, {"enroll", "--server", url, "--code", test::last_line(added.out)});
            REQUIRE_MESSAGE(enrolled.status == 0, enrolled.err);
            const auto submitted = school(dir, code, {"submit", "--year", year});
            REQUIRE_MESSAGE(submitted.status == 0, submitted.err);
        }
        const auto returned = bureau(with(county, {"return", "--school", kA, "--year", year, "--comment", "二班人数有误"}));
        REQUIRE_MESSAGE(returned.status == 0, returned.err);
        REQUIRE(school(dir, kA, {"sync"}).status == 0);   // the school is told: its year unlocks
    }   // the county's receiver is stopped for the move
    const auto before = school_rows(county);
    REQUIRE(before.size() == 2);

    // ---- the province's store, serving another county, two receivers on it ----
    const test::ScratchStore province(dir.path(), "province");
    const auto added = bureau(province.args({"school", "add", "--code", kOther, "--name", "外县学校"}));
    REQUIRE_MESSAGE(added.status == 0, added.err);
    // The county's address now leads to the province's first receiver (same host and port).
    test::ServeProcess first(province.args(), "127.0.0.1:" + std::to_string(port));
    test::ServeProcess second(province.args());
    const std::string second_url = "http://127.0.0.1:" + std::to_string(second.port());
    REQUIRE(school(dir, kOther, {"demo", "--code", kOther, "--year", year}).status == 0);
    REQUIRE(school(dir, kOther, {"enroll", "--server", second_url, "--code", test::last_line(added.out)}).status == 0);
    REQUIRE(school(dir, kOther, {"submit", "--year", year}).status == 0);
    REQUIRE(bureau(province.args({"accept", "--school", kOther, "--year", year})).status == 0);

    // ---- the move, while the province's receivers run ----
    const auto moved = bureau({"migrate-store", "--from", (dir / "county.db").string(), "--to",
                               province.postgres() ? province.location().uri : province.location().path.string()});
    INFO(moved.out, moved.err);
    REQUIRE(moved.status == 0);
    CHECK(has(moved.out, "2 schools moved now, 0 moved before"));
    CHECK(has(moved.out, "schools: 2 / 2\n"));
    CHECK(has(moved.out, "submission versions: 2 / 2\n"));
    CHECK(has(moved.out, "decisions: 1 / 1\n"));
    CHECK(has(moved.out, "verified:"));
    CHECK(has(moved.out, "counts match"));
    CHECK(school_rows(province.args()) == before);

    // ---- the schools go on, through either receiver, with the key they pinned ----
    {   // B's address now resolves to the second receiver (as a round-robin name would)
        auto db = store::Store::open(dir / (kB + ".db"), store::OpenMode::MustExist);
        db.set_enrolment(second_url, db.sync_state().receiver_key);
    }
    CHECK(has(school(dir, kA, {"status"}).out, "v1: returned by"));
    edit(dir / (kA + ".db"));
    const auto fixed = school(dir, kA, {"submit", "--year", year});   // version 2, through the first
    CHECK_MESSAGE(fixed.status == 0, fixed.err);
    const auto synced = school(dir, kB, {"sync"});                     // through the second
    CHECK_MESSAGE(synced.status == 0, synced.err);
    const auto versions = bureau(province.args({"submissions", "--school", kA}));
    CHECK_MESSAGE(has(versions.out, "\tv2\t"), versions.out);
    const auto accepted = bureau(province.args({"accept", "--school", kA, "--year", year}));
    CHECK_MESSAGE(accepted.status == 0, accepted.err);
    CHECK(school(dir, kA, {"sync"}).status == 0);
    const auto status = school(dir, kA, {"status"});
    CHECK_MESSAGE(has(status.out, "v2: accepted by"), status.out);
    CHECK(school(dir, kOther, {"sync"}).status == 0);   // the other county's school, untouched

    // ---- run again: nothing to do ----
    const auto again = bureau({"migrate-store", "--from", (dir / "county.db").string(), "--to",
                               province.postgres() ? province.location().uri : province.location().path.string()});
    CHECK_MESSAGE(again.status == 0, again.err);
    CHECK(has(again.out, "0 schools moved now, 2 moved before"));

    // ---- another county's store holding a school the target has: refused, nothing moved ----
    const std::vector<std::string> clash{"--db", (dir / "clash.db").string()};
    REQUIRE(bureau(with(clash, {"school", "add", "--code", kOther, "--name", "同码学校"})).status == 0);
    const auto refused = bureau({"migrate-store", "--from", (dir / "clash.db").string(), "--to",
                                 province.postgres() ? province.location().uri : province.location().path.string()});
    CHECK(refused.status == 1);
    CHECK(has(refused.err, "school " + kOther + " (外县学校) is already registered at the target"));
    CHECK(has(refused.err, "nothing moved"));
    // Usage: the stores are named by --from and --to only.
    CHECK(bureau(with(county, {"migrate-store", "--from", "a.db", "--to", "b.db"})).status == 2);
    CHECK(bureau({"migrate-store", "--from", (dir / "missing.db").string(), "--to", (dir / "x.db").string()}).status == 1);
    CHECK(!fs::exists(dir / "missing.db"));
}
