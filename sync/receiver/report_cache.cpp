// The county report's cache; see report_cache.hpp.
#include "sync/receiver/report_cache.hpp"

#include <nlohmann/json.hpp>

#include "domain/audit_entry.hpp"
#include "domain/enums.hpp"
#include "exchange/snapshot.hpp"
#include "indicators/pack.hpp"
#include "sync/receiver/packs.hpp"

namespace jh::sync::receiver {

using nlohmann::json;

std::string report_pack_key(const std::string& pack_id, const std::string& published_text) {
    std::string keyed = "junheng report cache\nformat " + std::to_string(indicators::kSchoolPartsFormat) + "\npack " + pack_id + "\n";
    for (const auto& f : indicators::packs::embedded_files())
        keyed += "builtin " + std::string(f.name) + " " + std::to_string(f.content.size()) + "\n" + std::string(f.content) + "\n";
    keyed += "published " + std::to_string(published_text.size()) + "\n" + published_text;
    return domain::sha256_hex(keyed);
}

std::string parts_json(const indicators::SchoolParts& p) {
    json parts = json::array();
    for (const auto& q : p.parts)
        parts.push_back({{"code", q.code}, {"name", q.name}, {"stage", domain::code(q.stage)}, {"pupils", q.pupils}, {"amounts", q.amounts}});
    json empty = json::array();
    for (const auto stage : p.empty) empty.push_back(domain::code(stage));
    return json{{"code", p.code},
                {"name", p.name},
                {"year", p.year},
                {"note", p.note ? json{{"zh", p.note->zh}, {"en", p.note->en}} : json(nullptr)},
                {"merge", p.merge},
                {"central", p.central ? json(*p.central) : json(nullptr)},
                {"parts", parts},
                {"empty", empty},
                {"migrants", p.migrants},
                {"in_public", p.in_public}}
        .dump();
}

std::optional<indicators::SchoolParts> parts_from_json(const std::string& text) {
    try {
        const auto j = json::parse(text);
        indicators::SchoolParts p;
        p.code = j.at("code").get<std::string>();
        p.name = j.at("name").get<std::string>();
        p.year = j.at("year").get<int>();
        if (!j.at("note").is_null()) p.note = domain::Message{j["note"].at("zh").get<std::string>(), j["note"].at("en").get<std::string>()};
        p.merge = j.at("merge").get<bool>();
        if (!j.at("central").is_null()) p.central = j["central"].get<std::string>();
        for (const auto& q : j.at("parts")) {
            const auto stage = domain::parse_enum<domain::Stage>(q.at("stage").get<std::string>());
            if (!stage) return std::nullopt;
            p.parts.push_back({q.at("code").get<std::string>(), q.at("name").get<std::string>(), *stage, q.at("pupils").get<double>(),
                               q.at("amounts").get<std::array<double, indicators::kResourceCount>>()});
        }
        for (const auto& e : j.at("empty")) {
            const auto stage = domain::parse_enum<domain::Stage>(e.get<std::string>());
            if (!stage) return std::nullopt;
            p.empty.push_back(*stage);
        }
        p.migrants = j.at("migrants").get<double>();
        p.in_public = j.at("in_public").get<double>();
        return p;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

void cache_submission(ReceiverStore& store, const StoredSubmission& s) noexcept {
    try {
        const auto packs = receiver_packs(store);
        const auto& pack = packs.pick(std::nullopt);
        const auto published = published_packs(store);
        const auto key = report_pack_key(pack.id, published.empty() ? std::string() : published.back().pack_text);
        const auto data = exchange::read_snapshot(s.snapshot, s.school + "_" + std::to_string(s.year) + ".json");
        if (data.school.code != s.school || data.year.year != s.year) return;   // the report excludes it, with its reason
        store.put_report_cache({{s.school, s.year, s.version, key, s.sha256, data.school.county_code,
                                 parts_json(indicators::school_parts(data, pack))}});
    } catch (const std::exception&) {
        // Not cached: the report takes this version apart itself, and excludes it if it must.
    }
}

}  // namespace jh::sync::receiver
