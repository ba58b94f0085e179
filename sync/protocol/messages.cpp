// Message codecs of protocol v1 (see messages.hpp). nlohmann::json does the parsing; every
// decoder goes through Reader, which checks kinds, sizes and counts before anything is used.
#include "sync/protocol/messages.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace jh::sync::protocol {
namespace {

using Json = nlohmann::json;

// Deeper nesting than any message has is refused before parsing (a "[[[[…" body must not
// cost the parser's or the destructor's stack).
constexpr int kMaxDepth = 8;

void check_depth(std::string_view text) {
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

Json parse(std::string_view text) {
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

constexpr std::int64_t kMaxSeq = std::int64_t{1} << 53;

Reader top(const Json& doc) {
    Reader r{doc, ""};
    const Json& v = r.at(key::kVersion);
    if (!v.is_number_integer()) throw DecodeError("'v' is not an integer");
    if (v.get<std::int64_t>() != kVersion)
        throw DecodeError("protocol version " + v.dump() + " is not supported (this program speaks version " +
                              std::to_string(kVersion) + ")",
                          problem::kVersion);
    return r;
}

Json header() { return Json{{std::string(key::kVersion), kVersion}}; }

std::string school_code(const Reader& r) {
    auto s = r.text(key::kSchool);
    if (!is_school_code(s)) throw DecodeError("'school' is not a 10-digit school code");
    return s;
}
std::string stream_id(const Reader& r) {
    auto s = r.text(key::kStream);
    if (!is_stream_id(s)) throw DecodeError("'stream' is not a stream id (32 hex characters)");
    return s;
}

Json link_json(const Link& l) { return Json{{std::string(key::kSeq), l.seq}, {std::string(key::kHash), l.hash}}; }
Link read_link(const Reader& r) {
    Link l{r.integer(key::kSeq, 0, kMaxSeq), r.text(key::kHash)};
    if (!is_hash(l.hash)) throw DecodeError(r.where + "'hash' is not a SHA-256 hex digest");
    if (l.seq == 0 && l.hash != domain::audit_genesis_hash())
        throw DecodeError(r.where + "seq 0 must carry the genesis hash (64 zeros)");
    return l;
}

bool all_of_chars(std::string_view text, std::size_t size, bool (*ok)(char)) {
    return text.size() == size && std::all_of(text.begin(), text.end(), ok);
}
bool lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool is_stream_id(std::string_view t) { return all_of_chars(t, 32, lower_hex); }
bool is_school_code(std::string_view t) { return all_of_chars(t, 10, digit); }
bool is_hash(std::string_view t) { return all_of_chars(t, 64, lower_hex); }

WireEntry to_wire(const domain::AuditEntry& e, int schema_version) {
    WireEntry w;
    w.seq = e.seq;
    if (!is_synced_table(e.table)) {
        w.stub = true;
        w.stub_hash = e.hash;
        return w;
    }
    w.at = e.at;
    w.operator_name = e.operator_name;
    w.table = e.table;
    w.record_id = e.record_id;
    w.action = e.action;
    w.old_json = e.old_json;
    w.new_json = e.new_json;
    w.schema_version = schema_version;
    return w;
}

// ---- enrolment ----
std::string encode(const EnrolRequest& m) {
    Json j = header();
    j[std::string(key::kSchool)] = m.school;
    j[std::string(key::kCode)] = m.code;
    j[std::string(key::kPublicKey)] = m.public_key;
    return j.dump();
}
EnrolRequest decode_enrol_request(std::string_view text) {
    const Json doc = parse(text);
    const Reader r = top(doc);
    return {school_code(r), r.text(key::kCode, 64), r.text(key::kPublicKey, 64)};
}
std::string encode(const EnrolReply& m) {
    Json j = header();
    j[std::string(key::kSchool)] = m.school;
    j[std::string(key::kName)] = m.name;
    j[std::string(key::kReceiverKey)] = m.receiver_key;
    j[std::string(key::kReceiverTime)] = m.receiver_time;
    return j.dump();
}
EnrolReply decode_enrol_reply(std::string_view text) {
    const Json doc = parse(text);
    const Reader r = top(doc);
    return {school_code(r), r.text(key::kName), r.text(key::kReceiverKey, 64), r.text(key::kReceiverTime, 64)};
}

// ---- batches ----
std::string encode(const Batch& m) {
    Json j = header();
    j[std::string(key::kSchool)] = m.school;
    j[std::string(key::kStream)] = m.stream;
    j[std::string(key::kAfter)] = link_json(m.after);
    j[std::string(key::kTip)] = link_json(m.tip);
    Json entries = Json::array();
    for (const auto& e : m.entries) {
        Json x{{std::string(key::kSeq), e.seq}};
        if (e.stub) {
            x[std::string(key::kStub)] = e.stub_hash;
        } else {
            x[std::string(key::kAt)] = e.at;
            x[std::string(key::kOperator)] = e.operator_name;
            x[std::string(key::kTable)] = e.table;
            x[std::string(key::kId)] = e.record_id;
            x[std::string(key::kAction)] = e.action;
            x[std::string(key::kOld)] = e.old_json;
            x[std::string(key::kNew)] = e.new_json;
            x[std::string(key::kSchemaVersion)] = e.schema_version;
        }
        entries.push_back(std::move(x));
    }
    j[std::string(key::kEntries)] = std::move(entries);
    return j.dump();
}
Batch decode_batch(std::string_view text) {
    const Json doc = parse(text);
    const Reader r = top(doc);
    Batch b;
    b.school = school_code(r);
    b.stream = stream_id(r);
    b.after = read_link(r.object_at(key::kAfter));
    b.tip = read_link(r.object_at(key::kTip));
    const Json& entries = r.array(key::kEntries, kMaxEntriesPerBatch);
    b.entries.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (!entries[i].is_object()) throw DecodeError("entries[" + std::to_string(i) + "] is not an object");
        const Reader e{entries[i], "entries[" + std::to_string(i) + "]."};
        WireEntry w;
        w.seq = e.integer(key::kSeq, 1, kMaxSeq);
        if (e.has(key::kStub)) {
            w.stub = true;
            w.stub_hash = e.text(key::kStub);
            if (!is_hash(w.stub_hash)) throw DecodeError(e.where + "'stub' is not a SHA-256 hex digest");
        } else {
            w.at = e.text(key::kAt, 64);
            w.operator_name = e.text(key::kOperator);
            w.table = e.text(key::kTable, 64);
            if (!is_synced_table(w.table)) throw DecodeError(e.where + "'table' " + w.table + " is not a synced table");
            w.record_id = e.integer(key::kId, 0, kMaxSeq);
            w.action = e.text(key::kAction, 16);
            if (w.action != "insert" && w.action != "update" && w.action != "delete")
                throw DecodeError(e.where + "'action' must be insert, update or delete");
            w.old_json = e.text(key::kOld, kMaxEntryJsonBytes);
            w.new_json = e.text(key::kNew, kMaxEntryJsonBytes);
            w.schema_version = static_cast<int>(e.integer(key::kSchemaVersion, 1, 1000));
        }
        b.entries.push_back(std::move(w));
    }
    return b;
}

std::vector<std::string> chain_hashes(const Batch& b) {
    if (b.tip.seq != b.after.seq + static_cast<std::int64_t>(b.entries.size()))
        throw DecodeError("the batch's tip seq " + std::to_string(b.tip.seq) + " does not follow from after seq " +
                          std::to_string(b.after.seq) + " and " + std::to_string(b.entries.size()) + " entries");
    std::vector<std::string> hashes;
    hashes.reserve(b.entries.size());
    std::string prev = b.after.hash;
    std::int64_t expected = b.after.seq + 1;
    for (const auto& w : b.entries) {
        if (w.seq != expected)
            throw DecodeError("entry seq " + std::to_string(w.seq) + " where " + std::to_string(expected) + " was expected");
        if (w.stub) {
            prev = w.stub_hash;
        } else {
            domain::AuditEntry e{w.seq, w.at, w.operator_name, w.table, w.record_id, w.action,
                                 w.old_json, w.new_json, prev, {}};
            prev = domain::audit_hash(e);
        }
        hashes.push_back(prev);
        ++expected;
    }
    if (prev != b.tip.hash)
        throw DecodeError("the entries' chain ends at another hash than the batch's tip: tampered or corrupt");
    return hashes;
}

std::string encode(const BatchReply& m) {
    Json j = header();
    j[std::string(key::kResult)] = m.result;
    j[std::string(key::kStream)] = m.stream;
    j[std::string(key::kAcked)] = link_json(m.acked);
    Json flags = Json::array();
    for (const auto& f : m.flags)
        flags.push_back({{std::string(key::kSeq), f.seq},
                         {std::string(key::kTable), f.table},
                         {std::string(key::kId), f.record_id},
                         {std::string(key::kMessage), f.message}});
    j[std::string(key::kFlags)] = std::move(flags);
    j[std::string(key::kReceiverTime)] = m.receiver_time;
    return j.dump();
}
BatchReply decode_batch_reply(std::string_view text) {
    const Json doc = parse(text);
    const Reader r = top(doc);
    BatchReply m;
    m.result = r.text(key::kResult, 32);
    if (m.result != result::kApplied && m.result != result::kUnchanged)
        throw DecodeError("'result' of a batch reply must be applied or unchanged");
    m.stream = stream_id(r);
    m.acked = read_link(r.object_at(key::kAcked));
    const Json& flags = r.array(key::kFlags, kMaxEntriesPerBatch);
    for (std::size_t i = 0; i < flags.size(); ++i) {
        if (!flags[i].is_object()) throw DecodeError("flags[" + std::to_string(i) + "] is not an object");
        const Reader f{flags[i], "flags[" + std::to_string(i) + "]."};
        m.flags.push_back({f.integer(key::kSeq, 1, kMaxSeq), f.text(key::kTable, 64), f.integer(key::kId, 0, kMaxSeq),
                           f.text(key::kMessage)});
    }
    m.receiver_time = r.text(key::kReceiverTime, 64);
    return m;
}

// ---- tip ----
std::string encode(const TipReply& m) {
    Json j = header();
    j[std::string(key::kStream)] = m.stream;
    j[std::string(key::kTip)] = link_json(m.tip);
    j[std::string(key::kReceiverTime)] = m.receiver_time;
    return j.dump();
}
TipReply decode_tip_reply(std::string_view text) {
    const Json doc = parse(text);
    const Reader r = top(doc);
    return {stream_id(r), read_link(r.object_at(key::kTip)), r.text(key::kReceiverTime, 64)};
}

// ---- submissions ----
std::string encode(const Submission& m) {
    Json j = header();
    j[std::string(key::kSchool)] = m.school;
    j[std::string(key::kYear)] = m.year;
    j[std::string(key::kSubmissionVersion)] = m.version;
    j[std::string(key::kSha256)] = m.sha256;
    j[std::string(key::kSignature)] = m.signature;
    j[std::string(key::kSnapshot)] = m.snapshot;
    return j.dump();
}
Submission decode_submission(std::string_view text) {
    const Json doc = parse(text);
    const Reader r = top(doc);
    Submission m;
    m.school = school_code(r);
    m.year = static_cast<int>(r.integer(key::kYear, 1900, 2200));
    m.version = static_cast<int>(r.integer(key::kSubmissionVersion, 1, 100000));
    m.sha256 = r.text(key::kSha256);
    if (!is_hash(m.sha256)) throw DecodeError("'sha256' is not a SHA-256 hex digest");
    m.signature = r.text(key::kSignature, 128);
    m.snapshot = r.text(key::kSnapshot, kMaxSnapshotBytes);
    return m;
}
std::string encode(const SubmissionReply& m) {
    Json j = header();
    j[std::string(key::kResult)] = m.result;
    j[std::string(key::kYear)] = m.year;
    j[std::string(key::kSubmissionVersion)] = m.version;
    j[std::string(key::kSha256)] = m.sha256;
    j[std::string(key::kReceivedAt)] = m.received_at;
    return j.dump();
}
SubmissionReply decode_submission_reply(std::string_view text) {
    const Json doc = parse(text);
    const Reader r = top(doc);
    SubmissionReply m;
    m.result = r.text(key::kResult, 32);
    if (m.result != result::kReceived && m.result != result::kUnchanged)
        throw DecodeError("'result' of a submission reply must be received or unchanged");
    m.year = static_cast<int>(r.integer(key::kYear, 1900, 2200));
    m.version = static_cast<int>(r.integer(key::kSubmissionVersion, 1, 100000));
    m.sha256 = r.text(key::kSha256);
    m.received_at = r.text(key::kReceivedAt, 64);
    return m;
}

// ---- status ----
std::string encode(const StatusReply& m) {
    Json j = header();
    j[std::string(key::kSchool)] = m.school;
    j[std::string(key::kName)] = m.name;
    j[std::string(key::kState)] = m.state;
    j[std::string(key::kStream)] = m.stream;
    j[std::string(key::kTip)] = link_json(m.tip);
    j[std::string(key::kLastSeen)] = m.last_seen;
    Json subs = Json::array();
    for (const auto& s : m.submissions)
        subs.push_back({{std::string(key::kYear), s.year},
                        {std::string(key::kSubmissionVersion), s.version},
                        {std::string(key::kSha256), s.sha256},
                        {std::string(key::kReceivedAt), s.received_at}});
    j[std::string(key::kSubmissions)] = std::move(subs);
    j[std::string(key::kReceiverTime)] = m.receiver_time;
    return j.dump();
}
StatusReply decode_status_reply(std::string_view text) {
    const Json doc = parse(text);
    const Reader r = top(doc);
    StatusReply m;
    m.school = school_code(r);
    m.name = r.text(key::kName);
    m.state = r.text(key::kState, 32);
    m.stream = r.text(key::kStream, 32);
    m.tip = read_link(r.object_at(key::kTip));
    m.last_seen = r.text(key::kLastSeen, 64);
    const Json& subs = r.array(key::kSubmissions, 10000);
    for (std::size_t i = 0; i < subs.size(); ++i) {
        if (!subs[i].is_object()) throw DecodeError("submissions[" + std::to_string(i) + "] is not an object");
        const Reader s{subs[i], "submissions[" + std::to_string(i) + "]."};
        m.submissions.push_back({static_cast<int>(s.integer(key::kYear, 1900, 2200)),
                                 static_cast<int>(s.integer(key::kSubmissionVersion, 1, 100000)), s.text(key::kSha256),
                                 s.text(key::kReceivedAt, 64)});
    }
    m.receiver_time = r.text(key::kReceiverTime, 64);
    return m;
}

// ---- hello ----
std::string encode(const HelloReply& m) {
    Json j = header();
    j[std::string(key::kReceiverKey)] = m.receiver_key;
    j[std::string(key::kReceiverTime)] = m.receiver_time;
    return j.dump();
}
HelloReply decode_hello_reply(std::string_view text) {
    const Json doc = parse(text);
    const Reader r = top(doc);
    return {kVersion, r.text(key::kReceiverKey, 64), r.text(key::kReceiverTime, 64)};
}

// ---- problems ----
std::string encode(const ProblemReply& m) {
    Json j = header();
    j[std::string(key::kProblem)] = m.problem;
    j[std::string(key::kMessage)] = m.message;
    if (m.tip) j[std::string(key::kTip)] = link_json(*m.tip);
    if (!m.stream.empty()) j[std::string(key::kStream)] = m.stream;
    return j.dump();
}
ProblemReply decode_problem_reply(std::string_view text) {
    const Json doc = parse(text);
    // A problem reply is read whatever its version, so an older or newer receiver's refusal
    // still reaches the user in words.
    const Reader r{doc, ""};
    ProblemReply m;
    m.problem = r.text(key::kProblem, 64);
    m.message = r.text(key::kMessage, 4096);
    if (r.has(key::kTip)) m.tip = read_link(r.object_at(key::kTip));
    if (r.has(key::kStream)) m.stream = stream_id(r);
    return m;
}

}  // namespace jh::sync::protocol
