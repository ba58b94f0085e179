// Sync and submission (同步与上报): the enrolment form until the terminal is enrolled, then the
// state in words — where it is enrolled, what waits for upload, the last success in the
// receiver's time, the last error — with "sync now", "submit this year" (confirmed: the year
// locks) and every submission with whether the bureau has acknowledged it. Everything shown
// comes from the sync worker's snapshot in the model; the buttons only post requests to it.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "domain/school_year.hpp"
#include "domain/figures.hpp"
#include "ui/capture.hpp"
#include "ui/screens/screen.hpp"
#include "ui/screens/usb_panel.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {
namespace {

// "%s"/"%d" in a catalogue string replaced by `value`.
std::string filled(const char* pattern, const std::string& value) {
    std::string out = pattern;
    for (const char* mark : {"%s", "%d"})
        if (const auto at = out.find(mark); at != std::string::npos) {
            out.replace(at, 2, value);
            break;
        }
    return out;
}

struct SyncScreen final : Screen {
    std::string url_, code_;
    std::optional<FormProblem> form_problem_;
    bool reenrol_ = false;            // the form shown again over an enrolment (a replaced code)
    std::uint64_t enrol_sent_at_ = 0;  // the loop's generation when the form was sent (0: not sent)
    UsbPanel usb_;                     // sync by USB file, both directions (usb_panel.hpp)

    std::string_view id() const override { return "sync"; }
    const char* title(const Model& m) const override { return m.tr("nav.sync"); }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.sync"));
        if (!m.sync) {   // no worker (it could not start): said plainly
            wrapped_colored(colour::amber, m.tr("sync.off"));
            return;
        }
        const SyncSnapshot& s = *m.sync;
        if (!s.store_error.empty()) wrapped_colored(colour::red, m.tr("sync.store_error"));
        if (s.status.by_file) {   // enrolled from the bureau's file: no network, files both ways
            draw_by_file(m, s);
            draw_submissions(m, in, s);
            usb_.draw(m, in, true);
            return;
        }
        if (!s.status.enrolled || reenrol_) {
            draw_form(m, in, s);
            if (!s.status.enrolled) {
                usb_.draw(m, in, false);
                return;
            }
            ImGui::Separator();
        }
        if (s.status.enrolled && enrol_sent_at_ && s.generation > enrol_sent_at_ && s.phase != SyncPhase::Working) {
            reenrol_ = false;   // the form gives way to the state once the enrolment is answered
            enrol_sent_at_ = 0;
            code_.clear();
        }
        draw_state(m, in, s);
        ImGui::Spacing();
        draw_submissions(m, in, s);
        usb_.draw(m, in, true);
    }

    // A terminal that syncs by file: what waits for the next upload file, the last reply file.
    void draw_by_file(const Model& m, const SyncSnapshot& s) {
        const auto& st = s.status;
        ImGui::TextUnformatted(m.tr("sync.by_file"));
        const std::int64_t pending = pending_changes(s, m.audit_seq);
        if (pending > 0) wrapped_colored(colour::amber, filled(m.tr("sync.usb_pending"), std::to_string(pending)));
        else wrapped_colored(colour::green, m.tr("sync.all_uploaded"));
        ImGui::TextColored(colour::muted, "%s",
                           filled(m.tr("sync.usb_last_reply"), st.last_reply_at.empty() ? m.tr("sync.never") : st.last_reply_at).c_str());
        // After 上报 the worker says the submission waits for a file: said as a hint, not an error.
        if (s.last_report && s.last_report->problem == "by_file") muted_text(m.tr("sync.usb_after_submit"));
    }

