// The sync client (client.hpp): enrolment, the outbox delivered batch by batch under `plan`,
// frozen submissions, status. Every reply is verified against the pinned receiver key before
// anything local changes; a reply that does not verify is "unreachable".
#include "sync/client/client.hpp"

#include <algorithm>

#include "exchange/snapshot.hpp"
#include "sync/client/inbox.hpp"
#include "store/store.hpp"
#include "sync/protocol/crypto.hpp"
#include "sync/client/requests.hpp"
#include "sync/transport/signed_exchange.hpp"

namespace jh::sync::client {
namespace {

using protocol::HttpRequest;
using protocol::HttpResponse;
using protocol::Link;

// Bounds one inbox fetch: pages of at most kMaxInboxItems; a receiver that keeps saying "more"
// beyond this is asked again at the next run.
constexpr int kMaxInboxPages = 50;
// How often sync() asks for the inbox by itself (InboxFetch::WhenDue): an edit synced within a
// minute of the last fetch stays one round trip.
constexpr auto kInboxEvery = std::chrono::seconds(60);

// Bounds one run: every batch moves the ack forward, so a run needs about pending/2000 batches
// plus a few tip queries and at most one new stream; more steps mean the receiver misbehaves.
constexpr int kMaxExtraSteps = 20;

bool is_unencrypted(const std::string& url) { return url.rfind("http://", 0) == 0; }

std::string normalised_url(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

// One exchange, verified: `verified` only when a reply came back whose Junheng-Reply-Signature
// verifies with `receiver_key` for this request's signature.
struct Exchange {
    bool verified = false;
    HttpResponse response;
    std::string error;   // English, when not verified
};

Exchange round_trip(transport::Transport& transport, const std::string& url, const HttpRequest& request,
                  const std::string& receiver_key) {
    Exchange out;
    auto result = transport.send(url, request);
    if (!result.delivered) {
        out.error = "the receiver at " + url + " could not be reached: " + result.error;
        return out;
    }
    const auto signature = protocol::header_value(result.response.headers, protocol::kHeaderReplySignature);
    const auto request_signature =
        protocol::header_value(request.headers, protocol::kHeaderSignature).value_or("-");
    if (!signature ||
        !protocol::verify(protocol::reply_signed_text(result.response.status, request_signature, result.response.body),
                          *signature, receiver_key)) {
        out.error = "the answer from " + url + " (HTTP " + std::to_string(result.response.status) +
                    ") is not signed by the enrolled receiver (a login page, a proxy or another server?)";
        return out;
    }
    out.verified = true;
    out.response = std::move(result.response);
    return out;
}

// A verified refusal as planning sees it.
Reply refusal_of(const HttpResponse& r) {
    Reply reply;
    reply.kind = Reply::Kind::Refused;
    try {
        auto problem = protocol::decode_problem_reply(r.body);
        reply.problem = problem.problem;
        reply.message = problem.message;
        if (problem.tip) reply.link = *problem.tip;
        if (r.status == protocol::kPreconditionFailed && problem.problem == protocol::problem::kGap) {
            if (!problem.tip) throw protocol::DecodeError("a gap reply without the receiver's tip");
            reply.kind = Reply::Kind::Gap;
        } else if (r.status == protocol::kConflict && problem.problem == protocol::problem::kFork) {
            reply.kind = Reply::Kind::Fork;
        } else if (r.status == protocol::kServiceUnavailable) {
            reply.kind = Reply::Kind::Busy;
        }
    } catch (const protocol::DecodeError& e) {
        reply.kind = r.status == protocol::kServiceUnavailable ? Reply::Kind::Busy : Reply::Kind::Refused;
        reply.problem = std::string(protocol::problem::kMalformed);
        reply.message = "HTTP " + std::to_string(r.status) + " with an unreadable body: " + e.what();
    }
    return reply;
}

// One exchange as planning sees it: unreachable (no verified reply), a refusal, or what `read`
// makes of a 200 body; a DecodeError there is a malformed reply, named by `what`.
template <class Read> Reply reply_of(const Exchange& ex, const char* what, Read&& read) {
    Reply reply;
    if (!ex.verified) {
        reply.message = ex.error;
        return reply;
    }
    if (ex.response.status != protocol::kOk) return refusal_of(ex.response);
    try {
        read(reply);
    } catch (const protocol::DecodeError& e) {
        return Reply{Reply::Kind::Refused, {}, "malformed", std::string("the ") + what + " cannot be read: " + e.what()};
    }
    return reply;
}

domain::Message words_for(Outcome outcome, const std::string& problem, const std::string& detail_en) {
    if (outcome == Outcome::Unreachable)
        return {"暂时连不上教育局的接收服务器，数据已保存在本机，稍后会自动重试。（" + detail_en + "）",
                "the bureau's receiver is unreachable; everything stays saved here and pending (" + detail_en + ")"};
    namespace p = protocol::problem;
    std::string zh;
    if (problem == p::kRevoked) zh = "本终端已被教育局停用（学校可能已更换终端）。请向教育局索取新的注册码后重新注册。";
    else if (problem == p::kVersion) zh = "教育局的接收服务器不接受本程序的协议版本，请升级均衡填报系统。";
    else if (problem == p::kCredential) zh = "教育局的接收服务器不认可本终端的身份，请重新注册。";
    else if (problem == p::kWrongSchool) zh = "教育局的接收服务器认为这些数据属于另一所学校，已停止同步，请联系教育局。";
    else if (problem == p::kEnrolmentCode) zh = "注册码无效、已使用或不属于本校，请向教育局核对。";
    else if (problem == p::kFork) zh = "本机数据与教育局保存的数据出现无法自动解决的分叉，已停止同步，请联系教育局。";
    else if (problem == p::kSubmissionConflict) zh = "教育局已收到同一版本号但内容不同的上报数据，已停止，请联系教育局。";
    else if (problem == "not_enrolled") zh = "本终端尚未注册到教育局，请先填写教育局地址和注册码进行注册。";
    else zh = "同步被教育局的接收服务器拒绝，已停止：" + detail_en;
    return {zh, detail_en};
}

Report finish(Report report, Outcome outcome, const std::string& problem, domain::Message message) {
    report.outcome = outcome;
    report.problem = problem;
    report.message = std::move(message);
    return report;
}

Report finish(Report report, Outcome outcome, const std::string& problem, const std::string& detail_en) {
    report.outcome = outcome;
    report.problem = problem;
    report.message = words_for(outcome, problem, detail_en);
    return report;
}

}  // namespace

std::string_view outcome_word(Outcome outcome) {
    switch (outcome) {
    case Outcome::Delivered: return "delivered";
    case Outcome::Unreachable: return "unreachable";
    case Outcome::Fatal: return "fatal";
    }
    return "fatal";
}

HttpRequest make_request(std::string method, std::string target, const std::string& school, const std::string& json,
                         const std::string& secret_key) {
    return transport::signed_request(std::move(method), std::move(target), protocol::kHeaderSchool, school, json,
                                     secret_key);
}

HttpRequest batch_request(store::Store& store, const std::string& school, const std::string& stream, const Link& from,
                          const std::string& secret_key, Link& tip) {
    std::size_t limit = protocol::kMaxEntriesPerBatch;
    while (true) {
        const auto feed = store.feed_since(from.seq, limit);
        protocol::Batch batch;
        batch.school = school;
        batch.stream = stream;
        batch.after = from;
        for (const auto& f : feed) batch.entries.push_back(protocol::to_wire(f.entry, f.schema_version));
        batch.tip = feed.empty() ? from : Link{feed.back().entry.seq, feed.back().entry.hash};
        auto request = make_request("POST", std::string(protocol::kPathBatch), school, protocol::encode(batch), secret_key);
        if (request.body.size() <= protocol::kMaxRequestBytes || limit == 1) {
            tip = batch.tip;
            return request;
        }
        limit /= 2;
    }
}

Client::Client(store::Store& store, transport::Transport& transport) : store_(store), transport_(transport) {}

Report Client::enrol(const std::string& raw_url, const std::string& code) {
    Report report;
    const std::string url = normalised_url(raw_url);
    report.unencrypted = is_unencrypted(url);
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
        return finish(report, Outcome::Fatal, "local",
                      domain::Message{"教育局地址应以 https:// 或 http:// 开头：" + raw_url,
                                      "the receiver address must start with https:// or http://, got '" + raw_url + "'"});
    const auto school = store_.school();
    if (!school)
        return finish(report, Outcome::Fatal, "local",
                      domain::Message{"还没有学校基本信息，请先填写学校信息再注册",
                                      "the database has no school profile yet (run `junheng init` first)"});
    const auto key = load_or_create_key(store_.path());

    // Learn the receiver's key from its hello, then require the enrolment reply (success or
    // refusal) to be signed by that key and to name it: a page in between proves nothing.
    HttpRequest hello;
    hello.method = "GET";
    hello.target = std::string(protocol::kPathHello);
    // The school as a hint: a receiver that took this school in from another (junheng-bureau
    // migrate-store) answers with the key it signs for the school with (docs/postgresql.md).
    hello.headers.emplace(std::string(protocol::kHeaderSchool), school->code);
    auto sent = transport_.send(url, hello);
    if (!sent.delivered) return finish(report, Outcome::Unreachable, "unreachable", sent.error);
    std::string receiver_key;
    try {
        receiver_key = protocol::decode_hello_reply(sent.response.body).receiver_key;
    } catch (const protocol::DecodeError&) {
        return finish(report, Outcome::Unreachable, "unverified",
                      url + " did not answer as a Junheng receiver (HTTP " + std::to_string(sent.response.status) + ")");
    }
    const auto hello_signature = protocol::header_value(sent.response.headers, protocol::kHeaderReplySignature);
    if (!protocol::is_public_key(receiver_key) || !hello_signature ||
        !protocol::verify(protocol::reply_signed_text(sent.response.status, "-", sent.response.body), *hello_signature,
                          receiver_key))
        return finish(report, Outcome::Unreachable, "unverified", url + " did not answer with a signed receiver greeting");

    protocol::EnrolRequest request{school->code, code, key.public_key};
    auto ex = round_trip(transport_, url,
                       make_request("POST", std::string(protocol::kPathEnrol), school->code, protocol::encode(request),
                                    key.secret_key),
                       receiver_key);
    if (!ex.verified) return finish(report, Outcome::Unreachable, "unverified", ex.error);
    if (ex.response.status != protocol::kOk) {
        auto refusal = refusal_of(ex.response);
        if (refusal.kind == Reply::Kind::Busy) return finish(report, Outcome::Unreachable, "busy", refusal.message);
        return finish(report, Outcome::Fatal, refusal.problem, "enrolment refused: " + refusal.message);
    }
    protocol::EnrolReply reply;
    try {
        reply = protocol::decode_enrol_reply(ex.response.body);
    } catch (const protocol::DecodeError& e) {
        return finish(report, Outcome::Fatal, "malformed", std::string("the enrolment reply cannot be read: ") + e.what());
    }
    if (reply.receiver_key != receiver_key || reply.school != school->code)
        return finish(report, Outcome::Fatal, "malformed", "the enrolment reply names another key or school");
    store_.set_enrolment(url, receiver_key);
    store_.set_sync_result("", reply.receiver_time);
    report.receiver_time = reply.receiver_time;
    report.pending = store_.count_since(0);
    report.message = {"已注册到教育局：" + reply.name + "（" + url + "）", "enrolled with " + url + " as " + reply.school + " " + reply.name};
    return report;
}

Report Client::sync(bool confirm_tip, InboxFetch inbox) {
    Report report = deliver(confirm_tip);
    const auto now = std::chrono::steady_clock::now();
    const bool due = inbox == InboxFetch::Always || !last_inbox_ || now - *last_inbox_ >= kInboxEvery;
    if (report.outcome == Outcome::Delivered && due) fetch_inbox(report);
    return report;
}

void Client::fetch_inbox(Report& report) {
    const auto state = store_.sync_state();
    const auto key = load_key(store_.path());
    const auto school = store_.school();
    if (!state.enrolled() || !key || !school) return;
    std::int64_t after = store_.inbox_cursor(state.receiver_key);
    for (int page = 0; page < kMaxInboxPages; ++page) {
        auto ex = round_trip(transport_, state.receiver_url,
                             make_request("GET",
                                          std::string(protocol::kPathInbox) + "?" + std::string(protocol::kQueryAfter) +
                                              "=" + std::to_string(after),
                                          school->code, "", key->secret_key),
                             state.receiver_key);
        if (!ex.verified) {
            report.inbox_error = ex.error;
            return;
        }
        if (ex.response.status != protocol::kOk) {
            report.inbox_error = refusal_of(ex.response).message;
            return;
        }
        protocol::InboxReply reply;
        try {
            reply = protocol::decode_inbox_reply(ex.response.body);
        } catch (const protocol::DecodeError& e) {
            report.inbox_error = std::string("the inbox reply cannot be read: ") + e.what();
            return;
        }
        auto outcome = apply_inbox(store_, reply.items);
        report.inbox.applied += outcome.applied;
        report.inbox.ignored += outcome.ignored;
        report.inbox.refused += outcome.refused;
        for (auto& note : outcome.notes) report.inbox.notes.push_back(std::move(note));
        if (!reply.receiver_time.empty()) report.receiver_time = reply.receiver_time;
        // Asked again after the last seq of this page, held or not: a refused item is not asked
        // for in a loop, and the receiver's seqs must move forward.
        std::int64_t last = after;
        for (const auto& item : reply.items) last = std::max(last, item.seq);
        if (!reply.more || last <= after) break;
        after = last;
    }
    last_inbox_ = std::chrono::steady_clock::now();
}

Report Client::deliver(bool confirm_tip) {
    Report report;
    const auto state0 = store_.sync_state();
    report.unencrypted = is_unencrypted(state0.receiver_url);
    auto done = [&](Report r, Outcome outcome, const std::string& problem, const std::string& detail) {
        r.pending = store_.count_since(store_.sync_state().acked_seq.value_or(0));
        for (const auto& s : store_.submissions()) r.submissions_pending += s.received_at.empty() ? 1 : 0;
        store_.set_sync_result(outcome == Outcome::Delivered ? "" : detail, r.receiver_time);
        if (outcome == Outcome::Delivered) {
            r.outcome = outcome;
            r.message = {r.entries_delivered ? "已同步 " + std::to_string(r.entries_delivered) + " 条修改" : "没有待同步的修改",
                         r.entries_delivered ? std::to_string(r.entries_delivered) + " changes delivered"
                                             : "nothing pending: the receiver holds every change"};
            return r;
        }
        return finish(r, outcome, problem, detail);
    };
    const auto key = load_key(store_.path());
    const auto school = store_.school();
    if (state0.receiver_url.empty() && !state0.receiver_key.empty())
        return finish(report, Outcome::Fatal, "by_file",
                      domain::Message{"本终端通过U盘文件与教育局同步（没有网络地址）：请使用“导出到U盘”和“从U盘导入”",
                                      "this terminal is enrolled by file (no receiver URL): use `junheng sync --to-file PATH` "
                                      "and `junheng sync --from-file PATH`"});
    if (!state0.enrolled() || !key || !school)
        return done(report, Outcome::Fatal, "not_enrolled", "this terminal is not enrolled (run `junheng enroll`)");

    ClientState cs;
    std::optional<Reply> reply;
    const int max_steps = kMaxExtraSteps +
                          static_cast<int>(2 * store_.count_since(0) / protocol::kMaxEntriesPerBatch);
    for (int step = 0; step < max_steps; ++step) {
        const auto st = store_.sync_state();
        cs.stream = st.stream;
        cs.acked.reset();
        if (st.acked_seq && !(confirm_tip && step == 0)) cs.acked = Link{*st.acked_seq, st.acked_hash};
        const auto [tip_seq, tip_hash] = store_.audit_tip();
        cs.local_tip = Link{tip_seq, tip_hash};
        cs.local_at_reply.reset();
        if (reply) {
            if (reply->link.seq == 0) cs.local_at_reply = Link{0, domain::audit_genesis_hash()};
            else if (auto e = store_.audit_entry(reply->link.seq)) cs.local_at_reply = Link{e->seq, e->hash};
        }
        // A verified ack of a link this log holds is recorded before deciding what follows.
        if (reply && reply->kind == Reply::Kind::Acked && cs.local_at_reply == reply->link) {
            const auto before = cs.acked ? cs.acked->seq : 0;
            if (store_.set_acked(cs.stream, reply->link.seq, reply->link.hash, report.receiver_time)) {
                report.entries_delivered += std::max<std::int64_t>(0, reply->link.seq - before);
                cs.acked = reply->link;
            }
        }
        const Action action = plan(cs, reply);
        switch (action.kind) {
        case Action::Kind::Done: return done(report, Outcome::Delivered, "", "");
        case Action::Kind::Retry: return done(report, Outcome::Unreachable, action.problem, action.message);
        case Action::Kind::Fatal: return done(report, Outcome::Fatal, action.problem, action.message);
        case Action::Kind::NewStream:
            store_.start_new_stream();
            ++cs.new_streams_this_run;
            report.new_stream = true;
            reply.reset();
            continue;
        case Action::Kind::QueryTip: {
            auto ex = round_trip(transport_, state0.receiver_url,
                               make_request("GET", std::string(protocol::kPathTip) + "?" + std::string(protocol::kQueryStream) +
                                                       "=" + cs.stream,
                                            school->code, "", key->secret_key),
                               state0.receiver_key);
            reply = reply_of(ex, "tip reply", [&](Reply& r) {
                auto tip = protocol::decode_tip_reply(ex.response.body);
                if (tip.stream != cs.stream) throw protocol::DecodeError("the tip reply names another stream");
                r.kind = Reply::Kind::Tip;
                r.link = tip.tip;
                report.receiver_time = tip.receiver_time;
            });
            continue;
        }
        case Action::Kind::SendBatch: {
            [[maybe_unused]] Link batch_tip;
            const HttpRequest request = batch_request(store_, school->code, cs.stream, action.from, key->secret_key, batch_tip);
            auto ex = round_trip(transport_, state0.receiver_url, request, state0.receiver_key);
            reply = reply_of(ex, "acknowledgement", [&](Reply& r) {
                auto ack = protocol::decode_batch_reply(ex.response.body);
                if (ack.stream != cs.stream) throw protocol::DecodeError("the acknowledgement names another stream");
                r.kind = Reply::Kind::Acked;
                r.link = ack.acked;
                report.receiver_time = ack.receiver_time;
                ++report.batches;
                report.flags.insert(report.flags.end(), ack.flags.begin(), ack.flags.end());
            });
            continue;
        }
        }
    }
    return done(report, Outcome::Fatal, "malformed",
                "the receiver did not converge after " + std::to_string(max_steps) + " requests; sync stopped");
}

int Client::freeze(int year) { return freeze_year(store_, year); }

int freeze_year(store::Store& store, int year) {
    const auto key = load_or_create_key(store.path());
    return store.submit_year(year, [&](const domain::SchoolData& data) {
        store::Frozen frozen;
        frozen.snapshot = exchange::write_snapshot(data);
        frozen.signature = protocol::sign(frozen.snapshot, key.secret_key);
        return frozen;
    });
}

Report Client::submit() {
    Report report = deliver(false);
    if (report.outcome != Outcome::Delivered) return report;
    const auto state = store_.sync_state();
    const auto key = load_key(store_.path());
    const auto school = store_.school();
    report.submissions_pending = 0;
    for (const auto& s : store_.submissions()) {
        if (!s.received_at.empty()) continue;
        protocol::Submission submission{school->code, s.year, s.version, s.sha256, s.signature, s.snapshot};
        auto ex = round_trip(transport_, state.receiver_url,
                           make_request("POST", std::string(protocol::kPathSubmission), school->code,
                                        protocol::encode(submission), key->secret_key),
                           state.receiver_key);
        auto stop = [&](Outcome outcome, const std::string& problem, const std::string& detail) {
            for (const auto& t : store_.submissions()) report.submissions_pending += t.received_at.empty() ? 1 : 0;
            store_.set_sync_result(detail, report.receiver_time);
            return finish(report, outcome, problem, detail);
        };
        if (!ex.verified) return stop(Outcome::Unreachable, "unverified", ex.error);
        if (ex.response.status != protocol::kOk) {
            auto refusal = refusal_of(ex.response);
            if (refusal.kind == Reply::Kind::Busy) return stop(Outcome::Unreachable, "busy", refusal.message);
            return stop(Outcome::Fatal, refusal.problem, "submission " + std::to_string(s.year) + " v" +
                                                             std::to_string(s.version) + " refused: " + refusal.message);
        }
        try {
            auto ack = protocol::decode_submission_reply(ex.response.body);
            if (ack.year != s.year || ack.version != s.version || ack.sha256 != s.sha256)
                throw protocol::DecodeError("the acknowledgement names another submission");
            store_.mark_submission_delivered(s.year, s.version, ack.received_at);
            report.receiver_time = ack.received_at;
            ++report.submissions_delivered;
        } catch (const protocol::DecodeError& e) {
            return stop(Outcome::Fatal, "malformed", std::string("the submission acknowledgement cannot be read: ") + e.what());
        }
    }
    store_.set_sync_result("", report.receiver_time);
    fetch_inbox(report);
    report.message = {"修改和上报数据都已送达教育局（上报 " + std::to_string(report.submissions_delivered) + " 份）",
                      "every change and every submission delivered (" + std::to_string(report.submissions_delivered) +
                          " submissions now)"};
    return report;
}

Status Client::status(bool ask_receiver) {
    Status st;
    const auto state = store_.sync_state();
    st.enrolled = state.enrolled();
    st.by_file = state.receiver_url.empty() && !state.receiver_key.empty();
    st.receiver_url = state.receiver_url;
    st.unencrypted = is_unencrypted(state.receiver_url);
    if (auto school = store_.school()) st.school = school->code;
    st.stream = state.stream;
    st.local_seq = store_.audit_tip().first;
    st.acked_seq = state.acked_seq;
    st.pending = store_.count_since(state.acked_seq.value_or(0));
    st.last_reply_at = state.last_reply_at;
    st.last_error = state.last_error;
    if (!state.receiver_key.empty()) st.inbox_seq = store_.inbox_cursor(state.receiver_key);
    for (const auto& s : store_.submissions())
        st.submissions.push_back(SubmissionInfo{s.year, s.version, s.sha256, s.created_at, s.received_at});
    for (const auto& r : store_.reviews()) {
        ReviewInfo info{r.year, r.version, r.delivered, r.state, "", "", ""};
        if (r.decision) {
            info.text = r.decision->text;
            info.by = r.decision->by;
            info.at = r.decision->at;
        }
        st.reviews.push_back(std::move(info));
    }
    if (!ask_receiver || !st.enrolled) return st;
    const auto key = load_key(store_.path());
    if (!key) {
        st.remote_error = "the terminal key file is missing";
        return st;
    }
    auto ex = round_trip(transport_, state.receiver_url,
                       make_request("GET", std::string(protocol::kPathStatus), st.school, "", key->secret_key),
                       state.receiver_key);
    if (!ex.verified) st.remote_error = ex.error;
    else if (ex.response.status != protocol::kOk) st.remote_error = refusal_of(ex.response).message;
    else {
        try {
            st.remote = protocol::decode_status_reply(ex.response.body);
        } catch (const protocol::DecodeError& e) {
            st.remote_error = std::string("the status reply cannot be read: ") + e.what();
        }
    }
    return st;
}

bool Client::probe() {
    const auto state = store_.sync_state();
    if (!state.enrolled()) return false;
    HttpRequest hello;
    hello.method = "GET";
    hello.target = std::string(protocol::kPathHello);
    // The school as a hint: a receiver that took this school in from another (junheng-bureau
    // migrate-store) greets it with the key this terminal pinned (docs/postgresql.md).
    if (const auto school = store_.school()) hello.headers.emplace(std::string(protocol::kHeaderSchool), school->code);
    auto ex = round_trip(transport_, state.receiver_url, hello, state.receiver_key);
    return ex.verified && ex.response.status == protocol::kOk;
}

}  // namespace jh::sync::client
