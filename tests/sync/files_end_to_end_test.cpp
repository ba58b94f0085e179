// Issue 9's "a school with no network does the whole cycle by USB files alone", through the
// real binaries and no network at all (no server is started): the bureau registers the school
// and writes its enrolment file onto the "stick"; the terminal enrols from it, writes upload
// files, the bureau imports them (twice: harmless; an older one after a newer one, a truncated
// one, another bureau's: exit 1, nothing stored) and writes reply files the terminal applies;
// the school submits by file and the bureau's copy equals the school's own, byte for byte.
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

// A receiver's store: a SQLite file, or a PostgreSQL database in the `postgres` run.
test::Outcome bureau(const test::ScratchStore& store, std::vector<std::string> args) {
    auto r = test::bureau_run(store.args(args));
    return {r.status, r.out, r.err};
}

test::Outcome school(const test::ScratchDir& dir, const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", (dir / db).string()});
    return test::junheng(dir, args);
}

void edit(const fs::path& db, double add) {
    auto store = store::Store::open(db, store::OpenMode::MustExist);
    auto building = store.load(kYear).buildings.at(0);
    building.area += add;
    store.update(building);
}

std::string only_file(const fs::path& dir) {
    for (const auto& f : fs::directory_iterator(dir)) return test::slurp(f.path());
    FAIL("no file in " << dir);
    return {};
}

}  // namespace

