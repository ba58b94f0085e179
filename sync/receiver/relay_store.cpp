// SqliteReceiverStore's relay verbs (store.hpp "relay"; tables in schema/0005_relay.sql): the
// members relaying to this receiver and what they sent, and this receiver's own upstream.
#include <stdexcept>

#include "sync/receiver/relay.hpp"
#include "sync/receiver/sqlite_store.hpp"

namespace jh::sync::receiver {

namespace {

std::optional<RelayMember> select_member(Db& db, const std::string& code) {
    Stmt s(db, "SELECT code, name, added_at, public_key IS NOT NULL, last_seen FROM relay_member WHERE code = ?");
    s.bind(1, code);
    if (!s.step()) return std::nullopt;
    return RelayMember{s.text(0), s.text(1), s.text(2), s.integer(3) != 0, s.optional_text(4)};
}

// The member a school belongs to here, if relayed.
std::optional<std::string> holder_of(Db& db, const std::string& school) {
    Stmt s(db, "SELECT member FROM relay_school WHERE school = ?");
    s.bind(1, school);
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

// A school this receiver registered itself (not relayed) is never taken over by a member.
bool own_school(Db& db, const std::string& school) {
    Stmt s(db, "SELECT 1 FROM school WHERE code = ? AND NOT EXISTS (SELECT 1 FROM relay_school r WHERE r.school = school.code)");
    s.bind(1, school);
    return s.step();
}

void ensure_school(Db& db, const std::string& code, const std::string& name, const std::string& now) {
    Stmt(db, "INSERT INTO school(code, name, added_at) VALUES (?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name")
        .bind(1, code)
        .bind(2, name)
        .bind(3, now)
        .run();
}

}  // namespace

void SqliteReceiverStore::add_member(const std::string& code, const std::string& name, const std::string& code_hash,
                                     const std::string& now) {
    Lease db(*this);
    WriteTx tx(*db);
    if (select_member(*db, code)) throw std::invalid_argument("region " + code + " is already registered here");
    Stmt(*db, "INSERT INTO relay_member(code, name, added_at) VALUES (?, ?, ?)").bind(1, code).bind(2, name).bind(3, now).run();
    Stmt(*db, "INSERT INTO relay_member_code(member, code_hash, issued_at) VALUES (?, ?, ?)")
        .bind(1, code)
        .bind(2, code_hash)
        .bind(3, now)
        .run();
    tx.commit();
}

std::vector<RelayMember> SqliteReceiverStore::members() {
    Lease db(*this);
    Stmt s(*db, "SELECT code, name, added_at, public_key IS NOT NULL, last_seen FROM relay_member ORDER BY code");
    std::vector<RelayMember> out;
    while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.integer(3) != 0, s.optional_text(4)});
    return out;
}

std::optional<RelayMember> SqliteReceiverStore::enrol_member(const std::string& code_hash, const std::string& public_key,
                                                             const std::string& now) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt code(*db, "SELECT id, member FROM relay_member_code WHERE code_hash = ? AND used_at IS NULL");
    code.bind(1, code_hash);
    if (!code.step()) return std::nullopt;
    const auto id = code.integer(0);
    const auto member = code.text(1);
    Stmt(*db, "UPDATE relay_member_code SET used_at = ? WHERE id = ?").bind(1, now).bind(2, id).run();
    Stmt(*db, "UPDATE relay_member SET public_key = ?, enrolled_at = ?, last_seen = ? WHERE code = ?")
        .bind(1, public_key)
        .bind(2, now)
        .bind(3, now)
        .bind(4, member)
        .run();
    auto out = select_member(*db, member);
    tx.commit();
    return out;
}

std::optional<std::string> SqliteReceiverStore::member_key(const std::string& member) {
    Lease db(*this);
    Stmt s(*db, "SELECT public_key FROM relay_member WHERE code = ?");
    s.bind(1, member);
    if (!s.step()) return std::nullopt;
    return s.optional_text(0);
}

