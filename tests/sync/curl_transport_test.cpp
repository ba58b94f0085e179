// CurlTransport over real loopback HTTP (a cpp-httplib server the test starts and stops): the
// whole client — enrol, sync, submit — through libcurl; a captive portal's 200 page, a closed
// port and an oversized reply are "unreachable", never delivered.
#include <doctest/doctest.h>
#include <httplib.h>

#include <cstdlib>
#include <mutex>
#include <thread>

#include "receiver_double.hpp"
#include "store/store_fixture.hpp"
#include "sync/client/client.hpp"
#include "sync/transport/curl_transport.hpp"

using namespace jh;
using sync::client::Outcome;

namespace {

enum class Mode { Receiver, Portal, Huge };

// A loopback HTTP server in front of the receiver double, on a port of its own, stopped (and
// joined) by its destructor even when a check fails.
class LoopbackServer {
public:
    LoopbackServer() {
        // The user's choice in a real deployment; a test never goes through a proxy to loopback.
        setenv("no_proxy", "127.0.0.1", 1);
        setenv("NO_PROXY", "127.0.0.1", 1);
        auto handler = [this](const httplib::Request& q, httplib::Response& r) {
            if (mode == Mode::Portal) {
                r.status = 200;
                r.set_content("<html><body>Login to the hotel Wi-Fi</body></html>", "text/html");
                return;
            }
            if (mode == Mode::Huge) {
                r.status = 200;
                r.set_content(std::string(3u << 20, 'x'), "application/json");
                return;
            }
            sync::protocol::HttpRequest request;
            request.method = q.method;
            request.target = q.path;
            if (!q.params.empty()) {
                request.target += "?";
                for (const auto& [k, v] : q.params) request.target += k + "=" + v;
            }
            for (const auto& [k, v] : q.headers) request.headers[k] = v;
            request.body = q.body;
            std::lock_guard lock(mutex);
            auto reply = receiver.handle(request);
            r.status = reply.status;
            for (const auto& [k, v] : reply.headers)
                if (k != "Content-Type") r.set_header(k.c_str(), v);
            r.set_content(reply.body, "application/json");
        };
        server_.Get(".*", handler);
        server_.Post(".*", handler);
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~LoopbackServer() {
        server_.stop();
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    std::mutex mutex;
    test::ReceiverDouble receiver;
    std::atomic<Mode> mode{Mode::Receiver};

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
};

}  // namespace

TEST_CASE("over libcurl and loopback HTTP the client enrols, syncs and submits") {
    LoopbackServer server;
    test::TempDir dir;
    auto store = store::Store::open(dir / "school.db");
    store.import(test::sample_data());
    auto transport = sync::transport::make_curl_transport();
    sync::client::Client client(store, *transport);
    std::string code;
    {
        std::lock_guard lock(server.mutex);
        code = server.receiver.add_school(store.school()->code, "青山");
    }
    auto enrolled = client.enrol(server.url(), code);
    REQUIRE(enrolled.outcome == Outcome::Delivered);
    CHECK(enrolled.unencrypted);
    client.freeze(test::kYear);
    auto report = client.submit();
    CHECK(report.outcome == Outcome::Delivered);
    CHECK(report.submissions_delivered == 1);
    std::lock_guard lock(server.mutex);
    CHECK(server.receiver.live_tip(store.school()->code).seq == store.audit_tip().first);
    CHECK(server.receiver.submissions(store.school()->code).size() == 1);
}

TEST_CASE("over libcurl a captive portal, a closed port and an oversized reply are unreachable") {
    LoopbackServer server;
    test::TempDir dir;
    auto store = store::Store::open(dir / "school.db");
    store.import(test::sample_data());
    auto transport = sync::transport::make_curl_transport();
    sync::client::Client client(store, *transport);
    std::string code;
    {
        std::lock_guard lock(server.mutex);
        code = server.receiver.add_school(store.school()->code, "青山");
    }
    REQUIRE(client.enrol(server.url(), code).outcome == Outcome::Delivered);

    server.mode = Mode::Portal;
    auto portal = client.sync();
    CHECK(portal.outcome == Outcome::Unreachable);
    CHECK(portal.pending == store.audit_tip().first);
    CHECK_FALSE(client.probe());

    server.mode = Mode::Huge;
    const auto huge = transport->send(server.url(), sync::protocol::HttpRequest{"GET", "/v1/hello", {}, {}});
    CHECK_FALSE(huge.delivered);
    CHECK(huge.error.find("larger than") != std::string::npos);

    const auto closed = transport->send("http://127.0.0.1:1", sync::protocol::HttpRequest{"GET", "/v1/hello", {}, {}});
    CHECK_FALSE(closed.delivered);
    CHECK_FALSE(closed.error.empty());

    server.mode = Mode::Receiver;
    CHECK(client.probe());
    CHECK(client.sync().outcome == Outcome::Delivered);
}
