// Record titles from the audit log and the field descriptors.
#include "ui/record_names.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

namespace jh::ui {
namespace {

// The record's latest text under `key` in the log; empty when no entry holds one.
std::string logged_text(const HistoryView& h, std::string_view key) {
    for (auto it = h.entries.rbegin(); it != h.entries.rend(); ++it) {
        const auto j = nlohmann::json::parse(it->new_json.empty() ? it->old_json : it->new_json, nullptr, false);
        if (j.is_object() && j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
    }
    return {};
}

}  // namespace

std::string record_name(const HistoryView& h) {
    std::string name;
    with_kind(h.table, [&](auto tag) {
        if (const auto* f = naming_field<decltype(tag)>()) name = logged_text(h, f->key);
    });
    return name;
}

std::string record_title(const Model& m, const HistoryView& h) {
    std::string kind = h.table;
    with_kind(h.table, [&](auto tag) {
        using E = domain::Entity<decltype(tag)>;
        kind = m.english() ? std::string(E::en) : std::string(E::zh);
    });
    if (m.english() && !kind.empty()) kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
    return h.name.empty() ? kind + " #" + std::to_string(h.record_id) : kind + " · " + h.name;
}

std::string local_time(std::string_view utc) {
    std::tm t{};
    char zone = 0;
    const std::string text(utc);
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &t.tm_year, &t.tm_mon, &t.tm_mday, &t.tm_hour, &t.tm_min,
                    &t.tm_sec, &zone) != 7 || zone != 'Z')
        return text;
    t.tm_year -= 1900;
    t.tm_mon -= 1;
    const std::time_t when = timegm(&t);
    std::tm local{};
    localtime_r(&when, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
    return buf;
}

}  // namespace jh::ui
