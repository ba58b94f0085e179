// The rule packs a computation may use, in one place for the window, the CLI and the receiver:
// the built-in packs plus the bureau's pack in force (published with `junheng-bureau pack
// publish`, received by the terminal by sync or USB file), and which one a computation uses when
// none is named. Also the one check a bureau's pack document passes before a receiver publishes
// it or a terminal keeps it: the indicator engine's loader, over the built-in packs and it.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/message.hpp"
#include "indicators/pack.hpp"
#include "store/store.hpp"

namespace jh::ops {

// The setting (store::Store::setting) naming the pack the terminal computes with.
inline constexpr const char* kPackSetting = "rule_pack";
// Without a choice and without a bureau's pack: the national standard.
inline constexpr const char* kNationalPack = "national";
// A pack document larger than this is refused unread (the built-in ones are under 5 KB).
inline constexpr std::size_t kMaxPackBytes = 256 * 1024;

// A bureau's pack document, checked: its resolved pack and its id.
struct CheckedPack {
    indicators::RulePack pack;
    std::string sha256;   // of the text, lowercase hex
};
// Checks `text` (named `name` in messages) with indicators::packs_with_builtin: exactly the
// refusals of a built-in pack (bad JSON, unknown key, wrong type, unknown `inherits`, an id
// that is a built-in pack's…), plus a size bound. Throws domain::Rejected with the loader's
// message.
CheckedPack check_pack(const std::string& name, std::string_view text);

// The packs offered, and the default.
struct PackSet {
    std::vector<indicators::RulePack> packs;   // built-in ("national" first), then the bureau's
    std::string selected;                      // the pack a computation uses unless told otherwise
    // The pack with this id; domain::Rejected listing the ids offered when none has it.
    const indicators::RulePack& find(std::string_view id) const;
    // `requested` (a --pack option) when given, else the selected pack.
    const indicators::RulePack& pick(const std::optional<std::string>& requested) const;
};

// The built-in packs and, when given, a bureau's pack in force (`name` for messages), which is
// then the default; without one, the national standard is. (The receiver's `report`.)
PackSet pack_set(const std::optional<indicators::PackFile>& bureau);

// The terminal's packs: the built-in ones and the newest pack received from the bureau (only
// accepted packs are kept). The selected one: the setting kPackSetting when it names one of
// them (receiving a pack sets it: keep_bureau_pack), else the bureau's, else national.
struct TerminalPacks : PackSet {
    std::optional<store::ReceivedPack> bureau;   // the bureau's pack in force, with its source and date
};
TerminalPacks terminal_packs(const store::Store& store);

// Keeps a pack the receiver sent (its signature already verified by the caller), newest only:
// checked first (a broken one is refused and the pack kept so far stays in force), then kept
// and selected in one transaction. An item no newer than the pack in force changes nothing.
// Returns what happened, for the sync screen and the CLI.
domain::Message keep_bureau_pack(store::Store& store, store::ReceivedPack pack);

}  // namespace jh::ops
