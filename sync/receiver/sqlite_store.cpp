// SqliteReceiverStore: the receiver's SQL, migrations and group commit; see sqlite_store.hpp.
#include "sync/receiver/sqlite_store.hpp"

#include <charconv>
#include <stdexcept>

#include "domain/audit_entry.hpp"
#include "domain/embedded.hpp"
#include "sync/protocol/protocol.hpp"
#include "sync/receiver/review.hpp"

namespace jh::sync::receiver {

namespace schema {
const std::vector<jh::EmbeddedFile>& embedded_files();   // generated from sync/receiver/schema/*.sql
}

namespace {

// "0001_receiver.sql" → 1; the files must be numbered 1, 2, 3 … without gaps.
const std::vector<jh::EmbeddedFile>& migrations() {
    static const auto& files = []() -> const std::vector<jh::EmbeddedFile>& {
        const auto& all = schema::embedded_files();
        for (std::size_t i = 0; i < all.size(); ++i) {
            int n = 0;
            auto [end, ec] = std::from_chars(all[i].name.data(), all[i].name.data() + all[i].name.size(), n);
            if (ec != std::errc{} || *end != '_' || n != static_cast<int>(i) + 1)
                throw std::logic_error("receiver migrations must be numbered 1, 2, 3 …: " + std::string(all[i].name));
        }
        return all;
    }();
    return files;
}

void migrate(Db& db) {
    WriteTx tx(db);
    const int current = db.user_version();   // read under the write lock: another process may migrate too
    const int latest = static_cast<int>(migrations().size());
    if (current > latest)
        throw StoreError("the receiver store was written by a newer junheng-bureau (schema version " +
                             std::to_string(current) + ", this program knows up to " + std::to_string(latest) +
                             "); it was not changed",
                         false);
    if (current == latest) return;
    for (std::size_t i = static_cast<std::size_t>(current); i < migrations().size(); ++i) db.exec(migrations()[i].content);
    db.exec("PRAGMA user_version = " + std::to_string(latest));
    tx.commit();
}

void require_school(Db& db, const std::string& code) {
    Stmt s(db, "SELECT 1 FROM school WHERE code = ?");
    s.bind(1, code);
    if (!s.step()) throw std::invalid_argument("no school " + code + " is registered");
}

// Every unused code of the school is withdrawn and its active terminal revoked.
void revoke_credentials(Db& db, const std::string& code, const std::string& now) {
    Stmt(db, "UPDATE enrolment_code SET revoked_at = ? WHERE school = ? AND used_at IS NULL AND revoked_at IS NULL")
        .bind(1, now)
        .bind(2, code)
        .run();
    Stmt(db, "UPDATE terminal SET revoked_at = ? WHERE school = ? AND revoked_at IS NULL").bind(1, now).bind(2, code).run();
}

StreamState read_state(Db& db, const protocol::Batch& b) {
    StreamState state;
    Stmt s(db, "SELECT state, tip_seq, tip_hash FROM stream WHERE school = ? AND id = ?");
    s.bind(1, b.school).bind(2, b.stream);
    if (s.step()) {
        state.known = true;
        state.live = s.text(0) == "live";
        state.tip = {s.integer(1), s.text(2)};
    } else {
        state.tip = {0, domain::audit_genesis_hash()};
        return state;
    }
    Stmt held(db, "SELECT seq, hash, table_name, record_id, flag FROM entry WHERE school = ? AND stream = ? AND seq BETWEEN ? AND ?");
    held.bind(1, b.school).bind(2, b.stream).bind(3, std::max<std::int64_t>(b.after.seq, 1)).bind(4, b.tip.seq);
    while (held.step()) state.held[held.integer(0)] = {held.text(1), held.text(2), held.integer(3), held.optional_text(4)};
    if (state.live) {
        Stmt school(db, "SELECT json FROM live_record WHERE school = ? AND table_name = 'school' ORDER BY record_id LIMIT 1");
        school.bind(1, b.school);
        if (school.step()) state.school_json = school.text(0);
    }
    return state;
}

}  // namespace

SqliteReceiverStore::SqliteReceiverStore(const std::filesystem::path& path) : path_(path) {
    writer_ = std::make_unique<Db>(path_);
    migrate(*writer_);
}

SqliteReceiverStore::~SqliteReceiverStore() = default;

int SqliteReceiverStore::latest_schema_version() { return static_cast<int>(migrations().size()); }
int SqliteReceiverStore::schema_version() {
    Lease db(*this);
    return db->user_version();
}

SqliteReceiverStore::Lease::Lease(SqliteReceiverStore& store) : store_(store) {
    {
        std::lock_guard lock(store_.pool_mutex_);
        if (!store_.pool_.empty()) {
            db_ = std::move(store_.pool_.back());
            store_.pool_.pop_back();
        }
    }
    if (!db_) db_ = std::make_unique<Db>(store_.path_);
}
SqliteReceiverStore::Lease::~Lease() {
    // A connection left inside a transaction (an exception mid-way) is not reused.
    if (sqlite3_get_autocommit(db_->get()) == 0) return;
    std::lock_guard lock(store_.pool_mutex_);
    store_.pool_.push_back(std::move(db_));
}

protocol::KeyPair SqliteReceiverStore::receiver_key() {
    std::lock_guard lock(key_mutex_);
    if (key_) return *key_;
    Lease db(*this);
    const auto read = [&]() -> std::optional<protocol::KeyPair> {
        Stmt s(*db, "SELECT (SELECT value FROM receiver_meta WHERE key = 'public_key'), "
                    "(SELECT value FROM receiver_meta WHERE key = 'secret_key')");
        s.step();
        if (s.is_null(0) || s.is_null(1)) return std::nullopt;
        return protocol::KeyPair{s.text(0), s.text(1)};
    };
    auto pair = read();
    if (!pair) {
        // Made under the write lock; another process may have made one first: its key wins.
        const auto fresh = protocol::generate_key_pair();
        WriteTx tx(*db);
        Stmt(*db, "INSERT OR IGNORE INTO receiver_meta(key, value) VALUES ('public_key', ?), ('secret_key', ?)")
            .bind(1, fresh.public_key)
            .bind(2, fresh.secret_key)
            .run();
        tx.commit();
        pair = read();
        if (!pair) throw StoreError("the receiver key could not be stored", false);
    }
    if (!protocol::is_public_key(pair->public_key) || !protocol::is_secret_key(pair->secret_key))
        throw StoreError("the receiver key kept in the store is damaged", false);
    key_ = pair;
    return *key_;
}

void SqliteReceiverStore::add_school(const std::string& code, const std::string& name, const std::string& code_hash,
                                     const std::string& now) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt exists(*db, "SELECT 1 FROM school WHERE code = ?");
    exists.bind(1, code);
    if (exists.step()) throw std::invalid_argument("school " + code + " is already registered");
    Stmt(*db, "INSERT INTO school(code, name, added_at) VALUES (?, ?, ?)").bind(1, code).bind(2, name).bind(3, now).run();
    Stmt(*db, "INSERT INTO enrolment_code(school, code_hash, issued_at) VALUES (?, ?, ?)")
        .bind(1, code)
        .bind(2, code_hash)
        .bind(3, now)
        .run();
    tx.commit();
}

