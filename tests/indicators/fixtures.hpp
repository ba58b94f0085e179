// Small school years built in code for the indicator tests: every figure a test checks is
// visible here or in the test itself.
#pragma once
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "indicators/pack.hpp"
#include "indicators/resources.hpp"
#include "indicators/school.hpp"

namespace fixtures {

using namespace jh::domain;

inline Staff teacher(Id id, Stage stage, Education education = Education::Bachelor) {
    Staff s;
    s.id = s.person_id = id;
    s.name = "教师" + std::to_string(id);
    s.stage = stage;
    s.education = education;
    s.certified = true;
    return s;
}

inline ClassGroup klass(Stage stage, int grade, int number, int pupils) {
    ClassGroup c;
    c.stage = stage;
    c.grade = grade;
    c.number = number;
    c.pupils = pupils;
    return c;
}

inline GradeRoll roll(Stage stage, int grade, int pupils) {
    GradeRoll g;
    g.stage = stage;
    g.grade = grade;
    g.pupils = pupils;
    return g;
}

inline Building building(std::string name, double area, BuildingUse use = BuildingUse::Classroom, std::optional<Stage> stage = {}) {
    Building b;
    b.name = std::move(name);
    b.area = area;
    b.use = use;
    b.stage = stage;
    return b;
}

inline Ground ground(double area, GroundKind kind = GroundKind::Outdoor, bool owned = true) {
    Ground g;
    g.area = area;
    g.kind = kind;
    g.owned = owned;
    return g;
}

inline Equipment equipment(double book_value, EquipmentCategory category = EquipmentCategory::Instrument, std::optional<Date> disposed = {}) {
    Equipment e;
    e.book_value = book_value;
    e.category = category;
    e.disposed = disposed;
    return e;
}

inline Room room(RoomKind kind, std::string name = "", double area = 60) {
    Room r;
    r.kind = kind;
    r.name = std::move(name);
    r.area = area;
    return r;
}

inline Training training(Id person, Date date, double hours) {
    Training t;
    t.person_id = person;
    t.date = date;
    t.hours = hours;
    return t;
}

inline Cohort cohort(Stage stage, int entry_year, int intake, int current, int in = 0, int out = 0) {
    Cohort c;
    c.stage = stage;
    c.entry_year = entry_year;
    c.intake = intake;
    c.current = current;
    c.transferred_in = in;
    c.transferred_out = out;
    return c;
}

inline Funds funds(int year, double public_budget, double training_spending, std::optional<int> funded_pupils = {}) {
    Funds f;
    f.year = year;
    f.public_budget = public_budget;
    f.training_spending = training_spending;
    f.funded_pupils = funded_pupils;
    return f;
}

// A school of `type` in `year` with the given pupils per stage (one grade roll each).
inline SchoolData school(SchoolType type, int year, int primary_pupils, int junior_pupils = 0) {
    SchoolData d;
    d.school.code = "3201000001";
    d.school.name = "测试学校";
    d.school.type = type;
    d.school.location = Location::Urban;
    d.year.year = year;
    if (primary_pupils) d.grades.push_back(roll(Stage::Primary, 1, primary_pupils));
    if (junior_pupils) d.grades.push_back(roll(Stage::Junior, 1, junior_pupils));
    return d;
}

// The item with this id among a result's items (a copy: results are often temporaries).
inline jh::indicators::ItemResult find_item(const std::vector<jh::indicators::ItemResult>& items, const std::string& id) {
    auto it = std::find_if(items.begin(), items.end(), [&](const jh::indicators::ItemResult& i) { return i.id == id; });
    REQUIRE_MESSAGE(it != items.end(), "no item " << id);
    return *it;
}

// A part whose 7 indicators sit exactly at the national primary thresholds (1000 pupils).
inline jh::indicators::PartQuantities primary_at_thresholds(std::string code = "A") {
    return {code, "学校" + code, Stage::Primary, 1000, {42, 10, 9, 4500, 7500, 2'000'000, 23}};
}

}  // namespace fixtures
