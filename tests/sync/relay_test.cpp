// The relay, county -> city (issue 9 item 4). In process: two real receivers (Receiver on a
// scratch store each) joined by the fake transport, so the forwarder's passes,
// the upstream being down, a forward sent twice, hostile relay requests and decisions coming
// back down are exercised step by step. Through the real binaries: a county and a city
// `junheng-bureau serve` on 127.0.0.1 and a school terminal (`junheng`); the school's year,
// accepted at the county, reaches the city by itself within seconds with the school's own
// signature verifying there; the city down and up again; the city's return comes back down to
// the county as the county's own signed inbox item; the city's report lists the school by county.
// Decisions are taken with the real `accept` / `return` commands.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/run.hpp"
#include "domain/audit_entry.hpp"
#include "receiver/process.hpp"
#include "receiver/scratch_store.hpp"
#include "sync/protocol/crypto.hpp"
#include "sync/protocol/relay.hpp"
#include "sync/receiver/forwarder.hpp"
#include "sync/receiver/receiver.hpp"
#include "sync/receiver/relay.hpp"
#include "sync/receiver/sqlite_store.hpp"
#include "sync/client/client.hpp"
#include "sync/transport/curl_transport.hpp"
#include "sync/transport/fake_transport.hpp"
#include "sync/transport/signed_exchange.hpp"

using namespace jh;
namespace fs = std::filesystem;
namespace pr = sync::protocol;
namespace rl = sync::protocol::relay;
using sync::receiver::Forwarder;
using sync::receiver::Receiver;
using sync::transport::FakeTransport;

namespace {

constexpr int kYear = 2025;
const std::string kSchool = "3607260101";
const std::string kCounty = "360726";

// A school's submission as a terminal would send it: a snapshot signed with its key.
struct SchoolKey {
    pr::KeyPair key = pr::generate_key_pair();
    sync::receiver::StoredSubmission submit(const std::string& school, int version, const std::string& content) {
        const std::string snapshot = "{\"school\":\"" + school + "\",\"v\":" + std::to_string(version) + ",\"x\":\"" + content + "\"}";
        return {school, kYear, version, domain::sha256_hex(snapshot), pr::sign(snapshot, key.secret_key), snapshot, ""};
    }
};

// A receiver in process on a scratch store (a SQLite file, or a PostgreSQL database in the
// `postgres` run).
struct Bureau {
    explicit Bureau(const test::ScratchDir& dir, const std::string& name)
        : scratch(dir.path(), name), owned(scratch.open()), store(*owned), receiver(store) {}
    test::ScratchStore scratch;
    std::unique_ptr<sync::receiver::ReceiverStore> owned;
    sync::receiver::ReceiverStore& store;
    Receiver receiver;
    // A school registered and enrolled here with `key` (as `school add` + the terminal's enrol).
    void enrolled_school(const std::string& code, const SchoolKey& key) {
        const auto one_time = sync::receiver::register_school(store, code, "学校" + code);
        REQUIRE(store.enrol(code, sync::receiver::enrolment_code_hash(one_time), key.key.public_key, sync::receiver::utc_now()) ==
                sync::receiver::EnrolOutcome::Enrolled);
    }
    void decide(const std::string& school, int version, std::string_view decision, const std::string& text = "",
                const std::string& by = "reviewer") {
        pr::InboxItem item;
        item.kind = std::string(pr::inbox::kDecision);
        item.school = school;
        item.year = kYear;
        item.version = version;
        item.decision = std::string(decision);
        item.text = text;
        item.by = by;
        store.add_inbox_item(item, sync::receiver::utc_now());
    }
};

const std::string kCityUrl = "http://city.test";

// A county enrolled with a city over the fake transport.
struct Pair {
    test::ScratchDir dir;
    Bureau city{dir, "city"}, county{dir, "county"};
    FakeTransport wire{[this](const pr::HttpRequest& r) { return city.receiver.handle(r); }};
    SchoolKey school;
    Pair() {
        const auto code = sync::receiver::register_member(city.store, kCounty, "安远县");
        sync::receiver::enrol_upstream(county.store, wire, kCityUrl, code);
        county.enrolled_school(kSchool, school);
    }
    sync::receiver::ForwardPass pass() { return Forwarder(county.store, wire, sync::receiver::utc_now).pass(); }
};

// A relay request signed by `key` as `member`, sent to the city in process.
pr::HttpResponse relay_post(Bureau& city, std::string_view path, const std::string& member, const std::string& json,
                            const std::string& secret_key) {
    return city.receiver.handle(sync::transport::signed_request("POST", std::string(path), rl::kHeaderMember, member, json, secret_key));
}

}  // namespace

