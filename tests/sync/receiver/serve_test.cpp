// A real `junheng-bureau serve` on 127.0.0.1 (any free port), hit with raw HTTP from a small
// socket client, for what only the socket side sees: a chunked body, a gzip Content-Encoding,
// a POST without Content-Length, an oversized Content-Length and a wrong media type are refused
// from the headers with the receiver's signed problem reply; a GET needs no Content-Length;
// the server keeps serving after each; a school revoked by another process is refused at
// once; SIGTERM stops it cleanly; two servers on one store take the same batch at the same
// instant and apply it once. The server is stopped by the test even when a check fails.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <latch>
#include <thread>

#include "sync/receiver/fixture.hpp"
#include "sync/receiver/process.hpp"

using namespace jh::test;

namespace {

struct RawReply {
    int status = 0;
    std::string head, body;
};

// One request on its own connection; status 0 when the connection failed.
RawReply raw_http(int port, const std::string& bytes) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return {};
    timeval timeout{10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        close(fd);
        return {};
    }
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;   // the server may answer and close before reading everything
        sent += static_cast<std::size_t>(n);
    }
    std::string in = read_all(fd);
    close(fd);
    RawReply r;
    const auto split = in.find("\r\n\r\n");
    r.head = in.substr(0, split);
    if (split != std::string::npos) r.body = in.substr(split + 4);
    if (in.rfind("HTTP/1.1 ", 0) == 0) r.status = std::atoi(in.c_str() + 9);
    return r;
}

std::string wire(const pr::HttpRequest& r, bool with_length = true) {
    std::string out = r.method + " " + r.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (const auto& [name, value] : r.headers) out += name + ": " + value + "\r\n";
    if (with_length && r.method == "POST") out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
    return out + "\r\n" + r.body;
}

bool signed_reply(const RawReply& r) { return r.head.find(std::string(pr::kHeaderReplySignature) + ":") != std::string::npos; }

}  // namespace

TEST_CASE("junheng-bureau serve refuses hostile framing from the headers, keeps serving, and stops on SIGTERM") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    Terminal a{"3601020001"};
    const auto added = bureau_run(scratch.args({"school", "add", "--code", a.school, "--name", "甲校"}));
    REQUIRE(added.status == 0);
    const auto code = last_line(added.out);

    ServeProcess server(scratch.args());
    const int port = server.port();
    const auto hello = [&] {
        const auto r = raw_http(port, "GET /v1/hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");   // no Content-Length
        CHECK(r.status == 200);
        CHECK(signed_reply(r));
        return r;
    };
    const auto key = pr::decode_hello_reply(hello().body).receiver_key;

    // Enrolment through the socket, then a signed batch.
    auto r = raw_http(port, wire(a.enrol(code)));
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(pr::decode_enrol_reply(r.body).receiver_key == key);
    const auto chain = year_chain(3);
    r = raw_http(port, wire(a.batch(batch_of(a, chain, 0, 3))));
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(pr::decode_batch_reply(r.body).acked.seq == 3);
    r = raw_http(port, wire(a.get("/v1/tip?stream=" + a.stream)));
    CHECK(r.status == 200);
    CHECK(pr::decode_tip_reply(r.body).tip.seq == 3);

    SUBCASE("a chunked body") {
        auto request = a.batch(batch_of(a, chain, 3, 3));
        request.headers.emplace("Transfer-Encoding", "chunked");
        std::string chunked = request.body;
        char size[16];
        std::snprintf(size, sizeof size, "%zx", chunked.size());
        request.body = std::string(size) + "\r\n" + chunked + "\r\n0\r\n\r\n";
        r = raw_http(port, wire(request, false));
        CHECK(r.status == 415);
        CHECK(signed_reply(r));
        CHECK(pr::decode_problem_reply(r.body).problem == "media_type");
    }
    SUBCASE("a gzip Content-Encoding") {
        auto request = a.batch(batch_of(a, chain, 3, 3));
        request.headers.emplace("Content-Encoding", "gzip");
        r = raw_http(port, wire(request));
        CHECK(r.status == 415);
        CHECK(signed_reply(r));
    }
    SUBCASE("a POST without Content-Length") {
        r = raw_http(port, wire(a.batch(batch_of(a, chain, 3, 3)), false));
        CHECK(r.status == 411);
        CHECK(pr::decode_problem_reply(r.body).problem == "length_required");
    }
    SUBCASE("an oversized Content-Length, refused before the body is read") {
        r = raw_http(port, "POST /v1/batch HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " + std::string(pr::kRequestMediaType) +
                               "\r\nContent-Length: " + std::to_string(pr::kMaxRequestBytes + 1) + "\r\n\r\nxxxx");
        CHECK(r.status == 413);
        CHECK(signed_reply(r));
    }
    SUBCASE("a wrong media type") {
        auto request = a.batch(batch_of(a, chain, 3, 3));
        request.headers.erase("Content-Type");
        request.headers.emplace("Content-Type", "application/json");
        r = raw_http(port, wire(request));
        CHECK(r.status == 415);
    }
    SUBCASE("garbage on the socket") {
        r = raw_http(port, "\x16\x03\x01 not http at all\r\n\r\n");
        CHECK(r.status != 200);
    }
    SUBCASE("a school revoked by another process is refused at once") {
        REQUIRE(bureau_run(scratch.args({"school", "revoke", "--code", a.school})).status == 0);
        r = raw_http(port, wire(a.get("/v1/status")));
        CHECK(r.status == 403);
        CHECK(pr::decode_problem_reply(r.body).problem == "revoked");
    }
    // Still serving, and nothing of the refused requests was stored.
    hello();
    const auto owned_store = scratch.open();
    auto& store = *owned_store;
    CHECK(store.tip(a.school, a.stream).seq == 3);
    CHECK(server.stop() == 0);
}

