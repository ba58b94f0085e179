// Protocol v1 codecs, chain check, signatures and framing (sync/protocol): round trips, and
// every kind of bad input refused with a DecodeError naming the problem.
#include <doctest/doctest.h>

#include <string>

#include "domain/audit_entry.hpp"
#include "sync/protocol/crypto.hpp"
#include "sync/protocol/messages.hpp"

using namespace jh::sync::protocol;

namespace {

const std::string kSchool = "3601020001";
const std::string kStream = "0123456789abcdef0123456789abcdef";

// A chain of `n` entries starting at the genesis hash: staff inserts and one operator stub.
Batch chain_batch(int n) {
    Batch b;
    b.school = kSchool;
    b.stream = kStream;
    b.after = {0, jh::domain::audit_genesis_hash()};
    std::string prev = b.after.hash;
    for (int i = 1; i <= n; ++i) {
        jh::domain::AuditEntry e{i, "2026-12-01T10:00:00Z", "张老师", i == 2 ? "operator" : "staff", i, "insert",
                                 "", "{\"id\":" + std::to_string(i) + ",\"name\":\"李华\"}", prev, {}};
        e.hash = jh::domain::audit_hash(e);
        prev = e.hash;
        b.entries.push_back(to_wire(e, 4));
    }
    b.tip = {n, prev};
    return b;
}

}  // namespace

TEST_CASE("a batch survives encode and decode, and its chain verifies with an operator stub") {
    const Batch b = chain_batch(3);
    CHECK(b.entries[1].stub);                       // operator entries leave as stubs
    CHECK(b.entries[1].new_json.empty());
    const Batch back = decode_batch(encode(b));
    CHECK(back.school == kSchool);
    CHECK(back.tip == b.tip);
    REQUIRE(back.entries.size() == 3);
    CHECK(back.entries[0].new_json == b.entries[0].new_json);
    CHECK(back.entries[0].schema_version == 4);
    CHECK(chain_hashes(back).back() == b.tip.hash);
    CHECK(encode(back) == encode(b));              // deterministic: a retry is byte-identical
}

TEST_CASE("a tampered entry, a gap in seqs or a wrong tip breaks the chain check") {
    // Entry 3 follows the operator stub: its hash is recomputed from the stub's and must end
    // at the tip. (An entry just before a stub is covered only by the request's signature:
    // the stub's hash is taken as sent; docs/sync-protocol.md says so.)
    Batch b = chain_batch(3);
    b.entries[2].new_json = "{\"id\":3,\"name\":\"王华\"}";
    CHECK_THROWS_AS(chain_hashes(b), DecodeError);
    b = chain_batch(1);
    b.entries[0].operator_name = "王老师";
    CHECK_THROWS_AS(chain_hashes(b), DecodeError);
    b = chain_batch(3);
    b.entries.erase(b.entries.begin() + 1);
    CHECK_THROWS_AS(chain_hashes(b), DecodeError);
    b = chain_batch(3);
    b.tip.hash = std::string(64, 'a');
    CHECK_THROWS_AS(chain_hashes(b), DecodeError);
}

TEST_CASE("decoders refuse malformed, oversized, deep and other-version messages by name") {
    CHECK_THROWS_AS(decode_batch("not json"), DecodeError);
    CHECK_THROWS_AS(decode_batch("[1,2]"), DecodeError);
    CHECK_THROWS_AS(decode_batch(std::string(100, '[') + std::string(100, ']')), DecodeError);
    try {
        decode_batch(R"({"v":2,"school":"3601020001"})");
        FAIL("version 2 accepted");
    } catch (const DecodeError& e) {
        CHECK(e.problem == problem::kVersion);
        CHECK(std::string(e.what()).find("version 2") != std::string::npos);
    }
    std::string text = encode(chain_batch(1));
    CHECK_THROWS_AS(decode_batch(text.replace(text.find("3601020001"), 10, "36010200x1")), DecodeError);
    auto b = chain_batch(1);
    b.entries[0].table = "operator_pins";
    b.entries[0].stub = false;
    CHECK_THROWS_WITH_AS(decode_batch(encode(b)), doctest::Contains("not a synced table"), DecodeError);
    EnrolRequest enrol{kSchool, "ABCD-1234", std::string(100, 'A')};
    CHECK_THROWS_AS(decode_enrol_request(encode(enrol)), DecodeError);
}

