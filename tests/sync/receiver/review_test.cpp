// The review cycle at the receiver: the one state rule (review_of, decision_refusal), the
// record-by-record difference of two snapshots, staff accounts (Argon2id, --password-stdin's
// rules, the identity check, --by and roles), deadlines, decisions taken through the store
// (atomic with their preconditions, signed as inbox items) and the county report's
// completeness by county.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <sstream>
#include <thread>

#include "domain/audit_entry.hpp"
#include "domain/demo.hpp"
#include "exchange/snapshot.hpp"
#include "sync/receiver/fixture.hpp"
#include "sync/receiver/report.hpp"
#include "sync/receiver/review.hpp"
#include "sync/receiver/snapshot_diff.hpp"
#include "sync/receiver/staff.hpp"

using namespace jh::test;
using namespace jh::sync::receiver;

namespace {

const std::string kA = "3601020001", kB = "3601020002";

StoredSubmission version(const std::string& school, int year, int v, const std::string& at = "2026-09-01T08:00:00Z") {
    return {school, year, v, "hash" + std::to_string(v), "sig", "", at};
}
Decision decided(std::int64_t seq, int v, std::string_view word, const std::string& text = "", const std::string& school = kA,
                 int year = 2025) {
    return {seq, school, year, v, std::string(word), text, "王科长", "2026-09-02T08:00:00Z"};
}

std::string password_of(const std::string& input) {
    std::istringstream in(input);
    return password_from_stream(in);
}

}  // namespace

TEST_CASE("review_of: the state of a school year from its versions and decisions") {
    std::vector<StoredSubmission> versions;
    std::vector<Decision> decisions;
    CHECK(review_of(kA, 2025, versions, decisions).state == review_state::kNotSubmitted);
    CHECK_FALSE(review_of(kA, 2025, versions, decisions).submitted());

    versions.push_back(version(kA, 2025, 1, "2026-09-01T08:00:00Z"));
    versions.push_back(version(kB, 2025, 1));          // another school's
    versions.push_back(version(kA, 2024, 3));          // another year's
    auto r = review_of(kA, 2025, versions, decisions);
    CHECK(r.state == review_state::kReceived);
    CHECK(r.latest == 1);
    CHECK(r.awaiting_review());
    CHECK(r.first_received_at() == "2026-09-01T08:00:00Z");

    decisions.push_back(decided(1, 1, pr::decision::kReturned, "pupils of class 2 missing"));
    decisions.push_back(decided(0, 1, pr::decision::kAccepted));   // taken before: order is by seq, not by listing
    r = review_of(kA, 2025, versions, decisions);
    CHECK(r.state == review_state::kReturned);
    CHECK(r.awaiting_resubmission());
    REQUIRE(r.latest_decision());
    CHECK(r.latest_decision()->text == "pupils of class 2 missing");
    decisions.pop_back();

    versions.push_back(version(kA, 2025, 2, "2026-09-05T08:00:00Z"));
    r = review_of(kA, 2025, versions, decisions);
    CHECK(r.state == review_state::kResubmitted);
    CHECK(r.versions[0].state == review_state::kReturned);
    CHECK(r.awaiting_review());
    CHECK(r.first_received_at() == "2026-09-01T08:00:00Z");

    decisions.push_back(decided(2, 2, pr::decision::kAccepted));
    CHECK(review_of(kA, 2025, versions, decisions).state == review_state::kAccepted);
    decisions.push_back(decided(3, 2, pr::decision::kReopened, "funds figure wrong"));
    r = review_of(kA, 2025, versions, decisions);
    CHECK(r.state == review_state::kReopened);
    CHECK(r.versions[1].decisions.size() == 2);
    versions.push_back(version(kA, 2025, 3));
    versions.push_back(version(kA, 2025, 4));           // sent before anyone looked at 3
    r = review_of(kA, 2025, versions, decisions);
    CHECK(r.versions[2].state == review_state::kSuperseded);
    CHECK(r.state == review_state::kResubmitted);       // still after the reopening
    CHECK(r.latest == 4);

    // A decision on a version never received, one of another school and one of another year
    // change nothing.
    decisions.push_back(decided(9, 7, pr::decision::kAccepted));
    decisions.push_back(decided(10, 1, pr::decision::kAccepted, "", kB));
    decisions.push_back(decided(11, 4, pr::decision::kAccepted, "", kA, 2024));
    CHECK(review_of(kA, 2025, versions, decisions).state == review_state::kResubmitted);
    CHECK(review_of(kB, 2025, versions, decisions).state == review_state::kAccepted);
    // A first version superseded before review is "received", not "resubmitted".
    std::vector<StoredSubmission> two{version(kB, 2025, 1), version(kB, 2025, 2)};
    CHECK(review_of(kB, 2025, two, {}).state == review_state::kReceived);
    CHECK(review_of(kB, 2025, two, {}).versions[0].state == review_state::kSuperseded);
}

