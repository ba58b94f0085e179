// Record writes: the generic path for every kind, validation, audit entries, the hash chain
// and the change feed.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "domain/fields.hpp"
#include "store/audit.hpp"
#include "store_fixture.hpp"

using namespace jh;
using jh::test::json_of;
using jh::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Inserts every record of the sample year (training linked to the inserted teacher) and
// returns the records as stored, ids filled in.
domain::SchoolData insert_sample(store::Store& s) {
    auto data = test::sample_data();
    domain::for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        if constexpr (std::is_same_v<R, domain::Training>)   // staff come first: link to the teacher
            data.training = {domain::Training{0, data.staff[0].person_id, domain::Date{2024, 10, 12}, 24,
                                              domain::OrganiserLevel::County, "新课标培训"}};
        for (auto& r : domain::records_of<R>(data)) {
            r.id = s.insert(r);
            if constexpr (std::is_same_v<R, domain::Staff>) r.person_id = r.id;
        }
    });
    return data;
}

}  // namespace

TEST_CASE("every kind of record round-trips through insert, get and load") {
    TempDir dir;
    auto s = test::make_store(dir / "school.db");
    const auto stored = insert_sample(s);
    auto loaded = s.load(test::kYear);
    CHECK(json_of(loaded.school) == json_of(stored.school));
    CHECK(loaded.year.pupils_confirmed);
    domain::for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        const auto& want = domain::records_of<R>(stored);
        const auto& got = domain::records_of<R>(loaded);
        INFO(domain::Entity<R>::table);
        REQUIRE(got.size() == want.size());
        CHECK_FALSE(want.empty());
        for (std::size_t i = 0; i < want.size(); ++i) {
            CHECK(got[i].id > 0);
            CHECK(json_of(got[i]) == json_of(want[i]));
            CHECK(json_of(*s.get<R>(want[i].id)) == json_of(want[i]));
        }
    });
    CHECK(loaded.staff[0].person_id == loaded.staff[0].id);  // a person's first record names the person

    auto renamed = loaded.staff[0];
    renamed.name = "王秀兰";
    renamed.person_id = 0;   // not given (a CSV row without it): the person stays the same
    s.update(renamed);
    CHECK(s.get<domain::Staff>(renamed.id)->person_id == loaded.staff[0].person_id);
    CHECK(s.get<domain::Staff>(renamed.id)->name == "王秀兰");
}

TEST_CASE("ids are never reused, and a given id is kept") {
    TempDir dir;
    auto s = test::make_store(dir / "school.db");
    auto room = test::sample_data().rooms[0];
    const auto first = s.insert(room);
    s.remove<domain::Room>(first);
    const auto second = s.insert(room);
    CHECK(second > first);
    room.id = 500;
    CHECK(s.insert(room) == 500);
    CHECK_THROWS_AS(s.insert(room), domain::Rejected);   // the id is taken
}

TEST_CASE("a record failing validation is rejected with its issues and changes nothing") {
    TempDir dir;
    auto db = dir / "school.db";
    auto s = test::make_store(db);
    insert_sample(s);
    const auto before = test::dump(db);

    auto bad_class = test::sample_data().classes[0];
    bad_class.number = 7;
    bad_class.pupils = -3;
    try {
        s.insert(bad_class);
        FAIL("accepted a class of -3 pupils");
    } catch (const domain::Rejected& e) {
        REQUIRE_FALSE(e.issues().empty());
        CHECK(e.issues()[0].field == "pupils");
        CHECK(e.issues()[0].entity == "class");
    }
    auto staff = s.load(test::kYear).staff[0];
    staff.name = "";
    CHECK_THROWS_AS(s.update(staff), domain::Rejected);
    CHECK_THROWS_AS(s.remove<domain::Building>(9999), domain::Rejected);
    auto orphan = test::sample_data(2031).rooms[0];   // no such school year
    CHECK_THROWS_AS(s.insert(orphan), domain::Rejected);
    CHECK(test::dump(db) == before);
}

