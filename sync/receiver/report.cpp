// The bureau's county report; see report.hpp.
#include "sync/receiver/report.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <sstream>

#include "domain/message.hpp"
#include "exchange/snapshot.hpp"
#include "indicators/county.hpp"
#include "indicators/pack.hpp"
#include "indicators/report_json.hpp"

namespace jh::sync::receiver {
namespace {

using nlohmann::json;

json excluded_json(const std::string& file, const std::string& code, const std::string& name, const domain::Message& reason,
                   std::optional<domain::Stage> stage = std::nullopt) {
    return {{"file", file},
            {"code", code},
            {"name", name},
            {"stage", stage ? json(domain::code(*stage)) : json(nullptr)},
            {"reason", {{"zh", reason.zh}, {"en", reason.en}}}};
}

// The county computation over whole school years, as `junheng county --json` builds it from
// snapshots: parts per the pack's scope rules, the county figures, `excluded`, `guarantee.G15`.
// A part the computation refuses is excluded with its school instead of aborting.
// TODO(ops): when src/ops's county-JSON function lands on main, this body becomes that call.
json county_json(const std::vector<domain::SchoolData>& schools, const std::vector<std::string>& files,
                 const indicators::RulePack& pack, int year, std::size_t top, json excluded) {
    std::vector<indicators::PartQuantities> parts;
    std::optional<indicators::MigrantShare> g15;
    if (!schools.empty()) {
        auto county = indicators::county_parts(schools, pack);
        std::map<std::string, std::size_t> index_of;
        for (std::size_t i = 0; i < schools.size(); ++i) index_of.emplace(schools[i].school.code, i);
        for (auto& part : county.parts) {
            const auto i = index_of.at(part.code);
            try {
                indicators::check_part(part, files[i]);
                parts.push_back(std::move(part));
            } catch (const domain::Rejected& e) {
                excluded.push_back(excluded_json(files[i], part.code, part.name, e.message(), part.stage));
            }
        }
        for (const auto& e : county.excluded) {
            const auto& school = schools[e.school].school;
            excluded.push_back(excluded_json(files[e.school], school.code, school.name, e.reason, e.stage));
        }
        g15 = indicators::migrant_share(schools, pack, year);
    }
    json doc;
    if (parts.empty()) {
        doc = indicators::to_json(indicators::CountyResult{pack.id, year, {}}, pack);
    } else {
        const indicators::County county(std::move(parts), pack, year);
        doc = indicators::to_json(county.result(top), pack);
    }
    doc["excluded"] = std::move(excluded);
    doc["guarantee"] = json::object();
    if (g15) doc["guarantee"]["G15"] = indicators::to_json(*g15);
    return doc;
}

// The school year running now (a school year starts in September), in the bureau's local time.
int current_school_year() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return local.tm_mon + 1 >= 9 ? local.tm_year + 1900 : local.tm_year + 1899;
}

}  // namespace

