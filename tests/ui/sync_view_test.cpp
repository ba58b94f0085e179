// The window's words for the sync state (ui/sync_view.hpp): the status bar's choice, the pending
// count moving at once after a local write, which records are marked pending, the enrolment
// form's own checks, the review mark and banner, and who decided.
#include <doctest/doctest.h>

#include "sync/protocol/relay.hpp"
#include "ui/sync_view.hpp"

using namespace jh::ui;

namespace {
SyncSnapshot enrolled(SyncPhase phase, std::int64_t local_seq, std::optional<std::int64_t> acked) {
    SyncSnapshot s;
    s.phase = phase;
    s.status.enrolled = true;
    s.status.receiver_url = "https://bureau.example";
    s.status.local_seq = local_seq;
    s.status.acked_seq = acked;
    s.status.pending = local_seq - acked.value_or(0);
    return s;
}
}  // namespace

TEST_CASE("the status bar: off, not enrolled, stopped, unreachable, pending with its count, synced") {
    CHECK(sync_line(std::nullopt, 0).words == SyncLine::Words::Off);
    CHECK(sync_line(SyncSnapshot{}, 5).words == SyncLine::Words::NotEnrolled);
    CHECK(sync_line(enrolled(SyncPhase::Stopped, 10, 4), 10).words == SyncLine::Words::Stopped);
    CHECK(sync_line(enrolled(SyncPhase::Waiting, 10, 4), 10).words == SyncLine::Words::Unreachable);
    CHECK(sync_line(enrolled(SyncPhase::Waiting, 10, 4), 10).tone == SyncLine::Tone::Warn);
    const auto pending = sync_line(enrolled(SyncPhase::Idle, 10, 7), 10);
    CHECK(pending.words == SyncLine::Words::Pending);
    CHECK(pending.count == 3);
    CHECK(sync_line(enrolled(SyncPhase::Idle, 10, 10), 10).words == SyncLine::Words::Done);
    CHECK(sync_line(enrolled(SyncPhase::Idle, 10, 10), 10).tone == SyncLine::Tone::Good);
    // A sync in flight with nothing left is synced; a store the worker cannot open is a stop.
    CHECK(sync_line(enrolled(SyncPhase::Working, 10, 10), 10).words == SyncLine::Words::Done);
    auto broken = enrolled(SyncPhase::Idle, 10, 10);
    broken.store_error = "the sync worker cannot open the database: locked";
    CHECK(sync_line(broken, 10).words == SyncLine::Words::Stopped);
}

TEST_CASE("a local write counts as pending before the loop has run again") {
    const auto s = enrolled(SyncPhase::Idle, 10, 10);
    CHECK(pending_changes(s, 10) == 0);
    CHECK(pending_changes(s, 12) == 2);
    CHECK(sync_line(s, 12).words == SyncLine::Words::Pending);
    CHECK(sync_line(s, 12).count == 2);
    CHECK(pending_changes(s, 8) == 0);   // the window's tip is older than the loop's: nothing extra
}

TEST_CASE("a record is pending when its last change is after the acknowledged seq, only once enrolled") {
    CHECK_FALSE(change_pending(SyncSnapshot{}, 5));   // not enrolled: nothing is marked
    const auto s = enrolled(SyncPhase::Idle, 10, 7);
    CHECK_FALSE(change_pending(s, 6));
    CHECK_FALSE(change_pending(s, 7));
    CHECK(change_pending(s, 8));
    // Enrolled but no acknowledged seq yet (before the first reply): everything waits.
    CHECK(change_pending(enrolled(SyncPhase::Working, 10, std::nullopt), 1));
}

TEST_CASE("the enrolment form asks for an address without spaces and a code") {
    CHECK(enrol_form_problem("", "ABC") == std::optional(FormProblem::NeedAddress));
    CHECK(enrol_form_problem("   ", "ABC") == std::optional(FormProblem::NeedAddress));
    CHECK(enrol_form_problem("https://jyj.example/ sync", "ABC") == std::optional(FormProblem::AddressSpaces));
    CHECK(enrol_form_problem("https://jyj.example", " ") == std::optional(FormProblem::NeedCode));
    CHECK_FALSE(enrol_form_problem(" https://jyj.example\n", "ABC-123"));   // blanks around are trimmed
    CHECK(phase_word(SyncPhase::NotEnrolled) == "not_enrolled");
    CHECK(phase_word(SyncPhase::Waiting) == "waiting");
}

