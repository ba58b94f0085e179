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
#include <tuple>
#include <type_traits>

#include "domain/fields.hpp"
#include "domain/regions.hpp"

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

// How a record is named in messages: what it is and what a clerk recognises it by.
Message named(std::string_view zh_noun, std::string_view en_noun, const std::string& zh_name, const std::string& en_name) {
    return {std::string(zh_noun) + quoted_zh(zh_name), std::string(en_noun) + " " + quoted_en(en_name)};
}
Message named(std::string_view zh_noun, std::string_view en_noun, const std::string& name, Id id) {
    if (!name.empty()) return named(zh_noun, en_noun, name, name);
    if (id == 0) return {std::string(zh_noun) + "（新记录）", std::string(en_noun) + " (new)"};   // not saved yet
    return {std::string(zh_noun) + "（编号 " + std::to_string(id) + "）", std::string(en_noun) + " #" + std::to_string(id)};
}
Message describe(const School& s) { return named("学校", "school", s.name.empty() ? s.code : s.name, s.id); }
Message describe(const ClassGroup& c) {
    return named("班级", "class", stage_grade_zh(c.stage, c.grade) + " " + std::to_string(c.number) + " 班",
                 stage_grade_en(c.stage, c.grade) + " class " + std::to_string(c.number));
}
Message describe(const GradeRoll& g) {
    return named("年级学籍", "grade roll", stage_grade_zh(g.stage, g.grade), stage_grade_en(g.stage, g.grade));
}
Message describe(const Cohort& c) {
    return named("入学队列", "cohort", std::string(zh(c.stage)) + " " + std::to_string(c.entry_year) + " 级",
                 std::string(en(c.stage)) + " entering " + std::to_string(c.entry_year));
}
Message describe(const Staff& s) { return named("教职工", "staff", s.name, s.id); }
Message describe(const Training& t) {
    auto when = is_valid(t.date) ? to_string(t.date) : std::string("?");
    return named("培训记录", "training", t.topic + "（" + when + "）", t.topic + " (" + when + ")");
}
Message describe(const Building& b) { return named("校舍", "building", b.name, b.id); }
Message describe(const Room& r) { return named("功能教室", "room", r.name, r.id); }
Message describe(const Ground& g) { return named("体育运动场馆", "sports ground", g.name, g.id); }
Message describe(const Equipment& e) { return named("设备", "equipment", e.name, e.id); }
Message describe(const Funds& f) {
    return named("经费", "funds", std::to_string(f.year) + " 学年", "school year " + std::to_string(f.year));
}
Message describe(const Operator& o) { return named("操作员", "operator", o.name, o.id); }

