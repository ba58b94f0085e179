// Backups through SQLite's online backup API (consistent even while the terminal writes),
// and restoring one in place of a database without losing the database it replaces.
#include <sqlite3.h>

#include "store/files.hpp"
#include "store/schema.hpp"
#include "store/store_impl.hpp"
#include "store/transaction.hpp"

namespace jh::store {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void reject(std::string zh, std::string en) { throw domain::Rejected(domain::Message{zh, en}); }

void copy_database(Connection& from, Connection& to) {
    sqlite3_backup* backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
    if (!backup) check(sqlite3_errcode(to.get()), to.get(), "starting the backup");
    int rc;
    do {
        rc = sqlite3_backup_step(backup, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    check(rc, to.get(), "copying the database");
}

// Copies `from` into a new file `to`, written under a temporary name first so an interrupted
// copy never looks like a finished one. The copy is a single self-contained file.
void copy_to_new_file(Connection& from, const fs::path& to) {
    const fs::path partial = to.string() + ".partial";
    fs::remove(partial);  // our own leftover from an interrupted copy
    {
        Connection copy(partial, Connection::Access::ReadWriteCreate);
        copy_database(from, copy);
        copy.exec("PRAGMA journal_mode = DELETE");
    }
    fs::rename(partial, to);
}

// Opens a backup read-only and checks it is a healthy Junheng database this program can read.
Connection open_backup(const fs::path& backup) {
    if (!fs::is_regular_file(backup)) reject("找不到备份文件 " + backup.string(), "no backup file at " + backup.string());
    const std::string what_zh = "备份文件 " + backup.string();
    const std::string what_en = "the backup " + backup.string();
    try {
        Connection db(backup, Connection::Access::ReadOnly);
        const int version = db.user_version();
        if (version > schema::latest_version()) schema::reject_newer(version);
        if (version < 1 || db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'audit'") != "1")
            reject(what_zh + " 不是均衡填报系统的数据库", what_en + " is not a Junheng database");
        if (auto ok = db.scalar("PRAGMA integrity_check"); ok != "ok")
            reject(what_zh + " 已损坏（" + ok + "），没有恢复", what_en + " is damaged (" + ok + "); nothing was restored");
        return db;
    } catch (const SqliteError& e) {
        reject(what_zh + " 无法读取：" + e.what(), what_en + " cannot be read: " + e.what());
    }
}

// Folds the WAL into the main file so the database can be moved as one file; a database too
// damaged to open is moved as it is, companions and all.
void checkpoint_if_possible(const fs::path& path) {
    try {
        Connection db(path, Connection::Access::ReadWrite);
        db.exec("PRAGMA busy_timeout = 5000; PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const SqliteError&) {
    }
}

// The enrolment (receiver URL and pinned key) of the database a restore replaces, when it has
// one and can be read: it belongs to this terminal (its key file stays beside the path), not
// to the data the backup brings back.
std::pair<std::string, std::string> enrolment_of(const fs::path& path) {
    try {
        Connection db(path, Connection::Access::ReadOnly);
        db.exec("PRAGMA busy_timeout = 5000");
        if (db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'sync_state'") != "1") return {};
        return {db.scalar("SELECT receiver_url FROM sync_state WHERE id = 1"),
                db.scalar("SELECT receiver_key FROM sync_state WHERE id = 1")};
    } catch (const SqliteError&) {
        return {};
    }
}

// The target's by-file sync state (schema/0006_files.sql): like the enrolment it belongs to the
// terminal, and the receiver refuses an upload file numbered below one it imported, so the
// numbers never go back with a restore.
struct FileNumbers {
    std::string upload = "0", reply = "0", code;
};
FileNumbers file_numbers_of(const fs::path& path) {
    try {
        Connection db(path, Connection::Access::ReadOnly);
        db.exec("PRAGMA busy_timeout = 5000");
        return {db.scalar("SELECT upload_file_number FROM sync_state WHERE id = 1"),
                db.scalar("SELECT reply_file_number FROM sync_state WHERE id = 1"),
                db.scalar("SELECT enrol_code FROM sync_state WHERE id = 1")};
    } catch (const SqliteError&) {
        return {};   // no such database or an older schema: nothing to keep
    }
}

void keep_file_numbers(const fs::path& restored, const FileNumbers& numbers) {
    Connection db(restored, Connection::Access::ReadWrite);
    Transaction tx(db);
    Statement keep(db.get(),
                   "UPDATE sync_state SET upload_file_number = max(upload_file_number, ?), "
                   "reply_file_number = max(reply_file_number, ?), "
                   "enrol_code = CASE WHEN ? = '' THEN enrol_code ELSE ? END WHERE id = 1");
    keep.bind(1, std::int64_t{std::stoll(numbers.upload)}).bind(2, std::int64_t{std::stoll(numbers.reply)});
    keep.bind(3, numbers.code).bind(4, numbers.code);
    keep.run();
    tx.commit();
}

// Brings the restored copy up to this program's schema and gives it a new sync stream: its log
// may repeat seqs the bureau already holds with other content, so it must not continue the old
// stream (docs/sync-protocol.md "Streams"). Its acknowledged link becomes unknown.
void renew_stream(const fs::path& restored, const std::pair<std::string, std::string>& enrolment) {
    Connection db(restored, Connection::Access::ReadWrite);
    schema::migrate(db);
    Transaction tx(db);
    Statement renew(db.get(),
                    "UPDATE sync_state SET stream = lower(hex(randomblob(16))), acked_seq = NULL, acked_hash = NULL, "
                    "last_error = '', receiver_url = CASE WHEN ? = '' THEN receiver_url ELSE ? END, "
                    "receiver_key = CASE WHEN ? = '' THEN receiver_key ELSE ? END WHERE id = 1");
    renew.bind(1, enrolment.first).bind(2, enrolment.first).bind(3, enrolment.second).bind(4, enrolment.second);
    renew.run();
    tx.commit();
}

}  // namespace

void Store::backup(const fs::path& to) const {
    if (fs::exists(to))
        reject("备份文件 " + to.string() + " 已经存在，不会覆盖；请换一个文件名",
               to.string() + " already exists and will not be overwritten: choose another name");
    copy_to_new_file(impl_->db, to);
}

std::optional<fs::path> Store::restore(const fs::path& backup, const fs::path& target) {
    Connection source = open_backup(backup);
    if (target.has_parent_path()) fs::create_directories(target.parent_path());
    const fs::path incoming = target.string() + ".restoring";
    copy_to_new_file(source, incoming);
    renew_stream(incoming, fs::exists(target) ? enrolment_of(target) : std::pair<std::string, std::string>{});
    if (fs::exists(target)) keep_file_numbers(incoming, file_numbers_of(target));
    std::optional<fs::path> kept;
    if (fs::exists(target)) {
        checkpoint_if_possible(target);
        kept = move_aside(target, "before-restore");
    }
    fs::rename(incoming, target);
    return kept;
}

}  // namespace jh::store
