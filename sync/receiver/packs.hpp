// Rule packs published by the bureau, receiver side (docs/rule-packs.md "Packs from the
// bureau"): `junheng-bureau pack publish` checks a pack document with the indicator engine's
// loader and the built-in packs (ops::check_pack) and stores it as a signed inbox item of kind
// "pack" for every school; the newest such item is the pack in force for the county, which the
// report computes with by default.
#pragma once
#include <string>
#include <vector>

#include "ops/packs.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/protocol/protocol.hpp"
#include "sync/receiver/store.hpp"

namespace jh::sync::receiver {

// Checks `text` (named `file_name` in messages) and publishes it: returns the stored, signed
// item. Throws domain::Rejected with the loader's message for a broken pack (nothing stored).
protocol::InboxItem publish_pack(ReceiverStore& store, const std::string& file_name, const std::string& text,
                                 const std::string& by, const std::string& now);

// Every pack published, oldest first: the last one is in force.
std::vector<protocol::InboxItem> published_packs(ReceiverStore& store);

// The built-in packs and the pack in force (its id the default), for the report.
ops::PackSet receiver_packs(ReceiverStore& store);

}  // namespace jh::sync::receiver
