// Test helpers for the bureau receiver: a scratch store, a school terminal that signs its
// requests as sync/client will (protocol::request_signed_text, zlib bodies), chains of audit
// entries, and a check that every reply carries a verifying receiver signature.
#pragma once
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "domain/audit_entry.hpp"
#include "domain/demo.hpp"
#include "domain/entities.hpp"
#include "domain/record_json.hpp"
#include "exchange/snapshot.hpp"
#include "sync/protocol/crypto.hpp"
#include "sync/protocol/http.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/receiver/receiver.hpp"
#include "sync/receiver/scratch_store.hpp"
#include "sync/receiver/sqlite_store.hpp"

namespace jh::test {

namespace pr = sync::protocol;
namespace rc = sync::receiver;

class TempDir {
public:
    TempDir() {
        std::random_device entropy;
        path_ = std::filesystem::temp_directory_path() / ("junheng-receiver-" + std::to_string(entropy()) + std::to_string(entropy()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// One school terminal: its code, key pair and stream, and the requests it makes.
struct Terminal {
    std::string school;
    pr::KeyPair key = pr::generate_key_pair();
    std::string stream = "0123456789abcdef0123456789abcdef";

    pr::HttpRequest signed_request(const std::string& method, const std::string& target, const std::string& body) const {
        pr::HttpRequest r;
        r.method = method;
        r.target = target;
        r.body = body;
        if (method == "POST") r.headers.emplace("Content-Type", std::string(pr::kRequestMediaType));
        r.headers.emplace(std::string(pr::kHeaderSchool), school);
        r.headers.emplace(std::string(pr::kHeaderSignature), pr::sign(pr::request_signed_text(method, target, school, body), key.secret_key));
        return r;
    }
    pr::HttpRequest post(std::string_view path, const std::string& json) const {
        return signed_request("POST", std::string(path), pr::compress(json));
    }
    pr::HttpRequest get(const std::string& target) const { return signed_request("GET", target, ""); }

    pr::HttpRequest enrol(const std::string& code) const { return post(pr::kPathEnrol, pr::encode(pr::EnrolRequest{school, code, key.public_key})); }
    pr::HttpRequest batch(const pr::Batch& b) const { return post(pr::kPathBatch, pr::encode(b)); }
};

// A demo school year as the terminal submits it, version `v` (a class's pupils differ per
// version, so each version's snapshot differs).
inline pr::Submission demo_submission(const Terminal& t, int v, int year = 2025) {
    auto data = domain::make_demo_school(t.school, year);
    data.classes.front().pupils += v;
    const auto bytes = exchange::write_snapshot(data);
    return {t.school, year, v, domain::sha256_hex(bytes), pr::sign(bytes, t.key.secret_key), bytes};
}

// A chain of school_year entries (records that decode and need no school to validate).
// `variant` changes the content, so two chains of the same seqs differ (a fork).
inline std::vector<domain::AuditEntry> year_chain(int n, int variant = 0) {
    std::vector<domain::AuditEntry> out;
    std::string prev = domain::audit_genesis_hash();
    for (int i = 1; i <= n; ++i) {
        domain::SchoolYear y;
        y.id = i;
        y.year = 2000 + i + variant * 100;
        domain::AuditEntry e{i, "2026-12-01T10:00:00Z", "张老师", "school_year", i, "insert", "", domain::record_json_text(y, i), prev, {}};
        e.hash = domain::audit_hash(e);
        prev = e.hash;
        out.push_back(e);
    }
    return out;
}

// The batch of entries (from, to] of a chain (seqs are 1-based: entry k is chain[k-1]).
inline pr::Batch batch_of(const Terminal& t, const std::vector<domain::AuditEntry>& chain, int from, int to, int schema_version = 4) {
    pr::Batch b;
    b.school = t.school;
    b.stream = t.stream;
    b.after = from == 0 ? pr::Link{0, domain::audit_genesis_hash()} : pr::Link{from, chain[from - 1].hash};
    b.tip = to == 0 ? b.after : pr::Link{to, chain[to - 1].hash};
    for (int k = from + 1; k <= to; ++k) b.entries.push_back(pr::to_wire(chain[k - 1], schema_version));
    return b;
}

// A receiver on a scratch store: SQLite, or PostgreSQL in the `postgres` runs (scratch_store.hpp).
struct Bureau {
    TempDir dir;
    ScratchStore scratch{dir.path()};
    std::unique_ptr<rc::ReceiverStore> store = scratch.open();
    rc::Receiver receiver{*store};

    // Registers `t`'s school and enrols it; returns the code used.
    std::string enrol(const Terminal& t, const std::string& name = "测试学校") {
        const auto code = rc::register_school(*store, t.school, name);
        const auto reply = handle(t.enrol(code));
        REQUIRE(reply.status == 200);
        return code;
    }

    // Handles a request and checks the reply's signature binds it.
    pr::HttpResponse handle(const pr::HttpRequest& request) {
        auto reply = receiver.handle(request);
        const auto sig = pr::header_value(request.headers, pr::kHeaderSignature).value_or("");
        const auto reply_sig = pr::header_value(reply.headers, pr::kHeaderReplySignature);
        REQUIRE(reply_sig);
        CHECK(pr::verify(pr::reply_signed_text(reply.status, sig, reply.body), *reply_sig, store->receiver_key().public_key));
        return reply;
    }
};

inline std::string problem_of(const pr::HttpResponse& r) { return pr::decode_problem_reply(r.body).problem; }

}  // namespace jh::test
