// The bureau's demo county; see demo.hpp.
#include "sync/bureau/demo.hpp"

#include <chrono>
#include <cstdlib>
#include <ostream>
#include <stdexcept>
#include <thread>

#include "domain/demo.hpp"
#include "domain/message.hpp"
#include "store/store.hpp"
#include "sync/client/client.hpp"
#include "sync/receiver/receiver.hpp"
#include "sync/receiver/serve.hpp"
#include "sync/transport/curl_transport.hpp"

namespace jh::sync::bureau {

DemoCounty make_demo_county(receiver::ReceiverStore& store, const std::filesystem::path& store_path, int schools,
                            int year, std::ostream& progress, const std::string& host, int port) {
    DemoCounty made;
    made.terminals = store_path.string() + ".demo";
    std::filesystem::create_directories(made.terminals);
    const auto county = domain::demo_county(schools, std::string(domain::kDemoCountyCode), year, domain::kDemoSeed);
    for (const auto& planned : county)
        if (store.school(planned.code))
            throw std::invalid_argument("school " + planned.code + " is already registered: the demo county needs an empty store");

    // The receiver on a loopback port of its own for as long as the demo runs; the terminals
    // reach it with libcurl, as they reach a bureau. Loopback never goes through a proxy.
    receiver::Receiver receiver(store);
    receiver::HttpServer server(receiver);
    const int bound = server.bind(host, port);
    std::thread serving([&] { server.run(); });
    for (int i = 0; i < 500 && !server.running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    struct Stop {
        receiver::HttpServer& server;
        std::thread& thread;
        ~Stop() {
            server.stop();
            thread.join();
        }
    } stop{server, serving};
    const char* no_proxy = std::getenv("no_proxy");
    setenv("no_proxy", (std::string(no_proxy && *no_proxy ? std::string(no_proxy) + "," : "") + "127.0.0.1").c_str(), 1);
    // A server on every interface is reached by its own terminals on loopback.
    const std::string url = "http://" + (host == "0.0.0.0" ? std::string("127.0.0.1") : host) + ":" + std::to_string(bound);
    auto network = transport::make_curl_transport();
    for (const auto& planned : county) {
        const auto data = domain::make_demo_school(planned);
        const auto db = made.terminals / (planned.code + ".db");
        for (const char* suffix : {"", "-wal", "-shm", ".key"}) std::filesystem::remove(db.string() + suffix);
        auto terminal = store::Store::open(db);
        terminal.set_operator("演示管理员");
        terminal.import(data);

        const auto code = receiver::register_school(store, data.school.code, data.school.name);
        client::Client client(terminal, *network);
        auto report = client.enrol(url, code);
        if (report.outcome == client::Outcome::Delivered) report = client.sync();
        if (report.outcome != client::Outcome::Delivered)
            throw std::runtime_error("demo school " + data.school.code + " did not sync: " + report.message.en);
        ++made.schools;
        try {
            client.freeze(year);
            report = client.submit();
            if (report.outcome == client::Outcome::Delivered) ++made.submitted;
            progress << data.school.code << "  " << data.school.name << ": synced and submitted\n";
        } catch (const domain::Rejected& e) {
            progress << data.school.code << "  " << data.school.name << ": synced, not submitted (" << e.message().en << ")\n";
        }
    }
    return made;
}

}  // namespace jh::sync::bureau
