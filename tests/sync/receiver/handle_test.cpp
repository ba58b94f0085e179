// Receiver::handle without sockets: every route, every refusal (nothing stored, the next good
// request works), and the batch rules of docs/sync-protocol.md — apply, exact replay
// "unchanged", gap, fork, a new stream archiving the old — plus submissions and enrolment.
#include <doctest/doctest.h>

#include "sync/receiver/fixture.hpp"

using namespace jh::test;

namespace {

const std::string kA = "3601020001";
const std::string kB = "3601020002";

pr::BatchReply applied(Bureau& bureau, const Terminal& t, const pr::Batch& b, std::string_view result = pr::result::kApplied) {
    const auto reply = bureau.handle(t.batch(b));
    REQUIRE_MESSAGE(reply.status == 200, reply.body);
    auto r = pr::decode_batch_reply(reply.body);
    CHECK(r.result == result);
    return r;
}

pr::Link tip_of(Bureau& bureau, const Terminal& t) {
    const auto reply = bureau.handle(t.get(std::string(pr::kPathTip) + "?stream=" + t.stream));
    REQUIRE(reply.status == 200);
    return pr::decode_tip_reply(reply.body).tip;
}

}  // namespace

TEST_CASE("hello answers unsigned requests with the receiver's key, signed over '-'") {
    Bureau bureau;
    pr::HttpRequest r{"GET", std::string(pr::kPathHello), {}, ""};
    const auto reply = bureau.handle(r);
    CHECK(reply.status == 200);
    CHECK(pr::decode_hello_reply(reply.body).receiver_key == bureau.store->receiver_key().public_key);
}

TEST_CASE("the receiver key is made once and shared by every process on the store") {
    Bureau bureau;
    const auto key = bureau.store->receiver_key();
    const auto second = bureau.scratch.open();
    CHECK(second->receiver_key().public_key == key.public_key);
}

TEST_CASE("enrolment: a good code enrols once — a replay, a wrong, another school's or a withdrawn code is refused") {
    Bureau bureau;
    Terminal a{kA}, b{kB};
    const auto code_a = jh::sync::receiver::register_school(*bureau.store, kA, "甲校");
    const auto code_b = jh::sync::receiver::register_school(*bureau.store, kB, "乙校");

    SUBCASE("good, then replayed") {
        const auto request = a.enrol(code_a);
        auto reply = bureau.handle(request);
        REQUIRE(reply.status == 200);
        const auto m = pr::decode_enrol_reply(reply.body);
        CHECK(m.name == "甲校");
        CHECK(m.receiver_key == bureau.store->receiver_key().public_key);
        reply = bureau.handle(request);
        CHECK(reply.status == 403);
        CHECK(problem_of(reply) == "enrolment_code");
        // The code is spent: a new key with it is refused too; the first key still works.
        Terminal thief{kA};
        CHECK(bureau.handle(thief.enrol(code_a)).status == 403);
        CHECK(bureau.handle(a.get(std::string(pr::kPathStatus))).status == 200);
    }
    SUBCASE("codes are compared without case, dashes or spaces") {
        std::string sloppy;
        for (char c : code_a)
            if (c != '-') sloppy += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        CHECK(bureau.handle(a.enrol(sloppy)).status == 200);
    }
    SUBCASE("wrong code, another school's code") {
        CHECK(problem_of(bureau.handle(a.enrol("AAAA-BBBB-CCCC-DDDD"))) == "enrolment_code");
        CHECK(problem_of(bureau.handle(a.enrol(code_b))) == "enrolment_code");
        CHECK(bureau.handle(a.enrol(code_a)).status == 200);   // nothing was spent by the refusals
    }
    SUBCASE("a body of another school than the header, a request not signed by the key it enrols") {
        auto request = b.post(pr::kPathEnrol, pr::encode(pr::EnrolRequest{kA, code_a, b.key.public_key}));
        CHECK(problem_of(bureau.handle(request)) == "wrong_school");
        Terminal other{kA};
        request = a.post(pr::kPathEnrol, pr::encode(pr::EnrolRequest{kA, code_a, other.key.public_key}));
        const auto reply = bureau.handle(request);
        CHECK(reply.status == 401);
        CHECK(problem_of(reply) == "credential");
        CHECK(bureau.handle(a.enrol(code_a)).status == 200);
    }
    SUBCASE("an unknown school, a revoked school's code") {
        Terminal c{"3601020009"};
        CHECK(problem_of(bureau.handle(c.enrol(code_a))) == "enrolment_code");
        jh::sync::receiver::revoke_school(*bureau.store, kA);
        CHECK(problem_of(bureau.handle(a.enrol(code_a))) == "enrolment_code");
    }
}

