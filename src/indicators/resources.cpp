// Counting the 7 resource indicators in a school's records, splitting shared resources between
// stage parts, and the 6-of-7 verdict with its gaps. What counts follows the policy file §1:
// full-time teachers (专任教师) of the stage for R1–R3, teaching and auxiliary building area for
// R4, sports grounds and halls for R5, instrument book value not disposed for R6, networked
// multimedia classrooms for R7.
#include "indicators/resources.hpp"

#include <algorithm>
#include <cmath>

#include "indicators/counting.hpp"
#include "indicators/text.hpp"

namespace jh::indicators {

using domain::Rejected;
using domain::SchoolData;

const std::array<ResourceInfo, kResourceCount>& resource_info() {
    static const std::array<ResourceInfo, kResourceCount> info{{
        {"R1", {"每百名学生拥有高于规定学历教师数", "teachers above the required education per 100 pupils"}, 100, {"人", "teachers"}},
        {"R2", {"每百名学生拥有县级以上骨干教师数", "county-level-or-higher backbone teachers per 100 pupils"}, 100, {"人", "teachers"}},
        {"R3", {"每百名学生拥有体育、艺术（美术、音乐）专任教师数", "PE, music and art teachers per 100 pupils"}, 100, {"人", "teachers"}},
        {"R4", {"生均教学及辅助用房面积", "teaching and auxiliary floor area per pupil"}, 1, {"m²", "m²"}},
        {"R5", {"生均体育运动场馆面积", "sports ground and hall area per pupil"}, 1, {"m²", "m²"}},
        {"R6", {"生均教学仪器设备值", "teaching instrument and equipment value per pupil"}, 1, {"元", "yuan"}},
        {"R7", {"每百名学生拥有网络多媒体教室数", "networked multimedia classrooms per 100 pupils"}, 100, {"间", "rooms"}},
    }};
    return info;
}

double indicator_value(const PartQuantities& part, std::size_t indicator) {
    return resource_info()[indicator].scale * part.amounts[indicator] / part.pupils;
}

bool at_least(double value, double limit) { return value >= limit - 1e-9 * std::max(1.0, std::abs(limit)); }
bool at_most(double value, double limit) { return value <= limit + 1e-9 * std::max(1.0, std::abs(limit)); }

StagePupils count_stage_pupils(const SchoolData& data, Stage stage) {
    constexpr int kGrades = 6;   // the most a stage has
    std::array<double, kGrades + 1> rolls{}, classes{};
    std::array<bool, kGrades + 1> has_roll{}, has_class{};
    for (const auto& g : data.grades)
        if (g.stage == stage && g.grade >= 1 && g.grade <= kGrades) {
            rolls[g.grade] += g.pupils;
            has_roll[g.grade] = true;
        }
    for (const auto& c : data.classes)
        if (c.stage == stage && c.grade >= 1 && c.grade <= kGrades) {
            classes[c.grade] += c.pupils;
            has_class[c.grade] = true;
        }
    StagePupils out;
    for (int g = 1; g <= kGrades; ++g) {
        if (has_roll[g]) {
            out.pupils += rolls[g];
            out.from_rolls.push_back(g);
        } else if (has_class[g]) {
            out.pupils += classes[g];
            out.from_classes.push_back(g);
        }
    }
    return out;
}

double stage_pupils(const SchoolData& data, Stage stage) { return count_stage_pupils(data, stage).pupils; }

double compulsory_pupils(const SchoolData& data) {
    return stage_pupils(data, Stage::Primary) + stage_pupils(data, Stage::Junior);
}

namespace {

using namespace counting;

// The share of shared resources that falls to `stage`.
double shared_share(const SchoolData& data, const Settings& settings, Stage stage) {
    const auto weight = [&](Stage s) {
        return settings.shared_split == SharedSplit::WeightedShare ? settings.stage_weights[static_cast<std::size_t>(s)] : 1.0;
    };
    double total = 0;
    for (Stage s : domain::stages_of(data.school.type)) total += weight(s) * stage_pupils(data, s);
    return total > 0 ? weight(stage) * stage_pupils(data, stage) / total : 0;
}

// Adds a record's amount to the part: whole when it belongs to the stage, its share when shared.
struct Splitter {
    Stage stage;
    double share;
    double operator()(const std::optional<Stage>& owner, double amount) const {
        if (!owner) return share * amount;
        return *owner == stage ? amount : 0;
    }
};

std::array<double, kResourceCount> amounts_of(const SchoolData& data, const Settings& settings, Stage stage) {
    std::array<double, kResourceCount> a{};
    for (const auto& s : data.staff) {
        if (!full_time_in(s, stage)) continue;
        if (at_or_above(s.education, settings.required_education[stage])) a[0] += 1;
        if (is_backbone(s.backbone, settings.backbone_min_level)) a[1] += 1;
        if (s.pe || s.music || s.art) a[2] += 1;
    }
    const Splitter split{stage, shared_share(data, settings, stage)};
    for (const auto& b : data.buildings) {
        const bool sports = b.use == domain::BuildingUse::IndoorSports;
        if (domain::category_of(b.use) == domain::BuildingCategory::TeachingAuxiliary && (!sports || settings.indoor_sports_in_r4))
            a[3] += split(b.stage, b.area);
    }
    for (const auto& g : data.grounds)
        if (g.owned || (settings.rented_grounds_in_r5 && (g.within_walk || !settings.rented_grounds_within_walk)))
            a[4] += split(g.stage, g.area);
    for (const auto& e : data.equipment)
        if (e.category == domain::EquipmentCategory::Instrument && !e.disposed) a[5] += split(e.stage, e.book_value);
    for (const auto& r : data.rooms)
        if (r.kind == domain::RoomKind::Multimedia) a[6] += split(r.stage, 1);
    return a;
}

std::string education_zh(const RulePack& pack, Stage stage) {
    return std::string(domain::zh(pack.settings.required_education[stage])) + "及以上学历";
}
std::string education_en(const RulePack& pack, Stage stage) {
    return std::string(domain::en(pack.settings.required_education[stage])) + " or higher";
}

// "需再配备 2 名本科及以上学历专任教师" for the indicator `i` short by `n` units.
Message gap_text(const RulePack& pack, Stage stage, std::size_t i, double n) {
    const std::string count = number_text(n, 0);
    const std::string level_zh = std::string(domain::zh(pack.settings.backbone_min_level));
    const std::string level_en = std::string(domain::en(pack.settings.backbone_min_level));
    switch (i) {
        case 0: return {"需再配备 " + count + " 名" + education_zh(pack, stage) + "专任教师",
                        "add " + count + " full-time teachers with " + education_en(pack, stage)};
        case 1: return {"需再有 " + count + " 名教师获评" + level_zh + "及以上骨干教师",
                        count + " more teachers designated backbone at " + level_en + " level or higher"};
        case 2: return {"需再配备 " + count + " 名体育、音乐或美术专任教师", "add " + count + " full-time PE, music or art teachers"};
        case 3: return {"需增加 " + count + " m² 教学及辅助用房面积", "add " + count + " m² of teaching and auxiliary rooms"};
        case 4: return {"需增加 " + count + " m² 体育运动场馆面积", "add " + count + " m² of sports grounds or halls"};
        case 5: return {"需增加 " + count + " 元教学仪器设备", "add " + count + " yuan of teaching instruments and equipment"};
        default: return {"需再建 " + count + " 间网络多媒体教室", "equip " + count + " more networked multimedia classrooms"};
    }
}

// The smallest whole number of units to add so that the indicator reaches `target`.
double units_needed(const PartQuantities& part, std::size_t i, double target) {
    const double scale = resource_info()[i].scale;
    return smallest_whole([&](double n) { return at_least(scale * (part.amounts[i] + n) / part.pupils, target); },
                          target * part.pupils / scale - part.amounts[i]);
}

Gap make_gap(const RulePack& pack, const PartQuantities& part, const ResourceResult& r, std::size_t i, bool to_floor) {
    const double target = to_floor ? r.floor : r.threshold;
    const double n = units_needed(part, i, target);
    Message text = gap_text(pack, part.stage, i, n);
    if (to_floor) {
        const std::string ratio = percent_text(pack.resources.floor_ratio, 0);
        text.zh += "（达到标准的 " + ratio + " 即可满足 6/7 判定）";
        text.en += " (reaching " + ratio + " of the standard satisfies the 6-of-7 rule)";
    }
    return {std::string(r.id), n, (target - r.value) / r.threshold, std::move(text)};
}

// The rule itself: at least min_met met, every other one at least at its floor.
bool rule_holds(int unmet, bool unmet_above_floor, const ResourceRules& rules) {
    return unmet_above_floor && unmet <= static_cast<int>(kResourceCount) - rules.min_met;
}

bool verdict_of(const std::array<ResourceResult, kResourceCount>& r, const ResourceRules& rules) {
    int unmet = 0;
    bool above_floor = true;
    for (const auto& x : r)
        if (!x.met) {
            ++unmet;
            above_floor = above_floor && x.above_floor;
        }
    return rule_holds(unmet, above_floor, rules);
}

// Single changes that turn a failing verdict into a pass: raising one indicator to its floor
// when that is enough and cheaper, else to its standard when that is enough.
std::vector<Gap> single_fixes(const RulePack& pack, const PartQuantities& part, const std::array<ResourceResult, kResourceCount>& r) {
    const auto passes_with = [&](std::size_t i, bool met) {
        auto changed = r;
        changed[i].above_floor = true;
        changed[i].met = met;
        return verdict_of(changed, pack.resources);
    };
    std::vector<Gap> fixes;
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        if (r[i].met) continue;
        const bool standard_works = passes_with(i, true);
        if (!r[i].above_floor && passes_with(i, false)) {
            Gap to_floor = make_gap(pack, part, r[i], i, true);
            if (!standard_works || to_floor.amount < units_needed(part, i, r[i].threshold)) {
                fixes.push_back(std::move(to_floor));
                continue;
            }
        }
        if (standard_works) fixes.push_back(make_gap(pack, part, r[i], i, false));
    }
    std::sort(fixes.begin(), fixes.end(), [](const Gap& a, const Gap& b) { return a.relative < b.relative; });
    if (fixes.size() > 3) fixes.resize(3);
    return fixes;
}

void require_pupils(const PartQuantities& part) {
    if (part.pupils > 0) return;
    const std::string who = part.name.empty() ? part.code : part.name + "（" + part.code + "）";
    throw Rejected({who + " " + std::string(domain::zh(part.stage)) + "部在校生数为 0，无法计算生均指标：请先填报年级学籍或班级人数",
                    (part.name.empty() ? part.code : part.name + " (" + part.code + ")") + ": the " +
                        std::string(domain::en(part.stage)) + " part has no pupils, so per-pupil indicators cannot be computed"});
}

}  // namespace

