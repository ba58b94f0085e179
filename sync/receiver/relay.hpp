// The relay at a receiver (docs/sync-protocol.md "Relay"). Upstream side: `county add`
// registers a member (a city's county, a province's city) with a one-time code, and
// handle_relay answers its /v1/relay/… requests (Receiver::handle routes them here). Downstream
// side: `upstream` enrols this receiver with its city (enrol_upstream), and the Forwarder
// (forwarder.hpp) does the rest by itself while `serve` runs.
#pragma once
#include <nlohmann/json.hpp>
#include <map>
#include <string>
#include <string_view>

#include "sync/protocol/http.hpp"
#include "sync/receiver/refusal.hpp"
#include "sync/receiver/store.hpp"
#include "sync/transport/transport.hpp"

namespace jh::sync::receiver {


// A relay request's answer: status and JSON body, signed by Receiver::handle.
struct RelayAnswer {
    int status;
    std::string body;
};

// Answers one request under /v1/relay/ (method, credential, body); throws Refusal (refusal.hpp).
RelayAnswer handle_relay(ReceiverStore& store, const protocol::HttpRequest& request, const std::string& path,
                         std::string_view query, const std::string& now);

// `county add`: registers a member by its 6-digit region code and name; returns its one-time
// code (the only time it exists in clear). Throws std::invalid_argument for a bad or known code,
// a bad name.
std::string register_member(ReceiverStore& store, const std::string& code, const std::string& name);

// `upstream`: enrols this receiver with the upstream at `url` using the one-time code, with a
// new relay key; on success pins the upstream's key and keeps url, key and member code
// (replacing an earlier upstream). Returns the stored upstream. Throws std::runtime_error with
// an English message when the upstream is unreachable, does not sign its reply with a key, or
// refuses the code.
RelayUpstream enrol_upstream(ReceiverStore& store, transport::Transport& transport, const std::string& url,
                             const std::string& code);

// The city's (province's) completeness by county (city) for school year `year`, for `report`:
// one object per member with its schools and how many submitted, were accepted, returned or
// late, and which have not submitted; an empty array when nothing relays to this receiver.
// Keys in docs/bureau.md ("by_region").
nlohmann::json relay_completeness(ReceiverStore& store, int year);

// The schools a county (city) relays to this receiver, by code, as it last listed them: they
// enrol and sync at their county, so this state stands in for this receiver's own record of
// them (last seen, revoked, county) in `school list` and `report`.
std::map<std::string, RelaySchool> relayed_schools(ReceiverStore& store);

// A decision taken upstream (the city's return of a county's school), as this receiver's own
// inbox item for its school: the same school, year, version, decision and text, `by` marked
// " (upstream)" (cut to fit the protocol's text limit). Both stores' apply_upstream_decisions
// store exactly this.
protocol::InboxItem own_copy_of_upstream_decision(const protocol::InboxItem& upstream);

}  // namespace jh::sync::receiver
