// Sync by USB stick, the terminal's side (files.hpp). The upload file is built from the same
// request makers as the network (requests.hpp), so the receiver cannot tell a replayed file
// from a sync; the reply file changes nothing here before its signature, school and number
// are checked.
#include "sync/client/files.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "ops/file_io.hpp"
#include "store/clock.hpp"
#include "store/store.hpp"
#include "sync/client/inbox.hpp"
#include "sync/client/requests.hpp"
#include "sync/protocol/files.hpp"

namespace jh::sync::client {

namespace fs = std::filesystem;
namespace pr = protocol;

namespace {

Report refused(const std::string& problem, domain::Message message) {
    Report r;
    r.outcome = Outcome::Fatal;
    r.problem = problem;
    r.message = std::move(message);
    return r;
}

// A file that could not be read, in words for people.
Report file_refused(const pr::FileError& e, const std::string& what_zh) {
    std::string zh;
    switch (e.kind) {
    case pr::FileError::Kind::Truncated: zh = what_zh + "不完整（复制被中断或U盘被提前拔出），请重新复制该文件"; break;
    case pr::FileError::Kind::Tampered: zh = what_zh + "的签名校验失败：文件被改动过，或不是本终端注册的教育局写给本校的"; break;
    case pr::FileError::Kind::Version: zh = what_zh + "的格式版本本程序不认识，请升级均衡填报系统"; break;
    case pr::FileError::Kind::Malformed: zh = "这不是有效的" + what_zh; break;
    }
    return refused("file", {zh + "。未做任何更改。", std::string(e.what()) + "; nothing was changed"});
}

// A file that could not be read at all (missing, a folder, too large to be ours).
Report unreadable(const domain::Rejected& e) {
    const auto& m = e.message();
    return refused("file", {m.zh + "。未做任何更改。", m.en + "; nothing was changed"});
}

// The reply file of this school with the highest number in a folder.
std::string newest_reply_in(const fs::path& folder, const std::string& school) {
    const std::string prefix = "junheng-reply-" + school + "-";
    std::string best;
    std::int64_t best_number = -1;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const auto name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0 || entry.path().extension() != pr::file::kReplyExtension) continue;
        const auto digits = name.substr(prefix.size(), name.size() - prefix.size() - pr::file::kReplyExtension.size());
        std::int64_t n = 0;
        auto [end, err] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
        if (err != std::errc{} || end != digits.data() + digits.size()) continue;
        if (n > best_number) {
            best_number = n;
            best = entry.path().string();
        }
    }
    return best;
}

}  // namespace

Report enrol_from_file(store::Store& store, const std::string& path) {
    pr::EnrolFile file;
    try {
        file = pr::read_enrol_file(ops::read_file(path, pr::file::kMaxEnrolFileBytes));
    } catch (const pr::FileError& e) {
        return file_refused(e, "注册文件");
    } catch (const domain::Rejected& e) {
        return unreadable(e);
    }
    const auto school = store.school();
    if (!school)
        return refused("local", {"还没有学校基本信息，请先填写学校信息再注册",
                                 "the database has no school profile yet (run `junheng init` first)"});
    if (school->code != file.school)
        return refused(std::string(pr::problem::kWrongSchool),
                       {"该注册文件属于另一所学校（" + file.school + " " + file.name + "），本机是 " + school->code + "。未做任何更改。",
                        "the enrolment file is for school " + file.school + " (" + file.name + "), this database is school " +
                            school->code + "; nothing was changed"});
    load_or_create_key(store.path());
    store.set_file_enrolment(file.receiver_key, file.code);
    Report r;
    r.pending = store.count_since(0);
    r.message = {"已通过文件注册到教育局：" + file.name + "。请用“导出到U盘”写出第一个上传文件交给教育局导入。",
                 "enrolled by file as " + file.school + " " + file.name +
                     "; write the first upload file (junheng sync --to-file PATH) and have the bureau import it"};
    return r;
}

