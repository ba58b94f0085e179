// The junheng-bureau commands, run as a user runs them: exit statuses (0 done, 1 error, 2
// usage), the one-time code alone on the last line, list/revoke/replace, submissions, export
// (one file, named and encoded as the terminal's `export --format snapshot`, byte-identical to
// the terminal's own) and report --json.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "domain/demo.hpp"
#include "exchange/snapshot.hpp"
#include "store/store.hpp"
#include "sync/receiver/fixture.hpp"
#include "sync/receiver/process.hpp"

using namespace jh::test;

namespace {

std::string slurp_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::regex kCodeShape("[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}");

}  // namespace

TEST_CASE("junheng-bureau: usage errors exit 2, errors exit 1 with an English message") {
    TempDir dir;
    const auto db = (dir / "nested" / "bureau.db").string();
    CHECK(bureau_run({}).status == 2);
    CHECK(bureau_run({"--db", db, "bogus"}).status == 2);
    CHECK(bureau_run({"--db", db, "school", "add", "--code", "3601020001"}).status == 2);
    CHECK(bureau_run({"--db", db, "school", "frobnicate"}).status == 2);
    CHECK(bureau_run({"--db", db, "report", "--year", "abc"}).status == 2);
    CHECK(bureau_run({"--db", db, "serve"}).status == 2);
    const auto bad = bureau_run({"--db", db, "school", "add", "--code", "123", "--name", "x"});
    CHECK(bad.status == 1);
    CHECK(bad.err.find("10-digit") != std::string::npos);
    CHECK(bureau_run({"--db", db, "school", "revoke", "--code", "3601020001"}).status == 1);
    CHECK(bureau_run({"--db", db, "report", "--pack", "nowhere"}).status == 1);
    CHECK(bureau_run({"--db", db, "--help"}).status == 0);
    CHECK(std::filesystem::exists(db));   // created and migrated on first use
}

TEST_CASE("junheng-bureau school add/list/revoke/replace") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    auto r = bureau_run(scratch.args({"school", "add", "--code", "3601020001", "--name", "城关小学"}));
    REQUIRE(r.status == 0);
    const auto code = last_line(r.out);
    CHECK(std::regex_match(code, kCodeShape));
    CHECK(bureau_run(scratch.args({"school", "add", "--code", "3601020001", "--name", "again"})).status == 1);
    r = bureau_run(scratch.args({"school", "list"}));
    CHECK(r.status == 0);
    CHECK(r.out.find("3601020001") != std::string::npos);
    CHECK(r.out.find("城关小学") != std::string::npos);
    CHECK(r.out.find("never synced") != std::string::npos);
    CHECK(r.out.find(code) == std::string::npos);   // the code is never shown again

    r = bureau_run(scratch.args({"school", "revoke", "--code", "3601020001"}));
    CHECK(r.status == 0);
    CHECK(bureau_run(scratch.args({"school", "list"})).out.find("revoked") != std::string::npos);
    r = bureau_run(scratch.args({"school", "replace", "--code", "3601020001"}));
    CHECK(r.status == 0);
    const auto fresh = last_line(r.out);
    CHECK(std::regex_match(fresh, kCodeShape));
    CHECK(fresh != code);
    CHECK(bureau_run(scratch.args({"school", "list"})).out.find("not-enrolled") != std::string::npos);

    // The old code is withdrawn, the new one enrols.
    const auto owned_store = scratch.open();
    auto& store = *owned_store;
    jh::sync::receiver::Receiver receiver(store);
    Terminal t{"3601020001"};
    CHECK(receiver.handle(t.enrol(code)).status == 403);
    CHECK(receiver.handle(t.enrol(fresh)).status == 200);
    CHECK(bureau_run(scratch.args({"school", "list"})).out.find("enrolled") != std::string::npos);
}