TEST_CASE("a duplicate the schema forbids is rejected, not crashed on") {
    TempDir dir;
    auto s = test::make_store(dir / "school.db");
    auto funds = test::sample_data().funds[0];
    s.insert(funds);
    try {
        s.insert(funds);   // one funds row per year
        FAIL("a second funds row was accepted");
    } catch (const domain::Rejected& e) {
        // SQLite's own words are kept for the log, out of the words people read.
        CHECK(e.detail() == "UNIQUE constraint failed: funds.year");
        CHECK(e.message().zh.find("UNIQUE") == std::string::npos);
        CHECK(e.message().en.find("UNIQUE") == std::string::npos);
    }
}

TEST_CASE("an audit entry's hash follows the documented netstring serialisation") {
    // Expected value computed outside this code base (Python hashlib over the netstrings), so
    // the contract in audit.hpp is pinned: changing it would break every stored chain.
    store::AuditEntry e{1, "2026-01-02T03:04:05Z", "张老师", "room", 7, "insert", "", "{\"area\":96.0}",
                        std::string(64, '0'), ""};
    CHECK(store::AuditLog::hash_of(e) == "8f911dac81c3864e989d808747d49ca1cc4b97f2f7232077a2167a33b20696ba");
    CHECK(store::AuditLog::genesis_hash() == std::string(64, '0'));
}

TEST_CASE("the audit log's record text is the JSON library's dump of the record, byte for byte") {
    // The text is hashed into the chain, so the direct writer must not drift from what
    // record_json(...).dump() produced for entries already stored.
    auto expected = [](const auto& record) {
        auto json = domain::record_json(record);
        json["id"] = record.id;
        return json.dump();
    };
    auto data = test::sample_data();
    data.buildings[0].id = 12;
    data.buildings[0].name = "楼\"A\"\\B\n\t\r\b\f\x01\x1f\x7f end";
    data.equipment[0].id = 9'000'000'000;
    for (double value : {0.0, -0.0, 0.1, 1.0 / 3, 12000.0, 100000.0, 1e15, 1e16, 1e21, 1.5e-5, 0.0001, 2400.5})
        for (auto& e : data.equipment) {
            e.unit_value = value;
            e.book_value = -value;
            CHECK(store::Table<domain::Equipment>::json_text(e) == expected(e));
        }
    CHECK(store::Table<domain::Building>::json_text(data.buildings[0]) == expected(data.buildings[0]));
    CHECK(store::Table<domain::Staff>::json_text(data.staff[0]) == expected(data.staff[0]));
    CHECK(store::Table<domain::School>::json_text(data.school) == expected(data.school));
    CHECK(store::Table<domain::SchoolYear>::json_text(data.year) == expected(data.year));
}

TEST_CASE("insert, update and delete each leave an audit entry with old and new values") {
    TempDir dir;
    auto s = test::make_store(dir / "school.db");
    s.set_operator("张老师");
    auto ground = test::sample_data().grounds[0];
    ground.id = s.insert(ground);
    ground.area = 8500;
    s.update(ground);
    s.update(ground);   // unchanged: no entry
    s.remove<domain::Ground>(ground.id);

    auto entries = s.history("ground", ground.id);
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].action == "insert");
    CHECK(entries[0].old_json.empty());
    CHECK(nlohmann::json::parse(entries[0].new_json)["area"] == 8000.0);
    CHECK(entries[1].action == "update");
    CHECK(nlohmann::json::parse(entries[1].old_json)["area"] == 8000.0);
    CHECK(nlohmann::json::parse(entries[1].new_json)["area"] == 8500.0);
    CHECK(nlohmann::json::parse(entries[1].new_json)["name"] == "运动场");
    CHECK(entries[2].action == "delete");
    CHECK(entries[2].new_json.empty());
    for (const auto& e : entries) {
        CHECK(e.operator_name == "张老师");
        CHECK(e.table == "ground");
        CHECK(e.at.size() == 20);
        CHECK(e.at.back() == 'Z');
        CHECK(e.hash.size() == 64);
    }
    CHECK(entries[1].prev_hash == entries[0].hash);
    CHECK(entries[2].prev_hash == entries[1].hash);
    CHECK(s.verify_audit().intact);
}