UploadWritten write_upload_file(store::Store& store, const std::string& path) {
    UploadWritten out;
    const auto state = store.sync_state();
    const auto files = store.file_sync_state();
    const auto school = store.school();
    const auto key = load_key(store.path());
    if (state.receiver_key.empty() || !school || !key) {
        out.report = refused("not_enrolled", {"本终端尚未注册到教育局：请先导入教育局的注册文件，或填写地址和注册码进行注册",
                                              "this terminal is not enrolled (junheng enroll --from-file PATH, or --server URL --code CODE)"});
        return out;
    }
    pr::UploadFile file;
    file.school = school->code;
    file.terminal_key = key->public_key;
    if (!files.enrol_code.empty())
        file.requests.push_back(pr::from_http(make_request("POST", std::string(pr::kPathEnrol), school->code,
                                                           pr::encode(pr::EnrolRequest{school->code, files.enrol_code, key->public_key}),
                                                           key->secret_key)));
    const auto pending = store.submissions();
    std::size_t unsent = 0;
    for (const auto& s : pending) unsent += s.received_at.empty() ? 1 : 0;

    // Every change after the acknowledged link (from the start when none is known: the receiver
    // answers what it already holds as unchanged and applies the rest).
    pr::Link from = state.acked_seq ? pr::Link{*state.acked_seq, state.acked_hash} : pr::Link{0, domain::audit_genesis_hash()};
    const auto local_tip = store.audit_tip().first;
    const auto first = from.seq;
    while (from.seq < local_tip) {
        if (file.requests.size() + unsent >= pr::file::kMaxFileRequests) break;   // the rest goes in the next file
        pr::Link tip;
        file.requests.push_back(pr::from_http(batch_request(store, school->code, state.stream, from, key->secret_key, tip)));
        from = tip;
    }
    for (const auto& s : pending) {
        if (!s.received_at.empty()) continue;
        pr::Submission submission{school->code, s.year, s.version, s.sha256, s.signature, s.snapshot};
        file.requests.push_back(pr::from_http(
            make_request("POST", std::string(pr::kPathSubmission), school->code, pr::encode(submission), key->secret_key)));
    }

    fs::path target(path);
    std::error_code ec;
    const bool folder = fs::is_directory(target, ec);
    try {
        file.number = store.take_upload_number();
        file.written_at = store::utc_now_iso();   // the terminal's clock: informative only
        const auto bytes = pr::write_upload_file(file, key->secret_key);
        if (folder) target /= pr::upload_file_name(school->code, file.number);
        ops::write_file_atomically(target, bytes);
    } catch (const std::exception& e) {
        out.report = refused("local", {std::string("上传文件写入失败：") + e.what(), std::string("the upload file was not written: ") + e.what()});
        return out;
    }
    out.path = target.string();
    auto& r = out.report;
    r.entries_delivered = 0;
    r.pending = store.count_since(first);
    r.submissions_pending = static_cast<int>(unsent);
    const std::string counts_zh = std::to_string(from.seq - first) + " 条修改、" + std::to_string(unsent) + " 份上报";
    const std::string counts_en = std::to_string(from.seq - first) + " changes, " + std::to_string(unsent) + " submissions";
    r.message = {"已写出上传文件 " + std::to_string(file.number) + "（" + counts_zh + (files.enrol_code.empty() ? "" : "，含注册") +
                     "）：" + out.path + "。请交给教育局导入，再把教育局的回执文件导入本机。",
                 "upload file " + std::to_string(file.number) + " written (" + counts_en +
                     (files.enrol_code.empty() ? "" : ", with the enrolment") + "): " + out.path +
                     "; the bureau imports it (junheng-bureau import) and gives back a reply file (junheng sync --from-file)"};
    return out;
}

