// The relay's forwarder: one pass (Forwarder::pass) and the thread `serve` runs it on; see
// forwarder.hpp and docs/sync-protocol.md "Relay".
#include "sync/receiver/forwarder.hpp"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "domain/audit_entry.hpp"
#include "sync/protocol/crypto.hpp"
#include "sync/protocol/relay.hpp"
#include "sync/receiver/receiver.hpp"
#include "sync/receiver/review.hpp"
#include "sync/transport/signed_exchange.hpp"

namespace jh::sync::receiver {

namespace pr = protocol;
namespace rl = protocol::relay;

namespace {

using Key = std::tuple<std::string, int, int>;   // school, year, version

// Everything a pass judges by, read once: every version held, every decision taken here (the
// review state rule is review_of's), the acceptances relayed by members, the deadlines.
struct Held {
    std::vector<StoredSubmission> versions;
    std::vector<Decision> decisions;
    std::set<Key> relayed_accepted;
    std::map<Key, RelayAcceptance> acceptances;
    std::map<int, std::string> deadlines;
    std::map<std::string, std::set<int>> years;   // school -> years with a version

    explicit Held(ReceiverStore& store)
        : versions(store.submissions(std::nullopt, false)), decisions(decisions_of(store, std::nullopt)) {
        for (auto& a : store.relay_acceptances()) {
            relayed_accepted.insert({a.school, a.year, a.version});
            acceptances[{a.school, a.year, a.version}] = a;
        }
        for (const auto& d : store.deadlines()) deadlines[d.year] = d.date;
        for (const auto& v : versions) years[v.school].insert(v.year);
    }
    std::optional<std::string> deadline(int year) const {
        auto it = deadlines.find(year);
        return it == deadlines.end() ? std::nullopt : std::optional(it->second);
    }
};

// The relay's word for a school year's state: review_of's, except that a latest version no one
// here decided on counts as accepted when a member relayed it as accepted.
std::string relay_review(const YearReview& review, const Held& held) {
    namespace rs = review_state;
    if (!review.submitted()) return std::string(rl::review::kNone);
    if (review.awaiting_review() && held.relayed_accepted.count({review.school, review.year, review.latest}))
        return std::string(rl::review::kAccepted);
    if (review.state == rs::kAccepted) return std::string(rl::review::kAccepted);
    if (review.state == rs::kReturned) return std::string(rl::review::kReturned);
    if (review.state == rs::kReopened) return std::string(rl::review::kReopened);
    return std::string(rl::review::kSubmitted);
}

std::string problem_message(const pr::HttpResponse& r) {
    try {
        auto p = pr::decode_problem_reply(r.body);
        return p.problem + ": " + p.message;
    } catch (const pr::DecodeError&) {
        return "HTTP " + std::to_string(r.status) + " with an unreadable body";
    }
}

}  // namespace

rl::Schools school_states(ReceiverStore& store, const std::string& member) {
    const Held held(store);
    std::map<std::string, RelaySchool> relayed;
    for (auto& r : store.relay_schools()) relayed[r.school] = r;
    const auto now = utc_now();

    rl::Schools out;
    out.member = member;
    for (const auto& s : store.schools()) {
        rl::SchoolState st;
        const auto r = relayed.find(s.code);
        if (r != relayed.end()) {
            if (!r->second.listed) continue;   // its member no longer lists it
            st = r->second.state;              // as the member reported it …
        } else {
            st.code = s.code;
            st.county = member;
            st.state = s.revoked ? "revoked" : "active";
            st.last_seen = s.last_seen.value_or("");
            st.review = std::string(rl::review::kNone);
        }
        st.name = s.name;
        if (auto y = held.years.find(s.code); y != held.years.end()) {   // … and as this receiver holds and decided it
            const auto review = review_of(s.code, *y->second.rbegin(), held.versions, held.decisions);
            st.year = review.year;
            st.version = review.latest;
            st.review = relay_review(review, held);
            if (r == relayed.end()) {
                const auto judged = lateness(review, held.deadline(review.year), now);
                st.late = judged.late || judged.overdue;
            }
        }
        out.schools.push_back(std::move(st));
    }
    return out;
}

std::vector<ToForward> to_forward(ReceiverStore& store) {
    const Held held(store);
    std::set<Key> sent;
    for (const auto& f : store.forwarded()) sent.insert({f.school, f.year, f.version});
    std::map<std::string, std::string> county_of;
    for (const auto& r : store.relay_schools()) county_of[r.school] = r.state.county;

    std::vector<ToForward> out;
    for (const auto& [school, years] : held.years)
        for (const int year : years) {
            const auto review = review_of(school, year, held.versions, held.decisions);
            const Key key{school, year, review.latest};
            if (sent.count(key) || relay_review(review, held) != rl::review::kAccepted) continue;
            ToForward f{school, year, review.latest, review.latest_version()->sha256, "", "", "", ""};
            if (const auto* d = review.latest_decision()) {
                f.accepted_at = d->at;
                f.accepted_by = d->by;
            }
            if (auto a = held.acceptances.find(key); a != held.acceptances.end()) {
                if (f.accepted_at.empty()) {
                    f.accepted_at = a->second.accepted_at;
                    f.accepted_by = a->second.accepted_by;
                }
                f.school_key = a->second.school_key;
            }
            if (auto c = county_of.find(school); c != county_of.end()) f.county = c->second;
            out.push_back(std::move(f));
        }
    return out;
}

Forwarder::Forwarder(ReceiverStore& store, transport::Transport& transport, Clock clock)
    : store_(store), transport_(transport), clock_(std::move(clock)) {}

ForwardPass Forwarder::pass() {
    ForwardPass out;
    const auto up = store_.upstream();
    if (!up) return out;
    out.configured = true;
    const auto send = [&](std::string method, std::string target, const std::string& json) {
        return transport::verified_exchange(
            transport_, up->url,
            transport::signed_request(std::move(method), std::move(target), rl::kHeaderMember, up->member, json, up->key.secret_key),
            up->upstream_key);
    };
    // Unreachable, unverified or busy: the pass stops, the thread backs off.
    const auto unreached = [&](const transport::VerifiedReply& reply) {
        if (reply.verified && reply.response.status != pr::kServiceUnavailable) return false;
        const auto error = reply.verified ? "the upstream is busy: " + problem_message(reply.response) : reply.error;
        out.reached = false;
        out.notes.push_back("relay: " + error);
        store_.upstream_outcome(error, clock_());
        return true;
    };
    std::optional<std::string> refused;

    // 1. Accepted versions not yet acknowledged, oldest school year first.
    for (const auto& f : to_forward(store_)) {
        const auto held = store_.submissions(f.school, true);
        const auto s = std::find_if(held.begin(), held.end(), [&](const auto& h) { return h.year == f.year && h.version == f.version; });
        if (s == held.end()) continue;
        rl::Submission m;
        m.member = up->member;
        m.county = f.county.empty() ? up->member : f.county;
        m.school = f.school;
        m.school_name = store_.school(f.school).value_or(SchoolInfo{}).name;
        m.year = f.year;
        m.version = f.version;
        m.sha256 = s->sha256;
        m.signature = s->signature;
        m.snapshot = s->snapshot;
        m.accepted_at = f.accepted_at;
        m.accepted_by = f.accepted_by;
        m.school_key = f.school_key;
        if (m.school_key.empty())
            for (const auto& k : store_.terminal_keys(f.school))
                if (pr::verify(m.snapshot, m.signature, k)) m.school_key = k;
        if (m.school_key.empty()) {
            out.notes.push_back("relay: school " + f.school + " year " + std::to_string(f.year) + " v" + std::to_string(f.version) +
                                ": no key of the school verifies its signature here; not forwarded");
            continue;
        }
        const auto reply = send("POST", std::string(rl::kPathSubmission), rl::encode(m));
        if (unreached(reply)) return out;
        const auto what = "school " + f.school + " year " + std::to_string(f.year) + " v" + std::to_string(f.version);
        if (reply.response.status == pr::kOk) {
            try {
                const auto ack = rl::decode_submission_reply(reply.response.body);
                if (ack.school != f.school || ack.year != f.year || ack.version != f.version)
                    throw pr::DecodeError("the reply acknowledges another version");
                store_.mark_forwarded({f.school, f.year, f.version, f.sha256, clock_()});
                ++out.forwarded;
                out.notes.push_back("relay: " + what + " forwarded to " + up->url + " (" + ack.result + ")");
            } catch (const pr::DecodeError& e) {
                refused = what + ": the upstream's reply cannot be read: " + e.what();
                out.notes.push_back("relay: " + *refused);
            }
        } else {
            refused = what + " refused by the upstream: " + problem_message(reply.response);
            out.notes.push_back("relay: " + *refused);
        }
    }

    // 2. The school list, when it changed since the upstream acknowledged it.
    const auto list = rl::encode(school_states(store_, up->member));
    const auto sha = domain::sha256_hex(list);
    if (up->schools_sha256 != sha) {
        const auto reply = send("POST", std::string(rl::kPathSchools), list);
        if (unreached(reply)) return out;
        if (reply.response.status == pr::kOk) {
            store_.set_schools_sha256(sha);
            out.schools_sent = true;
        } else {
            refused = "the school list was refused by the upstream: " + problem_message(reply.response);
            out.notes.push_back("relay: " + *refused);
        }
    }

    // 3. Decisions taken upstream, after the cursor, stored as this receiver's own inbox items.
    auto cursor = up->decisions_after;
    for (int round = 0; round < 50; ++round) {
        const auto reply = send("GET", std::string(rl::kPathDecisions) + "?" + std::string(pr::kQueryAfter) + "=" + std::to_string(cursor), "");
        if (unreached(reply)) return out;
        if (reply.response.status != pr::kOk) {
            refused = "the upstream refused to list its decisions: " + problem_message(reply.response);
            out.notes.push_back("relay: " + *refused);
            break;
        }
        pr::InboxReply items;
        try {
            items = pr::decode_inbox_reply(reply.response.body);
            for (const auto& item : items.items) {
                if (item.seq <= cursor) throw pr::DecodeError("the upstream's decisions are not after the cursor");
                if (!pr::verify_inbox_item(item, up->upstream_key))
                    throw pr::DecodeError("decision " + std::to_string(item.seq) + " is not signed by the upstream's key");
                cursor = item.seq;
            }
        } catch (const pr::DecodeError& e) {
            refused = std::string("the upstream's decisions were refused, nothing stored: ") + e.what();
            out.notes.push_back("relay: " + *refused);
            break;
        }
        if (items.items.empty()) break;
        const int stored = store_.apply_upstream_decisions(items.items, cursor, clock_());
        out.decisions += stored;
        for (const auto& item : items.items)
            out.notes.push_back("relay: decision from upstream: school " + item.school + " year " + std::to_string(item.year) + " v" +
                                std::to_string(item.version) + " " + item.decision);
        if (!items.more) break;
    }

    store_.upstream_outcome(refused, clock_());
    return out;
}

// ---- the thread ----

ForwarderThread::ForwarderThread(ReceiverStore& store, std::unique_ptr<transport::Transport> transport, std::ostream* log)
    : store_(store), transport_(std::move(transport)), log_(log) {
    thread_ = std::thread([this] { run(); });
}

ForwarderThread::~ForwarderThread() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
}

