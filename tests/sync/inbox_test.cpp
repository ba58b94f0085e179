// The review cycle on the terminal (sync/client/inbox.hpp): decisions made at the real receiver
// (bureau_under_test.hpp, items added with the receiver store's own add_inbox_item) reach the
// terminal on its next sync over the fault-injecting FakeTransport — a returned year unlocks and
// resubmits as version 2, an accepted one stays locked, one about an older version is ignored
// and said so — while faults (unreachable, busy, a reply not signed by the receiver) change
// nothing until a later sync; a forged item, another school's item and a replay change nothing.
// Then the whole cycle through the real binaries (`junheng-bureau serve` and `return`,
// `junheng sync`, `junheng status` text and --json).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "bureau_under_test.hpp"
#include "cli/run.hpp"
#include "receiver/process.hpp"
#include "store/store_fixture.hpp"
#include "sync/client/client.hpp"
#include "sync/client/inbox.hpp"
#include "sync/transport/fake_transport.hpp"

using namespace jh;
using sync::client::Outcome;
using sync::transport::FakeTransport;
using Fault = FakeTransport::Fault;
namespace fs = std::filesystem;
namespace pr = jh::sync::protocol;

namespace {

const std::string kUrl = "http://bureau.test";
constexpr const char* kNow = "2026-12-01T09:00:00Z";

struct Terminal {
    explicit Terminal(test::BureauUnderTest& r, const fs::path& db_path)
        : receiver(r), db(db_path), store(open(db_path)),
          net([this](const pr::HttpRequest& q) { return receiver.handle(q); }), client(store, net) {}

    static store::Store open(const fs::path& path) { return test::open_sample_store(path); }
    std::string school() const { return store.school()->code; }
    void edit() { test::edit_one_field(store); }   // one audit entry
    // Enrolled, synced, the year submitted as version 1 and delivered.
    void submitted() {
        const auto code = receiver.add_school(school(), "青山九年一贯制学校");
        REQUIRE(client.enrol(kUrl, code).outcome == Outcome::Delivered);
        REQUIRE(client.freeze(test::kYear) == 1);
        REQUIRE(client.submit().outcome == Outcome::Delivered);
    }
    // A sync that asks for the inbox whenever it was last asked (as `junheng sync` does).
    sync::client::Report fetch() { return client.sync(false, sync::client::InboxFetch::Always); }
    domain::YearStatus year_status() const { return store.years().front().status; }
    sync::client::ReviewInfo review() {
        auto reviews = client.status(false).reviews;
        REQUIRE(reviews.size() == 1);
        return reviews.front();
    }