json county_report(ReceiverStore& store, const ReportOptions& options) {
    const auto& pack = indicators::find_pack(options.pack_id);
    const auto registered = store.schools();
    const auto all = store.submissions(std::nullopt, true);

    int year = options.year.value_or(0);
    if (!options.year)
        for (const auto& s : all) year = std::max(year, s.year);
    if (year == 0) year = current_school_year();   // nothing submitted yet: this school year

    // The latest version of that year, per school.
    std::map<std::string, const StoredSubmission*> latest;
    for (const auto& s : all)
        if (s.year == year && (!latest.count(s.school) || latest[s.school]->version < s.version)) latest[s.school] = &s;

    std::map<std::string, std::string> names;
    for (const auto& s : registered) names[s.code] = s.name;

    std::vector<domain::SchoolData> schools;
    std::vector<std::string> files;
    json excluded = json::array();
    for (const auto& [code, s] : latest) {
        const std::string file = code + "_" + std::to_string(year) + ".json v" + std::to_string(s->version);
        try {
            auto data = exchange::read_snapshot(s->snapshot, file);
            if (data.school.code != code)
                throw domain::Rejected({"快照属于另一所学校 " + data.school.code, "the snapshot is of another school, " + data.school.code});
            if (data.year.year != year)
                throw domain::Rejected({"快照是 " + std::to_string(data.year.year) + " 学年", "the snapshot is of school year " + std::to_string(data.year.year)});
            schools.push_back(std::move(data));
            files.push_back(file);
        } catch (const domain::Rejected& e) {
            excluded.push_back(excluded_json(file, code, names[code], e.message()));
        } catch (const std::exception& e) {
            excluded.push_back(excluded_json(file, code, names[code], {std::string("快照无法读取：") + e.what(), std::string("the snapshot cannot be read: ") + e.what()}));
        }
    }

    json doc = county_json(schools, files, pack, year, options.top, std::move(excluded));

    json rows = json::array(), never_synced = json::array(), not_submitted = json::array();
    for (const auto& s : registered) {
        const bool synced = !s.live_stream.empty();
        const auto it = latest.find(s.code);
        json row = {{"code", s.code},
                    {"name", s.name},
                    {"state", s.revoked ? "revoked" : "active"},
                    {"enrolled", s.enrolled},
                    {"synced", synced},
                    {"last_seen", s.last_seen ? json(*s.last_seen) : json(nullptr)},
                    {"submission", nullptr}};
        if (it != latest.end())
            row["submission"] = {{"version", it->second->version}, {"sha256", it->second->sha256}, {"received_at", it->second->received_at}};
        else
            not_submitted.push_back(s.code);
        if (!synced) never_synced.push_back(s.code);
        rows.push_back(std::move(row));
    }
    doc["completeness"] = {{"registered", registered.size()},
                           {"submitted", latest.size()},
                           {"never_synced", never_synced},
                           {"not_submitted", not_submitted},
                           {"schools", rows}};
    return doc;
}

std::string report_text(const json& report) {
    std::ostringstream out;
    char line[200];
    out << "County report (县域差异系数) — pack " << report["pack"].value("id", std::string()) << ", school year "
        << report["year"].get<int>() << "\n";
    for (const auto& [stage, st] : report["stages"].items()) {
        out << "\n[" << stage << "] pass: " << (st.value("pass", false) ? "yes" : "no") << "\n";
        if (st.contains("indicators"))
            for (const auto& [id, ind] : st["indicators"].items()) {
                std::snprintf(line, sizeof line, "  %-4s CV %.3f (limit %.2f) %s\n", id.c_str(), ind.value("cv", 0.0),
                              ind.value("limit", 0.0), ind.value("pass", false) ? "pass" : "FAIL");
                out << line;
            }
    }
    if (report["stages"].empty()) out << "\nNo submitted school can be computed yet.\n";
    for (const auto& e : report["excluded"])
        out << "\nexcluded: " << e["code"].get<std::string>() << " " << e["name"].get<std::string>() << " (" << e["file"].get<std::string>()
            << "): " << e["reason"]["en"].get<std::string>() << "\n";
    const auto& c = report["completeness"];
    out << "\nSchools: " << c["registered"].get<std::size_t>() << " registered, " << c["submitted"].get<std::size_t>() << " submitted\n";
    for (const auto& s : c["schools"]) {
        std::snprintf(line, sizeof line, "  %s  %-8s %-10s %-10s last seen %s\n", s["code"].get<std::string>().c_str(),
                      s["state"].get<std::string>().c_str(), s["synced"].get<bool>() ? "synced" : "never-synced",
                      s["submission"].is_null() ? "unsubmitted" : ("v" + std::to_string(s["submission"]["version"].get<int>())).c_str(),
                      s["last_seen"].is_null() ? "never" : s["last_seen"].get<std::string>().c_str());
        out << line << "    " << s["name"].get<std::string>() << "\n";
    }
    return out.str();
}

}  // namespace jh::sync::receiver
