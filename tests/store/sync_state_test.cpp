// The sync client's part of the store (schema/0004_sync.sql): stream ids (made with the
// database, renewed by restore, new for a re-created file), the acknowledged link, entries'
// schema versions, and frozen submissions written in the transaction that locks the year.
#include <doctest/doctest.h>

#include "store/schema.hpp"
#include "store_fixture.hpp"

using namespace jh;
using jh::test::TempDir;
namespace fs = std::filesystem;

namespace {

bool is_stream(const std::string& s) {
    return s.size() == 32 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

store::Store full_store(const fs::path& db) {
    auto s = store::Store::open(db);
    s.import(test::sample_data());
    return s;
}

}  // namespace

TEST_CASE("a new database has a stream id, no enrolment and no acknowledged link") {
    TempDir dir;
    auto s = store::Store::open(dir / "school.db");
    const auto state = s.sync_state();
    CHECK(is_stream(state.stream));
    CHECK_FALSE(state.enrolled());
    CHECK_FALSE(state.acked_seq);
    CHECK(s.audit_tip() == std::pair<std::int64_t, std::string>{0, domain::audit_genesis_hash()});
    auto other = store::Store::open(dir / "other.db");
    CHECK(other.sync_state().stream != state.stream);
}

TEST_CASE("a re-created database gets a new stream id") {
    TempDir dir;
    std::string first;
    {
        first = store::Store::open(dir / "school.db").sync_state().stream;
    }
    fs::remove(dir / "school.db");
    fs::remove(dir / "school.db-wal");
    fs::remove(dir / "school.db-shm");
    CHECK(store::Store::open(dir / "school.db").sync_state().stream != first);
}

TEST_CASE("new audit entries carry the current schema version, entries from before version 4 read as 3") {
    TempDir dir;
    auto db = dir / "school.db";
    auto s = full_store(db);
    const auto feed = s.feed_since(0, 100000);
    REQUIRE_FALSE(feed.empty());
    for (const auto& f : feed) CHECK(f.schema_version == store::Store::latest_schema_version());
    CHECK(feed.back().entry.seq == s.audit_tip().first);
    CHECK(feed.back().entry.hash == s.audit_tip().second);
    CHECK(s.count_since(0) == static_cast<std::int64_t>(feed.size()));
    CHECK(s.count_since(feed.back().entry.seq) == 0);
    REQUIRE(s.audit_entry(1));
    CHECK(s.audit_entry(1)->hash == feed.front().entry.hash);
    CHECK_FALSE(s.audit_entry(feed.back().entry.seq + 1));
    CHECK(s.verify_audit().intact);   // the column is not part of the hash

    // A version-1 file with entries, upgraded: they read as version 3.
    auto old_db = dir / "v1.db";
    std::ifstream in(fs::path(JUNHENG_TEST_DATA) / "schema_v1.sql", std::ios::binary);
    const std::string v1((std::istreambuf_iterator<char>(in)), {});
    test::raw_exec(old_db, v1 + "; PRAGMA user_version = 1; INSERT INTO audit (seq, at, operator_name, table_name, "
                                "record_id, action, old_json, new_json, prev_hash, hash) VALUES (1, 'x', 'o', 't', 1, "
                                "'insert', '', '{}', '" + std::string(64, '0') + "', '" + std::string(64, 'a') + "');");
    auto old = store::Store::open(old_db);
    REQUIRE(old.feed_since(0, 10).size() == 1);
    CHECK(old.feed_since(0, 10)[0].schema_version == 3);
    CHECK(is_stream(old.sync_state().stream));
}

TEST_CASE("enrolment, acknowledged links and new streams") {
    TempDir dir;
    auto s = full_store(dir / "school.db");
    const auto stream = s.sync_state().stream;
    s.set_enrolment("https://bureau.example/", "KEY=");
    CHECK(s.sync_state().enrolled());
    CHECK(s.set_acked(stream, 3, std::string(64, 'b'), "2026-12-01T10:00:00Z"));
    CHECK(s.sync_state().acked_seq == 3);
    CHECK(s.sync_state().acked_hash == std::string(64, 'b'));
    CHECK(s.sync_state().last_reply_at == "2026-12-01T10:00:00Z");
    // A late reply for another stream changes nothing.
    CHECK_FALSE(s.set_acked(std::string(32, 'f'), 9, std::string(64, 'c'), "2026-12-01T11:00:00Z"));
    CHECK(s.sync_state().acked_seq == 3);
    s.forget_acked();
    CHECK_FALSE(s.sync_state().acked_seq);
    const auto fresh = s.start_new_stream();
    CHECK(is_stream(fresh));
    CHECK(fresh != stream);
    CHECK(s.sync_state().stream == fresh);
    CHECK(s.sync_state().acked_seq == 0);
    CHECK(s.sync_state().acked_hash == domain::audit_genesis_hash());
    s.set_sync_result("receiver unreachable", "");
    CHECK(s.sync_state().last_error == "receiver unreachable");
    CHECK(s.sync_state().last_reply_at == "2026-12-01T10:00:00Z");
    s.set_enrolment("https://other.example/", "KEY2=");   // re-enrolment: the ack becomes unknown
    CHECK_FALSE(s.sync_state().acked_seq);
    CHECK(s.sync_state().last_error.empty());
}

TEST_CASE("restore renews the stream id and keeps the terminal's enrolment") {
    TempDir dir;
    auto db = dir / "school.db";
    std::string before;
    {
        auto s = full_store(db);
        s.backup(dir / "backup.db");
        s.set_enrolment("https://bureau.example/", "KEY=");
        s.set_acked(s.sync_state().stream, 5, std::string(64, 'b'), "t");
        before = s.sync_state().stream;
    }
    store::Store::restore(dir / "backup.db", db);
    auto s = store::Store::open(db);
    const auto state = s.sync_state();
    CHECK(is_stream(state.stream));
    CHECK(state.stream != before);
    CHECK(state.receiver_url == "https://bureau.example/");
    CHECK(state.receiver_key == "KEY=");
    CHECK_FALSE(state.acked_seq);
    // The backup itself is untouched.
    CHECK(test::raw_query(dir / "backup.db", "SELECT stream FROM sync_state") != state.stream + "\n");
}

TEST_CASE("submitting with a freeze locks the year and keeps the frozen bytes, all or nothing") {
    TempDir dir;
    auto db = dir / "school.db";
    auto s = full_store(db);
    int calls = 0;
    const int version = s.submit_year(test::kYear, [&](const domain::SchoolData& data) {
        ++calls;
        CHECK(data.year.status == domain::YearStatus::Submitted);   // the locked year is what is frozen
        return store::Frozen{"{\"year\":" + std::to_string(data.year.year) + "}", "SIG="};
    });
    CHECK(calls == 1);
    CHECK(version == 1);
    const auto subs = s.submissions();
    REQUIRE(subs.size() == 1);
    CHECK(subs[0].year == test::kYear);
    CHECK(subs[0].snapshot == "{\"year\":2025}");
    CHECK(subs[0].sha256 == domain::sha256_hex("{\"year\":2025}"));
    CHECK(subs[0].signature == "SIG=");
    CHECK(subs[0].received_at.empty());
    CHECK(s.years().front().status == domain::YearStatus::Submitted);
    s.mark_submission_delivered(test::kYear, 1, "2026-12-01T10:00:00Z");
    CHECK(s.submissions()[0].received_at == "2026-12-01T10:00:00Z");
    CHECK_FALSE(s.submissions()[0].delivered_at.empty());

    // A freeze that fails leaves the year unlocked and nothing frozen.
    TempDir other;
    auto t = full_store(other / "school.db");
    const auto dump = test::dump(other / "school.db");
    CHECK_THROWS(t.submit_year(test::kYear, [](const domain::SchoolData&) -> store::Frozen {
        throw std::runtime_error("no key");
    }));
    CHECK(test::dump(other / "school.db") == dump);
    // A year that cannot be submitted is refused before anything is frozen.
    CHECK_THROWS_AS(s.submit_year(test::kYear, [&](const domain::SchoolData&) {
        ++calls;
        return store::Frozen{"x", "y"};
    }),
                    domain::Rejected);
    CHECK(calls == 1);
}

TEST_CASE("last_change_seq: each record's last audit entry, deleted records included, per table") {
    TempDir dir;
    auto s = test::make_store(dir / "school.db");
    auto ground = test::sample_data().grounds[0];
    ground.id = s.insert(ground);
    const auto inserted = s.audit_tip().first;
    auto other = test::sample_data().grounds[0];
    other.name = "篮球场";
    other.id = s.insert(other);
    CHECK(s.last_change_seq("ground") == std::map<domain::Id, std::int64_t>{{ground.id, inserted}, {other.id, inserted + 1}});
    ground.area = 8500;
    s.update(ground);
    const auto updated = s.audit_tip().first;
    CHECK(s.last_change_seq("ground").at(ground.id) == updated);
    CHECK(s.last_change_seq("ground").at(other.id) == inserted + 1);
    s.remove<domain::Ground>(other.id);
    CHECK(s.last_change_seq("ground").at(other.id) == s.audit_tip().first);
    CHECK(s.last_change_seq("building").empty());
    CHECK(s.last_change_seq("no_such_table").empty());
}
