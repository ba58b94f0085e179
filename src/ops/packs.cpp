// The packs a computation may use (built-in + the bureau's), the default among them, and the
// check and newer-only rule a bureau's pack passes before a terminal keeps it.
#include "ops/packs.hpp"

#include <algorithm>

#include "domain/audit_entry.hpp"

namespace jh::ops {

using domain::Message;
using domain::Rejected;

CheckedPack check_pack(const std::string& name, std::string_view text) {
    if (text.size() > kMaxPackBytes)
        throw Rejected({"标准包 " + name + " 过大（" + std::to_string(text.size()) + " 字节，上限 " +
                            std::to_string(kMaxPackBytes) + " 字节），未读取",
                        "rule pack " + name + " is too large (" + std::to_string(text.size()) + " bytes, at most " +
                            std::to_string(kMaxPackBytes) + "); not read"});
    auto packs = indicators::packs_with_builtin({{name, text}});
    return {std::move(packs.back()), domain::sha256_hex(text)};
}

const indicators::RulePack& PackSet::find(std::string_view id) const {
    for (const auto& pack : packs)
        if (pack.id == id) return pack;
    std::string known;
    for (const auto& pack : packs) known += (known.empty() ? "" : ", ") + pack.id;
    throw Rejected({"没有名为 " + std::string(id) + " 的标准包（可用：" + known + "）",
                    "no rule pack '" + std::string(id) + "' (known: " + known + ")"});
}

const indicators::RulePack& PackSet::pick(const std::optional<std::string>& requested) const {
    return find(requested.value_or(selected));
}

PackSet pack_set(const std::optional<indicators::PackFile>& bureau) {
    PackSet set;
    if (bureau) {
        set.packs = indicators::packs_with_builtin({*bureau});
        set.selected = set.packs.back().id;
    } else {
        set.packs = indicators::builtin_packs();
        set.selected = kNationalPack;
    }
    return set;
}

namespace {

std::string message_name(const store::ReceivedPack& p) { return p.id + " (bureau, #" + std::to_string(p.seq) + ")"; }

}  // namespace

TerminalPacks terminal_packs(const store::Store& store) {
    TerminalPacks out;
    auto received = store.received_packs();
    // The newest kept pack is in force. Every kept pack passed the loader when it arrived; should
    // one no longer load (a later program whose built-in packs took its id), the one before it
    // stands, never none.
    for (auto it = received.rbegin(); it != received.rend() && !out.bureau; ++it) {
        try {
            static_cast<PackSet&>(out) = pack_set(indicators::PackFile{message_name(*it), it->text});
            out.bureau = *it;
        } catch (const Rejected&) {
        }
    }
    if (!out.bureau) static_cast<PackSet&>(out) = pack_set(std::nullopt);
    if (auto chosen = store.setting(kPackSetting))
        if (std::any_of(out.packs.begin(), out.packs.end(), [&](const indicators::RulePack& p) { return p.id == *chosen; }))
            out.selected = *chosen;
    return out;
}

Message keep_bureau_pack(store::Store& store, store::ReceivedPack pack) {
    const auto seq = std::to_string(pack.seq);
    const auto kept = store.received_packs();
    const std::string in_force = kept.empty() ? std::string(kNationalPack) : kept.back().id;
    const Message stays{"，原有标准包 " + in_force + " 继续适用", "; the pack in force stays " + in_force};
    const Message already{"教育局标准包 " + pack.id + "（#" + seq + "）不比已有的新，未作改动",
                          "the bureau's rule pack " + pack.id + " (#" + seq + ") is not newer than the one held; nothing changed"};
    if (!kept.empty() && kept.back().seq >= pack.seq) return already;
    const auto refused = [&](const Message& why) {
        return Message{"教育局发布的标准包 " + pack.id + "（#" + seq + "）未被采用：" + why.zh + stays.zh,
                       "the bureau's rule pack " + pack.id + " (#" + seq + ") was refused: " + why.en + stays.en};
    };
    try {
        auto checked = check_pack(message_name(pack), pack.text);
        if (!pack.sha256.empty() && checked.sha256 != pack.sha256)
            return refused({"内容与其 SHA-256 不符", "its text does not match its SHA-256"});
        if (checked.pack.id != pack.id)
            return refused({"文件中的标识为 " + checked.pack.id, "the document's id is " + checked.pack.id});
        pack.sha256 = checked.sha256;
        bool newest = false;
        store.transaction([&] {   // the newer-only rule again, under the write lock (another process may sync too)
            const auto now = store.received_packs();
            newest = (now.empty() || now.back().seq < pack.seq) && store.keep_received_pack(pack);
            if (newest) store.set_setting(kPackSetting, pack.id);   // the county's pack in force becomes the selection
        });
        if (!newest) return already;
        return {"已采用教育局发布的标准包 " + pack.id + "（" + checked.pack.name.zh + "，" + pack.published_at + "）",
                "now computing with the bureau's rule pack " + pack.id + " (" + checked.pack.name.en + ", published " +
                    pack.published_at + ")"};
    } catch (const Rejected& e) {
        return refused(e.message());
    }
}

}  // namespace jh::ops
