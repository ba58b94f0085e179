// The rule packs the bureau published, as the terminal received and accepted them
// (schema/0007_packs.sql). Whether a pack may be kept is decided above the store
// (ops/packs.hpp: the loader's check, the newer-only rule); here it is only written and read.
#include <sqlite3.h>

#include "store/clock.hpp"
#include "store/store_impl.hpp"

namespace jh::store {

bool Store::keep_received_pack(const ReceivedPack& pack) {
    Transaction tx(impl_->db);
    auto s = impl_->statements.use(
        "INSERT INTO received_pack (seq, pack_id, sha256, text, source, published_at, received_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING");
    s->bind(1, pack.seq).bind(2, pack.id).bind(3, pack.sha256).bind(4, pack.text).bind(5, pack.source);
    s->bind(6, pack.published_at).bind(7, utc_now_iso());
    s->run();
    const bool kept = sqlite3_changes(impl_->db.get()) == 1;
    tx.commit();
    return kept;
}

std::vector<ReceivedPack> Store::received_packs() const {
    auto s = impl_->statements.use(
        "SELECT seq, pack_id, sha256, text, source, published_at, received_at FROM received_pack ORDER BY seq");
    std::vector<ReceivedPack> out;
    while (s->step())
        out.push_back(ReceivedPack{s->integer(0), s->text(1), s->text(2), s->text(3), s->text(4), s->text(5), s->text(6)});
    return out;
}

}  // namespace jh::store