TEST_CASE("relay codecs: round trip, and hostile input refused by name") {
    rl::Submission m{kCounty, kCounty, kSchool, "甲校", pr::generate_key_pair().public_key, kYear, 2,
                     std::string(64, 'a'), "sig", "{}", "2026-12-01T10:00:00Z", "王芳"};
    const auto back = rl::decode_submission(rl::encode(m));
    CHECK(back.school == m.school);
    CHECK(back.snapshot == m.snapshot);
    CHECK(back.accepted_by == "王芳");
    rl::Schools list{kCounty, {{kSchool, "甲校", kCounty, "active", "2026-12-01T10:00:00Z", kYear, 2, "returned", true}}};
    CHECK(rl::decode_schools(rl::encode(list)).schools == list.schools);

    CHECK_THROWS_WITH_AS(rl::decode_schools(R"({"v":1,"member":"36072","schools":[]})"), doctest::Contains("region code"), pr::DecodeError);
    CHECK_THROWS_WITH_AS(rl::decode_schools(R"({"v":1,"member":"360726","schools":[{"code":"1"}]})"), doctest::Contains("school code"),
                         pr::DecodeError);
    auto bad_review = list;
    bad_review.schools[0].review = "lost";
    CHECK_THROWS_WITH_AS(rl::decode_schools(rl::encode(bad_review)), doctest::Contains("review"), pr::DecodeError);
    CHECK_THROWS_AS(rl::decode_enrol_request(R"({"v":1,"code":"X","public_key":"not a key"})"), pr::DecodeError);
    CHECK_THROWS_AS(rl::decode_submission(R"({"v":2})"), pr::DecodeError);
}

TEST_CASE("relay in process: an accepted version is forwarded once, with the school's own signature — nothing else is") {
    Pair p;
    const auto v1 = p.school.submit(kSchool, 1, "first");
    REQUIRE(p.county.store.add_submission(v1).outcome == sync::receiver::SubmissionOutcome::Received);

    // Received but not decided: not forwarded; the school list goes up with its state.
    auto first = p.pass();
    CHECK(first.configured);
    CHECK(first.reached);
    CHECK(first.forwarded == 0);
    CHECK(first.schools_sent);
    CHECK(p.city.store.submissions(kSchool, false).empty());
    auto relayed = p.city.store.relay_schools();
    REQUIRE(relayed.size() == 1);
    CHECK(relayed[0].member == kCounty);
    CHECK(relayed[0].state.review == "submitted");
    CHECK(relayed[0].state.version == 1);

    // Returned at the county: still not forwarded.
    p.county.decide(kSchool, 1, pr::decision::kReturned, "学生数不对");
    CHECK(p.pass().forwarded == 0);
    CHECK(p.city.store.relay_schools()[0].state.review == "returned");

    // Version 2 accepted: forwarded once; the city verifies the school's signature with its key.
    const auto v2 = p.school.submit(kSchool, 2, "second");
    REQUIRE(p.county.store.add_submission(v2).outcome == sync::receiver::SubmissionOutcome::Received);
    p.county.decide(kSchool, 2, pr::decision::kAccepted);
    auto second = p.pass();
    CHECK(second.forwarded == 1);
    const auto held = p.city.store.submissions(kSchool, true);
    REQUIRE(held.size() == 1);
    CHECK(held[0].version == 2);
    CHECK(held[0].snapshot == v2.snapshot);
    CHECK(pr::verify(held[0].snapshot, held[0].signature, p.school.key.public_key));
    const auto acceptance = p.city.store.relay_acceptances();
    REQUIRE(acceptance.size() == 1);
    CHECK(acceptance[0].school_key == p.school.key.public_key);
    CHECK(acceptance[0].member == kCounty);

    // The next pass sends nothing again (and no unchanged list either).
    const auto seen = p.wire.requests_seen();
    auto third = p.pass();
    CHECK(third.forwarded == 0);
    CHECK_FALSE(third.schools_sent);
    CHECK(p.wire.requests_seen() == seen + 1);   // the decisions query only
}

