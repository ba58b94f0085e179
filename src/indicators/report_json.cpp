// Serialises school and county results (see report_json.hpp for the contract).
#include "indicators/report_json.hpp"

namespace jh::indicators {

using json = nlohmann::json;

namespace {

json message(const Message& m) { return {{"zh", m.zh}, {"en", m.en}}; }

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// The pack as chosen, whether its document is in force in the year, its end and the sentence
// that sets it, and the pack whose rules were applied (the inherited one once it has ended).
json pack_json(const std::string& id, const Message& name, const std::string& version, bool in_force,
               const std::optional<domain::Date>& valid_until, const std::optional<Message>& validity, const std::string& applied) {
    return {{"id", id},
            {"name", message(name)},
            {"version", version},
            {"in_force", in_force},
            {"valid_until", valid_until ? json(domain::to_string(*valid_until)) : json(nullptr)},
            {"validity", validity ? message(*validity) : json(nullptr)},
            {"applied", applied}};
}

json gaps_json(const std::vector<Gap>& gaps) {
    json out = json::array();
    for (const auto& g : gaps) out.push_back({{"item", g.item}, {"amount", g.amount}, {"text", message(g.text)}});
    return out;
}

json items_json(const std::vector<ItemResult>& items) {
    json out = json::array();
    for (const auto& i : items)
        out.push_back({{"id", i.id},
                       {"name", message(i.name)},
                       {"status", status_label(i.status).code},
                       {"value", optional_number(i.value)},
                       {"threshold", optional_number(i.threshold)},
                       {"detail", message(i.detail)},
                       {"gaps", gaps_json(i.gaps)}});
    return out;
}

json indicator_json(const IndicatorStats& s, std::size_t i) {
    json top = json::array();
    for (const auto& c : s.top) top.push_back({{"code", c.code}, {"name", c.name}, {"value", c.value}, {"share", c.share}});
    return {{"name", message(resource_info()[i].name)},
            {"mean", s.mean},
            {"sd", s.sd},
            {"cv", s.cv},
            {"limit", s.limit},
            {"pass", s.pass},
            {"borderline", s.borderline},
            {"top_contributors", top}};
}

json stage_json(const StageStats& st) {
    json indicators = json::object(), rows = json::array();
    for (std::size_t i = 0; i < kResourceCount; ++i) indicators[std::string(resource_info()[i].id)] = indicator_json(st.indicators[i], i);
    for (const auto& r : st.rows) {
        json values = json::object();
        for (std::size_t i = 0; i < kResourceCount; ++i) values[std::string(resource_info()[i].id)] = r.values[i];
        rows.push_back({{"code", r.code}, {"name", r.name}, {"pupils", r.pupils}, {"values", values}, {"pass", r.pass}});
    }
    return {{"part_count", st.rows.size()}, {"pupils", st.pupils},        {"cv_limit", st.indicators[0].limit},
            {"pass", st.pass},              {"composite", st.composite},  {"indicators", indicators},
            {"failing_parts", st.failing_parts}, {"parts", rows}};
}

}  // namespace

json to_json(const CountyResult& result, const RulePack& pack) {
    json stages = json::object();
    for (const auto& st : result.stages) stages[std::string(domain::code(st.stage))] = stage_json(st);
    return {{"format", "junheng-county-result"},
            {"version", 1},
            {"pack", pack_json(pack.id, pack.name, pack.version, in_force(pack, result.year), pack.valid_until, pack.validity,
                               rules_in_force(pack, result.year).id)},
            {"year", result.year},
            {"stages", stages}};
}

json to_json(const SchoolResult& result) {
    json parts = json::array();
    for (const auto& p : result.parts) {
        json indicators = json::object();
        for (const auto& r : p.resources.results)
            indicators[std::string(r.id)] = {{"amount", r.amount}, {"value", r.value},    {"threshold", r.threshold},
                                             {"floor", r.floor},   {"met", r.met},        {"above_floor", r.above_floor}};
        parts.push_back({{"stage", domain::code(p.quantities.stage)},
                         {"pupils", p.quantities.pupils},
                         {"met", p.resources.met},
                         {"pass", p.resources.pass},
                         {"indicators", indicators},
                         {"gaps", gaps_json(p.resources.gaps)},
                         {"fixes", gaps_json(p.resources.fixes)},
                         {"items", items_json(p.items)}});
    }
    json empty_stages = json::array();
    for (const auto& e : result.empty_stages) empty_stages.push_back({{"stage", domain::code(e.stage)}, {"reason", message(e.reason)}});
    json not_computed = json::array();
    for (const auto& n : result.not_computed)
        not_computed.push_back({{"id", n.id}, {"name", message(n.name)}, {"reason", message(n.reason)}});
    return {{"format", "junheng-school-result"},
            {"version", 1},
            {"pack", pack_json(result.pack_id, result.pack_name, result.pack_version, result.pack_in_force, result.pack_valid_until,
                               result.pack_validity, result.applied_pack_id)},
            {"year", result.year},
            {"school", {{"code", result.code}, {"name", result.name}}},
            {"scope_note", result.scope_note ? message(*result.scope_note) : json(nullptr)},
            {"parts", parts},
            {"empty_stages", empty_stages},
            {"items", items_json(result.items)},
            {"not_computed", not_computed}};
}

json to_json(const MigrantShare& share) {
    return {{"id", "G15"},
            {"migrants", share.migrants},
            {"in_public", share.in_public},
            {"share", optional_number(share.share)},
            {"threshold", optional_number(share.threshold)},
            {"pass", share.pass ? json(*share.pass) : json(nullptr)},
            {"detail", message(share.detail)}};
}

}  // namespace jh::indicators