TEST_CASE("the change feed lists every change after a cursor, in order") {
    TempDir dir;
    auto s = test::make_store(dir / "school.db");
    const auto start = s.changes_since(0).back().seq;   // school and year creation
    insert_sample(s);
    auto feed = s.changes_since(start);
    CHECK(feed.size() == 12);   // 11 records + the staff member's
    for (std::size_t i = 0; i < feed.size(); ++i) CHECK(feed[i].seq == start + 1 + static_cast<std::int64_t>(i));
    CHECK(s.changes_since(start, 3).size() == 3);
    CHECK(s.changes_since(feed.back().seq).empty());
}

TEST_CASE("the audit chain detects a rewritten, a deleted and a truncated entry") {
    TempDir dir;
    auto db = dir / "school.db";
    {
        auto s = test::make_store(db);
        insert_sample(s);
        auto report = s.verify_audit();
        CHECK(report.intact);
        CHECK(report.entries > 10);
    }
    const auto pristine = dir / "pristine.db";
    fs::copy_file(db, pristine);
    auto tampered = [&](const std::string& sql) {
        fs::copy_file(pristine, db, fs::copy_options::overwrite_existing);
        fs::remove(db.string() + "-wal");
        test::raw_exec(db, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; " + sql);
        return store::Store::open(db).verify_audit();
    };
    auto rewritten = tampered("UPDATE audit SET operator_name = 'mallory' WHERE seq = 10");
    CHECK_FALSE(rewritten.intact);
    CHECK(rewritten.first_bad_seq == 10);
    auto deleted = tampered("DELETE FROM audit WHERE seq = 5");
    CHECK_FALSE(deleted.intact);
    CHECK(deleted.first_bad_seq == 6);
    auto truncated = tampered("DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)");
    CHECK_FALSE(truncated.intact);
}

TEST_CASE("the audit log refuses updates and deletes made behind the program's back") {
    TempDir dir;
    auto db = dir / "school.db";
    test::make_store(db);
    CHECK_THROWS(test::raw_exec(db, "UPDATE audit SET operator_name = 'x'"));
    CHECK_THROWS(test::raw_exec(db, "DELETE FROM audit"));
}

TEST_CASE("a transaction commits all of its writes or none") {
    TempDir dir;
    auto db = dir / "school.db";
    auto s = test::make_store(db);
    const auto before = test::dump(db);
    const auto data = test::sample_data();
    CHECK_THROWS_AS(s.transaction([&] {
        s.insert(data.rooms[0]);
        s.insert(data.grounds[0]);
        auto bad = data.buildings[0];
        bad.area = -1;
        s.insert(bad);
    }),
                    domain::Rejected);
    CHECK(test::dump(db) == before);
    s.transaction([&] {
        s.insert(data.rooms[0]);
        s.insert(data.grounds[0]);
    });
    CHECK(s.load(test::kYear).rooms.size() == 1);
    CHECK(s.load(test::kYear).grounds.size() == 1);
}

TEST_CASE("the audit chain stays linked across rolled-back transactions and savepoints") {
    // The store keeps the chain's last hash in memory within a transaction: a rollback must
    // not leave it pointing at an entry that no longer exists.
    TempDir dir;
    auto s = test::make_store(dir / "school.db");
    const auto data = test::sample_data();
    CHECK_THROWS_AS(s.transaction([&] {
        s.insert(data.rooms[0]);
        throw domain::Rejected(domain::Message{"中止", "abandoned"});
    }),
                    domain::Rejected);
    s.insert(data.grounds[0]);
    s.transaction([&] {
        s.insert(data.rooms[0]);
        CHECK_THROWS_AS(s.transaction([&] {
            s.insert(data.buildings[0]);
            throw domain::Rejected(domain::Message{"中止", "abandoned"});
        }),
                        domain::Rejected);
        s.insert(data.funds[0]);
    });
    const auto report = s.verify_audit();
    CHECK(report.intact);
    CHECK(s.load(test::kYear).buildings.empty());
    CHECK(static_cast<std::int64_t>(s.changes_since(0, 100).size()) == report.entries);
}