std::vector<PartQuantities> parts_of(const SchoolData& data, const RulePack& pack) {
    std::vector<PartQuantities> parts;
    if (data.school.type == domain::SchoolType::SpecialEducation) return parts;
    for (Stage stage : domain::stages_of(data.school.type)) {
        if (stage == Stage::Senior) continue;
        const double pupils = stage_pupils(data, stage);
        if (pupils <= 0) continue;
        parts.push_back({data.school.code, data.school.name, stage, pupils, amounts_of(data, pack.settings, stage)});
    }
    return parts;
}

std::vector<Stage> empty_stages(const SchoolData& data) {
    std::vector<Stage> out;
    if (data.school.type == domain::SchoolType::SpecialEducation) return out;
    for (Stage stage : domain::stages_of(data.school.type))
        if (stage != Stage::Senior && stage_pupils(data, stage) <= 0) out.push_back(stage);
    return out;
}

Message empty_stage_reason(Stage stage) {
    return {std::string(domain::zh(stage)) + "学段本学年没有在校生，不构成评估单位（资源配置按有学生的学段计算，县域计算不含此学段）",
            "the " + std::string(domain::en(stage)) +
                " stage has no pupils this year, so it is no part (resources are judged for the stages with pupils; the county "
                "computation leaves it out)"};
}

