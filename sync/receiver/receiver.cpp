// Receiver::handle: routes, checks and answers of protocol v1; see receiver.hpp and
// docs/sync-protocol.md.
#include "sync/receiver/receiver.hpp"

#include <sodium.h>

#include <cctype>
#include <chrono>
#include <ctime>
#include <optional>
#include <stdexcept>

#include "domain/audit_entry.hpp"
#include "sync/protocol/crypto.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/protocol/protocol.hpp"
#include "sync/receiver/relay.hpp"
#include "sync/receiver/refusal.hpp"
#include "sync/receiver/report_cache.hpp"
#include "sync/receiver/sqlite.hpp"

namespace jh::sync::receiver {

namespace pr = protocol;

namespace {

constexpr std::size_t kMaxTarget = 2048;

std::string lower_trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    text = text.substr(first, text.find_last_not_of(" \t") - first + 1);
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Request text echoed in a message: printable ASCII only (a reply is JSON, which must be valid
// UTF-8), at most 100 bytes.
std::string echoed(std::string_view text) {
    std::string out;
    for (char c : text.substr(0, 100)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
    if (text.size() > 100) out += "...";
    return out;
}

// When the store cannot even give the key to sign with: an unsigned 503, which the client
// treats as "unreachable" and retries.
pr::HttpResponse unsigned_failure(const std::exception& e) {
    pr::HttpResponse response;
    response.status = pr::kServiceUnavailable;
    response.headers.emplace("Content-Type", std::string(pr::kReplyMediaType));
    response.body = pr::encode(pr::ProblemReply{std::string(pr::problem::kBusy), std::string("the receiver failed: ") + echoed(e.what()), std::nullopt, {}});
    return response;
}

struct Route {
    std::string_view path;
    std::string_view method;
    bool signed_by_terminal;     // needs an enrolled terminal's signature
};
constexpr Route kRoutes[] = {
    {pr::kPathHello, "GET", false},  {pr::kPathEnrol, "POST", false},      {pr::kPathTip, "GET", true},
    {pr::kPathBatch, "POST", true},  {pr::kPathSubmission, "POST", true}, {pr::kPathStatus, "GET", true},
    {pr::kPathInbox, "GET", true},
};

// The value of `name` in a query string "a=1&b=2" (no percent-decoding: every value of the
// protocol is hex or digits).
std::optional<std::string> query_value(std::string_view query, std::string_view name) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

void check_framing(const pr::HttpRequest& request) {
    if (pr::header_value(request.headers, "Transfer-Encoding"))
        throw Refusal{pr::kUnsupportedMediaType, pr::problem::kMediaType, "Transfer-Encoding is not accepted: send the body with a Content-Length"};
    if (pr::header_value(request.headers, "Content-Encoding"))
        throw Refusal{pr::kUnsupportedMediaType, pr::problem::kMediaType,
                      "Content-Encoding is not accepted: send the body compressed as " + std::string(pr::kRequestMediaType)};
    if (request.method != "POST") return;
    const auto type = pr::header_value(request.headers, "Content-Type");
    if (!type || lower_trimmed(*type) != pr::kRequestMediaType)
        throw Refusal{pr::kUnsupportedMediaType, pr::problem::kMediaType,
                      "the body must be sent as Content-Type " + std::string(pr::kRequestMediaType)};
    if (request.body.size() > pr::kMaxRequestBytes)
        throw Refusal{pr::kPayloadTooLarge, pr::problem::kTooLarge,
                      "the body is larger than " + std::to_string(pr::kMaxRequestBytes) + " bytes"};
}


void same_school(const std::string& body_school, const std::string& header_school) {
    if (body_school != header_school)
        throw Refusal{pr::kForbidden, pr::problem::kWrongSchool,
                      "the body is of school " + body_school + " but the request is signed for school " + header_school};
}

std::string header_school(const pr::HttpRequest& request) {
    auto school = pr::header_value(request.headers, pr::kHeaderSchool);
    if (!school || !pr::is_school_code(*school))
        throw Refusal{pr::kUnauthorized, pr::problem::kCredential,
                      "missing or malformed " + std::string(pr::kHeaderSchool) + " header (a 10-digit school code)"};
    return *school;
}

std::string header_signature(const pr::HttpRequest& request) {
    auto signature = pr::header_value(request.headers, pr::kHeaderSignature);
    if (!signature || signature->empty() || signature->size() > kMaxSignatureHeader)
        throw Refusal{pr::kUnauthorized, pr::problem::kCredential, "missing or malformed " + std::string(pr::kHeaderSignature) + " header"};
    return *signature;
}

// Normalised code: upper case, without dashes and spaces.
std::string normalised_code(std::string_view code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ') continue;
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

void check_name(const std::string& name) {
    if (name.empty()) throw std::invalid_argument("the school name must not be empty");
    if (name.size() > pr::kMaxTextBytes) throw std::invalid_argument("the school name is longer than 1024 bytes");
    for (unsigned char c : name)
        if (c < 0x20) throw std::invalid_argument("the school name holds a control character");
}

void check_code(const std::string& code) {
    if (!pr::is_school_code(code)) throw std::invalid_argument("'" + code + "' is not a 10-digit school code (学校标识码)");
}

}  // namespace

std::string utc_now() {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string make_enrolment_code() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    static constexpr std::string_view alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    std::string code;
    for (int i = 0; i < 16; ++i) {
        if (i > 0 && i % 4 == 0) code += '-';
        code += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
    }
    return code;
}

std::string enrolment_code_hash(std::string_view code) { return domain::sha256_hex(normalised_code(code)); }

std::string register_school(ReceiverStore& store, const std::string& code, const std::string& name) {
    check_code(code);
    check_name(name);
    auto one_time = make_enrolment_code();
    store.add_school(code, name, enrolment_code_hash(one_time), utc_now());
    return one_time;
}

std::string replace_terminal(ReceiverStore& store, const std::string& code) {
    check_code(code);
    auto one_time = make_enrolment_code();
    store.replace(code, enrolment_code_hash(one_time), utc_now());
    return one_time;
}

void revoke_school(ReceiverStore& store, const std::string& code) {
    check_code(code);
    store.revoke(code, utc_now());
}

Receiver::Receiver(ReceiverStore& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

pr::KeyPair signing_key(ReceiverStore& store, const std::string& school) {
    if (pr::is_school_code(school)) {
        try {
            if (auto origin = store.school_origin(school)) return origin->key;
        } catch (const StoreError&) {
            // The store is down: the reply is a 503 the terminal treats as unreachable under
            // any key; the store's own key is held in memory.
        }
    }
    return store.receiver_key();
}

std::vector<pr::InboxItem> school_inbox(ReceiverStore& store, const std::string& school, std::int64_t after, std::size_t limit) {
    const auto origin = store.school_origin(school);
    if (!origin) return store.inbox(school, after, limit);
    auto items = store.inbox(school, after + origin->inbox_offset, limit);
    for (auto& item : items) {
        item.seq -= origin->inbox_offset;
        pr::sign_inbox_item(item, origin->key.secret_key);
    }
    return items;
}

pr::HttpResponse Receiver::reply(int status, const std::string& body, const std::string& request_signature,
                                 const std::string& school) {
    pr::HttpResponse response;
    response.status = status;
    response.body = body;
    response.headers.emplace("Content-Type", std::string(pr::kReplyMediaType));
    const auto key = signing_key(store_, school);
    response.headers.emplace(std::string(pr::kHeaderReplySignature),
                             pr::sign(pr::reply_signed_text(status, request_signature, body), key.secret_key));
    return response;
}

pr::HttpResponse Receiver::refuse(int status, std::string_view problem, const std::string& message,
                                  const pr::Headers& request_headers) {
    auto signature = pr::header_value(request_headers, pr::kHeaderSignature).value_or("");
    if (signature.size() > kMaxSignatureHeader) signature.clear();
    const auto school = pr::header_value(request_headers, pr::kHeaderSchool).value_or("");
    try {
        return reply(status, pr::encode(pr::ProblemReply{std::string(problem), message, std::nullopt, {}}), signature, school);
    } catch (const std::exception& e) {
        return unsigned_failure(e);
    }
}

pr::HttpResponse Receiver::handle(const pr::HttpRequest& request) {
    auto signature = pr::header_value(request.headers, pr::kHeaderSignature).value_or("");
    if (signature.size() > kMaxSignatureHeader) signature.clear();
    // A refusal to a moved school is signed with the key it pinned too (a gap it must heal).
    const auto school = pr::header_value(request.headers, pr::kHeaderSchool).value_or("");
    try {
        try {
            return dispatch(request, signature);
        } catch (const Refusal& r) {
            return reply(r.status, pr::encode(pr::ProblemReply{std::string(r.problem), r.message, r.tip, r.stream}), signature, school);
        } catch (const StoreError& e) {
            return reply(pr::kServiceUnavailable,
                         pr::encode(pr::ProblemReply{std::string(pr::problem::kBusy), std::string("the receiver's store is busy or down: ") + echoed(e.what()), std::nullopt, {}}),
                         signature, school);
        }
    } catch (const std::exception& e) {
        return unsigned_failure(e);
    }
}

pr::HttpResponse Receiver::dispatch(const pr::HttpRequest& request, const std::string& request_signature) {
    if (request.target.size() > kMaxTarget) throw Refusal{pr::kNotFound, pr::problem::kNotFound, "the request target is too long"};
    const auto question = request.target.find('?');
    const std::string path = request.target.substr(0, question);
    const std::string_view query = question == std::string::npos ? std::string_view() : std::string_view(request.target).substr(question + 1);
    if (path.rfind(pr::relay::kPathPrefix, 0) == 0) {   // a county's receiver relaying to this one (relay.hpp)
        check_framing(request);
        const auto answer = handle_relay(store_, request, path, query, clock_());
        return reply(answer.status, answer.body, request_signature, "");
    }
    const Route* route = nullptr;
    for (const auto& r : kRoutes)
        if (r.path == path) route = &r;
    if (!route) throw Refusal{pr::kNotFound, pr::problem::kNotFound, "no such path: " + echoed(path)};
    if (request.method != route->method)
        throw Refusal{pr::kMethodNotAllowed, pr::problem::kMethod, path + " takes " + std::string(route->method) + ", not " + echoed(request.method)};
    check_framing(request);

    const auto now = clock_();
    if (route->path == pr::kPathHello) {
        // Unsigned, so the school header is a hint only: a moved school's terminal (its probe
        // names its school) is greeted with the key it pinned; anyone else with this receiver's.
        const auto hint = pr::header_value(request.headers, pr::kHeaderSchool).value_or("");
        return reply(pr::kOk, pr::encode(pr::HelloReply{pr::kVersion, signing_key(store_, hint).public_key, now}),
                     request_signature, hint);
    }

    const auto school = header_school(request);
    const auto signature = header_signature(request);
    const auto signed_text = pr::request_signed_text(request.method, request.target, school, request.body);

    if (route->path == pr::kPathEnrol) {
        const auto text = inflate_body(request.body);
        const auto m = decoded([&] { return pr::decode_enrol_request(text); });
        same_school(m.school, school);
        if (!pr::is_public_key(m.public_key))
            throw Refusal{pr::kBadRequest, pr::problem::kMalformed, "'public_key' is not a base64 Ed25519 public key"};
        if (!pr::verify(signed_text, signature, m.public_key))
            throw Refusal{pr::kUnauthorized, pr::problem::kCredential, "the request's signature does not verify with the key it enrols"};
        if (store_.enrol(school, enrolment_code_hash(m.code), m.public_key, now) != EnrolOutcome::Enrolled)
            throw Refusal{pr::kForbidden, pr::problem::kEnrolmentCode,
                          "the enrolment code is wrong, already used or withdrawn for school " + school +
                              ": ask the bureau for a new one (junheng-bureau school replace)"};
        const auto info = store_.school(school);
        return reply(pr::kOk, pr::encode(pr::EnrolReply{school, info ? info->name : "", signing_key(store_, school).public_key, now}),
                     request_signature, school);
    }

    // Every other route: the school's enrolled terminal signed the request.
    const auto keys = store_.keys(school);
    if (!keys.active || !pr::verify(signed_text, signature, *keys.active)) {
        if (keys.revoked && pr::verify(signed_text, signature, *keys.revoked))
            throw Refusal{pr::kForbidden, pr::problem::kRevoked,
                          "this terminal's credential for school " + school + " was revoked or replaced at the bureau"};
        if (!keys.active && !keys.revoked)
            throw Refusal{pr::kUnauthorized, pr::problem::kCredential, "school " + school + " has no enrolled terminal at this receiver"};
        throw Refusal{pr::kUnauthorized, pr::problem::kCredential, "the request's signature does not verify with school " + school + "'s key"};
    }

    if (route->path == pr::kPathBatch) {
        const auto text = inflate_body(request.body);
        IngestRequest ingest;
        ingest.batch = decoded([&] { return pr::decode_batch(text); });
        same_school(ingest.batch.school, school);
        ingest.hashes = decoded([&] { return pr::chain_hashes(ingest.batch); });
        ingest.now = now;
        const auto result = store_.ingest(ingest);
        const auto& stream = ingest.batch.stream;
        switch (result.kind) {
            case IngestKind::Apply:
            case IngestKind::Unchanged:
                return reply(pr::kOk,
                             pr::encode(pr::BatchReply{std::string(result.kind == IngestKind::Apply ? pr::result::kApplied : pr::result::kUnchanged),
                                                       stream, result.acked, result.flags, now}),
                             request_signature, school);
            case IngestKind::Gap:
                throw Refusal{pr::kPreconditionFailed, pr::problem::kGap,
                              "the receiver holds this stream only up to seq " + std::to_string(result.acked.seq) + ": resend from there",
                              result.acked, stream};
            case IngestKind::Fork:
                throw Refusal{pr::kConflict, pr::problem::kFork,
                              "the receiver holds other content at a seq this batch covers, or the stream is archived: start a new stream",
                              result.acked, stream};
        }
    }

    store_.touch(school, now);
    if (route->path == pr::kPathTip) {
        const auto stream = query_value(query, pr::kQueryStream);
        if (!stream || !pr::is_stream_id(*stream))
            throw Refusal{pr::kBadRequest, pr::problem::kMalformed, "the query needs stream=ID (32 hex characters)"};
        return reply(pr::kOk, pr::encode(pr::TipReply{*stream, store_.tip(school, *stream), now}), request_signature, school);
    }
    if (route->path == pr::kPathSubmission) {
        const auto text = inflate_body(request.body);
        const auto m = decoded([&] { return pr::decode_submission(text); });
        same_school(m.school, school);
        if (domain::sha256_hex(m.snapshot) != m.sha256)
            throw Refusal{pr::kBadRequest, pr::problem::kMalformed, "'sha256' is not the SHA-256 of the snapshot sent"};
        if (!pr::verify(m.snapshot, m.signature, *keys.active))
            throw Refusal{pr::kBadRequest, pr::problem::kMalformed, "the snapshot's signature does not verify with school " + school + "'s key"};
        const auto stored = store_.add_submission({school, m.year, m.version, m.sha256, m.signature, m.snapshot, now});
        // The county report's figures of this version, kept now (report_cache.hpp; never throws).
        if (stored.outcome == SubmissionOutcome::Received)
            cache_submission(store_, {school, m.year, m.version, m.sha256, m.signature, m.snapshot, now});
        if (stored.outcome == SubmissionOutcome::Conflict)
            throw Refusal{pr::kConflict, pr::problem::kSubmissionConflict,
                          "version " + std::to_string(m.version) + " of school year " + std::to_string(m.year) +
                              " is already held with other content"};
        return reply(pr::kOk,
                     pr::encode(pr::SubmissionReply{std::string(stored.outcome == SubmissionOutcome::Received ? pr::result::kReceived : pr::result::kUnchanged),
                                                    m.year, m.version, m.sha256, stored.received_at}),
                     request_signature, school);
    }
    if (route->path == pr::kPathInbox) {
        const auto after_text = query_value(query, pr::kQueryAfter);
        std::int64_t after = -1;
        if (after_text && !after_text->empty() && after_text->size() <= 16 &&
            after_text->find_first_not_of("0123456789") == std::string::npos)
            after = std::stoll(*after_text);
        if (after < 0) throw Refusal{pr::kBadRequest, pr::problem::kMalformed, "the query needs after=SEQ (a number, 0 for all)"};
        pr::InboxReply inbox;
        inbox.items = school_inbox(store_, school, after, pr::kMaxInboxItems + 1);
        if (inbox.items.size() > pr::kMaxInboxItems) {
            inbox.items.resize(pr::kMaxInboxItems);
            inbox.more = true;
        }
        inbox.receiver_time = now;
        return reply(pr::kOk, pr::encode(inbox), request_signature, school);
    }
    // GET /v1/status
    if (!store_.school(school)) throw Refusal{pr::kUnauthorized, pr::problem::kCredential, "school " + school + " is not registered"};
    return reply(pr::kOk, pr::encode(school_status(store_, school, now)), request_signature, school);
}

pr::StatusReply school_status(ReceiverStore& store, const std::string& school, const std::string& now) {
    const auto info = store.school(school);
    if (!info) throw std::invalid_argument("no school " + school + " is registered");
    pr::StatusReply status;
    status.school = info->code;
    status.name = info->name;
    status.state = info->revoked ? "revoked" : "active";
    status.stream = info->live_stream;
    status.tip = info->tip;
    status.last_seen = info->last_seen.value_or("");
    for (const auto& s : store.submissions(school, false)) status.submissions.push_back({s.year, s.version, s.sha256, s.received_at});
    status.receiver_time = now;
    return status;
}

}  // namespace jh::sync::receiver
