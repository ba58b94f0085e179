// The string catalogues: every key the UI looks up exists in both languages, both files hold
// the same keys, and a translation keeps its format conversions (a "%d" the code fills must be
// in both, or printf reads garbage).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "ui/i18n.hpp"

namespace {

std::set<std::string> keys_used_in_sources() {
    const std::regex lookup(R"re(tr\("([a-z0-9_.]+)"\))re");
    std::set<std::string> keys;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(JUNHENG_SOURCE_DIR "/src/ui")) {
        if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string s = text.str();
        for (std::sregex_iterator it(s.begin(), s.end(), lookup), end; it != end; ++it) keys.insert((*it)[1]);
    }
    return keys;
}

// The conversion letters of a printf format, in sorted order ("%2$d %1$s" → "ds").
std::string conversions(const std::string& format) {
    const std::regex conversion(R"(%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?(?:ll|l)?([a-zA-Z%]))");
    std::string letters;
    for (std::sregex_iterator it(format.begin(), format.end(), conversion), end; it != end; ++it)
        if ((*it)[1] != "%") letters += (*it)[1].str();
    std::sort(letters.begin(), letters.end());
    return letters;
}

}  // namespace

TEST_CASE("every catalogue key the UI uses exists in Chinese and English") {
    const auto zh = jh::ui::Catalogue::load(jh::ui::Language::Zh);
    const auto en = jh::ui::Catalogue::load(jh::ui::Language::En);
    const auto used = keys_used_in_sources();
    CHECK(used.size() > 100);
    for (const auto& key : used) {
        INFO(key);
        CHECK(zh.has(key));
        CHECK(en.has(key));
    }
}

TEST_CASE("both catalogues hold the same keys and no key goes unused") {
    const auto zh = jh::ui::Catalogue::load(jh::ui::Language::Zh).keys();
    const auto en = jh::ui::Catalogue::load(jh::ui::Language::En).keys();
    const std::set<std::string> zh_keys(zh.begin(), zh.end()), en_keys(en.begin(), en.end());
    CHECK(zh_keys == en_keys);
    const auto used = keys_used_in_sources();
    for (const auto& key : zh_keys) {
        INFO("unused key: " << key);
        CHECK(used.contains(key));
    }
}

TEST_CASE("translations keep the format conversions of the original") {
    const auto zh = jh::ui::Catalogue::load(jh::ui::Language::Zh);
    const auto en = jh::ui::Catalogue::load(jh::ui::Language::En);
    for (const auto& key : zh.keys()) {
        INFO(key);
        CHECK(conversions(zh(key)) == conversions(en(key)));
    }
    CHECK(conversions("%2$d of %1$d, %.1f%%") == "ddf");
}

TEST_CASE("a missing key shows itself rather than failing") {
    const auto zh = jh::ui::Catalogue::load(jh::ui::Language::Zh);
    CHECK(std::string(zh("no.such.key")) == "no.such.key");
    CHECK(std::string(zh("nav.staff")) == "教职工");
}
