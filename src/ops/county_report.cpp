// The county report (see county_report.hpp): inputs gathered, the schools that cannot take
// part set aside with their reasons, the engine run over the rest, and the two forms it is
// shown in.
#include "domain/school_year.hpp"
#include "ops/county_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "exchange/county_table.hpp"
#include "exchange/encoding.hpp"
#include "exchange/snapshot.hpp"
#include "indicators/report_json.hpp"
#include "indicators/school.hpp"
#include "indicators/text.hpp"

namespace jh::ops {
namespace {

using domain::Message;
using domain::Rejected;
using indicators::PartQuantities;
using indicators::RulePack;
static_assert(exchange::kCountyQuantities == indicators::kResourceCount, "the county table has one column per resource indicator");

std::string key_of(const std::string& code, domain::Stage stage) { return code + '\x1f' + std::string(domain::code(stage)); }


// The school years that take part: of the year asked for when some snapshot is of it, else of
// the latest; one per school code, the first given.
std::vector<const CountyInputs::School*> schools_of_year(const CountyInputs& inputs, std::optional<int> wanted, std::optional<int>& year,
                                                         std::vector<ExcludedSchool>& excluded) {
    std::vector<const CountyInputs::School*> out;
    if (inputs.schools.empty()) return out;
    const bool wanted_present = wanted && std::any_of(inputs.schools.begin(), inputs.schools.end(),
                                                      [&](const CountyInputs::School& s) { return s.data.year.year == *wanted; });
    year = wanted_present ? *wanted : std::max_element(inputs.schools.begin(), inputs.schools.end(), [](const auto& a, const auto& b) {
                                          return a.data.year.year < b.data.year.year;
                                      })->data.year.year;
    std::map<std::string, std::string> source_of;
    for (const auto& s : inputs.schools) {
        const auto& school = s.data.school;
        if (s.data.year.year != *year) {
            excluded.push_back({s.source, school.code, school.name,
                                {"是 " + domain::school_year_zh(s.data.year.year) + "的数据，本报告为 " + domain::school_year_zh(*year),
                                 "holds " + domain::school_year_en(s.data.year.year) + "; the report covers " + domain::school_year_span_en(*year)},
                                std::nullopt});
            continue;
        }
        if (auto [it, fresh] = source_of.emplace(school.code, s.source); !fresh) {
            excluded.push_back({s.source, school.code, school.name,
                                {"同一学校已由 " + it->second + " 给出", "the same school is already given by " + it->second}, std::nullopt});
            continue;
        }
        out.push_back(&s);
    }
    return out;
}

// county_parts over the schools; a school the engine cannot count is set aside with the
// engine's reason, and the others are counted without it.
indicators::CountyParts counted(std::vector<const CountyInputs::School*>& schools, const RulePack& pack, std::vector<ExcludedSchool>& excluded) {
    const auto data_of = [](const std::vector<const CountyInputs::School*>& list) {
        std::vector<domain::SchoolData> out;
        for (const auto* s : list) out.push_back(s->data);
        return out;
    };
    try {
        return indicators::county_parts(data_of(schools), pack);
    } catch (const Rejected&) {
    }
    std::vector<const CountyInputs::School*> countable;
    for (const auto* s : schools) {
        try {
            indicators::county_parts({s->data}, pack);
            countable.push_back(s);
        } catch (const Rejected& e) {
            excluded.push_back({s->source, s->data.school.code, s->data.school.name, e.message(), std::nullopt});
        }
    }
    schools = countable;
    return indicators::county_parts(data_of(schools), pack);
}

// Fixed decimals, zeros kept, as the published county tables print CVs: 0.500, 0.020.
std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

void print_stage(std::ostream& out, const indicators::StageStats& st) {
    using indicators::kResourceCount;
    using indicators::resource_info;
    out << "\n【" << domain::zh(st.stage) << "】学校 " << st.rows.size() << " 所，在校生 " << indicators::number_text(st.pupils, 0)
        << " 人，差异系数上限 " << fixed(st.indicators[0].limit, 2) << "：" << (st.pass ? "7 项均达标" : "未达标") << "\n";
    out << "  指标  均值          标准差        差异系数  结果\n";
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        const auto& s = st.indicators[i];
        char line[160];
        std::snprintf(line, sizeof line, "  %-4s  %-12.3f  %-12.3f  %-8.3f  ", std::string(resource_info()[i].id).c_str(), s.mean, s.sd, s.cv);
        out << line << (s.pass ? "达标" : "未达标") << (s.borderline ? "（临界）" : "") << "  " << resource_info()[i].name.zh << "\n";
    }
    out << "  综合（7 项差异系数的平均值，仅供参考）：" << fixed(st.composite, 3) << "\n";
    out << "  对差异系数贡献最大的学校：\n";
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        if (st.indicators[i].top.empty()) continue;
        out << "    " << resource_info()[i].id << "：";
        const auto& top = st.indicators[i].top;
        for (std::size_t k = 0; k < top.size(); ++k)
            out << (k ? "  " : "") << top[k].name << "（" << top[k].code << "，" << indicators::number_text(top[k].value, 2) << "，占 "
                << indicators::percent_text(top[k].share) << "）";
        out << "\n";
    }
    out << "  未达到 6/7 标准的学校：" << st.failing_parts.size() << " 所\n";
    for (const auto& row : st.rows)
        if (!row.pass) out << "    " << row.code << " " << row.name << "\n";
}

}  // namespace

