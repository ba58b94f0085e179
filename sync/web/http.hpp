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

#include "sync/receiver/serve.hpp"

namespace jh::sync::web {

using Response = receiver::PageResponse;

// Bounds on what a request may carry (a longer or larger one is refused with 400).
inline constexpr std::size_t kMaxFields = 64;          // query or form fields
inline constexpr std::size_t kMaxFieldBytes = 16 * 1024;
inline constexpr std::size_t kMaxCookies = 32;

struct Request {
    std::string method;                    // GET | HEAD | POST
    std::string path;                      // decoded, e.g. "/school/4401010001"
    std::map<std::string, std::string> query, form, cookies;   // a repeated name: the first
    std::int64_t now = 0;                  // receiver time, Unix seconds
    std::string address;                   // the peer's address
    bool secure = false;                   // came over HTTPS: cookies get Secure
};

// Thrown for a request that cannot be read (bad percent-encoding, too many or too long fields):
// the answer is 400.
struct BadRequest : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Decodes a socket-side request (serve.hpp) into a Request at time `now`. Throws BadRequest.
Request parse_request(const receiver::PageRequest& raw, std::int64_t now);

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
