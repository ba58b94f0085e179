// PostgresReceiverStore: the receiver's SQL on PostgreSQL, its migrations and its locking; see
// postgres_store.hpp for what keeps it exactly-once across processes.
#include "sync/receiver/postgres_store.hpp"

#include <charconv>
#include <limits>
#include <map>
#include <stdexcept>

#include "domain/audit_entry.hpp"
#include "domain/embedded.hpp"
#include "sync/protocol/protocol.hpp"
#include "sync/receiver/review.hpp"

namespace jh::sync::receiver {

namespace schema_pg {
const std::vector<jh::EmbeddedFile>& embedded_files();   // generated from sync/receiver/schema_pg/*.sql
}

namespace {

using pg::Bytes;
using pg::Conn;

// "0001_receiver.sql" → 1; the files must be numbered 1, 2, 3 … without gaps.
const std::vector<jh::EmbeddedFile>& migrations() {
    static const auto& files = []() -> const std::vector<jh::EmbeddedFile>& {
        const auto& all = schema_pg::embedded_files();
        for (std::size_t i = 0; i < all.size(); ++i) {
            int n = 0;
            auto [end, ec] = std::from_chars(all[i].name.data(), all[i].name.data() + all[i].name.size(), n);
            if (ec != std::errc{} || *end != '_' || n != static_cast<int>(i) + 1)
                throw std::logic_error("PostgreSQL receiver migrations must be numbered 1, 2, 3 …: " + std::string(all[i].name));
        }
        return all;
    }();
    return files;
}

// The session advisory lock around migrations and first-use setup: another process starting at
// the same moment waits here (bounded by statement_timeout) and then finds the work done.
class SetupLock {
public:
    explicit SetupLock(Conn& c) : c_(c) { c_.run("SELECT pg_advisory_lock($1)", PostgresReceiverStore::kSetupLock); }
    ~SetupLock() {
        try {
            c_.run("SELECT pg_advisory_unlock($1)", PostgresReceiverStore::kSetupLock);
        } catch (const std::exception&) {
            // The connection is gone: the server released the lock with the session.
        }
    }

private:
    Conn& c_;
};

int applied_version(Conn& c) {
    return static_cast<int>(c.run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").integer(0, 0));
}

void migrate(Conn& c) {
    c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
           "applied_at TEXT NOT NULL)");
    const int current = applied_version(c);
    const int latest = static_cast<int>(migrations().size());
    if (current > latest)
        throw StoreError("the receiver database was written by a newer junheng-bureau (schema version " + std::to_string(current) +
                             ", this program knows up to " + std::to_string(latest) + "); it was not changed",
                         false);
    for (int v = current + 1; v <= latest; ++v) {
        const auto& file = migrations()[static_cast<std::size_t>(v - 1)];
        pg::Tx tx(c);
        c.exec(file.content);
        c.run("INSERT INTO schema_migrations(version, name, applied_at) "
              "VALUES ($1, $2, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
              v, std::string(file.name));
        tx.commit();
    }
}

std::optional<protocol::KeyPair> read_key(Conn& c) {
    auto r = c.run("SELECT (SELECT value FROM receiver_meta WHERE key = 'public_key'), "
                   "(SELECT value FROM receiver_meta WHERE key = 'secret_key')");
    if (r.is_null(0, 0) || r.is_null(0, 1)) return std::nullopt;
    return protocol::KeyPair{r.text(0, 0), r.text(0, 1)};
}

// Made under the setup lock; the first process to get there makes it, every other reads it.
protocol::KeyPair ensure_key(Conn& c) {
    if (auto key = read_key(c)) return *key;
    SetupLock lock(c);
    if (auto key = read_key(c)) return *key;
    const auto fresh = protocol::generate_key_pair();
    pg::Tx tx(c);
    c.run("INSERT INTO receiver_meta(key, value) VALUES ('public_key', $1), ('secret_key', $2) ON CONFLICT (key) DO NOTHING",
          fresh.public_key, fresh.secret_key);
    tx.commit();
    auto key = read_key(c);
    if (!key) throw StoreError("the receiver key could not be stored", false);
    return *key;
}

// Locks the school's row until the transaction ends: every write about one school that
// depends on what it holds goes one after another, across processes. false: no such school.
bool lock_school(Conn& c, const std::string& code) {
    return !c.run("SELECT 1 FROM school WHERE code = $1 FOR UPDATE", code).empty();
}

void require_school(Conn& c, const std::string& code) {
    if (!lock_school(c, code)) throw std::invalid_argument("no school " + code + " is registered");
}

void revoke_credentials(Conn& c, const std::string& code, const std::string& now) {
    c.run("UPDATE enrolment_code SET revoked_at = $1 WHERE school = $2 AND used_at IS NULL AND revoked_at IS NULL", now, code);
    c.run("UPDATE terminal SET revoked_at = $1 WHERE school = $2 AND revoked_at IS NULL", now, code);
}

// Deletes one school's rows of `relation` (live_record or record_flag) for the records listed
// (table names and ids, in step), in one statement.
void delete_records(Conn& c, const std::string& relation, const std::string& school, const pg::Array& tables, const pg::Array& ids) {
    if (tables.empty()) return;
    c.run("DELETE FROM " + relation + " WHERE school = $1 AND (table_name, record_id) IN (SELECT * FROM unnest($2::text[], $3::bigint[]))",
          school, tables, ids);
}

StreamState read_state(Conn& c, const protocol::Batch& b) {
    StreamState state;
    auto s = c.run("SELECT state, tip_seq, tip_hash FROM stream WHERE school = $1 AND id = $2", b.school, b.stream);
    if (s.empty()) {
        state.tip = {0, domain::audit_genesis_hash()};
        return state;
    }
    state.known = true;
    state.live = s.text(0, 0) == "live";
    state.tip = {s.integer(0, 1), s.text(0, 2)};
    auto held = c.run("SELECT seq, hash, table_name, record_id, flag FROM entry "
                      "WHERE school = $1 AND stream = $2 AND seq BETWEEN $3 AND $4",
                      b.school, b.stream, std::max<std::int64_t>(b.after.seq, 1), b.tip.seq);
    for (int i = 0; i < held.rows(); ++i)
        state.held[held.integer(i, 0)] = {held.text(i, 1), held.text(i, 2), held.integer(i, 3), held.optional_text(i, 4)};
    if (state.live) {
        auto school = c.run("SELECT json FROM live_record WHERE school = $1 AND table_name = 'school' ORDER BY record_id LIMIT 1",
                            b.school);
        if (!school.empty()) state.school_json = school.text(0, 0);
    }
    return state;
}

constexpr const char* kInboxColumns =
    "seq, kind, COALESCE(school, ''), year, version, decision, text, by_name, at, pack_id, pack_sha256, pack_text, signature";

protocol::InboxItem read_item(const pg::Result& s, int i) {
    protocol::InboxItem m;
    m.seq = s.integer(i, 0);
    m.kind = s.text(i, 1);
    m.school = s.text(i, 2);
    m.year = static_cast<int>(s.integer(i, 3));
    m.version = static_cast<int>(s.integer(i, 4));
    m.decision = s.text(i, 5);
    m.text = s.text(i, 6);
    m.by = s.text(i, 7);
    m.at = s.text(i, 8);
    m.pack_id = s.text(i, 9);
    m.pack_sha256 = s.text(i, 10);
    m.pack_text = s.text(i, 11);
    m.signature = s.text(i, 12);
    return m;
}

StaffUser read_user(const pg::Result& s, int i) { return {s.text(i, 0), s.text(i, 1), s.optional_text(i, 2), s.text(i, 3)}; }

}  // namespace

// ---- connections, migrations, the receiver key ----

PostgresReceiverStore::PostgresReceiverStore(std::string uri) : uri_(std::move(uri)) {
    Lease c(*this);
    {
        SetupLock lock(*c);
        migrate(*c);
    }
    key_ = ensure_key(*c);
    if (!protocol::is_public_key(key_->public_key) || !protocol::is_secret_key(key_->secret_key))
        throw StoreError("the receiver key kept in the database is damaged", false);
}

PostgresReceiverStore::~PostgresReceiverStore() = default;

int PostgresReceiverStore::latest_schema_version() { return static_cast<int>(migrations().size()); }
int PostgresReceiverStore::schema_version() {
    Lease c(*this);
    return applied_version(*c);
}

PostgresReceiverStore::Lease::Lease(PostgresReceiverStore& store) : store_(store) {
    {
        std::lock_guard lock(store_.pool_mutex_);
        if (!store_.pool_.empty()) {
            conn_ = std::move(store_.pool_.back());
            store_.pool_.pop_back();
        }
    }
    if (!conn_) conn_ = std::make_unique<pg::Conn>(store_.uri_);
}
// Connections in use are as many as the threads asking at once (the HTTP server's fixed pool of
// workers, the forwarder, a command's one): bounded by them. Idle ones kept for reuse are capped
// too, so a burst does not leave connections open on the server for the process's life.
constexpr std::size_t kMaxIdleConnections = 16;

PostgresReceiverStore::Lease::~Lease() {
    if (!conn_->reusable()) return;   // broken, or left inside a transaction: closed, not reused
    std::lock_guard lock(store_.pool_mutex_);
    if (store_.pool_.size() < kMaxIdleConnections) store_.pool_.push_back(std::move(conn_));
}

protocol::KeyPair PostgresReceiverStore::receiver_key() {
    std::lock_guard lock(key_mutex_);
    if (!key_) {
        Lease c(*this);
        key_ = ensure_key(*c);
    }
    return *key_;
}

// ---- schools and terminals ----

void PostgresReceiverStore::add_school(const std::string& code, const std::string& name, const std::string& code_hash,
                                       const std::string& now) {
    write([&](Conn& c) {
        if (c.run("INSERT INTO school(code, name, added_at) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING", code, name, now)
                .affected() == 0)
            throw std::invalid_argument("school " + code + " is already registered");
        c.run("INSERT INTO enrolment_code(school, code_hash, issued_at) VALUES ($1, $2, $3)", code, code_hash, now);
    });
}

std::vector<SchoolInfo> PostgresReceiverStore::select_schools(Conn& c, const std::optional<std::string>& code) {
    auto s = c.run("SELECT s.code, s.name, s.added_at, s.revoked_at, s.last_seen, "
                   "  EXISTS (SELECT 1 FROM terminal t WHERE t.school = s.code AND t.revoked_at IS NULL), "
                   "  st.id, st.tip_seq, st.tip_hash "
                   "FROM school s LEFT JOIN stream st ON st.school = s.code AND st.state = 'live' "
                   "WHERE $1::text IS NULL OR s.code = $1::text ORDER BY s.code",
                   code);
    std::vector<SchoolInfo> out;
    for (int r = 0; r < s.rows(); ++r) {
        SchoolInfo i;
        i.code = s.text(r, 0);
        i.name = s.text(r, 1);
        i.added_at = s.text(r, 2);
        i.revoked = !s.is_null(r, 3);
        i.last_seen = s.optional_text(r, 4);
        i.enrolled = s.boolean(r, 5);
        if (!s.is_null(r, 6)) {
            i.live_stream = s.text(r, 6);
            i.tip = {s.integer(r, 7), s.text(r, 8)};
        } else {
            i.tip = {0, domain::audit_genesis_hash()};
        }
        out.push_back(std::move(i));
    }
    return out;
}

std::optional<SchoolInfo> PostgresReceiverStore::school(const std::string& code) {
    Lease c(*this);
    auto all = select_schools(*c, code);
    if (all.empty()) return std::nullopt;
    return all.front();
}

std::vector<SchoolInfo> PostgresReceiverStore::schools() {
    Lease c(*this);
    return select_schools(*c, std::nullopt);
}

void PostgresReceiverStore::revoke(const std::string& code, const std::string& now) {
    write([&](Conn& c) {
        require_school(c, code);
        revoke_credentials(c, code, now);
        c.run("UPDATE school SET revoked_at = COALESCE(revoked_at, $1) WHERE code = $2", now, code);
    });
}

void PostgresReceiverStore::replace(const std::string& code, const std::string& code_hash, const std::string& now) {
    write([&](Conn& c) {
        require_school(c, code);
        revoke_credentials(c, code, now);
        c.run("UPDATE school SET revoked_at = NULL WHERE code = $1", code);
        c.run("INSERT INTO enrolment_code(school, code_hash, issued_at) VALUES ($1, $2, $3)", code, code_hash, now);
    });
}

EnrolOutcome PostgresReceiverStore::enrol(const std::string& school, const std::string& code_hash,
                                          const std::string& public_key, const std::string& now) {
    return write([&](Conn& c) {
        // The school's row lock: two terminals using the same code at once → the second finds it used.
        if (!lock_school(c, school)) return EnrolOutcome::BadCode;
        auto code = c.run("SELECT c.id FROM enrolment_code c JOIN school s ON s.code = c.school "
                          "WHERE c.school = $1 AND c.code_hash = $2 AND c.used_at IS NULL AND c.revoked_at IS NULL "
                          "AND s.revoked_at IS NULL",
                          school, code_hash);
        if (code.empty()) return EnrolOutcome::BadCode;
        c.run("UPDATE enrolment_code SET used_at = $1 WHERE id = $2", now, code.integer(0, 0));
        c.run("UPDATE terminal SET revoked_at = $1 WHERE school = $2 AND revoked_at IS NULL", now, school);
        c.run("INSERT INTO terminal(school, public_key, enrolled_at) VALUES ($1, $2, $3)", school, public_key, now);
        c.run("UPDATE school SET last_seen = $1 WHERE code = $2", now, school);
        return EnrolOutcome::Enrolled;
    });
}

SchoolKeys PostgresReceiverStore::keys(const std::string& school) {
    Lease c(*this);
    SchoolKeys keys;
    auto s = c->run("SELECT public_key, revoked_at IS NOT NULL FROM terminal WHERE school = $1 ORDER BY id DESC", school);
    for (int i = 0; i < s.rows(); ++i) {
        if (!s.boolean(i, 1)) {
            if (!keys.active) keys.active = s.text(i, 0);
        } else if (!keys.revoked) {
            keys.revoked = s.text(i, 0);
        }
    }
    return keys;
}

void PostgresReceiverStore::touch(const std::string& school, const std::string& now) {
    Lease c(*this);
    c->run("UPDATE school SET last_seen = $1 WHERE code = $2", now, school);
}

std::vector<std::string> PostgresReceiverStore::terminal_keys(const std::string& school) {
    Lease c(*this);
    auto s = c->run("SELECT public_key FROM terminal WHERE school = $1 ORDER BY id DESC", school);
    std::vector<std::string> out;
    for (int i = 0; i < s.rows(); ++i) out.push_back(s.text(i, 0));
    return out;
}

// ---- ingest ----

IngestResult PostgresReceiverStore::ingest(const IngestRequest& request) {
    return write([&](Conn& c) { return ingest_one(c, request); });
}

IngestResult PostgresReceiverStore::ingest_one(Conn& c, const IngestRequest& request) {
    const auto& b = request.batch;
    // Everything below reads and writes under the school's row lock: a second process with the
    // same batch waits here, then reads what the first committed and plans a duplicate.
    lock_school(c, b.school);
    const auto state = read_state(c, b);
    const auto plan = plan_ingest(state, b, request.hashes);
    c.run("UPDATE school SET last_seen = $1 WHERE code = $2", request.now, b.school);
    if (plan.kind != IngestKind::Apply) return {plan.kind, plan.acked, plan.flags};
    protocol::Link from = state.tip;
    if (plan.new_stream) {
        // The newest stream replaces the live copy; the older one is kept, archived.
        c.run("UPDATE stream SET state = 'archived' WHERE school = $1 AND state = 'live'", b.school);
        c.run("DELETE FROM live_record WHERE school = $1", b.school);
        c.run("DELETE FROM record_flag WHERE school = $1", b.school);
        from = {0, domain::audit_genesis_hash()};
        c.run("INSERT INTO stream(school, id, state, tip_seq, tip_hash, created_at) VALUES ($1, $2, 'live', $3, $4, $5)",
              b.school, b.stream, from.seq, from.hash, request.now);
    }
    // The batch in one statement per table, not one per entry: a first sync carries hundreds of
    // entries, and PostgreSQL's cost is per statement far more than per row.
    pg::Array seq, hash, stub, at, operator_name, table, record_id, action, old_json, new_json, schema_version, flag;
    // Each record's last full entry decides its live copy and its flag, as applying the entries
    // one by one would leave them (a stub changes neither).
    std::map<std::pair<std::string, std::int64_t>, const PlannedEntry*> last;
    for (const auto& p : plan.entries) {
        const auto& e = b.entries[p.index];
        seq.add(e.seq);
        hash.add(p.hash);
        stub.add(e.stub ? 1 : 0);
        at.add(e.at);
        operator_name.add(e.operator_name);
        table.add(e.table);
        record_id.add(e.record_id);
        action.add(e.action);
        old_json.add(e.old_json);
        new_json.add(e.new_json);
        schema_version.add(e.schema_version);
        flag.add(p.flag);
        if (!e.stub) last[{e.table, e.record_id}] = &p;
    }
    if (!seq.empty())
        c.run("INSERT INTO entry(school, stream, seq, hash, stub, at, operator_name, table_name, record_id, action, old_json, "
              "new_json, schema_version, flag, received_at) "
              "SELECT $1, $2, u.*, $15 FROM unnest($3::bigint[], $4::text[], $5::integer[], $6::text[], $7::text[], $8::text[], "
              "$9::bigint[], $10::text[], $11::text[], $12::text[], $13::integer[], $14::text[]) AS u",
              b.school, b.stream, seq, hash, stub, at, operator_name, table, record_id, action, old_json, new_json, schema_version,
              flag, request.now);
    pg::Array live_table, live_id, live_json, live_seq, gone_table, gone_id, flag_table, flag_id, flag_seq, flag_message,
        unflag_table, unflag_id;
    for (const auto& [record, p] : last) {
        const auto& e = b.entries[p->index];
        if (e.action == "delete") {
            gone_table.add(e.table);
            gone_id.add(e.record_id);
        } else {
            live_table.add(e.table);
            live_id.add(e.record_id);
            live_json.add(e.new_json);
            live_seq.add(e.seq);
        }
        if (p->flag && e.action != "delete") {
            flag_table.add(e.table);
            flag_id.add(e.record_id);
            flag_seq.add(e.seq);
            flag_message.add(*p->flag);
        } else {
            unflag_table.add(e.table);
            unflag_id.add(e.record_id);
        }
    }
    delete_records(c, "live_record", b.school, gone_table, gone_id);
    if (!live_table.empty())
        c.run("INSERT INTO live_record(school, table_name, record_id, json, seq) "
              "SELECT $1, u.* FROM unnest($2::text[], $3::bigint[], $4::text[], $5::bigint[]) AS u "
              "ON CONFLICT (school, table_name, record_id) DO UPDATE SET json = excluded.json, seq = excluded.seq",
              b.school, live_table, live_id, live_json, live_seq);
    delete_records(c, "record_flag", b.school, unflag_table, unflag_id);
    if (!flag_table.empty())
        c.run("INSERT INTO record_flag(school, table_name, record_id, seq, message) "
              "SELECT $1, u.* FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::text[]) AS u "
              "ON CONFLICT (school, table_name, record_id) DO UPDATE SET seq = excluded.seq, message = excluded.message",
              b.school, flag_table, flag_id, flag_seq, flag_message);
    // Compare-and-set: the tip moves only from the one this plan was made on.
    if (c.run("UPDATE stream SET tip_seq = $1, tip_hash = $2 WHERE school = $3 AND id = $4 AND tip_seq = $5 AND tip_hash = $6",
              plan.acked.seq, plan.acked.hash, b.school, b.stream, from.seq, from.hash)
            .affected() != 1)
        throw pg::Error("the stream tip of school " + b.school + " moved while the batch was applied", "40001", true);
    return {plan.kind, plan.acked, plan.flags};
}

protocol::Link PostgresReceiverStore::tip(const std::string& school, const std::string& stream) {
    Lease c(*this);
    auto s = c->run("SELECT tip_seq, tip_hash FROM stream WHERE school = $1 AND id = $2", school, stream);
    if (!s.empty()) return {s.integer(0, 0), s.text(0, 1)};
    return {0, domain::audit_genesis_hash()};
}

// ---- submissions, the live copy ----

SubmissionStored PostgresReceiverStore::add_submission(const StoredSubmission& m) {
    return write([&](Conn& c) -> SubmissionStored {
        lock_school(c, m.school);   // a decision on this school waits, or is waited for
        auto held = c.run("SELECT sha256, received_at FROM submission WHERE school = $1 AND year = $2 AND version = $3", m.school,
                          m.year, m.version);
        if (!held.empty())
            return {held.text(0, 0) == m.sha256 ? SubmissionOutcome::Unchanged : SubmissionOutcome::Conflict, held.text(0, 1)};
        c.run("INSERT INTO submission(school, year, version, sha256, signature, snapshot, received_at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
              m.school, m.year, m.version, m.sha256, m.signature, Bytes{m.snapshot}, m.received_at);
        return {SubmissionOutcome::Received, m.received_at};
    });
}

std::vector<StoredSubmission> PostgresReceiverStore::submissions(const std::optional<std::string>& school, bool with_snapshot) {
    Lease c(*this);
    auto s = c->run(std::string("SELECT school, year, version, sha256, signature, received_at, ") +
                        (with_snapshot ? "snapshot" : "NULL::bytea") +
                        " FROM submission WHERE $1::text IS NULL OR school = $1::text ORDER BY school, year, version",
                    school);
    std::vector<StoredSubmission> out;
    for (int i = 0; i < s.rows(); ++i)
        out.push_back({s.text(i, 0), static_cast<int>(s.integer(i, 1)), static_cast<int>(s.integer(i, 2)), s.text(i, 3),
                       s.text(i, 4), s.bytes(i, 6), s.text(i, 5)});
    return out;
}

std::vector<LiveRecord> PostgresReceiverStore::live_records(const std::string& school) {
    Lease c(*this);
    auto s = c->run("SELECT table_name, record_id, json FROM live_record WHERE school = $1 ORDER BY table_name, record_id", school);
    std::vector<LiveRecord> out;
    for (int i = 0; i < s.rows(); ++i) out.push_back({s.text(i, 0), s.integer(i, 1), s.text(i, 2)});
    return out;
}

std::vector<RecordFlag> PostgresReceiverStore::flags(const std::string& school) {
    Lease c(*this);
    auto s = c->run("SELECT table_name, record_id, seq, message FROM record_flag WHERE school = $1 ORDER BY table_name, record_id",
                    school);
    std::vector<RecordFlag> out;
    for (int i = 0; i < s.rows(); ++i) out.push_back({s.text(i, 0), s.integer(i, 1), s.integer(i, 2), s.text(i, 3)});
    return out;
}

// ---- the downlink ----

protocol::InboxItem PostgresReceiverStore::insert_inbox_item(Conn& c, protocol::InboxItem m, const std::string& now,
                                                            const protocol::KeyPair& key) {
    if (m.kind != protocol::inbox::kDecision && m.kind != protocol::inbox::kPack)
        throw std::invalid_argument("an inbox item is a decision or a pack, not '" + m.kind + "'");
    m.at = now;
    if (m.kind == protocol::inbox::kPack) m.school.clear();
    // The counter row stays locked until this transaction commits: seqs are visible in order.
    m.seq = c.run("UPDATE inbox_counter SET last = last + 1 WHERE id = 1 RETURNING last").integer(0, 0);
    protocol::sign_inbox_item(m, key.secret_key);
    c.run("INSERT INTO inbox_item(seq, kind, school, year, version, decision, text, by_name, at, pack_id, pack_sha256, "
          "pack_text, signature) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)",
          m.seq, m.kind, m.kind == protocol::inbox::kPack ? std::optional<std::string>() : std::optional<std::string>(m.school),
          m.year, m.version, m.decision, m.text, m.by, m.at, m.pack_id, m.pack_sha256, m.pack_text, m.signature);
    return m;
}

protocol::InboxItem PostgresReceiverStore::add_inbox_item(protocol::InboxItem item, const std::string& now) {
    const auto key = receiver_key();
    return write([&](Conn& c) { return insert_inbox_item(c, item, now, key); });
}

std::vector<protocol::InboxItem> PostgresReceiverStore::inbox(const std::string& school, std::int64_t after, std::size_t limit) {
    Lease c(*this);
    const auto bounded = static_cast<std::int64_t>(std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max()));
    auto s = c->run(std::string("SELECT ") + kInboxColumns +
                        " FROM inbox_item WHERE seq > $1 AND (school = $2 OR school IS NULL) ORDER BY seq LIMIT $3",
                    after, school, bounded);
    std::vector<protocol::InboxItem> out;
    for (int i = 0; i < s.rows(); ++i) out.push_back(read_item(s, i));
    return out;
}