Report apply_reply_file(store::Store& store, const std::string& path) {
    const auto state = store.sync_state();
    const auto files = store.file_sync_state();
    const auto school = store.school();
    const auto key = load_key(store.path());
    if (state.receiver_key.empty() || !school || !key)
        return refused("not_enrolled", {"本终端尚未注册到教育局，无法核验回执文件", "this terminal is not enrolled: a reply file cannot be verified"});
    std::string file_path = path;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        file_path = newest_reply_in(path, school->code);
        if (file_path.empty())
            return refused("file", {"该文件夹中没有本校（" + school->code + "）的回执文件",
                                    "no reply file of school " + school->code + " in " + path});
    }
    pr::ReplyFile reply;
    try {
        reply = pr::read_reply_file(ops::read_file(file_path, pr::file::kMaxReplyFileBytes), state.receiver_key);
    } catch (const pr::FileError& e) {
        return file_refused(e, "回执文件");
    } catch (const domain::Rejected& e) {
        return unreadable(e);
    }
    if (reply.school != school->code)
        return refused(std::string(pr::problem::kWrongSchool),
                       {"该回执文件属于另一所学校（" + reply.school + "），本机是 " + school->code + "。未做任何更改。",
                        "the reply file is for school " + reply.school + ", this database is school " + school->code +
                            "; nothing was changed"});
    if (reply.number < files.reply_number)
        return refused("older",
                       {"该回执文件（第 " + std::to_string(reply.number) + " 号）比已导入的第 " + std::to_string(files.reply_number) +
                            " 号旧，未做任何更改。请向教育局索取最新的回执文件。",
                        "reply file " + std::to_string(reply.number) + " is older than reply file " +
                            std::to_string(files.reply_number) + " already applied; nothing was changed"});
    Report r;
    r.receiver_time = reply.status.receiver_time;
    if (reply.number == files.reply_number) {
        r.message = {"该回执文件（第 " + std::to_string(reply.number) + " 号）已经导入过，无需再导入。",
                     "reply file " + std::to_string(reply.number) + " was already applied; nothing to do"};
        return r;
    }

    store::FileReply facts;
    facts.number = reply.number;
    facts.receiver_time = reply.status.receiver_time;
    facts.enrolment_confirmed = reply.terminal_key == key->public_key;
    // The receiver's tip of its live stream acknowledges a link of ours only when it is our
    // stream and our log holds that very link.
    const auto before = state.acked_seq.value_or(0);
    if (reply.status.stream == state.stream) {
        const auto& tip = reply.status.tip;
        const bool held = tip.seq == 0 ? tip.hash == domain::audit_genesis_hash()
                                       : [&] { auto e = store.audit_entry(tip.seq); return e && e->hash == tip.hash; }();
        if (held) {
            facts.stream = state.stream;
            facts.acked_seq = tip.seq;
            facts.acked_hash = tip.hash;
        }
    }
    for (const auto& s : store.submissions()) {
        if (!s.received_at.empty()) continue;
        for (const auto& held : reply.status.submissions)
            if (held.year == s.year && held.version == s.version && held.sha256 == s.sha256) {
                facts.delivered.push_back({s.year, s.version, held.received_at});
                ++r.submissions_delivered;
            }
    }
    if (!store.apply_file_reply(facts))
        return refused("older", {"该回执文件已被导入过（另一窗口？），未做更改。", "the reply file was applied meanwhile; nothing was changed"});

    // The decisions and packs the file carries, through the network sync's own entry point
    // (its cursor skips what an earlier file or sync applied). reply.inbox is decoded, every
    // item's signature verified with the pinned key and of this school (protocol::read_reply_file);
    // apply_inbox checks each once more, as it does for a network reply.
    r.inbox = apply_inbox(store, reply.inbox);

    const auto after = store.sync_state();
    r.entries_delivered = std::max<std::int64_t>(0, after.acked_seq.value_or(0) - before);
    r.pending = store.count_since(after.acked_seq.value_or(0));
    for (const auto& s : store.submissions()) r.submissions_pending += s.received_at.empty() ? 1 : 0;
    const bool waiting = !facts.enrolment_confirmed && !files.enrol_code.empty();
    r.message = {"已导入回执文件 " + std::to_string(reply.number) + "：教育局确认收到 " + std::to_string(r.entries_delivered) + " 条修改、" +
                     std::to_string(r.submissions_delivered) + " 份上报；尚待上传 " + std::to_string(r.pending) + " 条修改。" +
                     (waiting ? "教育局还没有导入本机的注册，请把上传文件交给教育局。" : ""),
                 "reply file " + std::to_string(reply.number) + " applied: " + std::to_string(r.entries_delivered) +
                     " changes and " + std::to_string(r.submissions_delivered) + " submissions acknowledged; " +
                     std::to_string(r.pending) + " changes still pending" +
                     (waiting ? "; the bureau has not imported this terminal's enrolment yet" : "")};
    return r;
}

}  // namespace jh::sync::client
