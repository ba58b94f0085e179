// Assembles one school's results: parts with their resource verdicts and stage items, then the
// school-wide and local items, and the pack's items a terminal cannot compute.
#include "indicators/school.hpp"

#include "indicators/items.hpp"

namespace jh::indicators {

using domain::Rejected;
using domain::SchoolData;

const domain::EnumLabel& status_label(Status status) {
    static constexpr domain::EnumLabel labels[] = {
        {"pass", "达标", "pass"},
        {"fail", "未达标", "fail"},
        {"in_progress", "进行中", "in progress"},
        {"not_in_force", "未到考核年份", "not yet in force"},
        {"not_applicable", "不适用", "not applicable"},
        {"no_data", "缺少数据", "no data"},
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

SchoolResult evaluate(const SchoolData& data, const RulePack& pack) {
    const int year = data.year.year;
    const items::Context context{data, pack, year, compulsory_pupils(data)};
    if (context.pupils <= 0)
        throw Rejected({"学校“" + data.school.name + "”" + std::to_string(year) + " 学年没有义务教育阶段在校生：请先填报年级学籍或班级人数",
                        "school '" + data.school.name + "' has no compulsory-stage pupils in " + std::to_string(year) +
                            ": report grade rolls or class sizes first"});
    SchoolResult result;
    result.pack_id = pack.id;
    result.pack_name = pack.name;
    result.pack_version = pack.version;
    result.year = year;
    result.code = data.school.code;
    result.name = data.school.name;
    result.scope_note = scope_note(data, pack);
    for (auto& part : parts_of(data, pack)) {
        PartResult p{part, judge(part, pack, year), items::stage_items(context, part.stage)};
        for (auto& local : items::local_stage_items(context, part.stage)) p.items.push_back(std::move(local));
        result.parts.push_back(std::move(p));
    }
    result.items = items::school_items(context);
    for (auto& local : items::local_school_items(context)) result.items.push_back(std::move(local));
    result.not_computed = pack.not_computed;
    return result;
}

}  // namespace jh::indicators