TEST_CASE("files end to end: enrol, sync and submit by USB files alone, through the real binaries") {
    test::ScratchDir dir;
    const test::ScratchStore county(dir.path()), elsewhere_store(dir.path(), "other-bureau");
    const std::string a = "3607260101", b = "3607260102";
    const auto stick = dir / "stick";
    fs::create_directories(stick);
    auto on_stick = [&](const std::string& name) { return (stick / name).string(); };

    REQUIRE(school(dir, "a.db", {"demo", "--code", a, "--year", std::to_string(kYear)}).status == 0);
    auto added = bureau(county, {"school", "add", "--code", a, "--name", "甲校", "--enrol-file", stick.string()});
    REQUIRE_MESSAGE(added.status == 0, added.err);
    REQUIRE(fs::exists(on_stick("junheng-enrol-" + a + ".jhe")));

    // Enrol from the file; a network sync is refused by name.
    auto enrolled = school(dir, "a.db", {"enroll", "--from-file", on_stick("junheng-enrol-" + a + ".jhe")});
    REQUIRE_MESSAGE(enrolled.status == 0, enrolled.err);
    auto net = school(dir, "a.db", {"sync"});
    CHECK(net.status == 1);
    CHECK(net.err.find("--to-file") != std::string::npos);

    // The first upload file carries the enrolment; imported twice it is applied once.
    auto up1 = school(dir, "a.db", {"sync", "--to-file", stick.string()});
    REQUIRE_MESSAGE(up1.status == 0, up1.err);
    const auto file1 = on_stick("junheng-" + a + "-1.jhu");
    REQUIRE(fs::exists(file1));
    {   // a copy cut short first: refused, nothing stored
        const auto bytes = test::slurp(file1);
        std::ofstream(dir / "cut.jhu", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
        auto cut = bureau(county, {"import", (dir / "cut.jhu").string()});
        CHECK(cut.status == 1);
        CHECK(cut.err.find("truncated") != std::string::npos);
        auto listed = bureau(county, {"school", "list"});
        CHECK(listed.out.find("not-enrolled") != std::string::npos);
    }
    auto imported = bureau(county, {"import", file1});
    REQUIRE_MESSAGE(imported.status == 0, imported.err);
    CHECK(imported.out.find("applied: ") == 0);
    CHECK(imported.out.find("enrolled") != std::string::npos);
    auto twice = bureau(county, {"import", file1});
    CHECK(twice.status == 0);
    CHECK(twice.out.find("already applied") != std::string::npos);

    // The reply file acknowledges everything.
    auto reply1 = bureau(county, {"export-for", "--school", a, "--out", stick.string()});
    REQUIRE_MESSAGE(reply1.status == 0, reply1.err);
    auto applied = school(dir, "a.db", {"sync", "--from-file", stick.string()});
    REQUIRE_MESSAGE(applied.status == 0, applied.err);
    CHECK(applied.out.find("still pending: 0") != std::string::npos);
    auto again = school(dir, "a.db", {"sync", "--from-file", stick.string()});
    CHECK(again.status == 0);
    CHECK(again.out.find("already applied") != std::string::npos);

    // An edit, then the submission by file: files 2 and 3 written, 3 imported, then 2 is out of order.
    edit(dir / "a.db", 4);
    auto submitted = school(dir, "a.db", {"submit", "--year", std::to_string(kYear), "--to-file", stick.string()});
    REQUIRE_MESSAGE(submitted.status == 0, submitted.err);
    REQUIRE(school(dir, "a.db", {"sync", "--to-file", stick.string()}).status == 0);
    auto third = bureau(county, {"import", on_stick("junheng-" + a + "-3.jhu")});
    REQUIRE_MESSAGE(third.status == 0, third.err);
    auto second = bureau(county, {"import", on_stick("junheng-" + a + "-2.jhu")});
    CHECK(second.status == 1);
    CHECK(second.err.find("out of order") != std::string::npos);
    CHECK(bureau(county, {"submissions", "--school", a}).out.find("\tv1\t") != std::string::npos);

    // The second reply file: the submission delivered, nothing pending.
    REQUIRE(bureau(county, {"export-for", "--school", a, "--out", stick.string()}).status == 0);
    auto applied2 = school(dir, "a.db", {"sync", "--from-file", stick.string()});
    REQUIRE_MESSAGE(applied2.status == 0, applied2.err);
    CHECK(applied2.out.find("submissions delivered: 1, still pending: 0") != std::string::npos);
    auto older = school(dir, "a.db", {"sync", "--from-file", on_stick("junheng-reply-" + a + "-1.jhr")});
    CHECK(older.status == 1);
    CHECK(older.err.find("older") != std::string::npos);

    // The bureau's copy of the year is the school's own, byte for byte.
    REQUIRE(school(dir, "a.db", {"export", "--format", "snapshot", "--year", std::to_string(kYear), "--out", (dir / "sa").string()})
                .status == 0);
    REQUIRE(bureau(county, {"export", "--school", a, "--year", std::to_string(kYear), "--out", (dir / "ba").string()}).status == 0);
    CHECK(only_file(dir / "ba") == only_file(dir / "sa"));

    // The review cycle by file: the bureau returns version 1 with a comment; the reply file
    // unlocks the year at the school, whose status shows the comment; the school edits and
    // submits version 2 by file; the bureau sees what changed and accepts; the next reply file
    // tells the school, whose year stays locked.
    const std::string year = std::to_string(kYear);
    auto returned = bureau(county, {"return", "--school", a, "--year", year, "--comment", "请核对校舍面积", "--by", "李审核"});
    REQUIRE_MESSAGE(returned.status == 0, returned.err);
    REQUIRE(bureau(county, {"export-for", "--school", a, "--out", stick.string()}).status == 0);
    auto told = school(dir, "a.db", {"sync", "--from-file", stick.string()});
    REQUIRE_MESSAGE(told.status == 0, told.err);
    CHECK(told.out.find("returned") != std::string::npos);
    auto status = school(dir, "a.db", {"status"});
    CHECK(status.out.find("v1: returned by 李审核") != std::string::npos);
    CHECK(status.out.find("comment: 请核对校舍面积") != std::string::npos);
    edit(dir / "a.db", 6);   // the year is open for editing again
    auto resubmitted = school(dir, "a.db", {"submit", "--year", year, "--to-file", stick.string()});
    REQUIRE_MESSAGE(resubmitted.status == 0, resubmitted.err);
    auto fourth = bureau(county, {"import", on_stick("junheng-" + a + "-4.jhu")});
    REQUIRE_MESSAGE(fourth.status == 0, fourth.err);
    auto diff = bureau(county, {"submissions", "--school", a, "--year", year, "--diff", "1", "2"});
    REQUIRE_MESSAGE(diff.status == 0, diff.err);
    CHECK(diff.out.find("building") != std::string::npos);
    CHECK(diff.out.find(" -> ") != std::string::npos);
    auto accepted = bureau(county, {"accept", "--school", a, "--year", year, "--by", "李审核"});
    REQUIRE_MESSAGE(accepted.status == 0, accepted.err);
    CHECK(accepted.out.find("version 2") != std::string::npos);
    REQUIRE(bureau(county, {"export-for", "--school", a, "--out", stick.string()}).status == 0);
    REQUIRE(school(dir, "a.db", {"sync", "--from-file", stick.string()}).status == 0);
    CHECK(school(dir, "a.db", {"status"}).out.find("v2: accepted by 李审核") != std::string::npos);
    CHECK_THROWS(edit(dir / "a.db", 1));   // accepted: the year stays locked

    // School B: its upload file at a bureau that never registered it, A's reply file on B.
    REQUIRE(school(dir, "b.db", {"demo", "--code", b, "--year", std::to_string(kYear)}).status == 0);
    REQUIRE(bureau(county, {"school", "add", "--code", b, "--name", "乙校", "--enrol-file", (dir / "b.jhe").string()}).status == 0);
    REQUIRE(school(dir, "b.db", {"enroll", "--from-file", (dir / "b.jhe").string()}).status == 0);
    REQUIRE(school(dir, "b.db", {"sync", "--to-file", (dir / "b1.jhu").string()}).status == 0);
    auto elsewhere = bureau(elsewhere_store, {"import", (dir / "b1.jhu").string()});
    CHECK(elsewhere.status == 1);
    CHECK(elsewhere.err.find("not registered") != std::string::npos);
    auto wrong = school(dir, "b.db", {"sync", "--from-file", on_stick("junheng-reply-" + a + "-2.jhr")});
    CHECK(wrong.status == 1);
    CHECK(wrong.err.find("is for school " + a) != std::string::npos);
}
