// migrate-store (sync/receiver/migrate.hpp, issue 11 item 4): a county's SQLite receiver, whose
// demo schools enrolled, synced and submitted through the real sync client, moved into a store
// that already serves another county — the scratch store: SQLite here, PostgreSQL in the
// `postgres` run. Counts and chains verify; the moved terminals keep syncing against the target
// with the receiver key they pinned (replies, inbox items, probe); the county's part of the
// report is unchanged; a conflicting school is refused before anything is written; a move
// stopped after k schools finishes on the next run without duplicates; a finished move run
// again changes nothing.
#include <doctest/doctest.h>

#include <sstream>

#include "domain/demo.hpp"
#include "store/store.hpp"
#include "sync/client/client.hpp"
#include "sync/receiver/fixture.hpp"
#include "sync/receiver/migrate.hpp"
#include "sync/receiver/packs.hpp"
#include "sync/receiver/report.hpp"
#include "sync/transport/fake_transport.hpp"

using namespace jh;
using namespace jh::test;

namespace {

constexpr int kYear = 2025;
const std::string kCounty = "360726";   // the county moved up
const std::string kOther = "360781";    // a county the target serves already

const std::string kPack = R"({"id": "county_2026", "inherits": "national",
  "name": {"zh": "某县义务教育优质均衡实施方案", "en": "a county's plan"},
  "source": {"document": "某县教育局〔2026〕1号", "version": "2026"},
  "items": {"G5": {"max": {"primary": 40, "junior": 50}}}})";

// One school's terminal: its own database and the real sync client, reaching a receiver through
// an in-process transport whose handler the test points at another receiver (the county's
// address now leads to the province's receivers).
struct School {
    std::string code;
    std::unique_ptr<store::Store> db;
    std::unique_ptr<sync::transport::FakeTransport> network;
    std::unique_ptr<sync::client::Client> client;
    bool submitted = false;
};

// A receiver's schools, made from the demo generator of one county code and taken through the
// protocol: registered, enrolled, synced, submitted where the terminal lets the year be frozen.
struct Schools {
    std::vector<School> all;
    void point_at(rc::Receiver& receiver) {
        for (auto& s : all) s.network->set_handler([&receiver](const pr::HttpRequest& r) { return receiver.handle(r); });
    }
};

Schools make_schools(const TempDir& dir, rc::ReceiverStore& store, rc::Receiver& receiver, const std::string& county, int n) {
    Schools out;
    for (const auto& planned : domain::demo_county(n, county, kYear, domain::kDemoSeed)) {
        School s;
        s.code = planned.code;
        s.db = std::make_unique<store::Store>(store::Store::open(dir / (county + "-" + planned.code + ".db")));
        s.db->set_operator("管理员");
        s.db->import(domain::make_demo_school(planned));
        s.network = std::make_unique<sync::transport::FakeTransport>([&receiver](const pr::HttpRequest& r) { return receiver.handle(r); });
        s.client = std::make_unique<sync::client::Client>(*s.db, *s.network);
        const auto code = rc::register_school(store, planned.code, "学校" + planned.code);
        REQUIRE(s.client->enrol("http://bureau." + county + ".example", code).outcome == sync::client::Outcome::Delivered);
        REQUIRE(s.client->sync().outcome == sync::client::Outcome::Delivered);
        try {
            s.client->freeze(kYear);
            REQUIRE(s.client->submit().outcome == sync::client::Outcome::Delivered);
            s.submitted = true;
        } catch (const domain::Rejected&) {
            // The demo's data of this school does not let the year be frozen: synced, not submitted.
        }
        out.all.push_back(std::move(s));
    }
    return out;
}

// The county as it stands before the move: schools synced and submitted, one returned with a
// comment and its terminal told so, a rule pack published and received, a deadline, a reviewer.
struct County {
    TempDir dir;
    rc::SqliteReceiverStore store{dir / "county.db"};
    rc::Receiver receiver{store};
    Schools schools;
    std::string returned;   // the school whose submission was returned

    explicit County(int n, const std::string& code = kCounty) {
        schools = make_schools(dir, store, receiver, code, n);
        store.set_deadline({kYear, "2026-12-31", "王局", "2026-09-01T00:00:00Z"});
        store.add_user({"李审核", "reviewer", std::nullopt, "2026-09-01T00:00:00Z"}, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaA");
        rc::publish_pack(store, "county_2026.json", kPack, "王局", "2026-09-02T00:00:00Z");
        for (auto& s : schools.all)
            if (s.submitted && returned.empty()) {
                returned = s.code;
                store.decide({s.code, kYear, std::nullopt, "returned", "二班人数有误", "王局"}, "2026-09-03T00:00:00Z");
            }
        REQUIRE(!returned.empty());
        for (auto& s : schools.all)
            REQUIRE(s.client->sync(false, sync::client::InboxFetch::Always).outcome == sync::client::Outcome::Delivered);
    }
};

// A target store that serves another county already: its schools synced and submitted, one
// decided (so the target's inbox numbering is ahead of nothing the county's terminals know).
struct Target {
    TempDir dir;
    ScratchStore scratch{dir.path(), "province"};
    std::unique_ptr<rc::ReceiverStore> store = scratch.open();
    rc::Receiver receiver{*store};
    Schools schools;

