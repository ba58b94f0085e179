// The bureau's copy equals the school's: a real terminal store (jh_store) holding the demo
// school, its audit log turned into batches with protocol::to_wire and fed to Receiver::handle,
// then both exports compared byte for byte — after the first full sync, after edits, deletes,
// an operator's stubbed entries and a new year, and through the bureau's county report.
#include <doctest/doctest.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli.hpp"
#include "domain/demo.hpp"
#include "exchange/snapshot.hpp"
#include "store/store.hpp"
#include "sync/receiver/fixture.hpp"
#include "sync/receiver/junheng_in_process.hpp"
#include "sync/receiver/records.hpp"
#include "sync/receiver/report.hpp"

using namespace jh::test;

namespace {

const std::string kCode = "3601020001";
constexpr int kYear = 2025;

// Uploads every audit entry after `acked` in batches of at most 500 (the client's limit is
// kMaxEntriesPerBatch; smaller here so the demo takes several); returns the acknowledged link.
pr::Link sync_all(Bureau& bureau, const Terminal& t, jh::store::Store& store, pr::Link acked) {
    for (;;) {
        const auto entries = store.changes_since(acked.seq, 500);
        if (entries.empty()) return acked;
        pr::Batch b;
        b.school = t.school;
        b.stream = t.stream;
        b.after = acked;
        for (const auto& e : entries) b.entries.push_back(pr::to_wire(e, store.schema_version()));
        b.tip = {entries.back().seq, entries.back().hash};
        const auto reply = bureau.handle(t.batch(b));
        REQUIRE_MESSAGE(reply.status == 200, reply.body);
        const auto r = pr::decode_batch_reply(reply.body);
        CHECK(r.flags.empty());
        acked = r.acked;
        CHECK(acked.seq >= b.tip.seq);   // a replay is acknowledged with the receiver's (later) tip
    }
}

std::string bureau_export(Bureau& bureau, int year) {
    std::vector<std::string> skipped;
    const auto data = rc::rebuild_year(bureau.store->live_records(kCode), year, skipped);
    CHECK(skipped.empty());
    return jh::exchange::write_snapshot(data);
}

std::string school_export(const jh::store::Store& store, int year) { return jh::exchange::write_snapshot(store.load(year)); }

}  // namespace

TEST_CASE("the bureau's export of a synced demo school is byte-identical to the terminal's, through edits") {
    TempDir dir;
    auto store = jh::store::Store::open(dir / "school.db");
    store.import(jh::domain::make_demo_school(kCode, kYear));
    store.add_operator("王老师", jh::domain::OperatorRole::Clerk, "1234");   // travels as a stub

    Bureau bureau;
    Terminal t{kCode};
    bureau.enrol(t);
    auto acked = sync_all(bureau, t, store, {0, jh::domain::audit_genesis_hash()});
    CHECK(acked.seq > 1000);   // several batches
    CHECK(bureau_export(bureau, kYear) == school_export(store, kYear));
    CHECK(rc::years_held(bureau.store->live_records(kCode)) == std::vector<int>{kYear});

    // Edits: one field, a delete, a new record, then a new school year.
    auto data = store.load(kYear);
    auto staff = data.staff.front();
    staff.name = "李华华";
    store.update(staff);
    store.remove<jh::domain::Equipment>(data.equipment.back().id);
    auto room = data.rooms.front();
    room.id = 0;
    room.name = "新建录播教室";
    store.insert(room);
    acked = sync_all(bureau, t, store, acked);
    CHECK(bureau_export(bureau, kYear) == school_export(store, kYear));

    store.new_year(kYear, kYear + 1);
    acked = sync_all(bureau, t, store, acked);
    CHECK(bureau_export(bureau, kYear + 1) == school_export(store, kYear + 1));
    CHECK(bureau_export(bureau, kYear) == school_export(store, kYear));

    // A full replay of everything changes nothing.
    sync_all(bureau, t, store, {0, jh::domain::audit_genesis_hash()});
    CHECK(bureau_export(bureau, kYear + 1) == school_export(store, kYear + 1));
}

TEST_CASE("the bureau's report over a submitted demo school equals the county computation of its snapshot") {
    TempDir dir;
    auto store = jh::store::Store::open(dir / "school.db");
    store.import(jh::domain::make_demo_school(kCode, kYear));
    Bureau bureau;
    Terminal t{kCode};
    bureau.enrol(t);
    rc::register_school(*bureau.store, "3601020002", "未同步学校");

    const auto snapshot = school_export(store, kYear);
    const pr::Submission s{kCode, kYear, 1, jh::domain::sha256_hex(snapshot), pr::sign(snapshot, t.key.secret_key), snapshot};
    REQUIRE(bureau.handle(t.post(pr::kPathSubmission, pr::encode(s))).status == 200);

    const auto report = rc::county_report(*bureau.store, {});
    CHECK(report["format"] == "junheng-county-result");
    CHECK(report["year"] == kYear);
    CHECK(report["stages"].contains("primary"));
    CHECK(report["completeness"]["submitted"] == 1);
    CHECK(report["completeness"]["not_submitted"] == nlohmann::json::array({"3601020002"}));
    CHECK(report["completeness"]["never_synced"].size() == 2);

    // A second school whose snapshot is not a snapshot is excluded, never aborting.
    Terminal bad{"3601020003"};
    bureau.enrol(bad);
    const std::string junk = "{\"format\":\"something else\"}";
    const pr::Submission b{bad.school, kYear, 1, jh::domain::sha256_hex(junk), pr::sign(junk, bad.key.secret_key), junk};
    REQUIRE(bureau.handle(bad.post(pr::kPathSubmission, pr::encode(b))).status == 200);
    const auto again = rc::county_report(*bureau.store, {});
    REQUIRE(again["excluded"].size() == 1);
    CHECK(again["excluded"][0]["code"] == bad.school);
    CHECK(again["stages"] == report["stages"]);
}

TEST_CASE("junheng-bureau's report equals `junheng county --json` over the same submitted snapshots of a demo county") {
    TempDir dir;
    Bureau bureau;
    std::vector<std::string> files;
    // 20 schools of the kinds a county has: rural primaries, teaching points (merged into their
    // central school), junior, nine-year and town schools.
    for (const auto& school : jh::domain::demo_county(20, std::string(jh::domain::kDemoCountyCode), kYear, jh::domain::kDemoSeed)) {
        Terminal t{school.code};
        bureau.enrol(t, school.shape.name);
        const auto snapshot = jh::exchange::write_snapshot(jh::domain::make_demo_school(school));
        const pr::Submission s{t.school, kYear, 1, jh::domain::sha256_hex(snapshot), pr::sign(snapshot, t.key.secret_key), snapshot};
        REQUIRE(bureau.handle(t.post(pr::kPathSubmission, pr::encode(s))).status == 200);
        files.push_back((dir / (t.school + ".json")).string());
        std::ofstream(files.back(), std::ios::binary) << snapshot;
    }
    auto report = rc::county_report(*bureau.store, {});

    // `junheng county --json FILES...` in process.
    std::vector<std::string> words{"county", "--json"};
    words.insert(words.end(), files.begin(), files.end());
    auto county = junheng_json(words);

    report.erase("completeness");
    for (auto* doc : {&report, &county})
        for (auto& e : (*doc)["excluded"]) e.erase("file");   // named by file path vs by submission
    CHECK(report == county);
    CHECK(report["stages"].size() == 2);   // primary and junior
    MESSAGE("excluded: " << report["excluded"].size() << ", primary parts: " << report["stages"]["primary"]["part_count"]);
}
