// HttpServer: cpp-httplib 0.11.4 around Receiver::handle; see serve.hpp.
#include "sync/receiver/serve.hpp"

#include <httplib.h>

#include <charconv>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include "sync/protocol/protocol.hpp"

namespace jh::sync::receiver {

namespace pr = protocol;

namespace {

// cpp-httplib's TLS server, or its plain one.
std::unique_ptr<httplib::Server> make_server(const std::optional<TlsFiles>& tls) {
    if (!tls) return std::make_unique<httplib::Server>();
    for (const auto* file : {&tls->certificate, &tls->key})
        if (!std::filesystem::is_regular_file(*file)) throw std::runtime_error("TLS: no file " + *file);
    auto server = std::make_unique<httplib::SSLServer>(tls->certificate.c_str(), tls->key.c_str());
    if (!server->is_valid())
        throw std::runtime_error("TLS: cannot use the certificate " + tls->certificate + " with the key " + tls->key +
                                 " (not PEM, or the key is not the certificate's)");
    return server;
}

}  // namespace

struct HttpServer::Impl {
    Receiver& receiver;
    PageHandler pages;
    bool secure;
    std::unique_ptr<httplib::Server> owned;
    httplib::Server& server;

    Impl(Receiver& r, PageHandler p, const std::optional<TlsFiles>& tls)
        : receiver(r), pages(std::move(p)), secure(tls.has_value()), owned(make_server(tls)), server(*owned) {}

    // The protocol's routes live under /v1/; with a page handler, every other path is a page.
    bool is_page(const httplib::Request& req) const {
        return pages && !(req.path == "/v1" || req.path.starts_with("/v1/"));
    }

    static httplib::Server::HandlerResponse plain(httplib::Response& res, int status, const std::string& message) {
        res.status = status;
        res.set_content(message + "\n", "text/plain; charset=utf-8");
        return httplib::Server::HandlerResponse::Handled;
    }