TEST_CASE("credentials: missing, wrong, other school's, revoked and replaced terminals are refused — nothing is stored") {
    Bureau bureau;
    Terminal a{kA}, b{kB};
    bureau.enrol(a);
    bureau.enrol(b);
    const auto chain = year_chain(3);
    const auto good = a.batch(batch_of(a, chain, 0, 3));

    SUBCASE("missing headers") {
        auto r = good;
        r.headers.erase(std::string(pr::kHeaderSignature));
        CHECK(problem_of(bureau.handle(r)) == "credential");
        r = good;
        r.headers.erase(std::string(pr::kHeaderSchool));
        CHECK(problem_of(bureau.handle(r)) == "credential");
    }
    SUBCASE("a key that is not the school's, and another school's credential") {
        Terminal impostor{kA};
        CHECK(bureau.handle(impostor.batch(batch_of(impostor, chain, 0, 3))).status == 401);
        // B signs as itself but sends A's data: wrong school.
        auto foreign = batch_of(a, chain, 0, 3);
        const auto reply = bureau.handle(b.batch(foreign));
        CHECK(reply.status == 403);
        CHECK(problem_of(reply) == "wrong_school");
        // B's key under A's header: the signature does not verify with A's key.
        auto r = b.batch(batch_of(b, chain, 0, 3));
        r.headers.erase(std::string(pr::kHeaderSchool));
        r.headers.emplace(std::string(pr::kHeaderSchool), kA);
        CHECK(bureau.handle(r).status == 401);
    }
    SUBCASE("a tampered body or target") {
        auto r = good;
        r.body = pr::compress(pr::encode(batch_of(a, year_chain(3, 1), 0, 3)));
        CHECK(problem_of(bureau.handle(r)) == "credential");
        r = a.get(std::string(pr::kPathTip) + "?stream=" + a.stream);
        r.target = std::string(pr::kPathTip) + "?stream=ffffffffffffffffffffffffffffffff";
        CHECK(bureau.handle(r).status == 401);
    }
    SUBCASE("revoked by another process on the same store: seen at the next request") {
        const auto cli = bureau.scratch.open();
        jh::sync::receiver::revoke_school(*cli, kA);
        const auto reply = bureau.handle(good);
        CHECK(reply.status == 403);
        CHECK(problem_of(reply) == "revoked");
    }
    SUBCASE("replaced: the old terminal is revoked, the new one enrols with the new code") {
        const auto cli = bureau.scratch.open();
        const auto code = jh::sync::receiver::replace_terminal(*cli, kA);
        CHECK(problem_of(bureau.handle(good)) == "revoked");
        Terminal fresh{kA};
        CHECK(bureau.handle(fresh.enrol(code)).status == 200);
        fresh.stream = "11111111111111111111111111111111";
        applied(bureau, fresh, batch_of(fresh, chain, 0, 3));
        CHECK(problem_of(bureau.handle(good)) == "revoked");
    }
    // Whatever was refused, nothing of A was stored, and a good request works.
    if (bureau.store->school(kA)->revoked) return;
    if (!bureau.store->school(kA)->live_stream.empty()) return;   // the replaced case synced its new terminal
    CHECK(bureau.store->live_records(kA).empty());
    CHECK(tip_of(bureau, a).seq == 0);
    applied(bureau, a, batch_of(a, chain, 0, 3));
}

