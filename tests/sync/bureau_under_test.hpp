// The real bureau receiver (sync::receiver::Receiver on a scratch SqliteReceiverStore) as the
// client tests drive it, plus the faults only a test can cause on its side: answering "busy"
// (the receiver's own signed 503), an impostor re-signing its replies with another key, and a
// bureau restored from a backup taken earlier (it loses entries it had acknowledged). It counts
// the batch replies it gave, by result, so tests can see a retry answered "unchanged".
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "sync/protocol/crypto.hpp"
#include "sync/protocol/http.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/receiver/receiver.hpp"
#include "sync/receiver/sqlite_store.hpp"

namespace jh::test {

namespace proto = jh::sync::protocol;

class BureauUnderTest {
public:
    bool busy = false;                     // answer every request with the receiver's signed 503
    bool impostor = false;                 // re-sign replies with a key the terminal never pinned
    int applied_batches = 0, unchanged_batches = 0;

    BureauUnderTest() {
        std::random_device entropy;
        dir_ = std::filesystem::temp_directory_path() /
               ("junheng-bureau-" + std::to_string(entropy()) + std::to_string(entropy()));
        std::filesystem::create_directories(dir_);
        db_ = dir_ / "bureau.db";
        backup_ = dir_ / "bureau.backup.db";
        open();
    }
    ~BureauUnderTest() {
        close();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    BureauUnderTest(const BureauUnderTest&) = delete;
    BureauUnderTest& operator=(const BureauUnderTest&) = delete;

    proto::HttpResponse handle(const proto::HttpRequest& request) {
        if (busy) return receiver_->refuse(proto::kServiceUnavailable, proto::problem::kBusy, "store busy (test)", request.headers);
        auto reply = receiver_->handle(request);
        if (reply.status == 200 && request.target == proto::kPathBatch) {
            const auto result = proto::decode_batch_reply(reply.body).result;
            (result == proto::result::kUnchanged ? unchanged_batches : applied_batches)++;
        }
        if (impostor) {
            const auto sig = proto::header_value(request.headers, proto::kHeaderSignature).value_or("");
            reply.headers[std::string(proto::kHeaderReplySignature)] =
                proto::sign(proto::reply_signed_text(reply.status, sig, reply.body), impostor_key_.secret_key);
        }
        return reply;
    }

    // `junheng-bureau school add` (or `school replace` for a known school): the one-time code.
    std::string add_school(const std::string& school, const std::string& name) {
        if (store_->school(school)) return sync::receiver::replace_terminal(*store_, school);
        return sync::receiver::register_school(*store_, school, name);
    }
    void revoke(const std::string& school) { sync::receiver::revoke_school(*store_, school); }
    proto::Link live_tip(const std::string& school) { return store_->school(school)->tip; }
    std::string live_stream(const std::string& school) { return store_->school(school)->live_stream; }
    std::map<std::pair<int, int>, std::string> submissions(const std::string& school) {
        std::map<std::pair<int, int>, std::string> out;
        for (const auto& s : store_->submissions(school, false)) out[{s.year, s.version}] = s.sha256;
        return out;
    }
    std::string public_key() { return store_->receiver_key().public_key; }
    sync::receiver::ReceiverStore& store() { return *store_; }
    const std::filesystem::path& db() const { return db_; }

    // A backup of the bureau's store now; restore_backup() puts it back (a bureau restored from
    // last night's backup: whatever it acknowledged since is gone).
    void backup() {
        close();
        std::filesystem::copy_file(db_, backup_, std::filesystem::copy_options::overwrite_existing);
        open();
    }
    void restore_backup() {
        close();
        for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(db_.string() + suffix);
        std::filesystem::copy_file(backup_, db_, std::filesystem::copy_options::overwrite_existing);
        open();
    }

private:
    void open() {
        store_ = std::make_unique<sync::receiver::SqliteReceiverStore>(db_);
        receiver_ = std::make_unique<sync::receiver::Receiver>(*store_);
    }
    void close() {
        receiver_.reset();
        store_.reset();   // closing the last connection checkpoints the WAL into the file
    }

    std::filesystem::path dir_;
    std::filesystem::path db_, backup_;
    std::unique_ptr<sync::receiver::SqliteReceiverStore> store_;
    std::unique_ptr<sync::receiver::Receiver> receiver_;
    proto::KeyPair impostor_key_ = proto::generate_key_pair();
};

}  // namespace jh::test
