// The bureau receiver's request handling, with no sockets: Receiver::handle takes one HTTP
// request as plain values and gives the reply, so the cpp-httplib adapter (serve.hpp), the
// sync client's fake transport, the tests and the fuzzer all drive the same code. Every reply
// it makes — success or refusal — is signed with the receiver's key over
// protocol::reply_signed_text, binding the request's signature ("-" when it carried none).
//
// Order of checks: path and method; framing (media type, encodings, size); credential (the
// Junheng-Signature over the body as sent, by the school's active key) before the body is
// inflated, so an unauthenticated peer costs no inflation; then the body (inflated with the
// kMaxInflatedBytes cap, decoded, school in the body = the header's). A refused request
// stores nothing; entries are never refused for their content (they raise flags).
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "sync/protocol/http.hpp"
#include "sync/receiver/store.hpp"

namespace jh::sync::receiver {

// The receiver's clock: ISO 8601 UTC, e.g. "2026-12-01T14:20:37Z".
std::string utc_now();

// One-time enrolment codes: 16 random characters of an unambiguous alphabet in groups of four
// ("K7QM-2XRT-9HWN-4CPD"); compared case-, dash- and space-insensitively; only the hash is kept.
std::string make_enrolment_code();
std::string enrolment_code_hash(std::string_view code);

// The bureau's school administration, as `junheng-bureau school …` runs it. add and replace
// return the new one-time code (the only time it exists in clear). Throw std::invalid_argument
// for a bad code or name, an unknown school (revoke/replace) or a known one (add).
std::string register_school(ReceiverStore& store, const std::string& code, const std::string& name);
std::string replace_terminal(ReceiverStore& store, const std::string& code);
void revoke_school(ReceiverStore& store, const std::string& code);

// What the receiver holds of one school as GET /v1/status answers it (also the reply file's
// status, sync/receiver/files.hpp). Throws std::invalid_argument for an unregistered school.
protocol::StatusReply school_status(ReceiverStore& store, const std::string& school, const std::string& now);

// A moved school (junheng-bureau migrate-store, migrate.hpp) pinned the key of the receiver it
// was moved from: its replies, inbox items, reply and enrolment files are signed with that key
// (kept in the store), every other school's with this receiver's own. nullopt school or one
// not moved: the store's own key.
protocol::KeyPair signing_key(ReceiverStore& store, const std::string& school);
// The school's inbox items with seq > after, at most `limit`, as its terminal numbers and
// verifies them: for a moved school the store's seq - inbox_offset, re-signed with the key it
// pinned (items stored before the move began, at or below the offset, are not its own).
std::vector<protocol::InboxItem> school_inbox(ReceiverStore& store, const std::string& school, std::int64_t after,
                                              std::size_t limit);

class Receiver {
public:
    using Clock = std::function<std::string()>;
    explicit Receiver(ReceiverStore& store, Clock clock = utc_now);

    protocol::HttpResponse handle(const protocol::HttpRequest& request);

    // A signed refusal (for the adapter's framing checks made before a body is read).
    protocol::HttpResponse refuse(int status, std::string_view problem, const std::string& message,
                                  const protocol::Headers& request_headers);

private:
    protocol::HttpResponse dispatch(const protocol::HttpRequest& request, const std::string& request_signature);
    // Signed with signing_key(school): the key the school pinned ("" or no such school: the store's own).
    protocol::HttpResponse reply(int status, const std::string& body, const std::string& request_signature,
                                 const std::string& school);

    ReceiverStore& store_;
    Clock clock_;
};

}  // namespace jh::sync::receiver
