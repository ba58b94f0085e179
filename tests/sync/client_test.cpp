// The sync client over the fault-injecting FakeTransport against the real bureau receiver
// (Receiver::handle on a scratch SQLite store, bureau_under_test.hpp): enrolment, delivery in batches, one round trip per
// edit, and every fault of the matrix — request lost, reply lost, duplicated, held back and
// reordered, receiver busy or restarted with a loss, captive portal, a reply signed by another
// key, restore, re-created database, fork, revocation — ending with the receiver holding
// exactly the terminal's chain.
#include <doctest/doctest.h>

#include <memory>

#include "bureau_under_test.hpp"
#include "store/store_fixture.hpp"
#include "sync/client/client.hpp"
#include "sync/transport/fake_transport.hpp"

using namespace jh;
using sync::client::Outcome;
using sync::transport::FakeTransport;
using Fault = FakeTransport::Fault;
namespace fs = std::filesystem;

namespace {

const std::string kUrl = "http://bureau.test";

// One school terminal: its database, its network and its client, talking to `receiver`.
struct Terminal {
    explicit Terminal(test::BureauUnderTest& r, const fs::path& db_path)
        : receiver(r), db(db_path), store(open(db_path)),
          net([this](const sync::protocol::HttpRequest& q) { return receiver.handle(q); }), client(store, net) {}

    static store::Store open(const fs::path& path) { return test::open_sample_store(path); }
    std::string school() const { return store.school()->code; }
    void edit() { test::edit_one_field(store); }   // one audit entry
    void enrol() {
        const auto code = receiver.add_school(school(), "青山九年一贯制学校");
        auto report = client.enrol(kUrl, code);
        REQUIRE(report.outcome == Outcome::Delivered);
    }
    // The receiver holds exactly the local chain on the current stream.
    void check_converged() {
        const auto [seq, hash] = store.audit_tip();
        CHECK(receiver.live_stream(school()) == store.sync_state().stream);
        CHECK(receiver.live_tip(school()) == sync::protocol::Link{seq, hash});
        CHECK(store.sync_state().acked_seq == seq);
        CHECK(client.status(false).pending == 0);
    }

    test::BureauUnderTest& receiver;
    fs::path db;
    store::Store store;
    FakeTransport net;
    sync::client::Client client;
};

}  // namespace

TEST_CASE("enrolment pins the receiver key, and a used code, a wrong code and a captive portal pin nothing") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    const auto code = receiver.add_school(t.school(), "青山");

    t.net.inject(Fault::CaptivePortal);
    auto portal = t.client.enrol(kUrl, code);
    CHECK(portal.outcome == Outcome::Unreachable);
    CHECK_FALSE(t.store.sync_state().enrolled());

    auto wrong = t.client.enrol(kUrl, "CODE-999");
    CHECK(wrong.outcome == Outcome::Fatal);
    CHECK(wrong.problem == "enrolment_code");
    CHECK_FALSE(wrong.message.zh.empty());
    CHECK_FALSE(t.store.sync_state().enrolled());

    auto ok = t.client.enrol(kUrl + "/", code);
    CHECK(ok.outcome == Outcome::Delivered);
    CHECK(ok.unencrypted);
    CHECK(t.store.sync_state().receiver_url == kUrl);
    CHECK(t.store.sync_state().receiver_key == receiver.public_key());
    CHECK(fs::exists(sync::client::key_path(t.db)));
    CHECK((fs::status(sync::client::key_path(t.db)).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));

    auto again = t.client.enrol(kUrl, code);   // a used code
    CHECK(again.outcome == Outcome::Fatal);
    CHECK(again.problem == "enrolment_code");

    CHECK(t.client.enrol("ftp://x", code).problem == "local");
}

TEST_CASE("sync delivers every pending entry, then one edit is one round trip") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    t.enrol();
    CHECK(t.client.status(false).pending > 0);
    auto first = t.client.sync();
    CHECK(first.outcome == Outcome::Delivered);
    CHECK(first.entries_delivered == t.store.audit_tip().first);
    t.check_converged();

    const auto before = t.net.requests_seen();
    CHECK(t.client.sync().outcome == Outcome::Delivered);   // nothing pending: nothing sent
    CHECK(t.net.requests_seen() == before);

    t.edit();
    auto one = t.client.sync();
    CHECK(one.outcome == Outcome::Delivered);
    CHECK(one.entries_delivered == 1);
    CHECK(t.net.requests_seen() == before + 1);               // the batch; no tip query
    t.check_converged();
    const auto status = t.client.status(true);
    REQUIRE(status.remote);
    CHECK(status.remote->tip.seq == t.store.audit_tip().first);
}