RelayStored SqliteReceiverStore::add_relayed_submission(const protocol::relay::Submission& m, const std::string& now) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt(*db, "UPDATE relay_member SET last_seen = ? WHERE code = ?").bind(1, now).bind(2, m.member).run();
    if (own_school(*db, m.school)) {
        tx.commit();
        return {RelayOutcome::OtherMember, "", "this receiver"};
    }
    if (auto holder = holder_of(*db, m.school); holder && *holder != m.member) {
        tx.commit();
        return {RelayOutcome::OtherMember, "", *holder};
    }
    Stmt held(*db, "SELECT sha256, received_at FROM submission WHERE school = ? AND year = ? AND version = ?");
    held.bind(1, m.school).bind(2, m.year).bind(3, m.version);
    if (held.step()) {
        const auto outcome = held.text(0) == m.sha256 ? RelayOutcome::Unchanged : RelayOutcome::Conflict;
        auto at = held.text(1);
        tx.commit();   // keeps last_seen
        return {outcome, at, ""};
    }
    ensure_school(*db, m.school, m.school_name, now);
    Stmt(*db,
         "INSERT INTO relay_school(school, member, county, state, last_seen, year, version, review, late, listed, reported_at) "
         "VALUES (?, ?, ?, 'active', NULL, ?, ?, 'accepted', 0, 1, ?) "
         "ON CONFLICT(school) DO UPDATE SET year = excluded.year, version = excluded.version, review = 'accepted' "
         "WHERE excluded.year > relay_school.year OR (excluded.year = relay_school.year AND excluded.version >= relay_school.version)")
        .bind(1, m.school)
        .bind(2, m.member)
        .bind(3, m.county)
        .bind(4, m.year)
        .bind(5, m.version)
        .bind(6, now)
        .run();
    Stmt(*db, "INSERT INTO submission(school, year, version, sha256, signature, snapshot, received_at) VALUES (?,?,?,?,?,?,?)")
        .bind(1, m.school)
        .bind(2, m.year)
        .bind(3, m.version)
        .bind(4, m.sha256)
        .bind(5, m.signature)
        .bind_blob(6, m.snapshot)
        .bind(7, now)
        .run();
    Stmt(*db,
         "INSERT INTO relay_submission(school, year, version, member, school_key, accepted_at, accepted_by, received_at) "
         "VALUES (?,?,?,?,?,?,?,?)")
        .bind(1, m.school)
        .bind(2, m.year)
        .bind(3, m.version)
        .bind(4, m.member)
        .bind(5, m.school_key)
        .bind(6, m.accepted_at)
        .bind(7, m.accepted_by)
        .bind(8, now)
        .run();
    tx.commit();
    return {RelayOutcome::Received, now, ""};
}

RelaySchoolsStored SqliteReceiverStore::put_member_schools(const protocol::relay::Schools& list, const std::string& now) {
    Lease db(*this);
    WriteTx tx(*db);
    RelaySchoolsStored out;
    for (const auto& s : list.schools) {
        if (own_school(*db, s.code)) out.other_member.push_back(s.code);
        else if (auto holder = holder_of(*db, s.code); holder && *holder != list.member) out.other_member.push_back(s.code);
    }
    if (!out.other_member.empty()) return out;   // rolled back: nothing stored
    Stmt(*db, "UPDATE relay_member SET last_seen = ? WHERE code = ?").bind(1, now).bind(2, list.member).run();
    Stmt(*db, "UPDATE relay_school SET listed = 0 WHERE member = ?").bind(1, list.member).run();
    Stmt upsert(*db,
                "INSERT INTO relay_school(school, member, county, state, last_seen, year, version, review, late, listed, reported_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10) "
                "ON CONFLICT(school) DO UPDATE SET county = ?3, state = ?4, last_seen = ?5, year = ?6, version = ?7, "
                "review = ?8, late = ?9, listed = 1, reported_at = ?10");
    Stmt last_seen(*db, "UPDATE school SET last_seen = ? WHERE code = ?");
    for (const auto& s : list.schools) {
        ensure_school(*db, s.code, s.name, now);
        const std::optional<std::string> seen = s.last_seen.empty() ? std::nullopt : std::optional(s.last_seen);
        upsert.bind(1, s.code).bind(2, list.member).bind(3, s.county).bind(4, s.state).bind(5, seen);
        upsert.bind(6, s.year).bind(7, s.version).bind(8, s.review).bind(9, s.late ? 1 : 0).bind(10, now);
        upsert.run();
        upsert.reset();
        last_seen.bind(1, seen).bind(2, s.code).run();
        last_seen.reset();
    }
    Stmt count(*db, "SELECT COUNT(*) FROM relay_school WHERE member = ? AND listed = 1");
    count.bind(1, list.member);
    count.step();
    out.count = static_cast<std::size_t>(count.integer(0));
    tx.commit();
    return out;
}

