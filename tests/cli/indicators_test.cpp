// `junheng indicators` through the real binary, on the demo school: a report under every
// compiled-in pack, JSON for scripts, and clear refusals.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli/run.hpp"

using jh::test::junheng;
using jh::test::ScratchDir;

TEST_CASE("indicators lists the compiled-in packs") {
    ScratchDir dir;
    const auto r = junheng(dir, {"indicators", "--list-packs"});
    REQUIRE(r.status == 0);
    for (const char* id : {"national", "chengdu_qingbaijiang_2018", "tonghua_2017", "jiangsu_2024", "benxi_xihu_2019", "tianjin_2020"})
        CHECK(r.out.find(id) != std::string::npos);
}

TEST_CASE("indicators prints every verdict of the demo school under each pack") {
    ScratchDir dir;
    const auto db = (dir / "school.db").string();
    REQUIRE(junheng(dir, {"--db", db, "demo", "--year", "2025"}).status == 0);
    for (const char* pack : {"national", "chengdu_qingbaijiang_2018", "tonghua_2017", "jiangsu_2024", "benxi_xihu_2019", "tianjin_2020"}) {
        CAPTURE(pack);
        const auto r = junheng(dir, {"--db", db, "indicators", "--pack", pack});
        INFO(r.err);
        REQUIRE(r.status == 0);
        CHECK(r.out.find("【小学部】") != std::string::npos);
        CHECK(r.out.find("【初中部】") != std::string::npos);
        CHECK(r.out.find("资源配置：") != std::string::npos);
        CHECK(r.out.find("G5 班额") != std::string::npos);
    }
}

TEST_CASE("indicators --json gives both parts with the 7 indicators and the items") {
    ScratchDir dir;
    const auto db = (dir / "school.db").string();
    REQUIRE(junheng(dir, {"--db", db, "demo", "--year", "2025"}).status == 0);
    const auto r = junheng(dir, {"--db", db, "indicators", "--json", "--pack", "jiangsu_2024"});
    REQUIRE(r.status == 0);
    const auto doc = nlohmann::json::parse(r.out);
    CHECK(doc.at("pack").at("id") == "jiangsu_2024");
    REQUIRE(doc.at("parts").size() == 2);
    for (const char* id : {"R1", "R2", "R3", "R4", "R5", "R6", "R7"}) CHECK(doc.at("parts")[0].at("indicators").contains(id));
    bool js1 = false;
    for (const auto& item : doc.at("items")) js1 = js1 || item.at("id") == "JS-1";
    CHECK(js1);
}

TEST_CASE("indicators refuses an unknown pack, a missing year or database") {
    ScratchDir dir;
    const auto db = (dir / "school.db").string();
    CHECK(junheng(dir, {"--db", db, "indicators"}).status == 1);   // no database
    REQUIRE(junheng(dir, {"--db", db, "demo", "--year", "2025"}).status == 0);
    const auto unknown = junheng(dir, {"--db", db, "indicators", "--pack", "atlantis"});
    CHECK(unknown.status == 1);
    CHECK(unknown.err.find("no rule pack 'atlantis'") != std::string::npos);
    CHECK(junheng(dir, {"--db", db, "indicators", "--year", "1999"}).status == 1);
    CHECK(junheng(dir, {"--db", db, "indicators", "--year", "soon"}).status == 2);
}
