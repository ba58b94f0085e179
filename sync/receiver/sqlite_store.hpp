// ReceiverStore on one SQLite file (WAL, busy timeout, BEGIN IMMEDIATE, never an exclusive
// lock): every bureau command and a running `serve` share it, each process with its own
// connections. Migrations are sync/receiver/schema/NNNN_*.sql, embedded at build time.
//
// Group commit: concurrent ingest() calls queue; one caller at a time leads, taking every
// queued batch into one write transaction (a savepoint per batch, so one failing batch does
// not take the others down), commits once, and only then hands each caller its result — a
// batch is acknowledged after the commit that holds it, and N concurrent batches cost one
// fsync instead of N.
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "sync/receiver/sqlite.hpp"
#include "sync/receiver/store.hpp"

namespace jh::sync::receiver {

class SqliteReceiverStore final : public ReceiverStore {
public:
    // Opens (creating) and migrates the store. Throws StoreError (a newer schema, not SQLite).
    explicit SqliteReceiverStore(const std::filesystem::path& path);
    ~SqliteReceiverStore() override;

    static int latest_schema_version();
    int schema_version();

    protocol::KeyPair receiver_key() override;
    void add_school(const std::string& code, const std::string& name, const std::string& code_hash,
                    const std::string& now) override;
    std::optional<SchoolInfo> school(const std::string& code) override;
    std::vector<SchoolInfo> schools() override;
    void revoke(const std::string& code, const std::string& now) override;
    void replace(const std::string& code, const std::string& code_hash, const std::string& now) override;
    EnrolOutcome enrol(const std::string& school, const std::string& code_hash, const std::string& public_key,
                       const std::string& now) override;
    SchoolKeys keys(const std::string& school) override;
    void touch(const std::string& school, const std::string& now) override;
    IngestResult ingest(const IngestRequest& request) override;
    protocol::Link tip(const std::string& school, const std::string& stream) override;
    SubmissionStored add_submission(const StoredSubmission& submission) override;
    std::vector<StoredSubmission> submissions(const std::optional<std::string>& school, bool with_snapshot) override;
    std::vector<LiveRecord> live_records(const std::string& school) override;
    std::vector<RecordFlag> flags(const std::string& school) override;
    protocol::InboxItem add_inbox_item(protocol::InboxItem item, const std::string& now) override;
    std::vector<protocol::InboxItem> inbox(const std::string& school, std::int64_t after, std::size_t limit) override;
    std::vector<protocol::InboxItem> decisions(const std::optional<std::string>& school) override;

    // Adds an inbox item inside the caller's open write transaction on `db` (a verb that must
    // check its preconditions and decide atomically, e.g. a review decision). `key` is
    // receiver_key(), fetched BEFORE the transaction was opened (it may need its own write).
    static protocol::InboxItem insert_inbox_item(Db& db, protocol::InboxItem item, const std::string& now,
                                                 const protocol::KeyPair& key);

    void add_user(const StaffUser& user, const std::string& password_hash) override;
    std::vector<StaffUser> users() override;
    std::optional<StaffUser> user(const std::string& name) override;
    std::optional<std::string> password_hash(const std::string& name) override;
    void set_deadline(const Deadline& deadline) override;
    std::vector<Deadline> deadlines() override;
    Decision decide(const DecisionRequest& request, const std::string& now) override;

    // Group transactions committed by this object so far (tests and benchmarks show it beside
    // the number of batches).
    std::size_t group_commits() const { return group_commits_.load(); }

    // Largest number of batches one group commit takes.
    static constexpr std::size_t kMaxGroup = 64;

private:
    // A connection borrowed from the pool for one call.
    class Lease {
    public:
        explicit Lease(SqliteReceiverStore& store);
        ~Lease();
        Db& operator*() { return *db_; }
        Db* operator->() { return db_.get(); }

    private:
        SqliteReceiverStore& store_;
        std::unique_ptr<Db> db_;
    };
    struct Job {
        const IngestRequest* request = nullptr;
        IngestResult result;
        std::exception_ptr error;
        bool done = false;
    };
    void run_group(const std::vector<Job*>& group);
    IngestResult ingest_one(Db& db, const IngestRequest& request);
    std::vector<SchoolInfo> select_schools(Db& db, const std::optional<std::string>& code);

    std::filesystem::path path_;
    std::mutex pool_mutex_;
    std::vector<std::unique_ptr<Db>> pool_;
    std::optional<protocol::KeyPair> key_;   // immutable once made: every process reads the same
    std::mutex key_mutex_;

    std::mutex queue_mutex_;
    std::condition_variable queue_cv_;
    std::deque<Job*> queue_;
    bool leading_ = false;
    std::unique_ptr<Db> writer_;             // used by the leader only
    std::atomic<std::size_t> group_commits_{0};
};

}  // namespace jh::sync::receiver
