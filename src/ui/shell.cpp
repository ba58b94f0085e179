// Layout of the window and the global shortcuts.
#include "domain/school_year.hpp"
#include "ui/shell.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "ui/widgets.hpp"

namespace jh::ui {
namespace {
constexpr float kNavWidth = 190;
constexpr float kStatusHeight = 30;

float line_end() { return ImGui::GetWindowContentRegionMax().x; }

// Continues the line when `width` fits in what is left of it, else starts the next one.
void same_line_if_fits(float width) {
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + width > line_end()) ImGui::NewLine();
}
}  // namespace

Shell::Shell(const std::string& first_screen)
    : screens_(make_screens()), setup_(make_setup_screen()), lock_(make_lock_screen()) {
    for (std::size_t i = 0; i < screens_.size(); ++i)
        if (screens_[i]->id() == first_screen) current_ = i;
}

std::string_view Shell::current_id() const { return screens_[current_]->id(); }

std::string_view Shell::on_view(const Model& m) const {
    return !m.school ? setup_->id() : m.locked ? lock_->id() : current_id();
}

void Shell::go(std::size_t index) {
    if (index == current_ || index >= screens_.size()) return;
    if (screens_[current_]->has_unsaved_edits()) pending_screen_ = index;
    else current_ = index;
}

void Shell::navigate(const std::string& id, Intents&) {
    for (std::size_t i = 0; i < screens_.size(); ++i)
        if (screens_[i]->id() == id) go(i);
}

void Shell::Draw(const Model& m, Intents& in) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings;
    ImGui::Begin("##terminal", nullptr, flags);
    const float scale = ImGui::GetFontSize() / 18.0f;
    if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false)) quit_asked_ = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_F1, false)) help_.toggle(on_view(m), in);
    if (!m.school) {
        setup_->Draw(m, in);
        if (quit_asked_) in.quit();
    } else if (m.locked) {
        // What the last person left open is not the next one's to save under their name: the
        // forms close, their drafts stay and are offered back when the screen is shown again.
        if (!was_locked_)
            for (auto& screen : screens_) screen->close_forms(in, false);
        lock_->Draw(m, in);
        if (quit_asked_) in.quit();
    } else {
        shortcuts(m, in);
        const float body = ImGui::GetContentRegionAvail().y - kStatusHeight * scale;
        ImGui::BeginChild("##nav", ImVec2(kNavWidth * scale, body), true);
        draw_navigation(m, in);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("##main", ImVec2(0, body), false);
        draw_top_bar(m, in);
        ImGui::BeginChild("##screen", ImVec2(0, 0), false);
        screens_[current_]->Draw(m, in);
        ImGui::EndChild();
        ImGui::EndChild();
        draw_status_bar(m, in);
        if (quit_asked_) {
            if (screens_[current_]->has_unsaved_edits()) pending_quit_ = true;
            else in.quit();
        }
        draw_leave_guard(m, in);
    }
    quit_asked_ = false;
    was_locked_ = m.locked;
    ImGui::End();
    help_.follow(on_view(m), in);
    help_.Draw(m, in);
}

void Shell::draw_navigation(const Model& m, Intents&) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour::accent);
    ImGui::TextUnformatted(m.tr("app.name"));
    ImGui::PopStyleColor();
    ImGui::Separator();
    for (std::size_t i = 0; i < screens_.size(); ++i) {
        if (i == 9 || i == 12) ImGui::Separator();   // data entry | exchange & years | administration
        if (ImGui::Selectable(screens_[i]->title(m), i == current_, 0, ImVec2(0, ImGui::GetFrameHeight()))) go(i);
    }
}

void Shell::draw_top_bar(const Model& m, Intents& in) {
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(m.school->name.c_str());
    draw_year_choice(m, in);
    const std::string who = std::string(m.tr("top.operator")) + (m.operator_name.empty() ? "—" : m.operator_name);
    const float who_and_lock = ImGui::CalcTextSize(who.c_str()).x + style.ItemSpacing.x +
                               ImGui::CalcTextSize(m.tr("top.lock")).x + style.FramePadding.x * 2;
    draw_undo_button(m, in, who_and_lock);
    // At the right edge; below when the line is full (large text) rather than over the buttons.
    const float right_x = line_end() - who_and_lock;
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() > right_x) ImGui::NewLine();
    ImGui::SetCursorPosX(right_x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(who.c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(m.operators.empty());
    if (ImGui::Button(m.tr("top.lock"))) in.lock();
    ImGui::EndDisabled();
    ImGui::Separator();
}

void Shell::draw_year_choice(const Model& m, Intents& in) {
    const auto year_label = [&](int y) { return m.school_year_span(y) + m.tr("top.year_suffix"); };
    // As wide as its label and arrow at any text size.
    const float width = ImGui::CalcTextSize(year_label(m.year).c_str()).x + ImGui::GetStyle().FramePadding.x * 2 +
                        ImGui::GetFrameHeight();
    same_line_if_fits(width);
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("##year", year_label(m.year).c_str())) {
        for (const auto& y : m.years)
            if (ImGui::Selectable(year_label(y.year).c_str(), y.year == m.year)) in.open_year(y.year);
        ImGui::EndCombo();
    }
    if (m.read_only()) {
        same_line_if_fits(ImGui::CalcTextSize(m.tr("top.submitted")).x);
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(colour::amber, "%s", m.tr("top.submitted"));
    }
}

