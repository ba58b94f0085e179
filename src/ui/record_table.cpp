// Text search shared by the record tables.
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

}  // namespace jh::ui