// Collects the findings about one record, prefixing each with the record's name.
template <class R> class Findings {
public:
    explicit Findings(const R& record)
        : subject_(describe(record)), id_(record.id) {}

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

// A web address as a bureau gives it: http(s)://, a host, no spaces.
bool looks_like_url(std::string_view url) {
    std::string_view rest;
    if (url.substr(0, 7) == "http://") rest = url.substr(7);
    else if (url.substr(0, 8) == "https://") rest = url.substr(8);
    else return false;
    const auto host = rest.substr(0, rest.find('/'));
    return !host.empty() && host.find_first_of(" \t") == std::string_view::npos &&
           rest.find_first_of(" \t") == std::string_view::npos && host.front() != '.' && host.front() != ':';
}

void check(Findings<School>& f, const School& s) {
    f.required("name", s.name);
    f.digits("code", s.code, 10);
    f.digits("county_code", s.county_code, 6);
    if (s.county_code.size() == 6 && !province_of(s.county_code))
        f.error("county_code", "县区代码" + quoted_zh(s.county_code) + "的前两位 " + s.county_code.substr(0, 2) + " 不是任何省级行政区的代码",
                "county code " + quoted_en(s.county_code) + " does not start with a province's code (" + s.county_code.substr(0, 2) + ")");
    if (s.type == SchoolType::TeachingPoint && !s.central_school_code)
        f.error("central_school_code", "教学点须填写所属中心校的学校标识码（10 位数字）",
                "a teaching point needs its central school's code (10 digits)");
    if (s.bureau_url && !looks_like_url(*s.bureau_url))
        f.error("bureau_url", "教育局地址应为网址，以 http:// 或 https:// 开头，例如 https://jyj.example.gov.cn；请照教育局给出的填写",
                "the bureau address must be a web address starting with http:// or https://, as the bureau gave it");
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

namespace {

template <class R> void append(std::vector<Issue>& to, Findings<R>& f) {
    auto found = f.take();
    to.insert(to.end(), found.begin(), found.end());
}

// Every per-year record must belong to the year being validated.
template <class R> void check_year_of(std::vector<Issue>& issues, const R& record, int year) {
    if constexpr (Entity<R>::per_year) {
        if (record.year == year) return;
        Findings<R> f(record);
        f.error("year", "学年 " + text(record.year) + " 与所填报的 " + text(year) + " 学年不一致",
                "school year " + text(record.year) + " differs from the year being reported, " + text(year));
        append(issues, f);
    }
}

// Reports the second and later records sharing a key (classes, grade rolls, cohorts, staff, funds).
// The uniqueness rules of a school year (what the store's UNIQUE constraints guard, said the
// way people say it): the key two records of a kind may not share, the field it is shown
// beside, and what is said of a record whose key is already taken.
auto unique_key(const ClassGroup& c) { return std::tuple{c.stage, c.grade, c.number}; }
auto unique_key(const GradeRoll& g) { return std::pair{g.stage, g.grade}; }
auto unique_key(const Cohort& c) { return std::pair{c.stage, c.entry_year}; }
auto unique_key(const Staff& s) { return s.person_id; }
auto unique_key(const Funds& f) { return f.year; }
std::string_view unique_field(const ClassGroup&) { return "number"; }
std::string_view unique_field(const GradeRoll&) { return "grade"; }
std::string_view unique_field(const Cohort&) { return "entry_year"; }
std::string_view unique_field(const Staff&) { return "person_id"; }
std::string_view unique_field(const Funds&) { return "year"; }
Message taken(const ClassGroup& c) {
    return {"本学年已有" + stage_grade_zh(c.stage, c.grade) + " " + std::to_string(c.number) + " 班",
            "this school year already has " + stage_grade_en(c.stage, c.grade) + " class " + std::to_string(c.number)};
}
Message taken(const GradeRoll& g) {
    return {"本学年已有" + stage_grade_zh(g.stage, g.grade) + "的学籍记录，请修改那一条",
            "this school year already has a roll of " + stage_grade_en(g.stage, g.grade) + ": edit that one"};
}
Message taken(const Cohort& c) {
    return {"本学年已有" + std::string(zh(c.stage)) + " " + std::to_string(c.entry_year) + " 级入学队列，请修改那一条",
            "this school year already has the " + std::string(en(c.stage)) + " cohort entering " +
                std::to_string(c.entry_year) + ": edit that one"};
}
Message taken(const Staff& s) {
    return {"本学年名册中已有此人（人员编号 " + std::to_string(s.person_id) + "）",
            "this year's roster already has this person (person id " + std::to_string(s.person_id) + ")"};
}
Message taken(const Funds&) {
    return {"本学年已有经费记录（每学年一条），请修改那一条", "this school year already has its funds record (one a year): edit that one"};
}
template <class R> constexpr bool has_unique_key = requires(const R& r) { unique_key(r); };

template <class R> void check_unique(std::vector<Issue>& issues, const std::vector<R>& records) {
    std::set<decltype(unique_key(records.front()))> seen;
    for (const auto& r : records)
        if (!seen.insert(unique_key(r)).second) {
            Findings<R> f(r);
            const Message m = taken(r);
            f.error(unique_field(r), m.zh, m.en);
            append(issues, f);
        }
}

// A mixed-grade class (复式班) is entered once, under the highest grade it holds, with all its
// pupils (so G3 counts it once and G5 sees its real size). Its stage's rolls then differ from
// the class sums grade by grade, but never so that the classes up to a grade hold more pupils
// than the rolls up to that grade, and the stage's totals agree: such differences are a warning.
bool mixed_grade_classes_explain(const std::map<std::pair<Stage, int>, int>& class_sums, const SchoolData& data, Stage stage) {
    int rolls = 0, classes = 0;
    for (int grade = 1; grade <= grades_in(stage); ++grade) {
        const auto roll = std::find_if(data.grades.begin(), data.grades.end(),
                                       [&](const GradeRoll& g) { return g.stage == stage && g.grade == grade; });
        const auto sum = class_sums.find({stage, grade});
        if (sum != class_sums.end() && roll == data.grades.end()) return false;
        rolls += roll == data.grades.end() ? 0 : roll->pupils;
        classes += sum == class_sums.end() ? 0 : sum->second;
        if (classes > rolls) return false;
    }
    return classes == rolls;
}

void check_grade_totals(std::vector<Issue>& issues, const SchoolData& data) {
    std::map<std::pair<Stage, int>, int> class_sums;
    for (const auto& c : data.classes) class_sums[{c.stage, c.grade}] += c.pupils;
    for (const auto& g : data.grades) {
        auto sum = class_sums.find({g.stage, g.grade});
        if (sum == class_sums.end() || sum->second == g.pupils) continue;
        Findings<GradeRoll> f(g);
        if (mixed_grade_classes_explain(class_sums, data, g.stage)) {
            f.add(Severity::Warning, "pupils",
                  "在籍学生数 " + text(g.pupils) + " 与该年级各班学生数之和 " + text(sum->second) + " 不一致；若有复式班按最高年级录入，属正常",
                  "registered pupils " + text(g.pupils) + " differ from the sum of the grade's classes, " + text(sum->second) +
                      "; expected when a mixed-grade class is entered under its highest grade");
            append(issues, f);
            continue;
        }
        f.error("pupils", "在籍学生数 " + text(g.pupils) + " 与该年级各班学生数之和 " + text(sum->second) + " 不一致",
                "registered pupils " + text(g.pupils) + " differ from the sum of the grade's classes, " + text(sum->second));
        append(issues, f);
    }
    std::set<std::pair<Stage, int>> rolled;
    for (const auto& g : data.grades) rolled.insert({g.stage, g.grade});
    std::set<std::pair<Stage, int>> reported;
    for (const auto& c : data.classes) {
        if (rolled.count({c.stage, c.grade}) || !reported.insert({c.stage, c.grade}).second) continue;
        Findings<ClassGroup> f(c);
        f.add(Severity::Warning, "grade", "所在年级没有学籍记录，学生数无法核对", "its grade has no registered-pupil roll to check against");
        append(issues, f);
    }
}

void check_training_links(std::vector<Issue>& issues, const SchoolData& data) {
    std::set<Id> roster;
    for (const auto& s : data.staff) roster.insert(s.person_id);
    const Date latest = end_of_school_year(data.year.year);
    for (const auto& t : data.training) {
        Findings<Training> f(t);
        if (t.person_id != 0 && !roster.count(t.person_id))
            f.error("person_id", "所选教师不在本学年教职工名册中（人员编号 " + text(t.person_id) + "）",
                    "the teacher (person id " + text(t.person_id) + ") is not on this year's staff roster");
        if (is_valid(t.date) && t.date > latest)
            f.error("date", "培训日期 " + to_string(t.date) + " 晚于本学年结束日 " + to_string(latest),
                    "date " + to_string(t.date) + " is after the end of the school year, " + to_string(latest));
        append(issues, f);
    }
}

}  // namespace

std::vector<Issue> validate(const SchoolData& data) {
    auto issues = validate(data.school);
    const int year = data.year.year;
    if (year < kFirstSchoolYear || year > kLastSchoolYear)
        issues.push_back(Issue{Severity::Error, std::string(Entity<SchoolYear>::table), data.year.id, "year",
                               {"学年 " + text(year) + " 不在 " + text(kFirstSchoolYear) + "–" + text(kLastSchoolYear) + " 之间",
                                "school year " + text(year) + " outside " + text(kFirstSchoolYear) + "–" + text(kLastSchoolYear)}});
    for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        for (const auto& record : records_of<R>(data)) {
            auto found = validate(record, data.school);
            issues.insert(issues.end(), found.begin(), found.end());
            check_year_of(issues, record, year);
        }
    });
    check_unique(issues, data.classes);
    check_unique(issues, data.grades);
    check_unique(issues, data.cohorts);
    check_unique(issues, data.staff);
    check_unique(issues, data.funds);
    check_grade_totals(issues, data);
    check_training_links(issues, data);
    return issues;
}

