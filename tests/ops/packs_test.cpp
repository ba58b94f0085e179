// ops/packs.hpp: the one check a bureau's pack passes (the engine's loader with the built-in
// packs), the packs a terminal offers (built-in + the bureau's newest kept) with the selection
// rule, and keep_bureau_pack's newer-only rule: a broken or older pack never replaces the one kept.
#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <string>

#include "domain/audit_entry.hpp"
#include "domain/demo.hpp"
#include "indicators/school.hpp"
#include "ops/packs.hpp"
#include "store/store.hpp"

using namespace jh;

namespace {

// A county's plan: the national standard with smaller primary classes (40 instead of 45).
std::string county_pack(const std::string& id = "county_2026", int class_max = 40) {
    return R"({"id": ")" + id + R"(", "inherits": "national",
  "name": {"zh": "某县义务教育优质均衡实施方案", "en": "a county's plan"},
  "source": {"document": "某县教育局〔2026〕1号", "version": "2026"},
  "items": {"G5": {"max": {"primary": )" + std::to_string(class_max) + R"(, "junior": 50}}}})";
}

// A pack the loader refuses: an unknown key.
const std::string kBroken = R"({"id": "county_2027", "inherits": "national", "name": {"zh": "坏", "en": "bad"},
  "source": {"document": "x", "version": "2027"}, "itemz": {}})";

struct TempStore {
    std::filesystem::path dir;
    store::Store store;
    TempStore() : dir(make_dir()), store(store::Store::open(dir / "school.db")) {}
    ~TempStore() {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
    static std::filesystem::path make_dir() {
        std::random_device entropy;
        auto d = std::filesystem::temp_directory_path() / ("junheng-packs-" + std::to_string(entropy()) + std::to_string(entropy()));
        std::filesystem::create_directories(d);
        return d;
    }
};

store::ReceivedPack received(std::int64_t seq, const std::string& id, const std::string& text) {
    return {seq, id, domain::sha256_hex(text), text, "admin 王局", "2026-12-01T09:00:00Z", ""};
}

}  // namespace

TEST_CASE("a bureau's pack is checked with the built-in packs: an overlay of national loads, a broken one is refused by the loader") {
    const auto good = ops::check_pack("county.json", county_pack());
    CHECK(good.pack.id == "county_2026");
    REQUIRE(good.pack.inherited);
    CHECK(good.pack.inherited->id == "national");
    CHECK(good.sha256 == domain::sha256_hex(county_pack()));

    CHECK_THROWS_WITH_AS(ops::check_pack("bad.json", kBroken), doctest::Contains("rule pack bad.json: key /itemz"), domain::Rejected);
    CHECK_THROWS_WITH_AS(ops::check_pack("x.json", "{not json"), doctest::Contains("rule pack x.json"), domain::Rejected);
    // A built-in pack's id cannot be taken over.
    CHECK_THROWS_WITH_AS(ops::check_pack("t.json", county_pack("tonghua_2017")), doctest::Contains("also the id of"), domain::Rejected);
    CHECK_THROWS_AS(ops::check_pack("big.json", std::string(ops::kMaxPackBytes + 1, ' ')), domain::Rejected);
    // An unknown parent.
    auto orphan = county_pack();
    orphan.replace(orphan.find("\"national\""), 10, "\"atlantis\"");
    CHECK_THROWS_WITH_AS(ops::check_pack("o.json", orphan), doctest::Contains("atlantis"), domain::Rejected);
}

TEST_CASE("the receiver's pack set: the published pack is the default, --pack still wins") {
    const auto plain = ops::pack_set(std::nullopt);
    CHECK(plain.selected == "national");
    CHECK(plain.packs.size() == indicators::builtin_packs().size());
    const auto text = county_pack();
    const auto with = ops::pack_set(indicators::PackFile{"county.json", text});
    CHECK(with.selected == "county_2026");
    CHECK(with.packs.size() == plain.packs.size() + 1);
    CHECK(with.pick(std::nullopt).id == "county_2026");
    CHECK(with.pick(std::string("tonghua_2017")).id == "tonghua_2017");
    CHECK_THROWS_WITH_AS(with.pick(std::string("atlantis")), doctest::Contains("known: national"), domain::Rejected);
}