TEST_CASE("framing and bodies: media type, encodings, size, malformed, version, zip bomb — refused, nothing stored") {
    Bureau bureau;
    Terminal a{kA};
    bureau.enrol(a);
    const auto chain = year_chain(2);
    const std::string json = pr::encode(batch_of(a, chain, 0, 2));

    SUBCASE("media type and encodings") {
        auto r = a.batch(batch_of(a, chain, 0, 2));
        r.headers.erase("Content-Type");
        r.headers.emplace("Content-Type", "application/json");
        CHECK(bureau.handle(r).status == 415);
        r = a.batch(batch_of(a, chain, 0, 2));
        r.headers.emplace("Content-Encoding", "gzip");
        CHECK(problem_of(bureau.handle(r)) == "media_type");
        r = a.batch(batch_of(a, chain, 0, 2));
        r.headers.emplace("Transfer-Encoding", "chunked");
        CHECK(bureau.handle(r).status == 415);
    }
    SUBCASE("oversized") {
        const auto reply = bureau.handle(a.signed_request("POST", std::string(pr::kPathBatch), std::string(pr::kMaxRequestBytes + 1, 'x')));
        CHECK(reply.status == 413);
        CHECK(problem_of(reply) == "too_large");
    }
    SUBCASE("not zlib, not JSON, not a batch, another version, a broken chain") {
        CHECK(problem_of(bureau.handle(a.signed_request("POST", std::string(pr::kPathBatch), "garbage"))) == "malformed");
        CHECK(problem_of(bureau.handle(a.post(pr::kPathBatch, "{not json"))) == "malformed");
        CHECK(problem_of(bureau.handle(a.post(pr::kPathBatch, "{\"v\":1}"))) == "malformed");
        auto v2 = json;
        v2.replace(v2.find("\"v\":1"), 5, "\"v\":2");
        const auto reply = bureau.handle(a.post(pr::kPathBatch, v2));
        CHECK(reply.status == 400);
        CHECK(problem_of(reply) == "version");
        auto broken = batch_of(a, chain, 0, 2);
        broken.entries[0].new_json = "{}";
        CHECK(problem_of(bureau.handle(a.batch(broken))) == "malformed");
    }
    SUBCASE("a zip bomb stops at the inflation cap") {
        const std::string zeros(pr::kMaxInflatedBytes + (1u << 20), ' ');
        const auto bomb = pr::compress(zeros);
        CHECK(bomb.size() < pr::kMaxRequestBytes);
        const auto reply = bureau.handle(a.signed_request("POST", std::string(pr::kPathBatch), bomb));
        CHECK(reply.status == 400);
        CHECK(problem_of(reply) == "malformed");
    }
    SUBCASE("unknown path and wrong method") {
        CHECK(problem_of(bureau.handle(a.get("/v1/nothing"))) == "not_found");
        CHECK(problem_of(bureau.handle(a.get(std::string(pr::kPathBatch)))) == "method");
        CHECK(bureau.handle(a.post(pr::kPathStatus, "{}")).status == 405);
        // Bytes that are not UTF-8 in the path or method are not echoed into the JSON reply.
        CHECK(problem_of(bureau.handle(a.get("/v1/\xff\xfe"))) == "not_found");
        auto odd = a.get(std::string(pr::kPathStatus));
        odd.method = "G\xc3T";
        CHECK(problem_of(bureau.handle(odd)) == "method");
    }
    CHECK(bureau.store->live_records(kA).empty());
    CHECK(tip_of(bureau, a).seq == 0);
    applied(bureau, a, batch_of(a, chain, 0, 2));
    CHECK(bureau.store->live_records(kA).size() == 2);
}