std::vector<SchoolInfo> SqliteReceiverStore::select_schools(Db& db, const std::optional<std::string>& code) {
    Stmt s(db,
           "SELECT s.code, s.name, s.added_at, s.revoked_at, s.last_seen, "
           "  EXISTS (SELECT 1 FROM terminal t WHERE t.school = s.code AND t.revoked_at IS NULL), "
           "  st.id, st.tip_seq, st.tip_hash "
           "FROM school s LEFT JOIN stream st ON st.school = s.code AND st.state = 'live' "
           "WHERE ?1 IS NULL OR s.code = ?1 ORDER BY s.code");
    s.bind(1, code);
    std::vector<SchoolInfo> out;
    while (s.step()) {
        SchoolInfo i;
        i.code = s.text(0);
        i.name = s.text(1);
        i.added_at = s.text(2);
        i.revoked = !s.is_null(3);
        i.last_seen = s.optional_text(4);
        i.enrolled = s.integer(5) != 0;
        if (!s.is_null(6)) {
            i.live_stream = s.text(6);
            i.tip = {s.integer(7), s.text(8)};
        } else {
            i.tip = {0, domain::audit_genesis_hash()};
        }
        out.push_back(std::move(i));
    }
    return out;
}

std::optional<SchoolInfo> SqliteReceiverStore::school(const std::string& code) {
    Lease db(*this);
    auto all = select_schools(*db, code);
    if (all.empty()) return std::nullopt;
    return all.front();
}

