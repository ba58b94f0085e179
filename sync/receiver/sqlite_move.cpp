// SqliteReceiverStore's verbs for moving a county's store into this one (schema/0007_move.sql,
// migrate.hpp): the receiver keys taken in, a school's whole history read and written, the
// record of which school came with which key. Each school is written in one transaction with
// its school_origin row, so a move stopped half-way leaves whole schools only.
#include <stdexcept>

#include "sync/receiver/migrate.hpp"
#include "sync/receiver/sqlite_store.hpp"

namespace jh::sync::receiver {
namespace {

constexpr const char* kOriginColumns = "public_key, secret_key, source, inbox_offset, inbox_last, began_at, finished_at";

ReceiverOrigin read_origin(const Stmt& s) {
    ReceiverOrigin o;
    o.key = {s.text(0), s.text(1)};
    o.source = s.text(2);
    o.inbox_offset = s.integer(3);
    o.inbox_last = s.integer(4);
    o.began_at = s.text(5);
    o.finished_at = s.optional_text(6);
    return o;
}

void insert_item(Db& db, const protocol::InboxItem& m) {
    Stmt(db, "INSERT INTO inbox_item(seq, kind, school, year, version, decision, text, by_name, at, pack_id, pack_sha256, "
             "pack_text, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
        .bind(1, m.seq)
        .bind(2, m.kind)
        .bind(3, m.kind == protocol::inbox::kPack ? std::optional<std::string>() : std::optional<std::string>(m.school))
        .bind(4, m.year)
        .bind(5, m.version)
        .bind(6, m.decision)
        .bind(7, m.text)
        .bind(8, m.by)
        .bind(9, m.at)
        .bind(10, m.pack_id)
        .bind(11, m.pack_sha256)
        .bind(12, m.pack_text)
        .bind(13, m.signature)
        .run();
}

}  // namespace

std::optional<ReceiverOrigin> SqliteReceiverStore::school_origin(const std::string& school) {
    Lease db(*this);
    Stmt s(*db, std::string("SELECT ") + kOriginColumns +
                    " FROM receiver_origin WHERE public_key = (SELECT origin FROM school_origin WHERE school = ?)");
    s.bind(1, school);
    if (!s.step()) return std::nullopt;
    return read_origin(s);
}

std::vector<ReceiverOrigin> SqliteReceiverStore::origins() {
    Lease db(*this);
    Stmt s(*db, std::string("SELECT ") + kOriginColumns + " FROM receiver_origin ORDER BY began_at, public_key");
    std::vector<ReceiverOrigin> out;
    while (s.step()) out.push_back(read_origin(s));
    return out;
}

std::optional<SchoolHistory> SqliteReceiverStore::school_history(const std::string& school) {
    SchoolHistory h;
    {
        Lease db(*this);
        Stmt s(*db, "SELECT code, name, added_at, revoked_at, last_seen FROM school WHERE code = ?");
        s.bind(1, school);
        if (!s.step()) return std::nullopt;
        h.code = s.text(0);
        h.name = s.text(1);
        h.added_at = s.text(2);
        h.revoked_at = s.optional_text(3);
        h.last_seen = s.optional_text(4);

        Stmt codes(*db, "SELECT code_hash, issued_at, used_at, revoked_at FROM enrolment_code WHERE school = ? ORDER BY id");
        codes.bind(1, school);
        while (codes.step()) h.codes.push_back({codes.text(0), codes.text(1), codes.optional_text(2), codes.optional_text(3)});
        Stmt terminals(*db, "SELECT public_key, enrolled_at, revoked_at FROM terminal WHERE school = ? ORDER BY id");
        terminals.bind(1, school);
        while (terminals.step()) h.terminals.push_back({terminals.text(0), terminals.text(1), terminals.optional_text(2)});
        Stmt streams(*db, "SELECT id, state, tip_seq, tip_hash, created_at FROM stream WHERE school = ? ORDER BY id");
        streams.bind(1, school);
        while (streams.step())
            h.streams.push_back({streams.text(0), streams.text(1), {streams.integer(2), streams.text(3)}, streams.text(4)});
        Stmt entries(*db, "SELECT stream, seq, hash, stub, at, operator_name, table_name, record_id, action, old_json, new_json, "
                          "schema_version, flag, received_at FROM entry WHERE school = ? ORDER BY stream, seq");
        entries.bind(1, school);
        while (entries.step()) {
            StoredEntry e;
            e.stream = entries.text(0);
            e.wire.seq = entries.integer(1);
            e.hash = entries.text(2);
            e.wire.stub = entries.integer(3) != 0;
            if (e.wire.stub) e.wire.stub_hash = e.hash;
            e.wire.at = entries.text(4);
            e.wire.operator_name = entries.text(5);
            e.wire.table = entries.text(6);
            e.wire.record_id = entries.integer(7);
            e.wire.action = entries.text(8);
            e.wire.old_json = entries.text(9);
            e.wire.new_json = entries.text(10);
            e.wire.schema_version = static_cast<int>(entries.integer(11));
            e.flag = entries.optional_text(12);
            e.received_at = entries.text(13);
            h.entries.push_back(std::move(e));
        }
        Stmt live(*db, "SELECT table_name, record_id, json, seq FROM live_record WHERE school = ? ORDER BY table_name, record_id");
        live.bind(1, school);
        while (live.step()) h.live.push_back({live.text(0), live.integer(1), live.text(2), live.integer(3)});
        Stmt files(*db, "SELECT terminal_key, number, sha256, imported_at FROM upload_file WHERE school = ? ORDER BY terminal_key, number");
        files.bind(1, school);
        while (files.step()) h.upload_files.push_back({files.text(0), files.integer(1), files.text(2), files.text(3)});
        Stmt reply(*db, "SELECT number, written_at FROM reply_file WHERE school = ?");
        reply.bind(1, school);
        if (reply.step()) {
            h.reply_file = reply.integer(0);
            h.reply_file_at = reply.text(1);
        }
    }
    h.flags = flags(school);
    h.submissions = submissions(school, true);
    h.decisions = decisions(school);
    return h;
}

ReceiverOrigin SqliteReceiverStore::begin_move(const ReceiverOrigin& origin, const std::vector<protocol::InboxItem>& packs) {
    const auto key = receiver_key();   // before the transaction: it may need a write of its own
    Lease db(*this);
    WriteTx tx(*db);
    Stmt held(*db, std::string("SELECT ") + kOriginColumns + " FROM receiver_origin WHERE public_key = ?");
    held.bind(1, origin.key.public_key);
    if (held.step()) return read_origin(held);   // begun before: nothing written

    ReceiverOrigin stored = origin;
    Stmt last(*db, "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'inbox_item'), 0), "
                   "coalesce((SELECT max(seq) FROM inbox_item), 0))");
    last.step();
    stored.inbox_offset = last.integer(0);
    // Reserve the county's numbering: items stored here from now on come after it.
    const auto reserved = stored.inbox_offset + stored.inbox_last;
    Stmt bump(*db, "UPDATE sqlite_sequence SET seq = ? WHERE name = 'inbox_item'");
    bump.bind(1, reserved).run();
    if (sqlite3_changes(db->get()) == 0)
        Stmt(*db, "INSERT INTO sqlite_sequence(name, seq) VALUES ('inbox_item', ?)").bind(1, reserved).run();
    for (const auto& pack : packs) {
        if (pack.kind != protocol::inbox::kPack) throw std::invalid_argument("begin_move takes the county's packs only");
        insert_item(*db, moved_inbox_item(pack, stored, key));
    }
    Stmt(*db, "INSERT INTO receiver_origin(public_key, secret_key, source, inbox_offset, inbox_last, began_at) VALUES (?,?,?,?,?,?)")
        .bind(1, stored.key.public_key)
        .bind(2, stored.key.secret_key)
        .bind(3, stored.source)
        .bind(4, stored.inbox_offset)
        .bind(5, stored.inbox_last)
        .bind(6, stored.began_at)
        .run();
    tx.commit();
    stored.finished_at.reset();
    return stored;
}

void SqliteReceiverStore::put_school_history(const SchoolHistory& h, const std::string& origin_key, const std::string& now) {
    const auto key = receiver_key();
    Lease db(*this);
    WriteTx tx(*db);
    Stmt o(*db, std::string("SELECT ") + kOriginColumns + " FROM receiver_origin WHERE public_key = ?");
    o.bind(1, origin_key);
    if (!o.step()) throw std::invalid_argument("no move of that receiver key was begun in this store");
    const auto origin = read_origin(o);
    Stmt exists(*db, "SELECT name FROM school WHERE code = ?");
    exists.bind(1, h.code);
    if (exists.step())
        throw std::invalid_argument("school " + h.code + " (" + exists.text(0) + ") is registered in this store already");

    Stmt(*db, "INSERT INTO school(code, name, added_at, revoked_at, last_seen) VALUES (?,?,?,?,?)")
        .bind(1, h.code)
        .bind(2, h.name)
        .bind(3, h.added_at)
        .bind(4, h.revoked_at)
        .bind(5, h.last_seen)
        .run();
    Stmt code(*db, "INSERT INTO enrolment_code(school, code_hash, issued_at, used_at, revoked_at) VALUES (?,?,?,?,?)");
    for (const auto& c : h.codes) {
        code.bind(1, h.code).bind(2, c.code_hash).bind(3, c.issued_at).bind(4, c.used_at).bind(5, c.revoked_at).run();
        code.reset();
    }
    Stmt terminal(*db, "INSERT INTO terminal(school, public_key, enrolled_at, revoked_at) VALUES (?,?,?,?)");
    for (const auto& t : h.terminals) {
        terminal.bind(1, h.code).bind(2, t.public_key).bind(3, t.enrolled_at).bind(4, t.revoked_at).run();
        terminal.reset();
    }
    Stmt stream(*db, "INSERT INTO stream(school, id, state, tip_seq, tip_hash, created_at) VALUES (?,?,?,?,?,?)");
    for (const auto& s : h.streams) {
        stream.bind(1, h.code).bind(2, s.id).bind(3, s.state).bind(4, s.tip.seq).bind(5, s.tip.hash).bind(6, s.created_at).run();
        stream.reset();
    }
    Stmt entry(*db, "INSERT INTO entry(school, stream, seq, hash, stub, at, operator_name, table_name, record_id, action, "
                    "old_json, new_json, schema_version, flag, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const auto& e : h.entries) {
        entry.bind(1, h.code)
            .bind(2, e.stream)
            .bind(3, e.wire.seq)
            .bind(4, e.hash)
            .bind(5, e.wire.stub ? 1 : 0)
            .bind(6, e.wire.at)
            .bind(7, e.wire.operator_name)
            .bind(8, e.wire.table)
            .bind(9, e.wire.record_id)
            .bind(10, e.wire.action)
            .bind(11, e.wire.old_json)
            .bind(12, e.wire.new_json)
            .bind(13, e.wire.schema_version)
            .bind(14, e.flag)
            .bind(15, e.received_at)
            .run();
        entry.reset();
    }
    Stmt live(*db, "INSERT INTO live_record(school, table_name, record_id, json, seq) VALUES (?,?,?,?,?)");
    for (const auto& r : h.live) {
        live.bind(1, h.code).bind(2, r.table).bind(3, r.record_id).bind(4, r.json).bind(5, r.seq).run();
        live.reset();
    }
    Stmt flag(*db, "INSERT INTO record_flag(school, table_name, record_id, seq, message) VALUES (?,?,?,?,?)");
    for (const auto& f : h.flags) {
        flag.bind(1, h.code).bind(2, f.table).bind(3, f.record_id).bind(4, f.seq).bind(5, f.message).run();
        flag.reset();
    }
    Stmt version(*db, "INSERT INTO submission(school, year, version, sha256, signature, snapshot, received_at) VALUES (?,?,?,?,?,?,?)");
    for (const auto& v : h.submissions) {
        version.bind(1, h.code).bind(2, v.year).bind(3, v.version).bind(4, v.sha256).bind(5, v.signature).bind_blob(6, v.snapshot)
            .bind(7, v.received_at)
            .run();
        version.reset();
    }
    for (const auto& d : h.decisions) {
        if (d.kind != protocol::inbox::kDecision || d.school != h.code)
            throw std::invalid_argument("a moved school's inbox items are its own decisions only");
        insert_item(*db, moved_inbox_item(d, origin, key));
    }
    Stmt file(*db, "INSERT INTO upload_file(terminal_key, number, school, sha256, imported_at) VALUES (?,?,?,?,?)");
    for (const auto& f : h.upload_files) {
        file.bind(1, f.terminal_key).bind(2, f.number).bind(3, h.code).bind(4, f.sha256).bind(5, f.imported_at).run();
        file.reset();
    }
    if (h.reply_file)
        Stmt(*db, "INSERT INTO reply_file(school, number, written_at) VALUES (?,?,?)")
            .bind(1, h.code)
            .bind(2, *h.reply_file)
            .bind(3, h.reply_file_at.value_or(now))
            .run();
    Stmt(*db, "INSERT INTO school_origin(school, origin, moved_at) VALUES (?,?,?)").bind(1, h.code).bind(2, origin_key).bind(3, now).run();
    tx.commit();
}

std::vector<std::string> SqliteReceiverStore::moved_schools(const std::string& origin_key) {
    Lease db(*this);
    Stmt s(*db, "SELECT school FROM school_origin WHERE origin = ? ORDER BY school");
    s.bind(1, origin_key);
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
}

void SqliteReceiverStore::finish_move(const std::string& origin_key, const std::string& now) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt(*db, "UPDATE receiver_origin SET finished_at = coalesce(finished_at, ?) WHERE public_key = ?").bind(1, now).bind(2, origin_key).run();
    tx.commit();
}

}  // namespace jh::sync::receiver