    void draw_form(const Model& m, Intents& in, const SyncSnapshot& s) {
        wrapped_colored(colour::muted, m.tr("sync.enrol_explain"));
        ImGui::Spacing();
        const float label_width = std::max(ImGui::CalcTextSize(m.tr("sync.address")).x, ImGui::CalcTextSize(m.tr("sync.code")).x) +
                                  ImGui::GetStyle().ItemSpacing.x;
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(m.tr("sync.address"));
        ImGui::SameLine(label_width);
        ImGui::SetNextItemWidth(std::min(520.0f * ImGui::GetFontSize() / 18.0f, ImGui::GetContentRegionAvail().x));
        if (ImGui::InputTextWithHint("##address", "https://", &url_)) form_problem_.reset();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(m.tr("sync.code"));
        ImGui::SameLine(label_width);
        ImGui::SetNextItemWidth(260.0f * ImGui::GetFontSize() / 18.0f);
        if (ImGui::InputText("##code", &code_)) form_problem_.reset();
        const bool sending = enrol_sent_at_ != 0 && (s.phase == SyncPhase::Working || s.generation <= enrol_sent_at_);
        ImGui::BeginDisabled(sending);
        if (ImGui::Button(m.tr("sync.enrol"))) {
            form_problem_ = enrol_form_problem(url_, code_);
            if (!form_problem_) {
                in.sync_enrol(domain::trimmed(url_), domain::trimmed(code_));
                enrol_sent_at_ = s.generation;
            }
        }
        ImGui::EndDisabled();
        if (reenrol_) {
            ImGui::SameLine();
            if (ImGui::Button(m.tr("common.cancel"))) {
                reenrol_ = false;
                form_problem_.reset();
            }
        }
        if (sending) {
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            ImGui::TextColored(colour::muted, "%s", m.tr("sync.enrolling"));
        }
        if (form_problem_)
            wrapped_colored(colour::red, *form_problem_ == FormProblem::NeedAddress     ? m.tr("sync.need_address")
                                         : *form_problem_ == FormProblem::AddressSpaces ? m.tr("sync.address_spaces")
                                                                                        : m.tr("sync.need_code"));
        // The answer to the enrolment (a refused code, an unreachable address) under the form.
        else if (!sending && enrol_sent_at_ && s.last_report && s.last_report->outcome != sync::client::Outcome::Delivered)
            wrapped_colored(colour::red, m.text(s.last_report->message));
    }

    void draw_state(const Model& m, Intents& in, const SyncSnapshot& s) {
        const auto& st = s.status;
        ImGui::TextUnformatted(filled(m.tr("sync.enrolled_at"), st.receiver_url).c_str());
        if (!reenrol_) {
            ImGui::SameLine();
            if (ImGui::SmallButton(m.tr("sync.reenrol"))) reenrol_ = true;
        }
        if (st.unencrypted) wrapped_colored(colour::amber, m.tr("sync.unencrypted"));
        const std::int64_t pending = pending_changes(s, m.audit_seq);
        if (pending > 0) wrapped_colored(colour::amber, filled(m.tr("sync.pending"), std::to_string(pending)));
        else wrapped_colored(colour::green, m.tr("sync.all_uploaded"));
        ImGui::TextColored(colour::muted, "%s",
                           filled(m.tr("sync.last_success"), st.last_reply_at.empty() ? m.tr("sync.never") : st.last_reply_at).c_str());
        switch (s.phase) {
        case SyncPhase::Working: ImGui::TextColored(colour::muted, "%s", m.tr("sync.working")); break;
        case SyncPhase::Waiting:
            wrapped_colored(colour::amber,
                            filled(m.tr("sync.waiting"), std::to_string(s.retry_in ? (s.retry_in->count() + 999) / 1000 : 0)));
            break;
        case SyncPhase::Stopped: wrapped_colored(colour::red, m.tr("sync.stopped")); break;
        default: break;
        }
        if (s.last_report && s.last_report->outcome != sync::client::Outcome::Delivered)
            wrapped_colored(s.last_report->outcome == sync::client::Outcome::Fatal ? colour::red : colour::amber,
                            filled(m.tr("sync.last_error"), m.text(s.last_report->message)));
        // The store refused to lock the year (validation, unconfirmed pupils): the years screen lists why.
        if (s.last_report && s.last_report->problem == "local" && s.last_report->outcome != sync::client::Outcome::Delivered)
            muted_text(m.tr("sync.local_hint"));
        ImGui::Spacing();
        ImGui::BeginDisabled(s.phase == SyncPhase::Working);
        if (ImGui::Button(m.tr("sync.now"))) in.sync_now();
        mark_for_tests("sync_now");
        ImGui::EndDisabled();
    }

