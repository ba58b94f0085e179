// `junheng status [--json]`: this terminal's sync state, and what the receiver holds when it
// can be reached.
#include <nlohmann/json.hpp>

#include <ostream>

#include "domain/school_year.hpp"
#include "cli/store_access.hpp"
#include "cli/sync_common.hpp"
#include "store/store.hpp"
#include "sync/transport/curl_transport.hpp"

namespace jh::cli {
namespace {

using Json = nlohmann::ordered_json;

Json to_json(const sync::client::Status& s) {
    Json j;
    j["enrolled"] = s.enrolled;
    j["server"] = s.receiver_url;
    j["unencrypted"] = s.unencrypted;
    j["school"] = s.school;
    j["stream"] = s.stream;
    j["local_seq"] = s.local_seq;
    j["acked_seq"] = s.acked_seq ? Json(*s.acked_seq) : Json(nullptr);
    j["pending"] = s.pending;
    j["last_reply_at"] = s.last_reply_at;
    j["last_error"] = s.last_error;
    Json subs = Json::array();
    for (const auto& sub : s.submissions)
        subs.push_back({{"year", sub.year},
                        {"version", sub.version},
                        {"sha256", sub.sha256},
                        {"created_at", sub.created_at},
                        {"delivered", sub.delivered()},
                        {"received_at", sub.received_at}});
    j["submissions"] = std::move(subs);
    Json reviews = Json::array();
    for (const auto& r : s.reviews)
        reviews.push_back({{"year", r.year},
                           {"version", r.version},
                           {"delivered", r.delivered},
                           {"state", r.state},
                           {"text", r.text},
                           {"by", r.by},
                           {"at", r.at}});
    j["reviews"] = std::move(reviews);
    if (s.remote) {
        Json r;
        r["name"] = s.remote->name;
        r["state"] = s.remote->state;
        r["stream"] = s.remote->stream;
        r["tip_seq"] = s.remote->tip.seq;
        r["last_seen"] = s.remote->last_seen;
        r["receiver_time"] = s.remote->receiver_time;
        Json rs = Json::array();
        for (const auto& sub : s.remote->submissions)
            rs.push_back({{"year", sub.year}, {"version", sub.version}, {"sha256", sub.sha256}, {"received_at", sub.received_at}});
        r["submissions"] = std::move(rs);
        j["receiver"] = std::move(r);
    } else {
        j["receiver"] = nullptr;
    }
    j["receiver_error"] = s.remote_error;
    return j;
}

// One line per submitted year: its latest version's review state, then the comment (or the
// reopening's reason) on a line of its own, as the bureau wrote it.
void print_review(std::ostream& out, const sync::client::ReviewInfo& r) {
    out << "review " << domain::school_year_span_en(r.year) << " v" << r.version << ": ";
    if (r.state == "submitted")
        out << (r.delivered ? "submitted, awaiting the bureau's review" : "submitted, not yet delivered");
    else out << r.state << " by " << (r.by.empty() ? "the bureau" : r.by) << " at " << r.at << " (receiver time)";
    if (r.state == "returned") out << ": edit the year and submit again (version " << r.version + 1 << ")";
    if (r.state == "reopened") out << ": the year is open for editing again";
    out << "\n";
    if (!r.text.empty()) out << "  " << (r.state == "reopened" ? "reason" : "comment") << ": " << r.text << "\n";
}

void print_text(std::ostream& out, const sync::client::Status& s) {
    if (!s.enrolled) out << "enrolled: no (run `junheng enroll --server URL --code CODE`)\n";
    else out << "enrolled: yes, receiver " << s.receiver_url << (s.unencrypted ? " (http://: NOT encrypted)" : "") << "\n";
    out << "school: " << (s.school.empty() ? "(no profile yet)" : s.school) << "\n";
    out << "stream: " << s.stream << "\n";
    out << "local log: seq " << s.local_seq << "; acknowledged: "
        << (s.acked_seq ? "seq " + std::to_string(*s.acked_seq) : std::string("unknown (not synced yet)")) << "; pending "
        << s.pending << "\n";
    if (!s.last_reply_at.empty()) out << "last receiver reply: " << s.last_reply_at << " (receiver time)\n";
    if (!s.last_error.empty()) out << "last error: " << s.last_error << "\n";
    for (const auto& sub : s.submissions)
        out << "submission " << domain::school_year_span_en(sub.year) << " v" << sub.version << ": "
            << (sub.delivered() ? "delivered, received " + sub.received_at : std::string("pending")) << "\n";
    for (const auto& r : s.reviews) print_review(out, r);
    if (s.remote) {
        out << "receiver: " << s.remote->name << ", " << s.remote->state << ", holds seq " << s.remote->tip.seq
            << ", last seen " << s.remote->last_seen << ", " << s.remote->submissions.size() << " submission(s)\n";
    } else if (!s.remote_error.empty()) {
        out << "receiver: not reached (" << s.remote_error << ")\n";
    }
}

int run_status(Context& ctx) {
    const bool json = ctx.args.flag("--json");
    ctx.args.finish();
    auto store = open_store(ctx);
    auto transport = sync::transport::make_curl_transport();
    sync::client::Client client(store, *transport);
    const auto status = client.status(true);
    if (json) ctx.out << to_json(status).dump(2) << "\n";
    else print_text(ctx.out, status);
    return 0;
}

}  // namespace

extern const Command status_command{
    "status", "this terminal's sync state (and the receiver's, when reachable)",
    "Usage: junheng [--db PATH] status [--json]\n"
    "\n"
    "Shows whether the terminal is enrolled and with which receiver, this database's stream, the\n"
    "local log's last seq, the last acknowledged seq and how many changes are pending, every\n"
    "frozen submission (delivered or pending), each submitted year's review state (submitted,\n"
    "returned, accepted, reopened; who decided and when, in receiver time) with the bureau's\n"
    "comment, the last error, and — when the receiver answers with its signature — what it\n"
    "holds of this school. --json prints the same as one JSON\n"
    "object (keys in README.md, \"junheng status --json\").\n"
    "\n"
    "Exit status: 0 shown (also when the receiver is unreachable: see receiver_error); 1 the\n"
    "database cannot be opened; 2 usage error.\n",
    run_status};

}  // namespace jh::cli
