// The evaluation's validation rules. Each record is checked on its own (required fields,
// ranges, formats, dates, stage against school type), then a whole school year is checked
// across records. Messages name the record and the field in Chinese and English so a clerk
// can find what to fix; field names come from the field descriptors (fields.hpp).
//
// Plausibility bounds (documented here because they are judgement calls, not policy):
//   building floor area      0 < a ≤ 200,000 m²   (a large campus has ~60,000 m²)
//   room area                0 < a ≤ 3,000 m²     (a music room is ~96 m², a library a few hundred)
//   sports ground area       0 < a ≤ 200,000 m²   (a 400 m track with field is ~15,000 m²)
//   equipment unit value     0 ≤ v ≤ 10,000,000 元; book value of one row ≤ 100,000,000 元
//   equipment quantity       1 ≤ q ≤ 100,000
//   public funds, training   0 ≤ v ≤ 100,000,000 元; special-education per pupil ≤ 100,000 元
//   pupils in a grade        0 ≤ n ≤ 5,000; class size 1–120; funded pupils ≤ 20,000
//   staff birth year         1940 … school year − 16
//   training hours           0 < h ≤ 200 per record; training dates from 1980
//   school years             2000–2100; years built from 1900; dates not after the end of the
//                            school year (31 August of the following calendar year)
#include "domain/validation.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <type_traits>

#include "domain/fields.hpp"

