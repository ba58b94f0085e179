// Builds the demo school and schools of any DemoShape (see demo.hpp). Numbers follow what
// schools in central China report: class sizes near the limits, many left-behind children in
// the villages, an ageing primary staff with older 中师/专科 qualifications beside young
// graduates, county-run training plus the national online programme, and equipment bought in
// batches over years. The terminal's demo school keeps its own hand-set tables (its data is
// pinned); shaped schools reuse its people, courses and items in numbers scaled to the shape.
#include "domain/demo.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <span>
#include <stdexcept>
#include <string_view>

#include "domain/demo_random.hpp"
#include "domain/regions.hpp"

namespace jh::domain {
namespace {

using demo_detail::Random;

// --- pupils -----------------------------------------------------------------------------

void add_pupils(SchoolData& d, Random& rng) {
    const int year = d.year.year;
    for (Stage stage : {Stage::Primary, Stage::Junior}) {
        for (int grade = 1; grade <= grades_in(stage); ++grade) {
            // Primary grades have 2–3 classes (fewer in the lower grades as births fall); the
            // junior part takes pupils from village primary schools too, so its classes are fuller.
            const int classes = stage == Stage::Primary && grade >= 3 ? 3 : 2;
            GradeRoll roll{0, year, stage, grade, 0, 0, 0, 0, 0};
            for (int number = 1; number <= classes; ++number) {
                const int size = stage == Stage::Primary ? rng.between(37, 46) : rng.between(44, 50);
                d.classes.push_back(ClassGroup{0, year, stage, grade, number, size});
                roll.pupils += size;
            }
            roll.migrant = rng.between(0, 2);
            roll.left_behind = static_cast<int>(std::lround(roll.pupils * (0.22 + 0.13 * rng.unit())));
            roll.disabled_in_regular = rng.chance(0.5) ? rng.between(1, 2) : 0;
            roll.disabled_other = rng.chance(0.15) ? 1 : 0;
            d.grades.push_back(roll);
        }
    }
}

// One cohort per junior grade: today's pupils plus those who left, the way the 巩固率 form
// asks for them.
void add_cohorts(SchoolData& d, Random& rng) {
    for (const auto& roll : d.grades) {
        if (roll.stage != Stage::Junior) continue;
        Cohort c{0, d.year.year, Stage::Junior, d.year.year - (roll.grade - 1), 0, 0, 0, roll.pupils};
        c.transferred_in = rng.between(0, 3);
        c.transferred_out = rng.between(1, 5);
        const int dropped_out = roll.grade == 1 ? 0 : rng.between(0, 3);
        c.intake = c.current + c.transferred_out + dropped_out - c.transferred_in;
        d.cohorts.push_back(c);
    }
}

// --- staff ------------------------------------------------------------------------------

constexpr std::array kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "朱",
                                  "胡", "郭", "何", "罗", "钟", "曾", "谢", "邱", "廖", "赖", "欧阳", "钟离"};
// Given-name characters, with the rare ones the terminal must render among them.
constexpr std::array kGivenChars = {"罕", "琰", "喆", "燚", "堃", "昇", "玥", "婧", "晗", "珺", "彧", "翀", "旻", "淼",
                                    "芳", "静", "敏", "伟", "强", "丽", "娟", "红", "军", "华", "平", "霞", "勇", "杰",
                                    "涛", "婷", "雪", "燕", "琳", "颖", "鑫", "磊", "春", "秀", "兰", "明", "志", "文"};

// A job to fill: who the school needs, before a person is drawn for it.
struct Post {
    StaffCategory category;
    std::optional<Stage> stage;
    std::string_view subject;
    int count;
};

constexpr Post kPosts[] = {
    {StaffCategory::FullTime, Stage::Primary, "语文", 11},    {StaffCategory::FullTime, Stage::Primary, "数学", 10},
    {StaffCategory::FullTime, Stage::Primary, "英语", 4},     {StaffCategory::FullTime, Stage::Primary, "科学", 3},
    {StaffCategory::FullTime, Stage::Primary, "道德与法治", 2}, {StaffCategory::FullTime, Stage::Primary, "信息科技", 1},
    {StaffCategory::FullTime, Stage::Primary, "体育", 2},     {StaffCategory::FullTime, Stage::Primary, "音乐", 2},
    {StaffCategory::FullTime, Stage::Primary, "美术", 1},     {StaffCategory::FullTime, Stage::Junior, "语文", 3},
    {StaffCategory::FullTime, Stage::Junior, "数学", 3},      {StaffCategory::FullTime, Stage::Junior, "英语", 3},
    {StaffCategory::FullTime, Stage::Junior, "物理", 2},      {StaffCategory::FullTime, Stage::Junior, "化学", 1},
    {StaffCategory::FullTime, Stage::Junior, "生物", 1},      {StaffCategory::FullTime, Stage::Junior, "历史", 2},
    {StaffCategory::FullTime, Stage::Junior, "地理", 1},      {StaffCategory::FullTime, Stage::Junior, "道德与法治", 2},
    {StaffCategory::FullTime, Stage::Junior, "信息科技", 1},  {StaffCategory::FullTime, Stage::Junior, "体育", 2},
    {StaffCategory::FullTime, Stage::Junior, "音乐", 1},      {StaffCategory::FullTime, Stage::Junior, "美术", 1},
    {StaffCategory::FullTime, Stage::Junior, "心理健康", 1},  {StaffCategory::Substitute, Stage::Primary, "语文", 1},
    {StaffCategory::Substitute, Stage::Primary, "数学", 1},   {StaffCategory::Administrative, std::nullopt, "", 3},
    {StaffCategory::Auxiliary, std::nullopt, "", 2},          {StaffCategory::Worker, std::nullopt, "", 3},
};

std::string person_name(Random& rng, std::set<std::string>& taken) {
    for (;;) {
        std::string name = rng.pick(kSurnames);
        const int chars = rng.chance(0.7) ? 2 : 1;
        for (int i = 0; i < chars; ++i) name += rng.pick(kGivenChars);
        if (taken.insert(name).second) return name;
    }
}

bool teaches(const Staff& s) {
    return s.category == StaffCategory::FullTime || s.category == StaffCategory::Substitute;
}

Education education_for(Random& rng, const Staff& s, int age) {
    if (!teaches(s))
        return s.category == StaffCategory::Administrative ? (rng.chance(0.6) ? Education::Bachelor : Education::Associate)
                                                           : (rng.chance(0.5) ? Education::HighSchool : Education::BelowHighSchool);
    const bool junior = s.stage == Stage::Junior;
    const double r = rng.unit();
    if (age >= 50) {
        if (junior) return r < 0.6 ? Education::Bachelor : Education::Associate;
        return r < 0.6 ? Education::Associate : Education::HighSchool;   // 中师 graduates
    }
    if (age >= 35) {
        if (junior) return r < 0.85 ? Education::Bachelor : Education::Associate;
        return r < 0.55 ? Education::Bachelor : Education::Associate;
    }
    if (junior) return r < 0.15 ? Education::Postgraduate : Education::Bachelor;
    return r < 0.05 ? Education::Postgraduate : (r < 0.9 ? Education::Bachelor : Education::Associate);
}

Title title_for(Random& rng, const Staff& s, int age) {
    if (!teaches(s) || s.category == StaffCategory::Substitute) return Title::Unranked;
    if (age < 26) return rng.chance(0.5) ? Title::Unranked : Title::Second;
    if (age < 34) return rng.chance(0.7) ? Title::Second : Title::First;
    if (age < 45) return rng.chance(0.75) ? Title::First : Title::Senior;
    return rng.chance(0.55) ? Title::First : Title::Senior;
}

Staff make_person(Random& rng, const Post& post, int year, std::set<std::string>& names) {
    Staff s;
    s.year = year;
    s.category = post.category;
    s.stage = post.stage;
    s.subject = std::string(post.subject);
    s.name = person_name(rng, names);
    const double female_share = post.stage == Stage::Primary ? 0.7 : 0.55;
    s.gender = rng.chance(female_share) ? Gender::Female : Gender::Male;
    // Rural schools: a bulge of teachers near retirement and a wave of young recruits.
    const int age = rng.chance(0.35) ? rng.between(48, 58) : rng.chance(0.5) ? rng.between(23, 32) : rng.between(33, 47);
    s.birth_year = year - age;
    s.education = education_for(rng, s, age);
    s.title = title_for(rng, s, age);
    s.pe = post.subject == "体育";
    s.music = post.subject == "音乐";
    s.art = post.subject == "美术";
    s.certified = post.category == StaffCategory::FullTime || (teaches(s) && rng.chance(0.5)) ||
                  (post.category == StaffCategory::Administrative && rng.chance(0.5));
    if (post.subject == "心理健康") s.counsellor = Counsellor::FullTime;
    // Rotation applies to full-time teachers who have served long enough at this school.
    s.rotation_eligible = post.category == StaffCategory::FullTime && age >= 28 && age <= 55 && rng.chance(0.45);
    return s;
}

int age_of(const Staff& s) { return s.year - s.birth_year; }

// Backbone designations: a handful at county level or above, a few school-level ones,
// drawn from full-time teachers of 30 and over.
void designate_backbones(SchoolData& d, Random& rng) {
    struct Quota {
        Stage stage;
        BackboneLevel level;
        int count;
    };
    constexpr Quota quotas[] = {{Stage::Primary, BackboneLevel::City, 1},       {Stage::Primary, BackboneLevel::County, 6},
                                {Stage::Primary, BackboneLevel::School, 3},     {Stage::Junior, BackboneLevel::Provincial, 1},
                                {Stage::Junior, BackboneLevel::County, 2},      {Stage::Junior, BackboneLevel::School, 2}};
    for (const auto& q : quotas) {
        std::vector<Staff*> candidates;
        for (auto& s : d.staff)
            if (s.category == StaffCategory::FullTime && s.stage == q.stage && s.backbone == BackboneLevel::None && age_of(s) >= 30)
                candidates.push_back(&s);
        for (int placed = 0; placed < q.count && !candidates.empty(); ++placed) {
            auto chosen = candidates.begin() + static_cast<long>(rng.next() % candidates.size());
            (*chosen)->backbone = q.level;
            (*chosen)->backbone_year = d.year.year - rng.between(0, 6);
            candidates.erase(chosen);
        }
    }
}

// Three eligible teachers rotate this year, one of them a county-level backbone teacher
// (made eligible if need be), so the school meets the 10% / 20% rule.
void rotate_teachers(SchoolData& d) {
    for (auto& s : d.staff)
        if (s.backbone == BackboneLevel::County && age_of(s) <= 55) {
            s.rotation_eligible = true;
            s.rotation = Rotation::Out;
            break;
        }
    int others = 0;
    for (auto& s : d.staff) {
        if (!s.rotation_eligible || s.rotation != Rotation::None) continue;
        s.rotation = others == 0 ? Rotation::In : Rotation::Out;
        if (++others == 2) break;
    }
}

void add_staff(SchoolData& d, Random& rng) {
    std::set<std::string> names;
    for (const auto& post : kPosts)
        for (int i = 0; i < post.count; ++i) d.staff.push_back(make_person(rng, post, d.year.year, names));
    // Two moral-education teachers double as part-time counsellors.
    for (auto& s : d.staff)
        if (s.subject == "道德与法治" && s.counsellor == Counsellor::None && s.category == StaffCategory::FullTime) {
            s.counsellor = Counsellor::PartTime;
            if (s.stage == Stage::Junior) break;
        }
    designate_backbones(d, rng);
    rotate_teachers(d);
    for (std::size_t i = 0; i < d.staff.size(); ++i) d.staff[i].id = d.staff[i].person_id = static_cast<Id>(i + 1);
}

// --- training ---------------------------------------------------------------------------

struct Course {
    std::string_view topic;
    OrganiserLevel organiser;
    int hours;
};

constexpr Course kSchoolCourses[] = {
    {"校本研修：集体备课与听评课", OrganiserLevel::School, 12}, {"校本研修：作业设计与批改", OrganiserLevel::School, 8},
    {"师德师风专题教育", OrganiserLevel::School, 6},             {"安全教育与应急演练培训", OrganiserLevel::School, 4},
};
constexpr Course kInduction{"新入职教师岗前培训", OrganiserLevel::County, 120};
constexpr Course kOtherCourses[] = {
    {"国培计划乡村教师网络研修", OrganiserLevel::National, 50}, {"省级学科骨干教师培训", OrganiserLevel::Provincial, 40},
    {"市级课堂教学能力提升培训", OrganiserLevel::City, 24},     {"县级新课标解读专题培训", OrganiserLevel::County, 16},
    {"信息技术应用能力提升工程2.0", OrganiserLevel::County, 25}, {"心理健康教育专题培训", OrganiserLevel::County, 12},
    {"班主任能力提升培训", OrganiserLevel::County, 16},         {"县级学科教研活动", OrganiserLevel::County, 8},
};

Training course_on(Random& rng, const Course& course, Id person, int calendar_year, int last_month) {
    const Date date{calendar_year, rng.between(1, last_month), rng.between(1, 28)};
    return Training{0, person, date, static_cast<double>(course.hours), course.organiser, std::string(course.topic)};
}

// Five calendar years of training per teacher. Recent recruits start with the county's
// induction course but only have the years since they joined, and a few teachers train
// little (`reluctant_share` of them): both fall short of 360 hours.
void add_training(SchoolData& d, Random& rng, double reluctant_share) {
    const int last_year = d.year.year;
    for (const auto& s : d.staff) {
        if (!teaches(s)) continue;
        const int joined = s.birth_year + 23;
        const bool reluctant = rng.chance(reluctant_share);
        if (joined > last_year - 4) d.training.push_back(course_on(rng, kInduction, s.person_id, joined, 8));
        for (int y = std::max(joined, last_year - 4); y <= last_year; ++y) {
            // The current school year's records run to the start of term only.
            const int last_month = y == last_year ? 8 : 12;
            d.training.push_back(course_on(rng, rng.pick(kSchoolCourses), s.person_id, y, last_month));
            if (reluctant) continue;
            d.training.push_back(course_on(rng, rng.pick(kSchoolCourses), s.person_id, y, last_month));
            for (int n = rng.between(3, 4); n > 0; --n)
                d.training.push_back(course_on(rng, rng.pick(kOtherCourses), s.person_id, y, last_month));
        }
    }
}

// --- premises ---------------------------------------------------------------------------

void add_buildings(SchoolData& d) {
    struct Spec {
        std::string_view name;
        BuildingUse use;
        double area;
        SafetyGrade safety;
        int built;
        std::optional<Stage> stage;
    };
    constexpr Spec specs[] = {
        {"小学部教学楼", BuildingUse::Classroom, 2050, SafetyGrade::A, 2012, Stage::Primary},
        {"初中部教学楼", BuildingUse::Classroom, 1120, SafetyGrade::B, 2003, Stage::Junior},
        {"综合楼（专用教室）", BuildingUse::SpecialistRoom, 820, SafetyGrade::A, 2016, std::nullopt},
        {"实验楼", BuildingUse::Lab, 540, SafetyGrade::B, 2003, std::nullopt},
        {"图书室", BuildingUse::Library, 240, SafetyGrade::A, 2016, std::nullopt},
        {"计算机教室", BuildingUse::ComputerRoom, 126, SafetyGrade::A, 2016, std::nullopt},
        {"心理辅导室", BuildingUse::Counselling, 42, SafetyGrade::A, 2016, std::nullopt},
        {"风雨操场", BuildingUse::IndoorSports, 680, SafetyGrade::A, 2019, std::nullopt},
        {"行政办公楼", BuildingUse::Office, 720, SafetyGrade::B, 1998, std::nullopt},
        {"学生宿舍楼（一）", BuildingUse::Dormitory, 1820, SafetyGrade::A, 2014, std::nullopt},
        {"学生宿舍楼（二）", BuildingUse::Dormitory, 1260, SafetyGrade::C, 1996, std::nullopt},
        {"学生食堂", BuildingUse::Canteen, 660, SafetyGrade::A, 2014, std::nullopt},
        {"教师周转房", BuildingUse::OtherLiving, 900, SafetyGrade::B, 2011, std::nullopt},
        {"门卫室及配电房", BuildingUse::Other, 86, SafetyGrade::B, 2003, std::nullopt},
    };
    for (const auto& s : specs)
        d.buildings.push_back(Building{0, d.year.year, std::string(s.name), s.use, s.area, s.safety, s.built, s.stage});
}

void add_rooms(SchoolData& d) {
    const int year = d.year.year;
    auto add = [&](RoomKind kind, std::string name, double area, std::optional<Stage> stage) {
        d.rooms.push_back(Room{0, year, kind, std::move(name), area, stage});
    };
    // One networked multimedia classroom per class, named after it.
    for (const auto& c : d.classes)
        add(RoomKind::Multimedia,
            std::string(zh(c.stage)) + std::to_string(c.grade) + "年级" + std::to_string(c.number) + "班教室", 62, c.stage);
    add(RoomKind::Multimedia, "综合楼多功能报告厅", 180, std::nullopt);
    add(RoomKind::Multimedia, "初中录播教室", 86, Stage::Junior);
    add(RoomKind::Music, "音乐教室（一）", 98, std::nullopt);
    add(RoomKind::Music, "音乐教室（二）", 96, std::nullopt);
    add(RoomKind::Art, "美术教室（一）", 92, std::nullopt);
    add(RoomKind::Art, "美术教室（二）", 72, std::nullopt);   // an older room below 90 m²
    add(RoomKind::Lab, "小学科学实验室（一）", 86, Stage::Primary);
    add(RoomKind::Lab, "小学科学实验室（二）", 86, Stage::Primary);
    add(RoomKind::Lab, "物理实验室", 96, Stage::Junior);
    add(RoomKind::Lab, "化学实验室", 96, Stage::Junior);
    add(RoomKind::Lab, "生物实验室", 90, Stage::Junior);
    add(RoomKind::Computer, "计算机教室", 126, std::nullopt);
    add(RoomKind::Library, "图书室", 240, std::nullopt);
    add(RoomKind::Counselling, "心理辅导室", 42, std::nullopt);
}

void add_grounds(SchoolData& d) {
    const int year = d.year.year;
    d.grounds.push_back(Ground{0, year, "300米环形跑道田径场", GroundKind::Outdoor, 7100, true, std::nullopt, false});
    for (int i = 1; i <= 3; ++i)
        d.grounds.push_back(Ground{0, year, "篮球场（" + std::to_string(i) + "）", GroundKind::Outdoor, 608, true, std::nullopt, false});
    d.grounds.push_back(Ground{0, year, "排球场", GroundKind::Outdoor, 286, true, std::nullopt, false});
    d.grounds.push_back(Ground{0, year, "村委会文化广场（共用）", GroundKind::Outdoor, 640, false, std::nullopt, true});
    d.grounds.push_back(Ground{0, year, "风雨操场", GroundKind::Indoor, 680, true, std::nullopt, false});
}

// --- equipment --------------------------------------------------------------------------

struct Item {
    std::string_view name;
    EquipmentCategory category;
    int unit_low, unit_high;    // 元
    int quantity_low, quantity_high;
    std::optional<Stage> stage;
};

constexpr auto I = EquipmentCategory::Instrument;
constexpr auto O = EquipmentCategory::Other;
constexpr std::optional<Stage> kShared;
constexpr std::optional<Stage> kPrimary = Stage::Primary;
constexpr std::optional<Stage> kJunior = Stage::Junior;

constexpr Item kItems[] = {
    {"学生显微镜", I, 320, 780, 10, 25, kPrimary},          {"放大镜", I, 15, 30, 40, 80, kPrimary},
    {"小学科学实验箱", I, 800, 1500, 8, 20, kPrimary},      {"天文望远镜", I, 1500, 3000, 1, 2, kPrimary},
    {"人体骨骼模型", I, 600, 1200, 1, 2, kShared},          {"地球仪", I, 80, 200, 10, 25, kShared},
    {"磁铁实验套装", I, 30, 60, 30, 50, kPrimary},          {"简单电路实验盒", I, 60, 120, 25, 45, kPrimary},
    {"光学实验器材", I, 1200, 2500, 6, 15, kJunior},        {"电学实验箱", I, 400, 900, 12, 25, kJunior},
    {"托盘天平", I, 150, 400, 12, 25, kJunior},             {"数字化实验系统", I, 15000, 30000, 1, 1, kJunior},
    {"化学实验仪器套装", I, 600, 1200, 10, 25, kJunior},    {"通风橱", I, 6000, 12000, 1, 2, kJunior},
    {"生物显微镜", I, 800, 1500, 12, 25, kJunior},          {"动植物标本", I, 200, 600, 5, 20, kJunior},
    {"学生计算机", I, 3500, 4800, 8, 25, kShared},          {"教师计算机", I, 4500, 6000, 2, 6, kShared},
    {"交互式智能平板", I, 12000, 18000, 1, 4, kShared},     {"投影仪", I, 3500, 6000, 1, 3, kShared},
    {"实物展台", I, 800, 1500, 2, 6, kShared},              {"常态化录播系统", I, 60000, 120000, 1, 1, kJunior},
    {"网络交换机", I, 2000, 8000, 1, 3, kShared},           {"校园网服务器", I, 20000, 40000, 1, 1, kShared},
    {"3D打印机", I, 3000, 8000, 1, 2, kShared},             {"编程机器人套件", I, 1500, 3000, 4, 10, kShared},
    {"钢琴", I, 15000, 30000, 1, 1, kShared},               {"电子琴", I, 1200, 2500, 4, 12, kShared},
    {"手风琴", I, 2500, 4000, 1, 2, kShared},               {"架子鼓", I, 3000, 6000, 1, 1, kShared},
    {"小提琴", I, 800, 2000, 2, 5, kShared},                {"竖笛", I, 30, 60, 40, 80, kPrimary},
    {"奥尔夫乐器套装", I, 3000, 6000, 1, 2, kPrimary},      {"音响功放设备", I, 5000, 12000, 1, 1, kShared},
    {"画架", I, 120, 300, 15, 30, kShared},                 {"石膏像教具", I, 150, 400, 5, 12, kShared},
    {"陶艺拉坯机", I, 2500, 5000, 1, 3, kShared},           {"版画机", I, 3000, 6000, 1, 1, kShared},
    {"书法桌", I, 400, 800, 10, 20, kShared},               {"篮球架", I, 6000, 12000, 2, 2, kShared},
    {"乒乓球台", I, 1500, 3000, 2, 6, kShared},             {"跳箱", I, 600, 1200, 2, 4, kShared},
    {"体操垫", I, 150, 400, 10, 30, kShared},               {"足球门", I, 2500, 5000, 2, 2, kShared},
    {"体质健康测试仪", I, 8000, 20000, 1, 2, kShared},      {"电子跳绳计数器", I, 200, 500, 5, 15, kShared},
    {"篮球", I, 80, 200, 20, 40, kShared},                  {"足球", I, 80, 200, 15, 30, kShared},
    {"学生课桌椅", O, 300, 600, 40, 120, kShared},          {"教师办公桌椅", O, 800, 1500, 5, 15, kShared},
    {"文件柜", O, 600, 1200, 4, 10, kShared},               {"学生床", O, 600, 1200, 30, 80, kShared},
    {"蒸饭柜", O, 8000, 15000, 1, 2, kShared},              {"冷藏柜", O, 3000, 6000, 1, 2, kShared},
    {"餐具消毒柜", O, 2000, 5000, 1, 2, kShared},           {"空调", O, 3000, 6000, 2, 8, kShared},
    {"监控摄像头", O, 300, 1200, 10, 30, kShared},          {"直饮水机", O, 1500, 3000, 3, 8, kShared},
    {"柴油发电机", O, 15000, 30000, 1, 1, kShared},         {"办公打印机", O, 1500, 4000, 1, 3, kShared},
    {"校园广播系统", O, 10000, 30000, 1, 1, kShared},       {"学生储物柜", O, 800, 1600, 4, 12, kShared},
};

// Each item was bought in several batches over the years; batches older than 12 years are
// often written off (disposed) but stay in the ledger.
void add_equipment(SchoolData& d, Random& rng) {
    const int year = d.year.year;
    for (const auto& item : kItems) {
        for (int batch = rng.between(3, 8); batch > 0; --batch) {
            Equipment e;
            e.year = year;
            e.name = std::string(item.name);
            e.category = item.category;
            e.stage = item.stage;
            e.quantity = rng.between(item.quantity_low, item.quantity_high);
            e.unit_value = rng.between(item.unit_low / 10, item.unit_high / 10) * 10.0;
            e.book_value = e.quantity * e.unit_value;
            const int bought = year - rng.between(0, 18);
            e.acquired = Date{bought, rng.between(1, bought == year ? 8 : 12), rng.between(1, 28)};
            if (year - bought > 12 && rng.chance(0.5)) {
                const int written_off = rng.between(bought + 10, year);
                e.disposed = Date{written_off, written_off == year ? rng.between(1, 8) : rng.between(1, 12), rng.between(1, 28)};
                if (*e.disposed < e.acquired) e.disposed = e.acquired;
            }
            d.equipment.push_back(e);
        }
    }
}

// Public funds at the national benchmark per pupil (小学 720 元, 初中 940 元), with
// training spending just above the 5% the evaluation asks for.
void add_funds(SchoolData& d) {
    int primary = 0, junior = 0;
    for (const auto& g : d.grades) (g.stage == Stage::Primary ? primary : junior) += g.pupils;
    Funds f{0, d.year.year, 720.0 * primary + 940.0 * junior, 0, std::nullopt, primary + junior};
    f.training_spending = std::round(f.public_budget * 0.052);
    d.funds.push_back(f);
}

template <class R> void number_records(std::vector<R>& records) {
    for (std::size_t i = 0; i < records.size(); ++i) records[i].id = static_cast<Id>(i + 1);
}

// === Schools of any shape (demo_school_shape, the demo county) ===========================
// The same people, courses and items as the demo school, in numbers scaled to the shape.
// Resources follow the national standards times a factor drawn per school (Quality), so a
// county holds schools that meet every indicator beside schools short of a few.

// How well one school is provided for, drawn once from its seed before anything else.
struct Quality {
    double area;         // teaching rooms' floor area against the R4 standard
    double sports;       // sports grounds against R5
    double equipment;    // instruments' book value against R6
    bool media_short;    // no multimedia rooms beyond the classrooms (R7 in a full school)
    bool rooms_short;    // one music and one art room fewer than G3 asks
    bool small_room;     // one music or art room below G3's area
    double arts;         // share of PE/music/art posts filled (R3)
    double backbone;     // county-level backbone teachers per 100 pupils (R2)
    double staffing;     // teachers against the staffing norm
    double reluctant;    // share of teachers who train little (G9)
    double rotation;     // share of eligible teachers rotated (G11)
    bool uncertified;    // one full-time teacher without a certificate (G12)
    bool funded_as_100;  // a small village school funded as 100 pupils (G6)
    double training_share;   // of public funds (Q4)
    int dropouts;        // most pupils a junior cohort lost (Q1)
};

// A factor ≥ 1 (meets the standard, up to 1.6×) or, with probability `short_of`, 0.65–0.97.
double provision(Random& rng, double short_of) {
    return rng.chance(short_of) ? 0.65 + 0.32 * rng.unit() : 1.0 + 0.6 * rng.unit();
}

Quality draw_quality(Random& rng, const DemoShape& shape) {
    Quality q{};
    const bool urban = shape.location != Location::Rural;
    q.area = provision(rng, urban ? 0.3 : 0.15);
    q.sports = provision(rng, urban ? 0.4 : 0.15);   // land is scarce in town
    q.equipment = provision(rng, urban ? 0.1 : 0.2);
    q.media_short = rng.chance(0.25);
    q.rooms_short = rng.chance(0.1);
    q.small_room = rng.chance(0.1);
    q.arts = rng.chance(urban ? 0.1 : 0.2) ? 0.35 : 1.0;
    q.backbone = rng.chance(0.15) ? 0.6 + 0.35 * rng.unit() : 1.05 + 0.8 * rng.unit();
    q.staffing = 0.92 + 0.2 * rng.unit();
    q.reluctant = rng.chance(0.5) ? 0.0 : 0.1 * rng.unit();
    q.rotation = rng.chance(0.15) ? 0.04 : 0.11 + 0.06 * rng.unit();
    q.uncertified = rng.chance(0.1);
    q.funded_as_100 = rng.chance(0.85);
    q.training_share = rng.chance(0.88) ? 0.05 + 0.03 * rng.unit() : 0.03 + 0.019 * rng.unit();
    q.dropouts = rng.chance(0.8) ? 2 : 8;
    return q;
}

const DemoStage& stage_shape(const DemoShape& shape, Stage stage) {
    return stage == Stage::Primary ? shape.primary : stage == Stage::Junior ? shape.junior : shape.senior;
}
int grades_taught(const DemoShape& shape, Stage stage) {
    return stage == Stage::Primary ? shape.primary_grades : grades_in(stage);
}

bool has_stage(const SchoolData& d, Stage stage) {
    const auto stages = stages_of(d.school.type);
    return std::find(stages.begin(), stages.end(), stage) != stages.end();
}
// A stage tag for rooms and buildings: the stage where the school has several, else shared.
std::optional<Stage> tag(const SchoolData& d, Stage stage) {
    return stages_of(d.school.type).size() > 1 ? std::optional<Stage>(stage) : std::nullopt;
}

// Pupils and classes per stage, once the classes exist.
struct Size {
    int pupils[3] = {0, 0, 0};
    int classes[3] = {0, 0, 0};
    int total_pupils() const { return pupils[0] + pupils[1] + pupils[2]; }
    int total_classes() const { return classes[0] + classes[1] + classes[2]; }
};
Size size_of(const SchoolData& d) {
    Size s;
    for (const auto& g : d.grades) s.pupils[static_cast<int>(g.stage)] += g.pupils;
    for (const auto& c : d.classes) ++s.classes[static_cast<int>(c.stage)];
    return s;
}
// What the national standards ask per pupil (`primary`, `junior`; senior as junior) for the
// whole school. Shared resources are divided by pupil share between the stages, so a school
// with a junior stage needs the junior figure for every pupil to meet it in both parts.
double standard_total(const Size& s, double primary, double junior) {
    return s.pupils[1] + s.pupils[2] > 0 ? s.total_pupils() * junior : s.pupils[0] * primary;
}

// --- pupils ---

void add_roll(SchoolData& d, Random& rng, Stage stage, int grade, int pupils) {
    GradeRoll roll{0, d.year.year, stage, grade, pupils, 0, 0, 0, 0};
    // Villages send their parents to work in the cities; towns and the county seat take in
    // the children of those who came from elsewhere.
    double migrant = 0, left_behind = 0;
    switch (d.school.location) {
        case Location::Rural: migrant = 0.01 * rng.unit(); left_behind = 0.2 + 0.15 * rng.unit(); break;
        case Location::Town: migrant = 0.05 + 0.1 * rng.unit(); left_behind = 0.1 + 0.1 * rng.unit(); break;
        case Location::Urban: migrant = 0.15 + 0.15 * rng.unit(); left_behind = 0.02 + 0.04 * rng.unit(); break;
    }
    roll.migrant = static_cast<int>(std::lround(pupils * migrant));
    roll.left_behind = static_cast<int>(std::lround(pupils * left_behind));
    roll.disabled_in_regular = std::min(pupils, rng.chance(0.4) ? rng.between(1, 2) : 0);
    roll.disabled_other = std::min(pupils - roll.disabled_in_regular, rng.chance(0.1) ? 1 : 0);
    d.grades.push_back(roll);
}

void add_shaped_pupils(SchoolData& d, Random& rng, const DemoShape& shape) {
    const int year = d.year.year;
    for (Stage stage : stages_of(shape.type)) {
        const DemoStage& st = stage_shape(shape, stage);
        const int grades = grades_taught(shape, stage);
        if (shape.mixed_grades) {
            // A 复式班 of two neighbouring grades, entered under the higher one with all its pupils.
            for (int low = 1; low <= grades; low += 2) {
                const int high = std::min(low + 1, grades);
                int together = 0;
                for (int grade = low; grade <= high; ++grade) {
                    const int pupils = rng.between(st.class_min, st.class_max);
                    add_roll(d, rng, stage, grade, pupils);
                    together += pupils;
                }
                d.classes.push_back(ClassGroup{0, year, stage, high, 1, together});
            }
            continue;
        }
        for (int grade = 1; grade <= grades; ++grade) {
            // Births fall: the lower primary grades of a larger school have a class fewer now and then.
            const int classes = st.classes - (stage == Stage::Primary && grade <= 2 && st.classes >= 2 && rng.chance(0.4) ? 1 : 0);
            int pupils = 0;
            for (int number = 1; number <= classes; ++number) {
                const int size = rng.between(st.class_min, st.class_max);
                d.classes.push_back(ClassGroup{0, year, stage, grade, number, size});
                pupils += size;
            }
            add_roll(d, rng, stage, grade, pupils);
        }
    }
}

// One cohort per junior grade, as for the demo school; a school short of Q1 lost more pupils.
void add_shaped_cohorts(SchoolData& d, Random& rng, const Quality& q) {
    for (const auto& roll : d.grades) {
        if (roll.stage != Stage::Junior) continue;
        Cohort c{0, d.year.year, Stage::Junior, d.year.year - (roll.grade - 1), 0, 0, 0, roll.pupils};
        c.transferred_in = std::min(roll.pupils, rng.between(0, 3));
        c.transferred_out = rng.between(0, 4);
        const int dropped_out = roll.grade == 1 ? 0 : rng.between(0, q.dropouts);
        c.intake = c.current + c.transferred_out + dropped_out - c.transferred_in;
        d.cohorts.push_back(c);
    }
}

// --- staff ---

struct Share {
    std::string_view subject;
    double weight;
};
constexpr Share kPrimaryShares[] = {{"语文", .30}, {"数学", .25}, {"英语", .10}, {"科学", .07}, {"道德与法治", .05},
                                    {"体育", .08}, {"音乐", .06}, {"美术", .05}, {"信息科技", .04}};
constexpr Share kJuniorShares[] = {{"语文", .14}, {"数学", .14}, {"英语", .13}, {"物理", .07}, {"化学", .05},
                                   {"生物", .05}, {"历史", .06}, {"地理", .05}, {"道德与法治", .06}, {"信息科技", .03},
                                   {"体育", .08}, {"音乐", .03}, {"美术", .03}, {"心理健康", .02}};
constexpr Share kSeniorShares[] = {{"语文", .13}, {"数学", .13}, {"英语", .13}, {"物理", .09}, {"化学", .08},
                                   {"生物", .07}, {"历史", .06}, {"地理", .06}, {"思想政治", .06}, {"信息技术", .04},
                                   {"通用技术", .02}, {"体育", .07}, {"音乐", .02}, {"美术", .02}, {"心理健康", .01}};

bool arts_subject(std::string_view subject) { return subject == "体育" || subject == "音乐" || subject == "美术"; }

// `teachers` posts of a stage, shared out by subject (highest averages: the core subjects
// first, specialists once the school is big enough), PE/music/art scaled by `arts`.
std::vector<Post> subject_posts(Stage stage, int teachers, double arts) {
    std::span<const Share> shares = stage == Stage::Primary ? std::span<const Share>(kPrimaryShares)
                                    : stage == Stage::Junior ? std::span<const Share>(kJuniorShares)
                                                             : std::span<const Share>(kSeniorShares);
    std::vector<double> weight;
    double sum = 0;
    for (const auto& s : shares) sum += weight.emplace_back(s.weight * (arts_subject(s.subject) ? arts : 1.0));
    std::vector<int> count(shares.size(), 0);
    for (int placed = 0; placed < teachers; ++placed) {
        std::size_t best = 0;
        double best_gap = -1e9;
        for (std::size_t i = 0; i < shares.size(); ++i) {
            const double gap = weight[i] / sum * teachers - count[i];
            if (gap > best_gap) best_gap = gap, best = i;
        }
        ++count[best];
    }
    std::vector<Post> posts;
    for (std::size_t i = 0; i < shares.size(); ++i)
        if (count[i] > 0) posts.push_back(Post{StaffCategory::FullTime, stage, shares[i].subject, count[i]});
    return posts;
}

// Teachers a stage is given: the larger of the pupil norm (编制 1:19 primary, 1:13.5 junior,
// 1:12.5 senior) and the class norm small schools are staffed by, times the school's staffing.
int stage_teachers(Stage stage, int pupils, int classes, double staffing) {
    const double by_pupils = pupils / (stage == Stage::Primary ? 19.0 : stage == Stage::Junior ? 13.5 : 12.5);
    const double by_classes = classes * (stage == Stage::Primary ? 1.8 : stage == Stage::Junior ? 3.0 : 3.3);
    return std::max(2, static_cast<int>(std::lround(std::max(by_pupils, by_classes) * staffing)));
}

void designate_shaped_backbones(SchoolData& d, Random& rng, const Size& size, const Quality& q) {
    for (Stage stage : stages_of(d.school.type)) {
        std::vector<Staff*> candidates;
        int teachers = 0;
        for (auto& s : d.staff) {
            if (s.category != StaffCategory::FullTime || s.stage != stage) continue;
            ++teachers;
            if (age_of(s) >= 30) candidates.push_back(&s);
        }
        // Meeting R2 takes at least one per 100 pupils: round up then, down when short.
        const double wanted = size.pupils[static_cast<int>(stage)] / 100.0 * q.backbone;
        const int county = static_cast<int>(q.backbone >= 1 ? std::ceil(wanted) : std::floor(wanted));
        const int school = static_cast<int>(std::lround(teachers * 0.08));
        for (int placed = 0; placed < county + school && !candidates.empty(); ++placed) {
            auto chosen = candidates.begin() + static_cast<long>(rng.next() % candidates.size());
            const double r = rng.unit();
            (*chosen)->backbone = placed >= county ? BackboneLevel::School
                                  : r < 0.04       ? BackboneLevel::Provincial
                                  : r < 0.16       ? BackboneLevel::City
                                                   : BackboneLevel::County;
            (*chosen)->backbone_year = d.year.year - rng.between(0, 6);
            candidates.erase(chosen);
        }
    }
}

bool county_backbone(const Staff& s) {
    return s.backbone != BackboneLevel::None && s.backbone != BackboneLevel::School;
}

// `q.rotation` of the eligible teachers rotate out, a fifth of them county-level backbone
// teachers (made eligible if need be) — G11 — unless the school falls short; one teacher
// came in from another school.
void rotate_shaped_teachers(SchoolData& d, const Quality& q) {
    auto eligible = [&] {
        return static_cast<int>(std::count_if(d.staff.begin(), d.staff.end(), [](const Staff& s) { return s.rotation_eligible; }));
    };
    int backbones = static_cast<int>(std::ceil((std::ceil(eligible() * q.rotation) + 1) * 0.2));
    int rotated = 0;
    for (auto& s : d.staff)
        if (backbones > 0 && county_backbone(s) && age_of(s) <= 55 && s.category == StaffCategory::FullTime) {
            s.rotation_eligible = true;
            s.rotation = Rotation::Out;
            --backbones;
            ++rotated;
        }
    const int target = static_cast<int>(std::ceil(eligible() * q.rotation));
    bool came_in = false;
    for (auto& s : d.staff) {
        if (!s.rotation_eligible || s.rotation != Rotation::None) continue;
        if (rotated < target) {
            s.rotation = Rotation::Out;
            ++rotated;
        } else if (!came_in) {
            s.rotation = Rotation::In;
            came_in = true;
        }
    }
}

void add_shaped_staff(SchoolData& d, Random& rng, const Size& size, const Quality& q) {
    std::vector<Post> posts;
    const bool point = d.school.type == SchoolType::TeachingPoint;
    int teachers = 0;
    if (point) {
        // A teaching point: a teacher or two more than its classes, between 3 and 8.
        teachers = std::clamp(size.total_classes() + rng.between(1, 3), 3, 8);
        posts = subject_posts(Stage::Primary, teachers, 1.0);
    } else {
        for (Stage stage : stages_of(d.school.type)) {
            const int i = static_cast<int>(stage);
            const int n = stage_teachers(stage, size.pupils[i], size.classes[i], q.staffing);
            teachers += n;
            for (const auto& p : subject_posts(stage, n, q.arts)) posts.push_back(p);
        }
    }
    // Village schools fill gaps with substitute teachers.
    if (!point && d.school.location == Location::Rural && has_stage(d, Stage::Primary) && rng.chance(0.3))
        posts.push_back(Post{StaffCategory::Substitute, Stage::Primary, rng.chance(0.5) ? "语文" : "数学", rng.between(1, 2)});
    const int pupils = size.total_pupils();
    if (!point) {
        posts.push_back(Post{StaffCategory::Administrative, std::nullopt, "", std::max(1, static_cast<int>(std::lround(teachers / 18.0)))});
        if (pupils >= 250)
            posts.push_back(Post{StaffCategory::Auxiliary, std::nullopt, "", std::max(1, static_cast<int>(std::lround(pupils / 500.0)))});
    }
    const int workers = point ? rng.between(0, 1)
                              : std::max(1, static_cast<int>(std::lround(pupils / (d.school.boarding ? 120.0 : 500.0))));
    if (workers > 0) posts.push_back(Post{StaffCategory::Worker, std::nullopt, "", workers});

    std::set<std::string> names;
    for (const auto& post : posts)
        for (int i = 0; i < post.count; ++i) d.staff.push_back(make_person(rng, post, d.year.year, names));
    // A moral-education teacher of each stage doubles as a part-time counsellor.
    std::set<Stage> counselled;
    for (auto& s : d.staff)
        if ((s.subject == "道德与法治" || s.subject == "思想政治") && s.category == StaffCategory::FullTime &&
            s.counsellor == Counsellor::None && counselled.insert(*s.stage).second)
            s.counsellor = Counsellor::PartTime;
    if (q.uncertified)
        for (auto& s : d.staff)
            if (s.category == StaffCategory::FullTime && age_of(s) < 30) {
                s.certified = false;   // recruited before the certificate came
                break;
            }
    designate_shaped_backbones(d, rng, size, q);
    rotate_shaped_teachers(d, q);
    for (std::size_t i = 0; i < d.staff.size(); ++i) d.staff[i].id = d.staff[i].person_id = static_cast<Id>(i + 1);
}

// --- premises ---

std::string numbered(std::string_view name, int n, int of) {
    static constexpr std::string_view kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    if (of <= 1) return std::string(name);
    return std::string(name) + "（" + (n <= 10 ? std::string(kNumerals[n - 1]) : std::to_string(n)) + "）";
}

int per_twelve(int classes) { return (classes + 11) / 12; }

// The classrooms first, one per class and in the classes' order (buildings are sized from
// them), then the specialist rooms of the stages the school has.
void add_shaped_rooms(SchoolData& d, Random& rng, const Size& size, const Quality& q, bool mixed_grades) {
    const int year = d.year.year;
    auto add = [&](RoomKind kind, std::string name, double area, std::optional<Stage> stage) {
        d.rooms.push_back(Room{0, year, kind, std::move(name), area, stage});
    };
    for (const auto& c : d.classes) {
        // A mixed class sits under the even grade of its pair (1–2, 3–4, 5–6).
        const bool mixed = mixed_grades && c.grade % 2 == 0;
        const std::string name = mixed ? std::string(zh(c.stage)) + std::to_string(c.grade - 1) + "、" + std::to_string(c.grade) + "年级复式班教室"
                                       : std::string(zh(c.stage)) + std::to_string(c.grade) + "年级" + std::to_string(c.number) + "班教室";
        add(RoomKind::Multimedia, name, rng.between(50, 70), tag(d, c.stage));
    }
    const int classes = size.total_classes();
    if (d.school.type == SchoolType::TeachingPoint) {
        add(RoomKind::Other, "综合活动室", rng.between(40, 70), std::nullopt);
        return;
    }
    // Multimedia rooms beyond the classrooms: what R7 asks of a full school, unless short.
    const int wanted = static_cast<int>(std::ceil(0.024 * size.total_pupils())) - classes;
    const int extra = q.media_short ? rng.between(0, 1) : std::max(rng.between(0, 2), wanted + rng.between(0, 2));
    for (int i = 1; i <= extra; ++i) {
        if (i == 1) add(RoomKind::Multimedia, "多功能报告厅", rng.between(120, 300), std::nullopt);
        else if (i == 2) add(RoomKind::Multimedia, "录播教室", rng.between(70, 100), std::nullopt);
        else add(RoomKind::Multimedia, "多媒体教室（" + std::to_string(i - 2) + "）", rng.between(60, 80), std::nullopt);
    }
    // G3: a music and an art room per 12 classes, 96 and 90 m².
    const int arts_rooms = std::max(q.rooms_short && per_twelve(classes) > 1 ? 1 : 0, per_twelve(classes) - (q.rooms_short ? 1 : 0));
    const int small = q.small_room ? rng.between(1, 2) : 0;   // 1: a music room, 2: an art room below the area
    for (int i = 1; i <= arts_rooms; ++i)
        add(RoomKind::Music, numbered("音乐教室", i, arts_rooms), small == 1 && i == arts_rooms ? rng.between(70, 95) : rng.between(96, 120), std::nullopt);
    for (int i = 1; i <= arts_rooms; ++i)
        add(RoomKind::Art, numbered("美术教室", i, arts_rooms), small == 2 && i == arts_rooms ? rng.between(60, 89) : rng.between(90, 110), std::nullopt);
    if (has_stage(d, Stage::Primary)) {
        const int labs = per_twelve(size.classes[0]);
        const std::string name = stages_of(d.school.type).size() > 1 ? "小学科学实验室" : "科学实验室";
        for (int i = 1; i <= labs; ++i) add(RoomKind::Lab, numbered(name, i, labs), rng.between(86, 100), tag(d, Stage::Primary));
    }
    for (Stage stage : {Stage::Junior, Stage::Senior}) {
        if (!has_stage(d, stage)) continue;
        const int labs = per_twelve(size.classes[static_cast<int>(stage)]);
        const std::string prefix = stage == Stage::Senior ? "高中" : "";
        for (std::string_view subject : {"物理实验室", "化学实验室", "生物实验室"})
            for (int i = 1; i <= labs; ++i) add(RoomKind::Lab, numbered(prefix + std::string(subject), i, labs), rng.between(90, 110), tag(d, stage));
    }
    const int computer = 1 + classes / 30;
    for (int i = 1; i <= computer; ++i) add(RoomKind::Computer, numbered("计算机教室", i, computer), rng.between(90, 130), std::nullopt);
    add(RoomKind::Library, "图书室", std::clamp(60.0 + 0.1 * size.total_pupils(), 60.0, 900.0), std::nullopt);
    add(RoomKind::Counselling, "心理辅导室", rng.between(30, 60), std::nullopt);
}

void add_shaped_grounds(SchoolData& d, Random& rng, const Size& size, const Quality& q) {
    const int year = d.year.year;
    auto add = [&](std::string name, GroundKind kind, double area, bool owned, bool within_walk) {
        d.grounds.push_back(Ground{0, year, std::move(name), kind, area, owned, std::nullopt, within_walk});
    };
    const double wanted = standard_total(size, 7.5, 10.2) * q.sports;
    double placed = 0;
    // Indoor halls in town and in the larger schools, counted with the grounds (R5).
    if (d.school.type != SchoolType::TeachingPoint && (d.school.location != Location::Rural || size.total_classes() >= 18) &&
        rng.chance(0.6)) {
        const double hall = rng.between(500, 1500);
        add("风雨操场", GroundKind::Indoor, hall, true, false);
        placed += hall;
    }
    if (d.school.type == SchoolType::TeachingPoint) {
        add("操场", GroundKind::Outdoor, std::max(300.0, std::round(wanted)), true, false);
        return;
    }
    if (wanted - placed >= 13000) add("400米环形跑道田径场", GroundKind::Outdoor, rng.between(12000, 15000), true, false);
    else if (wanted - placed >= 6500) add("300米环形跑道田径场", GroundKind::Outdoor, 7100, true, false);
    else if (wanted - placed >= 3000) add("200米环形跑道田径场", GroundKind::Outdoor, rng.between(3800, 4500), true, false);
    else add("运动场", GroundKind::Outdoor, std::max(600.0, std::round((wanted - placed) * 0.7)), true, false);
    placed += d.grounds.back().area;
    const int courts = std::clamp(static_cast<int>(std::ceil((wanted - placed) / 608)), 1, 24);
    for (int i = 1; i <= courts; ++i) add(numbered("篮球场", i, courts), GroundKind::Outdoor, 608, true, false);
    placed += 608.0 * courts;
    if (wanted - placed > 286) add("排球场", GroundKind::Outdoor, 286, true, false);
    if (d.school.location == Location::Rural && rng.chance(0.3))
        add("村委会文化广场（共用）", GroundKind::Outdoor, rng.between(400, 900), false, true);
}

// Buildings sized to hold the rooms (R4's teaching and auxiliary area, times the school's
// provision), plus offices, and dormitories and a canteen where pupils board.
void add_shaped_buildings(SchoolData& d, Random& rng, const Size& size, const Quality& q) {
    const int year = d.year.year;
    auto built = [&] { return year - rng.between(1, 35); };
    auto safety = [&](int when) {
        const double r = rng.unit();
        return r < (when < 1995 ? 0.2 : 0.04) ? SafetyGrade::C : r < 0.45 ? SafetyGrade::B : SafetyGrade::A;
    };
    auto add = [&](std::string name, BuildingUse use, double area, std::optional<Stage> stage) {
        const int when = built();
        d.buildings.push_back(Building{0, year, std::move(name), use, std::round(area), safety(when), when, stage});
    };
    // rooms[i] is class i's classroom for i < classes.size() (add_shaped_rooms).
    double classrooms = 0, specialist = 0;
    for (std::size_t i = 0; i < d.rooms.size(); ++i) (i < d.classes.size() ? classrooms : specialist) += d.rooms[i].area;
    const double corridors = 1.35;
    const double physical = (classrooms + specialist) * corridors;
    const double grow = std::max(1.0, standard_total(size, 4.5, 5.8) * q.area / physical);
    const bool several = stages_of(d.school.type).size() > 1;
    for (Stage stage : stages_of(d.school.type)) {
        double area = 0;
        for (std::size_t i = 0; i < d.classes.size(); ++i)
            if (d.classes[i].stage == stage) area += d.rooms[i].area;
        add(several ? std::string(zh(stage)) + "部教学楼" : "教学楼", BuildingUse::Classroom, area * corridors * grow, tag(d, stage));
    }
    if (specialist > 0)
        add(d.school.type == SchoolType::TeachingPoint ? "综合活动室" : "综合楼（专用教室）", BuildingUse::SpecialistRoom,
            specialist * corridors * grow, std::nullopt);
    for (const auto& g : d.grounds)
        if (g.kind == GroundKind::Indoor) add(g.name, BuildingUse::IndoorSports, g.area, std::nullopt);
    const bool point = d.school.type == SchoolType::TeachingPoint;
    add(point ? "教师办公室" : "行政办公楼", BuildingUse::Office, std::max(30.0, 6.0 * d.staff.size()), std::nullopt);
    const int pupils = size.total_pupils();
    if (d.school.boarding) {
        const double boarders = pupils * (0.4 + 0.4 * rng.unit());
        const double dorms = boarders * 4.5;
        if (dorms > 3000) {
            add("学生宿舍楼（一）", BuildingUse::Dormitory, dorms * 0.55, std::nullopt);
            add("学生宿舍楼（二）", BuildingUse::Dormitory, dorms * 0.45, std::nullopt);
        } else {
            add("学生宿舍楼", BuildingUse::Dormitory, std::max(60.0, dorms), std::nullopt);
        }
    }
    if (d.school.boarding || pupils >= 500) add("学生食堂", BuildingUse::Canteen, std::max(80.0, pupils * (d.school.boarding ? 0.9 : 0.5)), std::nullopt);
    else if (point) add("厨房", BuildingUse::Canteen, rng.between(20, 40), std::nullopt);
    if (d.school.location == Location::Rural && !point && rng.chance(0.6))
        add("教师周转房", BuildingUse::OtherLiving, rng.between(300, 1200), std::nullopt);
    add(point ? "厕所" : "门卫室及配电房", BuildingUse::Other, rng.between(20, 90), std::nullopt);
}

// --- equipment ---

bool item_fits(const SchoolData& d, const Item& item) {
    if (item.stage && !has_stage(d, *item.stage)) return false;
    const std::string_view name = item.name;
    if (!d.school.boarding && (name == "学生床" || name == "蒸饭柜")) return false;
    if (d.school.location != Location::Rural && name == "柴油发电机") return false;
    return true;
}

// The demo school's items in batches scaled to the classes; instruments then brought to the
// school's provision of R6's value per pupil.
void add_shaped_equipment(SchoolData& d, Random& rng, const Size& size, const Quality& q) {
    const int year = d.year.year;
    const int classes = size.total_classes();
    const bool point = d.school.type == SchoolType::TeachingPoint;
    const double scale = std::clamp(classes / 22.0, 0.05, 5.0);
    const int most_batches = std::clamp(2 + classes / 6, 2, 8);
    for (const auto& item : kItems) {
        if (!item_fits(d, item)) continue;
        if (point && (item.unit_high > 20000 || rng.chance(0.5))) continue;
        if (classes < 12 && rng.chance(0.3)) continue;
        for (int batch = rng.between(1, most_batches); batch > 0; --batch) {
            Equipment e;
            e.year = year;
            e.name = std::string(item.name);
            e.category = item.category;
            e.stage = item.stage ? tag(d, *item.stage) : std::nullopt;
            e.quantity = std::max(1, static_cast<int>(std::lround(rng.between(item.quantity_low, item.quantity_high) * scale)));
            e.unit_value = rng.between(item.unit_low / 10, item.unit_high / 10) * 10.0;
            const int bought = year - rng.between(0, 18);
            e.acquired = Date{bought, rng.between(1, bought == year ? 8 : 12), rng.between(1, 28)};
            if (year - bought > 12 && rng.chance(0.5)) {
                const int written_off = rng.between(bought + 10, year);
                e.disposed = Date{written_off, written_off == year ? rng.between(1, 8) : rng.between(1, 12), rng.between(1, 28)};
                if (*e.disposed < e.acquired) e.disposed = e.acquired;
            }
            d.equipment.push_back(e);
        }
    }
    double held = 0;
    for (const auto& e : d.equipment)
        if (e.category == EquipmentCategory::Instrument && !e.disposed) held += e.quantity * e.unit_value;
    const double factor = held > 0 ? standard_total(size, 2000, 2500) * q.equipment / held : 1.0;
    for (auto& e : d.equipment) {
        if (e.category == EquipmentCategory::Instrument && !e.disposed)
            e.quantity = std::clamp(static_cast<int>(std::lround(e.quantity * factor)), 1,
                                    std::min(5000, static_cast<int>(5e7 / e.unit_value)));
        e.book_value = e.quantity * e.unit_value;
    }
}

// Public funds at the benchmark per pupil (小学 720, 初中 940, 高中 1,100 元); a village
// school or teaching point under 100 pupils funded as if it had 100 (G6) unless short.
void add_shaped_funds(SchoolData& d, const Size& size, const Quality& q) {
    const int pupils = size.total_pupils();
    double budget = 720.0 * size.pupils[0] + 940.0 * size.pupils[1] + 1100.0 * size.pupils[2];
    int funded = pupils;
    if (pupils < 100 && pupils > 0 && d.school.location == Location::Rural && q.funded_as_100) {
        budget = budget * 100.0 / pupils;
        funded = 100;
    }
    Funds f{0, d.year.year, std::round(budget), 0, std::nullopt, funded};
    f.training_spending = std::round(f.public_budget * q.training_share);
    d.funds.push_back(f);
}

bool ten_digits(std::string_view s) {
    return s.size() == 10 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A shape no school can have is the caller's mistake: say which.
void check_shape(const std::string& code, int year, const DemoShape& shape) {
    auto fail = [&](const std::string& why) { throw std::invalid_argument("demo school " + code + ": " + why); };
    if (!ten_digits(code)) fail("the school code must be 10 digits");
    if (year < 2000 || year > 2100) fail("the school year must be within 2000–2100");
    if (shape.name.empty()) fail("the shape has no name");
    if (shape.county_code.size() != 6 || !ten_digits(shape.county_code + "0000") || !province_of(shape.county_code))
        fail("county code '" + shape.county_code + "' is not 6 digits of a province");
    if (shape.type == SchoolType::SpecialEducation) fail("special-education schools are not generated");
    if (shape.type == SchoolType::TeachingPoint && (!shape.central_school_code || !ten_digits(*shape.central_school_code) ||
                                                    *shape.central_school_code == code))
        fail("a teaching point needs its central school's 10-digit code, not its own");
    if (shape.primary_grades < 1 || shape.primary_grades > 6) fail("primary grades taught must be 1–6");
    const auto stages = stages_of(shape.type);
    for (Stage stage : {Stage::Primary, Stage::Junior, Stage::Senior}) {
        const DemoStage& st = stage_shape(shape, stage);
        const bool taught = std::find(stages.begin(), stages.end(), stage) != stages.end();
        const std::string what = std::string(en(stage)) + " stage";
        if (!taught && st.classes != 0) fail("a " + std::string(en(shape.type)) + " has no " + what);
        if (!taught) continue;
        if (st.classes < 1 || st.classes > 40) fail(what + ": classes per grade must be 1–40");
        if (st.class_min < 1 || st.class_min > st.class_max || st.class_max > (shape.mixed_grades ? 60 : 120))
            fail(what + ": class sizes must be 1–120 (1–60 per grade in mixed classes), smallest first");
    }
    if (shape.mixed_grades && (shape.type != SchoolType::TeachingPoint && shape.type != SchoolType::Primary))
        fail("mixed-grade classes are for primary schools and teaching points");
    if (shape.mixed_grades && shape.primary.classes != 1) fail("mixed-grade classes come one per pair of grades");
}

}  // namespace

SchoolData make_demo_school(const std::string& code, int year, std::uint64_t seed) {
    Random rng(seed);
    SchoolData d;
    d.school.code = code;
    d.school.name = "安远县堃溪镇琰山九年一贯制学校";
    d.school.county_code = std::string(kDemoCountyCode);
    d.school.type = SchoolType::NineYear;
    d.school.location = Location::Rural;
    d.school.ownership = Ownership::Public;
    d.school.boarding = true;
    d.year.id = 1;
    d.year.year = year;
    d.year.pupils_confirmed = true;
    d.year.charter = true;     // Q3: a charter, and management and teaching digitised
    d.year.digitised = true;

    add_pupils(d, rng);
    add_cohorts(d, rng);
    add_staff(d, rng);
    add_training(d, rng, 0.08);
    add_buildings(d);
    add_rooms(d);
    add_grounds(d);
    add_equipment(d, rng);
    add_funds(d);

    number_records(d.classes);
    number_records(d.grades);
    number_records(d.cohorts);
    number_records(d.training);
    number_records(d.buildings);
    number_records(d.rooms);
    number_records(d.grounds);
    number_records(d.equipment);
    number_records(d.funds);
    return d;
}

}  // namespace jh::domain