std::vector<RelaySchool> SqliteReceiverStore::relay_schools() {
    Lease db(*this);
    Stmt s(*db,
           "SELECT r.school, r.member, s.name, r.county, r.state, r.last_seen, r.year, r.version, r.review, r.late, r.listed "
           "FROM relay_school r JOIN school s ON s.code = r.school ORDER BY r.member, r.school");
    std::vector<RelaySchool> out;
    while (s.step()) {
        RelaySchool r;
        r.school = s.text(0);
        r.member = s.text(1);
        r.state = {s.text(0), s.text(2), s.text(3), s.text(4), s.optional_text(5).value_or(""),
                   static_cast<int>(s.integer(6)), static_cast<int>(s.integer(7)), s.text(8), s.integer(9) != 0};
        r.listed = s.integer(10) != 0;
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<RelayAcceptance> SqliteReceiverStore::relay_acceptances() {
    Lease db(*this);
    Stmt s(*db,
           "SELECT school, year, version, member, school_key, accepted_at, accepted_by, received_at FROM relay_submission "
           "ORDER BY school, year, version");
    std::vector<RelayAcceptance> out;
    while (s.step())
        out.push_back({s.text(0), static_cast<int>(s.integer(1)), static_cast<int>(s.integer(2)), s.text(3), s.text(4), s.text(5),
                       s.text(6), s.text(7)});
    return out;
}

void SqliteReceiverStore::set_upstream(const RelayUpstream& u) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt(*db,
         "INSERT OR REPLACE INTO relay_upstream(id, url, member, name, upstream_key, public_key, secret_key, enrolled_at, "
         "decisions_after, schools_sha256, last_ok, last_error) VALUES (1, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, NULL)")
        .bind(1, u.url)
        .bind(2, u.member)
        .bind(3, u.name)
        .bind(4, u.upstream_key)
        .bind(5, u.key.public_key)
        .bind(6, u.key.secret_key)
        .bind(7, u.enrolled_at)
        .run();
    // A new upstream has none of what the old one acknowledged.
    Stmt(*db, "DELETE FROM relay_forwarded").run();
    tx.commit();
}

std::optional<RelayUpstream> SqliteReceiverStore::upstream() {
    Lease db(*this);
    Stmt s(*db,
           "SELECT url, member, name, upstream_key, public_key, secret_key, enrolled_at, decisions_after, schools_sha256, "
           "last_ok, last_error FROM relay_upstream WHERE id = 1");
    if (!s.step()) return std::nullopt;
    RelayUpstream u;
    u.url = s.text(0);
    u.member = s.text(1);
    u.name = s.text(2);
    u.upstream_key = s.text(3);
    u.key = {s.text(4), s.text(5)};
    u.enrolled_at = s.text(6);
    u.decisions_after = s.integer(7);
    u.schools_sha256 = s.optional_text(8);
    u.last_ok = s.optional_text(9);
    u.last_error = s.optional_text(10);
    return u;
}

std::vector<ForwardedVersion> SqliteReceiverStore::forwarded() {
    Lease db(*this);
    Stmt s(*db, "SELECT school, year, version, sha256, forwarded_at FROM relay_forwarded ORDER BY school, year, version");
    std::vector<ForwardedVersion> out;
    while (s.step()) out.push_back({s.text(0), static_cast<int>(s.integer(1)), static_cast<int>(s.integer(2)), s.text(3), s.text(4)});
    return out;
}

void SqliteReceiverStore::mark_forwarded(const ForwardedVersion& v) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt(*db, "INSERT OR IGNORE INTO relay_forwarded(school, year, version, sha256, forwarded_at) VALUES (?, ?, ?, ?, ?)")
        .bind(1, v.school)
        .bind(2, v.year)
        .bind(3, v.version)
        .bind(4, v.sha256)
        .bind(5, v.forwarded_at)
        .run();
    tx.commit();
}

void SqliteReceiverStore::upstream_outcome(const std::optional<std::string>& error, const std::string& now) {
    Lease db(*this);
    WriteTx tx(*db);
    if (error) Stmt(*db, "UPDATE relay_upstream SET last_error = ? WHERE id = 1").bind(1, *error).run();
    else Stmt(*db, "UPDATE relay_upstream SET last_ok = ?, last_error = NULL WHERE id = 1").bind(1, now).run();
    tx.commit();
}

void SqliteReceiverStore::set_schools_sha256(const std::string& sha256) {
    Lease db(*this);
    WriteTx tx(*db);
    Stmt(*db, "UPDATE relay_upstream SET schools_sha256 = ? WHERE id = 1").bind(1, sha256).run();
    tx.commit();
}

int SqliteReceiverStore::apply_upstream_decisions(const std::vector<protocol::InboxItem>& items, std::int64_t cursor,
                                                  const std::string& now) {
    const auto key = receiver_key();   // before the transaction: it may need its own write
    Lease db(*this);
    WriteTx tx(*db);
    Stmt held_cursor(*db, "SELECT decisions_after FROM relay_upstream WHERE id = 1");
    if (!held_cursor.step()) return 0;
    const auto after = held_cursor.integer(0);   // another pass may have stored some already
    Stmt known(*db, "SELECT 1 FROM school WHERE code = ?");
    int stored = 0;
    for (const auto& item : items) {
        if (item.seq <= after || item.kind != protocol::inbox::kDecision) continue;
        known.bind(1, item.school);
        const bool here = known.step();
        known.reset();
        if (!here) continue;
        insert_inbox_item(*db, own_copy_of_upstream_decision(item), now, key);
        ++stored;
    }
    Stmt(*db, "UPDATE relay_upstream SET decisions_after = MAX(decisions_after, ?) WHERE id = 1").bind(1, cursor).run();
    tx.commit();
    return stored;
}

std::vector<std::string> SqliteReceiverStore::terminal_keys(const std::string& school) {
    Lease db(*this);
    Stmt s(*db, "SELECT public_key FROM terminal WHERE school = ? ORDER BY id DESC");
    s.bind(1, school);
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
}

}  // namespace jh::sync::receiver
