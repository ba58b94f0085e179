// A record as a JSON object keyed by field key (keys sorted, so the same record always gives
// the same text): the form of the audit log's old/new values and of the change feed, and
// usable by any caller wanting a record in machine-readable form. Enums are codes, dates ISO
// strings, booleans 0/1, empty optionals null. The terminal's store writes it; the bureau's
// receiver reads it back (record_from_json) from the audit entries sync carries, so both ends
// share this one encoding.
#pragma once
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "domain/fields.hpp"

namespace jh::domain {

inline nlohmann::json value_json(const domain::Value& value) {
    return std::visit(
        [](const auto& v) -> nlohmann::json {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) return nullptr;
            else return v;
        },
        value);
}

template <class R> nlohmann::json record_json(const R& record) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& f : domain::Entity<R>::fields()) out[std::string(f.key)] = value_json(f.get(record));
    return out;
}

// Appends `text` as a JSON string, escaped as nlohmann::json::dump escapes (valid UTF-8 as is).
inline void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    std::size_t plain_from = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text, plain_from, i - plain_from);
        plain_from = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: {
                static constexpr char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            }
        }
    }
    out.append(text, plain_from);
    out += '"';
}

// Appends a value as value_json(value).dump() writes it (reals by nlohmann's own formatter).
inline void append_json_value(std::string& out, const domain::Value& value) {
    char buf[64];
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        out.append(buf, std::to_chars(buf, buf + sizeof buf, *i).ptr);
    } else if (const auto* r = std::get_if<double>(&value)) {
        if (std::isfinite(*r)) out.append(buf, nlohmann::detail::to_chars(buf, buf + sizeof buf, *r));
        else out += "null";
    } else if (const auto* text = std::get_if<std::string>(&value)) {
        append_json_string(out, *text);
    } else {
        out += "null";
    }
}

// The text of record_json(record) with "id" set to `id`, dumped: written directly, without
// building a JSON tree, because the audit log writes one or two for every change.
template <class R> std::string record_json_text(const R& record, std::int64_t id) {
    // Each member's `"key":` text and field, in key order as a JSON object orders them, built
    // once; the "id" member has no field when R has none, and takes `id` either way.
    struct Member {
        std::string key;
        std::string prefix;
        const domain::Field<R>* field;
    };
    static const auto members = [] {
        std::vector<Member> out;
        for (const auto& f : domain::Entity<R>::fields()) out.push_back({std::string(f.key), {}, &f});
        if (std::none_of(out.begin(), out.end(), [](const Member& m) { return m.key == "id"; }))
            out.push_back({"id", {}, nullptr});
        std::sort(out.begin(), out.end(), [](const Member& a, const Member& b) { return a.key < b.key; });
        for (auto& m : out) {
            append_json_string(m.prefix, m.key);
            m.prefix += ':';
        }
        return out;
    }();
    std::string out = "{";
    out.reserve(256);
    for (const auto& m : members) {
        if (out.size() > 1) out += ',';
        out += m.prefix;
        if (m.key == "id") append_json_value(out, id);
        else append_json_value(out, m.field->get(record));
    }
    out += '}';
    return out;
}


// Reads a record back from the form above. Every field is read by key; "id" gives the id. A key
// this program does not know (written by a newer schema) or a value of the wrong kind is a
// problem, said in English in `problem`; a field added after release (Field::added_later) may
// be missing and keeps its default, as in older entries. nullopt when it is not such a record.
template <class R> std::optional<R> record_from_json(const nlohmann::json& j, std::string& problem) {
    if (!j.is_object()) {
        problem = "expected a JSON object";
        return std::nullopt;
    }
    R r{};
    for (const auto& [key, value] : j.items()) {
        if (key == "id") {
            if (!value.is_number_integer()) {
                problem = "id is not an integer";
                return std::nullopt;
            }
            r.id = value.template get<std::int64_t>();
            continue;
        }
        const Field<R>* f = find_field<R>(key);
        if (!f) {
            problem = "unknown key '" + key + "'";
            return std::nullopt;
        }
        Value v;
        if (value.is_null()) v = std::monostate{};
        else if (value.is_number_integer()) {
            if (f->type == FieldType::Real) v = static_cast<double>(value.template get<std::int64_t>());
            else v = value.template get<std::int64_t>();
        } else if (value.is_number_float()) v = value.template get<double>();
        else if (value.is_string()) v = value.template get<std::string>();
        else {
            problem = "key '" + key + "' has a value of the wrong kind";
            return std::nullopt;
        }
        if (!f->set(r, v)) {
            problem = "key '" + key + "' has an invalid value " + value.dump();
            return std::nullopt;
        }
    }
    for (const auto& f : Entity<R>::fields())
        if (!f.added_later && !j.contains(std::string(f.key))) {
            problem = "missing key '" + std::string(f.key) + "'";
            return std::nullopt;
        }
    return r;
}

}  // namespace jh::domain
