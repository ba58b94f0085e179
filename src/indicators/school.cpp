// Assembles one school's results: parts with their resource verdicts and stage items, then the
// school-wide and local items, and the pack's items a terminal cannot compute.
#include "indicators/school.hpp"

#include <algorithm>

#include "indicators/items.hpp"

namespace jh::indicators {

using domain::Rejected;
using domain::SchoolData;

const domain::EnumLabel& status_label(Status status) {
    static constexpr domain::EnumLabel labels[] = {
        {"pass", "达标", "pass"},
        {"fail", "未达标", "fail"},
        {"in_progress", "进行中", "in progress"},
        {"not_in_force", "不在执行期", "not in force"},
        {"not_applicable", "不适用", "not applicable"},
        {"no_data", "缺少数据", "no data"},
        {"info", "供参考", "information"},
    };
    return labels[static_cast<std::size_t>(status)];
}

std::optional<Message> scope_note(const SchoolData& data, const RulePack& pack) {
    const auto& school = data.school;
    if (school.type == domain::SchoolType::SpecialEducation)
        return Message{"特殊教育学校不参加资源配置校际差异系数计算", "special education schools are outside the county computation"};
    if (school.type != domain::SchoolType::TeachingPoint) return std::nullopt;
    const int min = pack.settings.teaching_point_min_pupils;
    if (compulsory_pupils(data) < min)
        return Message{"不足 " + std::to_string(min) + " 人的教学点不参加资源配置评估",
                       "teaching points under " + std::to_string(min) + " pupils are outside the resource evaluation"};
    if (pack.settings.teaching_points == TeachingPoints::MergeIntoCentral) {
        const std::string central = school.central_school_code.value_or("?");
        return Message{"按标准包规定，本教学点并入中心校（" + central + "）计算", "counted as part of its central school (" + central + ") under this pack"};
    }
    return std::nullopt;
}

std::optional<Message> ended_note(const RulePack& pack, int year) {
    if (in_force(pack, year) || !pack.valid_until || !pack.validity) return std::nullopt;
    const RulePack& applied = rules_in_force(pack, year);
    const std::string until = domain::to_string(*pack.valid_until);
    return Message{"《" + pack.document + "》已于 " + until + " 停止执行（原文：“" + pack.validity->zh + "”），" + std::to_string(year) +
                       " 学年不再考核其本身的项目；按" + applied.name.zh + "评估",
                   pack.id + " ended on " + until + " (" + pack.validity->en + "): its own items are not assessed in " +
                       std::to_string(year) + "; " + applied.id + " applies"};
}

namespace {

// The items an ended plan added (its local items and the ones it lists as not computed) that
// the rules now applied do not have: each reported not in force, naming the end and the sentence.
std::vector<ItemResult> ended_plan_items(const RulePack& pack, const RulePack& applied, int year) {
    std::vector<ItemResult> out;
    const auto note = ended_note(pack, year);
    if (!note) return out;
    const auto applied_has = [&](const std::string& id) {
        return std::any_of(applied.local_items.begin(), applied.local_items.end(), [&](const LocalItem& i) { return i.id == id; }) ||
               std::any_of(applied.not_computed.begin(), applied.not_computed.end(), [&](const NotComputed& n) { return n.id == id; });
    };
    const auto add = [&](const std::string& id, const Message& name) {
        if (applied_has(id)) return;
        ItemResult r;
        r.id = id;
        r.name = name;
        r.status = Status::NotInForce;
        r.detail = *note;
        out.push_back(std::move(r));
    };
    for (const auto& local : pack.local_items) add(local.id, local.name);
    for (const auto& n : pack.not_computed) add(n.id, n.name);
    return out;
}

}  // namespace

SchoolResult evaluate(const SchoolData& data, const RulePack& chosen) {
    const int year = data.year.year;
    const RulePack& pack = rules_in_force(chosen, year);
    const items::Context context{data, pack, year, compulsory_pupils(data)};
    if (context.pupils <= 0 && data.school.type != domain::SchoolType::SpecialEducation)
        throw Rejected({"学校“" + data.school.name + "”" + std::to_string(year) + " 学年没有义务教育阶段在校生：请先填报年级学籍或班级人数",
                        "school '" + data.school.name + "' has no compulsory-stage pupils in " + std::to_string(year) +
                            ": report grade rolls or class sizes first"});
    SchoolResult result;
    result.pack_id = chosen.id;
    result.pack_name = chosen.name;
    result.pack_version = chosen.version;
    result.pack_in_force = in_force(chosen, year);
    result.pack_valid_until = chosen.valid_until;
    result.pack_validity = chosen.validity;
    result.applied_pack_id = pack.id;
    result.applied_pack_name = pack.name;
    result.year = year;
    result.code = data.school.code;
    result.name = data.school.name;
    result.scope_note = scope_note(data, pack);
    for (auto& part : parts_of(data, pack)) {
        PartResult p{part, judge(part, pack, year), items::stage_items(context, part.stage)};
        for (auto& local : items::local_stage_items(context, part.stage)) p.items.push_back(std::move(local));
        result.parts.push_back(std::move(p));
    }
    for (Stage stage : empty_stages(data)) result.empty_stages.push_back({stage, empty_stage_reason(stage)});
    result.items = items::school_items(context);
    for (auto& local : items::local_school_items(context)) result.items.push_back(std::move(local));
    for (auto& ended : ended_plan_items(chosen, pack, year)) result.items.push_back(std::move(ended));
    result.not_computed = pack.not_computed;
    return result;
}

}  // namespace jh::indicators
