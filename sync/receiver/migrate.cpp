// migrate-store: a county's receiver store moved whole into another store; see migrate.hpp.
#include "sync/receiver/migrate.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <ostream>
#include <set>

#include "domain/audit_entry.hpp"
#include "sync/protocol/protocol.hpp"
#include "sync/receiver/receiver.hpp"

namespace jh::sync::receiver {
namespace {

namespace pr = protocol;

bool same_entry(const StoredEntry& a, const StoredEntry& b) {
    const auto& x = a.wire;
    const auto& y = b.wire;
    return a.stream == b.stream && a.hash == b.hash && a.flag == b.flag && a.received_at == b.received_at && x.seq == y.seq &&
           x.stub == y.stub && x.stub_hash == y.stub_hash && x.at == y.at && x.operator_name == y.operator_name &&
           x.table == y.table && x.action == y.action && x.old_json == y.old_json && x.new_json == y.new_json &&
           x.record_id == y.record_id && x.schema_version == y.schema_version;
}

// A decision as the school reads it, apart from its number and signature (the target stores
// it at another seq, under its own key).
bool same_decision(const pr::InboxItem& a, const pr::InboxItem& b) {
    return a.kind == b.kind && a.school == b.school && a.year == b.year && a.version == b.version && a.decision == b.decision &&
           a.text == b.text && a.by == b.by && a.at == b.at;
}

MoveCounts counts_of(const SchoolHistory& h) {
    MoveCounts c;
    c.schools = 1;
    c.codes = static_cast<std::int64_t>(h.codes.size());
    c.terminals = static_cast<std::int64_t>(h.terminals.size());
    c.streams = static_cast<std::int64_t>(h.streams.size());
    c.entries = static_cast<std::int64_t>(h.entries.size());
    c.live_records = static_cast<std::int64_t>(h.live.size());
    c.flags = static_cast<std::int64_t>(h.flags.size());
    c.submissions = static_cast<std::int64_t>(h.submissions.size());
    c.decisions = static_cast<std::int64_t>(h.decisions.size());
    c.upload_files = static_cast<std::int64_t>(h.upload_files.size());
    return c;
}

void add(MoveCounts& sum, const MoveCounts& c) {
    sum.schools += c.schools;
    sum.codes += c.codes;
    sum.terminals += c.terminals;
    sum.streams += c.streams;
    sum.entries += c.entries;
    sum.live_records += c.live_records;
    sum.flags += c.flags;
    sum.submissions += c.submissions;
    sum.decisions += c.decisions;
    sum.upload_files += c.upload_files;
}

// Every item of a school's inbox as its terminal reads it, page by page.
std::vector<pr::InboxItem> whole_inbox(const std::function<std::vector<pr::InboxItem>(std::int64_t)>& page) {
    std::vector<pr::InboxItem> out;
    for (std::int64_t after = 0;;) {
        const auto items = page(after);
        out.insert(out.end(), items.begin(), items.end());
        if (items.size() < pr::kMaxInboxItems) return out;
        after = items.back().seq;
    }
}

}  // namespace

std::string history_difference(const SchoolHistory& county, const SchoolHistory& moved) {
    if (county.code != moved.code) return "another school";
    for (std::size_t i = 0; i < county.terminals.size(); ++i)
        if (i >= moved.terminals.size() || moved.terminals[i].public_key != county.terminals[i].public_key)
            return "its terminals differ";
    for (const auto& s : county.streams) {
        const auto m = std::find_if(moved.streams.begin(), moved.streams.end(), [&](const auto& x) { return x.id == s.id; });
        if (m == moved.streams.end()) return "stream " + s.id + " is missing";
        if (m->tip.seq < s.tip.seq) return "stream " + s.id + " ends at seq " + std::to_string(m->tip.seq) + ", not " + std::to_string(s.tip.seq);
    }
    std::map<std::pair<std::string, std::int64_t>, const StoredEntry*> held;
    for (const auto& e : moved.entries) held[{e.stream, e.wire.seq}] = &e;
    for (const auto& e : county.entries) {
        const auto m = held.find({e.stream, e.wire.seq});
        if (m == held.end()) return "entry " + std::to_string(e.wire.seq) + " of stream " + e.stream + " is missing";
        if (!same_entry(e, *m->second)) return "entry " + std::to_string(e.wire.seq) + " of stream " + e.stream + " differs";
    }
    for (const auto& v : county.submissions) {
        const auto m = std::find_if(moved.submissions.begin(), moved.submissions.end(),
                                    [&](const auto& x) { return x.year == v.year && x.version == v.version; });
        if (m == moved.submissions.end())
            return "version " + std::to_string(v.version) + " of " + std::to_string(v.year) + " is missing";
        if (m->sha256 != v.sha256 || m->signature != v.signature || m->snapshot != v.snapshot || m->received_at != v.received_at)
            return "version " + std::to_string(v.version) + " of " + std::to_string(v.year) + " differs";
    }
    for (std::size_t i = 0; i < county.decisions.size(); ++i)
        if (i >= moved.decisions.size() || !same_decision(county.decisions[i], moved.decisions[i]))
            return "decision " + std::to_string(i + 1) + " differs or is missing";
    return "";
}

std::string chain_problem(const SchoolHistory& history) {
    for (const auto& s : history.streams) {
        pr::Batch batch;
        batch.school = history.code;
        batch.stream = s.id;
        batch.after = {0, domain::audit_genesis_hash()};
        batch.tip = s.tip;
        std::vector<std::string> stored;
        for (const auto& e : history.entries)
            if (e.stream == s.id) {
                batch.entries.push_back(e.wire);
                stored.push_back(e.hash);
            }
        if (static_cast<std::int64_t>(batch.entries.size()) != s.tip.seq)
            return "stream " + s.id + " holds " + std::to_string(batch.entries.size()) + " entries for a tip at seq " +
                   std::to_string(s.tip.seq);
        if (batch.entries.empty()) continue;
        try {
            if (pr::chain_hashes(batch) != stored) return "stream " + s.id + ": a stored hash is not the one recomputed";
        } catch (const pr::DecodeError& e) {
            return "stream " + s.id + ": " + e.what();
        }
    }
    return "";
}

MoveReport migrate_store(ReceiverStore& from, ReceiverStore& to, const MoveOptions& options, std::ostream& progress) {
    MoveReport report;
    const auto now = utc_now();
    const auto county_key = from.receiver_key();

    // ---- what cannot be moved: refused before anything is written ----
    if (!from.origins().empty())
        throw MoveRefused("the county's store holds schools it took in from another receiver (an earlier migrate-store): "
                          "move those from their own store instead");
    if (!from.members().empty() || !from.relay_schools().empty())
        throw MoveRefused("the source relays for other receivers (a city's store): migrate-store moves a county's own "
                          "schools only; move each county's store");
    if (county_key.public_key == to.receiver_key().public_key)
        throw MoveRefused("the source and the target are the same receiver (the same receiver key)");
    const auto schools = from.schools();
    if (schools.empty()) throw MoveRefused("the county's store holds no school: nothing to move");

    std::set<std::string> done;
    std::vector<std::string> conflicts;
    for (const auto& s : schools) {
        const auto held = to.school(s.code);
        if (!held) continue;
        const auto origin = to.school_origin(s.code);
        if (origin && origin->key.public_key == county_key.public_key) {
            const auto diff = history_difference(*from.school_history(s.code), *to.school_history(s.code));
            if (diff.empty()) {
                done.insert(s.code);
                continue;
            }
            conflicts.push_back("school " + s.code + " was moved from this county before, but the county's store holds more "
                                "or other data now (" + diff + ")");
        } else {
            conflicts.push_back("school " + s.code + " (" + held->name + ") is already registered at the target" +
                                (origin ? " (moved in from another receiver)" : ""));
        }
    }
    if (!conflicts.empty()) {
        std::string text = "nothing moved: ";
        for (std::size_t i = 0; i < conflicts.size(); ++i) text += (i ? "; " : "") + conflicts[i];
        throw MoveRefused(text);
    }

    // ---- the county's receiver key, its numbering and its packs ----
    std::vector<pr::InboxItem> packs;
    for (const auto& item : whole_inbox([&](std::int64_t after) { return from.inbox("", after, pr::kMaxInboxItems); }))
        if (item.kind == pr::inbox::kPack) packs.push_back(item);
    std::int64_t inbox_last = 0;
    for (const auto& p : packs) inbox_last = std::max(inbox_last, p.seq);
    for (const auto& d : from.decisions(std::nullopt)) inbox_last = std::max(inbox_last, d.seq);
    ReceiverOrigin wanted;
    wanted.key = county_key;
    wanted.source = options.source;
    wanted.inbox_last = inbox_last;
    wanted.began_at = now;
    const auto origin = to.begin_move(wanted, packs);
    if (origin.inbox_last != inbox_last)
        throw MoveRefused("the county's store changed since this move began (" + origin.began_at + "): its inbox then ended at " +
                          std::to_string(origin.inbox_last) + ", now at " + std::to_string(inbox_last) +
                          "; a county's receiver must be stopped while it is moved");
    report.packs = static_cast<int>(packs.size());

    // ---- staff accounts and deadlines: what the target lacks ----
    for (const auto& u : from.users()) {
        const auto hash = from.password_hash(u.name);
        if (!to.user(u.name)) {
            try {
                to.add_user(u, hash.value_or(""));
                ++report.users_added;
                continue;
            } catch (const std::invalid_argument&) {
                // Added by someone else meanwhile: the target's account stays.
            }
        }
        if (to.password_hash(u.name) != hash)
            report.notes.push_back("staff account " + u.name + ": the target has another account of that name, kept; the county's was not moved");
    }
    std::map<int, std::string> target_deadlines;
    for (const auto& d : to.deadlines()) target_deadlines[d.year] = d.date;
    for (const auto& d : from.deadlines()) {
        const auto held = target_deadlines.find(d.year);
        if (held == target_deadlines.end()) {
            to.set_deadline(d);
            ++report.deadlines_added;
        } else if (held->second != d.date) {
            report.notes.push_back("deadline of " + std::to_string(d.year) + ": the target's " + held->second +
                                   " kept (the county's was " + d.date + ")");
        }
    }
    if (const auto up = from.upstream())
        report.notes.push_back("the county relayed to " + up->url + " as " + up->member +
                               ": not moved (the target's own relay settings apply)");

    // ---- the schools, one transaction each ----
    for (const auto& s : schools) {
        if (done.count(s.code)) {
            ++report.already;
            progress << s.code << "  " << s.name << ": moved before\n";
            continue;
        }
        if (options.stop_after && report.moved >= *options.stop_after) {
            report.stopped = true;
            break;
        }
        const auto history = from.school_history(s.code);
        if (!history) continue;   // cannot happen: the county's receiver is stopped
        to.put_school_history(*history, county_key.public_key, utc_now());
        ++report.moved;
        progress << s.code << "  " << s.name << ": moved (" << history->entries.size() << " entries, "
                 << history->submissions.size() << " submission versions)\n";
    }
    if (!report.stopped) to.finish_move(county_key.public_key, utc_now());

    // ---- verified in the target ----
    const auto moved = to.moved_schools(county_key.public_key);
    const std::set<std::string> in_target(moved.begin(), moved.end());
    for (const auto& s : schools) {
        if (!in_target.count(s.code)) {
            if (!report.stopped) report.problems.push_back("school " + s.code + " is not recorded as moved");
            continue;
        }
        const auto county = from.school_history(s.code);
        const auto held = to.school_history(s.code);
        if (!county || !held) {
            report.problems.push_back("school " + s.code + " cannot be read back");
            continue;
        }
        add(report.source, counts_of(*county));
        add(report.target, counts_of(*held));
        if (auto d = history_difference(*county, *held); !d.empty()) report.problems.push_back("school " + s.code + ": " + d);
        if (auto c = chain_problem(*held); !c.empty()) report.problems.push_back("school " + s.code + ": " + c);
        if (signing_key(to, s.code).public_key != county_key.public_key)
            report.problems.push_back("school " + s.code + ": the target would not sign with the key its terminal pinned");
        // Its inbox as its terminal will read it: the county's items, same seqs and signatures.
        const auto was = whole_inbox([&](std::int64_t after) { return from.inbox(s.code, after, pr::kMaxInboxItems); });
        const auto now_read = whole_inbox([&](std::int64_t after) { return school_inbox(to, s.code, after, pr::kMaxInboxItems); });
        if (now_read.size() < was.size() || !std::equal(was.begin(), was.end(), now_read.begin()))
            report.problems.push_back("school " + s.code + ": its inbox as the terminal reads it differs from the county's");
    }
    return report;
}

protocol::InboxItem moved_inbox_item(protocol::InboxItem m, const ReceiverOrigin& origin, const protocol::KeyPair& key) {
    if (m.seq < 1 || m.seq > origin.inbox_last)
        throw std::runtime_error("inbox item " + std::to_string(m.seq) + " is beyond the county's last item (" +
                                 std::to_string(origin.inbox_last) +
                                 ") when the move began: the county's receiver was used after the move began");
    m.seq += origin.inbox_offset;
    protocol::sign_inbox_item(m, key.secret_key);
    return m;
}

}  // namespace jh::sync::receiver