    Target() {
        schools = make_schools(dir, *store, receiver, kOther, 2);
        for (auto& s : schools.all)
            if (s.submitted) store->decide({s.code, kYear, std::nullopt, "accepted", "", "省审核"}, "2026-09-04T00:00:00Z");
        auto pack = kPack;
        pack.replace(pack.find("county_2026"), 11, "province_26");
        rc::publish_pack(*store, "province.json", pack, "省管理员", "2026-09-05T00:00:00Z");
    }
};

// The county's part of a report: its county row and its schools' rows.
nlohmann::json county_part(rc::ReceiverStore& store, const std::vector<std::string>& codes) {
    rc::ReportOptions options;
    options.year = kYear;
    options.now = "2026-10-01T00:00:00Z";
    options.pack_id = "national";
    const auto report = rc::county_report(store, options);
    nlohmann::json part = nlohmann::json::object();
    for (const auto& c : report["completeness"]["counties"])
        if (c["county"] == kCounty) part["county"] = c;
    for (const auto& s : report["completeness"]["schools"])
        if (std::find(codes.begin(), codes.end(), s["code"].get<std::string>()) != codes.end()) part["schools"].push_back(s);
    return part;
}

std::vector<std::string> codes_of(const Schools& schools) {
    std::vector<std::string> out;
    for (const auto& s : schools.all) out.push_back(s.code);
    return out;
}

rc::MoveOptions options_for(const County& county) {
    rc::MoveOptions o;
    o.source = (county.dir / "county.db").string();
    return o;
}

}  // namespace

TEST_CASE("migrate-store: a county moved into a store serving another county — counts and chains verify, report unchanged, its terminals keep their pinned key") {
    County county(4);
    Target target;
    const auto codes = codes_of(county.schools);
    const auto before = county_part(county.store, codes);
    const auto other_before = target.store->schools().size();

    std::ostringstream progress;
    const auto report = rc::migrate_store(county.store, *target.store, options_for(county), progress);
    INFO(progress.str());
    CHECK(report.problems.empty());
    CHECK(report.moved == 4);
    CHECK(report.already == 0);
    CHECK(!report.stopped);
    CHECK(report.packs == 1);
    CHECK(report.users_added == 1);
    CHECK(report.deadlines_added == 1);
    CHECK(report.source == report.target);
    CHECK(report.source.schools == 4);
    CHECK(report.source.entries > 100);
    CHECK(report.source.decisions == 1);
    CHECK(target.store->schools().size() == other_before + 4);
    CHECK(target.store->user("李审核"));
    REQUIRE(target.store->origins().size() == 1);
    CHECK(target.store->origins()[0].finished_at);
    CHECK(target.store->origins()[0].inbox_offset >= 1);   // the target's own items came first
    for (const auto& code : codes) CHECK(rc::chain_problem(*target.store->school_history(code)).empty());

    // The county's part of the report, from the target: as it was.
    CHECK(county_part(*target.store, codes) == before);

    // The moved terminals now reach the target (the county's address leads there) and accept
    // its replies: they verify with the key they pinned at enrolment, the county's.
    county.schools.point_at(target.receiver);
    const auto county_key = county.store.receiver_key().public_key;
    CHECK(county_key != target.store->receiver_key().public_key);
    for (auto& s : county.schools.all) {
        const auto held = s.db->inbox_items().size();
        CHECK(s.client->probe());
        const auto run = s.client->sync(true, sync::client::InboxFetch::Always);
        CHECK_MESSAGE(run.outcome == sync::client::Outcome::Delivered, s.code, ": ", run.message.en);
        CHECK(s.db->inbox_items().size() == held);   // nothing seen before comes again
    }
    // The returned school fixes and resubmits through the target; the target accepts; the
    // terminal gets the decision, signed with its pinned key, numbered after what it holds.
    auto& fixed = *std::find_if(county.schools.all.begin(), county.schools.all.end(), [&](const School& s) { return s.code == county.returned; });
    const auto cursor = fixed.db->inbox_cursor(county_key);
    CHECK(cursor >= 1);
    CHECK(fixed.client->freeze(kYear) == 2);
    REQUIRE(fixed.client->submit().outcome == sync::client::Outcome::Delivered);
    CHECK(target.store->submissions(fixed.code, false).size() == 2);
    target.store->decide({fixed.code, kYear, std::nullopt, "accepted", "", "省审核"}, "2026-10-02T00:00:00Z");
    const auto held = fixed.db->inbox_items().size();
    REQUIRE(fixed.client->sync(false, sync::client::InboxFetch::Always).outcome == sync::client::Outcome::Delivered);
    CHECK(fixed.db->inbox_items().size() == held + 1);
    CHECK(fixed.db->inbox_cursor(county_key) > cursor);
    const auto reviews = fixed.db->reviews();
    REQUIRE(!reviews.empty());
    CHECK(reviews.back().state == "accepted");
    // The other county's terminals are untouched: they sync with the target's own key.
    for (auto& s : target.schools.all) CHECK(s.client->sync(true, sync::client::InboxFetch::Always).outcome == sync::client::Outcome::Delivered);

    // The PC of a moved school replaced: `school replace` at the target, a new terminal enrols
    // — and pins the county's key, with which the target goes on signing for that school.
    {
        const auto planned = domain::demo_county(4, kCounty, kYear, domain::kDemoSeed)[1];
        const auto code = rc::replace_terminal(*target.store, planned.code);
        auto db = store::Store::open(county.dir / "replacement.db");
        db.set_operator("管理员");
        db.import(domain::make_demo_school(planned));
        sync::transport::FakeTransport network([&](const pr::HttpRequest& r) { return target.receiver.handle(r); });
        sync::client::Client client(db, network);
        REQUIRE(client.enrol("http://bureau.example", code).outcome == sync::client::Outcome::Delivered);
        CHECK(db.sync_state().receiver_key == county_key);
        CHECK(client.sync().outcome == sync::client::Outcome::Delivered);
        CHECK(client.probe());
    }

    // Run again after the schools synced there: a no-op, still verified.
    const auto again = rc::migrate_store(county.store, *target.store, options_for(county), progress);
    CHECK(again.moved == 0);
    CHECK(again.already == 4);
    CHECK(again.problems.empty());
    CHECK(target.store->schools().size() == other_before + 4);
    CHECK(target.store->origins().size() == 1);
}

