// libFuzzer target: bytes straight into the receiver's request handling (Receiver::handle over
// a real SQLite store in a temp folder), as a cpp-httplib request would reach it. The first
// byte picks the path, the method and whether the request is signed by an enrolled school's key
// (so fuzzed bodies get past the credential check and reach the decoders, the chain check and
// the ingest); the rest is the body, compressed as a client sends it or, for odd selectors,
// sent raw (the inflater's own door). Every reply must be signed by the receiver with a status
// the protocol names; the receiver must never throw.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "sync/protocol/crypto.hpp"
#include "sync/protocol/protocol.hpp"
#include "sync/receiver/receiver.hpp"
#include "sync/receiver/sqlite_store.hpp"

namespace pr = jh::sync::protocol;
namespace rc = jh::sync::receiver;

namespace {

struct Harness {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("junheng-fuzz-receiver-" + std::to_string(::getpid()));
    std::unique_ptr<rc::SqliteReceiverStore> store;
    std::unique_ptr<rc::Receiver> receiver;
    pr::KeyPair school_key = pr::generate_key_pair();
    std::string school = "3607260001";

    Harness() {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        store = std::make_unique<rc::SqliteReceiverStore>(dir / "bureau.db");
        receiver = std::make_unique<rc::Receiver>(*store);
        const auto code = rc::register_school(*store, school, "模糊测试学校");
        store->enrol(school, rc::enrolment_code_hash(code), school_key.public_key, rc::utc_now());
        rc::register_school(*store, "3607260002", "未注册终端的学校");   // a code never used
    }
    ~Harness() { std::filesystem::remove_all(dir); }
};

bool known_status(int s) {
    switch (s) {
        case 200: case 400: case 401: case 403: case 404: case 405: case 409: case 411: case 412: case 413: case 415: case 503:
            return true;
        default:
            return false;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Harness h;
    if (size == 0) return 0;
    const std::uint8_t selector = data[0];
    const std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
    static const std::string_view paths[] = {pr::kPathBatch, pr::kPathSubmission, pr::kPathEnrol, pr::kPathStatus,
                                             pr::kPathTip, pr::kPathHello, "/v1/unknown", "/v2/batch"};
    pr::HttpRequest q;
    q.target = std::string(paths[(selector >> 1) % 8]);
    const bool get = q.target == pr::kPathStatus || q.target == pr::kPathTip || q.target == pr::kPathHello;
    q.method = get ? "GET" : "POST";
    if (q.target == pr::kPathTip) q.target += "?stream=" + rest.substr(0, 40);
    else q.body = (selector & 1) ? rest : pr::compress(rest);
    if (!get) q.headers["Content-Type"] = std::string(pr::kRequestMediaType);
    if (!(selector & 0x20)) {
        q.headers[std::string(pr::kHeaderSchool)] = h.school;
        q.headers[std::string(pr::kHeaderSignature)] =
            pr::sign(pr::request_signed_text(q.method, q.target, h.school, q.body), h.school_key.secret_key);
    }
    const auto reply = h.receiver->handle(q);
    if (!known_status(reply.status)) __builtin_trap();
    const auto sig = pr::header_value(reply.headers, pr::kHeaderReplySignature);
    if (!sig) __builtin_trap();
    const auto request_sig = pr::header_value(q.headers, pr::kHeaderSignature).value_or("");
    if (!pr::verify(pr::reply_signed_text(reply.status, request_sig, reply.body), *sig, h.store->receiver_key().public_key))
        __builtin_trap();
    return 0;
}