TEST_CASE("a terminal keeps the bureau's pack, selects it and computes with it") {
    TempStore t;
    auto& s = t.store;
    CHECK(ops::terminal_packs(s).selected == "national");
    CHECK_FALSE(ops::terminal_packs(s).bureau);
    s.set_setting(ops::kPackSetting, "tonghua_2017");   // chosen in the settings before the pack came
    CHECK(ops::terminal_packs(s).selected == "tonghua_2017");

    const auto said = ops::keep_bureau_pack(s, received(3, "county_2026", county_pack()));
    CHECK(said.en.find("now computing with the bureau's rule pack county_2026") != std::string::npos);
    const auto packs = ops::terminal_packs(s);
    CHECK(packs.selected == "county_2026");   // the county's pack in force becomes the selection
    REQUIRE(packs.bureau);
    CHECK(packs.bureau->source == "admin 王局");
    CHECK(packs.bureau->published_at == "2026-12-01T09:00:00Z");
    CHECK_FALSE(packs.bureau->received_at.empty());
    CHECK(packs.packs.back().id == "county_2026");

    // Computing with it: the school's result names it, and G5 reads its limit of 40.
    const auto data = domain::make_demo_school("11010100001", 2025, domain::kDemoSeed);
    const auto result = indicators::evaluate(data, packs.pick(std::nullopt));
    CHECK(result.pack_id == "county_2026");
    bool g5 = false;
    for (const auto& part : result.parts)
        for (const auto& item : part.items)
            if (item.id == "G5" && part.quantities.stage == domain::Stage::Primary) {
                g5 = true;
                REQUIRE(item.threshold);
                CHECK(*item.threshold == doctest::Approx(40));
            }
    CHECK(g5);

    // The user may still choose another pack afterwards.
    s.set_setting(ops::kPackSetting, "jiangsu_2024");
    CHECK(ops::terminal_packs(s).selected == "jiangsu_2024");
}

TEST_CASE("a broken newer pack, a replayed or older one, or one whose text or id does not match never replaces the pack kept") {
    TempStore t;
    auto& s = t.store;
    REQUIRE(ops::keep_bureau_pack(s, received(5, "county_2026", county_pack())).en.find("now computing") != std::string::npos);

    const auto broken = ops::keep_bureau_pack(s, received(6, "county_2027", kBroken));
    CHECK(broken.en.find("the bureau's rule pack county_2027 (#6) was refused: rule pack county_2027") != std::string::npos);
    CHECK(broken.en.find("key /itemz") != std::string::npos);
    CHECK(broken.en.find("the pack in force stays county_2026") != std::string::npos);
    CHECK(broken.zh.find("未被采用") != std::string::npos);

    auto tampered = received(7, "county_2028", county_pack("county_2028"));
    tampered.sha256 = std::string(64, '0');
    CHECK(ops::keep_bureau_pack(s, tampered).en.find("does not match its SHA-256") != std::string::npos);
    CHECK(ops::keep_bureau_pack(s, received(8, "county_2029", county_pack("county_2030"))).en.find("the document's id is county_2030") !=
          std::string::npos);

    const auto older = ops::keep_bureau_pack(s, received(4, "county_2025", county_pack("county_2025")));
    CHECK(older.en.find("not newer than the one held; nothing changed") != std::string::npos);
    CHECK(ops::keep_bureau_pack(s, received(5, "county_2026", county_pack())).en.find("nothing changed") != std::string::npos);

    const auto packs = ops::terminal_packs(s);
    REQUIRE(packs.bureau);
    CHECK(packs.bureau->id == "county_2026");
    CHECK(packs.selected == "county_2026");
    CHECK(s.received_packs().size() == 1);

    // A newer good pack replaces it; both stay kept, the newest is in force.
    CHECK(ops::keep_bureau_pack(s, received(9, "county_2026", county_pack("county_2026", 38))).en.find("now computing") != std::string::npos);
    CHECK(s.received_packs().size() == 2);
    CHECK(ops::terminal_packs(s).packs.back().items.g5.max.primary.at(2025).value_or(0) == doctest::Approx(38));
}
