// ReceiverStore on a PostgreSQL database (libpq), for a city or province whose receiver takes
// many schools and runs as several processes on one database (docs/postgresql.md). Same
// semantics as SqliteReceiverStore; what SQLite gets from BEGIN IMMEDIATE (one writer at a
// time) this store gets from the database itself, so it holds across processes:
//   * every write that depends on what a school holds (ingest, submissions, decisions,
//     enrolment) first locks that school's row (SELECT … FOR UPDATE): the same school's writes
//     run one after another, other schools' side by side;
//   * the stream tip moves by compare-and-set (UPDATE … WHERE tip_seq = the tip read), entries
//     and versions have primary keys, one live stream and one active terminal per school are
//     unique indexes: a write that slipped past the lock fails and is retried, never doubled;
//   * inbox items are numbered from one counter row, locked until commit (0002_inbox.sql).
// Migrations (sync/receiver/schema_pg/NNNN_*.sql, embedded) and the receiver key's creation
// run under a session advisory lock, so processes started at once on an empty database are safe.
// Connections are pooled per object, each bounded by connect_timeout and statement_timeout.
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "sync/receiver/pg.hpp"
#include "sync/receiver/store.hpp"

namespace jh::sync::receiver {

class PostgresReceiverStore final : public ReceiverStore {
public:
    // Connects to `uri` (a libpq URI, postgresql://…), migrates the database and makes the
    // receiver key if it has none. Throws StoreError with libpq's or the server's reason.
    explicit PostgresReceiverStore(std::string uri);
    ~PostgresReceiverStore() override;

    static int latest_schema_version();
    int schema_version();
    // The advisory lock key taken around migrations and first-use setup ("JHRECV" in ASCII).
    static constexpr std::int64_t kSetupLock = 0x4a4852454356;
    // Attempts of a write transaction that failed transiently (a serialization failure, a
    // deadlock, a unique key taken by another process meanwhile) before the error is reported.
    static constexpr int kAttempts = 5;

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
    std::vector<RecordFlag> flags(const std::string& school) override;
    protocol::InboxItem add_inbox_item(protocol::InboxItem item, const std::string& now) override;
    std::vector<protocol::InboxItem> inbox(const std::string& school, std::int64_t after, std::size_t limit) override;
    std::vector<protocol::InboxItem> decisions(const std::optional<std::string>& school) override;

    // relay
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

    // USB files
    UploadFileCheck check_upload_file(const std::string& terminal_key, std::int64_t number,
                                      const std::string& sha256) override;
    void record_upload_file(const std::string& school, const std::string& terminal_key, std::int64_t number,
                            const std::string& sha256, const std::string& now) override;
    std::int64_t next_reply_file(const std::string& school, const std::string& now) override;
    std::optional<std::string> live_school_record(const std::string& school) override;
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

    // moving a county's store in (postgres_move.cpp)
    std::optional<ReceiverOrigin> school_origin(const std::string& school) override;
    std::vector<ReceiverOrigin> origins() override;
    std::optional<SchoolHistory> school_history(const std::string& school) override;
    ReceiverOrigin begin_move(const ReceiverOrigin& origin, const std::vector<protocol::InboxItem>& packs) override;
    void put_school_history(const SchoolHistory& history, const std::string& origin_key, const std::string& now) override;
    std::vector<std::string> moved_schools(const std::string& origin_key) override;
    void finish_move(const std::string& origin_key, const std::string& now) override;

private:
    // A connection borrowed from the pool for one call; one that failed is not reused.
    class Lease {
    public:
        explicit Lease(PostgresReceiverStore& store);
        ~Lease();
        pg::Conn& operator*() { return *conn_; }
        pg::Conn* operator->() { return conn_.get(); }

    private:
        PostgresReceiverStore& store_;
        std::unique_ptr<pg::Conn> conn_;
    };
    // Runs `body` in a transaction on a leased connection, again when it failed transiently.
    template <typename F>
    auto write(F&& body) {
        for (int attempt = 1;; ++attempt) {
            try {
                Lease c(*this);
                pg::Tx tx(*c);
                if constexpr (std::is_void_v<decltype(body(*c))>) {
                    body(*c);
                    tx.commit();
                    return;
                } else {
                    auto out = body(*c);
                    tx.commit();
                    return out;
                }
            } catch (const pg::Error& e) {
                if (attempt >= kAttempts || !e.retryable()) throw;
            }
        }
    }
    std::vector<SchoolInfo> select_schools(pg::Conn& c, const std::optional<std::string>& code);
    IngestResult ingest_one(pg::Conn& c, const IngestRequest& request);
    protocol::InboxItem insert_inbox_item(pg::Conn& c, protocol::InboxItem item, const std::string& now,
                                          const protocol::KeyPair& key);

    std::string uri_;
    std::mutex pool_mutex_;
    std::vector<std::unique_ptr<pg::Conn>> pool_;
    std::optional<protocol::KeyPair> key_;   // immutable once made: every process reads the same
    std::mutex key_mutex_;
};

}  // namespace jh::sync::receiver
