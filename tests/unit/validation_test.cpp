// Every validation rule, each from both sides: a valid record passes, the broken one is
// flagged on the right field with a message in both languages.
#include <doctest/doctest.h>

#include <algorithm>

#include "domain/regions.hpp"
#include "domain/validation.hpp"

using namespace jh::domain;

namespace {

constexpr int kYear = 2025;

School nine_year_school() {
    School s;
    s.code = "3101120001";
    s.name = "测试九年一贯制学校";
    s.county_code = "310112";
    s.type = SchoolType::NineYear;
    return s;
}

std::vector<Issue> with_severity(const std::vector<Issue>& issues, Severity severity, std::string_view field) {
    std::vector<Issue> out;
    std::copy_if(issues.begin(), issues.end(), std::back_inserter(out),
                 [&](const Issue& i) { return i.severity == severity && i.field == field; });
    return out;
}
bool error_on(const std::vector<Issue>& issues, std::string_view field) {
    return !with_severity(issues, Severity::Error, field).empty();
}
bool warning_on(const std::vector<Issue>& issues, std::string_view field) {
    return !with_severity(issues, Severity::Warning, field).empty();
}

// Checks `record` passes, then that `spoil` makes it fail on `field`.
template <class R, class F> void flips(R record, std::string_view field, F spoil, const School& school = nine_year_school()) {
    CHECK_MESSAGE(validate(record, school).empty(), "valid record flagged: ", field);
    spoil(record);
    CHECK_MESSAGE(error_on(validate(record, school), field), "broken record not flagged on ", field);
}

ClassGroup a_class() { return ClassGroup{0, kYear, Stage::Primary, 3, 2, 42}; }
GradeRoll a_roll() { return GradeRoll{0, kYear, Stage::Primary, 3, 84, 10, 12, 1, 0}; }
Cohort a_cohort() { return Cohort{0, kYear, Stage::Junior, kYear - 2, 100, 3, 4, 97}; }

Staff a_teacher() {
    Staff s;
    s.year = kYear;
    s.person_id = 1;
    s.name = "张三";
    s.birth_year = 1985;
    s.stage = Stage::Primary;
    s.subject = "语文";
    s.certified = true;
    return s;
}

Training a_training() { return Training{0, 1, Date{2024, 10, 12}, 24, OrganiserLevel::County, "新课标解读"}; }
Building a_building() { return Building{0, kYear, "教学楼", BuildingUse::Classroom, 3200, SafetyGrade::A, 2008, {}}; }
Room a_room() { return Room{0, kYear, RoomKind::Music, "音乐教室一", 98, Stage::Primary}; }
Ground a_ground() { return Ground{0, kYear, "田径场", GroundKind::Outdoor, 9600, true, {}}; }

Equipment an_instrument() {
    Equipment e;
    e.year = kYear;
    e.name = "学生显微镜";
    e.quantity = 30;
    e.unit_value = 680;
    e.book_value = 20400;
    e.acquired = Date{2021, 9, 1};
    return e;
}

Funds some_funds() { return Funds{0, kYear, 900000, 60000, std::nullopt, 900}; }

SchoolData a_school_year() {
    SchoolData d;
    d.school = nine_year_school();
    d.year.year = kYear;
    d.classes = {ClassGroup{0, kYear, Stage::Primary, 3, 1, 42}, ClassGroup{0, kYear, Stage::Primary, 3, 2, 42}};
    d.grades = {a_roll()};
    d.cohorts = {a_cohort()};
    d.staff = {a_teacher()};
    d.training = {a_training()};
    d.buildings = {a_building()};
    d.rooms = {a_room()};
    d.grounds = {a_ground()};
    d.equipment = {an_instrument()};
    d.funds = {some_funds()};
    return d;
}

}  // namespace

TEST_CASE("validation: the school code has 10 digits and the county code 6") {
    School s = nine_year_school();
    CHECK(validate(s).empty());
    s.code = "31011200A1";
    CHECK(error_on(validate(s), "code"));
    s.code = "310112000";
    CHECK(error_on(validate(s), "code"));
    s = nine_year_school();
    s.county_code = "3101120";
    CHECK(error_on(validate(s), "county_code"));
}

TEST_CASE("validation: a county code starts with a province's code, which is echoed by name") {
    School s = nine_year_school();
    s.county_code = "990112";
    CHECK(error_on(validate(s), "county_code"));
    REQUIRE(province_of("310112"));
    CHECK(province_of("310112")->zh == "上海市");
    CHECK(province_of("360726")->zh == "江西省");
    CHECK(province_of("650102")->en == "Xinjiang");
    CHECK_FALSE(province_of("990112"));
    CHECK_FALSE(province_of("3"));
}