std::vector<SchoolInfo> SqliteReceiverStore::schools() {
    Lease db(*this);
    return select_schools(*db, std::nullopt);
}

void SqliteReceiverStore::revoke(const std::string& code, const std::string& now) {
    Lease db(*this);
    WriteTx tx(*db);
    require_school(*db, code);
    revoke_credentials(*db, code, now);
    Stmt(*db, "UPDATE school SET revoked_at = COALESCE(revoked_at, ?) WHERE code = ?").bind(1, now).bind(2, code).run();
    tx.commit();
}

void SqliteReceiverStore::replace(const std::string& code, const std::string& code_hash, const std::string& now) {
    Lease db(*this);
    WriteTx tx(*db);
    require_school(*db, code);
    revoke_credentials(*db, code, now);
    Stmt(*db, "UPDATE school SET revoked_at = NULL WHERE code = ?").bind(1, code).run();
    Stmt(*db, "INSERT INTO enrolment_code(school, code_hash, issued_at) VALUES (?, ?, ?)")
        .bind(1, code)
        .bind(2, code_hash)
        .bind(3, now)
        .run();
    tx.commit();
}

EnrolOutcome SqliteReceiverStore::enrol(const std::string& school, const std::string& code_hash,
                                        const std::string& public_key, const std::string& now) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt code(*db,
              "SELECT c.id FROM enrolment_code c JOIN school s ON s.code = c.school "
              "WHERE c.school = ? AND c.code_hash = ? AND c.used_at IS NULL AND c.revoked_at IS NULL AND s.revoked_at IS NULL");
    code.bind(1, school).bind(2, code_hash);
    if (!code.step()) return EnrolOutcome::BadCode;
    const auto code_id = code.integer(0);
    Stmt(*db, "UPDATE enrolment_code SET used_at = ? WHERE id = ?").bind(1, now).bind(2, code_id).run();
    // One active terminal per school.
    Stmt(*db, "UPDATE terminal SET revoked_at = ? WHERE school = ? AND revoked_at IS NULL").bind(1, now).bind(2, school).run();
    Stmt(*db, "INSERT INTO terminal(school, public_key, enrolled_at) VALUES (?, ?, ?)")
        .bind(1, school)
        .bind(2, public_key)
        .bind(3, now)
        .run();
    Stmt(*db, "UPDATE school SET last_seen = ? WHERE code = ?").bind(1, now).bind(2, school).run();
    tx.commit();
    return EnrolOutcome::Enrolled;
}

SchoolKeys SqliteReceiverStore::keys(const std::string& school) {
    Lease db(*this);
    SchoolKeys keys;
    Stmt s(*db, "SELECT public_key, revoked_at IS NOT NULL FROM terminal WHERE school = ? ORDER BY id DESC");
    s.bind(1, school);
    while (s.step()) {
        if (s.integer(1) == 0) {
            if (!keys.active) keys.active = s.text(0);
        } else if (!keys.revoked) {
            keys.revoked = s.text(0);
        }
    }
    return keys;
}

void SqliteReceiverStore::touch(const std::string& school, const std::string& now) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt(*db, "UPDATE school SET last_seen = ? WHERE code = ?").bind(1, now).bind(2, school).run();
    tx.commit();
}

// ---- ingest with group commit ----

IngestResult SqliteReceiverStore::ingest(const IngestRequest& request) {
    Job job;
    job.request = &request;
    std::unique_lock lock(queue_mutex_);
    queue_.push_back(&job);
    while (!job.done) {
        if (leading_) {
            queue_cv_.wait(lock);
            continue;
        }
        // Lead one group: everything queued so far (ours may be among them, or come next).
        leading_ = true;
        std::vector<Job*> group;
        while (!queue_.empty() && group.size() < kMaxGroup) {
            group.push_back(queue_.front());
            queue_.pop_front();
        }
        lock.unlock();
        run_group(group);
        lock.lock();
        for (auto* j : group) j->done = true;
        leading_ = false;
        queue_cv_.notify_all();
    }
    if (job.error) std::rethrow_exception(job.error);
    return job.result;
}