TEST_CASE("junheng-bureau export writes the terminal's snapshot file — submissions and report list what was sent") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    const std::string school = "3601020001";
    auto r = bureau_run(scratch.args({"school", "add", "--code", school, "--name", "演示学校"}));
    REQUIRE(r.status == 0);
    CHECK(bureau_run(scratch.args({"export", "--school", school, "--out", (dir / "out").string()})).status == 1);   // nothing synced
    CHECK(bureau_run(scratch.args({"export", "--school", "3601029999", "--out", (dir / "out").string()})).status == 1);

    auto terminal_store = jh::store::Store::open(dir / "school.db");
    terminal_store.import(jh::domain::make_demo_school(school, 2025));
    const auto owned_store = scratch.open();
    auto& store = *owned_store;
    jh::sync::receiver::Receiver receiver(store);
    Terminal t{school};
    REQUIRE(receiver.handle(t.enrol(last_line(r.out))).status == 200);
    pr::Link acked{0, jh::domain::audit_genesis_hash()};
    for (;;) {
        const auto entries = terminal_store.changes_since(acked.seq, pr::kMaxEntriesPerBatch);
        if (entries.empty()) break;
        pr::Batch b{school, t.stream, acked, {entries.back().seq, entries.back().hash}, {}};
        for (const auto& e : entries) b.entries.push_back(pr::to_wire(e, terminal_store.schema_version()));
        const auto reply = receiver.handle(t.batch(b));
        REQUIRE(reply.status == 200);
        acked = pr::decode_batch_reply(reply.body).acked;
    }

    r = bureau_run(scratch.args({"export", "--school", school, "--out", (dir / "out").string()}));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto data = terminal_store.load(2025);
    const auto file = dir / "out" / jh::exchange::snapshot_file_name(data);
    CHECK(last_line(r.out) == file.string());
    CHECK(slurp_file(file) == jh::exchange::write_snapshot(data));
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir / "out")) ++files;
    CHECK(files == 1);
    CHECK(bureau_run(scratch.args({"export", "--school", school, "--year", "2019", "--out", (dir / "out").string()})).status == 1);

    CHECK(bureau_run(scratch.args({"submissions"})).out.empty());
    const auto snapshot = jh::exchange::write_snapshot(data);
    const pr::Submission s{school, 2025, 1, jh::domain::sha256_hex(snapshot), pr::sign(snapshot, t.key.secret_key), snapshot};
    REQUIRE(receiver.handle(t.post(pr::kPathSubmission, pr::encode(s))).status == 200);
    r = bureau_run(scratch.args({"submissions", "--school", school}));
    CHECK(r.status == 0);
    CHECK(r.out.find(school + "\t2025\tv1\t" + s.sha256) != std::string::npos);
    CHECK(bureau_run(scratch.args({"submissions", "--school", "3601029999"})).status == 1);

    r = bureau_run(scratch.args({"report", "--json"}));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto report = nlohmann::json::parse(r.out);
    CHECK(report["year"] == 2025);
    CHECK(report["completeness"]["submitted"] == 1);
    CHECK(report["completeness"]["schools"][0]["synced"] == true);
    CHECK(report["completeness"]["schools"][0]["last_seen"].is_string());
    r = bureau_run(scratch.args({"report"}));
    CHECK(r.status == 0);
    CHECK(r.out.find("1 submitted") != std::string::npos);
}

TEST_CASE("junheng-bureau --store: with --db exit 1, not a PostgreSQL URI exit 1, a bad URI or no server exit 1 with libpq's reason") {
    TempDir dir;
    const auto db = (dir / "bureau.db").string();
    auto r = bureau_run({"--db", db, "--store", "postgresql:///junheng", "school", "list"});
    CHECK(r.status == 1);
    CHECK(r.err.find("--db and --store") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(db));   // nothing opened
    r = bureau_run({"--store", "mysql://localhost/junheng", "school", "list"});
    CHECK(r.status == 1);
    CHECK(r.err.find("PostgreSQL connection URI") != std::string::npos);
    r = bureau_run({"--store", "postgresql:///junheng?nosuchparameter=1", "school", "list"});
    CHECK(r.status == 1);
    CHECK(r.err.find("nosuchparameter") != std::string::npos);   // libpq's own words
    const auto nowhere = (dir / "no-server").string();
    r = bureau_run({"--store", "postgresql:///junheng?host=" + nowhere + "&connect_timeout=2", "school", "list"});
    CHECK(r.status == 1);
    CHECK(r.err.find("cannot connect to PostgreSQL") != std::string::npos);
    CHECK(r.err.find(nowhere) != std::string::npos);
    CHECK(bureau_run({"--store"}).status == 2);
    CHECK(bureau_run({"--store", "postgresql:///a", "--store", "postgresql:///b", "school", "list"}).status == 2);
}