void CountyInputs::add_file(const std::string& source, std::string_view bytes) {
    const auto text = exchange::decode_text(bytes, source).utf8;
    if (exchange::looks_like_snapshot(text)) add_snapshot(source, text);
    else add_table(source, bytes);
}

void CountyInputs::add_snapshot(const std::string& source, std::string_view bytes, const std::string& code, const std::string& name) {
    try {
        add_school(source, exchange::read_snapshot(exchange::decode_text(bytes, source).utf8, source));
    } catch (const Rejected& e) {
        excluded.push_back({source, code, name, e.message(), std::nullopt});
    }
}

void CountyInputs::add_school(const std::string& source, domain::SchoolData data) { schools.push_back({source, std::move(data)}); }

void CountyInputs::add_table(const std::string& source, std::string_view bytes) {
    for (auto& row : exchange::read_county_table(bytes, source)) {
        PartQuantities part{std::move(row.code), std::move(row.name), row.stage, row.pupils, row.amounts};
        parts.push_back(std::move(part));
        part_sources.push_back(source + " line " + std::to_string(row.line));
    }
}

CountyReport county_report(const CountyInputs& inputs, const RulePack& pack, const CountyOptions& options) {
    CountyReport report;
    report.pack = pack;
    report.excluded = inputs.excluded;
    std::vector<PartQuantities> parts = inputs.parts;
    std::set<std::string> tabled;
    for (const auto& p : inputs.parts) tabled.insert(key_of(p.code, p.stage));

    auto schools = schools_of_year(inputs, options.year, report.snapshot_year, report.excluded);
    if (!schools.empty()) {
        auto county = counted(schools, pack, report.excluded);
        std::map<std::string, std::string> source_of;   // a part carries its school's code (a merged point: its central school's)
        for (const auto* s : schools) source_of.emplace(s->data.school.code, s->source);
        for (auto& part : county.parts) {
            const std::string& source = source_of[part.code];
            if (tabled.count(key_of(part.code, part.stage))) {
                report.excluded.push_back({source, part.code, part.name,
                                           {"该学段已由县域汇总表给出", "this part is already given by a county table"}, part.stage});
                continue;
            }
            try {
                indicators::check_part(part, source);
            } catch (const Rejected& e) {
                report.excluded.push_back({source, part.code, part.name, e.message(), part.stage});
                continue;
            }
            parts.push_back(std::move(part));
        }
        for (const auto& e : county.excluded) {
            const auto* from = schools[e.school];
            report.excluded.push_back({from->source, from->data.school.code, from->data.school.name, e.reason, e.stage});
        }
        std::vector<domain::SchoolData> counted_schools;
        for (const auto* s : schools) counted_schools.push_back(s->data);
        if (!counted_schools.empty()) report.g15 = indicators::migrant_share(counted_schools, pack, *report.snapshot_year);
    }
    report.year = options.year ? *options.year : report.snapshot_year.value_or(options.default_year);
    if (parts.empty()) report.result = {pack.id, report.year, {}};
    else {
        report.result = indicators::County(parts, pack, report.year).result(options.top);
        report.parts = std::move(parts);
    }
    return report;
}

nlohmann::json to_json(const CountyReport& report) {
    auto doc = indicators::to_json(report.result, report.pack);
    doc["excluded"] = nlohmann::json::array();
    for (const auto& e : report.excluded)
        doc["excluded"].push_back({{"file", e.source},
                                   {"code", e.code},
                                   {"name", e.name},
                                   {"stage", e.stage ? nlohmann::json(domain::code(*e.stage)) : nlohmann::json(nullptr)},
                                   {"reason", {{"zh", e.reason.zh}, {"en", e.reason.en}}}});
    doc["guarantee"] = nlohmann::json::object();
    if (report.g15) doc["guarantee"]["G15"] = indicators::to_json(*report.g15);
    return doc;
}

std::string to_text(const CountyReport& report) {
    std::ostringstream out;
    const auto& pack = report.pack;
    const int year = report.year;
    out << "县域义务教育资源配置校际差异系数（按学生数加权）\n标准包：" << pack.name.zh << "（" << pack.id << "）  学年：" << domain::school_year_span_zh(year)
        << "\n";
    if (const auto ended = indicators::ended_note(pack, year)) out << "已停止执行：" << ended->zh << "\n";
    for (const auto& st : report.result.stages) print_stage(out, st);
    if (report.g15)
        out << "\n【G15 随迁子女在公办或政府购买学位学校就读（县域比例）】"
            << (report.g15->pass ? (*report.g15->pass ? "达标" : "未达标") : "不判定") << "\n  " << report.g15->detail.zh << "\n";
    for (const auto& e : report.excluded) {
        out << "\n未计入：";
        if (e.code.empty() && e.name.empty()) out << e.source;   // an unreadable snapshot names nobody
        else out << e.name << "（" << e.code << (e.stage ? "，" + std::string(domain::zh(*e.stage)) + "学段" : "") << "，" << e.source << "）";
        out << "：" << e.reason.zh << "\n";
    }
    return std::move(out).str();
}

}  // namespace jh::ops