void SqliteReceiverStore::run_group(const std::vector<Job*>& group) {
    try {
        WriteTx tx(*writer_);
        for (auto* job : group) {
            writer_->exec("SAVEPOINT batch");
            try {
                job->result = ingest_one(*writer_, *job->request);
                writer_->exec("RELEASE batch");
            } catch (...) {
                job->error = std::current_exception();
                writer_->exec("ROLLBACK TO batch");
                writer_->exec("RELEASE batch");
            }
        }
        tx.commit();
        ++group_commits_;
    } catch (...) {
        // Nothing of the group was committed: every batch of it fails (503, the client retries).
        for (auto* job : group) job->error = std::current_exception();
    }
}

IngestResult SqliteReceiverStore::ingest_one(Db& db, const IngestRequest& request) {
    const auto& b = request.batch;
    const auto state = read_state(db, b);
    const auto plan = plan_ingest(state, b, request.hashes);
    Stmt(db, "UPDATE school SET last_seen = ? WHERE code = ?").bind(1, request.now).bind(2, b.school).run();
    if (plan.kind == IngestKind::Apply) {
        if (plan.new_stream) {
            // The newest stream replaces the live copy; the older one is kept, archived.
            Stmt(db, "UPDATE stream SET state = 'archived' WHERE school = ? AND state = 'live'").bind(1, b.school).run();
            Stmt(db, "DELETE FROM live_record WHERE school = ?").bind(1, b.school).run();
            Stmt(db, "DELETE FROM record_flag WHERE school = ?").bind(1, b.school).run();
            Stmt(db, "INSERT INTO stream(school, id, state, tip_seq, tip_hash, created_at) VALUES (?, ?, 'live', 0, ?, ?)")
                .bind(1, b.school)
                .bind(2, b.stream)
                .bind(3, domain::audit_genesis_hash())
                .bind(4, request.now)
                .run();
        }
        Stmt insert(db,
                    "INSERT INTO entry(school, stream, seq, hash, stub, at, operator_name, table_name, record_id, action, "
                    "old_json, new_json, schema_version, flag, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        Stmt upsert(db,
                    "INSERT INTO live_record(school, table_name, record_id, json, seq) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(school, table_name, record_id) DO UPDATE SET json = excluded.json, seq = excluded.seq");
        Stmt remove(db, "DELETE FROM live_record WHERE school = ? AND table_name = ? AND record_id = ?");
        Stmt set_flag(db, "INSERT OR REPLACE INTO record_flag(school, table_name, record_id, seq, message) VALUES (?, ?, ?, ?, ?)");
        Stmt clear_flag(db, "DELETE FROM record_flag WHERE school = ? AND table_name = ? AND record_id = ?");
        for (const auto& p : plan.entries) {
            const auto& e = b.entries[p.index];
            insert.bind(1, b.school).bind(2, b.stream).bind(3, e.seq).bind(4, p.hash).bind(5, e.stub ? 1 : 0);
            insert.bind(6, e.at).bind(7, e.operator_name).bind(8, e.table).bind(9, e.record_id).bind(10, e.action);
            insert.bind(11, e.old_json).bind(12, e.new_json).bind(13, e.schema_version).bind(14, p.flag).bind(15, request.now);
            insert.run();
            insert.reset();
            if (e.stub) continue;
            if (e.action == "delete") {
                remove.bind(1, b.school).bind(2, e.table).bind(3, e.record_id).run();
                remove.reset();
            } else {
                upsert.bind(1, b.school).bind(2, e.table).bind(3, e.record_id).bind(4, e.new_json).bind(5, e.seq).run();
                upsert.reset();
            }
            if (p.flag && e.action != "delete") {
                set_flag.bind(1, b.school).bind(2, e.table).bind(3, e.record_id).bind(4, e.seq).bind(5, *p.flag).run();
                set_flag.reset();
            } else {
                clear_flag.bind(1, b.school).bind(2, e.table).bind(3, e.record_id).run();
                clear_flag.reset();
            }
        }
        Stmt(db, "UPDATE stream SET tip_seq = ?, tip_hash = ? WHERE school = ? AND id = ?")
            .bind(1, plan.acked.seq)
            .bind(2, plan.acked.hash)
            .bind(3, b.school)
            .bind(4, b.stream)
            .run();
    }
    return {plan.kind, plan.acked, plan.flags};
}

