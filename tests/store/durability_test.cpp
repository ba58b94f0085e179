// Durability: backups through the online backup API, exact restores that keep the replaced
// file, and corrupt files moved aside instead of deleted.
#include <doctest/doctest.h>

#include <algorithm>

#include "store_fixture.hpp"

using namespace jh;
using jh::test::TempDir;
namespace fs = std::filesystem;

namespace {

void fill(store::Store& s) {
    auto data = test::sample_data();
    data.staff[0].id = 7;
    data.staff[0].person_id = 7;
    s.import(data);
    s.save_draft("staff/7", "{\"name\":\"王\"}");
    s.set_setting("language", "zh");
}

// How many of `names` start with `prefix` (files moved aside carry a timestamp).
std::size_t count_prefixed(const std::vector<std::string>& names, const std::string& prefix) {
    return static_cast<std::size_t>(
        std::count_if(names.begin(), names.end(), [&](const auto& n) { return n.rfind(prefix, 0) == 0; }));
}

}  // namespace

TEST_CASE("a backup holds exactly the database and restores exactly") {
    TempDir dir;
    auto db = dir / "school.db";
    auto backup = dir / "backup.db";
    std::string original;
    {
        auto s = store::Store::open(db);
        fill(s);
        s.backup(backup);
        original = test::dump(db);
        CHECK(test::dump(backup) == original);
        CHECK_THROWS_AS(s.backup(backup), domain::Rejected);   // never overwrites
        // Changes after the backup…
        s.new_year(test::kYear, test::kYear + 1);
    }
    CHECK(test::dump(db) != original);
    CHECK(test::raw_query(backup, "PRAGMA journal_mode") == "delete\n");   // one self-contained file

    const auto stream_before = test::raw_query(db, "SELECT stream FROM sync_state");
    const auto kept = store::Store::restore(backup, db);
    // Exactly, but for the sync state: a restored database starts a new stream.
    CHECK(test::dump_except_sync_state(db) == test::dump_except_sync_state(backup));
    CHECK(test::dump_except_sync_state(db) != test::dump(db));
    CHECK(test::raw_query(db, "SELECT stream FROM sync_state") != stream_before);
    CHECK(test::raw_query(db, "SELECT stream FROM sync_state") != test::raw_query(backup, "SELECT stream FROM sync_state"));
    // …are not lost: the replaced database is kept beside it.
    REQUIRE(kept);
    CHECK(kept->filename().string().rfind("school.db.before-restore-", 0) == 0);
    CHECK(count_prefixed(dir.files(), "school.db.before-restore-") == 1);
    CHECK(test::raw_query(*kept, "SELECT count(*) FROM school_year") == "2\n");

    auto s = store::Store::open(db);
    CHECK(s.verify_audit().intact);
    CHECK(s.latest_year() == test::kYear);
    CHECK(s.draft("staff/7") == "{\"name\":\"王\"}");
}

TEST_CASE("restoring into a new path creates the database") {
    TempDir dir;
    auto backup = dir / "backup.db";
    {
        auto s = store::Store::open(dir / "school.db");
        fill(s);
        s.backup(backup);
    }
    CHECK_FALSE(store::Store::restore(backup, dir / "elsewhere" / "new.db"));
    CHECK(test::dump_except_sync_state(dir / "elsewhere" / "new.db") == test::dump_except_sync_state(backup));
}

TEST_CASE("a damaged, foreign or newer backup is refused and the target left alone") {
    TempDir dir;
    auto db = dir / "school.db";
    {
        auto s = store::Store::open(db);
        fill(s);
    }
    const auto before = test::dump(db);

    test::write_file(dir / "text.db", "this is a spreadsheet, not a database");
    CHECK_THROWS_AS(store::Store::restore(dir / "text.db", db), domain::Rejected);
    test::raw_exec(dir / "foreign.db", "CREATE TABLE t (x)");
    CHECK_THROWS_AS(store::Store::restore(dir / "foreign.db", db), domain::Rejected);
    fs::copy_file(db, dir / "newer.db");
    test::raw_exec(dir / "newer.db", "PRAGMA user_version = 99");
    CHECK_THROWS_AS(store::Store::restore(dir / "newer.db", db), domain::Rejected);
    CHECK_THROWS_AS(store::Store::restore(dir / "missing.db", db), domain::Rejected);

    CHECK(test::dump(db) == before);
    CHECK(count_prefixed(dir.files(), "school.db.before-restore-") == 0);
}

TEST_CASE("a file that is not a database is moved aside, never deleted") {
    TempDir dir;
    auto db = dir / "school.db";
    const std::string bytes = "Microsoft Excel worksheet, not SQLite. 这不是数据库。" + std::string(4096, 'x');
    test::write_file(db, bytes);
    try {
        store::Store::open(db);
        FAIL("opened a file that is not a database");
    } catch (const domain::Rejected& e) {
        CHECK(std::string(e.what()).find("corrupt") != std::string::npos);
        CHECK(std::string(e.what()).find("school.db.corrupt-") != std::string::npos);
        CHECK(e.message().zh.find("已损坏") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(db));
    const auto names = dir.files();
    REQUIRE(names.size() == 1);
    CHECK(names[0].rfind("school.db.corrupt-", 0) == 0);
    std::ifstream in(dir / names[0], std::ios::binary);
    CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == bytes);

    // The path is free again: a new database can be created there.
    auto s = store::Store::open(db);
    CHECK_FALSE(s.school());
}

TEST_CASE("a database with damaged pages is moved aside") {
    TempDir dir;
    auto db = dir / "school.db";
    {
        auto s = store::Store::open(db);
        fill(s);
        for (int i = 0; i < 200; ++i) s.save_draft("draft/" + std::to_string(i), std::string(500, 'd'));
    }
    // Scribble over the middle of the file, past the header page.
    const auto size = fs::file_size(db);
    REQUIRE(size > 8 * 4096);
    {
        std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(4096 * 3));
        const std::string junk(4096 * 4, '\xA5');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    CHECK_THROWS_AS(store::Store::open(db), domain::Rejected);
    CHECK_FALSE(fs::exists(db));
    CHECK(count_prefixed(dir.files(), "school.db.corrupt-") == 1);
}

TEST_CASE("drafts and settings survive reopening") {
    TempDir dir;
    auto db = dir / "school.db";
    {
        auto s = store::Store::open(db);
        s.save_draft("building/new", "教学楼");
        s.save_draft("building/new", "教学楼二");
        s.save_draft("room/3", "x");
        s.clear_draft("room/3");
        s.set_setting("year", "2025");
    }
    auto s = store::Store::open(db);
    CHECK(s.draft("building/new") == "教学楼二");
    CHECK_FALSE(s.draft("room/3"));
    CHECK(s.setting("year") == "2025");
    CHECK_FALSE(s.setting("missing"));
    CHECK(s.changes_since(0).empty());   // UI state is not audited
}