TEST_CASE("junheng-bureau serve killed with SIGKILL mid-ingest loses no acknowledged batch — restarted, the client resumes from its tip") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    Terminal a{"3601020001"};
    const auto added = bureau_run(scratch.args({"school", "add", "--code", a.school, "--name", "甲校"}));
    REQUIRE(added.status == 0);
    constexpr int kEntries = 600, kPerBatch = 3;
    const auto chain = year_chain(kEntries);

    std::string receiver_key;
    std::atomic<int> acknowledged{0};   // the highest seq a verified reply acknowledged
    {
        ServeProcess server(scratch.args());
        auto r = raw_http(server.port(), wire(a.enrol(last_line(added.out))));
        REQUIRE(r.status == 200);
        receiver_key = pr::decode_enrol_reply(r.body).receiver_key;
        std::atomic<bool> stop{false};
        std::thread sender([&] {
            for (int from = 0; from < kEntries && !stop; from += kPerBatch) {
                const auto request = a.batch(batch_of(a, chain, from, from + kPerBatch));
                const auto reply = raw_http(server.port(), wire(request));
                if (reply.status != 200) return;   // the server is gone
                // Only a reply whose signature verifies counts as delivered.
                const auto at = reply.head.find(std::string(pr::kHeaderReplySignature) + ": ");
                if (at == std::string::npos) return;
                const auto end = reply.head.find("\r\n", at);
                const auto sig = reply.head.substr(at + pr::kHeaderReplySignature.size() + 2, end == std::string::npos ? std::string::npos : end - at - pr::kHeaderReplySignature.size() - 2);
                const auto signature = pr::header_value(request.headers, pr::kHeaderSignature).value_or("");
                if (!pr::verify(pr::reply_signed_text(200, signature, reply.body), sig, receiver_key)) return;
                acknowledged = static_cast<int>(pr::decode_batch_reply(reply.body).acked.seq);
            }
        });
        while (acknowledged < 60) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        server.kill9();
        stop = true;
        sender.join();
    }
    REQUIRE(acknowledged >= 60);

    ServeProcess restarted(scratch.args());
    auto r = raw_http(restarted.port(), wire(a.get("/v1/tip?stream=" + a.stream)));
    REQUIRE(r.status == 200);
    auto tip = pr::decode_tip_reply(r.body).tip;
    CHECK(tip.seq >= acknowledged);   // nothing acknowledged was lost
    CHECK(tip.hash == chain[static_cast<std::size_t>(tip.seq) - 1].hash);
    // The client resumes from the receiver's tip (a batch from its own older ack would be "unchanged" or catch up).
    for (auto from = tip.seq; from < kEntries;) {
        const auto to = std::min<std::int64_t>(from + 50, kEntries);
        r = raw_http(restarted.port(), wire(a.batch(batch_of(a, chain, static_cast<int>(from), static_cast<int>(to)))));
        REQUIRE_MESSAGE(r.status == 200, r.body);
        from = pr::decode_batch_reply(r.body).acked.seq;
    }
    CHECK(restarted.stop() == 0);
    const auto owned_store = scratch.open();
    auto& store = *owned_store;
    CHECK(store.tip(a.school, a.stream) == pr::Link{kEntries, chain.back().hash});
    CHECK(store.live_records(a.school).size() == static_cast<std::size_t>(kEntries));
    CHECK(store.receiver_key().public_key == receiver_key);   // the same receiver after the crash
}

TEST_CASE("two junheng-bureau serve processes on one store: the same batch sent to both at the same instant is applied once") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    Terminal a{"3601020001"};
    const auto added = bureau_run(scratch.args({"school", "add", "--code", a.school, "--name", "甲校"}));
    REQUIRE(added.status == 0);
    ServeProcess one(scratch.args()), two(scratch.args());
    REQUIRE(raw_http(one.port(), wire(a.enrol(last_line(added.out)))).status == 200);
    constexpr int kRounds = 30, kPerBatch = 4;
    const auto chain = year_chain(kRounds * kPerBatch);
    int applied_total = 0;
    for (int round = 0; round < kRounds; ++round) {
        const auto bytes = wire(a.batch(batch_of(a, chain, round * kPerBatch, (round + 1) * kPerBatch)));
        std::latch start(2);
        RawReply replies[2];
        std::vector<std::thread> threads;
        for (int i = 0; i < 2; ++i)
            threads.emplace_back([&, i] {
                start.arrive_and_wait();
                replies[i] = raw_http((i == 0 ? one : two).port(), bytes);
            });
        for (auto& th : threads) th.join();
        int applied = 0;
        for (const auto& r : replies) {
            REQUIRE_MESSAGE(r.status == 200, r.body);
            const auto reply = pr::decode_batch_reply(r.body);
            CHECK(reply.acked == pr::Link{(round + 1) * kPerBatch, chain[static_cast<std::size_t>((round + 1) * kPerBatch - 1)].hash});
            if (reply.result == pr::result::kApplied) ++applied;
            else CHECK(reply.result == pr::result::kUnchanged);
        }
        CHECK(applied == 1);
        applied_total += applied;
    }
    CHECK(applied_total == kRounds);
    CHECK(one.stop() == 0);
    CHECK(two.stop() == 0);
    const auto store = scratch.open();
    CHECK(store->tip(a.school, a.stream) == pr::Link{kRounds * kPerBatch, chain.back().hash});
    CHECK(store->live_records(a.school).size() == static_cast<std::size_t>(kRounds * kPerBatch));
}
