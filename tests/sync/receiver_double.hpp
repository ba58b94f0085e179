// A stand-in for the bureau receiver in the client's tests, until `sync::receiver::Receiver`
// (branch h-receiver) is on main: it answers the protocol's answer table
// (docs/sync-protocol.md "What the receiver answers to a batch") from memory, signs every
// reply with a test receiver key, and lets a test make it lose what it acknowledged (a restore
// of the bureau's store) or refuse the terminal. It is deliberately minimal — no records, no
// flags, no archive — and is NOT a second receiver: the fault-matrix tests take any
// `TestReceiver`, so switching them to the real Receiver is one new implementation of it
// (handle = Receiver::handle, add_school = register_school, …).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "domain/audit_entry.hpp"
#include "sync/protocol/crypto.hpp"
#include "sync/protocol/http.hpp"
#include "sync/protocol/messages.hpp"

namespace jh::test {

namespace proto = jh::sync::protocol;

// What the fault-matrix tests need of a receiver.
class TestReceiver {
public:
    virtual ~TestReceiver() = default;
    virtual proto::HttpResponse handle(const proto::HttpRequest& request) = 0;
    // Registers a school (or issues a new code for a known one, revoking its terminal): the code.
    virtual std::string add_school(const std::string& school, const std::string& name) = 0;
    virtual void revoke(const std::string& school) = 0;
    // The receiver's tip of the school's live stream.
    virtual proto::Link live_tip(const std::string& school) = 0;
    virtual std::string live_stream(const std::string& school) = 0;
    // Submissions it holds: (year, version) -> sha256.
    virtual std::map<std::pair<int, int>, std::string> submissions(const std::string& school) = 0;
};

class ReceiverDouble : public TestReceiver {
public:
    proto::KeyPair key = proto::generate_key_pair();
    bool busy = false;
    int applied_batches = 0, unchanged_batches = 0;

    std::string add_school(const std::string& school, const std::string& name) override {
        auto& s = schools_[school];
        s.name = name;
        s.code = "CODE-" + std::to_string(++codes_);
        s.terminal_key.clear();   // a new code revokes the old terminal
        s.revoked = false;
        return s.code;
    }
    void revoke(const std::string& school) override { schools_.at(school).revoked = true; }
    proto::Link live_tip(const std::string& school) override { return tip_of(schools_.at(school), schools_.at(school).live); }
    std::string live_stream(const std::string& school) override { return schools_.at(school).live; }
    std::map<std::pair<int, int>, std::string> submissions(const std::string& school) override {
        return schools_.at(school).submissions;
    }
    // The bureau restored its store from before the last `n` acknowledged entries of the live stream.
    void lose_last(const std::string& school, std::size_t n) {
        auto& hashes = schools_.at(school).streams[schools_.at(school).live];
        hashes.resize(hashes.size() > n ? hashes.size() - n : 0);
    }