TEST_CASE("a long outbox goes in batches of at most kMaxEntriesPerBatch") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    auto building = t.store.load(test::kYear).buildings.at(0);
    t.store.transaction([&] {
        for (int i = 0; i < 2100; ++i) {
            building.area += 1;
            t.store.update(building);
        }
    });
    t.enrol();
    auto report = t.client.sync();
    CHECK(report.outcome == Outcome::Delivered);
    CHECK(report.batches == 2);
    for (const auto& request : t.net.log())
        if (request.target == sync::protocol::kPathBatch) {
            auto batch = sync::protocol::decode_batch(*sync::protocol::decompress(request.body, 1u << 30));
            CHECK(batch.entries.size() <= sync::protocol::kMaxEntriesPerBatch);
        }
    t.check_converged();
}

TEST_CASE("fault matrix: lost requests and replies, duplicates, held and reordered requests converge") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    t.enrol();
    REQUIRE(t.client.sync().outcome == Outcome::Delivered);

    SUBCASE("request lost") {
        t.edit();
        t.net.inject(Fault::RequestLost);
        auto lost = t.client.sync();
        CHECK(lost.outcome == Outcome::Unreachable);
        CHECK(lost.pending == 1);
        CHECK_FALSE(t.store.sync_state().last_error.empty());
        CHECK(t.client.sync().outcome == Outcome::Delivered);
        CHECK(t.store.sync_state().last_error.empty());
    }
    SUBCASE("reply lost: the retry is answered unchanged") {
        t.edit();
        t.net.inject(Fault::ReplyLost);
        CHECK(t.client.sync().outcome == Outcome::Unreachable);
        CHECK(t.client.status(false).pending == 1);         // not acknowledged, though applied
        CHECK(t.client.sync().outcome == Outcome::Delivered);
        CHECK(receiver.unchanged_batches == 1);
    }
    SUBCASE("duplicated") {
        t.edit();
        t.net.inject(Fault::Duplicated);
        CHECK(t.client.sync().outcome == Outcome::Delivered);
        CHECK(receiver.unchanged_batches == 1);
    }
    SUBCASE("held back, then delivered after later batches (reordered)") {
        t.edit();
        t.net.inject(Fault::Held);
        CHECK(t.client.sync().outcome == Outcome::Unreachable);
        t.edit();                                            // an edit while the batch is in flight
        CHECK(t.client.sync().outcome == Outcome::Delivered);
        CHECK(t.net.release_held() == std::vector<int>{200});   // the late copy: unchanged, a success
        CHECK(receiver.unchanged_batches == 1);
        t.edit();
        CHECK(t.client.sync().outcome == Outcome::Delivered);
    }
    SUBCASE("receiver busy") {
        t.edit();
        receiver.busy = true;
        auto busy = t.client.sync();
        CHECK(busy.outcome == Outcome::Unreachable);
        CHECK(busy.problem == "busy");
        receiver.busy = false;
        CHECK(t.client.sync().outcome == Outcome::Delivered);
    }
    SUBCASE("receiver restored from a backup, having lost acknowledged entries: healed from its tip (412 gap)") {
        receiver.backup();
        t.edit();
        t.edit();
        REQUIRE(t.client.sync().outcome == Outcome::Delivered);
        t.net.on_restart([&] { receiver.restore_backup(); });
        t.net.inject(Fault::Restarted);
        t.edit();
        auto healed = t.client.sync();
        CHECK(healed.outcome == Outcome::Delivered);
        CHECK(healed.batches == 1);
        CHECK_FALSE(healed.new_stream);
    }
    SUBCASE("captive portal and a reply signed by another key never count") {
        t.edit();
        t.net.inject(Fault::CaptivePortal);
        auto portal = t.client.sync();
        CHECK(portal.outcome == Outcome::Unreachable);
        CHECK(portal.problem == "unreachable");
        CHECK(t.client.status(false).pending == 1);
        receiver.impostor = true;   // an impostor answering 200 with its own key
        CHECK(t.client.sync().outcome == Outcome::Unreachable);
        CHECK(t.client.status(false).pending == 1);
        receiver.impostor = false;
        CHECK(t.client.sync().outcome == Outcome::Delivered);
    }
    t.check_converged();
}

TEST_CASE("restore after a sync starts a new stream with the whole log, nothing lost or duplicated") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    t.enrol();
    t.store.backup(dir / "backup.db");
    t.edit();
    t.edit();
    REQUIRE(t.client.sync().outcome == Outcome::Delivered);
    const auto old_stream = t.store.sync_state().stream;

    // Close, restore, reopen: the restored file keeps the enrolment, gets a new stream.
    t.store = store::Store::open(dir / "other.db");
    store::Store::restore(dir / "backup.db", t.db);
    t.store = store::Store::open(t.db);
    t.edit();
    CHECK(t.store.sync_state().stream != old_stream);
    CHECK(t.store.sync_state().enrolled());
    auto report = t.client.sync();
    CHECK(report.outcome == Outcome::Delivered);
    CHECK(report.entries_delivered == t.store.audit_tip().first);
    t.check_converged();
}

