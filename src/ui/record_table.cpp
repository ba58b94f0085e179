// Text search and cell order shared by the record tables.
#include "ui/record_table.hpp"

#include <cctype>

namespace jh::ui {

bool contains_text(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return true;
    auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                          [&](char a, char b) { return lower(a) == lower(b); });
    return it != haystack.end();
}

domain::Value sort_value(domain::FieldType type, std::span<const domain::EnumLabel> labels, const domain::Value& value) {
    const auto* text = std::get_if<std::string>(&value);
    if (!text) return value;
    if (type == domain::FieldType::Text) return sort_key(*text);
    if (type == domain::FieldType::Enum) {
        const auto at = std::find_if(labels.begin(), labels.end(), [&](const auto& l) { return l.code == *text; });
        return static_cast<std::int64_t>(at - labels.begin());
    }
    return value;
}

}  // namespace jh::ui
