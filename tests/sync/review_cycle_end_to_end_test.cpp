// Issue 9's "done when" over the network, through the real binaries on one machine: a county
// `junheng-bureau serve` on 127.0.0.1 and a school terminal. The bureau returns the school's
// submission with a comment; the school's next sync unlocks the year and its status shows the
// comment; the school fixes and resubmits (version 2); the bureau sees what changed and
// accepts; the school's year stays locked. A rule pack the bureau publishes is in force on the
// terminal after its next sync. (By USB files alone: files_end_to_end_test.cpp; the relay to a
// city: relay_test.cpp.)
#include <doctest/doctest.h>

#include <fstream>

#include "cli/run.hpp"
#include "receiver/process.hpp"
#include "receiver/scratch_store.hpp"
#include "store/store.hpp"

using namespace jh;
namespace fs = std::filesystem;

namespace {

constexpr int kYear = 2025;
const std::string kSchool = "3607260101";

const std::string kCountyPack = R"({"id": "county_2026", "inherits": "national",
  "name": {"zh": "某县义务教育优质均衡实施方案", "en": "a county's plan"},
  "source": {"document": "某县教育局〔2026〕1号", "version": "2026"},
  "items": {"G5": {"max": {"primary": 40, "junior": 50}}}})";

// The county's receiver store: a SQLite file, or a PostgreSQL database in the `postgres` run.
test::Outcome bureau(const test::ScratchStore& store, std::vector<std::string> args) {
    auto r = test::bureau_run(store.args(args));
    return {r.status, r.out, r.err};
}

test::Outcome school(const test::ScratchDir& dir, std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", (dir / "school.db").string()});
    return test::junheng(dir, args);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// One field edit through the store, as the window makes it; false when the store refuses
// (the year is locked).
bool edit(const fs::path& db, double add) {
    auto store = store::Store::open(db, store::OpenMode::MustExist);
    auto building = store.load(kYear).buildings.at(0);
    building.area += add;
    try {
        store.update(building);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

TEST_CASE("review cycle end to end: returned with a comment, fixed, resubmitted, diffed, accepted — a published pack in force") {
    setenv("no_proxy", "127.0.0.1", 1);
    test::ScratchDir dir;
    const std::string year = std::to_string(kYear);
    const test::ScratchStore county(dir.path());
    REQUIRE(school(dir, {"demo", "--code", kSchool, "--year", year}).status == 0);
    auto added = bureau(county, {"school", "add", "--code", kSchool, "--name", "甲校"});
    REQUIRE_MESSAGE(added.status == 0, added.err);
    const auto one_time = test::last_line(added.out);
    // Staff: an admin and a reviewer (passwords on standard input, as a script gives them).
    REQUIRE(test::bureau_run(county.args({"user", "add", "--name", "王局", "--role", "admin", "--password-stdin"}),
                             "correct horse battery\n")
                .status == 0);
    REQUIRE(test::bureau_run(county.args({"user", "add", "--name", "李审核", "--password-stdin"}),
                             "staple 2026\nstaple 2026\n")
                .status == 0);

    test::ServeProcess serve(county.args());
    const std::string url = "http://127.0.0.1:" + std::to_string(serve.port());
    REQUIRE(school(dir, {"enroll", "--server", url, "--code", one_time}).status == 0);
    auto submitted = school(dir, {"submit", "--year", year});
    REQUIRE_MESSAGE(submitted.status == 0, submitted.err);

    // A reviewer may return; may not reopen (an admin's action): refused, nothing recorded.
    auto returned = bureau(county, {"return", "--school", kSchool, "--year", year, "--comment", "校舍面积与台账不符，请核对", "--by", "李审核"});
    REQUIRE_MESSAGE(returned.status == 0, returned.err);
    CHECK(has(returned.out, "version 1"));
    CHECK(bureau(county, {"accept", "--school", kSchool, "--year", year, "--by", "李审核"}).status == 1);   // returned: wait for v2

    // The school's next sync: the year unlocks, the comment shows.
    auto synced = school(dir, {"sync"});
    REQUIRE_MESSAGE(synced.status == 0, synced.err);
    auto status = school(dir, {"status"});
    CHECK(has(status.out, "v1: returned by 李审核"));
    CHECK(has(status.out, "comment: 校舍面积与台账不符，请核对"));

    // It fixes and resubmits: version 2. The bureau sees what changed and accepts.
    REQUIRE(edit(dir / "school.db", 12.5));
    auto resubmitted = school(dir, {"submit", "--year", year});
    REQUIRE_MESSAGE(resubmitted.status == 0, resubmitted.err);
    auto listed = bureau(county, {"submissions", "--school", kSchool});
    CHECK(has(listed.out, "\tv2\t"));
    auto diff = bureau(county, {"submissions", "--school", kSchool, "--year", year, "--diff", "1", "2"});
    REQUIRE_MESSAGE(diff.status == 0, diff.err);
    CHECK(has(diff.out, "building"));
    CHECK(has(diff.out, " -> "));
    auto reopened_too_early = bureau(county, {"reopen", "--school", kSchool, "--year", year, "--reason", "x", "--by", "李审核"});
    CHECK(reopened_too_early.status == 1);
    auto accepted = bureau(county, {"accept", "--school", kSchool, "--year", year, "--by", "李审核"});
    REQUIRE_MESSAGE(accepted.status == 0, accepted.err);
    CHECK(has(accepted.out, "version 2"));
    REQUIRE(school(dir, {"sync"}).status == 0);
    CHECK(has(school(dir, {"status"}).out, "v2: accepted by 李审核"));
    CHECK_FALSE(edit(dir / "school.db", 1));   // accepted: the year stays locked

    // A reviewer cannot publish a pack; the admin can; the terminal computes with it after its
    // next sync.
    const auto pack_path = (dir / "county.json").string();
    std::ofstream(pack_path, std::ios::binary) << kCountyPack;
    CHECK(bureau(county, {"pack", "publish", pack_path, "--by", "李审核"}).status == 1);
    auto published = bureau(county, {"pack", "publish", pack_path, "--by", "王局"});
    REQUIRE_MESSAGE(published.status == 0, published.err);
    CHECK(has(school(dir, {"indicators", "--list-packs"}).out, "* national\t"));
    REQUIRE(school(dir, {"sync"}).status == 0);
    auto packs = school(dir, {"indicators", "--list-packs"});
    CHECK(has(packs.out, "* county_2026\t"));
    CHECK(has(packs.out, "教育局发布：王局"));
    CHECK(serve.stop() == 0);
}
