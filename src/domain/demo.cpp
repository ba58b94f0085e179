// Builds the demo school (see demo.hpp). Numbers follow what a rural nine-year school in
// central China reports: class sizes near the limits, many left-behind children, an ageing
// primary staff with older 中师/专科 qualifications beside young graduates, county-run
// training plus the national online programme, and equipment bought in batches over years.
#include "domain/demo.hpp"

#include <array>
#include <cmath>
#include <set>
#include <string_view>

namespace jh::domain {
namespace {

// splitmix64: tiny, well mixed, and identical on every platform (unlike std::*_distribution).
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
    double unit() { return static_cast<double>(next() >> 11) / static_cast<double>(1ull << 53); }
    bool chance(double p) { return unit() < p; }
    template <class C> const auto& pick(const C& from) { return from[next() % std::size(from)]; }

private:
    std::uint64_t state_;
};

constexpr std::string_view kCountyCode = "360726";

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
// little: both fall short of 360 hours.
void add_training(SchoolData& d, Random& rng) {
    const int last_year = d.year.year;
    for (const auto& s : d.staff) {
        if (!teaches(s)) continue;
        const int joined = s.birth_year + 23;
        const bool reluctant = rng.chance(0.08);
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

}  // namespace

SchoolData make_demo_school(const std::string& code, int year, std::uint64_t seed) {
    Random rng(seed);
    SchoolData d;
    d.school.code = code;
    d.school.name = "安远县堃溪镇琰山九年一贯制学校";
    d.school.county_code = std::string(kCountyCode);
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
    add_training(d, rng);
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