namespace jh::domain {
namespace {

constexpr int kFirstSchoolYear = 2000;
constexpr int kLastSchoolYear = 2100;
constexpr int kFirstBirthYear = 1940;
constexpr int kYoungestStaffAge = 16;
constexpr int kFirstBuiltYear = 1900;
constexpr int kFirstTrainingYear = 1980;
constexpr int kFirstAcquiredYear = 1950;
constexpr int kMaxClassSize = 120;
constexpr int kMaxGradePupils = 5000;
constexpr int kMaxFundedPupils = 20000;
constexpr double kMaxBuildingArea = 200000;
constexpr double kMaxRoomArea = 3000;
constexpr double kMaxGroundArea = 200000;
constexpr double kMaxUnitValue = 10000000;
constexpr double kMaxBookValue = 100000000;
constexpr int kMaxQuantity = 100000;
constexpr double kMaxFunds = 100000000;
constexpr double kMaxSpecialEdPerPupil = 100000;
constexpr double kMaxTrainingHours = 200;
constexpr double kBookValueTolerance = 0.01;
constexpr double kYearOnYearChange = 0.30;

template <class N> std::string text(N value) {
    if constexpr (std::is_floating_point_v<N>) return format_number(value);
    else return std::to_string(value);
}

std::string quoted_zh(std::string_view s) { return "“" + std::string(s) + "”"; }
std::string quoted_en(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string stage_grade_zh(Stage stage, int grade) {
    return std::string(zh(stage)) + " " + std::to_string(grade) + " 年级";
}
std::string stage_grade_en(Stage stage, int grade) {
    return std::string(en(stage)) + " grade " + std::to_string(grade);
}

// The end of a school year: 31 August of the following calendar year.
Date end_of_school_year(int year) { return Date{year + 1, 8, 31}; }

// How a record is named in messages: its kind and what a clerk recognises it by.
Message name_of(const std::string& name, Id id) {
    if (!name.empty()) return {quoted_zh(name), quoted_en(name)};
    return {"（编号 " + std::to_string(id) + "）", "#" + std::to_string(id)};
}
Message describe(const School& s) { return name_of(s.name.empty() ? s.code : s.name, s.id); }
Message describe(const ClassGroup& c) {
    return {quoted_zh(stage_grade_zh(c.stage, c.grade) + " " + std::to_string(c.number) + " 班"),
            quoted_en(stage_grade_en(c.stage, c.grade) + " class " + std::to_string(c.number))};
}
Message describe(const GradeRoll& g) {
    return {quoted_zh(stage_grade_zh(g.stage, g.grade)), quoted_en(stage_grade_en(g.stage, g.grade))};
}
Message describe(const Cohort& c) {
    return {quoted_zh(std::string(zh(c.stage)) + " " + std::to_string(c.entry_year) + " 级"),
            quoted_en(std::string(en(c.stage)) + " entering " + std::to_string(c.entry_year))};
}
Message describe(const Staff& s) { return name_of(s.name, s.id); }
Message describe(const Training& t) {
    auto when = is_valid(t.date) ? to_string(t.date) : std::string("?");
    return {quoted_zh(t.topic + "（" + when + "）"), quoted_en(t.topic + " (" + when + ")")};
}
Message describe(const Building& b) { return name_of(b.name, b.id); }
Message describe(const Room& r) { return name_of(r.name, r.id); }
Message describe(const Ground& g) { return name_of(g.name, g.id); }
Message describe(const Equipment& e) { return name_of(e.name, e.id); }
Message describe(const Funds& f) {
    return {quoted_zh(std::to_string(f.year) + " 学年"), quoted_en("school year " + std::to_string(f.year))};
}
Message describe(const Operator& o) { return name_of(o.name, o.id); }

// Collects the findings about one record, prefixing each with the record's name.
template <class R> class Findings {
public:
    explicit Findings(const R& record)
        : subject_{std::string(Entity<R>::zh) + describe(record).zh,
                   std::string(Entity<R>::en) + " " + describe(record).en},
          id_(record.id) {}

    void add(Severity severity, std::string_view key, const std::string& zh_detail, const std::string& en_detail) {
        issues_.push_back(Issue{severity, std::string(Entity<R>::table), id_, std::string(key),
                                Message{subject_.zh + "：" + zh_detail, subject_.en + ": " + en_detail}});
    }
    void error(std::string_view key, const std::string& zh_detail, const std::string& en_detail) {
        add(Severity::Error, key, zh_detail, en_detail);
    }

    static std::string zh_label(std::string_view key) { return std::string(find_field<R>(key)->zh); }
    static std::string en_label(std::string_view key) { return std::string(find_field<R>(key)->en); }

    void required(std::string_view key, const std::string& value) {
        if (value.find_first_not_of(" \t\r\n") == std::string::npos)
            error(key, zh_label(key) + "不能为空", en_label(key) + " is empty");
    }

    // lo ≤ value ≤ hi; a negative count gets its own plainer message.
    template <class N> void within(std::string_view key, N value, N lo, N hi) {
        if (lo == 0 && value < 0)
            error(key, zh_label(key) + " " + text(value) + " 不能为负数", en_label(key) + " " + text(value) + " is negative");
        else if (value < lo || value > hi)
            error(key, zh_label(key) + " " + text(value) + " 不在 " + text(lo) + "–" + text(hi) + " 之间",
                  en_label(key) + " " + text(value) + " outside " + text(lo) + "–" + text(hi));
    }

    // 0 < value ≤ hi: areas and hours, where zero means the row should not exist.
    void positive_at_most(std::string_view key, double value, double hi) {
        if (value > 0 && value <= hi) return;
        error(key, zh_label(key) + " " + text(value) + " 须大于 0 且不超过 " + text(hi),
              en_label(key) + " " + text(value) + " must be more than 0 and at most " + text(hi));
    }

    void digits(std::string_view key, const std::string& value, std::size_t count) {
        bool ok = value.size() == count && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!ok)
            error(key, zh_label(key) + quoted_zh(value) + "应为 " + std::to_string(count) + " 位数字",
                  en_label(key) + " " + quoted_en(value) + " must be " + std::to_string(count) + " digits");
    }

    void stage_fits(std::string_view key, std::optional<Stage> stage, const School& school) {
        if (!stage) return;
        auto stages = stages_of(school.type);
        if (std::find(stages.begin(), stages.end(), *stage) == stages.end())
            error(key, zh_label(key) + quoted_zh(zh(*stage)) + "不属于" + std::string(zh(school.type)) + "的学段",
                  en_label(key) + " " + quoted_en(en(*stage)) + " is not taught in a " + std::string(en(school.type)));
    }

    void grade_fits(std::string_view key, Stage stage, int grade) {
        if (grade < 1 || grade > grades_in(stage))
            error(key, zh_label(key) + " " + text(grade) + " 不在" + std::string(zh(stage)) + "的 1–" + text(grades_in(stage)) + " 年级之间",
                  en_label(key) + " " + text(grade) + " outside " + std::string(en(stage)) + " grades 1–" + text(grades_in(stage)));
    }

    void school_year(int year) { within("year", year, kFirstSchoolYear, kLastSchoolYear); }

    // A calendar date that exists, from `first_year`, and not after `latest`.
    void date(std::string_view key, const Date& value, int first_year, const Date& latest) {
        if (!is_valid(value))
            error(key, zh_label(key) + " " + to_string(value) + " 不是有效日期", en_label(key) + " " + to_string(value) + " is not a valid date");
        else if (value.year < first_year)
            error(key, zh_label(key) + " " + to_string(value) + " 早于 " + text(first_year) + " 年",
                  en_label(key) + " " + to_string(value) + " is before " + text(first_year));
        else if (value > latest)
            error(key, zh_label(key) + " " + to_string(value) + " 晚于 " + to_string(latest) + "，不能是将来的日期",
                  en_label(key) + " " + to_string(value) + " is after " + to_string(latest) + " (in the future)");
    }

    std::vector<Issue> take() { return std::move(issues_); }

private:
    Message subject_;
    Id id_;
    std::vector<Issue> issues_;
};

// --- one record ---

void check(Findings<School>& f, const School& s) {
    f.required("name", s.name);
    f.digits("code", s.code, 10);
    f.digits("county_code", s.county_code, 6);
    if (s.central_school_code) f.digits("central_school_code", *s.central_school_code, 10);
    if (s.central_school_code && *s.central_school_code == s.code)
        f.error("central_school_code", "中心校不能是本校", "the central school cannot be the school itself");
}

void check(Findings<ClassGroup>& f, const ClassGroup& c, const School& school) {
    f.school_year(c.year);
    f.stage_fits("stage", c.stage, school);
    f.grade_fits("grade", c.stage, c.grade);
    f.within("number", c.number, 1, 99);
    f.within("pupils", c.pupils, 1, kMaxClassSize);
}

void check(Findings<GradeRoll>& f, const GradeRoll& g, const School& school) {
    f.school_year(g.year);
    f.stage_fits("stage", g.stage, school);
    f.grade_fits("grade", g.stage, g.grade);
    f.within("pupils", g.pupils, 0, kMaxGradePupils);
    for (auto [key, count] : {std::pair{"migrant", g.migrant}, {"left_behind", g.left_behind},
                              {"disabled_in_regular", g.disabled_in_regular}, {"disabled_other", g.disabled_other}})
        f.within(key, count, 0, std::max(g.pupils, 0));
}

void check(Findings<Cohort>& f, const Cohort& c, const School& school) {
    f.school_year(c.year);
    f.stage_fits("stage", c.stage, school);
    f.within("entry_year", c.entry_year, c.year - grades_in(c.stage), c.year);
    for (auto [key, count] : {std::pair{"intake", c.intake}, {"transferred_in", c.transferred_in},
                              {"transferred_out", c.transferred_out}, {"current", c.current}})
        f.within(key, count, 0, kMaxGradePupils);
    const int enrolled = c.intake + c.transferred_in;
    if (c.current > enrolled)
        f.error("current", "现有人数 " + text(c.current) + " 超过入学人数与转入人数之和 " + text(enrolled),
                "currently enrolled " + text(c.current) + " exceeds intake plus transferred in " + text(enrolled));
    if (c.transferred_out > enrolled)
        f.error("transferred_out", "转出人数 " + text(c.transferred_out) + " 超过入学人数与转入人数之和 " + text(enrolled),
                "transferred out " + text(c.transferred_out) + " exceeds intake plus transferred in " + text(enrolled));
}

void check(Findings<Staff>& f, const Staff& s, const School& school) {
    f.school_year(s.year);
    f.required("name", s.name);
    f.within("birth_year", s.birth_year, kFirstBirthYear, s.year - kYoungestStaffAge);
    f.stage_fits("stage", s.stage, school);
    if (s.category == StaffCategory::FullTime) {
        if (!s.stage) f.error("stage", "专任教师须填写任教学段", "a full-time teacher needs the stage taught");
        f.required("subject", s.subject);
    }
    const bool designated = s.backbone != BackboneLevel::None;
    if (designated && !s.backbone_year)
        f.error("backbone_year", "已认定骨干教师须填写认定年份", "a backbone designation needs the year it was made");
    if (!designated && s.backbone_year)
        f.error("backbone", "填写了骨干认定年份但未填写骨干级别", "backbone year given without a backbone level");
    if (s.backbone_year) f.within("backbone_year", *s.backbone_year, kFirstTrainingYear, s.year + 1);
    if (s.rotation != Rotation::None && !s.rotation_eligible)
        f.error("rotation", "不属于应交流轮岗教师，不能标记为" + std::string(zh(s.rotation)),
                "marked " + std::string(en(s.rotation)) + " but not eligible for rotation");
}

void check(Findings<Training>& f, const Training& t) {
    if (t.person_id == 0) f.error("person_id", "未关联到教职工", "is not linked to a member of staff");
    f.required("topic", t.topic);
    f.date("date", t.date, kFirstTrainingYear, Date{kLastSchoolYear + 1, 8, 31});
    f.positive_at_most("hours", t.hours, kMaxTrainingHours);
}

void check(Findings<Building>& f, const Building& b, const School& school) {
    f.school_year(b.year);
    f.required("name", b.name);
    f.positive_at_most("area", b.area, kMaxBuildingArea);
    if (b.built_year) f.within("built_year", *b.built_year, kFirstBuiltYear, b.year + 1);
    f.stage_fits("stage", b.stage, school);
}

void check(Findings<Room>& f, const Room& r, const School& school) {
    f.school_year(r.year);
    f.required("name", r.name);
    f.positive_at_most("area", r.area, kMaxRoomArea);
    f.stage_fits("stage", r.stage, school);
}

void check(Findings<Ground>& f, const Ground& g, const School& school) {
    f.school_year(g.year);
    f.required("name", g.name);
    f.positive_at_most("area", g.area, kMaxGroundArea);
    f.stage_fits("stage", g.stage, school);
}

void check(Findings<Equipment>& f, const Equipment& e, const School& school) {
    f.school_year(e.year);
    f.required("name", e.name);
    f.within("quantity", e.quantity, 1, kMaxQuantity);
    f.within("unit_value", e.unit_value, 0.0, kMaxUnitValue);
    f.within("book_value", e.book_value, 0.0, kMaxBookValue);
    const Date latest = end_of_school_year(e.year);
    f.date("acquired", e.acquired, kFirstAcquiredYear, latest);
    if (e.disposed) {
        f.date("disposed", *e.disposed, kFirstAcquiredYear, latest);
        if (*e.disposed < e.acquired)
            f.error("disposed", "报废日期 " + to_string(*e.disposed) + " 早于购置日期 " + to_string(e.acquired),
                    "disposed " + to_string(*e.disposed) + " before acquired " + to_string(e.acquired));
    }
    f.stage_fits("stage", e.stage, school);
    const double expected = e.quantity * e.unit_value;
    if (std::abs(e.book_value - expected) > kBookValueTolerance * expected)
        f.add(Severity::Warning, "book_value",
              "账面原值 " + text(e.book_value) + " 与数量×单价 " + text(expected) + " 相差超过 1%，请核对",
              "book value " + text(e.book_value) + " differs from quantity × unit value " + text(expected) +
                  " by more than 1%: please check");
}

void check(Findings<Funds>& f, const Funds& funds, const School&) {
    f.school_year(funds.year);
    f.within("public_budget", funds.public_budget, 0.0, kMaxFunds);
    f.within("training_spending", funds.training_spending, 0.0, kMaxFunds);
    if (funds.special_ed_per_pupil) f.within("special_ed_per_pupil", *funds.special_ed_per_pupil, 0.0, kMaxSpecialEdPerPupil);
    if (funds.funded_pupils) f.within("funded_pupils", *funds.funded_pupils, 0, kMaxFundedPupils);
}

void check(Findings<Training>& f, const Training& t, const School&) { check(f, t); }

void check(Findings<Operator>& f, const Operator& o, const School&) { f.required("name", o.name); }

}  // namespace

std::vector<Issue> validate(const School& school) {
    Findings<School> f(school);
    check(f, school);
    return f.take();
}

template <class R> std::vector<Issue> validate(const R& record, const School& school) {
    Findings<R> f(record);
    check(f, record, school);
    return f.take();
}

template std::vector<Issue> validate<ClassGroup>(const ClassGroup&, const School&);
template std::vector<Issue> validate<GradeRoll>(const GradeRoll&, const School&);
template std::vector<Issue> validate<Cohort>(const Cohort&, const School&);
template std::vector<Issue> validate<Staff>(const Staff&, const School&);
template std::vector<Issue> validate<Training>(const Training&, const School&);
template std::vector<Issue> validate<Building>(const Building&, const School&);
template std::vector<Issue> validate<Room>(const Room&, const School&);
template std::vector<Issue> validate<Ground>(const Ground&, const School&);
template std::vector<Issue> validate<Equipment>(const Equipment&, const School&);
template std::vector<Issue> validate<Funds>(const Funds&, const School&);
template std::vector<Issue> validate<Operator>(const Operator&, const School&);

std::vector<Issue> validate(const SchoolData& data) {
    auto issues = validate(data.school);
    for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        for (const auto& record : records_of<R>(data)) {
            auto found = validate(record, data.school);
            issues.insert(issues.end(), found.begin(), found.end());
        }
    });
    return issues;
}

std::vector<Issue> compare_years(const SchoolData&, const SchoolData&) { return {}; }

bool has_errors(const std::vector<Issue>& issues) {
    return std::any_of(issues.begin(), issues.end(), [](const Issue& i) { return i.severity == Severity::Error; });
}

}  // namespace jh::domain