TEST_CASE("relay in process: the same forward twice is stored once — a lost reply is resent and answered unchanged") {
    Pair p;
    const auto v1 = p.school.submit(kSchool, 1, "only");
    p.county.store.add_submission(v1);
    p.county.decide(kSchool, 1, pr::decision::kAccepted);

    // The reply is lost: the county does not count it as sent and sends it again next pass.
    p.wire.inject(FakeTransport::Fault::ReplyLost);
    auto lost = p.pass();
    CHECK_FALSE(lost.reached);
    CHECK(p.city.store.submissions(kSchool, false).size() == 1);
    CHECK(p.county.store.forwarded().empty());
    auto again = p.pass();
    CHECK(again.forwarded == 1);
    CHECK(p.city.store.submissions(kSchool, false).size() == 1);
    CHECK(p.city.store.relay_acceptances().size() == 1);

    // Duplicated on the wire: the city answers the second copy "unchanged", stores one.
    const auto up = *p.county.store.upstream();
    rl::Submission m{up.member, up.member, kSchool, "学校", p.school.key.public_key, kYear, 1, v1.sha256, v1.signature,
                     v1.snapshot, "2026-12-01T10:00:00Z", "reviewer"};
    for (const char* expected : {"unchanged", "unchanged"}) {
        const auto r = relay_post(p.city, rl::kPathSubmission, up.member, rl::encode(m), up.key.secret_key);
        REQUIRE(r.status == 200);
        CHECK(rl::decode_submission_reply(r.body).result == expected);
    }
    CHECK(p.city.store.submissions(kSchool, false).size() == 1);
}

TEST_CASE("relay in process: the city unreachable, then reachable: the pass reports it, keeps everything and delivers later") {
    Pair p;
    p.county.store.add_submission(p.school.submit(kSchool, 1, "x"));
    p.county.decide(kSchool, 1, pr::decision::kAccepted);
    p.wire.set_down(FakeTransport::Fault::RequestLost);
    auto down = p.pass();
    CHECK_FALSE(down.reached);
    CHECK(down.forwarded == 0);
    REQUIRE(p.county.store.upstream()->last_error.has_value());
    // A captive portal's page between them is no acknowledgement either.
    p.wire.set_down(FakeTransport::Fault::CaptivePortal);
    CHECK_FALSE(p.pass().reached);
    CHECK(p.county.store.forwarded().empty());
    p.wire.clear_down();
    auto up = p.pass();
    CHECK(up.reached);
    CHECK(up.forwarded == 1);
    CHECK_FALSE(p.county.store.upstream()->last_error.has_value());
    CHECK(p.city.store.submissions(kSchool, false).size() == 1);
}