template <class R> std::vector<Issue> validate_among(const R& record, const SchoolData& data) {
    std::vector<Issue> issues;
    if constexpr (has_unique_key<R>) {
        if constexpr (std::is_same_v<R, Staff>)
            if (record.person_id == 0) return issues;   // a new person: the store gives the id
        for (const auto& other : records_of<R>(data))
            if ((record.id == 0 || other.id != record.id) && unique_key(other) == unique_key(record)) {
                issues.push_back(Issue{Severity::Error, std::string(Entity<R>::table), record.id,
                                       std::string(unique_field(record)), taken(record)});
                break;
            }
    }
    return issues;
}
template <class R> Message describe_record(const R& record) { return describe(record); }

#define JH_VALIDATE_AMONG(R)                                                          \
    template std::vector<Issue> validate_among<R>(const R&, const SchoolData&); \
    template Message describe_record<R>(const R&);
JH_VALIDATE_AMONG(ClassGroup)
JH_VALIDATE_AMONG(GradeRoll)
JH_VALIDATE_AMONG(Cohort)
JH_VALIDATE_AMONG(Staff)
JH_VALIDATE_AMONG(Training)
JH_VALIDATE_AMONG(Building)
JH_VALIDATE_AMONG(Room)
JH_VALIDATE_AMONG(Ground)
JH_VALIDATE_AMONG(Equipment)
JH_VALIDATE_AMONG(Funds)
#undef JH_VALIDATE_AMONG
static_assert(std::tuple_size_v<YearEntities> == 10, "instantiate validate_among for the new kind");

