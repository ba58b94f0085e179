// Parsing option values shared by commands: school years and enum labels. A malformed value is
// a usage error (exit 2) naming the option and what it accepts.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "cli/command.hpp"
#include "domain/date.hpp"
#include "domain/enums.hpp"

namespace jh::cli {

using domain::current_school_year;   // domain/date.hpp

// A school year such as "2025".
int parse_school_year(const std::string& text, std::string_view option);

// The --year option when given, parsed (a malformed year is a usage error before any file is touched).
std::optional<int> year_option(Args& args);

// Every accepted spelling of an enum, for usage messages: "primary (小学), junior (初中), …".
template <class E> std::string accepted_values() {
    std::string out;
    for (const auto& l : domain::labels_of<E>())
        out += (out.empty() ? "" : ", ") + std::string(l.code) + " (" + std::string(l.zh) + ")";
    return out;
}

// An enum given by its code, Chinese or English label.
template <class E> E parse_enum_option(const std::string& text, std::string_view option) {
    if (auto value = domain::parse_enum<E>(text)) return *value;
    throw UsageError(std::string(option) + " takes one of: " + accepted_values<E>() + "; got '" + text + "'");
}

}  // namespace jh::cli
