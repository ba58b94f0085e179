// SqliteReceiverStore's verbs for USB files (schema/0004_files.sql): where an upload file
// stands against those imported from the same terminal, recording one, and numbering reply files.
#include "sync/receiver/sqlite_store.hpp"

namespace jh::sync::receiver {

UploadFileCheck SqliteReceiverStore::check_upload_file(const std::string& terminal_key, std::int64_t number,
                                                       const std::string& sha256) {
    Lease db(*this);
    UploadFileCheck check;
    Stmt highest(*db, "SELECT coalesce(max(number), 0) FROM upload_file WHERE terminal_key = ?");
    highest.bind(1, terminal_key);
    highest.step();
    check.highest = highest.integer(0);
    Stmt same(*db, "SELECT sha256, imported_at FROM upload_file WHERE terminal_key = ? AND number = ?");
    same.bind(1, terminal_key).bind(2, number);
    if (same.step()) {
        check.state = same.text(0) == sha256 ? UploadFileState::Applied : UploadFileState::OutOfOrder;
        check.imported_at = same.text(1);
    } else {
        check.state = number > check.highest ? UploadFileState::New : UploadFileState::OutOfOrder;
    }
    return check;
}

void SqliteReceiverStore::record_upload_file(const std::string& school, const std::string& terminal_key,
                                             std::int64_t number, const std::string& sha256, const std::string& now) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt(*db, "INSERT OR IGNORE INTO upload_file(terminal_key, number, school, sha256, imported_at) VALUES (?, ?, ?, ?, ?)")
        .bind(1, terminal_key)
        .bind(2, number)
        .bind(3, school)
        .bind(4, sha256)
        .bind(5, now)
        .run();
    tx.commit();
}

std::int64_t SqliteReceiverStore::next_reply_file(const std::string& school, const std::string& now) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt(*db, "INSERT INTO reply_file(school, number, written_at) VALUES (?1, 1, ?2) "
              "ON CONFLICT (school) DO UPDATE SET number = number + 1, written_at = ?2")
        .bind(1, school)
        .bind(2, now)
        .run();
    Stmt s(*db, "SELECT number FROM reply_file WHERE school = ?");
    s.bind(1, school);
    s.step();
    const auto number = s.integer(0);
    tx.commit();
    return number;
}

}  // namespace jh::sync::receiver