std::array<double, kResourceCount> thresholds_in(const RulePack& pack, Stage stage, int year) {
    std::array<double, kResourceCount> out{};
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        const auto t = pack.resources.thresholds[stage][i].at(year);
        if (!t) {
            const std::string id(resource_info()[i].id);
            throw Rejected({"标准包 " + pack.id + " 在 " + std::to_string(year) + " 学年没有" + std::string(domain::zh(stage)) + " " + id + " 的标准值",
                            "rule pack " + pack.id + " has no " + std::string(domain::en(stage)) + " " + id + " threshold in force in " +
                                std::to_string(year)});
        }
        out[i] = *t;
    }
    return out;
}

bool passes(const PartQuantities& part, const std::array<double, kResourceCount>& thresholds, const ResourceRules& rules) {
    int unmet = 0;
    bool above_floor = true;
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        const double v = indicator_value(part, i);
        if (at_least(v, thresholds[i])) continue;
        ++unmet;
        above_floor = above_floor && at_least(v, rules.floor_ratio * thresholds[i]);
    }
    return rule_holds(unmet, above_floor, rules);
}

Gap resource_gap(const PartQuantities& part, const RulePack& pack, int year, std::size_t indicator, bool to_floor) {
    require_pupils(part);
    ResourceResult r;
    r.id = resource_info()[indicator].id;
    r.amount = part.amounts[indicator];
    r.value = indicator_value(part, indicator);
    r.threshold = thresholds_in(pack, part.stage, year)[indicator];
    r.floor = pack.resources.floor_ratio * r.threshold;
    return make_gap(pack, part, r, indicator, to_floor);
}

ResourceVerdict judge(const PartQuantities& part, const RulePack& pack, int year) {
    require_pupils(part);
    const auto thresholds = thresholds_in(pack, part.stage, year);
    ResourceVerdict v;
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        auto& r = v.results[i];
        r.id = resource_info()[i].id;
        r.amount = part.amounts[i];
        r.value = indicator_value(part, i);
        r.threshold = thresholds[i];
        r.floor = pack.resources.floor_ratio * thresholds[i];
        r.met = at_least(r.value, r.threshold);
        r.above_floor = at_least(r.value, r.floor);
        if (r.met) ++v.met;
        else v.gaps.push_back(make_gap(pack, part, r, i, false));
    }
    v.pass = verdict_of(v.results, pack.resources);
    if (!v.pass) v.fixes = single_fixes(pack, part, v.results);
    return v;
}

}  // namespace jh::indicators
