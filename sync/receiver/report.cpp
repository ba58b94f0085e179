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
#include "sync/receiver/relay.hpp"
#include "sync/receiver/packs.hpp"
#include "sync/receiver/receiver.hpp"
#include "sync/receiver/records.hpp"
#include "sync/receiver/report_cache.hpp"
#include "sync/receiver/review.hpp"
#include "sync/receiver/staff.hpp"

namespace jh::sync::receiver {
namespace {

using nlohmann::json;

double rate(std::size_t part, std::size_t whole) { return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole); }

}  // namespace

namespace {

// What the report and the completeness alone both read: the year, the registered schools, every
// version held (without its snapshot bytes) and the latest version of that year per school.
struct Held {
    int year = 0;
    std::vector<SchoolInfo> registered;
    std::vector<StoredSubmission> all;
    std::map<std::string, const StoredSubmission*> latest;
    std::map<std::string, std::string> names;
};

void gather(ReceiverStore& store, const ReportOptions& options, Held& h) {
    h.registered = store.schools();
    h.all = store.submissions(std::nullopt, false);
    h.year = options.year.value_or(0);
    if (!options.year)
        for (const auto& s : h.all) h.year = std::max(h.year, s.year);
    if (h.year == 0) h.year = domain::current_school_year();   // nothing submitted yet: this school year
    // The latest version of that year, per school.
    for (const auto& s : h.all)
        if (s.year == h.year && (!h.latest.count(s.school) || h.latest[s.school]->version < s.version)) h.latest[s.school] = &s;
    for (const auto& s : h.registered) h.names[s.code] = s.name;
}

// The report's `completeness` (report.hpp). `county`: the county of each school whose latest
// submitted profile is known; the others get their live copy's (or their relaying county's).
json completeness_of(ReceiverStore& store, const Held& h, std::map<std::string, std::string>& county, const ReportOptions& options) {
    const int year = h.year;
    const auto& registered = h.registered;
    const auto& all = h.all;
    const auto& latest = h.latest;
    // review_of per school, on that school's versions and decisions only (a province holds
    // tens of thousands: not every school's list once per school).
    std::map<std::string, std::vector<StoredSubmission>> versions_of;
    for (const auto& s : all) versions_of[s.school].push_back(s);
    std::map<std::string, std::vector<Decision>> decisions_of_school;
    for (auto& d : decisions_of(store, std::nullopt)) decisions_of_school[d.school].push_back(std::move(d));
    const auto now = options.now.value_or(utc_now());
    std::optional<std::string> deadline;
    for (const auto& d : store.deadlines())
        if (d.year == year) deadline = d.date;
    // The deadline has passed once the receiver's date is after it (receiver time is UTC).
    const bool deadline_passed = deadline && now.substr(0, 10) > *deadline;

    struct CountyTally {
        std::size_t schools = 0, submitted = 0, on_time = 0;
        json not_submitted = json::array(), late = json::array(), overdue = json::array(), returned = json::array(),
             awaiting_review = json::array(), accepted = json::array();
    };
    std::map<std::string, CountyTally> counties;

    // A school a county relays (on a city or province) enrols and syncs at its county, never
    // here: the state its county last reported stands in for this receiver's own record of it.
    const auto relayed = relayed_schools(store);

    json rows = json::array(), never_synced = json::array(), not_submitted = json::array();
    for (const auto& s : registered) {
        const auto via = relayed.find(s.code);
        const RelaySchool* relay = via == relayed.end() ? nullptr : &via->second;
        const std::optional<std::string> last_seen =
            !relay ? s.last_seen : relay->state.last_seen.empty() ? std::nullopt : std::optional(relay->state.last_seen);
        const bool synced = relay ? last_seen.has_value() : !s.live_stream.empty();
        const bool enrolled = relay ? synced : s.enrolled;
        const bool revoked = relay ? relay->state.state == "revoked" : s.revoked;
        const auto it = latest.find(s.code);
        const auto review = review_of(s.code, year, versions_of[s.code], decisions_of_school[s.code]);
        if (!county.count(s.code)) county[s.code] = relay && !relay->state.county.empty() ? relay->state.county : school_county(store, s.code);
        const auto judged = lateness(review, deadline, now);
        const json on_time = judged.on_time ? json(*judged.on_time) : json(nullptr);
        const bool late = judged.late, overdue = judged.overdue;
        json row = {{"code", s.code},
                    {"name", s.name},
                    {"county", county[s.code]},
                    {"state", revoked ? "revoked" : "active"},
                    {"enrolled", enrolled},
                    {"synced", synced},
                    {"last_seen", last_seen ? json(*last_seen) : json(nullptr)},
                    {"relayed_by", relay ? json(relay->member) : json(nullptr)},
                    {"submission", nullptr},
                    {"review", review.state},
                    {"first_received_at", review.submitted() ? json(review.first_received_at()) : json(nullptr)},
                    {"on_time", on_time}};
        if (const auto* d = review.latest_decision())
            row["decision"] = {{"version", d->version}, {"decision", d->decision}, {"text", d->text}, {"by", d->by}, {"at", d->at}};
        if (it != latest.end())
            row["submission"] = {{"version", it->second->version}, {"sha256", it->second->sha256}, {"received_at", it->second->received_at}};
        else
            not_submitted.push_back(s.code);
        if (!synced) never_synced.push_back(s.code);

        auto& c = counties[county[s.code]];
        ++c.schools;
        if (review.submitted()) ++c.submitted;
        else c.not_submitted.push_back(s.code);
        if (on_time.is_boolean() && on_time.get<bool>()) ++c.on_time;
        if (late) c.late.push_back(s.code);
        if (overdue) c.overdue.push_back(s.code);
        if (review.awaiting_resubmission()) c.returned.push_back(s.code);
        if (review.awaiting_review()) c.awaiting_review.push_back(s.code);
        if (review.state == review_state::kAccepted) c.accepted.push_back(s.code);
        rows.push_back(std::move(row));
    }
    json by_county = json::array();
    for (auto& [code, c] : counties)
        by_county.push_back({{"county", code},
                             {"schools", c.schools},
                             {"submitted", c.submitted},
                             {"reporting_rate", rate(c.submitted, c.schools)},
                             {"on_time", deadline ? json(c.on_time) : json(nullptr)},
                             {"on_time_rate", deadline ? json(rate(c.on_time, c.schools)) : json(nullptr)},
                             {"not_submitted", c.not_submitted},
                             {"late", c.late},
                             {"overdue", c.overdue},
                             {"returned", c.returned},
                             {"awaiting_review", c.awaiting_review},
                             {"accepted", c.accepted}});
    json out = {{"registered", registered.size()},
                {"submitted", latest.size()},
                {"receiver_time", now},
                {"deadline", deadline ? json(*deadline) : json(nullptr)},
                {"deadline_passed", deadline_passed},
                {"never_synced", never_synced},
                {"not_submitted", not_submitted},
                {"counties", by_county},
                {"schools", rows}};
    out["by_region"] = relay_completeness(store, year);   // a city's counties (relay.hpp)
    return out;
}

// The snapshot bytes of one version (a report's cache miss).
std::optional<std::string> snapshot_of(ReceiverStore& store, const StoredSubmission& s) {
    for (auto& v : store.submissions(s.school, true))
        if (v.year == s.year && v.version == s.version) return std::move(v.snapshot);
    return std::nullopt;
}

}  // namespace

