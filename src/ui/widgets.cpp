// Shared drawing helpers.
#include "ui/widgets.hpp"

namespace jh::ui {

std::string shown(const Model& m, domain::FieldType type, std::span<const domain::EnumLabel> labels,
                  const domain::Value& value) {
    if (std::holds_alternative<std::monostate>(value)) return {};
    if (type == domain::FieldType::Bool) return std::get<std::int64_t>(value) ? m.tr("common.yes") : m.tr("common.no");
    if (type == domain::FieldType::Enum) {
        const auto& code = std::get<std::string>(value);
        for (const auto& l : labels)
            if (l.code == code) return std::string(m.label(l));
    }
    return domain::display(type, labels, value);
}

void heading(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour::accent);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ImGui::Separator();
}

void muted_text(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

void wrapped_colored(const ImVec4& c, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, c);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

bool confirm_popup(const Model& m, const char* id, const std::string& question) {
    bool confirmed = false;
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(question.c_str());
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Button, colour::red);
        if (ImGui::Button(m.tr("common.confirm"), ImVec2(140, 0))) {
            confirmed = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::PopStyleColor();
        ImGui::SameLine();
        if (ImGui::Button(m.tr("common.cancel"), ImVec2(120, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    return confirmed;
}

LeaveAnswer leave_question(const Model& m, const char* id) {
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return LeaveAnswer::None;
    const bool keys = !ImGui::IsWindowAppearing();
    ImGui::TextUnformatted(m.tr("guard.question"));
    // Unwrapped: a wrapped line would size the auto-resized modal from the window it opened in.
    ImGui::TextColored(colour::muted, "%s", m.tr("guard.draft_note"));
    LeaveAnswer answer = LeaveAnswer::None;
    if (ImGui::Button(m.tr("guard.keep")) || (keys && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false)))
        answer = LeaveAnswer::Keep;
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, colour::red);
    if (ImGui::Button(m.tr("guard.discard"))) answer = LeaveAnswer::Discard;
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (ImGui::Button(m.tr("guard.stay")) || (keys && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)))
        answer = LeaveAnswer::Stay;
    if (answer != LeaveAnswer::None) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return answer;
}

std::string ellipsized(std::string_view text, float max_width, const std::function<float(std::string_view)>& width_of) {
    if (width_of(text) <= max_width) return std::string(text);
    const auto continues_character = [&](std::size_t i) { return (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; };
    for (std::size_t end = text.size(); end > 0;) {
        --end;   // one character fewer: back to its first byte
        while (end > 0 && continues_character(end)) --end;
        std::string shorter = std::string(text.substr(0, end)) + "…";
        if (width_of(shorter) <= max_width) return shorter;
    }
    return "…";
}

std::string fitted_label(std::string_view detail, float max_width, const std::function<std::string(std::string_view)>& describe) {
    const float padding = ImGui::GetStyle().FramePadding.x * 2;
    return describe(ellipsized(detail, max_width, [&](std::string_view part) {
        return ImGui::CalcTextSize(describe(part).c_str()).x + padding;
    }));
}

bool ctrl_pressed(int glfw_key) { return ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(glfw_key, false); }

}  // namespace jh::ui