TEST_CASE("a re-created database enrols again and replaces the school's copy") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    {
        Terminal t(receiver, dir / "school.db");
        t.enrol();
        REQUIRE(t.client.sync().outcome == Outcome::Delivered);
    }
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(dir / ("school.db" + std::string(suffix)));
    Terminal t(receiver, dir / "school.db");
    t.edit();
    t.enrol();   // a new code (school replace at the bureau)
    CHECK(t.client.sync().outcome == Outcome::Delivered);
    t.check_converged();
}

TEST_CASE("a fork (same stream, other content) is resolved by a new stream") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    t.enrol();
    t.store.backup(dir / "backup.db");
    t.edit();
    REQUIRE(t.client.sync().outcome == Outcome::Delivered);
    const auto stream = t.store.sync_state().stream;
    // A copy of an older file put back by hand (not `junheng restore`): same stream id, and
    // after one edit other content at a seq the receiver holds.
    t.store = store::Store::open(dir / "other.db");
    fs::copy_file(dir / "backup.db", t.db, fs::copy_options::overwrite_existing);
    fs::remove(fs::path(t.db.string() + "-wal"));
    fs::remove(fs::path(t.db.string() + "-shm"));
    test::raw_exec(t.db, "UPDATE sync_state SET stream = '" + stream + "', receiver_url = '" + kUrl +
                             "', receiver_key = '" + receiver.public_key() +
                             "', acked_seq = (SELECT max(seq) FROM audit), acked_hash = (SELECT hash FROM audit ORDER BY "
                             "seq DESC LIMIT 1)");
    t.store = store::Store::open(t.db);
    auto building = t.store.load(test::kYear).buildings.at(0);
    building.area += 7;
    t.store.update(building);
    auto report = t.client.sync();
    CHECK(report.outcome == Outcome::Delivered);
    CHECK(report.new_stream);
    CHECK(t.store.sync_state().stream != stream);
    t.check_converged();
}

TEST_CASE("a revoked terminal stops with a clear message") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    t.enrol();
    receiver.revoke(t.school());
    auto report = t.client.sync();
    CHECK(report.outcome == Outcome::Fatal);
    CHECK(report.problem == "revoked");
    CHECK(report.message.zh.find("停用") != std::string::npos);
    CHECK(t.store.sync_state().last_error.find("revoked") != std::string::npos);
}

TEST_CASE("submit freezes the year, delivers the changes then the submission, and unreachable keeps it pending") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    t.enrol();
    CHECK(t.client.freeze(test::kYear) == 1);
    const auto frozen = t.store.submissions().at(0);
    CHECK(sync::protocol::verify(frozen.snapshot, frozen.signature, sync::client::load_key(t.db)->public_key));

    t.net.set_down(Fault::RequestLost);
    auto offline = t.client.submit();
    CHECK(offline.outcome == Outcome::Unreachable);
    CHECK(offline.submissions_pending == 1);
    CHECK(t.store.years().at(0).status == domain::YearStatus::Submitted);   // still locked
    t.net.clear_down();

    auto report = t.client.submit();
    CHECK(report.outcome == Outcome::Delivered);
    CHECK(report.submissions_delivered == 1);
    CHECK(report.submissions_pending == 0);
    CHECK(receiver.submissions(t.school()).at({test::kYear, 1}) == frozen.sha256);
    CHECK_FALSE(t.store.submissions().at(0).received_at.empty());
    t.check_converged();
    // A submitted year cannot be frozen again.
    CHECK_THROWS_AS(t.client.freeze(test::kYear), domain::Rejected);
}

TEST_CASE("sync without enrolment is fatal and says so") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    auto report = t.client.sync();
    CHECK(report.outcome == Outcome::Fatal);
    CHECK(report.problem == "not_enrolled");
    CHECK(t.net.requests_seen() == 0);
}

TEST_CASE("a damaged or mismatched key file is refused with a message, never replaced") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    t.enrol();
    const auto other = sync::protocol::generate_key_pair();
    const auto mine = *sync::client::load_key(t.db);
    test::write_file(sync::client::key_path(t.db), mine.public_key + "\n" + other.secret_key + "\n");
    CHECK_THROWS_AS(t.client.sync(), domain::Rejected);
    test::write_file(sync::client::key_path(t.db), "garbage");
    try {
        sync::client::load_or_create_key(t.db);
        FAIL("a damaged key file was accepted");
    } catch (const domain::Rejected& e) {
        CHECK(e.message().zh.find("密钥") != std::string::npos);
    }
    std::ifstream in(sync::client::key_path(t.db), std::ios::binary);
    CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "garbage");
}