TEST_CASE("relay in process: a decision taken at the city comes down as the county's own signed inbox item, once") {
    Pair p;
    p.county.store.add_submission(p.school.submit(kSchool, 1, "x"));
    p.county.decide(kSchool, 1, pr::decision::kAccepted);
    REQUIRE(p.pass().forwarded == 1);
    p.city.decide(kSchool, 1, pr::decision::kReturned, "请核对教室面积");
    auto down = p.pass();
    CHECK(down.decisions == 1);
    const auto county_key = p.county.store.receiver_key().public_key;
    const auto items = p.county.store.inbox(kSchool, 0, 100);
    REQUIRE(items.size() == 2);   // the county's accept, then the city's return
    CHECK(items[1].decision == "returned");
    CHECK(items[1].text == "请核对教室面积");
    CHECK(items[1].version == 1);
    CHECK(items[1].by == "reviewer" + std::string(pr::relay::kUpstreamBySuffix));   // taken above the county, and it says so
    CHECK(pr::verify_inbox_item(items[1], county_key));
    CHECK_FALSE(pr::verify_inbox_item(items[1], p.city.store.receiver_key().public_key));
    // Asked again (a lost reply, a second pass): nothing new.
    CHECK(p.pass().decisions == 0);
    CHECK(p.county.store.inbox(kSchool, 0, 100).size() == 2);
    // The county's list now says returned; the city's report counts it so.
    auto by_region = sync::receiver::relay_completeness(p.city.store, kYear);
    REQUIRE(by_region.size() == 1);
    CHECK(by_region[0]["code"] == kCounty);
    CHECK(by_region[0]["returned"] == 1);
    // A reviewer's name of the longest a text may be (341 three-byte characters): cut at a
    // character boundary so the name and the suffix stay within the bound and valid UTF-8.
    std::string long_name;
    for (int i = 0; i < 341; ++i) long_name += "审";
    p.city.decide(kSchool, 1, pr::decision::kAccepted, "", long_name);
    CHECK(p.pass().decisions == 1);
    const auto last = p.county.store.inbox(kSchool, 0, 100).back();
    CHECK(last.by.size() <= pr::kMaxTextBytes);
    CHECK(last.by == long_name.substr(0, 337 * 3) + std::string(pr::relay::kUpstreamBySuffix));
    CHECK(pr::verify_inbox_item(last, county_key));
}

TEST_CASE("relay in process: hostile or mistaken relay requests are refused and store nothing") {
    Pair p;
    const auto up = *p.county.store.upstream();
    const auto v1 = p.school.submit(kSchool, 1, "x");
    rl::Submission m{up.member, up.member, kSchool, "学校", p.school.key.public_key, kYear, 1, v1.sha256, v1.signature,
                     v1.snapshot, "2026-12-01T10:00:00Z", "reviewer"};

    // Signed by a key the city never enrolled.
    auto stranger = pr::generate_key_pair();
    CHECK(relay_post(p.city, rl::kPathSubmission, up.member, rl::encode(m), stranger.secret_key).status == 401);
    // A snapshot whose school signature does not verify (bytes altered on the way up).
    auto tampered = m;
    tampered.snapshot = v1.snapshot + " ";
    tampered.sha256 = domain::sha256_hex(tampered.snapshot);
    auto r = relay_post(p.city, rl::kPathSubmission, up.member, rl::encode(tampered), up.key.secret_key);
    CHECK(r.status == 400);
    CHECK(r.body.find("signature") != std::string::npos);
    // A body of another member than the signer.
    auto other = m;
    other.member = "360727";
    CHECK(relay_post(p.city, rl::kPathSubmission, up.member, rl::encode(other), up.key.secret_key).status == 403);
    CHECK(p.city.store.submissions(std::nullopt, false).empty());

    // Another county claiming a school the first one answers for.
    REQUIRE(relay_post(p.city, rl::kPathSubmission, up.member, rl::encode(m), up.key.secret_key).status == 200);
    const auto code2 = sync::receiver::register_member(p.city.store, "360727", "寻乌县");
    test::ScratchDir dir2;
    Bureau county2(dir2, "county2");
    sync::receiver::enrol_upstream(county2.store, p.wire, kCityUrl, code2);
    const auto up2 = *county2.store.upstream();
    CHECK(up2.member == "360727");
    auto theirs = m;
    theirs.member = theirs.county = "360727";
    r = relay_post(p.city, rl::kPathSubmission, up2.member, rl::encode(theirs), up2.key.secret_key);
    CHECK(r.status == 403);
    CHECK(r.body.find(kCounty) != std::string::npos);
    rl::Schools grab{"360727", {{kSchool, "学校", "360727", "active", "", 0, 0, "none", false}}};
    CHECK(relay_post(p.city, rl::kPathSchools, up2.member, rl::encode(grab), up2.key.secret_key).status == 403);
    CHECK(p.city.store.relay_schools().size() == 1);
    CHECK(p.city.store.relay_schools()[0].member == kCounty);
    // Its decisions query sees none of the first county's schools' decisions.
    p.city.decide(kSchool, 1, pr::decision::kReturned, "x");
    CHECK(Forwarder(county2.store, p.wire, sync::receiver::utc_now).pass().decisions == 0);

    // A used or wrong one-time code.
    test::ScratchDir dir3;
    Bureau county3(dir3, "county3");
    CHECK_THROWS_WITH_AS(sync::receiver::enrol_upstream(county3.store, p.wire, kCityUrl, code2), doctest::Contains("refused"),
                         std::runtime_error);
    CHECK_FALSE(county3.store.upstream().has_value());
}

