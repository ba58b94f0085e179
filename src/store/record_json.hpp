// A record as a JSON object keyed by field key (keys sorted, so the same record always gives
// the same text): the form of the audit log's old/new values and of the change feed, and
// usable by any caller wanting a record in machine-readable form. Enums are codes, dates ISO
// strings, booleans 0/1, empty optionals null.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <variant>

#include "domain/fields.hpp"

namespace jh::store {

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

}  // namespace jh::store
