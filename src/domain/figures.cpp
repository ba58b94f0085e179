// Full-width conversion and number reading (see figures.hpp).
#include "domain/figures.hpp"

#include <charconv>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace jh::domain {
namespace {

// Calls f(codepoint, its bytes) for each UTF-8 character; a malformed byte is passed alone.
template <class F> void each_character(std::string_view s, F&& f) {
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + len > s.size()) len = 1;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        f(cp, s.substr(i, len));
        i += len;
    }
}

const Message kTypeNumber{"请填写数字，例如 12 或 3.5", "type a number, e.g. 12 or 3.5"};
const Message kTypeWhole{"请填写整数，例如 12", "type a whole number, e.g. 12"};

}  // namespace

char32_t halfwidth(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
    if (c == 0x3000) return U' ';
    if (c == 0x3002) return U'.';   // 。 typed for the full stop
    return c;
}

std::string to_halfwidth(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    each_character(text, [&](char32_t c, std::string_view bytes) {
        const char32_t h = halfwidth(c);
        if (h != c) out += static_cast<char>(h);
        else out += bytes;
    });
    return out;
}

NumberReading read_number(std::string_view typed, bool whole) {
    const std::string text = trimmed(to_halfwidth(typed));
    if (text.empty()) return {std::nullopt, whole ? kTypeWhole : kTypeNumber};
    // Thousands separators between digits, as spreadsheets and people write them.
    std::string plain;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool separator = text[i] == ',' && i > 0 && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                               std::isdigit(static_cast<unsigned char>(text[i + 1]));
        if (!separator) plain += text[i];
    }
    // The first character that cannot be part of a number is named.
    std::string refused;
    each_character(plain, [&](char32_t c, std::string_view bytes) {
        const bool figure = (c >= U'0' && c <= U'9') || c == U'.' || c == U'-' || c == U'+' || c == U'e' || c == U'E';
        if (!figure && refused.empty()) refused = bytes;
    });
    if (!refused.empty()) {
        const Message& hint = whole ? kTypeWhole : kTypeNumber;
        return {std::nullopt, {"“" + refused + "”不能出现在数字里：" + hint.zh, "'" + refused + "' cannot be part of a number: " + hint.en}};
    }
    const char* begin = plain.data() + (plain[0] == '+' ? 1 : 0);
    const char* end = plain.data() + plain.size();
    if (whole) {
        long long v = 0;
        auto [p, ec] = std::from_chars(begin, end, v);
        if (ec == std::errc{} && p == end && std::llabs(v) < (1LL << 53)) return {static_cast<double>(v), {}};
        if (plain.find_first_of(".eE") != std::string::npos) return {std::nullopt, {"此处只能填整数，例如 12", "only a whole number fits here, e.g. 12"}};
        return {std::nullopt, kTypeWhole};
    }
    double v = 0;
    auto [p, ec] = std::from_chars(begin, end, v);
    if (ec == std::errc{} && p == end && std::isfinite(v)) return {v, {}};
    return {std::nullopt, kTypeNumber};
}

Message amount_in_yuan(double yuan) {
    char zh[64];
    if (std::fabs(yuan) >= 10000) std::snprintf(zh, sizeof zh, "%.2f 万元", yuan / 10000);
    else std::snprintf(zh, sizeof zh, "%.0f 元", yuan);
    // English: whole yuan with thousands separators.
    char digits[64];
    std::snprintf(digits, sizeof digits, "%.0f", std::fabs(yuan));
    std::string grouped;
    const std::string d = digits;
    for (std::size_t i = 0; i < d.size(); ++i) {
        if (i > 0 && (d.size() - i) % 3 == 0) grouped += ',';
        grouped += d[i];
    }
    return {zh, (yuan < 0 ? "-" : "") + grouped + " yuan"};
}

std::string trimmed(std::string s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace jh::domain