TEST_CASE("relay in process: county -> city -> province — the province's completeness by city — its return reaches the county") {
    Pair p;
    Bureau province(p.dir, "province");
    FakeTransport to_province{[&](const pr::HttpRequest& r) { return province.receiver.handle(r); }};
    const auto city_code = sync::receiver::register_member(province.store, "360700", "赣州市");
    sync::receiver::enrol_upstream(p.city.store, to_province, "http://province.test", city_code);
    const auto city_pass = [&] { return Forwarder(p.city.store, to_province, sync::receiver::utc_now).pass(); };

    const auto v1 = p.school.submit(kSchool, 1, "x");
    p.county.store.add_submission(v1);
    p.county.decide(kSchool, 1, pr::decision::kAccepted);
    REQUIRE(p.pass().forwarded == 1);
    // The city passes the county's accepted version on, naming the county, with the school's
    // key; the province verifies the school's own signature.
    auto up = city_pass();
    CHECK(up.forwarded == 1);
    CHECK(up.schools_sent);
    const auto held = province.store.submissions(kSchool, true);
    REQUIRE(held.size() == 1);
    CHECK(pr::verify(held[0].snapshot, held[0].signature, p.school.key.public_key));
    const auto relayed = province.store.relay_schools();
    REQUIRE(relayed.size() == 1);
    CHECK(relayed[0].member == "360700");
    CHECK(relayed[0].state.county == kCounty);
    auto by_city = sync::receiver::relay_completeness(province.store, kYear);
    REQUIRE(by_city.size() == 1);
    CHECK(by_city[0]["code"] == "360700");
    CHECK(by_city[0]["schools"] == 1);
    CHECK(by_city[0]["accepted"] == 1);
    CHECK(city_pass().forwarded == 0);

    // The province returns it: the city takes it as its own item, the county from the city.
    province.decide(kSchool, 1, pr::decision::kReturned, "省里退回");
    CHECK(city_pass().decisions == 1);
    CHECK(p.pass().decisions == 1);
    bool reached = false;
    for (const auto& item : p.county.store.inbox(kSchool, 0, 100))
        if (item.decision == "returned" && item.text == "省里退回") reached = pr::verify_inbox_item(item, p.county.store.receiver_key().public_key);
    CHECK(reached);
    // Version 2, accepted at the county, goes all the way up again.
    p.county.store.add_submission(p.school.submit(kSchool, 2, "y"));
    p.county.decide(kSchool, 2, pr::decision::kAccepted);
    CHECK(p.pass().forwarded == 1);
    CHECK(city_pass().forwarded == 1);
    CHECK(province.store.submissions(kSchool, false).size() == 2);
}

// ---------------------------------------------------------------- real processes ----

namespace {

// A receiver's store: a SQLite file, or a PostgreSQL database in the `postgres` run.
test::Outcome bureau(const test::ScratchStore& store, std::vector<std::string> args) {
    auto r = test::bureau_run(store.args(args));
    return {r.status, r.out, r.err};
}

// Polls `check` every 200 ms for up to `seconds`.
template <class F> bool within(int seconds, F&& check) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < until) {
        if (check()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return check();
}

// A port the kernel hands out now and that is free again at once: a city restarted there keeps
// its address.
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

}  // namespace