protocol::Link SqliteReceiverStore::tip(const std::string& school, const std::string& stream) {
    Lease db(*this);
    Stmt s(*db, "SELECT tip_seq, tip_hash FROM stream WHERE school = ? AND id = ?");
    s.bind(1, school).bind(2, stream);
    if (s.step()) return {s.integer(0), s.text(1)};
    return {0, domain::audit_genesis_hash()};
}

SubmissionStored SqliteReceiverStore::add_submission(const StoredSubmission& m) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt held(*db, "SELECT sha256, received_at FROM submission WHERE school = ? AND year = ? AND version = ?");
    held.bind(1, m.school).bind(2, m.year).bind(3, m.version);
    if (held.step()) {
        if (held.text(0) == m.sha256) return {SubmissionOutcome::Unchanged, held.text(1)};
        return {SubmissionOutcome::Conflict, held.text(1)};
    }
    Stmt(*db, "INSERT INTO submission(school, year, version, sha256, signature, snapshot, received_at) VALUES (?,?,?,?,?,?,?)")
        .bind(1, m.school)
        .bind(2, m.year)
        .bind(3, m.version)
        .bind(4, m.sha256)
        .bind(5, m.signature)
        .bind_blob(6, m.snapshot)
        .bind(7, m.received_at)
        .run();
    tx.commit();
    return {SubmissionOutcome::Received, m.received_at};
}

std::vector<StoredSubmission> SqliteReceiverStore::submissions(const std::optional<std::string>& school, bool with_snapshot) {
    Lease db(*this);
    Stmt s(*db, std::string("SELECT school, year, version, sha256, signature, received_at, ") +
                    (with_snapshot ? "snapshot" : "NULL") +
                    " FROM submission WHERE ?1 IS NULL OR school = ?1 ORDER BY school, year, version");
    s.bind(1, school);
    std::vector<StoredSubmission> out;
    while (s.step())
        out.push_back({s.text(0), static_cast<int>(s.integer(1)), static_cast<int>(s.integer(2)), s.text(3), s.text(4),
                       s.text(6), s.text(5)});
    return out;
}

std::vector<LiveRecord> SqliteReceiverStore::live_records(const std::string& school) {
    Lease db(*this);
    Stmt s(*db, "SELECT table_name, record_id, json FROM live_record WHERE school = ? ORDER BY table_name, record_id");
    s.bind(1, school);
    std::vector<LiveRecord> out;
    while (s.step()) out.push_back({s.text(0), s.integer(1), s.text(2)});
    return out;
}

std::optional<std::string> SqliteReceiverStore::live_school_record(const std::string& school) {
    Lease db(*this);
    Stmt s(*db, "SELECT json FROM live_record WHERE school = ? AND table_name = 'school' ORDER BY record_id LIMIT 1");
    s.bind(1, school);
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

std::vector<RecordFlag> SqliteReceiverStore::flags(const std::string& school) {
    Lease db(*this);
    Stmt s(*db, "SELECT table_name, record_id, seq, message FROM record_flag WHERE school = ? ORDER BY table_name, record_id");
    s.bind(1, school);
    std::vector<RecordFlag> out;
    while (s.step()) out.push_back({s.text(0), s.integer(1), s.integer(2), s.text(3)});
    return out;
}

// ---- staff accounts and deadlines (0003_review.sql) ----

namespace {
StaffUser read_user(const Stmt& s) { return {s.text(0), s.text(1), s.optional_text(2), s.text(3)}; }
}  // namespace

void SqliteReceiverStore::add_user(const StaffUser& user, const std::string& password_hash) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt exists(*db, "SELECT 1 FROM staff_user WHERE name = ?");
    exists.bind(1, user.name);
    if (exists.step()) throw std::invalid_argument("a staff account named " + user.name + " already exists");
    Stmt(*db, "INSERT INTO staff_user(name, role, county, password_hash, added_at) VALUES (?, ?, ?, ?, ?)")
        .bind(1, user.name)
        .bind(2, user.role)
        .bind(3, user.county)
        .bind(4, password_hash)
        .bind(5, user.added_at)
        .run();
    tx.commit();
}

