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
    std::vector<int> submitted_years() override;
    std::vector<LiveRecord> live_records(const std::string& school) override;
    std::optional<std::string> live_school_record(const std::string& school) override;
    std::vector<RecordFlag> flags(const std::string& school) override;
    protocol::InboxItem add_inbox_item(protocol::InboxItem item, const std::string& now) override;
    std::vector<protocol::InboxItem> inbox(const std::string& school, std::int64_t after, std::size_t limit) override;
    std::vector<protocol::InboxItem> decisions(const std::optional<std::string>& school) override;

    // Adds an inbox item inside the caller's open write transaction on `db` (a verb that must
    // check its preconditions and decide atomically, e.g. a review decision). `key` is
    // receiver_key(), fetched BEFORE the transaction was opened (it may need its own write).
    static protocol::InboxItem insert_inbox_item(Db& db, protocol::InboxItem item, const std::string& now,
                                                 const protocol::KeyPair& key);

    // relay (relay_store.cpp)
    void add_member(const std::string& code, const std::string& name, const std::string& code_hash,
                    const std::string& now) override;
    std::vector<RelayMember> members() override;
    std::optional<RelayMember> enrol_member(const std::string& code_hash, const std::string& public_key,
                                            const std::string& now) override;
    std::optional<std::string> member_key(const std::string& member) override;
    RelayStored add_relayed_submission(const protocol::relay::Submission& submission, const std::string& now) override;
    RelaySchoolsStored put_member_schools(const protocol::relay::Schools& schools, const std::string& now) override;
    std::vector<RelaySchool> relay_schools() override;
    std::vector<RelayAcceptance> relay_acceptances() override;
    void set_upstream(const RelayUpstream& upstream) override;
    std::optional<RelayUpstream> upstream() override;
    std::vector<ForwardedVersion> forwarded() override;
    void mark_forwarded(const ForwardedVersion& version) override;
    void upstream_outcome(const std::optional<std::string>& error, const std::string& now) override;
    void set_schools_sha256(const std::string& sha256) override;
    int apply_upstream_decisions(const std::vector<protocol::InboxItem>& items, std::int64_t cursor,
                                 const std::string& now) override;
    std::vector<std::string> terminal_keys(const std::string& school) override;
    void add_user(const StaffUser& user, const std::string& password_hash) override;
    std::vector<StaffUser> users() override;
    std::optional<StaffUser> user(const std::string& name) override;
    std::optional<std::string> password_hash(const std::string& name) override;
    void set_deadline(const Deadline& deadline) override;
    std::vector<Deadline> deadlines() override;
    Decision decide(const DecisionRequest& request, const std::string& now) override;

    // USB files (sqlite_files.cpp)
    UploadFileCheck check_upload_file(const std::string& terminal_key, std::int64_t number,
                                      const std::string& sha256) override;
    void record_upload_file(const std::string& school, const std::string& terminal_key, std::int64_t number,
                            const std::string& sha256, const std::string& now) override;
    std::int64_t next_reply_file(const std::string& school, const std::string& now) override;

    // the web page (sqlite_web.cpp)
    void add_web_session(const WebSession& session, const std::string& expired_before) override;
    std::optional<WebSession> web_session(const std::string& id_hash) override;
    void touch_web_session(const std::string& id_hash, const std::string& now) override;
    void end_web_session(const std::string& id_hash) override;
    SigninFailures signin_failures(const std::string& key) override;
    SigninFailures add_signin_failure(const std::string& key, const std::string& now, const std::string& window_start) override;
    void clear_signin_failures(const std::string& key) override;
    // the county report's cache (sqlite_report_cache.cpp / postgres_report_cache.cpp)
    std::vector<ReportCacheRow> report_cache(int year, const std::string& pack_key) override;
    void put_report_cache(const std::vector<ReportCacheRow>& rows) override;
    std::vector<ReportCacheRow> report_counties(int year) override;

    // moving a county's store in (sqlite_move.cpp)
    std::optional<ReceiverOrigin> school_origin(const std::string& school) override;
    std::vector<ReceiverOrigin> origins() override;
    std::optional<SchoolHistory> school_history(const std::string& school) override;
    ReceiverOrigin begin_move(const ReceiverOrigin& origin, const std::vector<protocol::InboxItem>& packs) override;
    void put_school_history(const SchoolHistory& history, const std::string& origin_key, const std::string& now) override;
    std::vector<std::string> moved_schools(const std::string& origin_key) override;
    void finish_move(const std::string& origin_key, const std::string& now) override;

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