TEST_CASE("validation: a teaching point names its central school") {
    School s = nine_year_school();
    s.type = SchoolType::TeachingPoint;
    CHECK(error_on(validate(s), "central_school_code"));
    s.central_school_code = "3101120002";
    CHECK(validate(s).empty());
}

TEST_CASE("validation: the bureau address is a web address") {
    School s = nine_year_school();
    for (const char* good : {"https://jyj.example.gov.cn", "http://10.0.0.5:8080/sync", "https://a.cn/"}) {
        s.bureau_url = good;
        CHECK_MESSAGE(validate(s).empty(), good);
    }
    for (const char* bad : {"jyj.example.gov.cn", "https://", "ftp://a.cn", "https://a b.cn", "教育局"}) {
        s.bureau_url = bad;
        CHECK_MESSAGE(error_on(validate(s), "bureau_url"), bad);
    }
}

TEST_CASE("validation: the school name is required") {
    School s = nine_year_school();
    s.name = "  ";
    CHECK(error_on(validate(s), "name"));
}

TEST_CASE("validation: a teaching point's central school code has 10 digits and is another school") {
    School s = nine_year_school();
    s.type = SchoolType::TeachingPoint;
    s.central_school_code = "3101120002";
    CHECK(validate(s).empty());
    s.central_school_code = "31011";
    CHECK(error_on(validate(s), "central_school_code"));
    s.central_school_code = s.code;
    CHECK(error_on(validate(s), "central_school_code"));
}

TEST_CASE("validation: class size is 1–120") {
    flips(a_class(), "pupils", [](ClassGroup& c) { c.pupils = 121; });
    flips(a_class(), "pupils", [](ClassGroup& c) { c.pupils = 0; });
    ClassGroup c = a_class();
    c.pupils = 120;
    CHECK(validate(c, nine_year_school()).empty());
}

TEST_CASE("validation: a grade lies within its stage") {
    flips(a_class(), "grade", [](ClassGroup& c) { c.grade = 7; });
    flips(a_roll(), "grade", [](GradeRoll& g) { g.stage = Stage::Junior; g.grade = 4; });
    ClassGroup c = a_class();
    c.grade = 6;
    CHECK(validate(c, nine_year_school()).empty());
}

TEST_CASE("validation: a class number is positive") {
    flips(a_class(), "number", [](ClassGroup& c) { c.number = 0; });
}

TEST_CASE("validation: a record's stage fits the school type") {
    flips(a_class(), "stage", [](ClassGroup& c) { c.stage = Stage::Senior; c.grade = 1; });
    flips(a_teacher(), "stage", [](Staff& s) { s.stage = Stage::Senior; });
    flips(a_room(), "stage", [](Room& r) { r.stage = Stage::Senior; });
    School primary = nine_year_school();
    primary.type = SchoolType::Primary;
    flips(a_roll(), "stage", [](GradeRoll& g) { g.stage = Stage::Junior; g.grade = 1; }, primary);
}

TEST_CASE("validation: counts are never negative and special groups fit in the grade") {
    flips(a_roll(), "pupils", [](GradeRoll& g) { g.pupils = -1; });
    flips(a_roll(), "migrant", [](GradeRoll& g) { g.migrant = -2; });
    flips(a_roll(), "left_behind", [](GradeRoll& g) { g.left_behind = 85; });
    flips(a_roll(), "disabled_in_regular", [](GradeRoll& g) { g.disabled_in_regular = -1; });
    flips(a_cohort(), "intake", [](Cohort& c) { c.intake = -1; });
    GradeRoll g = a_roll();
    g.pupils = -1;
    auto issues = validate(g, nine_year_school());
    REQUIRE(error_on(issues, "pupils"));
    CHECK(with_severity(issues, Severity::Error, "pupils")[0].message.en.find("is negative") != std::string::npos);
}

TEST_CASE("validation: a cohort's current pupils and transfers fit its intake") {
    flips(a_cohort(), "current", [](Cohort& c) { c.current = c.intake + c.transferred_in + 1; });
    flips(a_cohort(), "transferred_out", [](Cohort& c) { c.transferred_out = c.intake + c.transferred_in + 1; });
    Cohort c = a_cohort();
    c.current = c.intake + c.transferred_in;
    CHECK(validate(c, nine_year_school()).empty());
}

TEST_CASE("validation: a cohort entered within its stage's span") {
    flips(a_cohort(), "entry_year", [](Cohort& c) { c.entry_year = kYear + 1; });
    flips(a_cohort(), "entry_year", [](Cohort& c) { c.entry_year = kYear - 4; });
}

