// Message codecs of protocol v1 (see messages.hpp). nlohmann::json does the parsing; every
// decoder goes through codec::Reader (json_codec.hpp), which checks kinds, sizes and counts
// before anything is used.
#include "sync/protocol/messages.hpp"

#include "sync/protocol/crypto.hpp"
#include "sync/protocol/json_codec.hpp"

namespace jh::sync::protocol {
using namespace codec;

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

// ---- inbox: decisions and rule packs, receiver -> school ----
namespace jh::sync::protocol {
using namespace codec;
namespace {

constexpr std::size_t kMaxSignatureBytes = 128;
constexpr std::size_t kMaxPackIdBytes = 128;

Json inbox_item_json(const InboxItem& m, bool with_signature) {
    Json j{{std::string(key::kSeq), m.seq}, {std::string(key::kKind), m.kind},
           {std::string(key::kBy), m.by},   {std::string(key::kAt), m.at}};
    if (m.kind == inbox::kPack) {
        j[std::string(key::kPackId)] = m.pack_id;
        j[std::string(key::kPackSha256)] = m.pack_sha256;
        j[std::string(key::kPack)] = m.pack_text;
    } else {
        j[std::string(key::kSchool)] = m.school;
        j[std::string(key::kYear)] = m.year;
        j[std::string(key::kSubmissionVersion)] = m.version;
        j[std::string(key::kDecision)] = m.decision;
        j[std::string(key::kText)] = m.text;
    }
    if (with_signature) j[std::string(key::kSignature)] = m.signature;
    return j;
}

InboxItem read_inbox_item(const Reader& r) {
    InboxItem m;
    m.seq = r.integer(key::kSeq, 1, kMaxSeq);
    m.kind = r.text(key::kKind, 32);
    m.by = r.text(key::kBy);
    m.at = r.text(key::kAt, 64);
    if (m.kind == inbox::kDecision) {
        m.school = school_code(r);
        m.year = static_cast<int>(r.integer(key::kYear, 1900, 2200));
        m.version = static_cast<int>(r.integer(key::kSubmissionVersion, 1, 100000));
        m.decision = r.text(key::kDecision, 32);
        if (!decision::is_decision(m.decision))
            throw DecodeError(r.where + "'decision' must be returned, accepted or reopened");
        m.text = r.text(key::kText, kMaxCommentBytes);
    } else if (m.kind == inbox::kPack) {
        m.pack_id = r.text(key::kPackId, kMaxPackIdBytes);
        if (m.pack_id.empty()) throw DecodeError(r.where + "'pack_id' is empty");
        m.pack_sha256 = r.text(key::kPackSha256);
        if (!is_hash(m.pack_sha256)) throw DecodeError(r.where + "'pack_sha256' is not a SHA-256 hex digest");
        m.pack_text = r.text(key::kPack, kMaxPackBytes);
        if (domain::sha256_hex(m.pack_text) != m.pack_sha256)
            throw DecodeError(r.where + "the pack's text does not match its 'pack_sha256'");
    } else {
        throw DecodeError(r.where + "'kind' must be decision or pack");
    }
    m.signature = r.text(key::kSignature, kMaxSignatureBytes);
    return m;
}

}  // namespace

std::string inbox_signed_text(const InboxItem& item) {
    return std::string(kInboxSignedPrefix) + inbox_item_json(item, false).dump();
}
void sign_inbox_item(InboxItem& item, std::string_view receiver_secret_key_base64) {
    item.signature = sign(inbox_signed_text(item), receiver_secret_key_base64);
}
bool verify_inbox_item(const InboxItem& item, std::string_view receiver_key_base64) {
    return verify(inbox_signed_text(item), item.signature, receiver_key_base64);
}

std::string encode(const InboxItem& m) { return inbox_item_json(m, !m.signature.empty()).dump(); }

InboxItem decode_inbox_item(std::string_view text) {
    const Json doc = parse(text);
    return read_inbox_item(Reader{doc, ""});
}

std::string encode(const InboxReply& m) {
    Json j = header();
    Json items = Json::array();
    for (const auto& item : m.items) items.push_back(inbox_item_json(item, true));
    j[std::string(key::kItems)] = std::move(items);
    j[std::string(key::kMore)] = m.more;
    j[std::string(key::kReceiverTime)] = m.receiver_time;
    return j.dump();
}

InboxReply decode_inbox_reply(std::string_view text) {
    const Json doc = parse(text);
    const Reader r = top(doc);
    InboxReply m;
    const Json& items = r.array(key::kItems, kMaxInboxItems);
    std::int64_t last = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!items[i].is_object()) throw DecodeError("items[" + std::to_string(i) + "] is not an object");
        auto item = read_inbox_item(Reader{items[i], "items[" + std::to_string(i) + "]."});
        if (item.seq <= last) throw DecodeError("items[" + std::to_string(i) + "]: seqs must increase");
        last = item.seq;
        m.items.push_back(std::move(item));
    }
    const Json& more = r.at(key::kMore);
    if (!more.is_boolean()) throw DecodeError("'more' is not a boolean");
    m.more = more.get<bool>();
    m.receiver_time = r.text(key::kReceiverTime, 64);
    return m;
}

}  // namespace jh::sync::protocol
