// The JSON codec machinery every message decoder of the protocol shares (messages.cpp, and
// the file and relay codecs beside it): parsing with a depth and size bound, and Reader, which
// checks each key's kind, size and range and names the key in every complaint. Internal to
// sync/protocol: other layers use the typed codecs, never this.
#pragma once
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/audit_entry.hpp"
#include "sync/protocol/messages.hpp"

namespace jh::sync::protocol::codec {

using Json = nlohmann::json;

// Deeper nesting than any message has is refused before parsing (a "[[[[…" body must not
// cost the parser's or the destructor's stack).
inline constexpr int kMaxDepth = 8;

inline void check_depth(std::string_view text) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxDepth) throw DecodeError("JSON nested deeper than " + std::to_string(kMaxDepth) + " levels");
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
}

inline Json parse(std::string_view text) {
    if (text.size() > kMaxInflatedBytes) throw DecodeError("message larger than " + std::to_string(kMaxInflatedBytes) + " bytes");
    check_depth(text);
    Json doc = Json::parse(text, nullptr, false);
    if (doc.is_discarded()) throw DecodeError("not valid JSON");
    if (!doc.is_object()) throw DecodeError("the message is not a JSON object");
    return doc;
}

// Typed access to one JSON object, naming the key in every complaint.
struct Reader {
    const Json& object;
    std::string where;

    const Json& at(std::string_view key) const {
        auto it = object.find(std::string(key));
        if (it == object.end()) throw DecodeError(where + "missing key '" + std::string(key) + "'");
        return *it;
    }
    bool has(std::string_view key) const { return object.contains(std::string(key)); }

    std::string text(std::string_view key, std::size_t max = kMaxTextBytes) const {
        const Json& j = at(key);
        if (!j.is_string()) throw DecodeError(where + "'" + std::string(key) + "' is not a string");
        const auto& s = j.get_ref<const std::string&>();
        if (s.size() > max) throw DecodeError(where + "'" + std::string(key) + "' is longer than " + std::to_string(max) + " bytes");
        return s;
    }
    std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max) const {
        const Json& j = at(key);
        if (!j.is_number_integer()) throw DecodeError(where + "'" + std::string(key) + "' is not an integer");
        const auto v = j.get<std::int64_t>();
        if (v < min || v > max)
            throw DecodeError(where + "'" + std::string(key) + "' is out of range: " + std::to_string(v));
        return v;
    }
    const Json& array(std::string_view key, std::size_t max) const {
        const Json& j = at(key);
        if (!j.is_array()) throw DecodeError(where + "'" + std::string(key) + "' is not an array");
        if (j.size() > max) throw DecodeError(where + "'" + std::string(key) + "' has more than " + std::to_string(max) + " items");
        return j;
    }
    Reader object_at(std::string_view key) const {
        const Json& j = at(key);
        if (!j.is_object()) throw DecodeError(where + "'" + std::string(key) + "' is not an object");
        return Reader{j, where + std::string(key) + "."};
    }
};

inline constexpr std::int64_t kMaxSeq = std::int64_t{1} << 53;

inline Reader top(const Json& doc) {
    Reader r{doc, ""};
    const Json& v = r.at(key::kVersion);
    if (!v.is_number_integer()) throw DecodeError("'v' is not an integer");
    if (v.get<std::int64_t>() != kVersion)
        throw DecodeError("protocol version " + v.dump() + " is not supported (this program speaks version " +
                              std::to_string(kVersion) + ")",
                          problem::kVersion);
    return r;
}

inline Json header() { return Json{{std::string(key::kVersion), kVersion}}; }

inline std::string school_code(const Reader& r) {
    auto s = r.text(key::kSchool);
    if (!is_school_code(s)) throw DecodeError("'school' is not a 10-digit school code");
    return s;
}
inline std::string stream_id(const Reader& r) {
    auto s = r.text(key::kStream);
    if (!is_stream_id(s)) throw DecodeError("'stream' is not a stream id (32 hex characters)");
    return s;
}

inline Json link_json(const Link& l) { return Json{{std::string(key::kSeq), l.seq}, {std::string(key::kHash), l.hash}}; }
inline Link read_link(const Reader& r) {
    Link l{r.integer(key::kSeq, 0, kMaxSeq), r.text(key::kHash)};
    if (!is_hash(l.hash)) throw DecodeError(r.where + "'hash' is not a SHA-256 hex digest");
    if (l.seq == 0 && l.hash != domain::audit_genesis_hash())
        throw DecodeError(r.where + "seq 0 must carry the genesis hash (64 zeros)");
    return l;
}

inline bool all_of_chars(std::string_view text, std::size_t size, bool (*ok)(char)) {
    return text.size() == size && std::all_of(text.begin(), text.end(), ok);
}
inline bool lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
inline bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace jh::sync::protocol::codec