std::vector<protocol::InboxItem> PostgresReceiverStore::decisions(const std::optional<std::string>& school) {
    Lease c(*this);
    auto s = c->run(std::string("SELECT ") + kInboxColumns +
                        " FROM inbox_item WHERE kind = 'decision' AND ($1::text IS NULL OR school = $1::text) ORDER BY seq",
                    school);
    std::vector<protocol::InboxItem> out;
    for (int i = 0; i < s.rows(); ++i) out.push_back(read_item(s, i));
    return out;
}

// ---- staff accounts, deadlines, decisions ----

void PostgresReceiverStore::add_user(const StaffUser& user, const std::string& password_hash) {
    write([&](Conn& c) {
        if (c.run("INSERT INTO staff_user(name, role, county, password_hash, added_at) VALUES ($1, $2, $3, $4, $5) "
                  "ON CONFLICT (name) DO NOTHING",
                  user.name, user.role, user.county, password_hash, user.added_at)
                .affected() == 0)
            throw std::invalid_argument("a staff account named " + user.name + " already exists");
    });
}

std::vector<StaffUser> PostgresReceiverStore::users() {
    Lease c(*this);
    auto s = c->run("SELECT name, role, county, added_at FROM staff_user ORDER BY name");
    std::vector<StaffUser> out;
    for (int i = 0; i < s.rows(); ++i) out.push_back(read_user(s, i));
    return out;
}

