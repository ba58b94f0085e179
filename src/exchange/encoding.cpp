// Encoding detection and conversion through glibc iconv (see encoding.hpp).
#include "exchange/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <memory>

#include "exchange/problem.hpp"

namespace jh::exchange {
namespace {

struct IconvResult {
    std::string text;
    std::size_t failed_at = std::string::npos;   // input offset of the first bad byte
    bool incomplete = false;                      // the input ends inside a character
};

IconvResult convert(std::string_view in, const char* from, const char* to) {
    iconv_t cd = iconv_open(to, from);
    if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error(std::string("iconv cannot convert ") + from);
    std::unique_ptr<void, int (*)(iconv_t)> guard(cd, iconv_close);
    IconvResult result;
    std::string out(in.size() * 2 + 16, '\0');
    char* src = const_cast<char*>(in.data());
    std::size_t src_left = in.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    while (src_left > 0) {
        if (iconv(cd, &src, &src_left, &dst, &dst_left) != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            std::size_t used = static_cast<std::size_t>(dst - out.data());
            out.resize(out.size() * 2);
            dst = out.data() + used;
            dst_left = out.size() - used;
            continue;
        }
        result.failed_at = static_cast<std::size_t>(src - in.data());
        result.incomplete = errno == EINVAL;
        break;
    }
    out.resize(static_cast<std::size_t>(dst - out.data()));
    result.text = std::move(out);
    return result;
}

}  // namespace

std::size_t invalid_utf8_offset(std::string_view s) {
    std::size_t i = 0;
    const auto* b = reinterpret_cast<const unsigned char*>(s.data());
    while (i < s.size()) {
        unsigned char c = b[i];
        std::size_t len;
        std::uint32_t cp;
        if (c < 0x80) { ++i; continue; }
        if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
        else return i;
        if (i + len > s.size()) return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((b[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (b[i + k] & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

namespace {

// True when the bytes from `offset` on are the start of a UTF-8 character cut off by the end.
bool cut_utf8_character(std::string_view bytes, std::size_t offset) {
    const auto lead = static_cast<unsigned char>(bytes[offset]);
    const std::size_t needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
    const std::size_t left = bytes.size() - offset;
    if (needed == 0 || left >= needed) return false;
    for (std::size_t k = 1; k < left; ++k)
        if ((static_cast<unsigned char>(bytes[offset + k]) & 0xC0) != 0x80) return false;
    return true;
}

[[noreturn]] void reject_encoding(std::string_view bytes, std::size_t offset, const std::string& file_name, bool truncated) {
    const auto before = bytes.substr(0, offset);
    const int line = static_cast<int>(1 + std::count(before.begin(), before.end(), '\n'));
    const std::string at = std::to_string(offset);
    if (truncated)
        reject_at(file_name, line, 0, {"文件在一个字符中间结束，可能被截断", "the file ends in the middle of a character (truncated file?)"});
    reject_at(file_name, line, 0,
              {"文件编码无法识别（既不是 UTF-8 也不是 GBK），位于第 " + at + " 字节",
               "unrecognised encoding (neither UTF-8 nor GBK) at byte offset " + at});
}

}  // namespace

DecodedText decode_text(std::string_view bytes, const std::string& file_name) {
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    const auto bad_utf8 = invalid_utf8_offset(bytes);
    if (bad_utf8 == std::string_view::npos) {
        if (bytes.substr(0, 3) == bom) bytes.remove_prefix(3);
        return {std::string(bytes), Encoding::Utf8};
    }
    if (cut_utf8_character(bytes, bad_utf8)) reject_encoding(bytes, bad_utf8, file_name, true);
    auto gb = convert(bytes, "GB18030", "UTF-8");
    if (gb.failed_at != std::string::npos) reject_encoding(bytes, gb.failed_at, file_name, gb.incomplete);
    return {std::move(gb.text), Encoding::Gb18030};
}

std::string utf8_to_gb18030(std::string_view utf8) {
    auto r = convert(utf8, "UTF-8", "GB18030");
    if (r.failed_at != std::string::npos) throw std::runtime_error("text cannot be written as GB18030");
    return std::move(r.text);
}

std::string encode_text(std::string_view utf8, Encoding encoding) {
    if (encoding == Encoding::Gb18030) return utf8_to_gb18030(utf8);
    return "\xEF\xBB\xBF" + std::string(utf8);
}

}  // namespace jh::exchange
