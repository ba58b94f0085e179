// A pack item of the inbox, kept by the one rule in ops/packs.hpp.
#include "sync/client/packs.hpp"

#include "ops/packs.hpp"

namespace jh::sync::client {

domain::Message apply_pack_item(store::Store& store, const protocol::InboxItem& item) {
    if (item.kind != protocol::inbox::kPack || item.pack_id.empty())
        return {"收件箱中第 " + std::to_string(item.seq) + " 项不是标准包，未作改动",
                "inbox item " + std::to_string(item.seq) + " is not a rule pack; nothing changed"};
    return ops::keep_bureau_pack(store, store::ReceivedPack{item.seq, item.pack_id, item.pack_sha256, item.pack_text,
                                                            item.by, item.at, ""});
}

}  // namespace jh::sync::client