std::optional<StaffUser> PostgresReceiverStore::user(const std::string& name) {
    Lease c(*this);
    auto s = c->run("SELECT name, role, county, added_at FROM staff_user WHERE name = $1", name);
    if (s.empty()) return std::nullopt;
    return read_user(s, 0);
}

std::optional<std::string> PostgresReceiverStore::password_hash(const std::string& name) {
    Lease c(*this);
    auto s = c->run("SELECT password_hash FROM staff_user WHERE name = $1", name);
    if (s.empty()) return std::nullopt;
    return s.text(0, 0);
}

void PostgresReceiverStore::set_deadline(const Deadline& d) {
    write([&](Conn& c) {
        c.run("INSERT INTO deadline(year, date, set_by, set_at) VALUES ($1, $2, $3, $4) "
              "ON CONFLICT (year) DO UPDATE SET date = excluded.date, set_by = excluded.set_by, set_at = excluded.set_at",
              d.year, d.date, d.set_by, d.set_at);
    });
}

std::vector<int> PostgresReceiverStore::submitted_years() {
    Lease c(*this);
    auto s = c->run("SELECT DISTINCT year FROM submission ORDER BY year");
    std::vector<int> out;
    for (int i = 0; i < s.rows(); ++i) out.push_back(static_cast<int>(s.integer(i, 0)));
    return out;
}