std::vector<StaffUser> SqliteReceiverStore::users() {
    Lease db(*this);
    Stmt s(*db, "SELECT name, role, county, added_at FROM staff_user ORDER BY name");
    std::vector<StaffUser> out;
    while (s.step()) out.push_back(read_user(s));
    return out;
}

std::optional<StaffUser> SqliteReceiverStore::user(const std::string& name) {
    Lease db(*this);
    Stmt s(*db, "SELECT name, role, county, added_at FROM staff_user WHERE name = ?");
    s.bind(1, name);
    if (!s.step()) return std::nullopt;
    return read_user(s);
}

std::optional<std::string> SqliteReceiverStore::password_hash(const std::string& name) {
    Lease db(*this);
    Stmt s(*db, "SELECT password_hash FROM staff_user WHERE name = ?");
    s.bind(1, name);
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

void SqliteReceiverStore::set_deadline(const Deadline& d) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt(*db, "INSERT INTO deadline(year, date, set_by, set_at) VALUES (?, ?, ?, ?) "
              "ON CONFLICT(year) DO UPDATE SET date = excluded.date, set_by = excluded.set_by, set_at = excluded.set_at")
        .bind(1, d.year)
        .bind(2, d.date)
        .bind(3, d.set_by)
        .bind(4, d.set_at)
        .run();
    tx.commit();
}

std::vector<int> SqliteReceiverStore::submitted_years() {
    Lease db(*this);
    Stmt s(*db, "SELECT DISTINCT year FROM submission ORDER BY year");
    std::vector<int> out;
    while (s.step()) out.push_back(static_cast<int>(s.integer(0)));
    return out;
}

std::vector<Deadline> SqliteReceiverStore::deadlines() {
    Lease db(*this);
    Stmt s(*db, "SELECT year, date, set_by, set_at FROM deadline ORDER BY year");
    std::vector<Deadline> out;
    while (s.step()) out.push_back({static_cast<int>(s.integer(0)), s.text(1), s.text(2), s.text(3)});
    return out;
}

// ---- review decisions: checked and recorded in one transaction ----

Decision SqliteReceiverStore::decide(const DecisionRequest& r, const std::string& now) {
    if (r.text.size() > protocol::kMaxCommentBytes)
        throw std::invalid_argument("the comment is longer than " + std::to_string(protocol::kMaxCommentBytes) + " bytes; nothing recorded");
    if (r.decision != protocol::decision::kAccepted && r.text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw std::invalid_argument("a " + r.decision + " decision needs a comment or reason; nothing recorded");
    const auto key = receiver_key();   // before the transaction: it may need a write of its own
    Lease db(*this);
    WriteTx tx(*db);
    // Read under the write lock: a version arriving or a decision taken by another process
    // meanwhile waits for this transaction, so the check below still holds at the insert.
    require_school(*db, r.school);
    std::vector<StoredSubmission> versions;
    Stmt v(*db, "SELECT version, sha256, received_at FROM submission WHERE school = ? AND year = ?");
    v.bind(1, r.school).bind(2, r.year);
    while (v.step()) versions.push_back({r.school, r.year, static_cast<int>(v.integer(0)), v.text(1), "", "", v.text(2)});
    std::vector<Decision> taken;
    Stmt d(*db, "SELECT seq, version, decision, text, by_name, at FROM inbox_item WHERE kind = 'decision' AND school = ? AND year = ?");
    d.bind(1, r.school).bind(2, r.year);
    while (d.step())
        taken.push_back({d.integer(0), r.school, r.year, static_cast<int>(d.integer(1)), d.text(2), d.text(3), d.text(4), d.text(5)});
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
    const auto stored = insert_inbox_item(*db, std::move(item), now, key);
    tx.commit();
    return {stored.seq, stored.school, stored.year, stored.version, stored.decision, stored.text, stored.by, stored.at};
}

}  // namespace jh::sync::receiver