TEST_CASE("decision_refusal: only the latest version, once per arrival — reopen only an accepted year") {
    std::vector<StoredSubmission> versions{version(kA, 2025, 1), version(kA, 2025, 2)};
    std::vector<Decision> decisions;
    auto r = review_of(kA, 2025, versions, decisions);
    CHECK_FALSE(decision_refusal(r, pr::decision::kReturned, 2));
    CHECK_FALSE(decision_refusal(r, pr::decision::kAccepted, 2));
    CHECK(decision_refusal(r, pr::decision::kAccepted, 1).value() == "version 1 is not the latest received (2)");
    CHECK(decision_refusal(r, pr::decision::kAccepted, 3).value().find("no version 3") != std::string::npos);
    CHECK(decision_refusal(r, pr::decision::kReopened, 2).value().find("only an accepted year can be reopened") != std::string::npos);
    CHECK(decision_refusal(review_of(kA, 2030, versions, decisions), pr::decision::kAccepted, 1).value().find("no submission") !=
          std::string::npos);

    decisions.push_back(decided(1, 2, pr::decision::kReturned, "fix"));
    r = review_of(kA, 2025, versions, decisions);
    CHECK(decision_refusal(r, pr::decision::kAccepted, 2).value().find("awaits the school's resubmission (version 3)") != std::string::npos);
    CHECK(decision_refusal(r, pr::decision::kReturned, 2));
    CHECK(decision_refusal(r, pr::decision::kReopened, 2));

    versions.push_back(version(kA, 2025, 3));
    decisions.push_back(decided(2, 3, pr::decision::kAccepted));
    r = review_of(kA, 2025, versions, decisions);
    CHECK(decision_refusal(r, pr::decision::kAccepted, 3).value().find("was accepted") != std::string::npos);
    CHECK(decision_refusal(r, pr::decision::kReturned, 3).value().find("reopen it") != std::string::npos);
    CHECK_FALSE(decision_refusal(r, pr::decision::kReopened, 3));
    CHECK(decision_refusal(r, "approved", 3));
}

TEST_CASE("describe_changes: record by record, in English, labels from the field tables") {
    const auto before = jh::domain::make_demo_school(kA, 2025);
    auto after = before;
    REQUIRE(!after.classes.empty());
    REQUIRE(!after.rooms.empty());
    CHECK(describe_changes(before, after).empty());

    auto& c = after.classes.front();
    const int pupils = c.pupils;
    c.pupils += 2;
    jh::domain::Staff added = after.staff.front();
    added.id = 9001;
    added.name = "Wang Fang";
    after.staff.push_back(added);
    const auto removed = after.rooms.back();
    after.rooms.pop_back();
    after.school.name = "城关第一小学";

    const auto lines = describe_changes(before, after);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "school profile: school name " + before.school.name + " -> 城关第一小学");
    CHECK(lines[1] == "class " + std::to_string(c.id) + " (stage " + std::string(jh::domain::en(c.stage)) + ", grade " +
                          std::to_string(c.grade) + ", class number " + std::to_string(c.number) + "): pupils " + std::to_string(pupils) +
                          " -> " + std::to_string(pupils + 2));
    CHECK(lines[2] == "added staff 9001 (Wang Fang)");
    CHECK(lines[3] == "removed room " + std::to_string(removed.id) + " (" + removed.name + ")");

    // Enums and booleans in English words.
    auto other = before;
    other.school.boarding = !before.school.boarding;
    const auto b = describe_changes(before, other);
    REQUIRE(b.size() == 1);
    CHECK(b[0] == std::string("school profile: boarding ") + (before.school.boarding ? "yes -> no" : "no -> yes"));
}

