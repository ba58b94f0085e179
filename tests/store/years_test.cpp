// School years: carrying forward into a new year, re-confirmation, submission and the
// read-only rule for submitted years.
#include <doctest/doctest.h>

#include "domain/fields.hpp"
#include "store_fixture.hpp"

using namespace jh;
using jh::test::json_of;
using jh::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A store holding the sample year 2025 in full (imported), training included.
store::Store make_full_store(const fs::path& db) {
    auto s = store::Store::open(db);
    auto data = test::sample_data();
    data.staff[0].id = 41;
    data.staff[0].person_id = 41;
    data.training = {domain::Training{0, 41, domain::Date{2024, 5, 1}, 12, domain::OrganiserLevel::City, "课堂观察"}};
    s.import(data);
    return s;
}

}  // namespace

TEST_CASE("a new year carries forward what persists and asks to re-confirm pupils") {
    TempDir dir;
    auto s = make_full_store(dir / "school.db");
    const auto before_seq = s.changes_since(0, 100000).back().seq;
    s.new_year(2025, 2026);

    const auto old_year = s.load(2025);
    const auto year = s.load(2026);
    CHECK(year.year.status == domain::YearStatus::Draft);
    CHECK_FALSE(year.year.pupils_confirmed);
    REQUIRE(year.staff.size() == 1);
    CHECK(year.staff[0].person_id == old_year.staff[0].person_id);
    CHECK(year.staff[0].id != old_year.staff[0].id);
    CHECK(year.staff[0].name == "王秀英");
    CHECK(year.staff[0].rotation == domain::Rotation::None);   // rotation is per year
    CHECK(old_year.staff[0].rotation == domain::Rotation::Out);
    CHECK(year.training.size() == 1);                          // follows the person
    CHECK(year.buildings.size() == 1);
    CHECK(year.rooms.size() == 1);
    CHECK(year.grounds.size() == 1);
    REQUIRE(year.equipment.size() == 1);                      // the disposed projector stays behind
    CHECK(year.equipment[0].name == "显微镜");
    CHECK(year.classes.size() == 2);
    CHECK(year.grades.size() == 1);
    CHECK(year.cohorts.size() == 1);
    CHECK(year.funds.empty());
    for (const auto& b : year.buildings) CHECK(b.year == 2026);

    // The carried records are audited as inserts into the new year.
    const auto feed = s.changes_since(before_seq, 1000);
    CHECK(feed.size() == 1 + 2 + 1 + 1 + 1 + 1 + 1 + 1 + 1);   // year, classes, grade, cohort, staff, building, room, ground, equipment
    CHECK(feed.front().table == "school_year");
    for (const auto& e : feed) CHECK(e.action == "insert");
    CHECK(s.verify_audit().intact);

    s.confirm_pupils(2026);
    CHECK(s.load(2026).year.pupils_confirmed);
    CHECK(s.latest_year() == 2026);
}

TEST_CASE("a new year is refused when it exists, is not later, or its source is missing") {
    TempDir dir;
    auto db = dir / "school.db";
    auto s = make_full_store(db);
    s.new_year(2025, 2026);
    const auto before = test::dump(db);
    CHECK_THROWS_AS(s.new_year(2025, 2026), domain::Rejected);
    CHECK_THROWS_AS(s.new_year(2025, 2024), domain::Rejected);
    CHECK_THROWS_AS(s.new_year(2019, 2027), domain::Rejected);
    CHECK(test::dump(db) == before);
}

TEST_CASE("a submitted year is read-only") {
    TempDir dir;
    auto db = dir / "school.db";
    auto s = make_full_store(db);
    test::submit(s, 2025);
    auto year = s.load(2025).year;
    CHECK(year.status == domain::YearStatus::Submitted);
    REQUIRE(year.submitted_at);
    CHECK(year.submitted_at->back() == 'Z');

    const auto before = test::dump(db);
    auto building = s.load(2025).buildings[0];
    try {
        building.area = 2500;
        s.update(building);
        FAIL("updated a submitted year");
    } catch (const domain::Rejected& e) {
        CHECK(std::string(e.what()).find("submitted and is read-only") != std::string::npos);
        CHECK(e.message().zh.find("已经上报") != std::string::npos);
    }
    CHECK_THROWS_AS(s.remove<domain::Building>(building.id), domain::Rejected);
    CHECK_THROWS_AS(s.insert(test::sample_data().rooms[0]), domain::Rejected);
    CHECK_THROWS_AS(s.confirm_pupils(2025), domain::Rejected);
    CHECK_THROWS_AS(test::submit(s, 2025), domain::Rejected);
    CHECK_THROWS_AS(s.import(test::sample_data()), domain::Rejected);
    CHECK(test::dump(db) == before);

    // The next year starts from it and is writable.
    s.new_year(2025, 2026);
    building = s.load(2026).buildings[0];
    building.area = 2500;
    s.update(building);
    CHECK(s.get<domain::Building>(building.id)->area == 2500);
}