    test::BureauUnderTest& receiver;
    fs::path db;
    store::Store store;
    FakeTransport net;
    sync::client::Client client;
};

pr::InboxItem decision(const std::string& school, std::string_view what, int version, const std::string& text = "") {
    pr::InboxItem item;
    item.kind = pr::inbox::kDecision;
    item.school = school;
    item.year = test::kYear;
    item.version = version;
    item.decision = what;
    item.text = text;
    item.by = "李审核";
    return item;
}

bool has_note(const sync::client::Report& r, const std::string& en_part) {
    for (const auto& n : r.inbox.notes)
        if (n.en.find(en_part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("a returned year unlocks on the next sync, resubmits as version 2, and an accepted one stays locked") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    t.submitted();
    CHECK(t.year_status() == domain::YearStatus::Submitted);
    CHECK(t.review().state == "submitted");
    CHECK(t.review().delivered);

    receiver.store().add_inbox_item(decision(t.school(), pr::decision::kReturned, 1, "小学班额超过45人，请核对"), kNow);
    auto got = t.fetch();
    CHECK(got.outcome == Outcome::Delivered);
    CHECK(got.inbox.applied == 1);
    CHECK(got.inbox_error.empty());
    CHECK(has_note(got, "returned"));
    CHECK(has_note(got, "小学班额超过45人，请核对"));
    CHECK(t.year_status() == domain::YearStatus::Draft);
    auto review = t.review();
    CHECK(review.state == "returned");
    CHECK(review.text == "小学班额超过45人，请核对");
    CHECK(review.by == "李审核");
    CHECK(review.at == kNow);

    // Nothing new: the next sync asks after the cursor and applies nothing again.
    auto quiet = t.fetch();
    CHECK(quiet.inbox.applied == 0);
    CHECK(quiet.inbox.notes.empty());
    CHECK(t.year_status() == domain::YearStatus::Draft);

    // The school fixes and resubmits: version 2, awaiting review, delivered.
    t.edit();
    CHECK(t.client.freeze(test::kYear) == 2);
    CHECK(t.client.submit().outcome == Outcome::Delivered);
    CHECK(receiver.submissions(t.school()).count({test::kYear, 2}) == 1);
    CHECK(t.review().state == "submitted");
    CHECK(t.review().version == 2);

    receiver.store().add_inbox_item(decision(t.school(), pr::decision::kAccepted, 2), kNow);
    auto accepted = t.fetch();
    CHECK(accepted.inbox.applied == 1);
    CHECK(has_note(accepted, "accepted"));
    CHECK(t.year_status() == domain::YearStatus::Submitted);
    CHECK(t.review().state == "accepted");
}

TEST_CASE("a decision about an older version than the one since frozen is ignored and said so") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    t.submitted();
    receiver.store().add_inbox_item(decision(t.school(), pr::decision::kReturned, 1, "请补充设备"), kNow);
    REQUIRE(t.fetch().inbox.applied == 1);
    t.edit();
    REQUIRE(t.client.freeze(test::kYear) == 2);   // frozen, not yet sent
    // Meanwhile the bureau decides again about version 1.
    receiver.store().add_inbox_item(decision(t.school(), pr::decision::kReturned, 1, "还有一处"), kNow);
    const auto tip = t.store.audit_tip();
    auto r = t.client.submit();
    CHECK(r.outcome == Outcome::Delivered);
    CHECK(r.inbox.applied == 0);
    CHECK(r.inbox.ignored == 1);
    CHECK(has_note(r, "ignored"));
    CHECK(has_note(r, "since submitted version 2"));
    CHECK(t.year_status() == domain::YearStatus::Submitted);   // version 2 stays locked
    CHECK(t.store.audit_tip() == tip);
    CHECK(t.review().state == "submitted");
    CHECK(t.store.inbox_items().back().outcome == "older_version");
}

TEST_CASE("inbox faults: unreachable, busy, a reply not signed by the receiver change nothing — the next sync applies") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    t.submitted();
    receiver.store().add_inbox_item(decision(t.school(), pr::decision::kReturned, 1, "请核对"), kNow);
    const auto before = test::dump_except_sync_state(t.db);

    auto check_nothing_changed = [&](const sync::client::Report& r) {
        CHECK_FALSE(r.inbox_error.empty());
        CHECK(r.inbox.applied == 0);
        CHECK(t.year_status() == domain::YearStatus::Submitted);
        CHECK(test::dump_except_sync_state(t.db) == before);
    };
    t.net.inject(Fault::RequestLost);   // nothing pending: the inbox request is the run's only one
    check_nothing_changed(t.fetch());
    t.net.inject(Fault::ReplyLost);
    check_nothing_changed(t.fetch());
    t.net.inject(Fault::CaptivePortal);
    check_nothing_changed(t.fetch());
    receiver.busy = true;
    check_nothing_changed(t.fetch());
    receiver.busy = false;
    receiver.impostor = true;
    check_nothing_changed(t.fetch());
    receiver.impostor = false;

    // A duplicated request is answered twice; the item is applied once.
    t.net.inject(Fault::Duplicated);
    auto r = t.fetch();
    CHECK(r.inbox_error.empty());
    CHECK(r.inbox.applied == 1);
    CHECK(t.year_status() == domain::YearStatus::Draft);
    CHECK(t.store.inbox_items().size() == 1);
}

TEST_CASE("a forged item, another school's item and a replay are refused or ignored: nothing changes") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    t.submitted();
    const auto genuine = receiver.store().add_inbox_item(decision(t.school(), pr::decision::kReturned, 1, "请核对"), kNow);
    const auto before = test::dump(t.db);