std::vector<Deadline> PostgresReceiverStore::deadlines() {
    Lease c(*this);
    auto s = c->run("SELECT year, date, set_by, set_at FROM deadline ORDER BY year");
    std::vector<Deadline> out;
    for (int i = 0; i < s.rows(); ++i) out.push_back({static_cast<int>(s.integer(i, 0)), s.text(i, 1), s.text(i, 2), s.text(i, 3)});
    return out;
}

Decision PostgresReceiverStore::decide(const DecisionRequest& r, const std::string& now) {
    if (r.text.size() > protocol::kMaxCommentBytes)
        throw std::invalid_argument("the comment is longer than " + std::to_string(protocol::kMaxCommentBytes) + " bytes; nothing recorded");
    if (r.decision != protocol::decision::kAccepted && r.text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw std::invalid_argument("a " + r.decision + " decision needs a comment or reason; nothing recorded");
    const auto key = receiver_key();
    return write([&](Conn& c) -> Decision {
        // Under the school's row lock: a version arriving or a decision taken by another process
        // meanwhile waits for this transaction (or this one for it, then reads what it wrote).
        require_school(c, r.school);
        std::vector<StoredSubmission> versions;
        auto v = c.run("SELECT version, sha256, received_at FROM submission WHERE school = $1 AND year = $2", r.school, r.year);
        for (int i = 0; i < v.rows(); ++i)
            versions.push_back({r.school, r.year, static_cast<int>(v.integer(i, 0)), v.text(i, 1), "", "", v.text(i, 2)});
        std::vector<Decision> taken;
        auto d = c.run("SELECT seq, version, decision, text, by_name, at FROM inbox_item "
                       "WHERE kind = 'decision' AND school = $1 AND year = $2",
                       r.school, r.year);
        for (int i = 0; i < d.rows(); ++i)
            taken.push_back({d.integer(i, 0), r.school, r.year, static_cast<int>(d.integer(i, 1)), d.text(i, 2), d.text(i, 3),
                             d.text(i, 4), d.text(i, 5)});
        const auto review = review_of(r.school, r.year, versions, taken);
        const int version = r.version.value_or(review.latest);
        if (const auto why = decision_refusal(review, r.decision, version)) throw std::invalid_argument(*why + "; nothing recorded");
        protocol::InboxItem item;
        item.kind = protocol::inbox::kDecision;
        item.school = r.school;
        item.year = r.year;
        item.version = version;
        item.decision = r.decision;
        item.text = r.text;
        item.by = r.by;
        const auto stored = insert_inbox_item(c, std::move(item), now, key);
        return {stored.seq, stored.school, stored.year, stored.version, stored.decision, stored.text, stored.by, stored.at};
    });
}

// ---- USB files ----

UploadFileCheck PostgresReceiverStore::check_upload_file(const std::string& terminal_key, std::int64_t number,
                                                         const std::string& sha256) {
    Lease c(*this);
    UploadFileCheck check;
    check.highest = c->run("SELECT COALESCE(MAX(number), 0) FROM upload_file WHERE terminal_key = $1", terminal_key).integer(0, 0);
    auto same = c->run("SELECT sha256, imported_at FROM upload_file WHERE terminal_key = $1 AND number = $2", terminal_key, number);
    if (!same.empty()) {
        check.state = same.text(0, 0) == sha256 ? UploadFileState::Applied : UploadFileState::OutOfOrder;
        check.imported_at = same.text(0, 1);
    } else {
        check.state = number > check.highest ? UploadFileState::New : UploadFileState::OutOfOrder;
    }
    return check;
}

void PostgresReceiverStore::record_upload_file(const std::string& school, const std::string& terminal_key, std::int64_t number,
                                               const std::string& sha256, const std::string& now) {
    write([&](Conn& c) {
        c.run("INSERT INTO upload_file(terminal_key, number, school, sha256, imported_at) VALUES ($1, $2, $3, $4, $5) "
              "ON CONFLICT (terminal_key, number) DO NOTHING",
              terminal_key, number, school, sha256, now);
    });
}

std::int64_t PostgresReceiverStore::next_reply_file(const std::string& school, const std::string& now) {
    return write([&](Conn& c) {
        return c
            .run("INSERT INTO reply_file(school, number, written_at) VALUES ($1, 1, $2) "
                 "ON CONFLICT (school) DO UPDATE SET number = reply_file.number + 1, written_at = excluded.written_at "
                 "RETURNING number",
                 school, now)
            .integer(0, 0);
    });
}

}  // namespace jh::sync::receiver
