// The bureau's rule pack on the command line, through the real binary: once the terminal keeps
// one (as its inbox does: ops::keep_bureau_pack), `indicators --list-packs` offers it with who
// published it and when, `indicators` and `county` compute with it by default, `--pack` still
// wins, and a broken newer pack leaves it in force.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli/run.hpp"
#include "domain/audit_entry.hpp"
#include "ops/packs.hpp"
#include "store/store.hpp"

using jh::test::junheng;
using jh::test::ScratchDir;

namespace {

const std::string kCountyPack = R"({"id": "county_2026", "inherits": "national",
  "name": {"zh": "某县义务教育优质均衡实施方案", "en": "a county's plan"},
  "source": {"document": "某县教育局〔2026〕1号", "version": "2026"},
  "items": {"G5": {"max": {"primary": 40, "junior": 50}}}})";

jh::domain::Message keep(const std::string& db, std::int64_t seq, const std::string& id, const std::string& text) {
    auto store = jh::store::Store::open(db, jh::store::OpenMode::MustExist);
    return jh::ops::keep_bureau_pack(store, {seq, id, jh::domain::sha256_hex(text), text, "王局", "2026-12-01T09:00:00Z", ""});
}

std::string pack_of(const std::string& out) { return nlohmann::json::parse(out).at("pack").at("id").get<std::string>(); }

}  // namespace

TEST_CASE("indicators and county compute with the bureau's pack once it is kept — --pack still wins") {
    ScratchDir dir;
    const auto db = (dir / "school.db").string();
    REQUIRE(junheng(dir, {"--db", db, "demo", "--year", "2025"}).status == 0);
    auto before = junheng(dir, {"--db", db, "indicators", "--list-packs"});
    REQUIRE(before.status == 0);
    CHECK(before.out.find("* national\t") != std::string::npos);
    CHECK(pack_of(junheng(dir, {"--db", db, "indicators", "--json"}).out) == "national");

    REQUIRE(keep(db, 1, "county_2026", kCountyPack).en.find("now computing with the bureau's rule pack county_2026") != std::string::npos);
    const auto list = junheng(dir, {"--db", db, "indicators", "--list-packs"});
    REQUIRE(list.status == 0);
    CHECK(list.out.find("* county_2026\t某县义务教育优质均衡实施方案\t2026\t（继承 national）\t（教育局发布：王局，2026-12-01T09:00:00Z）") !=
          std::string::npos);
    CHECK(list.out.find("  national\t") != std::string::npos);

    const auto json = junheng(dir, {"--db", db, "indicators", "--json"});
    REQUIRE(json.status == 0);
    CHECK(pack_of(json.out) == "county_2026");
    CHECK(pack_of(junheng(dir, {"--db", db, "indicators", "--json", "--pack", "national"}).out) == "national");
    const auto text = junheng(dir, {"--db", db, "indicators"});
    REQUIRE(text.status == 0);

    REQUIRE(junheng(dir, {"--db", db, "export", "--format", "snapshot", "--out", (dir / "snap").string()}).status == 0);
    std::string snapshot;
    for (const auto& e : std::filesystem::directory_iterator(dir / "snap")) snapshot = e.path().string();
    const auto county = junheng(dir, {"--db", db, "county", "--json", snapshot});
    INFO(county.err);
    REQUIRE(county.status == 0);
    CHECK(pack_of(county.out) == "county_2026");
    CHECK(pack_of(junheng(dir, {"--db", db, "county", "--json", "--pack", "tonghua_2017", snapshot}).out) == "tonghua_2017");

    // A broken newer pack is refused with the loader's message; the one kept stays in force.
    const auto refused = keep(db, 2, "county_2027", R"({"id": "county_2027", "inherits": "national"})");
    CHECK(refused.en.find("the pack in force stays county_2026") != std::string::npos);
    CHECK(pack_of(junheng(dir, {"--db", db, "indicators", "--json"}).out) == "county_2026");
}
