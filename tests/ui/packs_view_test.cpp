// The window computes with the bureau's rule pack: once the terminal keeps one, the worker's
// snapshot offers it (with who published it and when, for the settings screen) and the overview
// is computed under it, with no choice made in the window; choosing another pack in the
// settings still wins, and a pack kept while the window runs is found by the next snapshot.
#include <doctest/doctest.h>

#include "domain/audit_entry.hpp"
#include "ops/packs.hpp"
#include "ui/demo_database.hpp"
#include "ui/intents.hpp"

using jh::ui::Language;
using jh::ui::Model;

namespace {

const std::string kCountyPack = R"({"id": "county_2026", "inherits": "national",
  "name": {"zh": "某县义务教育优质均衡实施方案", "en": "a county's plan"},
  "source": {"document": "某县教育局〔2026〕1号", "version": "2026"},
  "items": {"G5": {"max": {"primary": 40, "junior": 50}}}})";

void run_jobs(jh::ui::Intents& in, jh::store::Store& store, Model& m) {
    for (auto& job : in.take_jobs())
        if (auto reply = job(store)) reply(m);
}

}  // namespace

TEST_CASE("the overview is computed under the bureau's pack once kept — the settings offer it with its source and date") {
    jh::test::DemoDatabase db;
    auto& store = *db.store;
    Model m(Language::Zh);
    m.apply(jh::ui::take_snapshot(store, jh::test::kDemoYear, jh::ui::kDefaultPack));
    REQUIRE(m.overview);
    CHECK(m.overview->pack_id == "national");
    REQUIRE(m.packs);
    CHECK_FALSE(m.packs->bureau);

    // Kept while the window runs (the sync worker's inbox): the next snapshot finds it.
    jh::ops::keep_bureau_pack(store, {4, "county_2026", jh::domain::sha256_hex(kCountyPack), kCountyPack, "王局",
                                      "2026-12-01T09:00:00Z", ""});
    m.apply(jh::ui::take_snapshot(store, jh::test::kDemoYear, jh::ui::kDefaultPack));
    CHECK(m.overview->pack_id == "county_2026");
    CHECK(m.overview->pack_document == "某县教育局〔2026〕1号");
    CHECK(m.packs->selected == "county_2026");
    REQUIRE(m.packs->bureau);
    CHECK(m.packs->bureau->source == "王局");
    CHECK(m.packs->bureau->published_at == "2026-12-01T09:00:00Z");
    CHECK(m.packs->packs.back().id == "county_2026");

    // Chosen in the settings: that frame's recompute and every later snapshot use the choice.
    std::uint64_t tickets = 0;
    jh::ui::Intents choosing(m.year, jh::ui::kDefaultPack, tickets);
    choosing.set_setting(jh::ops::kPackSetting, "tonghua_2017");
    choosing.open_year(m.year);
    run_jobs(choosing, store, m);
    CHECK(m.overview->pack_id == "tonghua_2017");
    CHECK(m.packs->selected == "tonghua_2017");
    m.apply(jh::ui::take_snapshot(store, jh::test::kDemoYear, jh::ui::kDefaultPack));
    CHECK(m.overview->pack_id == "tonghua_2017");
}
