// The review cycle in the store (schema/0005_review.sql): a decision recorded and applied in one
// transaction (returned/reopened unlock the latest version's year, audited; accepted keeps it
// locked), a decision about an older or unknown version recorded as ignored, a replay changing
// nothing, the cursor per receiver key, and each year's review state.
#include <doctest/doctest.h>

#include "store_fixture.hpp"

using namespace jh;
using jh::test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kKey = "RECEIVERKEY=";

store::Store submitted_store(const fs::path& db) {
    auto s = store::Store::open(db);
    s.import(test::sample_data());
    s.submit_year(test::kYear, [](const domain::SchoolData&) { return store::Frozen{"{\"v\":1}", "SIG="}; });
    return s;
}

store::InboxRecord decision(std::int64_t seq, int version, std::string what, std::string text = "") {
    store::InboxRecord r;
    r.receiver_key = kKey;
    r.seq = seq;
    r.kind = "decision";
    r.school = test::sample_school().code;
    r.year = test::kYear;
    r.version = version;
    r.decision = std::move(what);
    r.text = std::move(text);
    r.by = "li";
    r.at = "2026-12-01T09:00:00Z";
    r.signature = "SIG" + std::to_string(seq);
    return r;
}

domain::YearStatus status_of(const store::Store& s) { return s.years().front().status; }

}  // namespace

TEST_CASE("a returned latest version unlocks the year in the transaction that records it, audited as the bureau's") {
    TempDir dir;
    auto s = submitted_store(dir / "school.db");
    REQUIRE(status_of(s) == domain::YearStatus::Submitted);
    CHECK(s.inbox_cursor(kKey) == 0);
    const auto tip = s.audit_tip().first;

    CHECK(s.record_decision(decision(3, 1, "returned", "班级人数有误")) == store::DecisionOutcome::Applied);
    CHECK(status_of(s) == domain::YearStatus::Draft);
    CHECK_FALSE(s.years().front().submitted_at);
    CHECK(s.audit_tip().first == tip + 1);
    const auto entry = *s.audit_entry(tip + 1);
    CHECK(entry.table == "school_year");
    CHECK(entry.operator_name == "bureau (li)");
    CHECK(s.inbox_cursor(kKey) == 3);
    CHECK(s.inbox_cursor("OTHERKEY=") == 0);

    auto reviews = s.reviews();
    REQUIRE(reviews.size() == 1);
    CHECK(reviews[0].state == "returned");
    CHECK(reviews[0].version == 1);
    REQUIRE(reviews[0].decision);
    CHECK(reviews[0].decision->text == "班级人数有误");

    // A replay changes nothing, not even the audit log.
    CHECK(s.record_decision(decision(3, 1, "returned", "班级人数有误")) == store::DecisionOutcome::Replayed);
    CHECK(s.audit_tip().first == tip + 1);
    CHECK(s.inbox_items().size() == 1);

    // The school fixes and resubmits: version 2, the year "submitted" again.
    auto building = s.load(test::kYear).buildings.at(0);
    building.area += 5;
    s.update(building);
    CHECK(s.submit_year(test::kYear, [](const domain::SchoolData&) { return store::Frozen{"{\"v\":2}", "SIG="}; }) == 2);
    reviews = s.reviews();
    CHECK(reviews[0].state == "submitted");
    CHECK(reviews[0].version == 2);
    CHECK_FALSE(reviews[0].decision);

    // A decision about version 1 arriving now is ignored: recorded, year stays locked.
    CHECK(s.record_decision(decision(4, 1, "returned", "旧的意见")) == store::DecisionOutcome::OlderVersion);
    CHECK(status_of(s) == domain::YearStatus::Submitted);
    CHECK(s.inbox_items().back().outcome == "older_version");
    CHECK(s.reviews()[0].state == "submitted");
    // One about a version never frozen here is ignored too.
    CHECK(s.record_decision(decision(5, 7, "returned")) == store::DecisionOutcome::UnknownVersion);
    CHECK(status_of(s) == domain::YearStatus::Submitted);

    // Accepted keeps it locked; a reopen unlocks it with the reason.
    CHECK(s.record_decision(decision(6, 2, "accepted")) == store::DecisionOutcome::Applied);
    CHECK(status_of(s) == domain::YearStatus::Submitted);
    CHECK(s.reviews()[0].state == "accepted");
    CHECK(s.record_decision(decision(7, 2, "reopened", "补录设备")) == store::DecisionOutcome::Applied);
    CHECK(status_of(s) == domain::YearStatus::Draft);
    CHECK(s.reviews()[0].state == "reopened");
    CHECK(s.reviews()[0].decision->text == "补录设备");
    CHECK(s.inbox_cursor(kKey) == 7);
}

TEST_CASE("a decision that cannot be stored leaves the year and the log as they were") {
    TempDir dir;
    auto s = submitted_store(dir / "school.db");
    const auto before = test::dump(dir / "school.db");
    auto bad = decision(1, 1, "returned");
    bad.signature.clear();   // the schema refuses an unsigned item
    CHECK_THROWS_AS(s.record_decision(bad), domain::Rejected);
    CHECK(status_of(s) == domain::YearStatus::Submitted);
    CHECK(test::dump(dir / "school.db") == before);
}

TEST_CASE("items without an effect of their own are recorded once and move the cursor") {
    TempDir dir;
    auto s = store::Store::open(dir / "school.db");
    store::InboxRecord pack;
    pack.receiver_key = kKey;
    pack.seq = 9;
    pack.kind = "pack";
    pack.pack_id = "county-310101";
    pack.pack_sha256 = std::string(64, 'a');
    pack.signature = "SIG";
    pack.outcome = "recorded";
    CHECK(s.record_inbox_item(pack));
    CHECK_FALSE(s.record_inbox_item(pack));
    CHECK(s.inbox_item_held(kKey, 9));
    CHECK(s.inbox_cursor(kKey) == 9);
    REQUIRE(s.inbox_items().size() == 1);
    CHECK(s.inbox_items()[0].pack_id == "county-310101");
    CHECK_FALSE(s.inbox_items()[0].received_at.empty());
    CHECK(s.reviews().empty());
}
