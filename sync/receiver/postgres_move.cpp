// PostgresReceiverStore's verbs for moving a county's store into this one
// (schema_pg/0007_move.sql, migrate.hpp), the same semantics as sqlite_move.cpp. The reserved
// inbox range is taken from the inbox_counter row under its lock (0002_inbox.sql), so serve
// processes storing items for other counties meanwhile number theirs after it; each school is
// written in one transaction with its school_origin row.
#include <stdexcept>

#include "sync/receiver/migrate.hpp"
#include "sync/receiver/postgres_store.hpp"

namespace jh::sync::receiver {
namespace {

using pg::Bytes;
using pg::Conn;

constexpr const char* kOriginColumns = "public_key, secret_key, source, inbox_offset, inbox_last, began_at, finished_at";

ReceiverOrigin read_origin(const pg::Result& s, int i) {
    ReceiverOrigin o;
    o.key = {s.text(i, 0), s.text(i, 1)};
    o.source = s.text(i, 2);
    o.inbox_offset = s.integer(i, 3);
    o.inbox_last = s.integer(i, 4);
    o.began_at = s.text(i, 5);
    o.finished_at = s.optional_text(i, 6);
    return o;
}

void insert_item(Conn& c, const protocol::InboxItem& m) {
    c.run("INSERT INTO inbox_item(seq, kind, school, year, version, decision, text, by_name, at, pack_id, pack_sha256, "
          "pack_text, signature) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)",
          m.seq, m.kind, m.kind == protocol::inbox::kPack ? std::optional<std::string>() : std::optional<std::string>(m.school),
          m.year, m.version, m.decision, m.text, m.by, m.at, m.pack_id, m.pack_sha256, m.pack_text, m.signature);
}

}  // namespace

std::optional<ReceiverOrigin> PostgresReceiverStore::school_origin(const std::string& school) {
    Lease c(*this);
    auto s = c->run(std::string("SELECT ") + kOriginColumns +
                        " FROM receiver_origin WHERE public_key = (SELECT origin FROM school_origin WHERE school = $1)",
                    school);
    if (s.empty()) return std::nullopt;
    return read_origin(s, 0);
}

std::vector<ReceiverOrigin> PostgresReceiverStore::origins() {
    Lease c(*this);
    auto s = c->run(std::string("SELECT ") + kOriginColumns + " FROM receiver_origin ORDER BY began_at, public_key");
    std::vector<ReceiverOrigin> out;
    for (int i = 0; i < s.rows(); ++i) out.push_back(read_origin(s, i));
    return out;
}

std::optional<SchoolHistory> PostgresReceiverStore::school_history(const std::string& school) {
    SchoolHistory h;
    {
        Lease c(*this);
        auto s = c->run("SELECT code, name, added_at, revoked_at, last_seen FROM school WHERE code = $1", school);
        if (s.empty()) return std::nullopt;
        h.code = s.text(0, 0);
        h.name = s.text(0, 1);
        h.added_at = s.text(0, 2);
        h.revoked_at = s.optional_text(0, 3);
        h.last_seen = s.optional_text(0, 4);

        auto codes = c->run("SELECT code_hash, issued_at, used_at, revoked_at FROM enrolment_code WHERE school = $1 ORDER BY id", school);
        for (int i = 0; i < codes.rows(); ++i)
            h.codes.push_back({codes.text(i, 0), codes.text(i, 1), codes.optional_text(i, 2), codes.optional_text(i, 3)});
        auto terminals = c->run("SELECT public_key, enrolled_at, revoked_at FROM terminal WHERE school = $1 ORDER BY id", school);
        for (int i = 0; i < terminals.rows(); ++i)
            h.terminals.push_back({terminals.text(i, 0), terminals.text(i, 1), terminals.optional_text(i, 2)});
        auto streams = c->run("SELECT id, state, tip_seq, tip_hash, created_at FROM stream WHERE school = $1 ORDER BY id", school);
        for (int i = 0; i < streams.rows(); ++i)
            h.streams.push_back({streams.text(i, 0), streams.text(i, 1), {streams.integer(i, 2), streams.text(i, 3)}, streams.text(i, 4)});
        auto entries = c->run("SELECT stream, seq, hash, stub, at, operator_name, table_name, record_id, action, old_json, new_json, "
                              "schema_version, flag, received_at FROM entry WHERE school = $1 ORDER BY stream, seq",
                              school);
        for (int i = 0; i < entries.rows(); ++i) {
            StoredEntry e;
            e.stream = entries.text(i, 0);
            e.wire.seq = entries.integer(i, 1);
            e.hash = entries.text(i, 2);
            e.wire.stub = entries.integer(i, 3) != 0;
            if (e.wire.stub) e.wire.stub_hash = e.hash;
            e.wire.at = entries.text(i, 4);
            e.wire.operator_name = entries.text(i, 5);
            e.wire.table = entries.text(i, 6);
            e.wire.record_id = entries.integer(i, 7);
            e.wire.action = entries.text(i, 8);
            e.wire.old_json = entries.text(i, 9);
            e.wire.new_json = entries.text(i, 10);
            e.wire.schema_version = static_cast<int>(entries.integer(i, 11));
            e.flag = entries.optional_text(i, 12);
            e.received_at = entries.text(i, 13);
            h.entries.push_back(std::move(e));
        }
        auto live = c->run("SELECT table_name, record_id, json, seq FROM live_record WHERE school = $1 ORDER BY table_name, record_id", school);
        for (int i = 0; i < live.rows(); ++i) h.live.push_back({live.text(i, 0), live.integer(i, 1), live.text(i, 2), live.integer(i, 3)});
        auto files = c->run("SELECT terminal_key, number, sha256, imported_at FROM upload_file WHERE school = $1 ORDER BY terminal_key, number",
                            school);
        for (int i = 0; i < files.rows(); ++i) h.upload_files.push_back({files.text(i, 0), files.integer(i, 1), files.text(i, 2), files.text(i, 3)});
        auto reply = c->run("SELECT number, written_at FROM reply_file WHERE school = $1", school);
        if (!reply.empty()) {
            h.reply_file = reply.integer(0, 0);
            h.reply_file_at = reply.text(0, 1);
        }
    }
    h.flags = flags(school);
    h.submissions = submissions(school, true);
    h.decisions = decisions(school);
    return h;
}

ReceiverOrigin PostgresReceiverStore::begin_move(const ReceiverOrigin& origin, const std::vector<protocol::InboxItem>& packs) {
    const auto key = receiver_key();
    return write([&](Conn& c) {
        auto held = c.run(std::string("SELECT ") + kOriginColumns + " FROM receiver_origin WHERE public_key = $1", origin.key.public_key);
        if (!held.empty()) return read_origin(held, 0);   // begun before: nothing written
        ReceiverOrigin stored = origin;
        // The counter row stays locked until commit: items other processes store meanwhile
        // are numbered after the reserved range.
        const auto reserved = c.run("UPDATE inbox_counter SET last = last + $1 WHERE id = 1 RETURNING last", origin.inbox_last).integer(0, 0);
        stored.inbox_offset = reserved - origin.inbox_last;
        for (const auto& pack : packs) {
            if (pack.kind != protocol::inbox::kPack) throw std::invalid_argument("begin_move takes the county's packs only");
            insert_item(c, moved_inbox_item(pack, stored, key));
        }
        c.run("INSERT INTO receiver_origin(public_key, secret_key, source, inbox_offset, inbox_last, began_at) VALUES ($1,$2,$3,$4,$5,$6)",
              stored.key.public_key, stored.key.secret_key, stored.source, stored.inbox_offset, stored.inbox_last, stored.began_at);
        stored.finished_at.reset();
        return stored;
    });
}

void PostgresReceiverStore::put_school_history(const SchoolHistory& h, const std::string& origin_key, const std::string& now) {
    const auto key = receiver_key();
    write([&](Conn& c) {
        auto o = c.run(std::string("SELECT ") + kOriginColumns + " FROM receiver_origin WHERE public_key = $1", origin_key);
        if (o.empty()) throw std::invalid_argument("no move of that receiver key was begun in this store");
        const auto origin = read_origin(o, 0);
        auto exists = c.run("SELECT name FROM school WHERE code = $1", h.code);
        if (!exists.empty())
            throw std::invalid_argument("school " + h.code + " (" + exists.text(0, 0) + ") is registered in this store already");

        c.run("INSERT INTO school(code, name, added_at, revoked_at, last_seen) VALUES ($1,$2,$3,$4,$5)", h.code, h.name, h.added_at,
              h.revoked_at, h.last_seen);
        for (const auto& x : h.codes)
            c.run("INSERT INTO enrolment_code(school, code_hash, issued_at, used_at, revoked_at) VALUES ($1,$2,$3,$4,$5)", h.code,
                  x.code_hash, x.issued_at, x.used_at, x.revoked_at);
        for (const auto& t : h.terminals)
            c.run("INSERT INTO terminal(school, public_key, enrolled_at, revoked_at) VALUES ($1,$2,$3,$4)", h.code, t.public_key,
                  t.enrolled_at, t.revoked_at);
        for (const auto& s : h.streams)
            c.run("INSERT INTO stream(school, id, state, tip_seq, tip_hash, created_at) VALUES ($1,$2,$3,$4,$5,$6)", h.code, s.id,
                  s.state, s.tip.seq, s.tip.hash, s.created_at);
        for (const auto& e : h.entries)
            c.run("INSERT INTO entry(school, stream, seq, hash, stub, at, operator_name, table_name, record_id, action, old_json, "
                  "new_json, schema_version, flag, received_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)",
                  h.code, e.stream, e.wire.seq, e.hash, e.wire.stub ? 1 : 0, e.wire.at, e.wire.operator_name, e.wire.table,
                  e.wire.record_id, e.wire.action, e.wire.old_json, e.wire.new_json, e.wire.schema_version, e.flag, e.received_at);
        for (const auto& r : h.live)
            c.run("INSERT INTO live_record(school, table_name, record_id, json, seq) VALUES ($1,$2,$3,$4,$5)", h.code, r.table,
                  r.record_id, r.json, r.seq);
        for (const auto& f : h.flags)
            c.run("INSERT INTO record_flag(school, table_name, record_id, seq, message) VALUES ($1,$2,$3,$4,$5)", h.code, f.table,
                  f.record_id, f.seq, f.message);
        for (const auto& v : h.submissions)
            c.run("INSERT INTO submission(school, year, version, sha256, signature, snapshot, received_at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
                  h.code, v.year, v.version, v.sha256, v.signature, Bytes{v.snapshot}, v.received_at);
        for (const auto& d : h.decisions) {
            if (d.kind != protocol::inbox::kDecision || d.school != h.code)
                throw std::invalid_argument("a moved school's inbox items are its own decisions only");
            insert_item(c, moved_inbox_item(d, origin, key));
        }
        for (const auto& f : h.upload_files)
            c.run("INSERT INTO upload_file(terminal_key, number, school, sha256, imported_at) VALUES ($1,$2,$3,$4,$5)", f.terminal_key,
                  f.number, h.code, f.sha256, f.imported_at);
        if (h.reply_file)
            c.run("INSERT INTO reply_file(school, number, written_at) VALUES ($1,$2,$3)", h.code, *h.reply_file,
                  h.reply_file_at.value_or(now));
        c.run("INSERT INTO school_origin(school, origin, moved_at) VALUES ($1,$2,$3)", h.code, origin_key, now);
    });
}

std::vector<std::string> PostgresReceiverStore::moved_schools(const std::string& origin_key) {
    Lease c(*this);
    auto s = c->run("SELECT school FROM school_origin WHERE origin = $1 ORDER BY school", origin_key);
    std::vector<std::string> out;
    for (int i = 0; i < s.rows(); ++i) out.push_back(s.text(i, 0));
    return out;
}

void PostgresReceiverStore::finish_move(const std::string& origin_key, const std::string& now) {
    Lease c(*this);
    c->run("UPDATE receiver_origin SET finished_at = coalesce(finished_at, $1) WHERE public_key = $2", now, origin_key);
}

}  // namespace jh::sync::receiver