json completeness(ReceiverStore& store, const ReportOptions& options) {
    Held h;
    gather(store, options, h);
    // A school's county: its latest version's profile as the report's cache holds it (never a
    // snapshot decoded here), else its live copy's.
    std::map<std::string, std::string> county;
    for (const auto& row : store.report_counties(h.year))
        if (const auto it = h.latest.find(row.school); it != h.latest.end() && it->second->version == row.version && it->second->sha256 == row.sha256)
            county[row.school] = row.county;
    return {{"year", h.year}, {"completeness", completeness_of(store, h, county, options)}};
}

json county_report(ReceiverStore& store, const ReportOptions& options, ops::CountyReport* computed) {
    const auto packs = receiver_packs(store);   // the built-in packs and the one the bureau published
    const auto& pack = packs.pick(options.pack_id);
    Held h;
    gather(store, options, h);
    const int year = h.year;

    // A school's county: its latest submitted profile's when the snapshot reads, else its live
    // copy's (staff.hpp's school_county), else "" (never synced).
    std::map<std::string, std::string> county;

    // The county computation is `junheng county`'s own (ops::county_report): one code path.
    // A snapshot that does not read, or is of another school or year, is excluded here with its
    // reason; ops excludes what the engine cannot count. Each version is taken apart
    // (indicators::school_parts) once per pack and kept (report_cache.hpp): a version the cache
    // holds under this pack's key is not decoded again.
    const auto published = published_packs(store);
    const auto key = report_pack_key(pack.id, published.empty() ? std::string() : published.back().pack_text);
    std::map<std::string, ReportCacheRow> cached;
    for (auto& row : store.report_cache(year, key)) {
        const auto it = h.latest.find(row.school);
        if (it != h.latest.end() && it->second->version == row.version && it->second->sha256 == row.sha256) cached[row.school] = std::move(row);
    }
    std::vector<ReportCacheRow> fresh;
    ops::CountyInputs inputs;
    for (const auto& [code, s] : h.latest) {
        const std::string file = code + "_" + std::to_string(year) + ".json v" + std::to_string(s->version);
        if (const auto hit = cached.find(code); hit != cached.end())
            if (auto parts = parts_from_json(hit->second.parts)) {
                county[code] = hit->second.county;
                inputs.add_parts(file, std::move(*parts));
                continue;
            }
        try {
            const auto bytes = snapshot_of(store, *s);
            if (!bytes) throw std::runtime_error("the version is no longer held");
            auto data = exchange::read_snapshot(*bytes, file);
            if (data.school.code != code)
                throw domain::Rejected({"快照属于另一所学校 " + data.school.code, "the snapshot is of another school, " + data.school.code});
            if (data.year.year != year)
                throw domain::Rejected({"快照是 " + std::to_string(data.year.year) + " 学年", "the snapshot is of school year " + std::to_string(data.year.year)});
            county[code] = data.school.county_code;
            try {
                auto parts = indicators::school_parts(data, pack);
                fresh.push_back({code, year, s->version, key, s->sha256, data.school.county_code, parts_json(parts)});
                inputs.add_parts(file, std::move(parts));
            } catch (const domain::Rejected&) {
                inputs.add_school(file, std::move(data));   // ops excludes it with the engine's reason
            }
        } catch (const domain::Rejected& e) {
            inputs.excluded.push_back({file, code, h.names[code], e.message(), std::nullopt});
        } catch (const std::exception& e) {
            inputs.excluded.push_back({file, code, h.names[code],
                                       {std::string("快照无法读取：") + e.what(), std::string("the snapshot cannot be read: ") + e.what()},
                                       std::nullopt});
        }
    }
    // Kept for the next report; a store that cannot take them now (busy, read-only) only costs
    // the next report the same decoding.
    try {
        store.put_report_cache(fresh);
    } catch (const std::exception&) {
    }
    ops::CountyOptions county_options;
    county_options.year = year;
    county_options.default_year = year;
    county_options.top = options.top;
    auto computation = ops::county_report(inputs, pack, county_options);
    json doc = ops::to_json(computation);
    if (computed) *computed = std::move(computation);
    doc["completeness"] = completeness_of(store, h, county, options);
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
    out << "Deadline: " << (c["deadline"].is_null() ? std::string("none set") : c["deadline"].get<std::string>())
        << "; receiver time " << c["receiver_time"].get<std::string>() << "\n";
    const auto codes = [](const json& list) {
        std::string s;
        for (const auto& code : list) s += (s.empty() ? "" : " ") + code.get<std::string>();
        return s.empty() ? std::string("-") : s;
    };
    for (const auto& k : c["counties"]) {
        std::snprintf(line, sizeof line, "County %s: %zu schools, %zu submitted, reporting rate %.1f%%, on-time rate %s\n",
                      k["county"].get<std::string>().empty() ? "(unknown: never synced)" : k["county"].get<std::string>().c_str(),
                      k["schools"].get<std::size_t>(), k["submitted"].get<std::size_t>(), 100.0 * k["reporting_rate"].get<double>(),
                      k["on_time_rate"].is_null() ? "- (no deadline)"
                                                  : (std::to_string(static_cast<int>(100.0 * k["on_time_rate"].get<double>() + 0.5)) + "%").c_str());
        out << line;
        out << "  not submitted: " << codes(k["not_submitted"]) << "\n";
        out << "  late: " << codes(k["late"]) << "\n";
        if (!k["overdue"].empty()) out << "  overdue (not submitted, deadline passed): " << codes(k["overdue"]) << "\n";
        out << "  returned, awaiting resubmission: " << codes(k["returned"]) << "\n";
        out << "  awaiting review: " << codes(k["awaiting_review"]) << "\n";
        out << "  accepted: " << codes(k["accepted"]) << "\n";
    }
    for (const auto& s : c["schools"]) {
        std::snprintf(line, sizeof line, "  %s  %-8s %-10s %-10s %-13s last seen %s\n", s["code"].get<std::string>().c_str(),
                      s["state"].get<std::string>().c_str(), s["synced"].get<bool>() ? "synced" : "never-synced",
                      s["submission"].is_null() ? "unsubmitted" : ("v" + std::to_string(s["submission"]["version"].get<int>())).c_str(),
                      s["review"].get<std::string>().c_str(), s["last_seen"].is_null() ? "never" : s["last_seen"].get<std::string>().c_str());
        out << line << "    " << s["name"].get<std::string>() << "\n";
        if (s.contains("decision") && !s["decision"]["text"].get<std::string>().empty())
            out << "    " << s["decision"]["decision"].get<std::string>() << " by " << s["decision"]["by"].get<std::string>() << ": "
                << s["decision"]["text"].get<std::string>() << "\n";
    }
    if (c.contains("by_region") && !c["by_region"].empty()) {
        out << "\nBy county (relayed to this receiver):\n";
        for (const auto& r : c["by_region"]) {
            std::snprintf(line, sizeof line, "  %s  %d schools, %d submitted, %d accepted, %d returned, %d late; last seen %s\n",
                          r["code"].get<std::string>().c_str(), r["schools"].get<int>(), r["submitted"].get<int>(),
                          r["accepted"].get<int>(), r["returned"].get<int>(), r["late"].get<int>(),
                          r["last_seen"].is_null() ? "never" : r["last_seen"].get<std::string>().c_str());
            out << line << "    " << r["name"].get<std::string>() << "\n";
        }
    }
    return out.str();
}

}  // namespace jh::sync::receiver
