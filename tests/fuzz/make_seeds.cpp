// Writes the fuzz seed corpus, tests/data/fuzz/<target>/*, from the real encoders so that every
// seed is a valid message of today's protocol (run again after the protocol changes):
//   build-fuzz/tests/fuzz/fuzz_seeds tests/data/fuzz
// Each seed is checked to decode before it is written.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "domain/audit_entry.hpp"
#include "domain/demo.hpp"
#include "exchange/csv.hpp"
#include "exchange/encoding.hpp"
#include "exchange/snapshot.hpp"
#include "exchange/templates.hpp"
#include "sync/protocol/crypto.hpp"
#include "sync/protocol/messages.hpp"

using namespace jh::sync::protocol;
namespace fs = std::filesystem;

namespace {

const std::string kSchool = "3601020001";
const std::string kStream = "0123456789abcdef0123456789abcdef";
const std::string kTime = "2026-12-01T10:00:00Z";

void put(const fs::path& dir, const std::string& name, const std::string& bytes) {
    fs::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary) << bytes;
}

// A chain of `n` entries after `after`: staff inserts and updates, one operator stub.
Batch batch(int first, int n, Link after) {
    Batch b{kSchool, kStream, after, {}, {}};
    std::string prev = after.hash;
    for (int seq = first; seq < first + n; ++seq) {
        const std::string record = "{\"id\":" + std::to_string(seq) + ",\"name\":\"李华\",\"age\":41}";
        jh::domain::AuditEntry e{seq, kTime, "张老师", seq % 3 == 2 ? "operator" : "staff", seq,
                                 seq % 2 ? "insert" : "update", seq % 2 ? "" : record, record, prev, {}};
        e.hash = jh::domain::audit_hash(e);
        prev = e.hash;
        b.entries.push_back(to_wire(e, 4));
    }
    b.tip = {first + n - 1, prev};
    return b;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: fuzz_seeds DIR (tests/data/fuzz)\n";
        return 2;
    }
    const fs::path root = argv[1];
    const Link genesis{0, jh::domain::audit_genesis_hash()};

    const Batch one = batch(1, 1, genesis), three = batch(1, 3, genesis), empty{kSchool, kStream, genesis, genesis, {}};
    const Batch later = batch(4, 2, three.tip);
    int i = 0;
    for (const Batch* b : {&one, &three, &empty, &later}) {
        const std::string text = encode(*b);
        decode_batch(text);
        put(root / "batch", "batch" + std::to_string(++i) + ".json", text);
        put(root / "inflate", "batch" + std::to_string(i) + ".zlib", compress(text));
    }
    put(root / "inflate", "empty.zlib", compress(""));

    const KeyPair keys = generate_key_pair();
    const std::string enrol = encode(EnrolRequest{kSchool, "K7Q2-M9PX-4TZ8", keys.public_key});
    decode_enrol_request(enrol);
    put(root / "enrol", "enrol.json", enrol);

    const std::string snapshot_text = "{\"format\":\"junheng-school-snapshot\",\"version\":1}\n";
    const std::string submission = encode(Submission{kSchool, 2025, 1, jh::domain::sha256_hex(snapshot_text),
                                                     sign(snapshot_text, keys.secret_key), snapshot_text});
    decode_submission(submission);
    put(root / "submission", "submission.json", submission);

    // Replies: the first byte picks the decoder (fuzz_replies.cpp).
    const Link tip = three.tip;
    const std::string replies[] = {
        encode(EnrolReply{kSchool, "示例小学", keys.public_key, kTime}),
        encode(BatchReply{std::string(result::kApplied), kStream, tip, {{2, "staff", 2, "age out of range"}}, kTime}),
        encode(TipReply{kStream, tip, kTime}),
        encode(SubmissionReply{std::string(result::kReceived), 2025, 1, std::string(64, 'a'), kTime}),
        encode(StatusReply{kSchool, "示例小学", "active", kStream, tip, kTime, {{2025, 1, std::string(64, 'a'), kTime}}, kTime}),
        encode(HelloReply{kVersion, keys.public_key, kTime}),
        encode(ProblemReply{std::string(problem::kGap), "the receiver is behind", tip, kStream}),
    };
    for (int k = 0; k < 7; ++k) put(root / "replies", "reply" + std::to_string(k) + ".json", std::string(1, char(k)) + replies[k]);

    // A small school: the demo school cut to two records of each kind, kept only if it reads.
    auto data = jh::domain::make_demo_school(kSchool, 2025);
    auto cut = [](auto& v) { if (v.size() > 2) v.resize(2); };
    auto small = data;
    cut(small.classes); cut(small.grades); cut(small.cohorts); cut(small.staff); cut(small.training);
    cut(small.buildings); cut(small.rooms); cut(small.grounds); cut(small.equipment);
    for (const auto* d : {&small, &data}) {
        try {
            const std::string text = jh::exchange::write_snapshot(*d);
            jh::exchange::read_snapshot(text, "seed.json");
            put(root / "snapshot", "school.json", text);
            break;
        } catch (const std::exception& e) {
            std::cerr << "fuzz_seeds: the cut school does not read (" << e.what() << "), using the whole one\n";
        }
    }

    // CSV: the export's templates of the small school, UTF-8 and GB18030.
    int c = 0;
    for (const auto& file : jh::exchange::write_templates(small)) {
        if (c >= 3) break;
        jh::exchange::parse_csv(file.text, file.name);
        put(root / "csv", "utf8_" + std::to_string(c) + ".csv", file.text);
        put(root / "csv", "gb18030_" + std::to_string(c) + ".csv", jh::exchange::utf8_to_gb18030(file.text));
        ++c;
    }
    std::cout << "seeds written to " << root.string() << "\n";
    return 0;
}
