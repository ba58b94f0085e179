// Rule packs: the compiled-in ones load and inherit; broken ones are refused with file, key and
// problem.
#include <doctest/doctest.h>

#include <string>

#include "indicators/pack.hpp"

using namespace jh::indicators;
using jh::domain::Rejected;
using jh::domain::Stage;

namespace {

// The national pack's text, so overlays in these tests have something real to inherit.
std::string national_text() {
    for (const auto& f : packs::embedded_files())
        if (f.name == "national.json") return std::string(f.content);
    FAIL("national.json is not embedded");
    return {};
}

std::string rejection(const std::vector<PackFile>& files) {
    try {
        load_packs(files);
    } catch (const Rejected& e) {
        return e.message().en;
    }
    return "(accepted)";
}

const std::string kOverlayHead = R"({"id": "local", "inherits": "national", "name": {"zh": "地方", "en": "local"},
  "source": {"document": "doc", "version": "1"})";

}  // namespace

TEST_CASE("the compiled-in packs load: national first, then every local plan") {
    const auto& packs = builtin_packs();
    REQUIRE(packs.size() == 6);
    CHECK(packs.front().id == "national");
    for (const char* id : {"chengdu_qingbaijiang_2018", "tonghua_2017", "jiangsu_2024", "benxi_xihu_2019", "tianjin_2020"}) {
        const auto& p = find_pack(id);
        CHECK(p.inherits == "national");
        CHECK_FALSE(p.document.empty());
        // Inherited national figures.
        CHECK(p.resources.thresholds[Stage::Junior][4].at(2025) == 10.2);
        CHECK(p.county.cv_limit[Stage::Primary] == 0.50);
    }
    const auto& national = find_pack("national");
    CHECK(national.resources.thresholds[Stage::Primary][0].at(2025) == 4.2);
    CHECK(national.resources.thresholds[Stage::Junior][5].at(2025) == 2500);
    CHECK(national.settings.shared_split == SharedSplit::StudentShare);
    CHECK_FALSE(national.settings.indoor_sports_in_r4);
    CHECK(national.items.g5.max[Stage::Junior].at(2020) == 50);
    CHECK_THROWS_AS(find_pack("nowhere"), Rejected);
}

TEST_CASE("overlays add their own listed items to the inherited ones") {
    const auto& national = find_pack("national");
    const auto& chengdu = find_pack("chengdu_qingbaijiang_2018");
    CHECK(chengdu.local_items.size() == 3);
    CHECK(chengdu.not_computed.size() > national.not_computed.size());
    CHECK(find_pack("tianjin_2020").settings.rented_grounds_in_r5);
    CHECK_FALSE(national.settings.rented_grounds_in_r5);
}

TEST_CASE("a figure that changes by year: later steps replace earlier ones, before the first none is in force") {
    const auto& g5 = find_pack("chengdu_qingbaijiang_2018").items.g5;
    CHECK_FALSE(g5.max[Stage::Primary].at(2017).has_value());
    CHECK(g5.max[Stage::Primary].at(2018) == 59);   // "60人以上" includes 60
    CHECK(g5.max[Stage::Primary].at(2019) == 59);
    CHECK(g5.max[Stage::Primary].at(2020) == 45);
    CHECK(g5.starting_grade_max[Stage::Primary].at(2019) == 55);
    CHECK_FALSE(g5.starting_grade_max[Stage::Primary].at(2020).has_value());
    CHECK(g5.max[Stage::Primary].first_year() == 2018);
}

TEST_CASE("a broken pack is refused naming the file, the key and the problem") {
    const std::string national = national_text();
    const auto with_overlay = [&](const std::string& tail) {
        const std::string text = kOverlayHead + tail;
        return rejection({{"national.json", national}, {"local.json", text}});
    };
    CHECK(rejection({{"bad.json", "{\"id\": "}}).find("bad.json is not valid JSON") != std::string::npos);
    CHECK(with_overlay(R"(, "resourcez": {}})") == "rule pack local.json: key /resourcez: unknown key");
    CHECK(with_overlay(R"(, "resources": {"min_met": "six"}})") == "rule pack local.json: key /resources/min_met: expected a whole number ≥ 0");
    CHECK(with_overlay(R"(, "items": {"G5": {"max": {"primary": "45"}}}})").find("local.json: key /items/G5/max/primary: expected a number") !=
          std::string::npos);
    CHECK(with_overlay(R"(, "items": {"G5": {"max": {"primary": [{"from": 2020, "value": 45}, {"from": 2019, "value": 50}]}}}})") ==
          "rule pack local.json: key /items/G5/max/primary/1/from: years must increase");
    CHECK(with_overlay(R"(, "local_items": [{"id": "X", "name": {"zh": "x", "en": "x"}, "kind": "telepathy"}]})").find(
              "local.json: key /local_items/0/kind: unknown local item kind 'telepathy'") != std::string::npos);
    CHECK(rejection({{"national.json", national}, {"orphan.json", R"({"id": "orphan", "inherits": "nowhere", "name": {"zh": "x", "en": "x"},
        "source": {"document": "d", "version": "1"}})"}}) == "rule pack orphan.json: key /inherits: inherits unknown pack 'nowhere'");
}

TEST_CASE("a pack missing a threshold is refused, and the message says where it was looked for") {
    std::string national = national_text();
    const std::string r7 = ", \"R7\": 2.3}";
    national.replace(national.find(r7), r7.size(), "}");
    CHECK(rejection({{"national.json", national}}) ==
          "rule pack national.json: key /resources/thresholds/primary/R7: missing (set neither in this pack nor in the packs it inherits)");
}

TEST_CASE("a wrong type inherited from the base pack is blamed on the base file") {
    std::string national = national_text();
    const std::string key = "\"indoor_sports_in_r4\": false";
    national.replace(national.find(key), key.size(), "\"indoor_sports_in_r4\": \"no\"");
    CHECK(rejection({{"national.json", national}, {"local.json", kOverlayHead + "}"}}).find("rule pack national.json: key /settings/indoor_sports_in_r4") == 0);
}

TEST_CASE("circular inheritance and duplicate ids are refused") {
    const std::string a = R"({"id": "a", "inherits": "b", "name": {"zh": "a", "en": "a"}, "source": {"document": "d", "version": "1"}})";
    const std::string b = R"({"id": "b", "inherits": "a", "name": {"zh": "b", "en": "b"}, "source": {"document": "d", "version": "1"}})";
    CHECK(rejection({{"a.json", a}, {"b.json", b}}).find("inheritance forms a cycle") != std::string::npos);
    const std::string national = national_text();
    CHECK(rejection({{"national.json", national}, {"copy.json", national}}).find("rule pack copy.json: key /id") == 0);
}
