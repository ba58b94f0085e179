// Request decoding, escaping and time text for the web page; see http.hpp.
#include "sync/web/http.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <stdexcept>

namespace jh::sync::web {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool equal_ci(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The length of the valid UTF-8 sequence at s[i] (0: not valid).
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
    if (n == 2 && b < 0xC2) return 0;   // overlong
    if (n == 3) {
        const auto c = static_cast<unsigned char>(s[i + 1]);
        if ((b == 0xE0 && c < 0xA0) || (b == 0xED && c >= 0xA0)) return 0;   // overlong, surrogate
    }
    if (n == 4) {
        const auto c = static_cast<unsigned char>(s[i + 1]);
        if ((b == 0xF0 && c < 0x90) || b > 0xF4 || (b == 0xF4 && c >= 0x90)) return 0;
    }
    return n;
}

}  // namespace

std::string url_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') out += ' ';
        else if (c == '%') {
            if (i + 2 >= text.size()) throw BadRequest("a bad %-escape");
            const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) throw BadRequest("a bad %-escape");
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else out += c;
    }
    return out;
}

std::string url_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
        else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::map<std::string, std::string> parse_form(std::string_view text) {
    std::map<std::string, std::string> out;
    std::size_t fields = 0;
    while (!text.empty()) {
        const auto amp = text.find('&');
        const auto pair = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
        if (pair.empty()) continue;
        if (++fields > kMaxFields) throw BadRequest("too many fields");
        if (pair.size() > 3 * kMaxFieldBytes) throw BadRequest("a field is too long");
        const auto eq = pair.find('=');
        auto name = url_decode(pair.substr(0, eq));
        auto value = eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1));
        if (name.size() > kMaxFieldBytes || value.size() > kMaxFieldBytes) throw BadRequest("a field is too long");
        out.emplace(std::move(name), std::move(value));
    }
    return out;
}

std::map<std::string, std::string> parse_cookies(std::string_view header) {
    std::map<std::string, std::string> out;
    std::size_t count = 0;
    while (!header.empty()) {
        const auto semi = header.find(';');
        const auto pair = trim(header.substr(0, semi));
        header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
        if (pair.empty()) continue;
        if (++count > kMaxCookies) throw BadRequest("too many cookies");
        const auto eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        out.emplace(std::string(trim(pair.substr(0, eq))), std::string(trim(pair.substr(eq + 1))));
    }
    return out;
}

std::string header(const receiver::PageRequest& raw, std::string_view name) {
    for (const auto& [n, v] : raw.headers)
        if (equal_ci(n, name)) return v;
    return {};
}

bool is_ip_address(std::string_view text) {
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return false;
    const std::string z(text);
    unsigned char buffer[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, z.c_str(), buffer) == 1 || inet_pton(AF_INET6, z.c_str(), buffer) == 1;
}

std::string client_address(const std::string& peer, std::string_view forwarded_for, const std::vector<std::string>& trusted_proxies) {
    const auto trusted = [&](std::string_view a) { return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end(); };
    if (!trusted(peer)) return peer;
    std::string nearest = peer;
    for (std::size_t hops = 0; !forwarded_for.empty() && hops < kMaxForwardedHops; ++hops) {
        const auto comma = forwarded_for.rfind(',');
        const auto entry = trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
        forwarded_for = comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
        if (!is_ip_address(entry)) break;
        if (!trusted(entry)) return std::string(entry);
        nearest = std::string(entry);
    }
    return nearest;
}

Request parse_request(const receiver::PageRequest& raw, std::int64_t now, const std::vector<std::string>& trusted_proxies) {
    Request r;
    r.method = raw.method;
    r.path = url_decode(raw.path);
    r.query = parse_form(raw.query);
    if (raw.method == "POST") r.form = parse_form(raw.body);
    r.cookies = parse_cookies(header(raw, "Cookie"));
    r.now = now;
    // Every X-Forwarded-For line in order, as one list (a proxy may add its own line rather than
    // extend the client's).
    std::string forwarded_for;
    for (const auto& [n, v] : raw.headers)
        if (equal_ci(n, "X-Forwarded-For")) forwarded_for += (forwarded_for.empty() ? "" : ",") + v;
    r.address = client_address(raw.remote_address, forwarded_for, trusted_proxies);
    r.secure = raw.secure;
    return r;
}

std::string html(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size();) {
        const auto n = utf8_length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        if (n > 1) {
            out.append(text.substr(i, n));
            i += n;
            continue;
        }
        const char c = text[i++];
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7F) out += "\xEF\xBF\xBD";
                else out += c;
        }
    }
    return out;
}

std::string iso_time(std::int64_t seconds) {
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::optional<std::int64_t> parse_iso_time(std::string_view text) {
    if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
        return std::nullopt;
    std::tm tm{};
    const auto num = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
            v = v * 10 + (text[i] - '0');
        }
        return v;
    };
    const int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), s = num(17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return std::nullopt;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return static_cast<std::int64_t>(timegm(&tm));
}

Response html_page(int status, std::string body) {
    Response r;
    r.status = status;
    r.headers = {{"Content-Type", "text/html; charset=utf-8"},
                 {"Cache-Control", "no-store"},
                 {"X-Content-Type-Options", "nosniff"},
                 {"X-Frame-Options", "DENY"},
                 {"Referrer-Policy", "same-origin"},
                 // Nothing but this server: no script, no other origin, no framing.
                 {"Content-Security-Policy",
                  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"}};
    r.body = std::move(body);
    return r;
}

Response redirect(const std::string& location) {
    Response r;
    r.status = 303;
    r.headers = {{"Location", location}, {"Cache-Control", "no-store"}, {"Content-Type", "text/plain; charset=utf-8"}};
    r.body = "see " + location + "\n";
    return r;
}

Response text(int status, const std::string& body) {
    Response r;
    r.status = status;
    r.headers = {{"Content-Type", "text/plain; charset=utf-8"}, {"Cache-Control", "no-store"}};
    r.body = body + "\n";
    return r;
}

}  // namespace jh::sync::web
