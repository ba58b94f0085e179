// The USB files' container, writers and bounded readers (files.hpp; docs/sync-protocol.md
// "Files"). The readers take bytes from a stick that went through other hands: every size and
// count is checked before it is used, and the signature before the records are read.
#include "sync/protocol/files.hpp"

#include "sync/protocol/json_codec.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <stdexcept>


namespace jh::sync::protocol {
namespace {

using Json = codec::Json;
using Kind = FileError::Kind;

constexpr std::string_view kMagic = "JUNHENG-";
constexpr std::size_t kMaxFirstLine = 64;
constexpr std::size_t kMaxSignatureLine = 128;
constexpr std::size_t kMaxRecordLine = 2048 + 256;
constexpr std::int64_t kMaxNumber = std::int64_t{1} << 53;

[[noreturn]] void fail(Kind kind, const std::string& what) { throw FileError(kind, what); }

std::string lower(std::string_view kind) {
    std::string out(kind);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string signed_text(std::string_view kind, std::string_view payload) {
    std::string text = "junheng/1 " + lower(kind) + " file\n";
    text += payload;
    return text;
}

std::string seal(std::string_view kind, const std::string& payload, std::string_view secret_key) {
    std::string out = std::string(kMagic) + std::string(kind) + " 1 " + std::to_string(payload.size()) + "\n";
    out += sign(signed_text(kind, payload), secret_key);
    out += "\n";
    out += payload;
    return out;
}

std::optional<std::int64_t> number_of(std::string_view text, std::int64_t max) {
    std::int64_t v = 0;
    if (text.empty() || text.size() > 19) return std::nullopt;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || v < 0 || v > max) return std::nullopt;
    return v;
}

std::vector<std::string_view> words(std::string_view line) {
    std::vector<std::string_view> out;
    while (!line.empty()) {
        const auto space = line.find(' ');
        out.push_back(line.substr(0, space));
        if (space == std::string_view::npos) break;
        line.remove_prefix(space + 1);
    }
    return out;
}

// The container of one file: checks size, first line, kind, version and completeness. The
// signature is checked by the caller (the key may be inside the payload).
struct Container {
    std::string signature;
    std::string_view payload;
};

Container open_container(std::string_view bytes, std::string_view kind, std::size_t max_bytes) {
    const std::string what = lower(kind) + " file";
    if (bytes.size() > max_bytes) fail(Kind::Malformed, "the " + what + " is larger than " + std::to_string(max_bytes) + " bytes");
    const auto first_end = bytes.substr(0, kMaxFirstLine).find('\n');
    if (first_end == std::string_view::npos) {
        const std::string magic = std::string(kMagic) + std::string(kind);
        const auto n = std::min(bytes.size(), magic.size());
        if (bytes.size() < kMaxFirstLine && bytes.substr(0, n) == std::string_view(magic).substr(0, n))
            fail(Kind::Truncated, "the " + what + " is truncated (" + std::to_string(bytes.size()) + " bytes): copy it again");
        fail(Kind::Malformed, "this is not a Junheng " + what);
    }
    const auto first = words(bytes.substr(0, first_end));
    if (first.size() != 3 || first[0].substr(0, kMagic.size()) != kMagic) fail(Kind::Malformed, "this is not a Junheng " + what);
    if (first[0].substr(kMagic.size()) != kind)
        fail(Kind::Malformed, "this is a Junheng " + lower(first[0].substr(kMagic.size())) + " file, not a " + what);
    if (first[1] != "1") fail(Kind::Version, "the " + what + " has format version " + std::string(first[1].substr(0, 8)) + "; this program reads version 1");
    const auto length = number_of(first[2], static_cast<std::int64_t>(max_bytes));
    if (!length) fail(Kind::Malformed, "the " + what + "'s length is not a number up to " + std::to_string(max_bytes));
    bytes.remove_prefix(first_end + 1);
    const auto sig_end = bytes.substr(0, kMaxSignatureLine).find('\n');
    if (sig_end == std::string_view::npos) {
        if (bytes.size() < kMaxSignatureLine) fail(Kind::Truncated, "the " + what + " is truncated (no complete signature): copy it again");
        fail(Kind::Malformed, "the " + what + "'s signature line is too long");
    }
    Container c;
    c.signature = std::string(bytes.substr(0, sig_end));
    c.payload = bytes.substr(sig_end + 1);
    if (c.payload.size() < static_cast<std::size_t>(*length))
        fail(Kind::Truncated, "the " + what + " is truncated: " + std::to_string(c.payload.size()) + " of " + std::to_string(*length) +
                                  " bytes (copying interrupted or the stick pulled out?): copy it again");
    if (c.payload.size() > static_cast<std::size_t>(*length))
        fail(Kind::Tampered, "the " + what + " has " + std::to_string(c.payload.size() - static_cast<std::size_t>(*length)) +
                                 " bytes more than its length says: it was changed after it was written");
    return c;
}

void check_signature(const Container& c, std::string_view kind, std::string_view key, const std::string& signer) {
    if (!verify(signed_text(kind, c.payload), c.signature, key))
        fail(Kind::Tampered, "the " + lower(kind) + " file's signature does not verify with " + signer +
                                 ": it was changed after it was written, or it was not written for this " +
                                 (kind == file::kReplyKind ? "terminal" : "receiver"));
}

// The payload: a JSON header line, then records "<word> [fields…] <length>\n" <bytes> "\n".
struct Payload {
    Json header;
    std::string_view rest;
    std::string what;