namespace jh::domain {

DemoShape demo_school_shape() {
    DemoShape shape;
    shape.name = "安远县堃溪镇琰山九年一贯制学校";
    shape.county_code = std::string(kDemoCountyCode);
    shape.type = SchoolType::NineYear;
    shape.location = Location::Rural;
    shape.boarding = true;
    shape.primary = DemoStage{3, 37, 46};
    shape.junior = DemoStage{2, 44, 50};
    return shape;
}

SchoolData make_demo_school(const std::string& code, int year, const DemoShape& shape, std::uint64_t seed) {
    check_shape(code, year, shape);
    Random rng(seed);
    const Quality q = draw_quality(rng, shape);
    SchoolData d;
    d.school.code = code;
    d.school.name = shape.name;
    d.school.county_code = shape.county_code;
    d.school.type = shape.type;
    d.school.location = shape.location;
    d.school.ownership = Ownership::Public;
    d.school.boarding = shape.boarding;
    d.school.township_central = shape.township_central;
    d.school.central_school_code = shape.central_school_code;
    d.year.id = 1;
    d.year.year = year;
    d.year.pupils_confirmed = true;
    d.year.charter = rng.chance(0.95);
    d.year.digitised = rng.chance(0.9);

    add_shaped_pupils(d, rng, shape);
    add_shaped_cohorts(d, rng, q);
    const Size size = size_of(d);
    add_shaped_staff(d, rng, size, q);
    add_training(d, rng, q.reluctant);
    add_shaped_rooms(d, rng, size, q, shape.mixed_grades);
    add_shaped_grounds(d, rng, size, q);
    add_shaped_buildings(d, rng, size, q);
    add_shaped_equipment(d, rng, size, q);
    add_shaped_funds(d, size, q);

    number_records(d.classes);
    number_records(d.grades);
    number_records(d.cohorts);
    number_records(d.training);
    number_records(d.buildings);
    number_records(d.rooms);
    number_records(d.grounds);
    number_records(d.equipment);
    number_records(d.funds);
    return d;
}

}  // namespace jh::domain
