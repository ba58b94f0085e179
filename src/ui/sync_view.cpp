// The window's words for the sync state (sync_view.hpp).
#include "ui/sync_view.hpp"

#include <algorithm>

#include "domain/figures.hpp"
#include "sync/protocol/relay.hpp"

namespace jh::ui {

std::string_view phase_word(SyncPhase phase) {
    switch (phase) {
    case SyncPhase::NotEnrolled: return "not_enrolled";
    case SyncPhase::Idle: return "idle";
    case SyncPhase::Working: return "working";
    case SyncPhase::Waiting: return "waiting";
    case SyncPhase::Stopped: return "stopped";
    }
    return "stopped";
}

std::int64_t pending_changes(const SyncSnapshot& s, std::int64_t local_tip) {
    return s.status.pending + std::max<std::int64_t>(0, local_tip - s.status.local_seq);
}

bool change_pending(const SyncSnapshot& s, std::int64_t last_seq) {
    if (!s.status.enrolled && !s.status.by_file) return false;
    return !s.status.acked_seq || last_seq > *s.status.acked_seq;
}

SyncLine sync_line(const std::optional<SyncSnapshot>& s, std::int64_t local_tip) {
    using Tone = SyncLine::Tone;
    using Words = SyncLine::Words;
    if (!s) return {Words::Off, 0, Tone::Muted};
    if (!s->store_error.empty() || s->phase == SyncPhase::Stopped) return {Words::Stopped, 0, Tone::Bad};
    // A terminal enrolled by file has no network phase: only what waits for the next upload file.
    if (!s->status.by_file && (s->phase == SyncPhase::NotEnrolled || !s->status.enrolled))
        return {Words::NotEnrolled, 0, Tone::Muted};
    if (s->phase == SyncPhase::Waiting) return {Words::Unreachable, 0, Tone::Warn};
    if (const auto n = pending_changes(*s, local_tip); n > 0) return {Words::Pending, n, Tone::Warn};
    return {Words::Done, 0, Tone::Good};
}

std::optional<sync::client::ReviewInfo> review_of(const std::optional<SyncSnapshot>& s, int year) {
    if (!s) return std::nullopt;
    for (const auto& r : s->status.reviews)
        if (r.year == year) return r;
    return std::nullopt;
}

ReviewMark review_mark(const std::optional<SyncSnapshot>& s, int year) {
    using Tone = SyncLine::Tone;
    using Words = ReviewMark::Words;
    const auto r = review_of(s, year);
    if (!r) return {};
    if (r->state == "returned") return {Words::Returned, Tone::Bad, r->text};
    if (r->state == "accepted") return {Words::Accepted, Tone::Good, r->text};
    if (r->state == "reopened") return {Words::Reopened, Tone::Warn, r->text};
    // Submitted: awaiting the bureau once it is delivered; before that the sync words say it.
    if (r->delivered) return {Words::Awaiting, Tone::Muted, ""};
    return {};
}

std::string decided_by(const sync::client::ReviewInfo& r, std::string_view upstream_words) {
    std::string by = r.by;
    if (by.ends_with(sync::protocol::relay::kUpstreamBySuffix))
        by = by.substr(0, by.size() - sync::protocol::relay::kUpstreamBySuffix.size()) + std::string(upstream_words);
    if (by.empty() && r.at.empty()) return {};
    if (by.empty() || r.at.empty()) return by + r.at;
    return by + " · " + r.at;
}

std::optional<sync::client::ReviewInfo> review_banner(const std::optional<SyncSnapshot>& s, int year) {
    auto r = review_of(s, year);
    if (r && (r->state == "returned" || r->state == "reopened")) return r;
    return std::nullopt;
}

std::optional<FormProblem> enrol_form_problem(std::string_view url, std::string_view code) {
    const std::string address = domain::trimmed(std::string(url));
    if (address.empty()) return FormProblem::NeedAddress;
    if (address.find_first_of(" \t") != std::string::npos) return FormProblem::AddressSpaces;
    if (domain::trimmed(std::string(code)).empty()) return FormProblem::NeedCode;
    return std::nullopt;
}

}  // namespace jh::ui