TEST_CASE("validation: a staff member's name is required") {
    flips(a_teacher(), "name", [](Staff& s) { s.name.clear(); });
}

TEST_CASE("validation: birth year is plausible, with a message naming record and field") {
    flips(a_teacher(), "birth_year", [](Staff& s) { s.birth_year = kYear - 15; });
    Staff s = a_teacher();
    s.birth_year = 1890;
    auto issues = validate(s, nine_year_school());
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].entity == "staff");
    CHECK(issues[0].message.zh == "教职工“张三”：出生年份 1890 不在 1940–2009 之间");
    CHECK(issues[0].message.en == "staff '张三': birth year 1890 outside 1940–2009");
}

TEST_CASE("validation: a full-time teacher has a stage and a subject") {
    flips(a_teacher(), "stage", [](Staff& s) { s.stage.reset(); });
    flips(a_teacher(), "subject", [](Staff& s) { s.subject.clear(); });
    Staff worker = a_teacher();
    worker.category = StaffCategory::Worker;
    worker.stage.reset();
    worker.subject.clear();
    CHECK(validate(worker, nine_year_school()).empty());
}

TEST_CASE("validation: a backbone level and its year go together") {
    Staff s = a_teacher();
    s.backbone = BackboneLevel::County;
    s.backbone_year = 2022;
    flips(s, "backbone_year", [](Staff& t) { t.backbone_year.reset(); });
    flips(s, "backbone", [](Staff& t) { t.backbone = BackboneLevel::None; });
    flips(s, "backbone_year", [](Staff& t) { t.backbone_year = kYear + 2; });
}

TEST_CASE("validation: only rotation-eligible teachers are rotated") {
    Staff s = a_teacher();
    s.rotation_eligible = true;
    s.rotation = Rotation::Out;
    flips(s, "rotation", [](Staff& t) { t.rotation_eligible = false; });
}

TEST_CASE("validation: training hours are more than 0 and at most 200") {
    flips(a_training(), "hours", [](Training& t) { t.hours = 0; });
    flips(a_training(), "hours", [](Training& t) { t.hours = 200.5; });
    Training t = a_training();
    t.hours = 200;
    CHECK(validate(t, nine_year_school()).empty());
}

TEST_CASE("validation: a training has a topic, a person and a real date") {
    flips(a_training(), "topic", [](Training& t) { t.topic.clear(); });
    flips(a_training(), "person_id", [](Training& t) { t.person_id = 0; });
    flips(a_training(), "date", [](Training& t) { t.date = Date{2023, 2, 29}; });
    flips(a_training(), "date", [](Training& t) { t.date = Date{1975, 5, 1}; });
}

TEST_CASE("validation: building areas are positive and at most 200,000 m²") {
    flips(a_building(), "area", [](Building& b) { b.area = 200001; });
    flips(a_building(), "area", [](Building& b) { b.area = -5; });
    flips(a_building(), "name", [](Building& b) { b.name.clear(); });
}

TEST_CASE("validation: a building was built by the school year") {
    flips(a_building(), "built_year", [](Building& b) { b.built_year = kYear + 2; });
    flips(a_building(), "built_year", [](Building& b) { b.built_year = 1850; });
}

TEST_CASE("validation: room and ground areas are within bounds") {
    flips(a_room(), "area", [](Room& r) { r.area = 0; });
    flips(a_room(), "area", [](Room& r) { r.area = 3001; });
    flips(a_room(), "name", [](Room& r) { r.name.clear(); });
    flips(a_ground(), "area", [](Ground& g) { g.area = 250000; });
    flips(a_ground(), "name", [](Ground& g) { g.name.clear(); });
}

TEST_CASE("validation: equipment values and quantities are within bounds") {
    flips(an_instrument(), "unit_value", [](Equipment& e) { e.unit_value = 10000001; e.book_value = 300000030; });
    flips(an_instrument(), "unit_value", [](Equipment& e) { e.unit_value = -1; });
    flips(an_instrument(), "quantity", [](Equipment& e) { e.quantity = 0; });
    flips(an_instrument(), "book_value", [](Equipment& e) { e.book_value = -20400; });
    flips(an_instrument(), "name", [](Equipment& e) { e.name.clear(); });
}

TEST_CASE("validation: equipment dates are real, ordered and not in the future") {
    flips(an_instrument(), "acquired", [](Equipment& e) { e.acquired = Date{kYear + 1, 9, 1}; });
    flips(an_instrument(), "acquired", [](Equipment& e) { e.acquired = Date{2021, 13, 1}; });
    flips(an_instrument(), "disposed", [](Equipment& e) { e.disposed = Date{2020, 1, 1}; });
    Equipment e = an_instrument();
    e.acquired = Date{kYear + 1, 8, 31};   // the last day of the school year
    e.disposed = Date{kYear + 1, 8, 31};
    CHECK(validate(e, nine_year_school()).empty());
}