// The undo button takes the room left on the line (the next line when not even its short form
// fits there), leaving the operator and Lock theirs when it can; a long change is cut with "…"
// and shown whole as the tooltip.
void Shell::draw_undo_button(const Model& m, Intents& in, float who_and_lock) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float least = ImGui::CalcTextSize(m.tr("top.undo")).x + style.FramePadding.x * 2;
    same_line_if_fits(least);
    float room = line_end() - ImGui::GetCursorPosX();
    if (room - who_and_lock - style.ItemSpacing.x >= least) room -= who_and_lock + style.ItemSpacing.x;
    const std::string full = m.undo ? undo_label(m, m.text(m.undo->label)) : m.tr("top.undo");
    const std::string label =
        m.undo ? fitted_label(m.text(m.undo->label), room, [&](std::string_view change) { return undo_label(m, change); })
               : full;
    ImGui::BeginDisabled(!m.undo);
    if (ImGui::Button(label.c_str())) in.undo(*m.undo);
    if (label != full && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", full.c_str());
    ImGui::EndDisabled();
    top_bar_ = {label, ImGui::GetItemRectMax().x <= ImGui::GetWindowPos().x + line_end() + 0.5f};
}

std::string undo_label(const Model& m, std::string_view change) {
    std::string label = m.tr("top.undo_change");
    if (const auto at = label.find("%s"); at != std::string::npos) label.replace(at, 2, change);
    return label;
}

void Shell::draw_status_bar(const Model& m, Intents& in) {
    ImGui::Separator();
    ImGui::AlignTextToFramePadding();
    if (m.worker_busy) {
        ImGui::TextColored(colour::muted, "%s", m.tr("status.working"));
        ImGui::SameLine();
    }
    const ImVec4 c = m.status.kind == Status::Kind::Error     ? colour::red
                     : m.status.kind == Status::Kind::Success ? colour::green
                                                              : colour::muted;
    std::string line = m.text(m.status.message);
    for (const auto& issue : m.status.issues) line += "；" + m.text(issue.message);
    ImGui::TextColored(c, "%s", line.c_str());
    const SyncLine sync = sync_line(m.sync, m.audit_seq);
    const std::string words = sync_status_text(m);
    const auto colour_of = [](SyncLine::Tone t) {
        return t == SyncLine::Tone::Good   ? colour::green
               : t == SyncLine::Tone::Warn ? colour::amber
               : t == SyncLine::Tone::Bad  ? colour::red
                                           : colour::muted;
    };
    // The bureau's decision on the year on view, left of the sync words: hovering shows the
    // comment, a click opens the sync screen where it is shown whole.
    const ReviewMark review = review_mark(m.sync, m.year);
    const std::string review_words = review_status_text(m);
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    const float review_width = review_words.empty() ? 0 : ImGui::CalcTextSize(review_words.c_str()).x + gap;
    ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::CalcTextSize(words.c_str()).x - 20 - review_width);
    if (!review_words.empty()) {
        ImGui::TextColored(colour_of(review.tone), "%s", review_words.c_str());
        if (ImGui::IsItemHovered() && !review.comment.empty()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
            ImGui::TextUnformatted(review.comment.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        if (ImGui::IsItemClicked()) navigate("sync", in);
        ImGui::SameLine(0, gap);
    }
    ImGui::TextColored(colour_of(sync.tone), "%s", words.c_str());
}

std::string review_status_text(const Model& m) {
    using Words = ReviewMark::Words;
    switch (review_mark(m.sync, m.year).words) {
    case Words::None: return "";
    case Words::Awaiting: return m.tr("review.awaiting");
    case Words::Returned: return m.tr("review.returned");
    case Words::Accepted: return m.tr("review.accepted");
    case Words::Reopened: return m.tr("review.reopened");
    }
    return "";
}

std::string sync_status_text(const Model& m) {
    using Words = SyncLine::Words;
    const SyncLine line = sync_line(m.sync, m.audit_seq);
    switch (line.words) {
    case Words::Off: return m.tr("status.sync_off");
    case Words::NotEnrolled: return m.tr("status.sync_not_enrolled");
    case Words::Stopped: return m.tr("status.sync_stopped");
    case Words::Unreachable: return m.tr("status.sync_unreachable");
    case Words::Done: return m.tr("status.sync_done");
    case Words::Pending: break;
    }
    std::string words = m.tr("status.sync_pending");
    if (const auto at = words.find("%d"); at != std::string::npos) words.replace(at, 2, std::to_string(line.count));
    return words;
}

void Shell::draw_leave_guard(const Model& m, Intents& in) {
    if (pending_screen_ || pending_quit_) ImGui::OpenPopup("##unsaved");
    const LeaveAnswer answer = leave_question(m, "##unsaved");
    if (answer == LeaveAnswer::Keep || answer == LeaveAnswer::Discard) {
        screens_[current_]->close_forms(in, answer == LeaveAnswer::Discard);
        if (pending_quit_) in.quit();
        else current_ = *pending_screen_;
    }
    if (answer != LeaveAnswer::None) {
        pending_screen_.reset();
        pending_quit_ = false;
    }
}

void Shell::shortcuts(const Model& m, Intents& in) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl) return;
    for (int k = 0; k < 9; ++k)
        if (ImGui::IsKeyPressed(GLFW_KEY_1 + k, false)) go(static_cast<std::size_t>(k));
    if (ImGui::IsKeyPressed(GLFW_KEY_PAGE_DOWN, false)) go((current_ + 1) % screens_.size());
    if (ImGui::IsKeyPressed(GLFW_KEY_PAGE_UP, false)) go((current_ + screens_.size() - 1) % screens_.size());
    if (ImGui::IsKeyPressed(GLFW_KEY_L, false) && !m.operators.empty()) in.lock();
    // In a text field Ctrl+Z undoes typing; elsewhere it undoes the last saved change.
    if (ImGui::IsKeyPressed(GLFW_KEY_Z, false) && !io.WantTextInput && m.undo) in.undo(*m.undo);
}

}  // namespace jh::ui
