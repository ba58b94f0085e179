// Runs the indicator engine for the overview.
#include "ui/overview_data.hpp"

#include <chrono>

#include "indicators/resources.hpp"

namespace jh::ui {
namespace {

std::string grade_list(const std::vector<int>& grades) {
    std::string out;
    for (int g : grades) out += (out.empty() ? "" : "、") + std::to_string(g);
    return out;
}
std::string grade_list_en(const std::vector<int>& grades) {
    std::string out;
    for (int g : grades) out += (out.empty() ? "" : ", ") + std::to_string(g);
    return out;
}

// Where each stage's pupil count comes from, and which grades have classes but no roll yet
// (their pupils come from the classes; left-behind and migrant children can only be recorded
// in a roll).
void describe_pupils(const domain::SchoolData& data, OverviewData& out) {
    domain::Message missing;
    for (domain::Stage stage : domain::stages_of(data.school.type)) {
        const auto count = indicators::count_stage_pupils(data, stage);
        if (count.pupils <= 0) continue;
        const std::string stage_zh(domain::zh(stage)), stage_en(domain::en(stage));
        domain::Message source;
        if (count.from_classes.empty()) source = {"按年级学籍计", "counted from the grade rolls"};
        else if (count.from_rolls.empty()) source = {"按班级人数计（尚未填报年级学籍）", "counted from the classes (no grade roll yet)"};
        else
            source = {grade_list(count.from_rolls) + " 年级按年级学籍计，" + grade_list(count.from_classes) + " 年级尚未填报学籍、按班级人数计",
                      "grades " + grade_list_en(count.from_rolls) + " from their rolls, grades " + grade_list_en(count.from_classes) +
                          " from their classes (no roll yet)"};
        out.pupil_sources.emplace_back(stage, source);
        if (count.from_classes.empty()) continue;
        missing.zh += (missing.zh.empty() ? "" : "；") + stage_zh + " " + grade_list(count.from_classes) + " 年级";
        missing.en += (missing.en.empty() ? "" : "; ") + stage_en + " grades " + grade_list_en(count.from_classes);
    }
    if (!missing.zh.empty())
        out.rolls_missing = domain::Message{"尚未填报年级学籍：" + missing.zh + "。这些年级的在校生按班级人数计算；留守儿童、随迁子女等只能在年级学籍中填报。",
                                            "No grade roll yet for " + missing.en +
                                                ": their pupils are counted from the classes; left-behind and migrant children can only be "
                                                "recorded in a roll."};
}

}  // namespace

std::shared_ptr<const OverviewData> compute_overview(const domain::SchoolData& data, const ops::PackSet& packs,
                                                     const std::string& pack_id) {
    const auto started = std::chrono::steady_clock::now();
    auto out = std::make_shared<OverviewData>();
    out->pack_id = pack_id.empty() ? packs.selected : pack_id;
    try {
        const auto& pack = packs.find(out->pack_id);
        out->pack_name = pack.name;
        out->pack_document = pack.document;
        out->pack_version = pack.version;
        describe_pupils(data, *out);
        out->pack_ended = indicators::ended_note(pack, data.year.year);
        out->result = indicators::evaluate(data, pack);
    } catch (const domain::Rejected& e) {
        out->problem = e.message();
    }
    out->compute_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return out;
}

}  // namespace jh::ui
