// The receiver on the network: a thin cpp-httplib adapter around Receiver::handle. It adds what
// only the socket side can do — refusing, from the headers alone and before any body is read,
// Transfer-Encoding, any Content-Encoding, a body-carrying request without Content-Length (411)
// or with one over kMaxRequestBytes (413), and a wrong media type (415) — because Debian's
// cpp-httplib 0.11.4 would otherwise let a chunked body past its size limit and inflate gzip
// bodies without a cap. Those refusals are the receiver's own signed problem replies. Read and
// write timeouts and keep-alive limits are protocol.hpp's. A GET is never refused for want of a
// Content-Length.
//
// Pages (issue 10, sync/web): a PageHandler given to the constructor answers every path
// outside /v1/ — the bureau's web page, mounted at `/`. The receiver's routes under /v1/ are
// unchanged. A page request is framed by the same header checks with the page's own limits: no
// Transfer-Encoding or Content-Encoding, a POST only as an HTML form
// (application/x-www-form-urlencoded) with a Content-Length of at most kMaxPageBodyBytes.
//
// HTTPS: given a certificate chain and its key (PEM files), the server speaks only TLS (OpenSSL,
// through cpp-httplib's SSLServer) — the terminals' libcurl checks the certificate against the
// system's trust store, and the web page's cookies then carry Secure. Without them, plain HTTP
// (a county intranet, or TLS ended by a reverse proxy in front).
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sync/receiver/receiver.hpp"

namespace jh::sync::receiver {

// A request for a page, as the socket gave it (the web layer parses it).
struct PageRequest {
    std::string method, path, query;       // query: the text after '?', still encoded
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string remote_address;
    bool secure = false;                   // came over HTTPS
};
struct PageResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;   // may repeat a name (Set-Cookie)
    std::string body;
};
using PageHandler = std::function<PageResponse(const PageRequest&)>;

// The largest page form body taken (a comment is at most protocol::kMaxCommentBytes).
inline constexpr std::size_t kMaxPageBodyBytes = 64 * 1024;

// The PEM files of a TLS server: the certificate (with any intermediates after it) and its key.
struct TlsFiles {
    std::string certificate, key;
};

class HttpServer {
public:
    // Throws std::runtime_error when a TLS certificate or key cannot be read or do not match.
    explicit HttpServer(Receiver& receiver, PageHandler pages = {}, const std::optional<TlsFiles>& tls = std::nullopt);
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
