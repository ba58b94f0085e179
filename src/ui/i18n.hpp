// The terminal's words in both languages: string catalogues assets/i18n/{zh,en}.json,
// compiled in (cmake/embed.cmake). Screens look strings up by literal key through
// Model::tr with a literal key; tests/ui/catalogue_test.cpp checks every such key exists in both files.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/embedded.hpp"
#include "domain/enums.hpp"

namespace jh::ui {

namespace catalogues {
const std::vector<jh::EmbeddedFile>& embedded_files();
}

enum class Language { Zh, En };

Language parse_language(std::string_view code);   // "en" → En, anything else → Zh
std::string_view code_of(Language language);

class Catalogue {
public:
    // Loads "<code>.json" from the embedded catalogues; throws std::runtime_error when absent
    // or malformed (a build defect, caught by the catalogue test).
    static Catalogue load(Language language);

    Language language() const { return language_; }
    // The string for `key`; the key itself when missing, so a gap shows rather than crashes.
    const char* operator()(std::string_view key) const;
    bool has(std::string_view key) const { return strings_.contains(std::string(key)); }
    std::vector<std::string> keys() const;
    // Every string, for building the font atlas.
    std::string all_text() const;

    // An enum value's or a field's label in this language.
    std::string_view label(const domain::EnumLabel& l) const { return language_ == Language::Zh ? l.zh : l.en; }

private:
    Language language_ = Language::Zh;
    std::unordered_map<std::string, std::string> strings_;
};

}  // namespace jh::ui