TEST_CASE("batches: apply, exact replay is unchanged, gap answers the tip, catch-up, fork") {
    Bureau bureau;
    Terminal a{kA};
    bureau.enrol(a);
    const auto chain = year_chain(6);

    auto r = applied(bureau, a, batch_of(a, chain, 0, 2));
    CHECK(r.acked == pr::Link{2, chain[1].hash});
    // A byte-identical retry (reply lost) changes nothing.
    r = applied(bureau, a, batch_of(a, chain, 0, 2), pr::result::kUnchanged);
    CHECK(r.acked == pr::Link{2, chain[1].hash});
    // A batch beyond the tip: 412 gap naming the receiver's tip.
    auto reply = bureau.handle(a.batch(batch_of(a, chain, 4, 6)));
    CHECK(reply.status == 412);
    auto problem = pr::decode_problem_reply(reply.body);
    CHECK(problem.problem == "gap");
    REQUIRE(problem.tip);
    CHECK(*problem.tip == pr::Link{2, chain[1].hash});
    // Resent from the tip, then a batch overlapping what is held: only the new part is applied.
    applied(bureau, a, batch_of(a, chain, 2, 4));
    r = applied(bureau, a, batch_of(a, chain, 3, 6));
    CHECK(r.acked == pr::Link{6, chain[5].hash});
    CHECK(bureau.store->live_records(kA).size() == 6);
    // Other content at held seqs: 409 fork with the tip.
    const auto other = year_chain(6, 1);
    reply = bureau.handle(a.batch(batch_of(a, other, 0, 3)));
    CHECK(reply.status == 409);
    CHECK(problem_of(reply) == "fork");
    // A batch continuing a link the receiver holds with another hash is a fork too.
    reply = bureau.handle(a.batch(batch_of(a, [&] {
                                  auto mixed = chain;
                                  mixed.resize(6);
                                  return mixed;
                              }(), 6, 6)));
    CHECK(reply.status == 200);   // an empty batch at the tip: nothing to do
    CHECK(tip_of(bureau, a) == pr::Link{6, chain[5].hash});
}

TEST_CASE("a new stream replaces the live copy and archives the old one — the old stream takes nothing new") {
    Bureau bureau;
    Terminal a{kA};
    bureau.enrol(a);
    const auto first = year_chain(4);
    const auto first_batch = batch_of(a, first, 0, 3);
    applied(bureau, a, first_batch);
    CHECK(bureau.store->live_records(kA).size() == 3);

    Terminal restored = a;   // same key, new stream (restore renews it)
    restored.stream = "fedcba9876543210fedcba9876543210";
    const auto second = year_chain(2, 1);
    applied(bureau, restored, batch_of(restored, second, 0, 2));
    const auto info = bureau.store->school(kA);
    CHECK(info->live_stream == restored.stream);
    const auto live = bureau.store->live_records(kA);
    REQUIRE(live.size() == 2);
    CHECK(live[0].json.find("2101") != std::string::npos);   // the new stream's content only

    // The archived stream answers fork to everything, even an exact replay (the model check's
    // finding: a terminal back on it must move to a new stream).
    auto replay = bureau.handle(a.batch(first_batch));
    CHECK(replay.status == 409);
    CHECK(problem_of(replay) == "fork");
    auto reply = bureau.handle(a.batch(batch_of(a, first, 3, 4)));
    CHECK(reply.status == 409);
    CHECK(problem_of(reply) == "fork");
    // Its tip is still answered.
    CHECK(tip_of(bureau, a) == pr::Link{3, first[2].hash});
}

TEST_CASE("an entry the receiver cannot make sense of is stored and flagged, never refused") {
    Bureau bureau;
    Terminal a{kA};
    bureau.enrol(a);
    std::vector<jh::domain::AuditEntry> chain;
    std::string prev = jh::domain::audit_genesis_hash();
    const std::vector<std::string> records = {"{\"id\":1,\"year\":2025,\"status\":\"nonsense\"}", "[]", "not json"};
    for (int i = 1; i <= 3; ++i) {
        jh::domain::AuditEntry e{i, "2026-12-01T10:00:00Z", "op", "school_year", i, "insert", "", records[i - 1], prev, {}};
        e.hash = jh::domain::audit_hash(e);
        prev = e.hash;
        chain.push_back(e);
    }
    const auto r = applied(bureau, a, batch_of(a, chain, 0, 3));
    CHECK(r.flags.size() == 3);
    CHECK(bureau.store->flags(kA).size() == 3);
    CHECK(bureau.store->live_records(kA).size() == 3);
    // A replay returns the same flags.
    CHECK(applied(bureau, a, batch_of(a, chain, 0, 3), pr::result::kUnchanged).flags.size() == 3);
}

