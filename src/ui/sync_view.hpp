// What the window says about sync, read from the sync worker's snapshot (sync/client/sync_loop.hpp):
// the status bar's words, the count of changes still to upload, whether a record is pending, the
// enrolment form's own checks. Pure (no ImGui, no store) so unit tests reach every rule.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sync/client/sync_loop.hpp"

namespace jh::ui {

using SyncSnapshot = sync::client::LoopSnapshot;
using SyncPhase = sync::client::LoopSnapshot::Phase;

// The state dump's word for a phase: not_enrolled | idle | working | waiting | stopped.
std::string_view phase_word(SyncPhase phase);

// Audit entries not yet acknowledged. The loop counts them when it last ran; a local write since
// then (the window's audit tip `local_tip` is past the loop's) adds its entries at once, so the
// count moves the moment a record is saved (seqs are contiguous: the log is append-only).
std::int64_t pending_changes(const SyncSnapshot& s, std::int64_t local_tip);

// A record whose last audit entry is `last_seq` waits for upload: enrolled, and the entry is after
// the acknowledged seq (or no seq is acknowledged yet). Before enrolment nothing is marked; a
// terminal enrolled by file (no URL) marks them too.
bool change_pending(const SyncSnapshot& s, std::int64_t last_seq);

// The status bar's sync words (shell.cpp's sync_status_text spells them) and, for Pending, the count.
struct SyncLine {
    enum class Words { Off, NotEnrolled, Stopped, Unreachable, Pending, Done };
    enum class Tone { Muted, Good, Warn, Bad };
    Words words = Words::Off;
    std::int64_t count = 0;
    Tone tone = Tone::Muted;
};
SyncLine sync_line(const std::optional<SyncSnapshot>& s, std::int64_t local_tip);

// --- the review cycle: the bureau's decision on a submitted year (client::ReviewInfo) ---

// The review of `year` as the sync worker last read it; none when the year was never submitted.
std::optional<sync::client::ReviewInfo> review_of(const std::optional<SyncSnapshot>& s, int year);

// The status bar's review mark for the year on view: 待审核 (submitted, awaiting the bureau),
// 已退回 (returned: the comment is reachable from it), 已通过 (accepted), 已重新开放 (reopened).
struct ReviewMark {
    enum class Words { None, Awaiting, Returned, Accepted, Reopened };
    Words words = Words::None;
    SyncLine::Tone tone = SyncLine::Tone::Muted;
    std::string comment;                  // returned: the comment; reopened: the reason
};
ReviewMark review_mark(const std::optional<SyncSnapshot>& s, int year);

// Who decided and when, under a decision on the sync screen and in the overview's banner: the
// reviewer's name — for a decision taken above the county and relayed down (its `by` ends in
// protocol::relay::kUpstreamBySuffix), with `upstream_words` (e.g. （上级教育局）) in place of the
// suffix — then " · " and the receiver's time; "" when neither is known.
std::string decided_by(const sync::client::ReviewInfo& r, std::string_view upstream_words);

// The overview's banner: the year was returned (or reopened) and the school has not resubmitted
// yet; none otherwise (a resubmission makes the year "submitted" again and the banner goes).
std::optional<sync::client::ReviewInfo> review_banner(const std::optional<SyncSnapshot>& s, int year);

// The enrolment form's checks before anything is sent (none: send it). The address's scheme and
// the code itself are the client's and the receiver's to judge; their answer comes back as the
// report's message.
enum class FormProblem { NeedAddress, AddressSpaces, NeedCode };
std::optional<FormProblem> enrol_form_problem(std::string_view url, std::string_view code);

}  // namespace jh::ui
