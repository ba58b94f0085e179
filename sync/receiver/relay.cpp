// The relay at a receiver, upstream side (handle_relay, register_member) and the downstream's
// enrolment (enrol_upstream); see relay.hpp and docs/sync-protocol.md "Relay".
#include "sync/receiver/relay.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "domain/audit_entry.hpp"
#include "sync/protocol/crypto.hpp"
#include "sync/protocol/relay.hpp"
#include "sync/receiver/forwarder.hpp"
#include "sync/receiver/receiver.hpp"
#include "sync/transport/signed_exchange.hpp"

namespace jh::sync::receiver {

namespace pr = protocol;
namespace rl = protocol::relay;

namespace {


std::string signature_of(const pr::HttpRequest& request) {
    auto signature = pr::header_value(request.headers, pr::kHeaderSignature);
    if (!signature || signature->empty() || signature->size() > kMaxSignatureHeader)
        throw Refusal{pr::kUnauthorized, pr::problem::kCredential, "missing or malformed " + std::string(pr::kHeaderSignature) + " header"};
    return *signature;
}

// The member a request is signed by: the Junheng-Relay header, checked against its enrolled key.
std::string authenticated_member(ReceiverStore& store, const pr::HttpRequest& request) {
    auto member = pr::header_value(request.headers, rl::kHeaderMember);
    if (!member || !rl::is_region_code(*member))
        throw Refusal{pr::kUnauthorized, pr::problem::kCredential,
                           "missing or malformed " + std::string(rl::kHeaderMember) + " header (a 6-digit region code)"};
    const auto signature = signature_of(request);
    const auto key = store.member_key(*member);
    if (!key)
        throw Refusal{pr::kUnauthorized, pr::problem::kCredential, "region " + *member + " has not enrolled with this receiver"};
    if (!pr::verify(pr::request_signed_text(request.method, request.target, *member, request.body), signature, *key))
        throw Refusal{pr::kUnauthorized, pr::problem::kCredential, "the request's signature does not verify with region " + *member + "'s key"};
    return *member;
}

void same_member(const std::string& body_member, const std::string& header_member) {
    if (body_member != header_member)
        throw Refusal{pr::kForbidden, pr::problem::kWrongSchool,
                           "the body is of region " + body_member + " but the request is signed by region " + header_member};
}

void check_method(const pr::HttpRequest& request, std::string_view path, std::string_view method) {
    if (request.method != method)
        throw Refusal{pr::kMethodNotAllowed, pr::problem::kMethod, std::string(path) + " takes " + std::string(method)};
}

// "after=N" of the query (N a whole number below 2^53), or nullopt.
std::optional<std::int64_t> query_after(std::string_view query) {
    const std::string prefix = std::string(pr::kQueryAfter) + "=";
    if (query.rfind(prefix, 0) != 0 || query.size() == prefix.size() || query.size() > prefix.size() + 16) return std::nullopt;
    std::int64_t v = 0;
    for (char c : query.substr(prefix.size())) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::string listed(const std::vector<std::string>& codes) {
    std::string out;
    for (std::size_t i = 0; i < codes.size() && i < 5; ++i) out += (i ? ", " : "") + codes[i];
    if (codes.size() > 5) out += " and " + std::to_string(codes.size() - 5) + " more";
    return out;
}

}  // namespace

RelayAnswer handle_relay(ReceiverStore& store, const pr::HttpRequest& request, const std::string& path, std::string_view query,
                         const std::string& now) {
    if (path == rl::kPathEnrol) {
        check_method(request, path, "POST");
        const auto signature = signature_of(request);
        const auto m = decoded([&] { return rl::decode_enrol_request(inflate_body(request.body)); });
        if (!pr::verify(pr::request_signed_text(request.method, request.target, "", request.body), signature, m.public_key))
            throw Refusal{pr::kUnauthorized, pr::problem::kCredential, "the request's signature does not verify with the key it enrols"};
        const auto member = store.enrol_member(enrolment_code_hash(m.code), m.public_key, now);
        if (!member)
            throw Refusal{pr::kForbidden, pr::problem::kEnrolmentCode,
                               "the relay code is wrong or already used: ask the upstream bureau for a new one (junheng-bureau county add)"};
        return {pr::kOk, rl::encode(rl::EnrolReply{member->code, member->name, store.receiver_key().public_key, now})};
    }
    if (path == rl::kPathSubmission) {
        check_method(request, path, "POST");
        const auto member = authenticated_member(store, request);
        const auto m = decoded([&] { return rl::decode_submission(inflate_body(request.body)); });
        same_member(m.member, member);
        if (domain::sha256_hex(m.snapshot) != m.sha256)
            throw Refusal{pr::kBadRequest, pr::problem::kMalformed, "'sha256' is not the SHA-256 of the snapshot sent"};
        if (!pr::verify(m.snapshot, m.signature, m.school_key))
            throw Refusal{pr::kBadRequest, pr::problem::kMalformed,
                               "the snapshot's signature does not verify with school " + m.school + "'s key"};
        const auto stored = store.add_relayed_submission(m, now);
        switch (stored.outcome) {
            case RelayOutcome::Received:
            case RelayOutcome::Unchanged:
                return {pr::kOk, rl::encode(rl::SubmissionReply{std::string(stored.outcome == RelayOutcome::Received ? pr::result::kReceived
                                                                                                                   : pr::result::kUnchanged),
                                                                m.school, m.year, m.version, stored.received_at})};
            case RelayOutcome::Conflict:
                throw Refusal{pr::kConflict, pr::problem::kSubmissionConflict,
                                   "version " + std::to_string(m.version) + " of school " + m.school + "'s year " + std::to_string(m.year) +
                                       " is already held with other content"};
            case RelayOutcome::OtherMember:
                throw Refusal{pr::kForbidden, pr::problem::kWrongSchool,
                                   "school " + m.school + " is answered for by " + stored.holder + ", not by region " + member};
        }
    }
    if (path == rl::kPathSchools) {
        check_method(request, path, "POST");
        const auto member = authenticated_member(store, request);
        const auto m = decoded([&] { return rl::decode_schools(inflate_body(request.body)); });
        same_member(m.member, member);
        const auto stored = store.put_member_schools(m, now);
        if (!stored.other_member.empty())
            throw Refusal{pr::kForbidden, pr::problem::kWrongSchool,
                               "these schools are answered for by another region or by this receiver: " + listed(stored.other_member) +
                                   "; nothing stored"};
        return {pr::kOk, rl::encode(rl::SchoolsReply{stored.count, now})};
    }
    if (path == rl::kPathDecisions) {
        check_method(request, path, "GET");
        const auto member = authenticated_member(store, request);
        std::int64_t after = 0;
        const auto value = query_after(query);
        if (!value) throw Refusal{pr::kBadRequest, pr::problem::kMalformed, "the query needs after=SEQ (a whole number)"};
        after = *value;
        std::set<std::string> schools;
        for (const auto& r : store.relay_schools())
            if (r.member == member) schools.insert(r.school);
        pr::InboxReply reply;
        for (auto& d : store.decisions(std::nullopt)) {
            if (d.seq <= after || !schools.count(d.school)) continue;
            if (reply.items.size() == rl::kMaxDecisions) {
                reply.more = true;
                break;
            }
            reply.items.push_back(std::move(d));
        }
        reply.receiver_time = now;
        return {pr::kOk, pr::encode(reply)};
    }
    throw Refusal{pr::kNotFound, pr::problem::kNotFound, "no such relay path"};
}

std::string register_member(ReceiverStore& store, const std::string& code, const std::string& name) {
    if (!rl::is_region_code(code)) throw std::invalid_argument("'" + code + "' is not a 6-digit region code (行政区划代码)");
    if (name.empty()) throw std::invalid_argument("the name must not be empty");
    if (name.size() > pr::kMaxTextBytes) throw std::invalid_argument("the name is longer than 1024 bytes");
    for (unsigned char c : name)
        if (c < 0x20) throw std::invalid_argument("the name holds a control character");
    auto one_time = make_enrolment_code();
    store.add_member(code, name, enrolment_code_hash(one_time), utc_now());
    return one_time;
}

RelayUpstream enrol_upstream(ReceiverStore& store, transport::Transport& transport, const std::string& raw_url,
                             const std::string& code) {
    std::string url = raw_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
        throw std::runtime_error("the upstream address must start with https:// or http://, got '" + raw_url + "'");

    // The upstream's key from its hello; the enrolment reply must then verify with it.
    pr::HttpRequest hello;
    hello.method = "GET";
    hello.target = std::string(pr::kPathHello);
    auto sent = transport.send(url, hello);
    if (!sent.delivered) throw std::runtime_error("the upstream at " + url + " could not be reached: " + sent.error);
    std::string upstream_key;
    try {
        upstream_key = pr::decode_hello_reply(sent.response.body).receiver_key;
    } catch (const pr::DecodeError&) {
        throw std::runtime_error(url + " did not answer as a Junheng receiver (HTTP " + std::to_string(sent.response.status) + ")");
    }
    const auto hello_signature = pr::header_value(sent.response.headers, pr::kHeaderReplySignature);
    if (!pr::is_public_key(upstream_key) || !hello_signature ||
        !pr::verify(pr::reply_signed_text(sent.response.status, "-", sent.response.body), *hello_signature, upstream_key))
        throw std::runtime_error(url + " did not answer with a signed receiver greeting");
    if (upstream_key == store.receiver_key().public_key) throw std::runtime_error(url + " is this receiver itself");

    const auto key = pr::generate_key_pair();
    const auto request = transport::signed_request("POST", std::string(rl::kPathEnrol), rl::kHeaderMember, "",
                                                   rl::encode(rl::EnrolRequest{code, key.public_key}), key.secret_key);
    const auto reply = transport::verified_exchange(transport, url, request, upstream_key);
    if (!reply.verified) throw std::runtime_error(reply.error);
    if (reply.response.status != pr::kOk) {
        std::string message = "HTTP " + std::to_string(reply.response.status);
        try {
            message = pr::decode_problem_reply(reply.response.body).message;
        } catch (const pr::DecodeError&) {
        }
        throw std::runtime_error("the upstream refused the enrolment: " + message);
    }
    rl::EnrolReply enrolled;
    try {
        enrolled = rl::decode_enrol_reply(reply.response.body);
    } catch (const pr::DecodeError& e) {
        throw std::runtime_error(std::string("the upstream's enrolment reply cannot be read: ") + e.what());
    }
    if (enrolled.receiver_key != upstream_key) throw std::runtime_error("the upstream's enrolment reply names another key than its greeting");
    RelayUpstream upstream;
    upstream.url = url;
    upstream.member = enrolled.member;
    upstream.name = enrolled.name;
    upstream.upstream_key = upstream_key;
    upstream.key = key;
    upstream.enrolled_at = enrolled.receiver_time;
    store.set_upstream(upstream);
    return *store.upstream();
}

protocol::InboxItem own_copy_of_upstream_decision(const protocol::InboxItem& upstream) {
    protocol::InboxItem own;
    own.kind = upstream.kind;
    own.school = upstream.school;
    own.year = upstream.year;
    own.version = upstream.version;
    own.decision = upstream.decision;
    own.text = upstream.text;
    // The name, cut at a character boundary if need be, and the suffix within a text's bound.
    const auto& suffix = protocol::relay::kUpstreamBySuffix;
    std::size_t keep = std::min(upstream.by.size(), protocol::kMaxTextBytes - suffix.size());
    while (keep > 0 && keep < upstream.by.size() && (static_cast<unsigned char>(upstream.by[keep]) & 0xC0) == 0x80) --keep;
    own.by = upstream.by.substr(0, keep) + std::string(suffix);
    return own;
}

std::map<std::string, RelaySchool> relayed_schools(ReceiverStore& store) {
    std::map<std::string, RelaySchool> relayed;
    for (auto& r : store.relay_schools())
        if (r.listed) relayed[r.school] = std::move(r);
    return relayed;
}

nlohmann::json relay_completeness(ReceiverStore& store, int year) {
    using nlohmann::json;
    const auto members = store.members();
    json out = json::array();
    if (members.empty()) return out;
    std::map<std::string, std::string> member_of;
    for (const auto& r : store.relay_schools())
        if (r.listed) member_of[r.school] = r.member;
    // The states as this receiver knows them (its own decisions over the reported ones).
    const auto states = school_states(store, "");
    for (const auto& m : members) {
        int schools = 0, submitted = 0, accepted = 0, returned = 0, late = 0;
        json not_submitted = json::array(), returned_list = json::array(), late_list = json::array();
        for (const auto& s : states.schools) {
            const auto it = member_of.find(s.code);
            if (it == member_of.end() || it->second != m.code) continue;
            ++schools;
            const bool of_year = s.year == year && s.version > 0;
            if (of_year) ++submitted;
            else not_submitted.push_back(s.code);
            if (of_year && s.review == protocol::relay::review::kAccepted) ++accepted;
            if (of_year && s.review == protocol::relay::review::kReturned) {
                ++returned;
                returned_list.push_back(s.code);
            }
            if (s.late) {
                ++late;
                late_list.push_back(s.code);
            }
        }
        out.push_back({{"code", m.code},
                       {"name", m.name},
                       {"enrolled", m.enrolled},
                       {"last_seen", m.last_seen ? json(*m.last_seen) : json(nullptr)},
                       {"schools", schools},
                       {"submitted", submitted},
                       {"accepted", accepted},
                       {"returned", returned},
                       {"late", late},
                       {"not_submitted", not_submitted},
                       {"returned_schools", returned_list},
                       {"late_schools", late_list}});
    }
    return out;
}

}  // namespace jh::sync::receiver