namespace {

// A school-wide quantity compared year on year.
struct Measure {
    std::string_view entity;
    std::string_view field;
    std::string zh;
    std::string en;
    double (*of)(const SchoolData&, std::optional<Stage>);
    std::optional<Stage> stage;
};

template <class R, class F> double total(const SchoolData& data, F value) {
    double sum = 0;
    for (const auto& r : records_of<R>(data)) sum += value(r);
    return sum;
}

double pupils(const SchoolData& d, std::optional<Stage> stage) {
    return total<GradeRoll>(d, [&](const GradeRoll& g) { return g.stage == stage ? g.pupils : 0; });
}
double building_area(const SchoolData& d, std::optional<Stage>) {
    return total<Building>(d, [](const Building& b) { return b.area; });
}
double ground_area(const SchoolData& d, std::optional<Stage>) {
    return total<Ground>(d, [](const Ground& g) { return g.area; });
}
// Equipment still on the books: disposed rows no longer count.
double book_value(const SchoolData& d, std::optional<Stage>) {
    return total<Equipment>(d, [](const Equipment& e) { return e.disposed ? 0.0 : e.book_value; });
}

std::vector<Measure> measures(const SchoolData& current) {
    std::vector<Measure> all;
    for (Stage stage : stages_of(current.school.type))
        all.push_back({Entity<GradeRoll>::table, "pupils", std::string(zh(stage)) + "在籍学生数",
                       std::string(en(stage)) + " registered pupils", pupils, stage});
    all.push_back({Entity<Building>::table, "area", "校舍总建筑面积", "total building floor area", building_area, {}});
    all.push_back({Entity<Ground>::table, "area", "体育运动场馆总面积", "total sports ground area", ground_area, {}});
    all.push_back({Entity<Equipment>::table, "book_value", "设备账面原值合计", "total equipment book value", book_value, {}});
    return all;
}

std::string signed_percent(double change) {
    long percent = std::lround(change * 100);
    return (percent > 0 ? "+" : "") + std::to_string(percent) + "%";
}

}  // namespace

std::vector<Issue> compare_years(const SchoolData& previous, const SchoolData& current) {
    std::vector<Issue> issues;
    for (const auto& m : measures(current)) {
        const double before = m.of(previous, m.stage);
        const double now = m.of(current, m.stage);
        if (before <= 0) continue;   // nothing to compare against
        const double change = (now - before) / before;
        if (std::abs(change) <= kYearOnYearChange) continue;
        issues.push_back(Issue{
            Severity::Warning, std::string(m.entity), 0, std::string(m.field),
            {m.zh + "由" + text(previous.year.year) + "学年的 " + text(before) + " 变为 " + text(now) + "（" + signed_percent(change) +
                 "），变化超过 30%，请确认或更正",
             m.en + " changed from " + text(before) + " in " + text(previous.year.year) + " to " + text(now) + " (" +
                 signed_percent(change) + "), more than 30%: confirm or correct"}});
    }
    return issues;
}

bool has_errors(const std::vector<Issue>& issues) {
    return std::any_of(issues.begin(), issues.end(), [](const Issue& i) { return i.severity == Severity::Error; });
}

}  // namespace jh::domain
