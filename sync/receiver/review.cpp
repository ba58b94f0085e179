// The review state rule; see review.hpp.
#include "sync/receiver/review.hpp"

#include <algorithm>

namespace jh::sync::receiver {

std::string review_state_zh(std::string_view state) {
    if (state == review_state::kNotSubmitted) return "未上报";
    if (state == review_state::kReceived) return "待审核";
    if (state == review_state::kResubmitted) return "重新上报，待审核";
    if (state == review_state::kReturned) return "已退回";
    if (state == review_state::kAccepted) return "已通过";
    if (state == review_state::kReopened) return "已重新开放";
    if (state == review_state::kSuperseded) return "已被新版本取代";
    return std::string(state);
}

const Decision* YearReview::latest_decision() const {
    if (versions.empty() || versions.back().decisions.empty()) return nullptr;
    return &versions.back().decisions.back();
}

YearReview review_of(const std::string& school, int year, const std::vector<StoredSubmission>& versions,
                     const std::vector<Decision>& decisions) {
    YearReview r;
    r.school = school;
    r.year = year;
    for (const auto& s : versions)
        if (s.school == school && s.year == year) r.versions.push_back({s.version, s.received_at, s.sha256, "", {}});
    std::sort(r.versions.begin(), r.versions.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    if (r.versions.empty()) return r;

    std::vector<Decision> ordered = decisions;
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    for (const auto& d : ordered)
        if (d.school == school && d.year == year)
            for (auto& v : r.versions)
            if (v.version == d.version) v.decisions.push_back(d);

    // An undecided version is "resubmitted" when the version before it was sent back
    // (returned or reopened), "received" otherwise; an older undecided one is superseded.
    bool sent_back = false;
    for (std::size_t i = 0; i < r.versions.size(); ++i) {
        auto& v = r.versions[i];
        const bool latest = i + 1 == r.versions.size();
        if (!v.decisions.empty()) v.state = v.decisions.back().decision;
        else if (!latest) v.state = review_state::kSuperseded;
        else v.state = sent_back ? review_state::kResubmitted : review_state::kReceived;
        if (v.state == review_state::kReturned || v.state == review_state::kReopened) sent_back = true;
        else if (v.state != review_state::kSuperseded) sent_back = false;
    }
    r.latest = r.versions.back().version;
    r.state = r.versions.back().state;
    return r;
}

Lateness lateness(const YearReview& review, const std::optional<std::string>& deadline, const std::string& now) {
    Lateness out;
    if (!deadline) return out;
    if (review.submitted()) {
        out.on_time = review.first_received_at().substr(0, 10) <= *deadline;
        out.late = !*out.on_time;
    } else if (now.substr(0, 10) > *deadline) {   // the deadline has passed once the receiver's date is after it
        out.on_time = false;
        out.overdue = true;
    }
    return out;
}

std::vector<Decision> decisions_of(ReceiverStore& store, const std::optional<std::string>& school) {
    std::vector<Decision> out;
    for (const auto& item : store.decisions(school))
        out.push_back({item.seq, item.school, item.year, item.version, item.decision, item.text, item.by, item.at});
    return out;
}

std::optional<std::string> decision_refusal(const YearReview& review, std::string_view decision, int version) {
    const std::string what = review.school + " " + std::to_string(review.year);
    if (review.versions.empty()) return "school " + review.school + " has sent no submission for school year " + std::to_string(review.year);
    if (version > review.latest || version < 1 ||
        std::none_of(review.versions.begin(), review.versions.end(), [&](const auto& v) { return v.version == version; }))
        return "no version " + std::to_string(version) + " of " + what + " was received (the latest is " + std::to_string(review.latest) + ")";
    if (version != review.latest)
        return "version " + std::to_string(version) + " is not the latest received (" + std::to_string(review.latest) + ")";
    const auto& state = review.state;
    const auto* last = review.latest_decision();
    const auto when = last ? " by " + last->by + " at " + last->at : std::string();
    const std::string v = "version " + std::to_string(version) + " of " + what;
    if (decision == protocol::decision::kReturned || decision == protocol::decision::kAccepted) {
        if (review.awaiting_review()) return std::nullopt;
        if (state == review_state::kAccepted)
            return v + " was accepted" + when + (decision == protocol::decision::kReturned ? "; to send it back, reopen it (admin)" : "");
        return v + " was " + state + when + "; it awaits the school's resubmission (version " + std::to_string(version + 1) + ")";
    }
    if (decision == protocol::decision::kReopened) {
        if (state == review_state::kAccepted) return std::nullopt;
        if (review.awaiting_review()) return v + " is not accepted (it awaits review); only an accepted year can be reopened";
        return v + " was " + state + when + "; only an accepted year can be reopened";
    }
    return "unknown decision '" + std::string(decision) + "'";
}

}  // namespace jh::sync::receiver
