// Local plans' own items: the kinds a rule pack can ask for (counselling teachers per pupils,
// a full-time counsellor, teachers' education rate, C-grade buildings, staffing by class
// ratio), each measured on the school's records with its gap.
#include <algorithm>
#include <cmath>

#include "indicators/counting.hpp"
#include "indicators/items.hpp"
#include "indicators/resources.hpp"
#include "indicators/text.hpp"

namespace jh::indicators::items {

using namespace counting;

namespace {

std::string n0(double v) { return number_text(v, 0); }

ItemResult start(const LocalItem& local) {
    ItemResult r;
    r.id = local.id;
    r.name = local.name;
    return r;
}

void counsellors_per_pupils(const Context& c, const CounsellorsPerPupils& rule, ItemResult& r) {
    const auto per = in_force(r, rule.per_pupils, c.year);
    if (!per) return;
    if (c.pupils <= 0 || *per <= 0) {
        r.detail = {"未填报在校生", "no pupils reported"};
        return;
    }
    double have = 0;
    for (const auto& s : c.data.staff)
        if (s.counsellor != domain::Counsellor::None && (!rule.only || s.counsellor == *rule.only)) have += 1;
    const double need = std::ceil(c.pupils / *per - 1e-9);
    const std::string kind_zh = rule.only ? std::string(domain::zh(*rule.only)) : "";
    const std::string kind_en = rule.only ? std::string(domain::en(*rule.only)) + " " : "";
    r.value = have;
    r.threshold = need;
    r.status = have >= need ? Status::Pass : Status::Fail;
    r.detail = {"在校生 " + n0(c.pupils) + " 人，按每 " + n0(*per) + " 人 1 名需" + kind_zh + "心理健康教育教师 " + n0(need) + " 名，现有 " + n0(have) + " 名",
                n0(c.pupils) + " pupils need " + n0(need) + " " + kind_en + "counselling teachers (one per " + n0(*per) + "); " + n0(have) + " reported"};
    if (r.status == Status::Fail)
        r.gaps.push_back({r.id, need - have, (need - have) / need,
                          {"需再配备 " + n0(need - have) + " 名" + kind_zh + "心理健康教育教师",
                           "add " + n0(need - have) + " " + kind_en + "counselling teachers"}});
}

void full_time_counsellor(const Context& c, const FullTimeCounsellor& rule, ItemResult& r) {
    // Jiangsu: "城区中小学校和乡镇中心学校" — urban schools by location, township central schools
    // by their role (School::township_central), wherever they are.
    const auto location = c.data.school.location;
    const bool by_location = std::find(rule.locations.begin(), rule.locations.end(), location) != rule.locations.end();
    const bool by_role = rule.township_central && c.data.school.township_central;
    if (!by_location && !by_role) {
        const std::string central_zh = rule.township_central ? "且不是乡镇中心学校" : "";
        const std::string central_en = rule.township_central ? " that is not a township central school" : "";
        r.status = Status::NotApplicable;
        r.detail = {"本校位于" + std::string(domain::zh(location)) + central_zh + "，不要求配备专职心理健康教育教师",
                    "not required for a school in a " + std::string(domain::en(location)) + " area" + central_en};
        return;
    }
    const auto have = std::count_if(c.data.staff.begin(), c.data.staff.end(),
                                    [](const auto& s) { return s.counsellor == domain::Counsellor::FullTime; });
    r.value = static_cast<double>(have);
    r.threshold = 1;
    r.status = have >= 1 ? Status::Pass : Status::Fail;
    r.detail = {"专职心理健康教育教师 " + std::to_string(have) + " 名", std::to_string(have) + " full-time counselling teachers"};
    if (r.status == Status::Fail)
        r.gaps.push_back({r.id, 1, 1, {"需配备 1 名专职心理健康教育教师", "appoint one full-time counselling teacher"}});
}

void education_rate(const Context& c, const EducationRate& rule, ItemResult& r) {
    const auto rate = in_force(r, rule.rate, c.year);
    if (!rate) return;
    double total = 0, qualified = 0;
    for (const auto& s : c.data.staff) {
        if (!compulsory_teacher(s)) continue;   // the evaluation's teachers: 专任, compulsory stages
        total += 1;
        if (at_or_above(s.education, rule.min_education)) qualified += 1;
    }
    if (total == 0) {
        r.detail = {"未填报义务教育阶段专任教师", "no full-time teachers of the compulsory stages reported"};
        return;
    }
    const std::string level_zh = std::string(domain::zh(rule.min_education)) + "及以上学历";
    const std::string level_en = std::string(domain::en(rule.min_education)) + " or higher";
    r.value = qualified / total;
    r.threshold = *rate;
    r.status = at_least(qualified / total, *rate) ? Status::Pass : Status::Fail;
    const std::string shown = verdict_percent_text(qualified / total, *rate, r.status == Status::Pass);
    r.detail = {"义务教育阶段专任教师 " + n0(total) + " 人，" + level_zh + " " + n0(qualified) + " 人（" + shown + "），标准 " + percent_text(*rate),
                n0(qualified) + " of " + n0(total) + " full-time compulsory-stage teachers hold " + level_en + " (" + shown + "); standard " +
                    percent_text(*rate)};
    if (r.status == Status::Fail) {
        const double more = smallest_whole([&](double n) { return at_least((qualified + n) / total, *rate); }, *rate * total - qualified);
        r.gaps.push_back({r.id, more, more / total,
                          {"需再有 " + n0(more) + " 名专任教师达到" + level_zh, n0(more) + " more full-time teachers need " + level_en}});
    }
}

void c_grade_buildings(const Context& c, const CGradeBuildings& rule, ItemResult& r) {
    double area = 0;
    for (const auto& b : c.data.buildings) {
        if (b.safety < domain::SafetyGrade::C) continue;
        area += b.area;
        const std::string grade(domain::zh(b.safety));
        r.gaps.push_back({r.id, b.area, 1,
                          {"“" + b.name + "”（" + grade + "，" + number_text(b.area) + " m²）需提升改造",
                           "'" + b.name + "' (" + std::string(domain::en(b.safety)) + ", " + number_text(b.area) + " m²) needs renovation"}});
    }
    r.value = area;
    const auto limit = in_force(r, rule.max_area, c.year);
    const Message measured{"C、D 级校舍 " + number_text(area) + " m²", number_text(area) + " m² of C/D-grade buildings"};
    if (!limit) {
        r.detail = {measured.zh + "；" + r.detail.zh, measured.en + "; " + r.detail.en};
        return;
    }
    r.threshold = *limit;
    r.status = at_most(area, *limit) ? Status::Pass : Status::Fail;
    r.detail = {measured.zh + "，上限 " + number_text(*limit) + " m²", measured.en + "; limit " + number_text(*limit) + " m²"};
    if (r.status == Status::Pass) r.gaps.clear();
}

void teachers_per_class(const Context& c, const TeachersPerClass& rule, Stage stage, ItemResult& r) {
    if (c.data.school.location != domain::Location::Rural && c.pupils >= rule.below_pupils) {
        r.status = Status::NotApplicable;
        r.detail = {"本校不是乡村学校或 " + std::to_string(rule.below_pupils) + " 人以下学校",
                    "not a rural school nor under " + std::to_string(rule.below_pupils) + " pupils"};
        return;
    }
    const auto ratio = in_force(r, rule.ratio[stage], c.year);
    if (!ratio) return;
    const double classes = static_cast<double>(std::count_if(c.data.classes.begin(), c.data.classes.end(), [&](const auto& k) { return k.stage == stage; }));
    if (classes == 0) {
        r.detail = {"未填报班级", "no classes reported"};
        return;
    }
    const double teachers = static_cast<double>(std::count_if(c.data.staff.begin(), c.data.staff.end(), [&](const auto& s) { return full_time_in(s, stage); }));
    r.value = teachers / classes;
    r.threshold = *ratio;
    r.status = at_least(teachers / classes, *ratio) ? Status::Pass : Status::Fail;
    const std::string shown = verdict_number_text(teachers / classes, *ratio, r.status == Status::Pass);
    r.detail = {std::string(domain::zh(stage)) + " " + n0(classes) + " 个班，专任教师 " + n0(teachers) + " 人，班师比 1:" + shown +
                    "，标准 1:" + number_text(*ratio),
                n0(classes) + " classes, " + n0(teachers) + " full-time teachers: " + shown + " per class; standard " + number_text(*ratio)};
    if (r.status == Status::Fail) {
        const double more = smallest_whole([&](double n) { return at_least((teachers + n) / classes, *ratio); }, *ratio * classes - teachers);
        r.gaps.push_back({r.id, more, more / (*ratio * classes),
                          {"需再配备 " + n0(more) + " 名专任教师", "add " + n0(more) + " full-time teachers"}});
    }
}

// An item the plan gives for information keeps its figures and loses its verdict and gaps.
void as_information(const LocalItem& local, ItemResult& r) {
    if (!local.information || (r.status != Status::Pass && r.status != Status::Fail)) return;
    r.status = Status::Info;
    r.gaps.clear();
}

}  // namespace

std::vector<ItemResult> local_school_items(const Context& c) {
    std::vector<ItemResult> out;
    for (const auto& local : c.pack.local_items) {
        if (std::holds_alternative<TeachersPerClass>(local.rule)) continue;
        ItemResult r = start(local);
        std::visit(
            [&](const auto& rule) {
                using T = std::decay_t<decltype(rule)>;
                if constexpr (std::is_same_v<T, CounsellorsPerPupils>) counsellors_per_pupils(c, rule, r);
                else if constexpr (std::is_same_v<T, FullTimeCounsellor>) full_time_counsellor(c, rule, r);
                else if constexpr (std::is_same_v<T, EducationRate>) education_rate(c, rule, r);
                else if constexpr (std::is_same_v<T, CGradeBuildings>) c_grade_buildings(c, rule, r);
            },
            local.rule);
        as_information(local, r);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<ItemResult> local_stage_items(const Context& c, Stage stage) {
    std::vector<ItemResult> out;
    for (const auto& local : c.pack.local_items)
        if (const auto* rule = std::get_if<TeachersPerClass>(&local.rule)) {
            ItemResult r = start(local);
            teachers_per_class(c, *rule, stage, r);
            as_information(local, r);
            out.push_back(std::move(r));
        }
    return out;
}

}  // namespace jh::indicators::items
