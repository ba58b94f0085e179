// The receiver → terminal inbox applied to the school database: THE one entry point for every
// inbox item, whichever way it came (GET /v1/inbox after a sync, or a USB reply file). Each item
// counts only when its own receiver signature verifies with the key pinned at enrolment (an item
// is self-contained: a file carries the same signed items as a reply); it is applied once
// (a replay — seq at or below the cursor, or an item already held — changes nothing), each in
// its own store transaction, so an interrupted run leaves every item either applied or not.
#pragma once
#include <vector>

#include "sync/client/client.hpp"
#include "sync/protocol/messages.hpp"

namespace jh::store { class Store; }

namespace jh::sync::client {

// Verifies and applies `items` (any order: applied by seq). Decisions go to the store
// (store::Store::record_decision: a returned or reopened latest version unlocks the year, an
// accepted one stays locked, one about an older version is recorded as ignored); pack items go
// to the pack code; kinds this program does not know are recorded and skipped. An item with a
// bad signature, or a decision for another school, is refused: nothing is stored for it.
// Not enrolled (no pinned key): every item is refused. Throws domain::Rejected when the store
// refuses a write (the items before it stay applied).
InboxOutcome apply_inbox(store::Store& store, const std::vector<protocol::InboxItem>& items);

}  // namespace jh::sync::client
