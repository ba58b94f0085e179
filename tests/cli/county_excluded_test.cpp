// `junheng county` through the real binary when a school's snapshot is bad: it is listed under
// `excluded` (未计入 in the text) and the others are computed; with nothing left the command
// exits 1 and says why for each input.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/run.hpp"

using jh::test::junheng;
using jh::test::ScratchDir;
using json = nlohmann::json;

namespace {

std::string demo_snapshot(const ScratchDir& dir) {
    const auto db = (dir / "school.db").string();
    REQUIRE(junheng(dir, {"--db", db, "demo", "--year", "2025"}).status == 0);
    REQUIRE(junheng(dir, {"--db", db, "export", "--format", "snapshot", "--out", (dir / "snap").string()}).status == 0);
    std::string snapshot;
    for (const auto& e : std::filesystem::directory_iterator(dir / "snap")) snapshot = e.path().string();
    return snapshot;
}

}  // namespace

TEST_CASE("county: an unreadable snapshot is listed under excluded and the other schools are computed") {
    ScratchDir dir;
    const auto good = demo_snapshot(dir);
    std::ofstream(dir / "broken.json", std::ios::binary) << "{\"format\": \"junheng-school-snapshot\", \"version\": 1";
    const auto broken = (dir / "broken.json").string();

    const auto r = junheng(dir, {"county", "--json", good, broken});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto doc = json::parse(r.out);
    CHECK(doc.at("stages").at("primary").at("part_count") == 1);
    bool listed = false;
    for (const auto& e : doc.at("excluded"))
        if (e.at("file") == broken) listed = e.at("stage").is_null() && e.at("reason").at("en").get<std::string>().find(broken) != std::string::npos;
    CHECK(listed);

    const auto text = junheng(dir, {"county", good, broken});
    REQUIRE(text.status == 0);
    CHECK(text.out.find("未计入：" + broken + "：") != std::string::npos);
}

TEST_CASE("county: when every input is excluded it exits 1 with each reason") {
    ScratchDir dir;
    std::ofstream(dir / "a.json", std::ios::binary) << "{}";
    const auto r = junheng(dir, {"county", (dir / "a.json").string()});
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK_MESSAGE(r.err.find("the inputs hold no school part that takes part in the county computation") != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find("  - error: ") != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find("a.json") != std::string::npos, r.err);
}
