// The downlink on the receiver: inbox items numbered and signed as stored, served by
// GET /v1/inbox?after=SEQ to the school they concern (and packs to every school), in pages of
// kMaxInboxItems; the item codec refuses what does not fit; a changed byte breaks the signature.
#include <doctest/doctest.h>

#include "domain/audit_entry.hpp"
#include "sync/receiver/fixture.hpp"

using namespace jh::test;

namespace {

const std::string kA = "3601020001";
const std::string kB = "3601020002";

pr::InboxItem decision_for(const std::string& school, std::string_view word, const std::string& text = "") {
    pr::InboxItem m;
    m.kind = pr::inbox::kDecision;
    m.school = school;
    m.year = 2025;
    m.version = 1;
    m.decision = word;
    m.text = text;
    m.by = "王审核";
    return m;
}

pr::InboxItem pack_item(const std::string& text) {
    pr::InboxItem m;
    m.kind = pr::inbox::kPack;
    m.pack_id = "county-3601";
    m.pack_text = text;
    m.pack_sha256 = jh::domain::sha256_hex(text);
    m.by = "admin";
    return m;
}

pr::InboxReply inbox_of(Bureau& bureau, const Terminal& t, std::int64_t after) {
    const auto reply = bureau.handle(t.get(std::string(pr::kPathInbox) + "?after=" + std::to_string(after)));
    REQUIRE_MESSAGE(reply.status == 200, reply.body);
    return pr::decode_inbox_reply(reply.body);
}

}  // namespace

TEST_CASE("inbox: items are numbered, signed by the receiver key, and served to their school only") {
    Bureau bureau;
    Terminal a{kA}, b{kB};
    bureau.enrol(a);
    bureau.enrol(b);
    const auto key = bureau.store->receiver_key().public_key;

    const auto first = bureau.store->add_inbox_item(decision_for(kA, pr::decision::kReturned, "请核对班额"), "2026-12-01T08:00:00Z");
    const auto pack = bureau.store->add_inbox_item(pack_item("{\"id\":\"county-3601\"}"), "2026-12-01T08:01:00Z");
    const auto second = bureau.store->add_inbox_item(decision_for(kB, pr::decision::kAccepted), "2026-12-01T08:02:00Z");
    CHECK(first.seq < pack.seq);
    CHECK(pack.seq < second.seq);
    CHECK(first.at == "2026-12-01T08:00:00Z");
    CHECK(pr::verify_inbox_item(first, key));
    CHECK(pr::verify_inbox_item(pack, key));
    CHECK(pack.school.empty());

    const auto for_a = inbox_of(bureau, a, 0);
    REQUIRE(for_a.items.size() == 2);   // its decision and the pack, not b's decision
    CHECK(for_a.items[0] == first);
    CHECK(for_a.items[1] == pack);
    CHECK_FALSE(for_a.more);
    CHECK(inbox_of(bureau, a, pack.seq).items.empty());
    const auto for_b = inbox_of(bureau, b, first.seq);
    REQUIRE(for_b.items.size() == 2);
    CHECK(for_b.items[1].decision == "accepted");
    for (const auto& item : for_b.items) CHECK(pr::verify_inbox_item(item, key));

    CHECK(bureau.store->decisions(kA).size() == 1);
    CHECK(bureau.store->decisions(std::nullopt).size() == 2);

    SUBCASE("a changed byte, another key: the signature fails") {
        auto changed = first;
        changed.text = "请核对班额。";
        CHECK_FALSE(pr::verify_inbox_item(changed, key));
        changed = first;
        changed.version = 2;
        CHECK_FALSE(pr::verify_inbox_item(changed, key));
        CHECK_FALSE(pr::verify_inbox_item(first, pr::generate_key_pair().public_key));
    }
    SUBCASE("a bad query is refused") {
        for (const auto* q : {"", "?after=", "?after=-1", "?after=x", "?after=12345678901234567"}) {
            const auto reply = bureau.handle(a.get(std::string(pr::kPathInbox) + q));
            CHECK(reply.status == 400);
            CHECK(problem_of(reply) == "malformed");
        }
    }
    SUBCASE("an unsigned request is refused") {
        pr::HttpRequest r;
        r.method = "GET";
        r.target = std::string(pr::kPathInbox) + "?after=0";
        r.headers.emplace(std::string(pr::kHeaderSchool), kA);
        CHECK(bureau.handle(r).status == 401);
    }
}

TEST_CASE("inbox: more than one page is served in pages, 'more' saying so") {
    Bureau bureau;
    Terminal a{kA};
    bureau.enrol(a);
    for (std::size_t i = 0; i < pr::kMaxInboxItems + 5; ++i)
        bureau.store->add_inbox_item(decision_for(kA, pr::decision::kReturned, "第" + std::to_string(i) + "条"), "2026-12-01T08:00:00Z");
    const auto page = inbox_of(bureau, a, 0);
    CHECK(page.items.size() == pr::kMaxInboxItems);
    CHECK(page.more);
    const auto rest = inbox_of(bureau, a, page.items.back().seq);
    CHECK(rest.items.size() == 5);
    CHECK_FALSE(rest.more);
}

TEST_CASE("inbox codec: round trip, and hostile items refused") {
    auto item = decision_for(kA, pr::decision::kReopened, "重新核对");
    item.seq = 7;
    item.at = "2026-12-01T08:00:00Z";
    const auto key = pr::generate_key_pair();
    pr::sign_inbox_item(item, key.secret_key);
    CHECK(pr::decode_inbox_item(pr::encode(item)) == item);
    auto pack = pack_item("{}");
    pack.seq = 8;
    pr::sign_inbox_item(pack, key.secret_key);
    pr::InboxReply reply{{item, pack}, false, "2026-12-01T08:00:00Z"};
    CHECK(pr::decode_inbox_reply(pr::encode(reply)).items == reply.items);

    const auto refused = [](const std::string& json) { CHECK_THROWS_AS(pr::decode_inbox_item(json), pr::DecodeError); };
    const auto text = pr::encode(item);
    auto with = [&](const std::string& from, const std::string& to) {
        auto t = text;
        const auto at = t.find(from);
        REQUIRE(at != std::string::npos);
        return t.replace(at, from.size(), to);
    };
    refused(with("\"reopened\"", "\"approved\""));
    refused(with("\"kind\":\"decision\"", "\"kind\":\"memo\""));
    refused(with("\"school\":\"3601020001\"", "\"school\":\"36010\""));
    refused(with("\"seq\":7", "\"seq\":0"));
    refused(with("\"seq\":7", "\"seq\":\"7\""));
    refused(text.substr(0, text.size() / 2));
    refused(with("\"text\":\"重新核对\"", "\"text\":\"" + std::string(pr::kMaxCommentBytes + 1, 'x') + "\""));
    auto bad_pack = pack;
    bad_pack.pack_text = "{ }";   // its sha256 no longer matches
    CHECK_THROWS_AS(pr::decode_inbox_item(pr::encode(bad_pack)), pr::DecodeError);
    // Out-of-order seqs in a reply are refused.
    pr::InboxReply backwards{{pack, item}, false, "t"};
    CHECK_THROWS_AS(pr::decode_inbox_reply(pr::encode(backwards)), pr::DecodeError);
}