    // Forged: signed by another key; a genuine item with its comment changed; no signature.
    auto forged = decision(t.school(), pr::decision::kReturned, 1, "全部删除");
    forged.seq = genuine.seq + 1;
    forged.at = kNow;
    pr::sign_inbox_item(forged, pr::generate_key_pair().secret_key);
    auto altered = genuine;
    altered.text = "请删除全部教师";
    auto unsigned_item = genuine;
    unsigned_item.signature.clear();
    // Another school's decision, genuinely signed.
    receiver.add_school("3101019999", "乙校");
    const auto other = receiver.store().add_inbox_item(decision("3101019999", pr::decision::kReturned, 1, "x"), kNow);

    auto refused = sync::client::apply_inbox(t.store, {forged, altered, unsigned_item, other});
    CHECK(refused.refused == 4);
    CHECK(refused.applied == 0);
    REQUIRE_FALSE(refused.notes.empty());
    CHECK(refused.notes.back().en.find("refused") != std::string::npos);
    CHECK(test::dump(t.db) == before);

    // Over the wire: a reply (signed by the receiver) carrying an altered item is refused the same way.
    const auto receiver_secret = receiver.store().receiver_key().secret_key;
    t.net.set_handler([&](const pr::HttpRequest& q) {
        auto reply = receiver.handle(q);
        if (q.target.rfind(std::string(pr::kPathInbox), 0) != 0 || reply.status != 200) return reply;
        auto inbox = pr::decode_inbox_reply(reply.body);
        for (auto& item : inbox.items) item.text = "被篡改";
        reply.body = pr::encode(inbox);
        const auto sig = pr::header_value(q.headers, pr::kHeaderSignature).value_or("-");
        reply.headers[std::string(pr::kHeaderReplySignature)] =
            pr::sign(pr::reply_signed_text(reply.status, sig, reply.body), receiver_secret);
        return reply;
    });
    auto tampered = t.fetch();
    CHECK(tampered.inbox.refused == 1);
    CHECK(tampered.inbox.applied == 0);
    CHECK(t.year_status() == domain::YearStatus::Submitted);
    CHECK(t.store.inbox_items().empty());
    t.net.set_handler([&](const pr::HttpRequest& q) { return receiver.handle(q); });

    // The genuine item applies once; its replay (by file or by a repeated reply) changes nothing.
    auto applied = sync::client::apply_inbox(t.store, {genuine});
    CHECK(applied.applied == 1);
    const auto after = test::dump(t.db);
    auto replay = sync::client::apply_inbox(t.store, {genuine, genuine});
    CHECK(replay.applied == 0);
    CHECK(replay.ignored == 2);
    CHECK(replay.notes.empty());
    CHECK(test::dump(t.db) == after);
    CHECK(t.fetch().inbox.applied == 0);
    CHECK(t.store.inbox_items().size() == 1);
}

TEST_CASE("a long inbox is fetched page after page while the receiver says more") {
    test::TempDir dir;
    test::BureauUnderTest receiver;
    Terminal t(receiver, dir / "school.db");
    t.submitted();
    pr::InboxItem pack;   // one pack item for every school, among the decisions
    pack.kind = pr::inbox::kPack;
    pack.pack_id = "county-3607";
    pack.pack_text = "{}";
    pack.pack_sha256 = domain::sha256_hex(pack.pack_text);
    pack.by = "admin";
    receiver.store().add_inbox_item(pack, kNow);
    for (std::size_t i = 0; i < pr::kMaxInboxItems + 4; ++i)
        receiver.store().add_inbox_item(decision(t.school(), pr::decision::kAccepted, 1), kNow);
    const auto last = receiver.store().add_inbox_item(decision(t.school(), pr::decision::kAccepted, 1), kNow);
    const auto sent = t.net.requests_seen();
    auto r = t.fetch();
    CHECK(r.inbox_error.empty());
    CHECK(r.inbox.applied + r.inbox.ignored == static_cast<int>(pr::kMaxInboxItems) + 6);
    CHECK(r.inbox.applied >= static_cast<int>(pr::kMaxInboxItems) + 5);   // the decisions (the pack as the pack code takes it)
    CHECK(t.store.inbox_items().size() == pr::kMaxInboxItems + 6);
    CHECK(t.net.requests_seen() == sent + 2);   // two pages
    CHECK(t.store.inbox_cursor(t.store.sync_state().receiver_key) == last.seq);
    CHECK(t.review().state == "accepted");
}

