// PostgresReceiverStore's relay verbs (store.hpp "relay"; tables in schema_pg/0005_relay.sql),
// as relay_store.cpp does them on SQLite. A member's writes lock its relay_member row, so two
// processes taking the same member's request at once go one after the other.
#include <stdexcept>

#include "sync/receiver/postgres_store.hpp"
#include "sync/receiver/relay.hpp"

namespace jh::sync::receiver {

namespace {

using pg::Bytes;
using pg::Conn;

std::optional<RelayMember> select_member(Conn& c, const std::string& code) {
    auto s = c.run("SELECT code, name, added_at, public_key IS NOT NULL, last_seen FROM relay_member WHERE code = $1", code);
    if (s.empty()) return std::nullopt;
    return RelayMember{s.text(0, 0), s.text(0, 1), s.text(0, 2), s.boolean(0, 3), s.optional_text(0, 4)};
}

std::optional<std::string> holder_of(Conn& c, const std::string& school) {
    auto s = c.run("SELECT member FROM relay_school WHERE school = $1", school);
    if (s.empty()) return std::nullopt;
    return s.text(0, 0);
}

// A school this receiver registered itself (not relayed) is never taken over by a member.
bool own_school(Conn& c, const std::string& school) {
    return !c.run("SELECT 1 FROM school WHERE code = $1 AND NOT EXISTS (SELECT 1 FROM relay_school r WHERE r.school = school.code)",
                  school)
                .empty();
}

void ensure_school(Conn& c, const std::string& code, const std::string& name, const std::string& now) {
    c.run("INSERT INTO school(code, name, added_at) VALUES ($1, $2, $3) ON CONFLICT (code) DO UPDATE SET name = excluded.name", code,
          name, now);
}

void lock_member(Conn& c, const std::string& member) { c.run("SELECT 1 FROM relay_member WHERE code = $1 FOR UPDATE", member); }

}  // namespace

void PostgresReceiverStore::add_member(const std::string& code, const std::string& name, const std::string& code_hash,
                                       const std::string& now) {
    write([&](Conn& c) {
        if (c.run("INSERT INTO relay_member(code, name, added_at) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING", code, name, now)
                .affected() == 0)
            throw std::invalid_argument("region " + code + " is already registered here");
        c.run("INSERT INTO relay_member_code(member, code_hash, issued_at) VALUES ($1, $2, $3)", code, code_hash, now);
    });
}

std::vector<RelayMember> PostgresReceiverStore::members() {
    Lease c(*this);
    auto s = c->run("SELECT code, name, added_at, public_key IS NOT NULL, last_seen FROM relay_member ORDER BY code");
    std::vector<RelayMember> out;
    for (int i = 0; i < s.rows(); ++i) out.push_back({s.text(i, 0), s.text(i, 1), s.text(i, 2), s.boolean(i, 3), s.optional_text(i, 4)});
    return out;
}

std::optional<RelayMember> PostgresReceiverStore::enrol_member(const std::string& code_hash, const std::string& public_key,
                                                               const std::string& now) {
    return write([&](Conn& c) -> std::optional<RelayMember> {
        // The code's row lock: the same code used twice at once enrols once.
        auto code = c.run("SELECT id, member FROM relay_member_code WHERE code_hash = $1 AND used_at IS NULL FOR UPDATE", code_hash);
        if (code.empty()) return std::nullopt;
        const auto member = code.text(0, 1);
        c.run("UPDATE relay_member_code SET used_at = $1 WHERE id = $2", now, code.integer(0, 0));
        c.run("UPDATE relay_member SET public_key = $1, enrolled_at = $2, last_seen = $2 WHERE code = $3", public_key, now, member);
        return select_member(c, member);
    });
}

std::optional<std::string> PostgresReceiverStore::member_key(const std::string& member) {
    Lease c(*this);
    auto s = c->run("SELECT public_key FROM relay_member WHERE code = $1", member);
    if (s.empty()) return std::nullopt;
    return s.optional_text(0, 0);
}

RelayStored PostgresReceiverStore::add_relayed_submission(const protocol::relay::Submission& m, const std::string& now) {
    return write([&](Conn& c) -> RelayStored {
        lock_member(c, m.member);
        c.run("UPDATE relay_member SET last_seen = $1 WHERE code = $2", now, m.member);
        if (own_school(c, m.school)) return {RelayOutcome::OtherMember, "", "this receiver"};
        if (auto holder = holder_of(c, m.school); holder && *holder != m.member) return {RelayOutcome::OtherMember, "", *holder};
        auto held = c.run("SELECT sha256, received_at FROM submission WHERE school = $1 AND year = $2 AND version = $3", m.school,
                          m.year, m.version);
        if (!held.empty())
            return {held.text(0, 0) == m.sha256 ? RelayOutcome::Unchanged : RelayOutcome::Conflict, held.text(0, 1), ""};
        ensure_school(c, m.school, m.school_name, now);
        c.run("INSERT INTO relay_school(school, member, county, state, last_seen, year, version, review, late, listed, reported_at) "
              "VALUES ($1, $2, $3, 'active', NULL, $4, $5, 'accepted', 0, 1, $6) "
              "ON CONFLICT (school) DO UPDATE SET year = excluded.year, version = excluded.version, review = 'accepted' "
              "WHERE excluded.year > relay_school.year OR (excluded.year = relay_school.year AND excluded.version >= relay_school.version)",
              m.school, m.member, m.county, m.year, m.version, now);
        c.run("INSERT INTO submission(school, year, version, sha256, signature, snapshot, received_at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
              m.school, m.year, m.version, m.sha256, m.signature, Bytes{m.snapshot}, now);
        c.run("INSERT INTO relay_submission(school, year, version, member, school_key, accepted_at, accepted_by, received_at) "
              "VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
              m.school, m.year, m.version, m.member, m.school_key, m.accepted_at, m.accepted_by, now);
        return {RelayOutcome::Received, now, ""};
    });
}

RelaySchoolsStored PostgresReceiverStore::put_member_schools(const protocol::relay::Schools& list, const std::string& now) {
    return write([&](Conn& c) {
        lock_member(c, list.member);
        RelaySchoolsStored out;
        for (const auto& s : list.schools) {
            if (own_school(c, s.code)) out.other_member.push_back(s.code);
            else if (auto holder = holder_of(c, s.code); holder && *holder != list.member) out.other_member.push_back(s.code);
        }
        if (!out.other_member.empty()) return out;   // nothing written
        c.run("UPDATE relay_member SET last_seen = $1 WHERE code = $2", now, list.member);
        c.run("UPDATE relay_school SET listed = 0 WHERE member = $1", list.member);
        for (const auto& s : list.schools) {
            ensure_school(c, s.code, s.name, now);
            const std::optional<std::string> seen = s.last_seen.empty() ? std::nullopt : std::optional(s.last_seen);
            c.run("INSERT INTO relay_school(school, member, county, state, last_seen, year, version, review, late, listed, reported_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10) "
                  "ON CONFLICT (school) DO UPDATE SET county = excluded.county, state = excluded.state, last_seen = excluded.last_seen, "
                  "year = excluded.year, version = excluded.version, review = excluded.review, late = excluded.late, listed = 1, "
                  "reported_at = excluded.reported_at",
                  s.code, list.member, s.county, s.state, seen, s.year, s.version, s.review, s.late ? 1 : 0, now);
            c.run("UPDATE school SET last_seen = $1 WHERE code = $2", seen, s.code);
        }
        out.count = static_cast<std::size_t>(
            c.run("SELECT COUNT(*) FROM relay_school WHERE member = $1 AND listed = 1", list.member).integer(0, 0));
        return out;
    });
}

std::vector<RelaySchool> PostgresReceiverStore::relay_schools() {
    Lease c(*this);
    auto s = c->run("SELECT r.school, r.member, s.name, r.county, r.state, r.last_seen, r.year, r.version, r.review, r.late, r.listed "
                    "FROM relay_school r JOIN school s ON s.code = r.school ORDER BY r.member, r.school");
    std::vector<RelaySchool> out;
    for (int i = 0; i < s.rows(); ++i) {
        RelaySchool r;
        r.school = s.text(i, 0);
        r.member = s.text(i, 1);
        r.state = {s.text(i, 0), s.text(i, 2), s.text(i, 3), s.text(i, 4), s.optional_text(i, 5).value_or(""),
                   static_cast<int>(s.integer(i, 6)), static_cast<int>(s.integer(i, 7)), s.text(i, 8), s.integer(i, 9) != 0};
        r.listed = s.integer(i, 10) != 0;
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<RelayAcceptance> PostgresReceiverStore::relay_acceptances() {
    Lease c(*this);
    auto s = c->run("SELECT school, year, version, member, school_key, accepted_at, accepted_by, received_at FROM relay_submission "
                    "ORDER BY school, year, version");
    std::vector<RelayAcceptance> out;
    for (int i = 0; i < s.rows(); ++i)
        out.push_back({s.text(i, 0), static_cast<int>(s.integer(i, 1)), static_cast<int>(s.integer(i, 2)), s.text(i, 3), s.text(i, 4),
                       s.text(i, 5), s.text(i, 6), s.text(i, 7)});
    return out;
}

void PostgresReceiverStore::set_upstream(const RelayUpstream& u) {
    write([&](Conn& c) {
        c.run("INSERT INTO relay_upstream(id, url, member, name, upstream_key, public_key, secret_key, enrolled_at, decisions_after, "
              "schools_sha256, last_ok, last_error) VALUES (1, $1, $2, $3, $4, $5, $6, $7, 0, NULL, NULL, NULL) "
              "ON CONFLICT (id) DO UPDATE SET url = excluded.url, member = excluded.member, name = excluded.name, "
              "upstream_key = excluded.upstream_key, public_key = excluded.public_key, secret_key = excluded.secret_key, "
              "enrolled_at = excluded.enrolled_at, decisions_after = 0, schools_sha256 = NULL, last_ok = NULL, last_error = NULL",
              u.url, u.member, u.name, u.upstream_key, u.key.public_key, u.key.secret_key, u.enrolled_at);
        // A new upstream has none of what the old one acknowledged.
        c.run("DELETE FROM relay_forwarded");
    });
}

std::optional<RelayUpstream> PostgresReceiverStore::upstream() {
    Lease c(*this);
    auto s = c->run("SELECT url, member, name, upstream_key, public_key, secret_key, enrolled_at, decisions_after, schools_sha256, "
                    "last_ok, last_error FROM relay_upstream WHERE id = 1");
    if (s.empty()) return std::nullopt;
    RelayUpstream u;
    u.url = s.text(0, 0);
    u.member = s.text(0, 1);
    u.name = s.text(0, 2);
    u.upstream_key = s.text(0, 3);
    u.key = {s.text(0, 4), s.text(0, 5)};
    u.enrolled_at = s.text(0, 6);
    u.decisions_after = s.integer(0, 7);
    u.schools_sha256 = s.optional_text(0, 8);
    u.last_ok = s.optional_text(0, 9);
    u.last_error = s.optional_text(0, 10);
    return u;
}

std::vector<ForwardedVersion> PostgresReceiverStore::forwarded() {
    Lease c(*this);
    auto s = c->run("SELECT school, year, version, sha256, forwarded_at FROM relay_forwarded ORDER BY school, year, version");
    std::vector<ForwardedVersion> out;
    for (int i = 0; i < s.rows(); ++i)
        out.push_back({s.text(i, 0), static_cast<int>(s.integer(i, 1)), static_cast<int>(s.integer(i, 2)), s.text(i, 3), s.text(i, 4)});
    return out;
}

void PostgresReceiverStore::mark_forwarded(const ForwardedVersion& v) {
    write([&](Conn& c) {
        c.run("INSERT INTO relay_forwarded(school, year, version, sha256, forwarded_at) VALUES ($1, $2, $3, $4, $5) "
              "ON CONFLICT (school, year, version) DO NOTHING",
              v.school, v.year, v.version, v.sha256, v.forwarded_at);
    });
}

void PostgresReceiverStore::upstream_outcome(const std::optional<std::string>& error, const std::string& now) {
    write([&](Conn& c) {
        if (error) c.run("UPDATE relay_upstream SET last_error = $1 WHERE id = 1", *error);
        else c.run("UPDATE relay_upstream SET last_ok = $1, last_error = NULL WHERE id = 1", now);
    });
}

void PostgresReceiverStore::set_schools_sha256(const std::string& sha256) {
    write([&](Conn& c) { c.run("UPDATE relay_upstream SET schools_sha256 = $1 WHERE id = 1", sha256); });
}

int PostgresReceiverStore::apply_upstream_decisions(const std::vector<protocol::InboxItem>& items, std::int64_t cursor,
                                                    const std::string& now) {
    const auto key = receiver_key();
    return write([&](Conn& c) {
        // The upstream row's lock: two forwarder passes (two processes) store each decision once.
        auto held = c.run("SELECT decisions_after FROM relay_upstream WHERE id = 1 FOR UPDATE");
        if (held.empty()) return 0;
        const auto after = held.integer(0, 0);
        int stored = 0;
        for (const auto& item : items) {
            if (item.seq <= after || item.kind != protocol::inbox::kDecision) continue;
            if (c.run("SELECT 1 FROM school WHERE code = $1", item.school).empty()) continue;
            insert_inbox_item(c, own_copy_of_upstream_decision(item), now, key);
            ++stored;
        }
        c.run("UPDATE relay_upstream SET decisions_after = GREATEST(decisions_after, $1) WHERE id = 1", cursor);
        return stored;
    });
}

}  // namespace jh::sync::receiver