TEST_CASE("one batch writing a record several times leaves the live copy and flags as its entries applied in order would") {
    // PostgreSQL writes a batch in one statement per table (postgres_store.cpp): the live copy
    // must still be each record's last entry, a deleted record gone, a flag set or cleared by the
    // last entry — and any text (quotes, backslashes, braces, commas, NULL, Chinese) kept byte for byte.
    Bureau bureau;
    Terminal a{kA};
    bureau.enrol(a);
    const auto year = [](int id, int y) {
        jh::domain::SchoolYear r;
        r.id = id;
        r.year = y;
        return jh::domain::record_json_text(r, id);
    };
    const std::string odd = R"({"note":"a \"quote\", back\\slash {brace}, NULL, 学校"})";
    struct Step {
        int id;
        std::string action, old_json, new_json;
    };
    const std::vector<Step> steps = {
        {1, "insert", "", odd},                   // 1: flagged (not a school year) …
        {1, "update", odd, year(1, 2025)},        //    … then made good: no flag, last JSON
        {2, "insert", "", year(2, 2024)},         // 2: inserted and deleted in the same batch
        {2, "delete", year(2, 2024), ""},
        {3, "insert", "", year(3, 2023)},         // 3: good, then made bad: flagged, odd text kept
        {3, "update", year(3, 2023), odd},
        {4, "insert", "", "NULL"},                // 4: the text NULL, not a null
    };
    std::vector<jh::domain::AuditEntry> chain;
    std::string prev = jh::domain::audit_genesis_hash();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& s = steps[i];
        jh::domain::AuditEntry e{static_cast<std::int64_t>(i + 1), "2026-12-01T10:00:00Z", "张老师", "school_year", s.id,
                                 s.action, s.old_json, s.new_json, prev, {}};
        e.hash = jh::domain::audit_hash(e);
        prev = e.hash;
        chain.push_back(e);
    }
    applied(bureau, a, batch_of(a, chain, 0, static_cast<int>(chain.size())));
    const auto live = bureau.store->live_records(kA);
    REQUIRE(live.size() == 3);
    CHECK(live[0].record_id == 1);
    CHECK(live[0].json == year(1, 2025));
    CHECK(live[1].record_id == 3);
    CHECK(live[1].json == odd);
    CHECK(live[2].record_id == 4);
    CHECK(live[2].json == "NULL");
    const auto flags = bureau.store->flags(kA);
    REQUIRE(flags.size() == 2);
    CHECK(flags[0].record_id == 3);
    CHECK(flags[0].seq == 6);
    CHECK(flags[1].record_id == 4);
    // The next batch clears record 3's flag and deletes record 4 (its flag goes with it).
    const std::vector<Step> more = {{3, "update", odd, year(3, 2022)}, {4, "delete", "NULL", ""}};
    for (const auto& s : more) {
        jh::domain::AuditEntry e{static_cast<std::int64_t>(chain.size() + 1), "2026-12-01T10:00:00Z", "张老师", "school_year",
                                 s.id, s.action, s.old_json, s.new_json, prev, {}};
        e.hash = jh::domain::audit_hash(e);
        prev = e.hash;
        chain.push_back(e);
    }
    applied(bureau, a, batch_of(a, chain, static_cast<int>(steps.size()), static_cast<int>(chain.size())));
    CHECK(bureau.store->flags(kA).empty());
    const auto after = bureau.store->live_records(kA);
    REQUIRE(after.size() == 2);
    CHECK(after[1].json == year(3, 2022));
    // The whole chain replayed: unchanged, the held entries' hashes matched one by one.
    applied(bureau, a, batch_of(a, chain, 0, static_cast<int>(chain.size())), pr::result::kUnchanged);
}

