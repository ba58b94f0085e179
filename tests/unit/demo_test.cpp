// The demo school: valid, realistic in size and shape, deterministic, and linked.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "domain/demo.hpp"
#include "domain/fields.hpp"
#include "domain/validation.hpp"

using namespace jh::domain;

namespace {

const std::string kCode(kDemoSchoolCode);

int pupils(const SchoolData& d) {
    int sum = 0;
    for (const auto& g : d.grades) sum += g.pupils;
    return sum;
}

// Every field of every record, rendered: equal strings mean equal schools.
std::vector<std::string> flatten(const SchoolData& d) {
    std::vector<std::string> out;
    for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        for (const auto& record : records_of<R>(d)) {
            std::string row;
            for (const auto& f : Entity<R>::fields()) row += display(f, f.get(record)) + "|";
            out.push_back(std::move(row));
        }
    });
    return out;
}

std::map<Id, double> hours_by_person(const SchoolData& d) {
    std::map<Id, double> hours;
    for (const auto& t : d.training) hours[t.person_id] += t.hours;
    return hours;
}

}  // namespace

TEST_CASE("demo: the demo school passes validation without errors") {
    for (std::uint64_t seed : {kDemoSeed, std::uint64_t{1}, std::uint64_t{7}, std::uint64_t{42}}) {
        auto d = make_demo_school(kCode, 2025, seed);
        auto issues = validate(d);
        for (const auto& i : issues)
            if (i.severity == Severity::Error) FAIL_CHECK(i.message.en);
        CHECK_FALSE(has_errors(issues));
    }
}

TEST_CASE("demo: a rural nine-year school of about 900 pupils and 70 staff") {
    auto d = make_demo_school(kCode, 2025);
    CHECK(d.school.code == kCode);
    CHECK(d.school.type == SchoolType::NineYear);
    CHECK(d.school.location == Location::Rural);
    CHECK(pupils(d) >= 850);
    CHECK(pupils(d) <= 950);
    CHECK(d.staff.size() == 70);
    CHECK(d.grades.size() == 9);
    std::map<std::pair<Stage, int>, int> classes_per_grade;
    for (const auto& c : d.classes) ++classes_per_grade[{c.stage, c.grade}];
    for (const auto& [grade, count] : classes_per_grade) {
        CHECK(count >= 2);
        CHECK(count <= 3);
    }
    CHECK(d.equipment.size() >= 300);
    CHECK(d.funds.size() == 1);
    CHECK(d.cohorts.size() == 3);
}

TEST_CASE("demo: staff include backbone, PE/music/art teachers, counsellors and rotations") {
    auto d = make_demo_school(kCode, 2025);
    int full_time = 0, backbone = 0, arts = 0, counsellors = 0, rotated = 0;
    for (const auto& s : d.staff) {
        full_time += s.category == StaffCategory::FullTime;
        backbone += s.backbone != BackboneLevel::None;
        arts += s.pe || s.music || s.art;
        counsellors += s.counsellor != Counsellor::None;
        if (s.rotation != Rotation::None) {
            ++rotated;
            CHECK(s.rotation_eligible);
        }
    }
    CHECK(full_time >= 55);
    CHECK(backbone >= 10);
    CHECK(arts >= 8);
    CHECK(counsellors >= 2);
    CHECK(rotated == 3);
}

TEST_CASE("demo: five years of training per teacher, some short of 360 hours") {
    auto d = make_demo_school(kCode, 2025);
    std::set<int> years;
    for (const auto& t : d.training) years.insert(t.date.year);
    CHECK(*years.begin() <= 2021);
    CHECK(*years.rbegin() == 2025);
    auto hours = hours_by_person(d);
    int short_of_360 = 0;
    for (const auto& [person, total] : hours) short_of_360 += total < 360;
    CHECK(short_of_360 >= 1);
    CHECK(short_of_360 <= static_cast<int>(hours.size()) / 4);
    std::set<Id> roster;
    for (const auto& s : d.staff) roster.insert(s.person_id);
    for (const auto& [person, total] : hours) CHECK(roster.count(person) == 1);
}

TEST_CASE("demo: ids count from 1 per kind and persons link") {
    auto d = make_demo_school(kCode, 2025);
    for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        const auto& records = records_of<R>(d);
        for (std::size_t i = 0; i < records.size(); ++i) CHECK(records[i].id == static_cast<Id>(i + 1));
    });
    for (const auto& s : d.staff) CHECK(s.person_id == s.id);
}

TEST_CASE("demo: names use rare characters the terminal must render") {
    auto d = make_demo_school(kCode, 2025);
    std::string all;
    for (const auto& s : d.staff) all += s.name;
    int rare = 0;
    for (std::string_view c : {"罕", "琰", "喆", "燚", "堃", "昇", "玥"}) rare += all.find(c) != std::string::npos;
    CHECK(rare >= 4);
}

TEST_CASE("demo: the same seed gives the same school, another seed another") {
    CHECK(flatten(make_demo_school(kCode, 2025)) == flatten(make_demo_school(kCode, 2025)));
    CHECK(flatten(make_demo_school(kCode, 2025, 1)) != flatten(make_demo_school(kCode, 2025, 2)));
}

TEST_CASE("demo: records belong to the requested year") {
    auto d = make_demo_school(kCode, 2031);
    CHECK(d.year.year == 2031);
    CHECK(d.classes.front().year == 2031);
    CHECK(d.equipment.back().year == 2031);
    CHECK_FALSE(has_errors(validate(d)));
}
