// Loading and lookup of the embedded string catalogues.
#include "ui/i18n.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace jh::ui {

Language parse_language(std::string_view code) { return code == "en" ? Language::En : Language::Zh; }

std::string_view code_of(Language language) { return language == Language::En ? "en" : "zh"; }

Catalogue Catalogue::load(Language language) {
    const std::string wanted = std::string(code_of(language)) + ".json";
    for (const auto& file : catalogues::embedded_files()) {
        if (file.name != wanted) continue;
        Catalogue c;
        c.language_ = language;
        const auto json = nlohmann::json::parse(file.content);
        for (const auto& [key, value] : json.items())
            c.strings_.emplace(key, value.get<std::string>());
        return c;
    }
    throw std::runtime_error("string catalogue " + wanted + " is not embedded");
}

const char* Catalogue::operator()(std::string_view key) const {
    auto it = strings_.find(std::string(key));
    return it == strings_.end() ? key.data() : it->second.c_str();
}

std::vector<std::string> Catalogue::keys() const {
    std::vector<std::string> all;
    for (const auto& [key, value] : strings_) all.push_back(key);
    return all;
}

std::string Catalogue::all_text() const {
    std::string all;
    for (const auto& [key, value] : strings_) all += value;
    return all;
}

}  // namespace jh::ui
