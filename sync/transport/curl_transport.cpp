// CurlTransport: one HTTP exchange over libcurl. Certificates are verified (libcurl's default,
// never turned off here); proxies come from the environment (http_proxy, https_proxy, no_proxy:
// libcurl's default, left alone, so a school behind a county proxy works and NO_PROXY is the
// user's choice); redirects are not followed (a redirect is not a receiver's signed reply);
// every request is bounded in time and its reply in size.
#include <curl/curl.h>

#include <cctype>
#include <mutex>

#include "sync/transport/curl_transport.hpp"

namespace jh::sync::transport {
namespace {

struct Reply {
    std::string body;
    protocol::Headers headers;
    std::size_t cap = 0;
    bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& reply = *static_cast<Reply*>(user);
    const std::size_t n = size * count;
    if (reply.body.size() + n > reply.cap) {
        reply.too_large = true;
        return 0;   // makes libcurl stop with CURLE_WRITE_ERROR
    }
    reply.body.append(data, n);
    return n;
}

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& reply = *static_cast<Reply*>(user);
    const std::size_t n = size * count;
    const std::string_view line(data, n);
    if (line.rfind("HTTP/", 0) == 0) reply.headers.clear();   // a new response (e.g. after 100 Continue)
    else if (auto colon = line.find(':'); colon != std::string_view::npos && reply.headers.size() < 100)
        reply.headers[trim(line.substr(0, colon))] = trim(line.substr(colon + 1));
    return n;
}

class CurlTransport : public Transport {
public:
    explicit CurlTransport(CurlOptions options) : options_(options) {
        static std::once_flag once;
        std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    }

    TransportResult send(const std::string& base_url, const protocol::HttpRequest& request) override {
        CURL* curl = curl_easy_init();
        if (!curl) return {false, {}, "libcurl could not start a request"};
        std::string url = base_url;
        while (!url.empty() && url.back() == '/') url.pop_back();
        url += request.target;

        Reply reply;
        reply.cap = options_.max_reply_bytes;
        char error[CURL_ERROR_SIZE] = {};
        curl_slist* headers = nullptr;
        for (const auto& [name, value] : request.headers) headers = curl_slist_append(headers, (name + ": " + value).c_str());
        headers = curl_slist_append(headers, "Expect:");   // no 100-continue round trip
        headers = curl_slist_append(headers, "Accept:");   // replies are JSON whatever is asked: 13 bytes less per request

        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);   // threads: no SIGALRM for DNS timeouts
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_seconds);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, options_.total_timeout_seconds);
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
        if (!options_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply);
        curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_reply_bytes));
        if (request.method == "POST") {
            curl_easy_setopt(curl, CURLOPT_POST, 1L);
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        } else if (request.method != "GET") {
            curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        }

        const CURLcode rc = curl_easy_perform(curl);
        TransportResult result;
        if (rc == CURLE_OK) {
            long status = 0;
            curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
            result.delivered = true;
            result.response.status = static_cast<int>(status);
            result.response.headers = std::move(reply.headers);
            result.response.body = std::move(reply.body);
        } else if (reply.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
            result.error = "the reply from " + base_url + " is larger than " + std::to_string(options_.max_reply_bytes) +
                           " bytes";
        } else {
            result.error = std::string(curl_easy_strerror(rc)) + (error[0] ? std::string(": ") + error : "");
        }
        curl_slist_free_all(headers);
        curl_easy_cleanup(curl);
        return result;
    }

private:
    CurlOptions options_;
};

}  // namespace

std::unique_ptr<Transport> make_curl_transport(CurlOptions options) {
    return std::make_unique<CurlTransport>(options);
}

}  // namespace jh::sync::transport