TEST_CASE("relay through the real binaries: county accepts, the city has it within seconds — city down and up — its return comes down") {
    setenv("no_proxy", "127.0.0.1", 1);
    test::ScratchDir dir;
    const test::ScratchStore city_db(dir.path(), "city"), county_db(dir.path(), "county"), other_db(dir.path(), "other");
    const std::string b = "3607260102";

    // The city registers the county; the county registers its schools.
    auto added = bureau(city_db, {"county", "add", "--code", kCounty, "--name", "安远县"});
    REQUIRE_MESSAGE(added.status == 0, added.err);
    const auto relay_code = test::last_line(added.out);
    CHECK(relay_code.size() == 19);
    const auto code_a = test::last_line(bureau(county_db, {"school", "add", "--code", kSchool, "--name", "甲校"}).out);
    const auto code_b = test::last_line(bureau(county_db, {"school", "add", "--code", b, "--name", "乙校"}).out);

    const int city_port = free_port();
    const std::string city_url = "http://127.0.0.1:" + std::to_string(city_port);
    auto city = std::make_unique<test::ServeProcess>(city_db.args(), "127.0.0.1:" + std::to_string(city_port));
    auto enrolled = bureau(county_db, {"upstream", "--server", city_url, "--code", relay_code});
    REQUIRE_MESSAGE(enrolled.status == 0, enrolled.err);
    CHECK(enrolled.out.find(kCounty) != std::string::npos);
    // The code is used up.
    CHECK(bureau(other_db, {"upstream", "--server", city_url, "--code", relay_code}).status == 1);

    test::ServeProcess county(county_db.args());
    const std::string county_url = "http://127.0.0.1:" + std::to_string(county.port());

    // The schools: demo data, enrolled, synced and submitted to the county.
    for (auto [db, code, one_time] : {std::tuple{"a.db", kSchool, code_a}, std::tuple{"b.db", b, code_b}}) {
        REQUIRE(test::junheng(dir, {"--db", (dir / db).string(), "demo", "--code", code, "--year", std::to_string(kYear)}).status == 0);
        auto e = test::junheng(dir, {"--db", (dir / db).string(), "enroll", "--server", county_url, "--code", one_time});
        REQUIRE_MESSAGE(e.status == 0, e.err);
    }
    auto submitted = test::junheng(dir, {"--db", (dir / "a.db").string(), "submit", "--year", std::to_string(kYear)});
    REQUIRE_MESSAGE(submitted.status == 0, submitted.err);

    // The county accepts with its CLI (another process than `serve`: the forwarder notices
    // within seconds).
    auto accepted = bureau(county_db, {"accept", "--school", kSchool, "--year", std::to_string(kYear), "--by", "reviewer"});
    REQUIRE_MESSAGE(accepted.status == 0, accepted.err);
    const auto city_owned = city_db.open();
    auto& city_store = *city_owned;
    CHECK(within(15, [&] { return city_store.submissions(kSchool, false).size() == 1; }));
    const auto held = city_store.submissions(kSchool, true);
    REQUIRE(held.size() == 1);
    const auto school_key = county_db.open()->terminal_keys(kSchool).at(0);
    CHECK(pr::verify(held[0].snapshot, held[0].signature, school_key));
    // The school list with both schools' states came too.
    CHECK(within(10, [&] { return city_store.relay_schools().size() == 2; }));

    // The city goes down; school B submits and is accepted meanwhile; the city comes back at
    // the same address and gets it without any command at the county.
    city->stop();
    city.reset();
    REQUIRE(test::junheng(dir, {"--db", (dir / "b.db").string(), "submit", "--year", std::to_string(kYear)}).status == 0);
    REQUIRE(bureau(county_db, {"accept", "--school", b, "--year", std::to_string(kYear), "--by", "reviewer"}).status == 0);
    CHECK(within(10, [&] { return bureau(county_db, {"upstream"}).out.find("last error none") == std::string::npos; }));
    city = std::make_unique<test::ServeProcess>(city_db.args(), "127.0.0.1:" + std::to_string(city_port));
    CHECK(within(40, [&] { return city_store.submissions(b, false).size() == 1; }));

    // The city's report lists both schools, by county.
    auto report = bureau(city_db, {"report", "--year", std::to_string(kYear), "--json"});
    REQUIRE_MESSAGE(report.status == 0, report.err);
    const auto doc = nlohmann::json::parse(report.out);
    CHECK(doc["completeness"]["submitted"] == 2);
    REQUIRE(doc["completeness"]["by_region"].size() == 1);
    CHECK(doc["completeness"]["by_region"][0]["code"] == kCounty);
    CHECK(doc["completeness"]["by_region"][0]["accepted"] == 2);
    CHECK(doc["excluded"].empty());
    CHECK(bureau(city_db, {"county", "list"}).out.find("2 schools") != std::string::npos);
    // Each school as its county reported it: enrolled and synced there, last seen in county time,
    // relayed by the county — not "never synced" at a city that never talks to schools.
    CHECK(doc["completeness"]["never_synced"].empty());
    REQUIRE(doc["completeness"]["schools"].size() == 2);
    for (const auto& row : doc["completeness"]["schools"]) {
        CHECK(row["enrolled"] == true);
        CHECK(row["synced"] == true);
        CHECK(row["last_seen"].is_string());
        CHECK(row["relayed_by"] == kCounty);
        CHECK(row["county"] == kCounty);
    }
    const auto listed = bureau(city_db, {"school", "list"}).out;
    CHECK(listed.find("relayed by " + std::string(kCounty)) != std::string::npos);
    CHECK(listed.find("not-enrolled") == std::string::npos);

    // The city returns school A's year with its CLI: it comes down to the county as the
    // county's own item, and the county's submissions list shows it returned.
    auto returned_at_city = bureau(city_db, {"return", "--school", kSchool, "--year", std::to_string(kYear), "--comment",
                                             "市里退回：请核对教师数", "--by", "city-reviewer"});
    REQUIRE_MESSAGE(returned_at_city.status == 0, returned_at_city.err);
    const auto county_owned = county_db.open();
    auto& county_store = *county_owned;
    CHECK(within(15, [&] {
        for (const auto& i : county_store.inbox(kSchool, 0, 100))
            if (i.decision == "returned" && i.text == "市里退回：请核对教师数") return pr::verify_inbox_item(i, county_store.receiver_key().public_key);
        return false;
    }));
    // What the school's terminal gets on its next sync: GET /v1/inbox signed with its own key,
    // the reply and the item verifying with the county key it pinned at enrolment.
    const auto school_credential = sync::client::load_key(dir / "a.db");
    REQUIRE(school_credential.has_value());
    auto transport = sync::transport::make_curl_transport();
    const auto inbox = sync::transport::verified_exchange(
        *transport, county_url,
        sync::transport::signed_request("GET", std::string(pr::kPathInbox) + "?" + std::string(pr::kQueryAfter) + "=0",
                                        pr::kHeaderSchool, kSchool, "", school_credential->secret_key),
        county_store.receiver_key().public_key);
    REQUIRE_MESSAGE(inbox.verified, inbox.error);
    REQUIRE(inbox.response.status == 200);
    bool returned = false;
    for (const auto& item : pr::decode_inbox_reply(inbox.response.body).items)
        if (item.decision == "returned" && item.text == "市里退回：请核对教师数") {
            returned = pr::verify_inbox_item(item, county_store.receiver_key().public_key);
            CHECK(item.by == "city-reviewer (upstream)");
        }
    CHECK(returned);
    CHECK(bureau(county_db, {"submissions", "--school", kSchool}).out.find("returned") != std::string::npos);
    // And the school's own `junheng sync` applies it: the year is unlocked, the comment shown.
    auto synced = test::junheng(dir, {"--db", (dir / "a.db").string(), "sync"});
    REQUIRE_MESSAGE(synced.status == 0, synced.err);
    const auto status = test::junheng(dir, {"--db", (dir / "a.db").string(), "status"});
    CHECK(status.out.find("v1: returned") != std::string::npos);
    CHECK(status.out.find("comment: 市里退回：请核对教师数") != std::string::npos);

    CHECK(city->stop() == 0);
    CHECK(county.stop() == 0);
}
