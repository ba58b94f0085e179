// Rule packs from the bureau, end to end in one process: `pack publish`'s function puts a pack
// in force at a real receiver, the terminal fetches it with GET /v1/inbox, verifies the
// receiver's signature with the pinned key and keeps it (client::apply_pack_item), and
// computes with it. A broken newer pack (signed by the receiver all the same: a receiver of
// another program version) leaves the kept one in force; a pack item whose signature does not
// verify is refused before it reaches apply_pack_item.
#include <doctest/doctest.h>

#include "domain/audit_entry.hpp"
#include "domain/demo.hpp"
#include "indicators/school.hpp"
#include "ops/packs.hpp"
#include "store/store.hpp"
#include "sync/client/packs.hpp"
#include "sync/receiver/fixture.hpp"
#include "sync/receiver/packs.hpp"

using namespace jh::test;

namespace {

const std::string kSchool = "3601020001";

std::string county_pack(const std::string& id, int class_max) {
    return R"({"id": ")" + id + R"(", "inherits": "national",
  "name": {"zh": "某县义务教育优质均衡实施方案", "en": "a county's plan"},
  "source": {"document": "某县教育局〔2026〕1号", "version": "2026"},
  "items": {"G5": {"max": {"primary": )" + std::to_string(class_max) + R"(, "junior": 50}}}})";
}

// What the terminal's inbox does with each item: the signature first, with the key it pinned.
std::vector<jh::domain::Message> receive(Bureau& bureau, const Terminal& t, jh::store::Store& store, const std::string& pinned,
                                         std::int64_t after, int& refused) {
    const auto reply = bureau.handle(t.get(std::string(pr::kPathInbox) + "?after=" + std::to_string(after)));
    REQUIRE_MESSAGE(reply.status == 200, reply.body);
    std::vector<jh::domain::Message> notes;
    for (const auto& item : pr::decode_inbox_reply(reply.body).items) {
        if (!pr::verify_inbox_item(item, pinned)) {
            ++refused;
            continue;
        }
        notes.push_back(jh::sync::client::apply_pack_item(store, item));
    }
    return notes;
}

struct School {
    TempDir dir;
    jh::store::Store store = jh::store::Store::open(dir / "school.db");
    School() { store.import(jh::domain::make_demo_school(kSchool, 2025)); }
};

}  // namespace

TEST_CASE("packs: a pack published at the receiver is verified, kept and computed with at the terminal") {
    Bureau bureau;
    Terminal t{kSchool};
    bureau.enrol(t);
    const auto pinned = bureau.store->receiver_key().public_key;
    School school;

    const auto item = rc::publish_pack(*bureau.store, "county.json", county_pack("county_2026", 40), "王局", "2026-12-01T09:00:00Z");
    CHECK(item.seq >= 1);
    CHECK(item.school.empty());   // for every school
    int refused = 0;
    const auto notes = receive(bureau, t, school.store, pinned, 0, refused);
    CHECK(refused == 0);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].en.find("now computing with the bureau's rule pack county_2026") != std::string::npos);

    const auto packs = jh::ops::terminal_packs(school.store);
    CHECK(packs.selected == "county_2026");
    REQUIRE(packs.bureau);
    CHECK(packs.bureau->source == "王局");
    CHECK(packs.bureau->published_at == "2026-12-01T09:00:00Z");
    const auto result = jh::indicators::evaluate(school.store.load(2025), packs.pick(std::nullopt));
    CHECK(result.pack_id == "county_2026");

    // The same item again (a replayed page, or the USB reply file after the sync): nothing changes.
    CHECK(jh::sync::client::apply_pack_item(school.store, item).en.find("nothing changed") != std::string::npos);
    CHECK(school.store.received_packs().size() == 1);
    // The receiver's report computes with it too.
    CHECK(rc::receiver_packs(*bureau.store).selected == "county_2026");
}

TEST_CASE("packs: a broken newer pack never replaces the one kept, and says so") {
    Bureau bureau;
    Terminal t{kSchool};
    bureau.enrol(t);
    const auto pinned = bureau.store->receiver_key().public_key;
    School school;
    rc::publish_pack(*bureau.store, "county.json", county_pack("county_2026", 40), "王局", "2026-12-01T09:00:00Z");
    int refused = 0;
    receive(bureau, t, school.store, pinned, 0, refused);

    // `pack publish` refuses it: nothing is stored.
    const std::string broken = R"({"id": "county_2027", "inherits": "shanghai_2030", "name": {"zh": "新", "en": "new"},
      "source": {"document": "x", "version": "2027"}})";
    CHECK_THROWS_WITH_AS(rc::publish_pack(*bureau.store, "new.json", broken, "王局", "2026-12-02T09:00:00Z"),
                         doctest::Contains("shanghai_2030"), jh::domain::Rejected);
    CHECK(rc::published_packs(*bureau.store).size() == 1);
    // A receiver of another program version (whose built-in packs include its parent) sent it anyway.
    pr::InboxItem item;
    item.kind = pr::inbox::kPack;
    item.pack_id = "county_2027";
    item.pack_text = broken;
    item.pack_sha256 = jh::domain::sha256_hex(broken);
    item.by = "王局";
    bureau.store->add_inbox_item(item, "2026-12-02T09:00:00Z");

    const auto notes = receive(bureau, t, school.store, pinned, 1, refused);
    CHECK(refused == 0);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].en.find("the bureau's rule pack county_2027 (#2) was refused") != std::string::npos);
    CHECK(notes[0].en.find("inherits unknown pack 'shanghai_2030'") != std::string::npos);
    CHECK(notes[0].en.find("the pack in force stays county_2026") != std::string::npos);
    const auto packs = jh::ops::terminal_packs(school.store);
    CHECK(packs.selected == "county_2026");
    CHECK(packs.bureau->id == "county_2026");
    CHECK(school.store.received_packs().size() == 1);
}

TEST_CASE("packs: a pack item with a bad signature is refused and changes nothing") {
    Bureau bureau;
    Terminal t{kSchool};
    bureau.enrol(t);
    const auto pinned = bureau.store->receiver_key().public_key;
    School school;
    auto item = rc::publish_pack(*bureau.store, "county.json", county_pack("county_2026", 40), "王局", "2026-12-01T09:00:00Z");
    REQUIRE(pr::verify_inbox_item(item, pinned));

    auto tampered = item;   // the pack's figures changed on the way (a USB file edited)
    tampered.pack_text = county_pack("county_2026", 60);
    tampered.pack_sha256 = jh::domain::sha256_hex(tampered.pack_text);
    CHECK_FALSE(pr::verify_inbox_item(tampered, pinned));
    auto forged = item;     // signed by another key than the one pinned at enrolment
    const auto impostor = pr::generate_key_pair();
    pr::sign_inbox_item(forged, impostor.secret_key);
    CHECK_FALSE(pr::verify_inbox_item(forged, pinned));
    CHECK(pr::verify_inbox_item(forged, impostor.public_key));

    int refused = 0;
    // The receiver's own page verifies; the terminal pinned another key (an impostor's reply): refused.
    const auto notes = receive(bureau, t, school.store, impostor.public_key, 0, refused);
    CHECK(refused == 1);
    CHECK(notes.empty());
    CHECK(school.store.received_packs().empty());
    CHECK(jh::ops::terminal_packs(school.store).selected == "national");
}