    // A header field through the protocol's shared Reader; its complaint becomes Malformed.
    template <class Read> auto field(Read&& read) const {
        try {
            return read(codec::Reader{header, ""});
        } catch (const DecodeError& e) {
            fail(Kind::Malformed, "the " + what + "'s header: " + e.what());
        }
    }
    std::string text(const char* key, std::size_t max = kMaxTextBytes) const {
        return field([&](const codec::Reader& r) { return r.text(key, max); });
    }
    std::int64_t integer(const char* key, std::int64_t min, std::int64_t max) const {
        return field([&](const codec::Reader& r) { return r.integer(key, min, max); });
    }
    // The next record: its words (without the length) and its bytes.
    std::pair<std::vector<std::string_view>, std::string_view> record(std::size_t max_bytes) {
        const auto end = rest.substr(0, kMaxRecordLine).find('\n');
        if (end == std::string_view::npos) fail(Kind::Malformed, "the " + what + " has a record without a complete first line");
        auto fields = words(rest.substr(0, end));
        if (fields.size() < 2) fail(Kind::Malformed, "the " + what + " has a malformed record line");
        const auto length = number_of(fields.back(), static_cast<std::int64_t>(max_bytes));
        if (!length) fail(Kind::Malformed, "the " + what + " has a record longer than " + std::to_string(max_bytes) + " bytes");
        fields.pop_back();
        rest.remove_prefix(end + 1);
        const auto n = static_cast<std::size_t>(*length);
        if (rest.size() < n + 1 || rest[n] != '\n') fail(Kind::Malformed, "the " + what + " has a record cut short");
        auto bytes = rest.substr(0, n);
        rest.remove_prefix(n + 1);
        return {fields, bytes};
    }
};

Payload open_payload(std::string_view payload, std::string_view kind) {
    Payload p;
    p.what = lower(kind) + " file";
    const auto end = payload.substr(0, file::kMaxHeaderBytes).find('\n');
    if (end == std::string_view::npos) fail(Kind::Malformed, "the " + p.what + " has no header line");
    try {
        p.header = codec::parse(payload.substr(0, end));   // one flat object of at most 8 KiB
        codec::top(p.header);                              // "v": the protocol version
    } catch (const DecodeError& e) {
        fail(e.problem == problem::kVersion ? Kind::Version : Kind::Malformed, "the " + p.what + "'s header: " + e.what());
    }
    p.rest = payload.substr(end + 1);
    return p;
}

std::string school_of(const Payload& p) {
    auto s = p.text("school", 16);
    if (!is_school_code(s)) fail(Kind::Malformed, "the " + p.what + "'s school is not a 10-digit school code");
    return s;
}

std::string key_of(const Payload& p, const char* name) {
    auto k = p.text(name, 64);
    if (!is_public_key(k)) fail(Kind::Malformed, "the " + p.what + "'s '" + name + "' is not a base64 Ed25519 public key");
    return k;
}

void record_line(std::string& out, std::string_view head, std::string_view bytes) {
    out += head;
    out += ' ';
    out += std::to_string(bytes.size());
    out += '\n';
    out += bytes;
    out += '\n';
}

bool plain_token(std::string_view text, std::size_t max) {
    if (text.empty() || text.size() > max) return false;
    for (unsigned char c : text)
        if (c <= 0x20 || c >= 0x7f) return false;
    return true;
}

}  // namespace

// ---- enrolment file ----
std::string write_enrol_file(const EnrolFile& f, const KeyPair& receiver) {
    Json h{{"v", kVersion}, {"school", f.school}, {"name", f.name}, {"receiver_key", f.receiver_key},
           {"code", f.code}, {"issued_at", f.issued_at}};
    return seal(file::kEnrolKind, h.dump() + "\n", receiver.secret_key);
}

EnrolFile read_enrol_file(std::string_view bytes) {
    const auto c = open_container(bytes, file::kEnrolKind, file::kMaxEnrolFileBytes);
    auto p = open_payload(c.payload, file::kEnrolKind);
    EnrolFile f{school_of(p), p.text("name"), key_of(p, "receiver_key"), p.text("code", 64), p.text("issued_at", 64)};
    check_signature(c, file::kEnrolKind, f.receiver_key, "the receiver key it names");
    if (f.name.empty() || f.code.empty()) fail(Kind::Malformed, "the enrolment file has an empty name or code");
    if (!p.rest.empty()) fail(Kind::Malformed, "the enrolment file has bytes after its header");
    return f;
}

// ---- upload file ----
std::string write_upload_file(const UploadFile& f, std::string_view terminal_secret_key) {
    if (f.requests.size() > file::kMaxFileRequests)
        throw std::invalid_argument("more than " + std::to_string(file::kMaxFileRequests) + " requests for one file");
    Json h{{"v", kVersion}, {"school", f.school}, {"terminal_key", f.terminal_key}, {"number", f.number},
           {"written_at", f.written_at}, {"requests", f.requests.size()}};
    std::string payload = h.dump() + "\n";
    for (const auto& r : f.requests) record_line(payload, "request " + r.method + " " + r.target + " " + r.signature, r.body);
    if (payload.size() + 256 > file::kMaxUploadFileBytes)
        throw std::invalid_argument("the upload file would be larger than " + std::to_string(file::kMaxUploadFileBytes) + " bytes");
    return seal(file::kUploadKind, payload, terminal_secret_key);
}

UploadFile read_upload_file(std::string_view bytes) {
    const auto c = open_container(bytes, file::kUploadKind, file::kMaxUploadFileBytes);
    auto p = open_payload(c.payload, file::kUploadKind);
    UploadFile f;
    f.school = school_of(p);
    f.terminal_key = key_of(p, "terminal_key");
    check_signature(c, file::kUploadKind, f.terminal_key, "the terminal key it names");
    f.number = p.integer("number", 1, kMaxNumber);
    f.written_at = p.text("written_at", 64);
    const auto count = p.integer("requests", 0, static_cast<std::int64_t>(file::kMaxFileRequests));
    for (std::int64_t i = 0; i < count; ++i) {
        auto [fields, body] = p.record(kMaxRequestBytes);
        if (fields.size() != 4 || fields[0] != "request" || (fields[1] != "GET" && fields[1] != "POST") ||
            !plain_token(fields[2], 2048) || fields[2].front() != '/' || !plain_token(fields[3], 128))
            fail(Kind::Malformed, "the upload file's request " + std::to_string(i + 1) + " is malformed");
        f.requests.push_back({std::string(fields[1]), std::string(fields[2]), std::string(fields[3]), std::string(body)});
    }
    if (!p.rest.empty()) fail(Kind::Malformed, "the upload file has bytes after its last request");
    return f;
}

// ---- reply file ----
std::string write_reply_file(const ReplyFile& f, std::string_view receiver_secret_key) {
    Json h{{"v", kVersion}, {"school", f.school}, {"number", f.number}, {"terminal_key", f.terminal_key},
           {"items", f.inbox.size()}};
    std::string payload = h.dump() + "\n";
    record_line(payload, "status", encode(f.status));
    for (const auto& item : f.inbox) record_line(payload, "item", encode(item));
    if (payload.size() + 256 > file::kMaxReplyFileBytes)
        throw std::invalid_argument("the reply file would be larger than " + std::to_string(file::kMaxReplyFileBytes) + " bytes");
    return seal(file::kReplyKind, payload, receiver_secret_key);
}

ReplyFile read_reply_file(std::string_view bytes, std::string_view receiver_key) {
    const auto c = open_container(bytes, file::kReplyKind, file::kMaxReplyFileBytes);
    check_signature(c, file::kReplyKind, receiver_key, "the receiver key this terminal pinned");
    auto p = open_payload(c.payload, file::kReplyKind);
    ReplyFile f;
    f.school = school_of(p);
    f.number = p.integer("number", 1, kMaxNumber);
    f.terminal_key = p.text("terminal_key", 64);
    if (!f.terminal_key.empty() && !is_public_key(f.terminal_key)) fail(Kind::Malformed, "the reply file's terminal_key is not a key");
    const auto count = p.integer("items", 0, static_cast<std::int64_t>(file::kMaxReplyItems));
    auto [fields, status] = p.record(kMaxInflatedBytes);
    if (fields.size() != 1 || fields[0] != "status") fail(Kind::Malformed, "the reply file does not start with the school's status");
    try {
        f.status = decode_status_reply(status);
    } catch (const DecodeError& e) {
        fail(Kind::Malformed, std::string("the reply file's status cannot be read: ") + e.what());
    }
    if (f.status.school != f.school) fail(Kind::Malformed, "the reply file's status is of another school");
    for (std::int64_t i = 0; i < count; ++i) {
        auto [item_fields, text] = p.record(kMaxInflatedBytes);
        const std::string which = "the reply file's item " + std::to_string(i + 1);
        if (item_fields.size() != 1 || item_fields[0] != "item") fail(Kind::Malformed, which + " is malformed");
        InboxItem item;
        try {
            item = decode_inbox_item(text);
        } catch (const DecodeError& e) {
            fail(Kind::Malformed, which + " cannot be read: " + e.what());
        }
        // Each item is signed on its own too (the same items travel over /v1/inbox).
        if (!verify_inbox_item(item, receiver_key)) fail(Kind::Tampered, which + "'s signature does not verify with the pinned receiver key");
        if (!item.school.empty() && item.school != f.school) fail(Kind::Malformed, which + " is about another school");
        if (!f.inbox.empty() && item.seq <= f.inbox.back().seq) fail(Kind::Malformed, which + " is out of seq order");
        f.inbox.push_back(std::move(item));
    }
    if (!p.rest.empty()) fail(Kind::Malformed, "the reply file has bytes after its last item");
    return f;
}

// ---- requests ----
HttpRequest to_http(const FileRequest& r, const std::string& school) {
    HttpRequest h;
    h.method = r.method;
    h.target = r.target;
    h.body = r.body;
    if (!r.body.empty() || r.method == "POST") {
        h.headers["Content-Type"] = std::string(kRequestMediaType);
        h.headers["Content-Length"] = std::to_string(r.body.size());
    }
    h.headers[std::string(kHeaderSchool)] = school;
    h.headers[std::string(kHeaderSignature)] = r.signature;
    return h;
}

FileRequest from_http(const HttpRequest& h) {
    return {h.method, h.target, header_value(h.headers, kHeaderSignature).value_or(""), h.body};
}

// ---- names and I/O ----
std::string upload_file_name(const std::string& school, std::int64_t number) {
    return "junheng-" + school + "-" + std::to_string(number) + std::string(file::kUploadExtension);
}
std::string reply_file_name(const std::string& school, std::int64_t number) {
    return "junheng-reply-" + school + "-" + std::to_string(number) + std::string(file::kReplyExtension);
}
std::string enrol_file_name(const std::string& school) {
    return "junheng-enrol-" + school + std::string(file::kEnrolExtension);
}

}  // namespace jh::sync::protocol
