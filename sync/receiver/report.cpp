// The bureau's county report; see report.hpp.
#include "sync/receiver/report.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <sstream>

#include "domain/date.hpp"
#include "domain/message.hpp"
#include "exchange/snapshot.hpp"
#include "indicators/pack.hpp"
#include "ops/county_report.hpp"
#include "sync/receiver/packs.hpp"

namespace jh::sync::receiver {
namespace {

using nlohmann::json;

}  // namespace

json county_report(ReceiverStore& store, const ReportOptions& options) {
    const auto packs = receiver_packs(store);   // the built-in packs and the one the bureau published
    const auto& pack = packs.pick(options.pack_id);
    const auto registered = store.schools();
    const auto all = store.submissions(std::nullopt, true);

    int year = options.year.value_or(0);
    if (!options.year)
        for (const auto& s : all) year = std::max(year, s.year);
    if (year == 0) year = domain::current_school_year();   // nothing submitted yet: this school year

    // The latest version of that year, per school.
    std::map<std::string, const StoredSubmission*> latest;
    for (const auto& s : all)
        if (s.year == year && (!latest.count(s.school) || latest[s.school]->version < s.version)) latest[s.school] = &s;

    std::map<std::string, std::string> names;
    for (const auto& s : registered) names[s.code] = s.name;

    // The county computation is `junheng county`'s own (ops::county_report): one code path.
    // A snapshot that does not read, or is of another school or year, is excluded here with its
    // reason; ops excludes what the engine cannot count.
    ops::CountyInputs inputs;
    for (const auto& [code, s] : latest) {
        const std::string file = code + "_" + std::to_string(year) + ".json v" + std::to_string(s->version);
        try {
            auto data = exchange::read_snapshot(s->snapshot, file);
            if (data.school.code != code)
                throw domain::Rejected({"快照属于另一所学校 " + data.school.code, "the snapshot is of another school, " + data.school.code});
            if (data.year.year != year)
                throw domain::Rejected({"快照是 " + std::to_string(data.year.year) + " 学年", "the snapshot is of school year " + std::to_string(data.year.year)});
            inputs.add_school(file, std::move(data));
        } catch (const domain::Rejected& e) {
            inputs.excluded.push_back({file, code, names[code], e.message(), std::nullopt});
        } catch (const std::exception& e) {
            inputs.excluded.push_back({file, code, names[code],
                                       {std::string("快照无法读取：") + e.what(), std::string("the snapshot cannot be read: ") + e.what()},
                                       std::nullopt});
        }
    }
    ops::CountyOptions county_options;
    county_options.year = year;
    county_options.default_year = year;
    county_options.top = options.top;
    json doc = ops::to_json(ops::county_report(inputs, pack, county_options));

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
