// Sync by USB stick (docs/sync-protocol.md "Files") against the real receiver on a scratch
// store: enrolment by file, the first upload file enrolling the terminal, an upload file
// imported twice, an older one after a newer one, truncated, tampered and another school's
// files, and the reply file (acknowledgements, submissions, enrolment confirmed) refused when
// older, of another school or signed by another key — each refusal storing nothing.
#include <doctest/doctest.h>

#include <fstream>

#include "bureau_under_test.hpp"
#include "store/store_fixture.hpp"
#include "sync/client/client.hpp"
#include "sync/client/files.hpp"
#include "ops/file_io.hpp"
#include "sync/protocol/files.hpp"
#include "sync/transport/fake_transport.hpp"
#include "sync/receiver/files.hpp"

using namespace jh;
using sync::client::Outcome;
using Kind = sync::receiver::ImportOutcome::Kind;
namespace fs = std::filesystem;
namespace pr = sync::protocol;

namespace {

std::string slurp(const fs::path& p) { return jh::ops::read_file(p); }
void spill(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

// One school terminal enrolled by file with the bureau under test, and the bureau's importer.
struct ByFile {
    ByFile(test::TempDir& d, test::BureauUnderTest& b) : dir(d.path()), bureau(b), receiver(b.store()), db(d / "school.db"), store(open(db)) {}

    static store::Store open(const fs::path& path) { return test::open_sample_store(path); }
    std::string school() const { return store.school()->code; }
    void edit() { test::edit_one_field(store); }   // one audit entry
    void enrol() {
        const auto code = bureau.add_school(school(), "青山九年一贯制学校");
        spill(dir / "enrol.jhe", sync::receiver::make_enrol_file(bureau.store(), school(), code));
        auto r = sync::client::enrol_from_file(store, (dir / "enrol.jhe").string());
        REQUIRE_MESSAGE(r.outcome == Outcome::Delivered, r.message.en);
    }
    // junheng sync --to-file: the file's bytes.
    std::string upload(const std::string& name) {
        auto w = sync::client::write_upload_file(store, (dir / name).string());
        REQUIRE_MESSAGE(w.report.outcome == Outcome::Delivered, w.report.message.en);
        return slurp(dir / name);
    }
    sync::receiver::ImportOutcome import(const std::string& bytes) {
        return sync::receiver::import_upload_file(bureau.store(), receiver, bytes);
    }
    // junheng-bureau export-for, then junheng sync --from-file.
    sync::client::Report reply(const std::string& name) {
        spill(dir / name, sync::receiver::make_reply_file(bureau.store(), school()).bytes);
        return sync::client::apply_reply_file(store, (dir / name).string());
    }
    bool enrolled_at_bureau() { return bureau.store().keys(school()).active.has_value(); }

    fs::path dir;
    test::BureauUnderTest& bureau;
    sync::receiver::Receiver receiver;
    fs::path db;
    store::Store store;
};

}  // namespace

TEST_CASE("files: the first upload file enrols the terminal — the reply file confirms it and acknowledges every change") {
    test::TempDir dir;
    test::BureauUnderTest bureau;
    ByFile t(dir, bureau);
    t.enrol();
    CHECK(t.store.sync_state().receiver_key == bureau.public_key());
    CHECK(t.store.sync_state().receiver_url.empty());
    CHECK_FALSE(t.store.file_sync_state().enrol_code.empty());

    const auto first = t.upload("1.jhu");
    CHECK_FALSE(t.enrolled_at_bureau());   // writing a file changes nothing at the bureau
    const auto applied = t.import(first);
    REQUIRE_MESSAGE(applied.kind == Kind::Applied, applied.message);
    CHECK(applied.enrolled);
    CHECK(t.enrolled_at_bureau());
    const auto [seq, hash] = t.store.audit_tip();
    CHECK(bureau.live_tip(t.school()) == pr::Link{seq, hash});
    CHECK(bureau.live_stream(t.school()) == t.store.sync_state().stream);

    auto r = t.reply("1.jhr");
    REQUIRE_MESSAGE(r.outcome == Outcome::Delivered, r.message.en);
    CHECK(r.entries_delivered == seq);
    CHECK(t.store.sync_state().acked_seq == seq);
    CHECK(t.store.file_sync_state().enrol_code.empty());   // confirmed: the next file carries no enrolment

    // One edit: the next file carries one entry, no enrolment, and applies.
    t.edit();
    const auto second = t.upload("2.jhu");
    CHECK(pr::read_upload_file(second).requests.size() == 1);
    const auto again = t.import(second);
    REQUIRE_MESSAGE(again.kind == Kind::Applied, again.message);
    CHECK_FALSE(again.enrolled);
    CHECK(bureau.live_tip(t.school()).seq == seq + 1);

    // A network sync is refused by name: this terminal has no URL.
    sync::transport::FakeTransport never([](const pr::HttpRequest&) -> pr::HttpResponse { FAIL("no network"); return {}; });
    sync::client::Client client(t.store, never);
    auto sync = client.sync();
    CHECK(sync.outcome == Outcome::Fatal);
    CHECK(sync.problem == "by_file");
}

TEST_CASE("files: an upload file imported twice is applied once — an older one after a newer one is refused") {
    test::TempDir dir;
    test::BureauUnderTest bureau;
    ByFile t(dir, bureau);
    t.enrol();
    const auto one = t.upload("1.jhu");
    t.edit();
    const auto two = t.upload("2.jhu");
    CHECK(pr::read_upload_file(two).number == 2);

    REQUIRE(t.import(two).kind == Kind::Applied);
    const auto tip = bureau.live_tip(t.school());
    const auto twice = t.import(two);
    CHECK(twice.kind == Kind::AlreadyApplied);
    CHECK(twice.message.find("already applied") != std::string::npos);
    const auto older = t.import(one);
    CHECK(older.kind == Kind::Refused);
    CHECK(older.message.find("out of order") != std::string::npos);
    CHECK(bureau.live_tip(t.school()) == tip);
}

TEST_CASE("files: truncated, tampered and another school's upload files are refused and store nothing") {
    test::TempDir dir;
    test::BureauUnderTest bureau;
    ByFile t(dir, bureau);
    t.enrol();
    const auto file = t.upload("1.jhu");

    for (std::size_t keep : {std::size_t{0}, std::size_t{5}, std::size_t{40}, file.size() / 2, file.size() - 1}) {
        const auto r = t.import(file.substr(0, keep));
        CHECK(r.kind == Kind::Refused);
        if (keep > 40) CHECK_MESSAGE(r.message.find("truncated") != std::string::npos, r.message);
    }
    auto tampered = file;
    tampered[tampered.size() - 20] ^= 1;
    const auto r = t.import(tampered);
    CHECK(r.kind == Kind::Refused);
    CHECK(r.message.find("signature") != std::string::npos);
    CHECK(r.message.find("nothing was stored") != std::string::npos);
    CHECK(t.import(file + "x").kind == Kind::Refused);
    CHECK(t.import("not a junheng file at all").kind == Kind::Refused);

    // A school this bureau never registered.
    auto other = pr::read_upload_file(file);
    other.school = "1199999999";
    auto key = sync::client::load_key(t.db);
    const auto other_school = t.import(pr::write_upload_file(other, key->secret_key));
    CHECK(other_school.kind == Kind::Refused);
    CHECK(other_school.message.find("not registered") != std::string::npos);

    // This school's file signed by a key that is not its terminal's (and enrols nothing).
    auto forged = pr::read_upload_file(file);
    const auto stranger = pr::generate_key_pair();
    forged.terminal_key = stranger.public_key;
    forged.requests.erase(forged.requests.begin());   // drop the enrolment: its key is the terminal's
    const auto f = t.import(pr::write_upload_file(forged, stranger.secret_key));
    CHECK(f.kind == Kind::Refused);

    // Every refusal left the bureau as it was: nothing enrolled, no stream, no file recorded.
    CHECK_FALSE(t.enrolled_at_bureau());
    CHECK(bureau.live_stream(t.school()).empty());
    CHECK(t.import(file).kind == Kind::Applied);
}

TEST_CASE("files: a wrong enrolment code in the first file is refused with nothing stored") {
    test::TempDir dir;
    test::BureauUnderTest bureau;
    ByFile t(dir, bureau);
    t.enrol();
    const auto file = t.upload("1.jhu");
    bureau.add_school(t.school(), "");   // `school replace`: the code in the file is withdrawn
    const auto r = t.import(file);
    CHECK(r.kind == Kind::Refused);
    CHECK(r.message.find("enrolment") != std::string::npos);
    CHECK_FALSE(t.enrolled_at_bureau());
    CHECK(bureau.live_stream(t.school()).empty());
}

TEST_CASE("files: a submission travels by file and the reply marks it delivered") {
    test::TempDir dir;
    test::BureauUnderTest bureau;
    ByFile t(dir, bureau);
    t.enrol();
    REQUIRE(sync::client::freeze_year(t.store, test::kYear) == 1);
    const auto applied = t.import(t.upload("1.jhu"));
    REQUIRE_MESSAGE(applied.kind == Kind::Applied, applied.message);
    CHECK(applied.submissions == 1);
    CHECK(bureau.submissions(t.school()).at({test::kYear, 1}) == t.store.submissions().at(0).sha256);
    CHECK(t.store.submissions().at(0).received_at.empty());
    auto r = t.reply("1.jhr");
    CHECK(r.submissions_delivered == 1);
    CHECK_FALSE(t.store.submissions().at(0).received_at.empty());
    // Nothing pending: the next file holds no request.
    CHECK(pr::read_upload_file(t.upload("2.jhu")).requests.empty());
}

TEST_CASE("files: a reply file older, of another school, signed by another key or truncated is refused — the same one twice is harmless") {
    test::TempDir dir;
    test::BureauUnderTest bureau;
    ByFile t(dir, bureau);
    t.enrol();
    REQUIRE(t.import(t.upload("1.jhu")).kind == Kind::Applied);
    spill(dir / "r1.jhr", sync::receiver::make_reply_file(bureau.store(), t.school()).bytes);
    spill(dir / "r2.jhr", sync::receiver::make_reply_file(bureau.store(), t.school()).bytes);

    REQUIRE(sync::client::apply_reply_file(t.store, (dir / "r2.jhr").string()).outcome == Outcome::Delivered);
    const auto before = t.store.sync_state();
    auto twice = sync::client::apply_reply_file(t.store, (dir / "r2.jhr").string());
    CHECK(twice.outcome == Outcome::Delivered);
    CHECK(twice.message.en.find("already applied") != std::string::npos);
    auto older = sync::client::apply_reply_file(t.store, (dir / "r1.jhr").string());
    CHECK(older.outcome == Outcome::Fatal);
    CHECK(older.message.en.find("older") != std::string::npos);

    bureau.add_school("3607260199", "别校");
    spill(dir / "other.jhr", sync::receiver::make_reply_file(bureau.store(), "3607260199").bytes);
    auto other = sync::client::apply_reply_file(t.store, (dir / "other.jhr").string());
    CHECK(other.outcome == Outcome::Fatal);
    CHECK(other.problem == "wrong_school");

    // A reply file "from" another receiver: its signature does not verify with the pinned key.
    auto forged = pr::read_reply_file(slurp(dir / "r2.jhr"), bureau.public_key());
    forged.number = 99;
    spill(dir / "forged.jhr", pr::write_reply_file(forged, pr::generate_key_pair().secret_key));
    auto bad = sync::client::apply_reply_file(t.store, (dir / "forged.jhr").string());
    CHECK(bad.outcome == Outcome::Fatal);
    CHECK(bad.message.en.find("signature") != std::string::npos);

    const auto whole = sync::receiver::make_reply_file(bureau.store(), t.school()).bytes;
    spill(dir / "cut.jhr", whole.substr(0, whole.size() - 10));
    auto cut = sync::client::apply_reply_file(t.store, (dir / "cut.jhr").string());
    CHECK(cut.outcome == Outcome::Fatal);
    CHECK(cut.message.en.find("truncated") != std::string::npos);

    const auto after = t.store.sync_state();
    CHECK(after.acked_seq == before.acked_seq);
    CHECK(after.last_reply_at == before.last_reply_at);
    CHECK(t.store.file_sync_state().reply_number == 2);

    // A folder: the newest reply file of this school in it.
    fs::create_directories(dir / "stick");
    spill(dir / "stick" / pr::reply_file_name(t.school(), 3), whole);
    fs::copy_file(dir / "r1.jhr", dir / "stick" / pr::reply_file_name(t.school(), 1));
    auto from_folder = sync::client::apply_reply_file(t.store, (dir / "stick").string());
    CHECK_MESSAGE(from_folder.outcome == Outcome::Delivered, from_folder.message.en);
    CHECK(t.store.file_sync_state().reply_number == 3);
}

TEST_CASE("files: an enrolment file of another school, truncated or re-signed is refused and pins nothing") {
    test::TempDir dir;
    test::BureauUnderTest bureau;
    ByFile t(dir, bureau);
    const auto code = bureau.add_school("3607260199", "别校");
    const auto other = sync::receiver::make_enrol_file(bureau.store(), "3607260199", code);
    spill(dir / "other.jhe", other);
    auto r = sync::client::enrol_from_file(t.store, (dir / "other.jhe").string());
    CHECK(r.outcome == Outcome::Fatal);
    CHECK(r.problem == "wrong_school");
    spill(dir / "cut.jhe", other.substr(0, other.size() - 3));
    CHECK(sync::client::enrol_from_file(t.store, (dir / "cut.jhe").string()).message.en.find("truncated") != std::string::npos);
    auto changed = other;
    changed[changed.find("别校")] = 'X';
    spill(dir / "changed.jhe", changed);
    CHECK(sync::client::enrol_from_file(t.store, (dir / "changed.jhe").string()).outcome == Outcome::Fatal);
    CHECK(t.store.sync_state().receiver_key.empty());
}

TEST_CASE("files: the readers refuse hostile containers by name") {
    const auto key = pr::generate_key_pair();
    auto kind_of = [&](const std::string& bytes) {
        try {
            pr::read_upload_file(bytes);
        } catch (const pr::FileError& e) {
            return e.kind;
        }
        FAIL("accepted: " << bytes.substr(0, 60));
        return pr::FileError::Kind::Malformed;
    };
    using K = pr::FileError::Kind;
    CHECK(kind_of("JUNHENG-UPLOAD 1 999999999999\nsig\n") == K::Malformed);   // length beyond the cap
    CHECK(kind_of("JUNHENG-UPLOAD 2 10\nsig\n0123456789") == K::Version);
    CHECK(kind_of("JUNHENG-REPLY 1 10\nsig\n0123456789") == K::Malformed);    // another kind
    CHECK(kind_of("JUNHENG-UPL") == K::Truncated);
    CHECK(kind_of(std::string(100, '[')) == K::Malformed);
    // A signed file whose records lie about their lengths.
    pr::UploadFile f{"3607260101", key.public_key, 1, "", {{"POST", "/v1/batch", "sig", "body"}}};
    auto good = pr::write_upload_file(f, key.secret_key);
    CHECK(pr::read_upload_file(good).requests.at(0).body == "body");
    f.requests[0].target = "/v1/batch x";   // a space in the target breaks the record line
    CHECK(kind_of(pr::write_upload_file(f, key.secret_key)) == K::Malformed);
}

TEST_CASE("files: the reply file carries the school's inbox items, each verified with the pinned key") {
    test::TempDir dir;
    test::BureauUnderTest bureau;
    ByFile t(dir, bureau);
    t.enrol();
    REQUIRE(t.import(t.upload("1.jhu")).kind == Kind::Applied);
    auto decision = [&](const std::string& school, const std::string& text) {
        pr::InboxItem d;
        d.kind = std::string(pr::inbox::kDecision);
        d.school = school;
        d.year = test::kYear;
        d.version = 1;
        d.decision = std::string(pr::decision::kReturned);
        d.text = text;
        d.by = "reviewer";
        return bureau.store().add_inbox_item(d, "2026-12-01T10:00:00Z");
    };
    decision(t.school(), "请核对班级人数");
    bureau.add_school("3607260199", "别校");
    decision("3607260199", "not for this school");

    const auto made = sync::receiver::make_reply_file(bureau.store(), t.school());
    CHECK(made.items == 1);
    const auto read = pr::read_reply_file(made.bytes, bureau.public_key());
    REQUIRE(read.inbox.size() == 1);
    CHECK(read.inbox[0].text == "请核对班级人数");
    CHECK(pr::verify_inbox_item(read.inbox[0], bureau.public_key()));

    // An item signed by another key, in a file the receiver signed: refused as tampered.
    auto forged = read;
    pr::sign_inbox_item(forged.inbox[0], pr::generate_key_pair().secret_key);
    const auto bytes = pr::write_reply_file(forged, bureau.store().receiver_key().secret_key);
    CHECK_THROWS_AS(pr::read_reply_file(bytes, bureau.public_key()), pr::FileError);
    spill(dir / "forged.jhr", bytes);
    const auto r = sync::client::apply_reply_file(t.store, (dir / "forged.jhr").string());
    CHECK(r.outcome == Outcome::Fatal);
    CHECK(t.store.file_sync_state().reply_number == 0);
}

TEST_CASE("files: a restore keeps the terminal's file numbers and pending enrolment, like its enrolment") {
    test::TempDir dir;
    test::BureauUnderTest bureau;
    {
        ByFile t(dir, bureau);
        t.enrol();
        t.store.backup(dir / "backup.db");   // taken before any file was written
        t.upload("1.jhu");
        t.upload("2.jhu");
    }
    store::Store::restore(dir / "backup.db", dir / "school.db");
    auto restored = store::Store::open(dir / "school.db");
    CHECK(restored.file_sync_state().upload_number == 2);   // the next file is 3: the bureau never sees 1 again
    CHECK_FALSE(restored.file_sync_state().enrol_code.empty());
    CHECK(restored.sync_state().receiver_key == bureau.public_key());
}
