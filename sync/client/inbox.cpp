// Applying the receiver's inbox items (inbox.hpp): verify each with the pinned key, skip
// replays, dispatch by kind, say in words what each did.
#include "domain/school_year.hpp"
#include "sync/client/inbox.hpp"

#include "sync/client/packs.hpp"

#include <algorithm>

#include "store/store.hpp"
#include "sync/protocol/protocol.hpp"

namespace jh::sync::client {
namespace {

using domain::school_year_en;
using domain::school_year_zh;

store::InboxRecord record_of(const protocol::InboxItem& item, const std::string& receiver_key) {
    store::InboxRecord r;
    r.receiver_key = receiver_key;
    r.seq = item.seq;
    r.kind = item.kind;
    r.school = item.school;
    r.year = item.year;
    r.version = item.version;
    r.decision = item.decision;
    r.text = item.text;
    r.by = item.by;
    r.at = item.at;
    r.pack_id = item.pack_id;
    r.pack_sha256 = item.pack_sha256;
    r.signature = item.signature;
    return r;
}

int latest_version(const store::Store& store, int year) {
    int latest = 0;
    for (const auto& s : store.submissions())
        if (s.year == year) latest = std::max(latest, s.version);
    return latest;
}

// The words for a decision taken: the bureau's comment (or reason) quoted as written.
domain::Message applied_note(const protocol::InboxItem& d) {
    const std::string v = std::to_string(d.version);
    if (d.decision == protocol::decision::kReturned)
        return {"教育局退回了" + school_year_zh(d.year) + "的上报（第 " + v + " 版），意见：" + d.text + "。请修改后重新上报。",
                "the bureau returned " + school_year_en(d.year) + " (version " + v + "): \"" + d.text +
                    "\"; the year is open for editing: fix it and submit again"};
    if (d.decision == protocol::decision::kReopened)
        return {"教育局重新开放了" + school_year_zh(d.year) + "（第 " + v + " 版），原因：" + d.text + "。修改后请重新上报。",
                "the bureau reopened " + school_year_en(d.year) + " (version " + v + "): \"" + d.text +
                    "\"; the year is open for editing: submit it again when done"};
    return {"教育局已通过" + school_year_zh(d.year) + "的上报（第 " + v + " 版）。",
            "the bureau accepted " + school_year_en(d.year) + " (version " + v + ")"};
}

}  // namespace

InboxOutcome apply_inbox(store::Store& store, const std::vector<protocol::InboxItem>& items) {
    InboxOutcome out;
    const auto state = store.sync_state();
    const auto school = store.school();
    std::vector<const protocol::InboxItem*> ordered;
    for (const auto& item : items) ordered.push_back(&item);
    std::stable_sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->seq < b->seq; });

    int refused = 0;
    for (const auto* p : ordered) {
        const auto& item = *p;
        // Only the pinned receiver's signature counts; a decision is only ever for this school.
        const bool ours = item.kind == protocol::inbox::kDecision
                              ? (school && item.school == school->code)
                              : (item.school.empty() || (school && item.school == school->code));
        if (state.receiver_key.empty() || !protocol::verify_inbox_item(item, state.receiver_key) || !ours ||
            item.seq < 1) {
            ++refused;
            continue;
        }
        // A replay (at or below the cursor, or already held) changes nothing.
        if (item.seq <= store.inbox_cursor(state.receiver_key) || store.inbox_item_held(state.receiver_key, item.seq)) {
            ++out.ignored;
            continue;
        }
        auto record = record_of(item, state.receiver_key);
        if (item.kind == protocol::inbox::kDecision && protocol::decision::is_decision(item.decision)) {
            switch (store.record_decision(record)) {
            case store::DecisionOutcome::Applied:
                ++out.applied;
                out.notes.push_back(applied_note(item));
                break;
            case store::DecisionOutcome::OlderVersion: {
                ++out.ignored;
                const std::string v = std::to_string(item.version);
                const std::string latest = std::to_string(latest_version(store, item.year));
                out.notes.push_back(
                    {"教育局关于" + school_year_zh(item.year) + "第 " + v + " 版的决定（" + item.decision + "）已忽略：本校之后已上报第 " +
                         latest + " 版，请等待教育局对新版本的审核。",
                     "ignored: the bureau's decision (" + item.decision + ") is about version " + v + " of " +
                         school_year_en(item.year) + ", and this school has since submitted version " + latest});
                break;
            }
            case store::DecisionOutcome::UnknownVersion:
                ++out.ignored;
                out.notes.push_back({"教育局关于" + school_year_zh(item.year) + "第 " + std::to_string(item.version) +
                                         " 版的决定已忽略：本机没有这一版本的上报（数据库可能从较早的备份恢复过）。",
                                     "ignored: the bureau's decision (" + item.decision + ") is about version " +
                                         std::to_string(item.version) + " of " + school_year_en(item.year) +
                                         ", which this database never submitted (restored from an older backup?)"});
                break;
            case store::DecisionOutcome::Replayed: ++out.ignored; break;
            }
        } else if (item.kind == protocol::inbox::kPack) {
            // The pack is checked with the engine's loader and kept (newer only) by
            // apply_pack_item, in this same transaction as recording the item: a broken pack is
            // recorded as refused (the cursor passes it) and the pack in force stays.
            bool recorded = false;
            domain::Message said;
            store.transaction([&] {
                said = apply_pack_item(store, item);
                const auto kept = store.received_packs();
                record.outcome = !kept.empty() && kept.back().seq == item.seq ? "applied" : "pack_not_kept";
                recorded = store.record_inbox_item(record);
            });
            if (recorded) {
                ++(record.outcome == "applied" ? out.applied : out.ignored);
                out.notes.push_back(said);
            } else {
                ++out.ignored;
            }
        } else {
            // A kind (or decision) a newer receiver sends that this program does not know:
            // kept, so the cursor passes it, and said once.
            record.outcome = "unknown_kind";
            if (store.record_inbox_item(record)) {
                ++out.ignored;
                out.notes.push_back({"收到一项本程序不认识的教育局消息（" + item.kind + "），已跳过；请升级均衡填报系统。",
                                     "skipped an item of a kind this program does not know (" + item.kind + " " +
                                         item.decision + "): upgrade Junheng"});
            }
        }
    }
    if (refused) {
        out.refused = refused;
        out.notes.push_back({"有 " + std::to_string(refused) + " 项来自教育局的内容签名无效或不属于本校，已拒收，未做任何修改。",
                             std::to_string(refused) + " item(s) refused: not signed by the enrolled receiver, or not for "
                                                       "this school; nothing was changed by them"});
    }
    return out;
}

}  // namespace jh::sync::client