TEST_CASE("validation: book value off quantity × unit value by more than 1% is a warning") {
    Equipment e = an_instrument();
    e.book_value = 20400 * 1.01;
    CHECK(validate(e, nine_year_school()).empty());
    e.book_value = 20400 * 1.02;
    auto issues = validate(e, nine_year_school());
    CHECK(warning_on(issues, "book_value"));
    CHECK_FALSE(has_errors(issues));
}

TEST_CASE("validation: funds are never negative and within bounds") {
    flips(some_funds(), "public_budget", [](Funds& f) { f.public_budget = -1; });
    flips(some_funds(), "training_spending", [](Funds& f) { f.training_spending = 200000000; });
    flips(some_funds(), "special_ed_per_pupil", [](Funds& f) { f.special_ed_per_pupil = -6000; });
    flips(some_funds(), "funded_pupils", [](Funds& f) { f.funded_pupils = -1; });
}

TEST_CASE("validation: per-year records have a plausible school year") {
    flips(a_class(), "year", [](ClassGroup& c) { c.year = 1999; });
    flips(some_funds(), "year", [](Funds& f) { f.year = 2101; });
}

TEST_CASE("validation: an operator has a name") {
    flips(Operator{0, "李琰", OperatorRole::Admin, "", true}, "name", [](Operator& o) { o.name.clear(); });
}

TEST_CASE("validation: a consistent school year passes as a whole") {
    CHECK(validate(a_school_year()).empty());
}

TEST_CASE("validation: every record belongs to the year being reported") {
    SchoolData d = a_school_year();
    d.buildings[0].year = kYear - 1;
    CHECK(error_on(validate(d), "year"));
}

TEST_CASE("validation: a grade's registered total equals the sum of its classes") {
    SchoolData d = a_school_year();
    d.grades[0].pupils = 85;
    auto issues = validate(d);
    REQUIRE(error_on(issues, "pupils"));
    CHECK(with_severity(issues, Severity::Error, "pupils")[0].message.en.find("84") != std::string::npos);
    d.classes.clear();   // a grade without classes is not checked against them
    CHECK(validate(d).empty());
}

TEST_CASE("validation: a mixed-grade class entered under its highest grade is a warning, not an error") {
    SchoolData d = a_school_year();
    // Grades 1 and 2 of a teaching point taught as one class of 12: 5 and 7 on the rolls.
    d.classes = {ClassGroup{0, kYear, Stage::Primary, 2, 1, 12}};
    d.grades = {GradeRoll{0, kYear, Stage::Primary, 1, 5, 0, 0, 0, 0}, GradeRoll{0, kYear, Stage::Primary, 2, 7, 0, 0, 0, 0}};
    auto issues = validate(d);
    CHECK_FALSE(has_errors(issues));
    REQUIRE(with_severity(issues, Severity::Warning, "pupils").size() == 1);
    // Not when the classes up to a grade hold more pupils than its rolls, nor when the totals differ.
    d.classes = {ClassGroup{0, kYear, Stage::Primary, 1, 1, 12}};
    CHECK(error_on(validate(d), "pupils"));
    d.classes = {ClassGroup{0, kYear, Stage::Primary, 2, 1, 11}};
    CHECK(error_on(validate(d), "pupils"));
}

TEST_CASE("validation: classes of a grade without a roll are a warning") {
    SchoolData d = a_school_year();
    d.grades.clear();
    auto issues = validate(d);
    CHECK(with_severity(issues, Severity::Warning, "grade").size() == 1);
    CHECK_FALSE(has_errors(issues));
}

TEST_CASE("validation: no two classes share stage, grade and number") {
    SchoolData d = a_school_year();
    d.classes[1].number = d.classes[0].number;
    CHECK(error_on(validate(d), "number"));
}

TEST_CASE("validation: no duplicate grade rolls, cohorts or persons") {
    SchoolData d = a_school_year();
    d.grades.push_back(d.grades[0]);
    CHECK(error_on(validate(d), "grade"));
    d = a_school_year();
    d.cohorts.push_back(d.cohorts[0]);
    CHECK(error_on(validate(d), "entry_year"));
    d = a_school_year();
    d.staff.push_back(d.staff[0]);
    CHECK(error_on(validate(d), "person_id"));
}

