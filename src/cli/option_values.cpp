// Option values shared by commands.
#include "cli/option_values.hpp"

#include <charconv>

namespace jh::cli {

int parse_school_year(const std::string& text, std::string_view option) {
    int year = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
        throw UsageError(std::string(option) + " needs a school year such as 2025, got '" + text + "'");
    return year;
}

std::optional<int> year_option(Args& args) {
    if (auto text = args.value("--year")) return parse_school_year(*text, "--year");
    return std::nullopt;
}

}  // namespace jh::cli