TEST_CASE("--password-stdin: the first line without its end — a second line repeats it — bounds") {
    CHECK(password_of("s3cret\n") == "s3cret");
    CHECK(password_of("s3cret") == "s3cret");
    CHECK(password_of("s3cret\r\n") == "s3cret");
    CHECK(password_of("s3cret\ns3cret\n") == "s3cret");
    CHECK(password_of("s3cret\r\ns3cret") == "s3cret");
    CHECK(password_of("密码 with spaces \n") == "密码 with spaces ");
    CHECK_THROWS_WITH_AS(password_of(""), "the password is empty", std::invalid_argument);
    CHECK_THROWS_WITH_AS(password_of("\nx\n"), "the password is empty", std::invalid_argument);
    CHECK_THROWS_WITH_AS(password_of("s3cret\nsecret\n"), "the second line of standard input does not repeat the password",
                         std::invalid_argument);
    CHECK_THROWS_AS(password_of("s3cret\ns3cret\nmore\n"), std::invalid_argument);
    CHECK(password_of(std::string(1024, 'p') + "\n").size() == 1024);
    CHECK_THROWS_WITH_AS(password_of(std::string(1025, 'p') + "\n"), "the password is longer than 1024 bytes", std::invalid_argument);
    CHECK_THROWS_AS(password_of(std::string(100000, 'p')), std::invalid_argument);
}

TEST_CASE("staff accounts: Argon2id, the identity check, --by and roles") {
    Bureau bureau;
    auto& store = *bureau.store;
    // No account yet: any --by name acts with an admin's rights (as before accounts existed).
    auto actor = resolve_actor(store, std::string("anyone"));
    CHECK(actor.role == staff_role::kAdmin);
    CHECK_FALSE(actor.staff);
    CHECK(resolve_actor(store, std::nullopt).name == os_account());
    CHECK_THROWS_AS(resolve_actor(store, std::string("two\nlines")), std::invalid_argument);
    CHECK_THROWS_AS(resolve_actor(store, std::string("")), std::invalid_argument);

    add_staff_user(store, "li", "reviewer", std::nullopt, "reviewer-pass", "2026-09-01T00:00:00Z");
    add_staff_user(store, "wang", "admin", std::string("360102"), "admin-pass", "2026-09-01T00:00:00Z");
    CHECK_THROWS_AS(add_staff_user(store, "li", "admin", std::nullopt, "x", "t"), std::invalid_argument);
    CHECK_THROWS_AS(add_staff_user(store, "zhao", "boss", std::nullopt, "x", "t"), std::invalid_argument);
    CHECK_THROWS_AS(add_staff_user(store, "zhao", "admin", std::string("36"), "x", "t"), std::invalid_argument);
    CHECK_THROWS_AS(add_staff_user(store, "", "admin", std::nullopt, "x", "t"), std::invalid_argument);
    CHECK_THROWS_AS(add_staff_user(store, "a\tb", "admin", std::nullopt, "x", "t"), std::invalid_argument);
    CHECK_THROWS_AS(add_staff_user(store, "zhao", "admin", std::nullopt, "", "t"), std::invalid_argument);

    const auto users = store.users();
    REQUIRE(users.size() == 2);
    CHECK(users[0].name == "li");
    CHECK(users[0].role == "reviewer");
    CHECK(users[1].county == std::optional<std::string>("360102"));
    const auto hash = store.password_hash("li").value();
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find("reviewer-pass") == std::string::npos);

    CHECK(verify_password(store, "li", "reviewer-pass").value().role == "reviewer");
    CHECK_FALSE(verify_password(store, "li", "reviewer-pasS"));
    CHECK_FALSE(verify_password(store, "li", ""));
    CHECK_FALSE(verify_password(store, "nobody", "reviewer-pass"));
    CHECK(verify_password(store, "wang", "admin-pass").value().county == std::optional<std::string>("360102"));

    // Accounts exist: a --by name must be one; its role applies.
    CHECK_THROWS_WITH_AS(resolve_actor(store, std::string("anyone")),
                         "no staff account is named 'anyone' (junheng-bureau user list); nothing changed", std::invalid_argument);
    actor = resolve_actor(store, std::string("li"));
    CHECK(actor.staff);
    CHECK(actor.role == "reviewer");
    CHECK_THROWS_WITH_AS(require_admin(actor, "reopen"), "reopen needs an admin; li is a reviewer; nothing changed", std::invalid_argument);
    CHECK_NOTHROW(require_admin(resolve_actor(store, std::string("wang")), "reopen"));
    // Without --by, the OS account: not a staff account, so the local operator (admin).
    CHECK(resolve_actor(store, std::nullopt).role == staff_role::kAdmin);
}

