// The web page's requests and responses as plain values: a page is a function from a Request
// (method, path, query, form, cookies, the receiver's clock, the peer's address) to a Response
// (status, headers, body), like Receiver::handle for the protocol — the cpp-httplib adapter
// (sync/receiver/serve.hpp's PageHandler), the unit tests and the browser tests drive the same
// code. Also the page's text helpers: HTML escaping (every text put in a page goes through
// html()), URL encoding, query and form decoding with bounded counts and sizes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sync/receiver/serve.hpp"

namespace jh::sync::web {

using Response = receiver::PageResponse;

// Bounds on what a request may carry (a longer or larger one is refused with 400).
inline constexpr std::size_t kMaxFields = 64;          // query or form fields
inline constexpr std::size_t kMaxFieldBytes = 16 * 1024;
inline constexpr std::size_t kMaxCookies = 32;
inline constexpr std::size_t kMaxForwardedHops = 16;  // X-Forwarded-For entries read, from the right

struct Request {
    std::string method;                    // GET | HEAD | POST
    std::string path;                      // decoded, e.g. "/school/4401010001"
    std::map<std::string, std::string> query, form, cookies;   // a repeated name: the first
    std::int64_t now = 0;                  // receiver time, Unix seconds
    std::string address;                   // the client's address (client_address)
    bool secure = false;                   // came over HTTPS: cookies get Secure
};

// Thrown for a request that cannot be read (bad percent-encoding, too many or too long fields):
// the answer is 400.
struct BadRequest : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// An IPv4 or IPv6 address in text (inet_pton's forms).
bool is_ip_address(std::string_view text);

// The client's address for the sign-in throttle, the session and the log: the peer's own, or —
// when the peer is a reverse proxy the bureau trusts (`serve --trusted-proxy`) — the nearest
// address in X-Forwarded-For that is not a trusted proxy, read from the right (entries further
// left were written by the client and may be forged). An entry that is not an IP address ends
// the search at the last trusted hop, so junk never becomes a throttle key or a log line.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

// Decodes a socket-side request (serve.hpp) into a Request at time `now`. Throws BadRequest.
Request parse_request(const receiver::PageRequest& raw, std::int64_t now, const std::vector<std::string>& trusted_proxies = {});

// "a=1&b=%E5%AD%A6" (also '+' for space), at most kMaxFields fields of kMaxFieldBytes each.
std::map<std::string, std::string> parse_form(std::string_view text);
std::map<std::string, std::string> parse_cookies(std::string_view header);
std::string url_decode(std::string_view text);          // throws BadRequest on a bad escape
std::string url_encode(std::string_view text);          // every byte but unreserved ones escaped

// Text for an HTML element or a quoted attribute: & < > " ' escaped; bytes that are not valid
// UTF-8 and control characters (but tab and newline) are replaced by U+FFFD.
std::string html(std::string_view text);

// Receiver time as ISO 8601 UTC ("2026-12-01T14:20:37Z") and back (nullopt when not one).
std::string iso_time(std::int64_t seconds);
std::optional<std::int64_t> parse_iso_time(std::string_view text);

// A header value of the request's headers, case-insensitively; "" when absent.
std::string header(const receiver::PageRequest& raw, std::string_view name);

// Responses.
Response html_page(int status, std::string body);
Response redirect(const std::string& location);          // 303 See Other
Response text(int status, const std::string& body);

}  // namespace jh::sync::web