TEST_CASE("validation: at most one funds record per year") {
    SchoolData d = a_school_year();
    d.funds.push_back(d.funds[0]);
    auto issues = validate(d);
    CHECK(with_severity(issues, Severity::Error, "year").size() == 1);
}

TEST_CASE("validation: a record whose key the year already holds is refused before the write, beside its field") {
    SchoolData d = a_school_year();
    for (auto& c : d.classes) c.id = c.number;   // stored: ids 1 and 2
    ClassGroup second = d.classes[0];
    second.id = 0;   // a new class typed as primary grade 3 class 1, which exists
    auto issues = validate_among(second, d);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].field == "number");
    CHECK(issues[0].severity == Severity::Error);
    CHECK(issues[0].message.zh == "本学年已有小学 3 年级 1 班");
    CHECK(issues[0].message.en == "this school year already has primary grade 3 class 1");
    CHECK(validate_among(d.classes[0], d).empty());   // a record does not collide with itself
    second.number = 3;
    CHECK(validate_among(second, d).empty());
    ClassGroup moved = d.classes[1];   // editing class 2 into class 1's place
    moved.number = 1;
    CHECK(error_on(validate_among(moved, d), "number"));

    d.funds[0].id = 5;
    Funds another = some_funds();   // a second funds row for the year
    REQUIRE(error_on(validate_among(another, d), "year"));
    CHECK(validate_among(another, d)[0].message.zh.find("每学年一条") != std::string::npos);
    CHECK(validate_among(d.funds[0], d).empty());

    d.grades[0].id = 7;
    CHECK(error_on(validate_among(a_roll(), d), "grade"));
    d.cohorts[0].id = 8;
    CHECK(error_on(validate_among(a_cohort(), d), "entry_year"));
    Staff newcomer = a_teacher();
    newcomer.person_id = 0;   // a new person: the store gives the id, nothing to collide with
    CHECK(validate_among(newcomer, d).empty());
    CHECK(validate_among(an_instrument(), d).empty());   // equipment has no key of its own
}

TEST_CASE("validation: an unsaved record is named as new, not as number 0") {
    Staff s = a_teacher();
    s.name.clear();
    const auto issues = validate(s, nine_year_school());
    REQUIRE(!issues.empty());
    CHECK(issues[0].message.zh.find("编号 0") == std::string::npos);
    CHECK(issues[0].message.zh.find("新记录") != std::string::npos);
}

TEST_CASE("validation: training records refer to persons on the roster") {
    SchoolData d = a_school_year();
    d.training[0].person_id = 99;
    CHECK(error_on(validate(d), "person_id"));
}

TEST_CASE("validation: training dates are not after the end of the school year") {
    SchoolData d = a_school_year();
    d.training[0].date = Date{kYear + 1, 8, 31};
    CHECK(validate(d).empty());
    d.training[0].date = Date{kYear + 1, 9, 1};
    CHECK(error_on(validate(d), "date"));
}

TEST_CASE("validation: year-on-year changes above 30% are warnings") {
    SchoolData before = a_school_year();
    before.year.year = kYear - 1;
    SchoolData after = a_school_year();
    CHECK(compare_years(before, after).empty());

    after.grades[0].pupils = 84 * 13 / 10;   // +30%: still fine
    after.buildings[0].area = 3200 * 0.7;     // −30%
    CHECK(compare_years(before, after).empty());

    after.grades[0].pupils = 126;
    after.buildings[0].area = 3200 * 0.6;
    after.grounds[0].area = 9600 * 2;
    after.equipment[0].disposed = Date{kYear, 10, 1};   // off the books
    auto issues = compare_years(before, after);
    REQUIRE(issues.size() == 4);
    CHECK(std::all_of(issues.begin(), issues.end(), [](const Issue& i) { return i.severity == Severity::Warning; }));
    CHECK(issues[0].entity == "grade_roll");
    CHECK(issues[0].message.zh.find("小学在籍学生数") != std::string::npos);
    CHECK(issues[0].message.en.find("+50%") != std::string::npos);
    CHECK(issues[1].entity == "building");
    CHECK(issues[2].entity == "ground");
    CHECK(issues[3].entity == "equipment");
}

TEST_CASE("validation: no year-on-year warning without a previous figure") {
    SchoolData before = a_school_year();
    before.grounds.clear();
    CHECK(compare_years(before, a_school_year()).empty());
}

TEST_CASE("validation: only errors block") {
    std::vector<Issue> issues{Issue{Severity::Warning, "equipment", 1, "book_value", {"a", "a"}}};
    CHECK_FALSE(has_errors(issues));
    issues.push_back(Issue{Severity::Error, "staff", 2, "name", {"b", "b"}});
    CHECK(has_errors(issues));
}