void ForwarderThread::run() {
    if (sodium_init() < 0) return;   // the jitter's randomness; every key operation before needed it too
    Forwarder forwarder(store_, *transport_, utc_now);
    int failures = 0;
    std::unique_lock lock(mutex_);
    while (!stop_) {
        lock.unlock();
        ForwardPass pass;
        try {
            pass = forwarder.pass();
        } catch (const std::exception& e) {   // the store failed: try again later, like unreachable
            pass.configured = true;
            pass.reached = false;
            pass.notes.push_back(std::string("relay: ") + e.what());
        }
        // While unreachable only the first failure is logged (serve's output stays short).
        if (log_ && (pass.reached || failures == 0))
            for (const auto& n : pass.notes) *log_ << "junheng-bureau: " << n << std::endl;
        auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(kPoll);
        if (pass.configured && !pass.reached) {
            ++failures;
            // 2 s, 4 s, 8 s … up to kMaxBackoff, each scaled by a random 50–100 %: receivers
            // that lost their city together do not come back in step.
            const auto ceiling = std::min<long long>(std::chrono::milliseconds(kMaxBackoff).count(),
                                                     std::chrono::milliseconds(kPoll).count() << std::min(failures - 1, 10));
            delay = std::chrono::milliseconds(ceiling / 2 + randombytes_uniform(static_cast<std::uint32_t>(ceiling / 2 + 1)));
        } else {
            failures = 0;
        }
        lock.lock();
        cv_.wait_for(lock, delay, [this] { return stop_; });
    }
}

}  // namespace jh::sync::receiver
