// The receiver on the network: a thin cpp-httplib adapter around Receiver::handle. It adds what
// only the socket side can do — refusing, from the headers alone and before any body is read,
// Transfer-Encoding, any Content-Encoding, a body-carrying request without Content-Length (411)
// or with one over kMaxRequestBytes (413), and a wrong media type (415) — because Debian's
// cpp-httplib 0.11.4 would otherwise let a chunked body past its size limit and inflate gzip
// bodies without a cap. Those refusals are the receiver's own signed problem replies. Read and
// write timeouts and keep-alive limits are protocol.hpp's. A GET is never refused for want of a
// Content-Length.
#pragma once
#include <memory>
#include <string>

#include "sync/receiver/receiver.hpp"

namespace jh::sync::receiver {

class HttpServer {
public:
    explicit HttpServer(Receiver& receiver);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds HOST:PORT (port 0: any free port) and returns the port bound; throws
    // std::runtime_error when it cannot.
    int bind(const std::string& host, int port);
    // Serves until stop() (from another thread or a signal watcher); false when the server
    // could not listen.
    bool run();
    void stop();
    bool running() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace jh::sync::receiver
