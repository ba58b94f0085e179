// `junheng demo`: creates the demo school in an empty database, and only there.
#include <doctest/doctest.h>

#include <algorithm>

#include "cli/run.hpp"
#include "domain/demo.hpp"
#include "domain/validation.hpp"
#include "store/store.hpp"

using jh::test::junheng;
using jh::test::ScratchDir;

TEST_CASE("demo creates the demo school and prints a summary") {
    ScratchDir dir;
    const auto db = (dir / "school.db").string();
    auto r = junheng(dir, {"--db", db, "demo", "--code", "3360726009", "--year", "2025"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("3360726009") != std::string::npos);
    CHECK(r.out.find("school year 2025") != std::string::npos);
    CHECK(r.out.find("70 staff") != std::string::npos);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);

    auto store = jh::store::Store::open(db, jh::store::OpenMode::MustExist);
    REQUIRE(store.school());
    CHECK(store.school()->code == "3360726009");
    const auto stored = store.load(2025);
    const auto expected = jh::domain::make_demo_school("3360726009", 2025);
    CHECK(stored.staff.size() == expected.staff.size());
    CHECK(stored.training.size() == expected.training.size());
    CHECK(stored.equipment.size() == expected.equipment.size());
    CHECK(stored.classes.size() == expected.classes.size());
    CHECK_FALSE(jh::domain::has_errors(jh::domain::validate(stored)));
}

TEST_CASE("demo refuses a database that already holds a school") {
    ScratchDir dir;
    const auto db = (dir / "school.db").string();
    REQUIRE(junheng(dir, {"--db", db, "demo", "--year", "2025"}).status == 0);
    auto again = junheng(dir, {"--db", db, "demo", "--code", "3360726002", "--year", "2025"});
    CHECK(again.status == 1);
    CHECK(again.err.find("already holds school 3360726001") != std::string::npos);
    CHECK(jh::store::Store::open(db).school()->code == "3360726001");
}

TEST_CASE("demo rejects a malformed school code and creates no database") {
    ScratchDir dir;
    const auto db = dir / "school.db";
    auto r = junheng(dir, {"--db", db.string(), "demo", "--code", "12345", "--year", "2025"});
    CHECK(r.status == 1);
    CHECK(r.err.find("must be 10 digits") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("demo reports usage errors with status 2") {
    ScratchDir dir;
    const auto db = (dir / "school.db").string();
    CHECK(junheng(dir, {"--db", db, "demo", "--year", "twenty"}).status == 2);
    CHECK(junheng(dir, {"--db", db, "demo", "--colour", "red"}).status == 2);
    auto help = junheng(dir, {"demo", "--help"});
    CHECK(help.status == 0);
    CHECK(help.out.find("Usage: junheng [--db PATH] demo") == 0);
}