TEST_CASE("deadlines: one per school year, a later one replaces it") {
    Bureau bureau;
    bureau.store->set_deadline({2025, "2026-09-30", "wang", "2026-09-01T00:00:00Z"});
    bureau.store->set_deadline({2024, "2025-09-30", "wang", "2025-09-01T00:00:00Z"});
    bureau.store->set_deadline({2025, "2026-10-15", "li", "2026-09-02T00:00:00Z"});
    const auto all = bureau.store->deadlines();
    REQUIRE(all.size() == 2);
    CHECK(all[0].year == 2024);
    CHECK(all[1].date == "2026-10-15");
    CHECK(all[1].set_by == "li");
}

TEST_CASE("report: per county reporting and on-time rates, late, overdue, awaiting review, in receiver time") {
    Bureau bureau;
    auto& store = *bureau.store;
    const std::string kC = "3601030001", kD = "3601020003";
    rc::register_school(store, kA, "城关小学");
    rc::register_school(store, kB, "东门小学");
    rc::register_school(store, kC, "河口小学");
    rc::register_school(store, kD, "西山小学");
    const auto submit = [&](const std::string& code, const std::string& county, int v, const std::string& at) {
        auto data = jh::domain::make_demo_school(code, 2025);
        data.school.county_code = county;
        data.classes.front().pupils += v;
        const auto bytes = jh::exchange::write_snapshot(data);
        REQUIRE(store.add_submission({code, 2025, v, jh::domain::sha256_hex(bytes), "sig", bytes, at}).outcome ==
                rc::SubmissionOutcome::Received);
    };
    submit(kA, "360102", 1, "2026-09-30T23:59:59Z");   // on time: the deadline's whole day counts
    submit(kA, "360102", 2, "2026-10-09T08:00:00Z");   // a resubmission after the deadline stays on time
    submit(kB, "360102", 1, "2026-10-01T00:00:00Z");   // late
    submit(kC, "360103", 1, "2026-09-10T00:00:00Z");
    // kD never submits.

    ReportOptions options;
    options.now = "2026-09-30T12:00:00Z";
    auto doc = county_report(store, options);
    auto c = doc["completeness"];
    CHECK(c["deadline"].is_null());
    CHECK(c["receiver_time"] == "2026-09-30T12:00:00Z");
    REQUIRE(c["counties"].size() == 3);   // "" (kD never synced), 360102, 360103
    CHECK(c["counties"][0]["county"] == "");
    CHECK(c["counties"][0]["not_submitted"] == nlohmann::json::array({kD}));
    auto k = c["counties"][1];
    CHECK(k["county"] == "360102");
    CHECK(k["schools"] == 2);
    CHECK(k["submitted"] == 2);
    CHECK(k["reporting_rate"] == doctest::Approx(1.0));
    CHECK(k["on_time_rate"].is_null());
    CHECK(k["awaiting_review"] == nlohmann::json::array({kA, kB}));

    store.set_deadline({2025, "2026-09-30", "wang", "2026-09-01T00:00:00Z"});
    doc = county_report(store, options);
    c = doc["completeness"];
    CHECK(c["deadline"] == "2026-09-30");
    CHECK(c["deadline_passed"] == false);
    k = c["counties"][1];
    CHECK(k["on_time"] == 1);
    CHECK(k["on_time_rate"] == doctest::Approx(0.5));
    CHECK(k["late"] == nlohmann::json::array({kB}));
    CHECK(c["counties"][0]["overdue"].empty());            // the deadline's day is not over
    const auto row = *std::find_if(c["schools"].begin(), c["schools"].end(), [&](const auto& s) { return s["code"] == kA; });
    CHECK(row["on_time"] == true);
    CHECK(row["first_received_at"] == "2026-09-30T23:59:59Z");
    CHECK(row["review"] == "received");

    // A decision on one school's year is that school's alone.
    store.decide({kB, 2025, std::nullopt, "returned", "late and incomplete", "li"}, "2026-10-02T00:00:00Z");
    options.now = "2026-10-01T00:00:01Z";
    c = county_report(store, options)["completeness"];
    CHECK(c["counties"][1]["returned"] == nlohmann::json::array({kB}));
    CHECK(c["counties"][1]["awaiting_review"] == nlohmann::json::array({kA}));
    CHECK(c["counties"][2]["awaiting_review"] == nlohmann::json::array({kC}));
    CHECK(c["deadline_passed"] == true);
    CHECK(c["counties"][0]["overdue"] == nlohmann::json::array({kD}));
    CHECK(c["counties"][0]["on_time_rate"] == doctest::Approx(0.0));
    CHECK(c["counties"][2]["on_time_rate"] == doctest::Approx(1.0));

    const auto text = report_text(county_report(store, options));
    CHECK(text.find("County 360102: 2 schools, 2 submitted, reporting rate 100.0%, on-time rate 50%") != std::string::npos);
    CHECK(text.find("  late: " + kB) != std::string::npos);
    CHECK(text.find("overdue (not submitted, deadline passed): " + kD) != std::string::npos);
    CHECK(text.find("Deadline: 2026-09-30; receiver time 2026-10-01T00:00:01Z") != std::string::npos);
}