TEST_CASE("through the real binaries: a returned year is said by junheng sync and junheng status, text and json") {
    setenv("no_proxy", "127.0.0.1", 1);
    test::ScratchDir dir;
    const std::string code = "3607260101";
    const auto db = (dir / "school.db").string();
    auto junheng = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db});
        return test::junheng(dir, args);
    };
    auto bureau = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", (dir / "bureau.db").string()});
        return test::bureau_run(args);
    };
    REQUIRE(junheng({"demo", "--code", code, "--year", std::to_string(test::kYear)}).status == 0);
    auto added = bureau({"school", "add", "--code", code, "--name", "甲校"});
    REQUIRE_MESSAGE(added.status == 0, added.err);
    // The one-time code is stdout's last line.
    std::string one_time = added.out.substr(0, added.out.find_last_not_of('\n') + 1);
    one_time = one_time.substr(one_time.find_last_of('\n') + 1);
    test::ServeProcess serve((dir / "bureau.db").string());
    const std::string url = "http://127.0.0.1:" + std::to_string(serve.port());
    REQUIRE(junheng({"enroll", "--server", url, "--code", one_time}).status == 0);
    auto submitted = junheng({"submit", "--year", std::to_string(test::kYear)});
    REQUIRE_MESSAGE(submitted.status == 0, submitted.err);
    auto before = junheng({"status"});
    CHECK(before.out.find("review 2025–2026 v1: submitted, awaiting the bureau's review") != std::string::npos);

    // The bureau returns it while its receiver serves (another process on the same store).
    auto returned = bureau({"return", "--school", code, "--year", std::to_string(test::kYear), "--comment",
                            "教师学历数据有误，请核对", "--by", "李审核"});
    REQUIRE_MESSAGE(returned.status == 0, returned.err);
    auto synced = junheng({"sync"});
    CHECK_MESSAGE(synced.status == 0, synced.err);
    CHECK(synced.out.find("the bureau returned school year 2025–2026 (version 1)") != std::string::npos);
    CHECK(synced.out.find("教师学历数据有误，请核对") != std::string::npos);

    auto text = junheng({"status"});
    CHECK(text.out.find("review 2025–2026 v1: returned by 李审核") != std::string::npos);
    CHECK(text.out.find("  comment: 教师学历数据有误，请核对") != std::string::npos);
    auto json = nlohmann::json::parse(junheng({"status", "--json"}).out);
    REQUIRE(json["reviews"].size() == 1);
    CHECK(json["reviews"][0]["year"] == test::kYear);
    CHECK(json["reviews"][0]["version"] == 1);
    CHECK(json["reviews"][0]["state"] == "returned");
    CHECK(json["reviews"][0]["text"] == "教师学历数据有误，请核对");
    CHECK(json["reviews"][0]["by"] == "李审核");
    CHECK_FALSE(json["reviews"][0]["at"].get<std::string>().empty());

    // Resubmitted: version 2, awaiting review; the older decision no longer shown.
    auto again = junheng({"submit", "--year", std::to_string(test::kYear)});
    CHECK_MESSAGE(again.status == 0, again.err);
    CHECK(again.out.find("submission version 2") != std::string::npos);
    json = nlohmann::json::parse(junheng({"status", "--json"}).out);
    CHECK(json["reviews"][0]["version"] == 2);
    CHECK(json["reviews"][0]["state"] == "submitted");
    CHECK(json["reviews"][0]["text"] == "");
    CHECK(serve.stop() == 0);
}