TEST_CASE("submissions: verified, every version kept, exact replay unchanged, other bytes for a version refused") {
    Bureau bureau;
    Terminal a{kA};
    bureau.enrol(a);
    const auto submission = [&](int version, const std::string& snapshot) {
        return pr::Submission{kA, 2025, version, jh::domain::sha256_hex(snapshot), pr::sign(snapshot, a.key.secret_key), snapshot};
    };
    const auto send = [&](const pr::Submission& s) { return bureau.handle(a.post(pr::kPathSubmission, pr::encode(s))); };

    auto reply = send(submission(1, "{\"snapshot\":1}\n"));
    REQUIRE(reply.status == 200);
    const auto first = pr::decode_submission_reply(reply.body);
    CHECK(first.result == "received");
    reply = send(submission(1, "{\"snapshot\":1}\n"));
    CHECK(pr::decode_submission_reply(reply.body).result == "unchanged");
    CHECK(pr::decode_submission_reply(reply.body).received_at == first.received_at);
    reply = send(submission(1, "{\"snapshot\":\"other\"}\n"));
    CHECK(reply.status == 409);
    CHECK(problem_of(reply) == "submission_conflict");
    CHECK(send(submission(2, "{\"snapshot\":2}\n")).status == 200);

    auto bad_hash = submission(3, "x");
    bad_hash.sha256 = jh::domain::sha256_hex("y");
    CHECK(problem_of(send(bad_hash)) == "malformed");
    auto bad_signature = submission(3, "x");
    bad_signature.signature = pr::sign("y", a.key.secret_key);
    CHECK(problem_of(send(bad_signature)) == "malformed");

    const auto held = bureau.store->submissions(kA, true);
    REQUIRE(held.size() == 2);
    CHECK(held[0].snapshot == "{\"snapshot\":1}\n");
    CHECK(held[1].version == 2);
    // The years submitted for, once each, ascending (the web report's year list).
    CHECK(send(pr::Submission{kA, 2023, 1, jh::domain::sha256_hex("x"), pr::sign("x", a.key.secret_key), "x"}).status == 200);
    CHECK(bureau.store->submitted_years() == std::vector<int>{2023, 2025});

    reply = bureau.handle(a.get(std::string(pr::kPathStatus)));
    REQUIRE(reply.status == 200);
    const auto status = pr::decode_status_reply(reply.body);
    CHECK(status.state == "active");
    CHECK(status.submissions.size() == 3);
    CHECK(!status.last_seen.empty());
}

TEST_CASE("plan_ingest alone: unknown stream not from 0 is a gap — an archived stream's new batch a fork") {
    Terminal a{kA};
    const auto chain = year_chain(3);
    jh::sync::receiver::StreamState unknown;
    unknown.tip = {0, jh::domain::audit_genesis_hash()};
    const auto b = batch_of(a, chain, 1, 3);
    CHECK(jh::sync::receiver::plan_ingest(unknown, b, pr::chain_hashes(b)).kind == jh::sync::receiver::IngestKind::Gap);
    jh::sync::receiver::StreamState archived;
    archived.known = true;
    archived.live = false;
    archived.tip = {1, chain[0].hash};
    archived.held[1] = {chain[0].hash, "school_year", 1, std::nullopt};
    CHECK(jh::sync::receiver::plan_ingest(archived, b, pr::chain_hashes(b)).kind == jh::sync::receiver::IngestKind::Fork);
    archived.live = true;
    const auto plan = jh::sync::receiver::plan_ingest(archived, b, pr::chain_hashes(b));
    CHECK(plan.kind == jh::sync::receiver::IngestKind::Apply);
    CHECK(plan.entries.size() == 2);
}