    // A page request's framing, from the headers alone: a POST is a small HTML form.
    httplib::Server::HandlerResponse pre_route_page(const httplib::Request& req, httplib::Response& res) {
        if (req.has_header("Transfer-Encoding") || req.has_header("Content-Encoding"))
            return plain(res, 415, "Transfer-Encoding and Content-Encoding are not accepted");
        if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") return plain(res, 405, "method not allowed");
        const auto text = req.get_header_value("Content-Length");
        std::size_t length = 0;
        if (req.has_header("Content-Length")) {
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), length);
            if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
                return plain(res, 400, "the Content-Length header is not a number");
        } else if (req.method == "POST") {
            return plain(res, 411, "a form needs a Content-Length");
        }
        if (length > kMaxPageBodyBytes) return plain(res, 413, "the form is larger than " + std::to_string(kMaxPageBodyBytes) + " bytes");
        if (req.method == "POST") {
            auto type = req.get_header_value("Content-Type");
            for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (!type.starts_with("application/x-www-form-urlencoded")) return plain(res, 415, "a page accepts only HTML forms");
        }
        return httplib::Server::HandlerResponse::Unhandled;
    }

    void page(const httplib::Request& req, httplib::Response& res) {
        PageRequest request;
        request.method = req.method;
        request.path = req.path;
        const auto mark = req.target.find('?');
        if (mark != std::string::npos) request.query = req.target.substr(mark + 1);
        for (const auto& [name, value] : req.headers) request.headers.emplace_back(name, value);
        request.body = req.body;
        request.remote_address = req.remote_addr;
        request.secure = secure;
        const auto reply = pages(request);
        res.status = reply.status;
        std::string type = "text/plain; charset=utf-8";
        for (const auto& [name, value] : reply.headers) {
            if (!pr::HeaderLess{}(name, "Content-Type") && !pr::HeaderLess{}("Content-Type", name)) type = value;
            else res.headers.emplace(name, value);   // Set-Cookie may repeat
        }
        res.set_content(reply.body, type.c_str());
    }

    static pr::Headers headers_of(const httplib::Request& req) {
        pr::Headers out;
        for (const auto& [name, value] : req.headers) out.emplace(name, value);   // first of a repeated name
        return out;
    }

    static void copy_reply(const pr::HttpResponse& reply, httplib::Response& res) {
        res.status = reply.status;
        std::string type = std::string(pr::kReplyMediaType);
        for (const auto& [name, value] : reply.headers) {
            const bool content_type = !pr::HeaderLess{}(name, "Content-Type") && !pr::HeaderLess{}("Content-Type", name);
            if (content_type) type = value;
            else res.set_header(name.c_str(), value);
        }
        res.set_content(reply.body, type.c_str());
    }

    httplib::Server::HandlerResponse refuse(const httplib::Request& req, httplib::Response& res, int status,
                                            std::string_view problem, const std::string& message) {
        copy_reply(receiver.refuse(status, problem, message, headers_of(req)), res);
        return httplib::Server::HandlerResponse::Handled;
    }

    // Framing checks from the headers alone, before cpp-httplib reads any body.
    httplib::Server::HandlerResponse pre_route(const httplib::Request& req, httplib::Response& res) {
        if (is_page(req)) return pre_route_page(req, res);
        if (req.has_header("Transfer-Encoding"))
            return refuse(req, res, pr::kUnsupportedMediaType, pr::problem::kMediaType,
                          "Transfer-Encoding is not accepted: send the body with a Content-Length");
        if (req.has_header("Content-Encoding"))
            return refuse(req, res, pr::kUnsupportedMediaType, pr::problem::kMediaType,
                          "Content-Encoding is not accepted: send the body compressed as " + std::string(pr::kRequestMediaType));
        const bool carries_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
        if (req.has_header("Content-Length")) {
            const auto text = req.get_header_value("Content-Length");
            std::size_t length = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), length);
            if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
                return refuse(req, res, pr::kLengthRequired, pr::problem::kLengthRequired, "the Content-Length header is not a number");
            if (length > pr::kMaxRequestBytes)
                return refuse(req, res, pr::kPayloadTooLarge, pr::problem::kTooLarge,
                              "the body is larger than " + std::to_string(pr::kMaxRequestBytes) + " bytes");
        } else if (carries_body) {
            return refuse(req, res, pr::kLengthRequired, pr::problem::kLengthRequired, "a request with a body needs a Content-Length");
        }
        if (req.method == "POST") {
            auto type = req.get_header_value("Content-Type");
            for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (type != pr::kRequestMediaType)
                return refuse(req, res, pr::kUnsupportedMediaType, pr::problem::kMediaType,
                              "the body must be sent as Content-Type " + std::string(pr::kRequestMediaType));
        }
        return httplib::Server::HandlerResponse::Unhandled;
    }

    void route(const httplib::Request& req, httplib::Response& res) {
        if (is_page(req)) return page(req, res);
        pr::HttpRequest request;
        request.method = req.method;
        request.target = req.target.empty() ? req.path : req.target;
        request.headers = headers_of(req);
        request.body = req.body;
        copy_reply(receiver.handle(request), res);
    }
};

HttpServer::HttpServer(Receiver& receiver, PageHandler pages, const std::optional<TlsFiles>& tls)
    : impl_(std::make_unique<Impl>(receiver, std::move(pages), tls)) {
    auto& s = impl_->server;
    s.set_payload_max_length(pr::kMaxRequestBytes);
    s.set_read_timeout(pr::kReadTimeoutSeconds, 0);
    s.set_write_timeout(pr::kReadTimeoutSeconds, 0);
    s.set_keep_alive_max_count(pr::kKeepAliveMaxCount);
    s.set_keep_alive_timeout(pr::kKeepAliveTimeoutSeconds);
    s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) { return impl_->pre_route(req, res); });
    const auto handler = [this](const httplib::Request& req, httplib::Response& res) { impl_->route(req, res); };
    s.Get(".*", handler);
    s.Post(".*", handler);
    s.Put(".*", handler);
    s.Patch(".*", handler);
    s.Delete(".*", handler);
    s.Options(".*", handler);
}

HttpServer::~HttpServer() { stop(); }

int HttpServer::bind(const std::string& host, int port) {
    const int bound = port == 0 ? impl_->server.bind_to_any_port(host) : (impl_->server.bind_to_port(host, port) ? port : -1);
    if (bound <= 0) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port));
    return bound;
}

bool HttpServer::run() { return impl_->server.listen_after_bind(); }
void HttpServer::stop() {
    if (impl_->server.is_running()) impl_->server.stop();
}
bool HttpServer::running() const { return impl_->server.is_running(); }

}  // namespace jh::sync::receiver