TEST_CASE("a year whose pupils are not re-confirmed cannot be submitted") {
    TempDir dir;
    auto s = make_full_store(dir / "school.db");
    s.new_year(2025, 2026);
    CHECK_THROWS_AS(test::submit(s, 2026), domain::Rejected);
    s.confirm_pupils(2026);
    test::submit(s, 2026);
    CHECK(s.years().back().status == domain::YearStatus::Submitted);
}

TEST_CASE("an import writes a whole year keeping its ids, and updates by id on re-import") {
    TempDir dir;
    auto db = dir / "school.db";
    auto data = test::sample_data();
    domain::Id next = 100;
    domain::for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        for (auto& r : domain::records_of<R>(data)) r.id = next++;
    });
    data.staff[0].person_id = data.staff[0].id;
    auto s = store::Store::open(db);
    s.import(data);
    auto loaded = s.load(test::kYear);
    CHECK(json_of(loaded.equipment[1]) == json_of(data.equipment[1]));
    CHECK(json_of(loaded.staff[0]) == json_of(data.staff[0]));
    CHECK(loaded.year.pupils_confirmed);

    const auto seq = s.changes_since(0, 100000).back().seq;
    s.import(data);   // the same again: nothing changes, nothing is logged
    CHECK(s.changes_since(seq).empty());

    data.rooms[0].area = 100;
    s.import(data);
    auto feed = s.changes_since(seq);
    REQUIRE(feed.size() == 1);
    CHECK(feed[0].action == "update");
    CHECK(feed[0].record_id == data.rooms[0].id);
}

TEST_CASE("a rejected import changes nothing") {
    TempDir dir;
    auto db = dir / "school.db";
    auto s = make_full_store(db);
    const auto before = test::dump(db);

    auto invalid = test::sample_data();
    invalid.classes[1].pupils = 500;                    // validation error
    CHECK_THROWS_AS(s.import(invalid), domain::Rejected);

    auto other_school = test::sample_data();
    other_school.school.code = "4401010002";
    CHECK_THROWS_AS(s.import(other_school), domain::Rejected);

    auto duplicate = test::sample_data();               // passes validation, breaks a UNIQUE
    duplicate.funds.push_back(duplicate.funds[0]);
    duplicate.funds[1].id = 0;
    CHECK_THROWS_AS(s.import(duplicate), domain::Rejected);
    CHECK(test::dump(db) == before);
}

TEST_CASE("Q3's answers belong to the year: audited, carried into a new year, read-only once submitted") {
    TempDir dir;
    auto s = make_full_store(dir / "school.db");
    CHECK_FALSE(s.load(2025).year.charter);   // not reported: Q3 has no data
    const auto before_seq = s.changes_since(0, 100000).back().seq;
    s.set_year_facts(2025, true, false);
    const auto year = s.load(2025).year;
    CHECK(year.charter == true);
    CHECK(year.digitised == false);
    const auto changes = s.changes_since(before_seq);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].table == "school_year");
    CHECK(changes[0].new_json.find("\"charter\"") != std::string::npos);
    s.set_year_facts(2025, true, false);   // unchanged: no audit entry
    CHECK(s.changes_since(before_seq).size() == 1);

    s.new_year(2025, 2026);
    CHECK(s.load(2026).year.charter == true);
    CHECK(s.load(2026).year.digitised == false);
    test::submit(s, 2025);
    CHECK_THROWS_AS(s.set_year_facts(2025, false, false), domain::Rejected);
    CHECK(s.load(2025).year.charter == true);
}