    proto::HttpResponse handle(const proto::HttpRequest& request) override {
        const std::string request_signature = proto::header_value(request.headers, proto::kHeaderSignature).value_or("-");
        auto reply = [&](int status, const std::string& body) {
            proto::HttpResponse r;
            r.status = status;
            r.body = body;
            r.headers["Content-Type"] = std::string(proto::kReplyMediaType);
            r.headers[std::string(proto::kHeaderReplySignature)] =
                proto::sign(proto::reply_signed_text(status, request_signature, body), key.secret_key);
            return r;
        };
        auto refuse = [&](int status, std::string_view problem, const std::string& message,
                          std::optional<proto::Link> tip = std::nullopt, const std::string& stream = {}) {
            return reply(status, proto::encode(proto::ProblemReply{std::string(problem), message, tip, stream}));
        };
        const std::string path = request.target.substr(0, request.target.find('?'));
        if (path == proto::kPathHello) return reply(200, proto::encode(proto::HelloReply{1, key.public_key, now()}));
        if (busy) return refuse(503, proto::problem::kBusy, "busy");
        const auto school_code = proto::header_value(request.headers, proto::kHeaderSchool).value_or("");
        auto found = schools_.find(school_code);
        if (found == schools_.end()) return refuse(401, proto::problem::kCredential, "unknown school");
        School& school = found->second;
        const auto body = request.body.empty() ? std::optional<std::string>("")
                                               : proto::decompress(request.body, proto::kMaxInflatedBytes);
        if (!body) return refuse(400, proto::problem::kMalformed, "not zlib");
        try {
            if (path == proto::kPathEnrol) {
                auto enrol = proto::decode_enrol_request(*body);
                if (enrol.code != school.code || school.code.empty())
                    return refuse(403, proto::problem::kEnrolmentCode, "the enrolment code is used, wrong or unknown");
                if (!proto::verify(proto::request_signed_text(request.method, request.target, school_code, request.body),
                                   request_signature, enrol.public_key))
                    return refuse(401, proto::problem::kCredential, "bad signature");
                school.code.clear();   // one-time
                school.terminal_key = enrol.public_key;
                return reply(200, proto::encode(proto::EnrolReply{school_code, school.name, key.public_key, now()}));
            }
            if (school.terminal_key.empty() ||
                !proto::verify(proto::request_signed_text(request.method, request.target, school_code, request.body),
                               request_signature, school.terminal_key))
                return refuse(401, proto::problem::kCredential, "bad signature");
            if (school.revoked) return refuse(403, proto::problem::kRevoked, "this terminal is revoked");
            if (path == proto::kPathTip) {
                const auto stream = request.target.substr(request.target.find('=') + 1);
                return reply(200, proto::encode(proto::TipReply{stream, tip_of(school, stream), now()}));
            }
            if (path == proto::kPathBatch) return batch(school, proto::decode_batch(*body), reply, refuse);
            if (path == proto::kPathSubmission) {
                auto sub = proto::decode_submission(*body);
                if (domain::sha256_hex(sub.snapshot) != sub.sha256 ||
                    !proto::verify(sub.snapshot, sub.signature, school.terminal_key))
                    return refuse(400, proto::problem::kMalformed, "snapshot hash or signature wrong");
                auto key = std::make_pair(sub.year, sub.version);
                std::string result(proto::result::kReceived);
                if (auto it = school.submissions.find(key); it != school.submissions.end()) {
                    if (it->second != sub.sha256)
                        return refuse(409, proto::problem::kSubmissionConflict, "other bytes for this version");
                    result = proto::result::kUnchanged;
                }
                school.submissions[key] = sub.sha256;
                return reply(200, proto::encode(proto::SubmissionReply{result, sub.year, sub.version, sub.sha256, now()}));
            }
            if (path == proto::kPathStatus) {
                proto::StatusReply st{school_code, school.name, school.revoked ? "revoked" : "active", school.live,
                                      tip_of(school, school.live), now(), {}, now()};
                for (const auto& [k, sha] : school.submissions) st.submissions.push_back({k.first, k.second, sha, now()});
                return reply(200, proto::encode(st));
            }
            return refuse(404, proto::problem::kNotFound, "no such path");
        } catch (const proto::DecodeError& e) {
            return refuse(400, e.problem, e.what());
        }
    }

private:
    struct School {
        std::string name, code, terminal_key;
        bool revoked = false;
        std::map<std::string, std::vector<std::string>> streams;   // stream -> hash of seq 1, 2, …
        std::string live;
        std::map<std::pair<int, int>, std::string> submissions;
    };

    static std::string now() { return "2026-12-01T12:00:00Z"; }

    static proto::Link tip_of(School& school, const std::string& stream) {
        const auto& hashes = school.streams[stream];
        if (hashes.empty()) return {0, domain::audit_genesis_hash()};
        return {static_cast<std::int64_t>(hashes.size()), hashes.back()};
    }

    template <class Reply, class Refuse>
    proto::HttpResponse batch(School& school, const proto::Batch& b, Reply& reply, Refuse& refuse) {
        const auto computed = proto::chain_hashes(b);
        auto& hashes = school.streams[b.stream];
        const proto::Link tip = tip_of(school, b.stream);
        auto held_at = [&](std::int64_t seq) {
            return seq == 0 ? domain::audit_genesis_hash() : hashes[static_cast<std::size_t>(seq - 1)];
        };
        // Other content at a seq it holds: a fork.
        if (b.after.seq <= tip.seq && held_at(b.after.seq) != b.after.hash)
            return refuse(409, proto::problem::kFork, "other content at seq " + std::to_string(b.after.seq), tip, b.stream);
        for (std::size_t i = 0; i < b.entries.size(); ++i) {
            const auto seq = b.entries[i].seq;
            if (seq <= tip.seq && held_at(seq) != computed[i])
                return refuse(409, proto::problem::kFork, "other content at seq " + std::to_string(seq), tip, b.stream);
        }
        if (b.tip.seq <= tip.seq) {
            ++unchanged_batches;
            return reply(200, proto::encode(proto::BatchReply{std::string(proto::result::kUnchanged), b.stream, tip, {}, now()}));
        }
        if (b.after.seq > tip.seq)
            return refuse(412, proto::problem::kGap, "the receiver holds up to seq " + std::to_string(tip.seq), tip, b.stream);
        for (std::size_t i = 0; i < b.entries.size(); ++i)
            if (b.entries[i].seq > tip.seq) hashes.push_back(computed[i]);
        if (school.live != b.stream) school.live = b.stream;   // a new stream becomes the live copy
        ++applied_batches;
        return reply(200, proto::encode(proto::BatchReply{std::string(proto::result::kApplied), b.stream,
                                                          tip_of(school, b.stream), {}, now()}));
    }

    std::map<std::string, School> schools_;
    int codes_ = 0;
};

}  // namespace jh::test