TEST_CASE("every reply survives encode and decode") {
    BatchReply r{std::string(result::kApplied), kStream, {2, std::string(64, 'b')}, {{2, "staff", 7, "age out of range"}},
                 "2026-12-01T10:00:00Z"};
    const auto back = decode_batch_reply(encode(r));
    CHECK(back.acked == r.acked);
    REQUIRE(back.flags.size() == 1);
    CHECK(back.flags[0].message == "age out of range");
    ProblemReply p{std::string(problem::kGap), "behind", Link{3, std::string(64, 'c')}, kStream};
    const auto pb = decode_problem_reply(encode(p));
    CHECK(pb.tip->seq == 3);
    Submission s{kSchool, 2025, 1, std::string(64, 'd'), "sig", "{\"format\":\"junheng-school-snapshot\"}"};
    CHECK(decode_submission(encode(s)).snapshot == s.snapshot);
    StatusReply st{kSchool, "示例小学", "active", kStream, {1, std::string(64, 'e')}, "t", {{2025, 1, std::string(64, 'f'), "t"}}, "t"};
    CHECK(decode_status_reply(encode(st)).submissions.at(0).year == 2025);
}

TEST_CASE("signatures verify only with the right key, text and signature") {
    const KeyPair school = generate_key_pair(), other = generate_key_pair();
    CHECK(is_public_key(school.public_key));
    CHECK(is_secret_key(school.secret_key));
    const std::string text = request_signed_text("POST", "/v1/batch", kSchool, "body");
    const std::string sig = sign(text, school.secret_key);
    CHECK(verify(text, sig, school.public_key));
    CHECK_FALSE(verify(text, sig, other.public_key));
    CHECK_FALSE(verify(request_signed_text("POST", "/v1/batch", kSchool, "bodY"), sig, school.public_key));
    CHECK_FALSE(verify(text, "garbage", school.public_key));
    CHECK_FALSE(verify(text, sig, "garbage"));
    CHECK(reply_signed_text(200, "", "x") != reply_signed_text(200, sig, "x"));
}

TEST_CASE("compression round-trips and inflation stops at its cap, on truncation and on garbage") {
    const std::string text(200000, 'a');
    const std::string packed = compress(text);
    CHECK(packed.size() < 1000);
    CHECK(decompress(packed, text.size()) == text);
    CHECK_FALSE(decompress(packed, text.size() - 1).has_value());        // a bomb stops at the cap
    CHECK_FALSE(decompress(packed.substr(0, packed.size() / 2), text.size()).has_value());
    CHECK_FALSE(decompress(packed + "x", text.size()).has_value());       // trailing bytes
    CHECK_FALSE(decompress("garbage", 1000).has_value());
    CHECK(from_base64(base64("字节"), 100) == std::string("字节"));
}

TEST_CASE("bodies use the protocol's preset dictionary — a stream made without one still inflates") {
    const std::string batch = encode(chain_batch(1));
    const std::string packed = compress(batch);
    CHECK(decompress(packed, kMaxInflatedBytes) == batch);
    // zlib's header says a dictionary is needed (FDICT, RFC 1950), so a peer without it fails loudly.
    REQUIRE(packed.size() > 2);
    CHECK((static_cast<unsigned char>(packed[1]) & 0x20) != 0);
    // A plain zlib stream (no dictionary), as a simpler client might send.
    std::string hello;
    {
        // "hello" compressed by zlib without a dictionary (python3 -c 'import zlib;print(zlib.compress(b"hello"))').
        const unsigned char bytes[] = {0x78, 0x9c, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x06, 0x2c, 0x02, 0x15};
        hello.assign(reinterpret_cast<const char*>(bytes), sizeof bytes);
    }
    CHECK(decompress(hello, 100) == std::string("hello"));
    CHECK_FALSE(from_base64("!!", 100).has_value());
}
