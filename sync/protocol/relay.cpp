// Codecs of the relay messages (relay.hpp): deterministic encoders, bounded decoders on the
// shared codec machinery (json_codec.hpp).
#include "sync/protocol/relay.hpp"

#include "sync/protocol/crypto.hpp"
#include "sync/protocol/json_codec.hpp"

namespace jh::sync::protocol::relay {

using codec::Json;
using codec::Reader;

namespace {

std::string k(std::string_view name) { return std::string(name); }

std::string region(const Reader& r, std::string_view name) {
    auto s = r.text(name, 16);
    if (!is_region_code(s)) throw DecodeError(r.where + "'" + std::string(name) + "' is not a 6-digit region code");
    return s;
}

std::string public_key_of(const Reader& r, std::string_view name) {
    auto s = r.text(name, 64);
    if (!is_public_key(s)) throw DecodeError(r.where + "'" + std::string(name) + "' is not a base64 Ed25519 public key");
    return s;
}

}  // namespace

bool is_region_code(std::string_view t) { return codec::all_of_chars(t, 6, codec::digit); }

// ---- enrolment ----
std::string encode(const EnrolRequest& m) {
    Json j = codec::header();
    j[k(protocol::key::kCode)] = m.code;
    j[k(protocol::key::kPublicKey)] = m.public_key;
    return j.dump();
}
EnrolRequest decode_enrol_request(std::string_view text) {
    const Json doc = codec::parse(text);
    const Reader r = codec::top(doc);
    return {r.text(protocol::key::kCode, 64), public_key_of(r, protocol::key::kPublicKey)};
}
std::string encode(const EnrolReply& m) {
    Json j = codec::header();
    j[k(key::kMember)] = m.member;
    j[k(protocol::key::kName)] = m.name;
    j[k(protocol::key::kReceiverKey)] = m.receiver_key;
    j[k(protocol::key::kReceiverTime)] = m.receiver_time;
    return j.dump();
}
EnrolReply decode_enrol_reply(std::string_view text) {
    const Json doc = codec::parse(text);
    const Reader r = codec::top(doc);
    return {region(r, key::kMember), r.text(protocol::key::kName), public_key_of(r, protocol::key::kReceiverKey),
            r.text(protocol::key::kReceiverTime, 64)};
}

// ---- submissions ----
std::string encode(const Submission& m) {
    Json j = codec::header();
    j[k(key::kMember)] = m.member;
    j[k(key::kCounty)] = m.county;
    j[k(protocol::key::kSchool)] = m.school;
    j[k(key::kSchoolName)] = m.school_name;
    j[k(key::kSchoolKey)] = m.school_key;
    j[k(protocol::key::kYear)] = m.year;
    j[k(protocol::key::kSubmissionVersion)] = m.version;
    j[k(protocol::key::kSha256)] = m.sha256;
    j[k(protocol::key::kSignature)] = m.signature;
    j[k(protocol::key::kSnapshot)] = m.snapshot;
    j[k(key::kAcceptedAt)] = m.accepted_at;
    j[k(key::kAcceptedBy)] = m.accepted_by;
    return j.dump();
}
Submission decode_submission(std::string_view text) {
    const Json doc = codec::parse(text);
    const Reader r = codec::top(doc);
    Submission m;
    m.member = region(r, key::kMember);
    m.county = region(r, key::kCounty);
    m.school = codec::school_code(r);
    m.school_name = r.text(key::kSchoolName);
    m.school_key = public_key_of(r, key::kSchoolKey);
    m.year = static_cast<int>(r.integer(protocol::key::kYear, 1900, 2200));
    m.version = static_cast<int>(r.integer(protocol::key::kSubmissionVersion, 1, 100000));
    m.sha256 = r.text(protocol::key::kSha256, 64);
    if (!is_hash(m.sha256)) throw DecodeError("'sha256' is not a SHA-256 hex digest");
    m.signature = r.text(protocol::key::kSignature, 128);
    m.snapshot = r.text(protocol::key::kSnapshot, kMaxSnapshotBytes);
    m.accepted_at = r.text(key::kAcceptedAt, 64);
    m.accepted_by = r.text(key::kAcceptedBy);
    return m;
}
std::string encode(const SubmissionReply& m) {
    Json j = codec::header();
    j[k(protocol::key::kResult)] = m.result;
    j[k(protocol::key::kSchool)] = m.school;
    j[k(protocol::key::kYear)] = m.year;
    j[k(protocol::key::kSubmissionVersion)] = m.version;
    j[k(protocol::key::kReceivedAt)] = m.received_at;
    return j.dump();
}
SubmissionReply decode_submission_reply(std::string_view text) {
    const Json doc = codec::parse(text);
    const Reader r = codec::top(doc);
    SubmissionReply m;
    m.result = r.text(protocol::key::kResult, 32);
    if (m.result != result::kReceived && m.result != result::kUnchanged)
        throw DecodeError("'result' of a relay submission reply must be received or unchanged");
    m.school = codec::school_code(r);
    m.year = static_cast<int>(r.integer(protocol::key::kYear, 1900, 2200));
    m.version = static_cast<int>(r.integer(protocol::key::kSubmissionVersion, 1, 100000));
    m.received_at = r.text(protocol::key::kReceivedAt, 64);
    return m;
}

// ---- school lists ----
std::string encode(const Schools& m) {
    Json j = codec::header();
    j[k(key::kMember)] = m.member;
    Json list = Json::array();
    for (const auto& s : m.schools)
        list.push_back(Json{{k(protocol::key::kCode), s.code},
                            {k(protocol::key::kName), s.name},
                            {k(key::kCounty), s.county},
                            {k(protocol::key::kState), s.state},
                            {k(protocol::key::kLastSeen), s.last_seen},
                            {k(protocol::key::kYear), s.year},
                            {k(protocol::key::kSubmissionVersion), s.version},
                            {k(key::kReview), s.review},
                            {k(key::kLate), s.late}});
    j[k(key::kSchools)] = std::move(list);
    return j.dump();
}
Schools decode_schools(std::string_view text) {
    const Json doc = codec::parse(text);
    const Reader r = codec::top(doc);
    Schools m;
    m.member = region(r, key::kMember);
    const auto& list = r.array(key::kSchools, kMaxSchools);
    m.schools.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_object()) throw DecodeError("schools[" + std::to_string(i) + "] is not an object");
        const Reader s{list[i], "schools[" + std::to_string(i) + "]."};
        SchoolState st;
        st.code = s.text(protocol::key::kCode, 16);
        if (!is_school_code(st.code)) throw DecodeError(s.where + "'code' is not a 10-digit school code");
        st.name = s.text(protocol::key::kName);
        st.county = region(s, key::kCounty);
        st.state = s.text(protocol::key::kState, 16);
        if (st.state != "active" && st.state != "revoked") throw DecodeError(s.where + "'state' must be active or revoked");
        st.last_seen = s.text(protocol::key::kLastSeen, 64);
        st.year = static_cast<int>(s.integer(protocol::key::kYear, 0, 2200));
        st.version = static_cast<int>(s.integer(protocol::key::kSubmissionVersion, 0, 100000));
        if ((st.year == 0) != (st.version == 0)) throw DecodeError(s.where + "'year' and 'version' must both be 0 or both set");
        st.review = s.text(key::kReview, 16);
        if (!review::is_review(st.review)) throw DecodeError(s.where + "'review' is not a review state");
        const auto& late = s.at(key::kLate);
        if (!late.is_boolean()) throw DecodeError(s.where + "'late' is not true or false");
        st.late = late.get<bool>();
        m.schools.push_back(std::move(st));
    }
    return m;
}
std::string encode(const SchoolsReply& m) {
    Json j = codec::header();
    j[k(key::kCount)] = m.count;
    j[k(protocol::key::kReceiverTime)] = m.receiver_time;
    return j.dump();
}
SchoolsReply decode_schools_reply(std::string_view text) {
    const Json doc = codec::parse(text);
    const Reader r = codec::top(doc);
    return {static_cast<std::size_t>(r.integer(key::kCount, 0, static_cast<std::int64_t>(kMaxSchools))),
            r.text(protocol::key::kReceiverTime, 64)};
}

}  // namespace jh::sync::protocol::relay
