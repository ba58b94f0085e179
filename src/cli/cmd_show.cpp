// `junheng show`: what the database holds for one school year, summarised for a person (in
// Chinese, the users' language) or, with --json, for a script.
#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "domain/school_year.hpp"
#include "cli/command.hpp"
#include "cli/option_values.hpp"
#include "cli/store_access.hpp"
#include "domain/fields.hpp"
#include "indicators/resources.hpp"
#include "domain/record_json.hpp"

namespace jh::cli {
namespace {

using namespace domain;

struct StageCounts {
    Stage stage;
    long long pupils = 0;
    int classes = 0;
};

// The figures a person checks first: are pupils, staff, areas and equipment all there?
struct Summary {
    std::vector<StageCounts> stages;
    long long pupils = 0;
    std::size_t classes = 0;
    std::size_t staff = 0;
    std::size_t full_time_teachers = 0;
    std::size_t training_records = 0;
    double building_area = 0;
    double teaching_building_area = 0;   // 教学及辅助用房
    double ground_area = 0;
    std::size_t equipment_rows = 0;      // in use (not disposed)
    double equipment_value = 0;          // book value in use
    double instrument_value = 0;         // of it, teaching and lab instruments
};

Summary summarise(const SchoolData& d) {
    Summary s;
    for (Stage stage : stages_of(d.school.type)) {
        StageCounts counts{stage, std::llround(indicators::stage_pupils(d, stage)), 0};
        for (const auto& c : d.classes) counts.classes += c.stage == stage;
        s.pupils += counts.pupils;
        s.stages.push_back(counts);
    }
    s.classes = d.classes.size();
    s.staff = d.staff.size();
    for (const auto& p : d.staff) s.full_time_teachers += p.category == StaffCategory::FullTime;
    s.training_records = d.training.size();
    for (const auto& b : d.buildings) {
        s.building_area += b.area;
        if (category_of(b.use) == BuildingCategory::TeachingAuxiliary) s.teaching_building_area += b.area;
    }
    for (const auto& g : d.grounds) s.ground_area += g.area;
    for (const auto& e : d.equipment) {
        if (e.disposed) continue;
        ++s.equipment_rows;
        s.equipment_value += e.book_value;
        if (e.category == EquipmentCategory::Instrument) s.instrument_value += e.book_value;
    }
    return s;
}

void print_text(std::ostream& out, const SchoolData& d, const Summary& s) {
    const auto& school = d.school;
    out << "学校：" << school.name << "（学校标识码 " << school.code << "，县区代码 " << school.county_code << "）\n";
    out << "类型：" << zh(school.type) << " · " << zh(school.location) << " · " << zh(school.ownership)
        << (school.boarding ? " · 寄宿制" : "") << "\n";
    if (school.central_school_code) out << "中心校：" << *school.central_school_code << "\n";
    out << "学年：" << domain::school_year_span_zh(d.year.year) << "（" << zh(d.year.status)
        << (d.year.pupils_confirmed ? "，学生数已确认" : "，学生数和班级待确认") << "）\n";
    out << "学生：";
    for (const auto& st : s.stages) out << zh(st.stage) << " " << st.pupils << " 人，";
    out << "共 " << s.pupils << " 人\n";
    out << "班级：";
    for (const auto& st : s.stages) out << zh(st.stage) << " " << st.classes << " 个，";
    out << "共 " << s.classes << " 个\n";
    out << "教职工：" << s.staff << " 人，其中专任教师 " << s.full_time_teachers << " 人；培训记录 "
        << s.training_records << " 条\n";
    out << "校舍建筑面积：" << format_number(s.building_area) << " m²（教学及辅助用房 "
        << format_number(s.teaching_building_area) << " m²）\n";
    out << "体育运动场馆面积：" << format_number(s.ground_area) << " m²\n";
    out << "教学仪器设备值：" << format_number(s.instrument_value) << " 元（在用设备 " << s.equipment_rows
        << " 条，账面原值合计 " << format_number(s.equipment_value) << " 元）\n";
    out << "经费：" << (d.funds.empty() ? "未填报" : "公用经费预算 " + format_number(d.funds[0].public_budget) + " 元")
        << "\n";
}

nlohmann::json to_json(const SchoolData& d, const Summary& s, const std::vector<SchoolYear>& years) {
    nlohmann::json pupils = nlohmann::json::object(), classes = nlohmann::json::object();
    for (const auto& st : s.stages) {
        pupils[std::string(code(st.stage))] = st.pupils;
        classes[std::string(code(st.stage))] = st.classes;
    }
    pupils["total"] = s.pupils;
    classes["total"] = s.classes;
    nlohmann::json all_years = nlohmann::json::array();
    for (const auto& y : years) all_years.push_back(y.year);
    return {{"school", domain::record_json(d.school)},
            {"year", domain::record_json(d.year)},
            {"years", all_years},
            {"pupils", pupils},
            {"classes", classes},
            {"staff", {{"total", s.staff}, {"full_time_teachers", s.full_time_teachers}}},
            {"training_records", s.training_records},
            {"building_area", s.building_area},
            {"teaching_building_area", s.teaching_building_area},
            {"ground_area", s.ground_area},
            {"equipment_rows", s.equipment_rows},
            {"equipment_value", s.equipment_value},
            {"instrument_value", s.instrument_value},
            {"funds", d.funds.empty() ? nlohmann::json(nullptr) : domain::record_json(d.funds[0])}};
}

int run_show(Context& ctx) {
    const bool json = ctx.args.flag("--json");
    const auto year = year_option(ctx.args);
    ctx.args.finish();
    auto store = open_store(ctx);
    const int school_year = year_to_use(store, year);
    const auto data = store.load(school_year);
    const auto summary = summarise(data);
    if (json) ctx.out << to_json(data, summary, store.years()).dump(2) << "\n";
    else print_text(ctx.out, data, summary);
    return 0;
}

}  // namespace

extern const Command show_command{
    "show", "summarise the school and one school year",
    "Usage: junheng [--db PATH] show [--json] [--year YEAR]\n"
    "\n"
    "Prints the school profile and a summary of one school year, in Chinese: pupils and classes\n"
    "per stage, staff, building and sports-ground areas, equipment value and funds.\n"
    "\n"
    "Options:\n"
    "  --year YEAR   the school year to show (default: the latest one)\n"
    "  --json        print JSON for scripts instead. Keys: school and year (records keyed by\n"
    "                field key, enums as codes), years (every stored year), pupils and classes\n"
    "                (per stage code, and total), staff {total, full_time_teachers},\n"
    "                training_records, building_area, teaching_building_area, ground_area\n"
    "                (m²), equipment_rows, equipment_value, instrument_value (元, equipment not\n"
    "                disposed), funds (the year's funds record or null)\n"
    "\n"
    "Pupils are the registered rolls (学籍) of each stage, or the sum of its classes where a\n"
    "stage has no roll.\n"
    "\n"
    "Exit status: 0 shown; 1 no such database or school year; 2 usage error.\n",
    run_show};

}  // namespace jh::cli
