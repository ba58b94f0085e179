// An HTTP exchange as plain values: what the client's transports send and what the receiver's
// `Receiver::handle` takes and gives. No sockets here, so the fake transport, the tests and the
// fuzzer hand requests to the receiver directly, and the cpp-httplib and libcurl adapters only
// copy these fields to and from the wire.
#pragma once
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace jh::sync::protocol {

// Header names compare case-insensitively (HTTP); stored as given.
struct HeaderLess {
    bool operator()(const std::string& a, const std::string& b) const {
        return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
            return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
        });
    }
};
using Headers = std::map<std::string, std::string, HeaderLess>;

inline std::optional<std::string> header_value(const Headers& headers, std::string_view name) {
    auto it = headers.find(std::string(name));
    if (it == headers.end()) return std::nullopt;
    return it->second;
}

struct HttpRequest {
    std::string method;                // "GET" | "POST"
    std::string target;                // path plus "?query", e.g. "/v1/tip?stream=…"
    Headers headers;
    std::string body;                  // as sent (compressed for POSTs)
};

struct HttpResponse {
    int status = 0;
    Headers headers;
    std::string body;
};

}  // namespace jh::sync::protocol
