// Rule packs from the bureau, terminal side: what the inbox does with an item of kind "pack"
// (docs/rule-packs.md "Packs from the bureau"). The caller (client::apply_inbox, for the network
// sync and the USB reply file alike) has verified the receiver's signature; this checks the pack
// with the indicator engine's loader and keeps it when it is newer than the one in force.
#pragma once
#include "domain/message.hpp"
#include "store/store.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/protocol/protocol.hpp"

namespace jh::sync::client {

// Keeps the pack `item` carries (ops::keep_bureau_pack): checked with the built-in packs, kept
// and selected for computing in one transaction when it is newer than the pack kept. A broken
// pack, one whose text does not match its SHA-256 or id, or one no newer than the pack kept
// changes nothing. Returns what happened, in words, for the sync screen and the CLI.
domain::Message apply_pack_item(store::Store& store, const protocol::InboxItem& item);

}  // namespace jh::sync::client
