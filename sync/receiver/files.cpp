// The receiver's USB files (files.hpp): import checks everything before storing anything, then
// replays; the reply and enrolment files are signed with the receiver's key.
#include "sync/receiver/files.hpp"

#include <optional>
#include <stdexcept>

#include "domain/audit_entry.hpp"
#include "sync/protocol/crypto.hpp"
#include "sync/protocol/messages.hpp"

namespace jh::sync::receiver {

namespace pr = protocol;

namespace {

ImportOutcome refused(ImportOutcome out, const std::string& message) {
    out.kind = ImportOutcome::Kind::Refused;
    out.message = message + "; nothing was stored";
    return out;
}

std::string what_request(const pr::FileRequest& r) {
    if (r.target == pr::kPathEnrol) return "the enrolment";
    if (r.target == pr::kPathBatch) return "a batch of changes";
    if (r.target == pr::kPathSubmission) return "a submission";
    return r.method + " " + r.target;
}

}  // namespace

ImportOutcome import_upload_file(ReceiverStore& store, Receiver& receiver, std::string_view bytes) {
    ImportOutcome out;
    pr::UploadFile file;
    try {
        file = pr::read_upload_file(bytes);
    } catch (const pr::FileError& e) {
        return refused(out, e.what());
    }
    out.school = file.school;
    out.number = file.number;
    const std::string name = "upload file " + std::to_string(file.number) + " of school " + file.school;

    // The school must be registered here: a file for another bureau's school is refused by name.
    if (!store.school(file.school))
        return refused(out, "school " + file.school + " is not registered at this receiver (" + name +
                                " is another bureau's, or the school was never added here)");

    // Every request: a kind a terminal sends, signed by the file's key; an enrolment only first,
    // for the file's own key.
    std::optional<pr::EnrolRequest> enrol;
    for (std::size_t i = 0; i < file.requests.size(); ++i) {
        const auto& r = file.requests[i];
        const bool is_enrol = r.method == "POST" && r.target == pr::kPathEnrol;
        const bool known = is_enrol || (r.method == "POST" && (r.target == pr::kPathBatch || r.target == pr::kPathSubmission));
        if (!known) return refused(out, name + " holds a request a terminal never sends (" + r.method + " " + r.target.substr(0, 64) + ")");
        if (!pr::verify(pr::request_signed_text(r.method, r.target, file.school, r.body), r.signature, file.terminal_key))
            return refused(out, name + ": request " + std::to_string(i + 1) + " is not signed by the file's terminal key (tampered)");
        if (!is_enrol) continue;
        if (i != 0) return refused(out, name + " holds an enrolment after other requests");
        try {
            const auto text = pr::decompress(r.body, pr::kMaxInflatedBytes);
            if (!text) throw pr::DecodeError("the body is not a zlib stream");
            enrol = pr::decode_enrol_request(*text);
        } catch (const pr::DecodeError& e) {
            return refused(out, name + ": its enrolment cannot be read: " + e.what());
        }
        if (enrol->school != file.school || enrol->public_key != file.terminal_key)
            return refused(out, name + ": its enrolment is for another school or key than the file's");
    }

    // The key the file is signed with must be the school's terminal here, or the one it enrols.
    const auto keys = store.keys(file.school);
    const bool active = keys.active && *keys.active == file.terminal_key;
    if (!active) {
        if (keys.revoked && *keys.revoked == file.terminal_key)
            return refused(out, name + " is signed by a terminal whose credential was revoked or replaced at this bureau");
        if (!enrol)
            return refused(out, name + " is signed by a key that is not school " + file.school +
                                    "'s enrolled terminal here (another school's or another terminal's file)");
    }

    // Its number against the files already imported from this terminal.
    const auto sha = domain::sha256_hex(bytes);
    const auto check = store.check_upload_file(file.terminal_key, file.number, sha);
    if (check.state == UploadFileState::Applied) {
        out.kind = ImportOutcome::Kind::AlreadyApplied;
        out.message = name + " was already applied (" + check.imported_at + "); nothing to do";
        return out;
    }
    if (check.state == UploadFileState::OutOfOrder)
        return refused(out, name + " is out of order: file " + std::to_string(check.highest) +
                                " of this terminal was already imported (" +
                                (file.number == check.highest ? std::string("a different file with the same number")
                                                              : std::string("this one is older and superseded by it")) +
                                "); bring the newest file");

    // Replay, in order, through the network's path.
    for (std::size_t i = 0; i < file.requests.size(); ++i) {
        const auto& r = file.requests[i];
        if (r.target == pr::kPathEnrol && active) continue;   // enrolled by an earlier file of this terminal
        const auto response = receiver.handle(pr::to_http(r, file.school));
        if (response.status != pr::kOk) {
            std::string why;
            try {
                why = pr::decode_problem_reply(response.body).message;
            } catch (const pr::DecodeError&) {
                why = "HTTP " + std::to_string(response.status);
            }
            out.kind = ImportOutcome::Kind::Refused;
            out.message = name + ": " + what_request(r) + " (request " + std::to_string(i + 1) + " of " +
                          std::to_string(file.requests.size()) + ") was refused: " + why +
                          (i == 0 ? std::string("; nothing was stored")
                                  : std::string("; the requests before it are kept (each counts once) and the file "
                                                "is not recorded, so importing it again retries"));
            return out;
        }
        try {
            if (r.target == pr::kPathEnrol) {
                out.enrolled = true;
            } else if (r.target == pr::kPathBatch) {
                ++out.batches;
                out.tip_seq = pr::decode_batch_reply(response.body).acked.seq;
            } else if (pr::decode_submission_reply(response.body).result == pr::result::kReceived) {
                ++out.submissions;
            }
        } catch (const pr::DecodeError&) {
            // the receiver's own reply: it reads; a count is all that is lost
        }
    }
    store.record_upload_file(file.school, file.terminal_key, file.number, sha, utc_now());
    out.kind = ImportOutcome::Kind::Applied;
    out.message = name + " applied: " + (out.enrolled ? std::string("terminal enrolled; ") : std::string()) +
                  std::to_string(out.batches) + " batches (the stream now up to seq " + std::to_string(out.tip_seq) + "), " +
                  std::to_string(out.submissions) + " new submission versions";
    return out;
}

ReplyFileWritten make_reply_file(ReceiverStore& store, const std::string& school) {
    ReplyFileWritten out;
    const auto now = utc_now();
    out.status = school_status(store, school, now);
    pr::ReplyFile file;
    file.school = school;
    file.terminal_key = store.keys(school).active.value_or("");
    file.status = out.status;
    // Every inbox item for the school (its decisions, the packs in force), page by page: the
    // terminal's cursor skips those it applied already, as over the network.
    for (std::int64_t after = 0; file.inbox.size() < pr::file::kMaxReplyItems;) {
        const auto page = school_inbox(store, school, after, pr::kMaxInboxItems);   // as the terminal numbers them
        for (const auto& item : page) {
            file.inbox.push_back(item);
            after = item.seq;
        }
        if (page.size() < pr::kMaxInboxItems) break;
    }
    file.number = store.next_reply_file(school, now);
    out.number = file.number;
    out.items = file.inbox.size();
    out.bytes = pr::write_reply_file(file, signing_key(store, school).secret_key);   // the key the school pinned
    return out;
}

std::string make_enrol_file(ReceiverStore& store, const std::string& school, const std::string& code) {
    const auto info = store.school(school);
    if (!info) throw std::invalid_argument("no school " + school + " is registered");
    const auto key = signing_key(store, school);   // a moved school re-enrolling keeps its county's key
    return pr::write_enrol_file({school, info->name, key.public_key, code, utc_now()}, key);
}

}  // namespace jh::sync::receiver