TEST_CASE("decide: checked and recorded in one transaction as a signed inbox item — refusals record nothing") {
    Bureau bureau;
    auto& store = *bureau.store;
    Terminal t{kA};
    bureau.enrol(t);
    const auto submit = [&](int v) { REQUIRE(bureau.handle(t.post(pr::kPathSubmission, pr::encode(demo_submission(t, v)))).status == 200); };
    const auto inbox_size = [&] { return store.inbox(kA, 0, 1000).size(); };
    submit(1);

    const auto returned = store.decide({kA, 2025, std::nullopt, "returned", "class 2's pupils are missing", "li"}, "2026-09-02T08:00:00Z");
    CHECK(returned.version == 1);
    CHECK(returned.at == "2026-09-02T08:00:00Z");
    CHECK(returned.seq > 0);
    auto items = store.inbox(kA, 0, 1000);
    REQUIRE(items.size() == 1);
    CHECK(items[0].kind == "decision");
    CHECK(items[0].school == kA);
    CHECK(items[0].year == 2025);
    CHECK(items[0].version == 1);
    CHECK(items[0].decision == "returned");
    CHECK(items[0].text == "class 2's pupils are missing");
    CHECK(items[0].by == "li");
    CHECK(items[0].seq == returned.seq);
    CHECK(pr::verify_inbox_item(items[0], store.receiver_key().public_key));

    // Refused, nothing recorded.
    const auto refused = [&](const rc::DecisionRequest& r, const std::string& reason) {
        const auto before = inbox_size();
        std::string message;
        try {
            store.decide(r, "2026-09-03T08:00:00Z");
        } catch (const std::invalid_argument& e) {
            message = e.what();
        }
        CHECK_MESSAGE(message.find(reason) != std::string::npos, message);
        CHECK(inbox_size() == before);
    };
    refused({kA, 2025, std::nullopt, "accepted", "", "li"}, "awaits the school's resubmission (version 2); nothing recorded");
    refused({kA, 2025, std::nullopt, "returned", "again", "li"}, "awaits the school's resubmission");
    refused({kA, 2025, std::nullopt, "reopened", "why", "wang"}, "only an accepted year can be reopened");
    refused({kA, 2024, std::nullopt, "accepted", "", "li"}, "has sent no submission for school year 2024");
    refused({kB, 2025, std::nullopt, "accepted", "", "li"}, "no school " + kB + " is registered");
    submit(2);
    refused({kA, 2025, 1, "accepted", "", "li"}, "version 1 is not the latest received (2); nothing recorded");
    refused({kA, 2025, 3, "accepted", "", "li"}, "no version 3");

    const auto accepted = store.decide({kA, 2025, 2, "accepted", "", "li"}, "2026-09-04T08:00:00Z");
    CHECK(accepted.version == 2);
    refused({kA, 2025, std::nullopt, "returned", "late remark", "li"}, "was accepted by li at 2026-09-04T08:00:00Z; to send it back, reopen it");
    const auto reopened = store.decide({kA, 2025, std::nullopt, "reopened", "the funds figure is wrong", "wang"}, "2026-09-05T08:00:00Z");
    CHECK(reopened.version == 2);
    CHECK(reopened.seq > accepted.seq);

    const auto review = rc::review_of(kA, 2025, store.submissions(kA, false), rc::decisions_of(store, kA));
    CHECK(review.state == "reopened");
    CHECK(review.versions[0].state == "returned");
    CHECK(review.latest_decision()->text == "the funds figure is wrong");
    CHECK(rc::decisions_of(store, std::nullopt).size() == 3);
    CHECK(rc::decisions_of(store, kB).empty());
}

