// `junheng-bureau pack publish` and `pack list`, run as a user runs them: a good pack is checked,
// stored as a signed inbox item for every school and put in force (the report computes with it
// unless --pack says otherwise); a broken one is refused with the loader's message, exit 1,
// nothing stored; usage errors exit 2.
#include <doctest/doctest.h>

#include <fstream>

#include "domain/audit_entry.hpp"
#include "sync/receiver/fixture.hpp"
#include "sync/receiver/packs.hpp"
#include "sync/receiver/process.hpp"

using namespace jh::test;

namespace {

const std::string kGood = R"({"id": "county_2026", "inherits": "national",
  "name": {"zh": "某县义务教育优质均衡实施方案", "en": "a county's plan"},
  "source": {"document": "某县教育局〔2026〕1号", "version": "2026"},
  "items": {"G5": {"max": {"primary": 40, "junior": 50}}}})";

std::string write(const TempDir& dir, const std::string& name, const std::string& text) {
    const auto path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

}  // namespace

TEST_CASE("junheng-bureau pack publish: a good pack is put in force for every school, a broken one refused with nothing stored") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    auto r = bureau_run(scratch.args({"pack", "list"}));
    REQUIRE(r.status == 0);
    CHECK(r.out.find("no pack published") != std::string::npos);

    r = bureau_run(scratch.args({"pack", "publish", write(dir, "county.json", kGood), "--by", "王局"}));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.find("rule pack county_2026 published as inbox item #1 (sha256 " + jh::domain::sha256_hex(kGood) + ", by 王局") !=
          std::string::npos);

    // Broken: the loader's message, exit 1, nothing stored.
    const auto bad = write(dir, "bad.json", R"({"id": "county_2027", "inherits": "national", "name": {"zh": "坏", "en": "bad"},
      "source": {"document": "x", "version": "2027"}, "itemz": {}})");
    r = bureau_run(scratch.args({"pack", "publish", bad}));
    CHECK(r.status == 1);
    CHECK(r.err.find("rule pack bad.json: key /itemz") != std::string::npos);
    auto takeover = kGood;   // a built-in pack's id
    takeover.replace(takeover.find("\"county_2026\""), 13, "\"national\"");
    takeover.replace(takeover.find("\"inherits\": \"national\","), 23, "");
    r = bureau_run(scratch.args({"pack", "publish", write(dir, "national.json", takeover)}));
    CHECK(r.status == 1);
    CHECK(r.err.find("also the id of") != std::string::npos);
    CHECK(bureau_run(scratch.args({"pack", "publish", write(dir, "empty.json", "")})).status == 1);
    CHECK(bureau_run(scratch.args({"pack", "publish", (dir / "missing.json").string()})).status == 1);
    CHECK(bureau_run(scratch.args({"pack", "publish"})).status == 2);
    CHECK(bureau_run(scratch.args({"pack", "publish", bad, "extra"})).status == 2);
    CHECK(bureau_run(scratch.args({"pack", "frobnicate"})).status == 2);

    {
        const auto owned_store = scratch.open();
        auto& store = *owned_store;
        const auto published = jh::sync::receiver::published_packs(store);
        REQUIRE(published.size() == 1);
        CHECK(published[0].pack_text == kGood);
        CHECK(published[0].by == "王局");
        CHECK(pr::verify_inbox_item(published[0], store.receiver_key().public_key));
        CHECK(store.inbox("3601020001", 0, 10).size() == 1);   // every school's inbox holds it
    }
    r = bureau_run(scratch.args({"pack", "list"}));
    REQUIRE(r.status == 0);
    CHECK(r.out.find("#1\tcounty_2026\t" + jh::domain::sha256_hex(kGood) + "\tpublished ") != std::string::npos);
    CHECK(r.out.find(" by 王局\tin force\n") != std::string::npos);

    // The report computes with the pack in force; --pack still wins.
    r = bureau_run(scratch.args({"report", "--json"}));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(nlohmann::json::parse(r.out).at("pack").at("id") == "county_2026");
    r = bureau_run(scratch.args({"report", "--json", "--pack", "national"}));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(nlohmann::json::parse(r.out).at("pack").at("id") == "national");

    // A second pack replaces it in force; the first stays listed.
    auto second = kGood;
    second.replace(second.find("county_2026"), 11, "county_2027");
    r = bureau_run(scratch.args({"pack", "publish", write(dir, "county2.json", second)}));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    r = bureau_run(scratch.args({"pack", "list"}));
    CHECK(r.out.find("#1\tcounty_2026") != std::string::npos);
    CHECK(r.out.find("in force") > r.out.find("county_2027"));
    CHECK(nlohmann::json::parse(bureau_run(scratch.args({"report", "--json"})).out).at("pack").at("id") == "county_2027");
}

TEST_CASE("junheng-bureau pack publish is an admin's command: a reviewer is refused, nothing stored") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    const auto file = write(dir, "county.json", kGood);
    REQUIRE(bureau_run(scratch.args({"user", "add", "--name", "admin1", "--role", "admin", "--password-stdin"}), "secret-1\n").status == 0);
    REQUIRE(bureau_run(scratch.args({"user", "add", "--name", "rev1", "--password-stdin", "--by", "admin1"}), "secret-2\n").status == 0);
    auto r = bureau_run(scratch.args({"pack", "publish", file, "--by", "rev1"}));
    CHECK(r.status == 1);
    CHECK(r.err.find("needs an admin") != std::string::npos);
    CHECK(bureau_run(scratch.args({"pack", "publish", file, "--by", "nobody"})).status == 1);   // not a staff account
    CHECK(bureau_run(scratch.args({"pack", "list"})).out.find("no pack published") != std::string::npos);
    r = bureau_run(scratch.args({"pack", "publish", file, "--by", "admin1"}));
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(bureau_run(scratch.args({"pack", "list"})).out.find("by admin1\tin force") != std::string::npos);
}
