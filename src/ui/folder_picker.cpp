// The shared folder picker (folder_picker.hpp).
#include "ui/folder_picker.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "ui/widgets.hpp"

namespace jh::ui {

namespace {
const ImVec4 folder_yellow{0.90f, 0.68f, 0.20f, 1.0f};
}

void folder_icon() {
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 colour = ImGui::GetColorU32(folder_yellow);
    draw->AddRectFilled(ImVec2(at.x, at.y + h * 0.18f), ImVec2(at.x + h * 0.45f, at.y + h * 0.35f), colour, 1.5f);
    draw->AddRectFilled(ImVec2(at.x, at.y + h * 0.30f), ImVec2(at.x + h * 1.1f, at.y + h * 0.9f), colour, 2.0f);
    ImGui::Dummy(ImVec2(h * 1.1f, h));
    ImGui::SameLine();
}

const char* folder_problem_text(const Model& m, FolderView::Problem problem) {
    switch (problem) {
        case FolderView::Problem::Missing: return m.tr("exchange.folder_missing");
        case FolderView::Problem::Denied: return m.tr("exchange.folder_denied");
        case FolderView::Problem::NotFolder: return m.tr("exchange.folder_not_folder");
        case FolderView::Problem::Unreadable: return m.tr("exchange.folder_unreadable");
        case FolderView::Problem::None: break;
    }
    return "";
}

std::string place_label(const Model& m, const Place& place) {
    switch (place.kind) {
        case Place::Kind::Home: return m.tr("exchange.home");
        case Place::Kind::Desktop: return m.tr("exchange.desktop");
        case Place::Kind::Documents: return m.tr("exchange.documents");
        case Place::Kind::Drive: break;
    }
    char label[512];
    std::snprintf(label, sizeof label, m.tr("exchange.drive"), place.name.c_str());
    return label;
}

void FolderPicker::draw(const Model& m, const std::optional<FolderView>& view, const Open& open, float lines) {
    if (view && view->folder != shown_) shown_ = typed_ = view->folder;
    if (view && !view->places.empty()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(m.tr("exchange.places"));
        for (const auto& place : view->places) {
            ImGui::SameLine();
            ImGui::PushID(place.path.c_str());
            if (ImGui::Button(place_label(m, place).c_str())) open(place.path);
            ImGui::PopID();
        }
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(m.tr("exchange.folder"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(560.0f, ImGui::GetContentRegionAvail().x * 0.6f));
    bool go = ImGui::InputText("##picker_folder", &typed_, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    go |= ImGui::Button(m.tr("exchange.open"));
    ImGui::SameLine();
    if (ImGui::Button(m.tr("exchange.refresh"))) open(view ? view->folder : typed_);
    if (go) open(typed_);
    if (!view) return;
    ImGui::BeginChild("##picker", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * lines), true);
    if (view->parent && ImGui::Selectable(m.tr("exchange.up"))) open(*view->parent);
    if (view->problem != FolderView::Problem::None) wrapped_colored(colour::red, folder_problem_text(m, view->problem));
    for (const auto& name : view->folders) {
        ImGui::PushID(name.c_str());
        folder_icon();
        if (ImGui::Selectable(name.c_str())) open((std::filesystem::path(view->folder) / name).string());
        ImGui::PopID();
    }
    ImGui::EndChild();
}

}  // namespace jh::ui