TEST_CASE("the review mark and the overview banner follow the bureau's decision on the year on view") {
    using Words = ReviewMark::Words;
    auto s = enrolled(SyncPhase::Idle, 10, 10);
    CHECK(review_mark(std::nullopt, 2025).words == Words::None);
    CHECK(review_mark(s, 2025).words == Words::None);   // never submitted
    CHECK_FALSE(review_banner(s, 2025));

    // Submitted, not yet delivered: the sync words say it; delivered: awaiting the bureau.
    s.status.reviews.push_back({2025, 1, false, "submitted", "", "", ""});
    CHECK(review_mark(s, 2025).words == Words::None);
    s.status.reviews.back().delivered = true;
    CHECK(review_mark(s, 2025).words == Words::Awaiting);
    CHECK_FALSE(review_banner(s, 2025));

    // Returned: 已退回 with the comment, and the banner with it; another year is untouched.
    s.status.reviews.back() = {2025, 1, true, "returned", "班级人数与学籍不符", "li", "2026-12-01T09:00:00Z"};
    const auto mark = review_mark(s, 2025);
    CHECK(mark.words == Words::Returned);
    CHECK(mark.tone == SyncLine::Tone::Bad);
    CHECK(mark.comment == "班级人数与学籍不符");
    REQUIRE(review_banner(s, 2025));
    CHECK(review_banner(s, 2025)->text == "班级人数与学籍不符");
    CHECK(review_mark(s, 2024).words == Words::None);
    CHECK_FALSE(review_banner(s, 2024));

    // Resubmitted as version 2: the banner goes, the year awaits the bureau again.
    s.status.reviews.back() = {2025, 2, true, "submitted", "", "", ""};
    CHECK_FALSE(review_banner(s, 2025));
    CHECK(review_mark(s, 2025).words == Words::Awaiting);

    // Accepted: 已通过, no banner; reopened: a banner with the reason.
    s.status.reviews.back() = {2025, 2, true, "accepted", "", "li", "2026-12-02T09:00:00Z"};
    CHECK(review_mark(s, 2025).words == Words::Accepted);
    CHECK(review_mark(s, 2025).tone == SyncLine::Tone::Good);
    CHECK_FALSE(review_banner(s, 2025));
    s.status.reviews.back() = {2025, 2, true, "reopened", "补录设备", "wang", "2026-12-03T09:00:00Z"};
    CHECK(review_mark(s, 2025).words == Words::Reopened);
    REQUIRE(review_banner(s, 2025));
    CHECK(review_banner(s, 2025)->text == "补录设备");
}

TEST_CASE("a terminal enrolled by file shows what waits for the next upload file, not 'not enrolled'") {
    SyncSnapshot s;   // the loop says NotEnrolled: it has no URL to sync with
    s.phase = SyncPhase::NotEnrolled;
    s.status.by_file = true;
    s.status.local_seq = 10;
    s.status.acked_seq = 6;
    s.status.pending = 4;
    const auto line = sync_line(s, 10);
    CHECK(line.words == SyncLine::Words::Pending);
    CHECK(line.count == 4);
    CHECK(change_pending(s, 7));
    CHECK_FALSE(change_pending(s, 6));
    s.status.acked_seq = 10;
    s.status.pending = 0;
    CHECK(sync_line(s, 10).words == SyncLine::Words::Done);
}

TEST_CASE("who decided: a county reviewer's name as given, one relayed from above the county worded as the window's language says") {
    jh::sync::client::ReviewInfo r;
    r.by = "李审核";
    r.at = "2026-12-01T10:00:00Z";
    CHECK(decided_by(r, "（上级教育局）") == "李审核 · 2026-12-01T10:00:00Z");
    r.by = "王处长" + std::string(jh::sync::protocol::relay::kUpstreamBySuffix);   // as the county's relay stores it
    CHECK(decided_by(r, "（上级教育局）") == "王处长（上级教育局） · 2026-12-01T10:00:00Z");
    CHECK(decided_by(r, " (upstream bureau)") == "王处长 (upstream bureau) · 2026-12-01T10:00:00Z");
    r.at.clear();
    CHECK(decided_by(r, "（上级教育局）") == "王处长（上级教育局）");
    r.by.clear();
    CHECK(decided_by(r, "（上级教育局）").empty());
}