    void draw_submissions(const Model& m, Intents& in, const SyncSnapshot& s) {
        ImGui::Separator();
        ImGui::TextUnformatted(m.tr("sync.submissions"));
        const auto* year = m.current_year();
        const std::string year_name = m.school_year_span(m.year);
        if (year && year->status != domain::YearStatus::Submitted) {
            ImGui::BeginDisabled(s.phase == SyncPhase::Working);
            if (ImGui::Button(filled(m.tr("sync.submit"), year_name).c_str())) ImGui::OpenPopup("##submit");
            ImGui::EndDisabled();
            if (confirm_popup(m, "##submit", filled(m.tr("sync.submit_question"), year_name))) in.sync_submit(m.year);
        } else if (year) {
            ImGui::TextColored(colour::muted, "%s", filled(m.tr("sync.year_locked"), year_name).c_str());
        }
        if (s.status.submissions.empty()) {
            ImGui::TextColored(colour::muted, "%s", m.tr("sync.no_submissions"));
            return;
        }
        const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                      ImGuiTableFlags_SizingStretchProp;
        if (!ImGui::BeginTable("##submissions", 4, flags)) return;
        ImGui::TableSetupColumn(m.tr("sync.col_year"));
        ImGui::TableSetupColumn(m.tr("sync.col_version"));
        ImGui::TableSetupColumn(m.tr("sync.col_state"));
        ImGui::TableSetupColumn(m.tr("sync.col_review"));
        ImGui::TableHeadersRow();
        for (const auto& sub : s.status.submissions) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(m.school_year_span(sub.year).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", sub.version);
            ImGui::TableNextColumn();
            if (sub.delivered()) ImGui::TextColored(colour::green, "%s", filled(m.tr("sync.delivered"), sub.received_at).c_str());
            else ImGui::TextColored(colour::amber, "%s", m.tr("sync.submission_pending"));
            ImGui::TableNextColumn();
            // The review state belongs to the year's latest version; an earlier one was superseded.
            const auto review = review_of(m.sync, sub.year);
            if (review && review->version == sub.version) draw_review_state(m, *review);
            else if (review) ImGui::TextColored(colour::muted, "%s", m.tr("review.superseded"));
        }
        ImGui::EndTable();
        draw_decisions(m, s);
    }

    static void draw_review_state(const Model& m, const sync::client::ReviewInfo& r) {
        if (r.state == "returned") ImGui::TextColored(colour::red, "%s", m.tr("review.returned"));
        else if (r.state == "accepted") ImGui::TextColored(colour::green, "%s", m.tr("review.accepted"));
        else if (r.state == "reopened") ImGui::TextColored(colour::amber, "%s", m.tr("review.reopened"));
        else if (r.delivered) ImGui::TextColored(colour::muted, "%s", m.tr("review.awaiting"));
        else ImGui::TextColored(colour::muted, "%s", "—");
    }

    // The bureau's decisions with their comments, whole, and what the last sync brought.
    static void draw_decisions(const Model& m, const SyncSnapshot& s) {
        for (const auto& r : s.status.reviews) {
            if (r.state == "submitted") continue;
            ImGui::Spacing();
            char head[512];
            std::snprintf(head, sizeof head,
                          r.state == "returned"   ? m.tr("review.decision_returned")
                          : r.state == "accepted" ? m.tr("review.decision_accepted")
                                                  : m.tr("review.decision_reopened"),
                          m.school_year_span(r.year).c_str(), r.version);
            wrapped_colored(r.state == "returned" ? colour::red : r.state == "accepted" ? colour::green : colour::amber, head);
            ImGui::Indent();
            if (!r.text.empty()) wrapped_colored(ImGui::GetStyleColorVec4(ImGuiCol_Text), r.text);
            if (const auto who = decided_by(r, m.tr("review.upstream_suffix")); !who.empty())
                ImGui::TextColored(colour::muted, "%s", who.c_str());
            ImGui::Unindent();
        }
        if (!s.last_report) return;
        const auto& report = *s.last_report;
        if (!report.inbox.notes.empty()) {
            ImGui::Spacing();
            ImGui::TextUnformatted(m.tr("review.arrived"));
            for (const auto& note : report.inbox.notes) wrapped_colored(colour::muted, m.text(note));
        }
        if (!report.inbox_error.empty()) wrapped_colored(colour::amber, m.tr("review.fetch_failed"));
    }
};

}  // namespace

std::unique_ptr<Screen> make_sync_screen() { return std::make_unique<SyncScreen>(); }

}  // namespace jh::ui