TEST_CASE("migrate-store: a school the target holds already is refused by name — nothing is written") {
    County county(2);
    Target target;
    // The target registered one of the county's schools itself (another bureau's mistake).
    rc::register_school(*target.store, county.schools.all[1].code, "重名学校");
    const auto schools_before = target.store->schools().size();
    std::ostringstream progress;
    try {
        rc::migrate_store(county.store, *target.store, options_for(county), progress);
        FAIL("the move was not refused");
    } catch (const rc::MoveRefused& e) {
        const std::string what = e.what();
        CHECK(what.find("nothing moved") != std::string::npos);
        CHECK(what.find("school " + county.schools.all[1].code + " (重名学校) is already registered at the target") != std::string::npos);
    }
    CHECK(target.store->schools().size() == schools_before);
    CHECK(target.store->origins().empty());
    CHECK(!target.store->school_origin(county.schools.all[0].code));
}

TEST_CASE("migrate-store: stopped after k schools, run again — finishes without duplicates, a finished move again is a no-op") {
    County county(4);
    Target target;
    const auto other = target.store->schools().size();
    std::ostringstream progress;
    auto options = options_for(county);
    options.stop_after = 1;
    const auto first = rc::migrate_store(county.store, *target.store, options, progress);
    CHECK(first.stopped);
    CHECK(first.moved == 1);
    CHECK(first.problems.empty());   // what was moved verifies
    REQUIRE(target.store->origins().size() == 1);
    CHECK(!target.store->origins()[0].finished_at);
    CHECK(target.store->schools().size() == other + 1);

    options.stop_after = 2;   // interrupted again
    const auto second = rc::migrate_store(county.store, *target.store, options, progress);
    CHECK(second.moved == 2);
    CHECK(second.already == 1);
    CHECK(target.store->schools().size() == other + 3);

    options.stop_after.reset();
    const auto third = rc::migrate_store(county.store, *target.store, options, progress);
    CHECK(third.moved == 1);
    CHECK(third.already == 3);
    CHECK(!third.stopped);
    CHECK(third.problems.empty());
    CHECK(third.source == third.target);
    CHECK(third.target.schools == 4);
    CHECK(target.store->schools().size() == other + 4);
    CHECK(target.store->origins().size() == 1);
    CHECK(target.store->origins()[0].finished_at);
    CHECK(target.store->moved_schools(county.store.receiver_key().public_key) == codes_of(county.schools));
    // Each pack and decision once: the county's items sit once in the reserved range.
    CHECK(rc::published_packs(*target.store).size() == 2);

    const auto fourth = rc::migrate_store(county.store, *target.store, options, progress);
    CHECK(fourth.moved == 0);
    CHECK(fourth.already == 4);
    CHECK(fourth.users_added == 0);
    CHECK(fourth.deadlines_added == 0);
    CHECK(fourth.problems.empty());
    CHECK(target.store->schools().size() == other + 4);
    CHECK(rc::published_packs(*target.store).size() == 2);

    // The county's store used after the move began (a decision taken there): refused.
    county.store.add_inbox_item({0, "pack", "", 0, 0, "", "", "王局", "", "x", std::string(64, '0'), "{}", ""}, "2026-11-01T00:00:00Z");
    CHECK_THROWS_AS(rc::migrate_store(county.store, *target.store, options, progress), rc::MoveRefused);
}
