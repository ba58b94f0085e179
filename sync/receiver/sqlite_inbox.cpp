// SqliteReceiverStore's downlink: the inbox_item table (schema/0002_inbox.sql) — decisions and
// rule packs, each numbered and signed by the receiver as it is stored.
#include <stdexcept>

#include "sync/receiver/sqlite_store.hpp"

namespace jh::sync::receiver {
namespace {

constexpr const char* kColumns =
    "seq, kind, COALESCE(school, ''), year, version, decision, text, by_name, at, pack_id, pack_sha256, pack_text, "
    "signature";

protocol::InboxItem read_item(const Stmt& s) {
    protocol::InboxItem m;
    m.seq = s.integer(0);
    m.kind = s.text(1);
    m.school = s.text(2);
    m.year = static_cast<int>(s.integer(3));
    m.version = static_cast<int>(s.integer(4));
    m.decision = s.text(5);
    m.text = s.text(6);
    m.by = s.text(7);
    m.at = s.text(8);
    m.pack_id = s.text(9);
    m.pack_sha256 = s.text(10);
    m.pack_text = s.text(11);
    m.signature = s.text(12);
    return m;
}

}  // namespace

protocol::InboxItem SqliteReceiverStore::insert_inbox_item(Db& db, protocol::InboxItem m, const std::string& now,
                                                          const protocol::KeyPair& key) {
    if (m.kind != protocol::inbox::kDecision && m.kind != protocol::inbox::kPack)
        throw std::invalid_argument("an inbox item is a decision or a pack, not '" + m.kind + "'");
    m.at = now;
    Stmt insert(db,
                "INSERT INTO inbox_item(kind, school, year, version, decision, text, by_name, at, pack_id, pack_sha256, "
                "pack_text, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?,'')");
    insert.bind(1, m.kind)
        .bind(2, m.kind == protocol::inbox::kPack ? std::optional<std::string>() : std::optional<std::string>(m.school))
        .bind(3, m.year)
        .bind(4, m.version)
        .bind(5, m.decision)
        .bind(6, m.text)
        .bind(7, m.by)
        .bind(8, m.at)
        .bind(9, m.pack_id)
        .bind(10, m.pack_sha256)
        .bind(11, m.pack_text)
        .run();
    m.seq = sqlite3_last_insert_rowid(db.get());
    if (m.kind == protocol::inbox::kPack) m.school.clear();
    protocol::sign_inbox_item(m, key.secret_key);
    Stmt(db, "UPDATE inbox_item SET signature = ? WHERE seq = ?").bind(1, m.signature).bind(2, m.seq).run();
    return m;
}

protocol::InboxItem SqliteReceiverStore::add_inbox_item(protocol::InboxItem item, const std::string& now) {
    const auto key = receiver_key();
    Lease db(*this);
    WriteTx tx(*db);
    auto stored = insert_inbox_item(*db, std::move(item), now, key);
    tx.commit();
    return stored;
}

std::vector<protocol::InboxItem> SqliteReceiverStore::inbox(const std::string& school, std::int64_t after,
                                                           std::size_t limit) {
    Lease db(*this);
    Stmt s(*db, std::string("SELECT ") + kColumns +
                    " FROM inbox_item WHERE seq > ? AND (school = ? OR school IS NULL) ORDER BY seq LIMIT ?");
    s.bind(1, after).bind(2, school).bind(3, static_cast<std::int64_t>(limit));
    std::vector<protocol::InboxItem> out;
    while (s.step()) out.push_back(read_item(s));
    return out;
}

std::vector<protocol::InboxItem> SqliteReceiverStore::decisions(const std::optional<std::string>& school) {
    Lease db(*this);
    Stmt s(*db, std::string("SELECT ") + kColumns +
                    " FROM inbox_item WHERE kind = 'decision' AND (?1 IS NULL OR school = ?1) ORDER BY seq");
    s.bind(1, school);
    std::vector<protocol::InboxItem> out;
    while (s.step()) out.push_back(read_item(s));
    return out;
}

}  // namespace jh::sync::receiver
