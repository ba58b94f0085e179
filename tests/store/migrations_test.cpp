// Migrations: a fresh database, upgrading the frozen version-1 schema, refusing a newer file,
// and the schema agreeing with the field descriptors it is built from.
#include <doctest/doctest.h>

#include "domain/fields.hpp"
#include "store/schema.hpp"
#include "store_fixture.hpp"

using namespace jh;
using jh::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string schema_of(const fs::path& path) {
    return test::raw_query(path, "PRAGMA user_version") +
           test::raw_query(path, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

template <class R> std::string descriptor_columns() {
    std::string out = "id\n";
    for (const auto& f : domain::Entity<R>::fields())
        if (f.key != "id") out += std::string(f.key) + "\n";
    return out;
}

template <class R> std::string stored_columns(const fs::path& db) {
    return test::raw_query(db, "SELECT name FROM pragma_table_info('" + std::string(domain::Entity<R>::table) + "')");
}

}  // namespace

TEST_CASE("a fresh database gets every migration and WAL mode") {
    TempDir dir;
    auto db = dir / "school.db";
    {
        auto s = store::Store::open(db);
        CHECK(s.schema_version() == store::Store::latest_schema_version());
        CHECK(store::Store::latest_schema_version() == static_cast<int>(store::schema::embedded_files().size()));
    }
    CHECK(test::raw_query(db, "PRAGMA journal_mode") == "wal\n");
    CHECK(test::raw_query(db, "PRAGMA user_version") == std::to_string(store::Store::latest_schema_version()) + "\n");
}

TEST_CASE("every table's columns are exactly the field descriptors' keys") {
    TempDir dir;
    auto db = dir / "school.db";
    store::Store::open(db);
    CHECK(stored_columns<domain::School>(db) == descriptor_columns<domain::School>());
    CHECK(stored_columns<domain::SchoolYear>(db) == descriptor_columns<domain::SchoolYear>());
    CHECK(stored_columns<domain::Operator>(db) == descriptor_columns<domain::Operator>());
    domain::for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        INFO(domain::Entity<R>::table);
        CHECK(stored_columns<R>(db) == descriptor_columns<R>());
    });
}

TEST_CASE("every enum code the descriptors know is allowed by the table's CHECK constraint") {
    TempDir dir;
    auto db = dir / "school.db";
    store::Store::open(db);
    auto check_kind = [&](auto tag) {
        using R = decltype(tag);
        const auto sql = test::raw_query(db, "SELECT sql FROM sqlite_master WHERE name = '" +
                                                 std::string(domain::Entity<R>::table) + "'");
        for (const auto& f : domain::Entity<R>::fields())
            for (const auto& label : f.enum_labels) {
                INFO(domain::Entity<R>::table, ".", f.key, " = ", label.code);
                CHECK(sql.find("'" + std::string(label.code) + "'") != std::string::npos);
            }
    };
    check_kind(domain::School{});
    check_kind(domain::SchoolYear{});
    check_kind(domain::Operator{});
    domain::for_each_year_entity(check_kind);
}

TEST_CASE("the frozen version-1 schema migrated to the latest equals a fresh database") {
    TempDir dir;
    auto old_db = dir / "v1.db";
    auto fresh_db = dir / "fresh.db";
    test::raw_exec(old_db, read_text(fs::path(JUNHENG_TEST_DATA) / "schema_v1.sql") + "; PRAGMA user_version = 1;");
    store::Store::open(old_db);
    store::Store::open(fresh_db);
    CHECK(schema_of(old_db) == schema_of(fresh_db));
    CHECK(test::raw_query(old_db, "PRAGMA user_version") == std::to_string(store::Store::latest_schema_version()) + "\n");
}

TEST_CASE("a version-1 database keeps its data through the migration") {
    TempDir dir;
    auto db = dir / "v1.db";
    test::raw_exec(db, read_text(fs::path(JUNHENG_TEST_DATA) / "schema_v1.sql") +
                           "; PRAGMA user_version = 1;"
                           "INSERT INTO school VALUES (1, '3101010001', '老学校', '310101', 'primary', 'rural',"
                           " 'public', 0, NULL, NULL);");
    auto s = store::Store::open(db);
    REQUIRE(s.school());
    CHECK(s.school()->name == "老学校");
    s.set_setting("language", "zh");   // a version-2 table works
    CHECK(s.setting("language") == "zh");
}

TEST_CASE("a database written by a newer Junheng is refused and left untouched") {
    TempDir dir;
    auto db = dir / "school.db";
    store::Store::open(db);
    const int newer = store::Store::latest_schema_version() + 1;
    test::raw_exec(db, "PRAGMA user_version = " + std::to_string(newer));
    const auto before = test::dump(db);
    try {
        store::Store::open(db);
        FAIL("a newer database was opened");
    } catch (const domain::Rejected& e) {
        CHECK(std::string(e.what()).find("newer version") != std::string::npos);
        CHECK(e.message().zh.find("更新版本") != std::string::npos);
    }
    CHECK(test::dump(db) == before);
    for (const auto& name : dir.files()) CHECK(name.rfind("school.db", 0) == 0);   // nothing moved aside
}

TEST_CASE("opening a missing database without permission to create it is refused") {
    TempDir dir;
    CHECK_THROWS_AS(store::Store::open(dir / "none.db", store::OpenMode::MustExist), domain::Rejected);
    CHECK_FALSE(fs::exists(dir / "none.db"));
}

TEST_CASE("another program's SQLite database is refused, not migrated into") {
    TempDir dir;
    auto db = dir / "other.db";
    test::raw_exec(db, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance REAL); INSERT INTO accounts VALUES (1, 9.5);");
    const auto before = test::dump(db);
    try {
        store::Store::open(db);
        FAIL("opened another program's database");
    } catch (const domain::Rejected& e) {
        CHECK(std::string(e.what()).find("not a Junheng school database") != std::string::npos);
    }
    CHECK(test::dump(db) == before);
    CHECK(dir.files() == std::vector<std::string>{"other.db"});
}
