// Publishing a rule pack and finding the pack in force; see packs.hpp.
#include "sync/receiver/packs.hpp"

namespace jh::sync::receiver {

protocol::InboxItem publish_pack(ReceiverStore& store, const std::string& file_name, const std::string& text,
                                 const std::string& by, const std::string& now) {
    const auto checked = ops::check_pack(file_name, text);   // throws the loader's refusal
    protocol::InboxItem item;
    item.kind = protocol::inbox::kPack;
    item.school = "";   // every school of this receiver
    item.by = by;
    item.pack_id = checked.pack.id;
    item.pack_sha256 = checked.sha256;
    item.pack_text = text;
    return store.add_inbox_item(std::move(item), now);
}

std::vector<protocol::InboxItem> published_packs(ReceiverStore& store) {
    // inbox() gives a school's items and those for every school; an empty code is no school's,
    // so it pages through the items for every school alone, the packs among them.
    std::vector<protocol::InboxItem> out;
    for (std::int64_t after = 0;;) {
        const auto page = store.inbox("", after, protocol::kMaxInboxItems);
        for (const auto& item : page)
            if (item.kind == protocol::inbox::kPack) out.push_back(item);
        if (page.size() < protocol::kMaxInboxItems) return out;
        after = page.back().seq;
    }
}

ops::PackSet receiver_packs(ReceiverStore& store) {
    const auto published = published_packs(store);
    if (published.empty()) return ops::pack_set(std::nullopt);
    const auto& in_force = published.back();
    return ops::pack_set(indicators::PackFile{in_force.pack_id + " (published #" + std::to_string(in_force.seq) + ")",
                                              in_force.pack_text});
}

}  // namespace jh::sync::receiver
