// The guarantee (G) and quality (Q) items a school can measure (policy file §2–§3, marked ▲),
// each with what was measured and, when it fails, the smallest change that makes it pass.
#include "indicators/items.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "indicators/counting.hpp"
#include "indicators/resources.hpp"
#include "indicators/text.hpp"

namespace jh::indicators::items {

using namespace counting;
using domain::SchoolData;

std::optional<double> in_force(ItemResult& item, const Threshold& threshold, int year) {
    if (auto value = threshold.at(year)) return value;
    if (auto ended = threshold.ended(year)) {
        const std::string until = domain::to_string(*ended);
        item.status = Status::NotInForce;
        item.detail = {"该项标准已于 " + until + " 停止执行", "this figure stopped applying on " + until};
    } else if (auto first = threshold.first_year(); first && *first > year) {
        item.status = Status::NotInForce;
        item.detail = {"自 " + std::to_string(*first) + " 学年起考核", "assessed from school year " + std::to_string(*first)};
    } else {
        item.status = Status::NotApplicable;
        item.detail = {"本标准包在该学年不考核此项", "not assessed under this rule pack in this year"};
    }
    return std::nullopt;
}

namespace {

ItemResult item(std::string id, Message name) {
    ItemResult r;
    r.id = std::move(id);
    r.name = std::move(name);
    return r;
}

void set_status(ItemResult& r, bool pass) { r.status = pass ? Status::Pass : Status::Fail; }

std::string n0(double v) { return number_text(v, 0); }

const domain::Funds* funds_of(const SchoolData& data, int year) {
    for (const auto& f : data.funds)
        if (f.year == year) return &f;
    return nullptr;
}

bool compulsory(Stage stage) { return stage != Stage::Senior; }

// The teachers G9 and G12 count (counting::compulsory_teacher).
std::vector<const domain::Staff*> compulsory_teachers(const SchoolData& data) {
    std::vector<const domain::Staff*> out;
    for (const auto& s : data.staff)
        if (compulsory_teacher(s)) out.push_back(&s);
    return out;
}

// "张三、李四、王五等 12 人": names for a gap, cut short for large lists.
Message names_of(const std::vector<const domain::Staff*>& staff) {
    constexpr std::size_t kShown = 10;
    std::string zh, en;
    for (std::size_t i = 0; i < staff.size() && i < kShown; ++i) {
        zh += (i ? "、" : "") + staff[i]->name;
        en += (i ? ", " : "") + staff[i]->name;
    }
    if (staff.size() > kShown) {
        zh += "等 " + std::to_string(staff.size()) + " 人";
        en += " and " + std::to_string(staff.size() - kShown) + " more";
    }
    return {zh, en};
}

// ---- G3: music and art rooms ------------------------------------------------------------

struct RoomNeed {
    domain::RoomKind kind;
    const Threshold& min_area;
};

// Counts the rooms of one kind that qualify and adds the gaps: enlarge the biggest undersized
// rooms first (cheapest), then build what is still missing.
int qualifying_rooms(const Context& c, const RoomNeed& need, int required, ItemResult& r) {
    const auto& rules = c.pack.items.g3;
    const double min_area = need.min_area.at(c.year).value_or(0);
    const double counted_from = min_area * (1 - rules.area_allowance);
    std::vector<const domain::Room*> undersized;
    int qualifying = 0;
    for (const auto& room : c.data.rooms) {
        if (room.kind != need.kind || (room.stage && !compulsory(*room.stage))) continue;
        if (at_least(room.area, counted_from)) ++qualifying;
        else undersized.push_back(&room);
    }
    std::sort(undersized.begin(), undersized.end(), [](auto* a, auto* b) { return a->area > b->area; });
    const std::string kind_zh(domain::zh(need.kind)), kind_en(domain::en(need.kind));
    int missing = std::max(0, required - qualifying);
    for (std::size_t i = 0; missing > 0 && i < undersized.size(); ++i, --missing) {
        const auto* room = undersized[i];
        const double add = std::ceil(counted_from - room->area);
        r.gaps.push_back({"G3", add, add / counted_from,
                          {kind_zh + "“" + room->name + "”面积 " + number_text(room->area) + " m²，需扩建至 " + number_text(counted_from) + " m²",
                           kind_en + " '" + room->name + "' has " + number_text(room->area) + " m²; enlarge it to " +
                               number_text(counted_from) + " m²"}});
    }
    if (missing > 0) {
        const std::string size = min_area > 0 ? number_text(counted_from) : "";
        r.gaps.push_back({"G3", static_cast<double>(missing), 1,
                          {"需再建 " + std::to_string(missing) + " 间" + kind_zh + (size.empty() ? "" : "（每间不小于 " + size + " m²）"),
                           "build " + std::to_string(missing) + " more " + kind_en + "s" + (size.empty() ? "" : " of at least " + size + " m²")}});
    }
    return qualifying;
}

ItemResult g3_music_art_rooms(const Context& c) {
    const auto& rules = c.pack.items.g3;
    const std::string per = std::to_string(rules.classes_per_room);
    ItemResult r = item("G3", {"音乐、美术专用教室（每 " + per + " 个班各 1 间，向上取整）",
                               "music and art rooms (one of each per " + per + " classes, rounded up)"});
    if (rules.exempt_rural_below_pupils && c.data.school.location == domain::Location::Rural && c.pupils < *rules.exempt_rural_below_pupils) {
        r.status = Status::NotApplicable;
        const std::string n = std::to_string(*rules.exempt_rural_below_pupils);
        r.detail = {"不足 " + n + " 人的乡村学校免于考核", "rural schools under " + n + " pupils are exempt"};
        return r;
    }
    const int classes = static_cast<int>(std::count_if(c.data.classes.begin(), c.data.classes.end(),
                                                       [](const auto& k) { return compulsory(k.stage); }));
    if (classes == 0) {
        r.detail = {"未填报班级", "no classes reported"};
        return r;
    }
    const int required = (classes + rules.classes_per_room - 1) / rules.classes_per_room;
    const int music = qualifying_rooms(c, {domain::RoomKind::Music, rules.music_min_area}, required, r);
    const int art = qualifying_rooms(c, {domain::RoomKind::Art, rules.art_min_area}, required, r);
    r.value = std::min(music, art);
    r.threshold = required;
    set_status(r, music >= required && art >= required);
    r.detail = {"共 " + std::to_string(classes) + " 个班，音乐、美术教室各需 " + std::to_string(required) + " 间；面积达标的音乐教室 " +
                    std::to_string(music) + " 间、美术教室 " + std::to_string(art) + " 间",
                std::to_string(classes) + " classes need " + std::to_string(required) + " music and " + std::to_string(required) +
                    " art rooms; rooms of sufficient size: " + std::to_string(music) + " music, " + std::to_string(art) + " art"};
    return r;
}

// ---- G4: school size ----------------------------------------------------------------------

ItemResult g4_school_size(const Context& c) {
    const auto stages = domain::stages_of(c.data.school.type);
    const bool multi = std::count_if(stages.begin(), stages.end(), compulsory) > 1;
    ItemResult r = item("G4", {multi ? "学校规模（九年一贯制、十二年一贯制学校义务教育阶段）" : "学校规模（小学、初中）",
                               multi ? "school size (compulsory stages of a nine/twelve-year school)" : "school size (primary or junior school)"});
    const auto limit = in_force(r, multi ? c.pack.items.g4.multi_stage_max : c.pack.items.g4.single_stage_max, c.year);
    if (!limit) return r;
    r.value = c.pupils;
    r.threshold = *limit;
    set_status(r, at_most(c.pupils, *limit));
    r.detail = {"义务教育阶段在校生 " + n0(c.pupils) + " 人，上限 " + n0(*limit) + " 人",
                n0(c.pupils) + " compulsory-stage pupils; limit " + n0(*limit)};
    if (r.status == Status::Fail) {
        const double over = c.pupils - *limit;
        r.gaps.push_back({"G4", over, over / *limit,
                          {"在校生超出规模上限 " + n0(over) + " 人，需分流或扩建新校", n0(over) + " pupils over the limit: move them to another or a new school"}});
    }
    return r;
}

// ---- G5: class size -----------------------------------------------------------------------

ItemResult g5_class_size(const Context& c, Stage stage) {
    const auto& rules = c.pack.items.g5;
    ItemResult r = item("G5", {"班额（每个班）", "class size (every class)"});
    const auto limit = in_force(r, rules.max[stage], c.year);
    if (!limit) return r;
    const auto starting = rules.starting_grade_max[stage].at(c.year);
    int count = 0, largest = 0;
    for (const auto& k : c.data.classes) {
        if (k.stage != stage) continue;
        ++count;
        largest = std::max(largest, k.pupils);
        const bool first_grade = k.grade == 1 && starting && *starting < *limit;
        const double cap = first_grade ? *starting : *limit;
        if (at_most(k.pupils, cap)) continue;
        const double over = k.pupils - cap;
        const Message name = class_name(stage, k.grade, k.number);
        r.gaps.push_back({"G5", over, over / cap,
                          {name.zh + "超出 " + n0(over) + " 人" + (first_grade ? "（起始年级不超过 " + n0(cap) + " 人）" : ""),
                           name.en + " is " + n0(over) + " over" + (first_grade ? " (starting grade limit " + n0(cap) + ")" : "")}});
    }
    if (count == 0) {
        r.detail = {"未填报班级", "no classes reported"};
        return r;
    }
    r.value = largest;
    r.threshold = *limit;
    set_status(r, r.gaps.empty());
    const std::string start_zh = starting && *starting < *limit ? "，起始年级 " + n0(*starting) + " 人" : "";
    const std::string start_en = starting && *starting < *limit ? ", starting grade " + n0(*starting) : "";
    r.detail = {"共 " + std::to_string(count) + " 个班，最大班额 " + std::to_string(largest) + " 人，上限 " + n0(*limit) + " 人" + start_zh +
                    "；超额班级 " + std::to_string(r.gaps.size()) + " 个",
                std::to_string(count) + " classes, largest " + std::to_string(largest) + ", limit " + n0(*limit) + start_en + "; " +
                    std::to_string(r.gaps.size()) + " over"};
    return r;
}

// ---- G6: small rural schools funded as if 100 pupils ----------------------------------------

ItemResult g6_small_school_funding(const Context& c) {
    const auto& rules = c.pack.items.g6;
    const std::string below = std::to_string(rules.below_pupils), min = std::to_string(rules.min_funded_pupils);
    ItemResult r = item("G6", {"不足 " + below + " 人的村小学和教学点按 " + min + " 人核定公用经费",
                               "village schools and teaching points under " + below + " pupils funded as if " + min});
    const bool small_rural = (c.data.school.location == domain::Location::Rural || c.data.school.type == domain::SchoolType::TeachingPoint) &&
                             c.pupils < rules.below_pupils;
    if (!small_rural) {
        r.status = Status::NotApplicable;
        r.detail = {"本校不是不足 " + below + " 人的乡村学校或教学点", "not a rural school or teaching point under " + below + " pupils"};
        return r;
    }
    const auto* funds = funds_of(c.data, c.year);
    if (!funds || !funds->funded_pupils) {
        r.detail = {"未填报公用经费核定人数", "the number of pupils the public funds are computed on is not reported"};
        return r;
    }
    const int funded = *funds->funded_pupils;
    r.value = funded;
    r.threshold = rules.min_funded_pupils;
    set_status(r, funded >= rules.min_funded_pupils);
    r.detail = {"在校生 " + n0(c.pupils) + " 人，公用经费按 " + std::to_string(funded) + " 人核定",
                n0(c.pupils) + " pupils; public funds computed on " + std::to_string(funded)};
    if (r.status == Status::Fail) {
        const double short_by = rules.min_funded_pupils - funded;
        r.gaps.push_back({"G6", short_by, short_by / rules.min_funded_pupils,
                          {"公用经费核定人数需再增加 " + n0(short_by) + " 人（不少于 " + min + " 人）",
                           "compute the public funds on " + n0(short_by) + " more pupils (at least " + min + ")"}});
    }
    return r;
}

// ---- G7: special education per-pupil funds ---------------------------------------------------

ItemResult g7_special_education(const Context& c) {
    ItemResult r = item("G7", {"特殊教育学校（送教上门）生均公用经费", "special education per-pupil public funds"});
    const auto limit = in_force(r, c.pack.items.g7.min_per_pupil, c.year);
    if (!limit) return r;
    const auto* funds = funds_of(c.data, c.year);
    if (!funds || !funds->special_ed_per_pupil) {
        r.status = Status::NotApplicable;
        r.detail = {"本校未填报特殊教育生均公用经费", "no special-education per-pupil funds reported"};
        return r;
    }
    const double value = *funds->special_ed_per_pupil;
    r.value = value;
    r.threshold = *limit;
    set_status(r, at_least(value, *limit));
    const std::string shown = verdict_number_text(value, *limit, r.status == Status::Pass);
    r.detail = {"生均 " + shown + " 元，标准 " + n0(*limit) + " 元", shown + " yuan per pupil; standard " + n0(*limit)};
    if (r.status == Status::Fail) {
        const double add = std::ceil(*limit - value);
        r.gaps.push_back({"G7", add, add / *limit, {"生均公用经费需再提高 " + n0(add) + " 元", "raise per-pupil funds by " + n0(add) + " yuan"}});
    }
    return r;
}

// ---- G9: 360 training hours per cycle ---------------------------------------------------------

ItemResult g9_training_hours(const Context& c) {
    const auto& rules = c.pack.items.g9;
    const std::string hours = n0(rules.hours), years = std::to_string(rules.cycle_years);
    ItemResult r = item("G9", {"教师 " + years + " 年一周期完成 " + hours + " 学时培训", "teachers completing " + hours + " training hours per " + years + "-year cycle"});
    const auto teachers = compulsory_teachers(c.data);
    if (teachers.empty()) {
        r.detail = {"未填报义务教育阶段专任教师", "no full-time teachers of the compulsory stages reported"};
        return r;
    }
    const int offset = c.year - rules.cycle_start_year;
    const int start = rules.cycle_start_year + static_cast<int>(std::floor(static_cast<double>(offset) / rules.cycle_years)) * rules.cycle_years;
    const int end = start + rules.cycle_years - 1;
    std::map<domain::Id, double> done;
    for (const auto& t : c.data.training)
        if (t.date.year >= start && t.date.year <= end) done[t.person_id] += t.hours;
    int complete = 0;
    for (const auto* t : teachers) {
        const double h = done[t->person_id];
        if (at_least(h, rules.hours)) {
            ++complete;
            continue;
        }
        const double missing = std::ceil(rules.hours - h - 1e-9);
        r.gaps.push_back({"G9", missing, missing / rules.hours,
                          {t->name + "还差 " + n0(missing) + " 学时（已完成 " + number_text(h, 1) + " 学时）",
                           t->name + " needs " + n0(missing) + " more hours (" + number_text(h, 1) + " done)"}});
    }
    const double share = static_cast<double>(complete) / static_cast<double>(teachers.size());
    r.value = share;
    r.threshold = 1.0;
    r.status = r.gaps.empty() ? Status::Pass : c.year < end ? Status::InProgress : Status::Fail;
    const std::string cycle = std::to_string(start) + "–" + std::to_string(end);
    r.detail = {"培训周期 " + cycle + "：义务教育阶段专任教师 " + std::to_string(teachers.size()) + " 人，已完成 " + std::to_string(complete) + " 人" +
                    (r.status == Status::InProgress ? "（周期未结束）" : ""),
                "cycle " + cycle + ": " + std::to_string(complete) + " of " + std::to_string(teachers.size()) + " full-time teachers complete" +
                    (r.status == Status::InProgress ? " (cycle still running)" : "")};
    return r;
}

// ---- G11: rotation ----------------------------------------------------------------------------

ItemResult g11_rotation(const Context& c) {
    const auto& rules = c.pack.items.g11;
    ItemResult r = item("G11", {"教师交流轮岗（符合条件教师比例；骨干教师占交流教师比例）",
                                "teacher rotation (share of eligible teachers; backbone share of those rotated)"});
    const auto rate = in_force(r, rules.rotation_rate, c.year);
    if (!rate) return r;
    const double backbone_share = rules.backbone_share.at(c.year).value_or(0);
    // Policy §2: G11 counts 专任 teachers of the compulsory stages who are eligible; rotated
    // staff who are not (代课, senior-high, not flagged eligible) count neither way.
    double eligible = 0, rotated = 0, backbone = 0;
    for (const auto& s : c.data.staff) {
        if (!compulsory_teacher(s) || !s.rotation_eligible) continue;
        eligible += 1;
        if (s.rotation != domain::Rotation::Out) continue;
        rotated += 1;
        if (is_backbone(s.backbone, c.pack.settings.backbone_min_level)) backbone += 1;
    }
    if (eligible == 0) {
        r.status = Status::NotApplicable;
        r.detail = {"本学年无符合交流条件的义务教育阶段专任教师", "no full-time compulsory-stage teachers eligible for rotation this year"};
        return r;
    }
    const double more = smallest_whole([&](double n) { return at_least((rotated + n) / eligible, *rate); }, *rate * eligible - rotated);
    const double total = rotated + more;
    const double backbone_needed =
        total > 0 ? smallest_whole([&](double n) { return at_least(n / total, backbone_share); }, backbone_share * total) : 0;
    const double more_backbone = std::max(0.0, backbone_needed - backbone);
    r.value = rotated / eligible;
    r.threshold = *rate;
    set_status(r, more == 0 && more_backbone == 0);
    const std::string rate_shown = verdict_percent_text(rotated / eligible, *rate, more == 0);
    r.detail = {"符合条件的专任教师 " + n0(eligible) + " 人，交流 " + n0(rotated) + " 人（" + rate_shown + "），其中骨干教师 " + n0(backbone) + " 人",
                n0(eligible) + " eligible full-time teachers, " + n0(rotated) + " rotated (" + rate_shown + "), of whom " + n0(backbone) + " backbone"};
    if (r.status == Status::Fail) {
        const std::string level = std::string(domain::zh(c.pack.settings.backbone_min_level));
        Message text{more > 0 ? "需再交流 " + n0(more) + " 名教师" : "", more > 0 ? "rotate " + n0(more) + " more teachers" : ""};
        if (more_backbone > 0) {
            text.zh += (more > 0 ? "，其中" : "需") + std::string("再有 ") + n0(more_backbone) + " 名" + level + "及以上骨干教师参与交流";
            text.en += (more > 0 ? ", " : "") + n0(more_backbone) + " more of them backbone teachers";
        }
        r.gaps.push_back({"G11", more + more_backbone, (more + more_backbone) / eligible, text});
    }
    return r;
}

// ---- G12: teacher certificates ------------------------------------------------------------------

ItemResult g12_certificates(const Context& c) {
    ItemResult r = item("G12", {"专任教师持有教师资格证", "full-time teachers holding a teacher qualification certificate"});
    const auto rate = in_force(r, c.pack.items.g12.certified_rate, c.year);
    if (!rate) return r;
    const auto teachers = compulsory_teachers(c.data);
    if (teachers.empty()) {
        r.detail = {"未填报义务教育阶段专任教师", "no full-time teachers of the compulsory stages reported"};
        return r;
    }
    std::vector<const domain::Staff*> uncertified;
    for (const auto* t : teachers)
        if (!t->certified) uncertified.push_back(t);
    const double total = static_cast<double>(teachers.size());
    const double certified = total - static_cast<double>(uncertified.size());
    r.value = certified / total;
    r.threshold = *rate;
    set_status(r, at_least(certified / total, *rate));
    const std::string shown = verdict_percent_text(certified / total, *rate, r.status == Status::Pass);
    r.detail = {"义务教育阶段专任教师 " + n0(total) + " 人，持证 " + n0(certified) + " 人（" + shown + "）",
                n0(certified) + " of " + n0(total) + " full-time compulsory-stage teachers certified (" + shown + ")"};
    if (r.status == Status::Fail) {
        const double more = smallest_whole([&](double n) { return at_least((certified + n) / total, *rate); }, *rate * total - certified);
        const Message names = names_of(uncertified);
        r.gaps.push_back({"G12", more, more / total,
                          {"需再有 " + n0(more) + " 名专任教师取得教师资格证（未持证：" + names.zh + "）",
                           n0(more) + " more full-time teachers need a certificate (uncertified: " + names.en + ")"}});
    }
    return r;
}

// ---- G15: migrant children in public provision ------------------------------------------------

// Policy §2: "G15 is a county share: a school shows its figures, never a pass or fail of its
// own." Every school, public or private, reports its migrant children for information; the
// county's ratio is computed by migrant_share() (county.hpp) over all schools.
ItemResult g15_migrant_children(const Context& c) {
    ItemResult r = item("G15", {"随迁子女在公办学校或政府购买学位学校就读（县域比例，本校数据供参考）",
                                "migrant children in public or government-funded schools (a county share; this school's figures for information)"});
    const auto share = in_force(r, c.pack.items.g15.public_share, c.year);
    if (!share) return r;
    const MigrantCount count = count_migrants(c.data);
    const bool counted = counts_as_public(c.data.school.ownership);
    r.status = Status::Info;
    r.value = count.migrants;
    r.threshold = *share;
    const std::string ownership(domain::zh(c.data.school.ownership));
    r.detail = {"随迁子女 " + n0(count.migrants) + " 人，本校为" + ownership + "学校，" + (counted ? "计入" : "不计入") + "县域“在公办或政府购买学位学校就读 ≥ " +
                    percent_text(*share, 0) + "”的比例（县级指标，学校不单独判定）；留守儿童 " + n0(count.left_behind) + " 人（关爱体系由县级核定）",
                n0(count.migrants) + " migrant children in a " + std::string(domain::en(c.data.school.ownership)) + " school, " +
                    (counted ? "counted towards" : "not counted towards") + " the county's share in public provision (≥ " + percent_text(*share, 0) +
                    "; a county figure, not judged per school); " + n0(count.left_behind) + " left-behind children (care system checked by the county)"};
    return r;
}

// ---- Q3: charter and digitised management ------------------------------------------------------

ItemResult q3_charter_digitised(const Context& c) {
    ItemResult r = item("Q3", {"学校章程；管理与教学信息化", "school charter; digitised management and teaching"});
    const auto& y = c.data.year;
    const auto answer = [](const std::optional<bool>& v, const char* zh_yes, const char* zh_no) {
        return v ? std::string(*v ? zh_yes : zh_no) : std::string("未填报");
    };
    const auto answer_en = [](const std::optional<bool>& v) { return v ? std::string(*v ? "yes" : "no") : std::string("not reported"); };
    r.detail = {"学校章程：" + answer(y.charter, "已制定", "未制定") + "；管理与教学信息化：" + answer(y.digitised, "已实现", "未实现"),
                "charter: " + answer_en(y.charter) + "; digitised management and teaching: " + answer_en(y.digitised)};
    if (!y.charter || !y.digitised) return r;   // no data: never a fail for what was not asked
    set_status(r, *y.charter && *y.digitised);
    r.value = (*y.charter ? 1 : 0) + (*y.digitised ? 1 : 0);
    r.threshold = 2;
    if (!*y.charter) r.gaps.push_back({"Q3", 1, 1, {"需制定学校章程并依章程办学", "adopt a school charter"}});
    if (!*y.digitised) r.gaps.push_back({"Q3", 1, 1, {"需实现学校管理与教学信息化", "digitise the school's management and teaching"}});
    return r;
}

// ---- Q1: retention ----------------------------------------------------------------------------

ItemResult q1_retention(const Context& c, Stage stage) {
    const int grades = domain::grades_in(stage);
    ItemResult r = item("Q1", {std::string(domain::zh(stage)) + "巩固率（" + std::to_string(grades) + " 年）",
                               std::string(domain::en(stage)) + " " + std::to_string(grades) + "-year retention"});
    const auto limit = in_force(r, c.pack.items.q1.retention[stage], c.year);
    if (!limit) return r;
    // The latest cohort that has gone through every grade of the stage by this year.
    const domain::Cohort* cohort = nullptr;
    for (const auto& k : c.data.cohorts)
        if (k.stage == stage && k.entry_year <= c.year - grades + 1 && (!cohort || k.entry_year > cohort->entry_year)) cohort = &k;
    const double base = cohort ? cohort->intake + cohort->transferred_in - cohort->transferred_out : 0;
    if (!cohort || base <= 0) {
        r.detail = {"未填报完整学段的入学队列", "no cohort that has completed the stage is reported"};
        return r;
    }
    const double rate = cohort->current / base;
    r.value = rate;
    r.threshold = *limit;
    set_status(r, at_least(rate, *limit));
    const std::string entry = std::to_string(cohort->entry_year);
    r.detail = {entry + " 级：入学 " + std::to_string(cohort->intake) + " 人，转入 " + std::to_string(cohort->transferred_in) + "，转出 " +
                    std::to_string(cohort->transferred_out) + "，现有 " + std::to_string(cohort->current) + " 人，巩固率 " +
                    verdict_percent_text(rate, *limit, r.status == Status::Pass) + "，标准 " + percent_text(*limit),
                "cohort " + entry + ": retention " + verdict_percent_text(rate, *limit, r.status == Status::Pass) + " of " + n0(base) +
                    "; standard " + percent_text(*limit)};
    if (r.status == Status::Fail) {
        const double more = smallest_whole([&](double n) { return at_least((cohort->current + n) / base, *limit); }, *limit * base - cohort->current);
        r.gaps.push_back({"Q1", more, more / base,
                          {"巩固率需达到 " + percent_text(*limit) + "：相当于少流失 " + n0(more) + " 名学生",
                           "retention must reach " + percent_text(*limit) + ": " + n0(more) + " fewer pupils lost"}});
    }
    return r;
}

// ---- Q4: training spending ---------------------------------------------------------------------

ItemResult q4_training_spending(const Context& c) {
    ItemResult r = item("Q4", {"教师培训经费占公用经费预算比例", "teacher-training spending as a share of the public-funds budget"});
    const auto share = in_force(r, c.pack.items.q4.training_share, c.year);
    if (!share) return r;
    const auto* funds = funds_of(c.data, c.year);
    if (!funds || funds->public_budget <= 0) {
        r.detail = {"未填报公用经费预算", "no public-funds budget reported"};
        return r;
    }
    const double value = funds->training_spending / funds->public_budget;
    r.value = value;
    r.threshold = *share;
    set_status(r, at_least(value, *share));
    const std::string shown = verdict_percent_text(value, *share, r.status == Status::Pass, 2);
    r.detail = {"培训经费 " + number_text(funds->training_spending) + " 元 / 公用经费 " + number_text(funds->public_budget) + " 元 = " + shown +
                    "，标准 " + percent_text(*share, 2),
                number_text(funds->training_spending) + " / " + number_text(funds->public_budget) + " yuan = " + shown + "; standard " +
                    percent_text(*share, 2)};
    if (r.status == Status::Fail) {
        const double add = smallest_whole([&](double n) { return at_least((funds->training_spending + n) / funds->public_budget, *share); },
                                          *share * funds->public_budget - funds->training_spending);
        r.gaps.push_back({"Q4", add, add / funds->public_budget,
                          {"需再安排教师培训经费 " + n0(add) + " 元", "spend " + n0(add) + " more yuan on teacher training"}});
    }
    return r;
}

}  // namespace

std::vector<ItemResult> school_items(const Context& c) {
    return {g3_music_art_rooms(c), g4_school_size(c),   g6_small_school_funding(c), g7_special_education(c), g9_training_hours(c),
            g11_rotation(c),       g12_certificates(c), g15_migrant_children(c),    q3_charter_digitised(c), q4_training_spending(c)};
}

std::vector<ItemResult> stage_items(const Context& c, Stage stage) { return {g5_class_size(c, stage), q1_retention(c, stage)}; }

}  // namespace jh::indicators::items