TEST_CASE("decide: two processes deciding on the same version at once — exactly one decision is recorded") {
    Bureau bureau;
    Terminal t{kA};
    bureau.enrol(t);
    REQUIRE(bureau.handle(t.post(pr::kPathSubmission, pr::encode(demo_submission(t, 1)))).status == 200);
    for (int round = 0; round < 5; ++round) {
        std::atomic<int> taken{0}, refused{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i)
            threads.emplace_back([&, i] {
                const auto own = bureau.scratch.open();   // a connection of its own, as another process has
                try {
                    own->decide({kA, 2025, std::nullopt, i % 2 ? "accepted" : "returned", "comment", "staff" + std::to_string(i)},
                               "2026-09-02T08:00:00Z");
                    ++taken;
                } catch (const std::invalid_argument&) {
                    ++refused;
                }
            });
        for (auto& th : threads) th.join();
        CHECK(taken == 1);
        CHECK(refused == 3);
        // Next round: a resubmission, decided on again.
        REQUIRE(bureau.handle(t.post(pr::kPathSubmission, pr::encode(demo_submission(t, round + 2)))).status == 200);
        const auto review = rc::review_of(kA, 2025, bureau.store->submissions(kA, false), rc::decisions_of(*bureau.store, kA));
        // An accepted version cannot be resubmitted in real life; here it only shows one decision per version.
        CHECK(review.versions[static_cast<std::size_t>(round)].decisions.size() == 1);
    }
}
