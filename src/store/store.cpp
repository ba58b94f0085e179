// Opening a school database (health check, newer-version refusal, durability settings,
// migrations), the shared guards, and the small key-value parts (drafts, settings, audit reads).
#include "store/store.hpp"

#include <sodium.h>

#include <stdexcept>

#include "store/clock.hpp"
#include "store/files.hpp"
#include "store/schema.hpp"
#include "store/store_impl.hpp"

namespace jh::store {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void reject_corrupt(const fs::path& path, const fs::path& moved_to) {
    throw domain::Rejected(domain::Message{
        "数据库文件 " + path.string() + " 已损坏，无法使用。原文件没有删除，已移至 " + moved_to.string() +
            " 保存。请用“恢复备份”（junheng restore 备份文件）恢复最近的备份。",
        "the database " + path.string() + " is corrupt and cannot be used. It was not deleted: it was moved to " +
            moved_to.string() + ". Restore your latest backup with `junheng restore BACKUP`."});
}

// A healthy SQLite file of another program: never migrated into, never moved.
[[noreturn]] void reject_foreign(const fs::path& path) {
    throw domain::Rejected(domain::Message{
        path.string() + " 是其他程序的数据库，不是均衡填报系统的学校数据库，没有打开也没有修改",
        path.string() + " is a database of another program, not a Junheng school database; it was not opened or changed"});
}

// Problems SQLite's quick check reports; throws SqliteError when the file is not a database.
std::vector<std::string> quick_check(Connection& db) {
    Statement s(db.get(), "PRAGMA quick_check");
    std::vector<std::string> problems;
    while (s.step())
        if (auto line = s.text(0); line != "ok") problems.push_back(line);
    return problems;
}

// Opens the file and makes sure it is a healthy database no newer than this program; a
// damaged one is moved aside and reported.
Connection open_checked(const fs::path& path, OpenMode mode) {
    Connection db(path, mode == OpenMode::CreateIfMissing ? Connection::Access::ReadWriteCreate
                                                          : Connection::Access::ReadWrite);
    db.exec("PRAGMA busy_timeout = 5000");
    bool corrupt = false;
    try {
        const int version = db.user_version();
        if (version > schema::latest_version()) schema::reject_newer(version);
        if (version == 0 && db.scalar("SELECT count(*) FROM sqlite_master") != "0") reject_foreign(path);
        corrupt = !quick_check(db).empty();
    } catch (const SqliteError& e) {
        if (!e.corrupt()) throw;
        corrupt = true;
    }
    if (corrupt) {
        db.close();
        reject_corrupt(path, move_aside(path, "corrupt"));
    }
    return db;
}

void configure(Connection& db) {
    // WAL: readers never block the writer; FULL: a commit survives a power cut (common in
    // rural schools); foreign keys are off by default in SQLite.
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
}

}  // namespace

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::open(const fs::path& path, OpenMode mode) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    if (mode == OpenMode::MustExist && !fs::exists(path))
        throw domain::Rejected(domain::Message{"找不到数据库文件 " + path.string() + "。请先初始化学校（junheng init）。",
                                               "no database at " + path.string() + " (create one with `junheng init`)"});
    if (mode == OpenMode::CreateIfMissing && path.has_parent_path()) fs::create_directories(path.parent_path());
    Connection db = open_checked(path, mode);
    configure(db);
    schema::migrate(db);
    return Store(std::make_unique<Impl>(path, std::move(db)));
}

const fs::path& Store::path() const { return impl_->path; }
int Store::schema_version() const { return impl_->db.user_version(); }
int Store::latest_schema_version() { return schema::latest_version(); }
void Store::set_operator(std::string name) { impl_->operator_name = std::move(name); }

// --- guards ---

domain::School Store::Impl::require_school() {
    if (auto s = school()) return *s;
    throw domain::Rejected(domain::Message{"还没有学校基本信息，请先初始化学校（junheng init）",
                                           "the database has no school profile yet (run `junheng init` first)"});
}

void Store::Impl::reject_if_errors(std::vector<domain::Issue> issues) {
    if (!domain::has_errors(issues)) return;
    throw domain::Rejected(domain::Message{"数据未通过校验，没有保存", "the data failed validation and was not saved"},
                           std::move(issues));
}

void Store::Impl::reject_other_year(std::string_view table, Id id, int year) {
    const std::string where = std::string(table) + " #" + std::to_string(id);
    throw domain::Rejected(domain::Message{"记录 " + where + " 属于 " + std::to_string(year) + " 学年，不能移到别的学年",
                                           "record " + where + " belongs to school year " + std::to_string(year) +
                                               " and cannot move to another year"});
}

void Store::Impl::reject_missing(std::string_view table, Id id) {
    const std::string where = std::string(table) + " #" + std::to_string(id);
    throw domain::Rejected(domain::Message{"找不到记录 " + where, "no record " + where});
}

// --- audit and integrity ---

std::vector<AuditEntry> Store::history(const std::string& table, Id record_id) const {
    return impl_->audit.history(table, record_id);
}
std::vector<AuditEntry> Store::changes_since(std::int64_t seq, std::size_t limit) const {
    return impl_->audit.since(seq, limit);
}
ChainReport Store::verify_audit() const { return impl_->audit.verify(); }

std::vector<std::string> Store::integrity_problems() const {
    std::vector<std::string> problems;
    Statement integrity(impl_->db.get(), "PRAGMA integrity_check");
    while (integrity.step())
        if (auto line = integrity.text(0); line != "ok") problems.push_back(line);
    Statement keys(impl_->db.get(), "PRAGMA foreign_key_check");
    while (keys.step())
        problems.push_back("foreign key violation: " + keys.text(0) + " row " + keys.text(1) + " refers to a missing " +
                           keys.text(2));
    return problems;
}

// --- drafts and settings: UI state, neither audited nor validated ---

void Store::save_draft(const std::string& key, const std::string& content) {
    auto s = impl_->statements.use(
        "INSERT INTO drafts (key, content, saved_at) VALUES (?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET content = excluded.content, saved_at = excluded.saved_at");
    s->bind(1, key).bind(2, content).bind(3, utc_now_iso());
    s->run();
}

std::optional<std::string> Store::draft(const std::string& key) const {
    auto s = impl_->statements.use("SELECT content FROM drafts WHERE key = ?");
    s->bind(1, key);
    if (!s->step()) return std::nullopt;
    return s->text(0);
}

void Store::clear_draft(const std::string& key) {
    auto s = impl_->statements.use("DELETE FROM drafts WHERE key = ?");
    s->bind(1, key);
    s->run();
}

void Store::set_setting(const std::string& key, const std::string& value) {
    auto s = impl_->statements.use(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    s->bind(1, key).bind(2, value);
    s->run();
}

std::optional<std::string> Store::setting(const std::string& key) const {
    auto s = impl_->statements.use("SELECT value FROM settings WHERE key = ?");
    s->bind(1, key);
    if (!s->step()) return std::nullopt;
    return s->text(0);
}

}  // namespace jh::store
