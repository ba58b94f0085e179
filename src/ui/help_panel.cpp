// Drawing the help panel: the guide's blocks as ImGui text, wrapped to the panel, tables as
// tables; headings in the accent colour, notes in amber.
#include "ui/help_panel.hpp"

#include <imgui.h>
#include <imgui_internal.h>   // ImTextCharFromUtf8

#include <algorithm>

#include "ui/guide.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {

void HelpPanel::show(std::size_t section, Intents& in) {
    section_ = section;
    scroll_to_top_ = true;
    in.need_glyphs(guide_glyph_text(section));   // the guide's characters join the atlas when shown, not at start-up
}

void HelpPanel::toggle(std::string_view screen_id, Intents& in) {
    open_ = !open_;
    if (!open_) return;
    screen_ = screen_id;
    show(guide_section_for(screen_id), in);
}

void HelpPanel::follow(std::string_view screen_id, Intents& in) {
    if (!open_ || screen_id == screen_) return;
    screen_ = screen_id;
    show(guide_section_for(screen_id), in);
}

namespace {

bool breaks_anywhere(unsigned int c) { return c >= 0x2E80; }   // CJK: a line may break before or after
// Chinese punctuation that must not start a line: kept on the line before, even a little over.
bool closes(unsigned int c) {
    for (const char32_t p : U"，。、；：？！）」』”’》") if (c == p) return true;
    return false;
}
// And punctuation that must not end one: moved to the next.
bool opens(unsigned int c) {
    for (const char32_t p : U"（「『“‘《") if (c == p) return true;
    return false;
}

// Text wrapped to the space left on the line. ImGui 1.86's TextWrapped breaks only at spaces,
// so a Chinese sentence runs on as one "word" and breaks ragged at its few spaces; Chinese
// breaks between any two characters (Latin words and numbers stay whole).
void text_wrapped(std::string_view text, const ImVec4* colour = nullptr) {
    const ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    const float width = ImGui::GetContentRegionAvail().x;
    const char* s = text.data();
    const char* const end = s + text.size();
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, *colour);
    while (s < end) {
        float w = 0;
        const char* p = s;
        const char* last_break = nullptr;   // after the last space or CJK character on the line
        const char* previous_at = s;        // where the last character taken starts
        unsigned int previous = 0, c = 0;
        int n = 0;
        while (p < end) {
            n = ImTextCharFromUtf8(&c, p, end);
            if (c == '\n') break;
            const float advance = font->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
            if (w + advance > width && p > s && !closes(c)) break;
            w += advance;
            previous = c;
            previous_at = p;
            p += n;
            if (c == ' ' || breaks_anywhere(c)) last_break = p;
        }
        const char* line_end = p;
        if (p < end && c != '\n' && c != ' ' && !breaks_anywhere(c) && !breaks_anywhere(previous) && last_break)
            line_end = last_break;   // inside a Latin word or a number: break before it
        else if (p < end && c != '\n' && opens(previous) && previous_at > s)
            line_end = previous_at;
        ImGui::TextUnformatted(s, line_end);
        s = line_end;
        while (s < end && (*s == ' ' || *s == '\n')) ++s;
    }
    if (text.empty()) ImGui::NewLine();
    if (colour) ImGui::PopStyleColor();
}

void draw_block(const GuideBlock& b) {
    using Kind = GuideBlock::Kind;
    switch (b.kind) {
        case Kind::Heading:
            ImGui::Spacing();
            text_wrapped(b.text, &colour::accent);
            break;
        case Kind::Paragraph: text_wrapped(b.text); break;
        case Kind::Bullet:
            ImGui::Bullet();
            ImGui::SameLine();
            ImGui::BeginGroup();
            text_wrapped(b.text);
            ImGui::EndGroup();
            break;
        case Kind::Numbered:
            ImGui::Indent(ImGui::GetFontSize() * 0.5f);
            text_wrapped(b.text);
            ImGui::Unindent(ImGui::GetFontSize() * 0.5f);
            break;
        case Kind::Note:
            ImGui::Indent(ImGui::GetFontSize());
            text_wrapped(b.text, &colour::amber);
            ImGui::Unindent(ImGui::GetFontSize());
            break;
        case Kind::Table: {
            const int columns = b.rows.empty() ? 0 : static_cast<int>(b.rows.front().size());
            if (columns == 0 || !ImGui::BeginTable("##guide_table", columns,
                                                   ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp))
                break;
            // A column of short cells (numbers, ids) keeps them on one line; the others share the rest.
            const float short_cell = ImGui::GetFontSize() * 6;
            for (int c = 0; c < columns; ++c) {
                float longest = 0;
                for (const auto& row : b.rows)
                    if (c < static_cast<int>(row.size()))
                        longest = std::max(longest, ImGui::CalcTextSize(row[static_cast<std::size_t>(c)].c_str()).x);
                if (longest <= short_cell) ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthFixed, longest);
                else ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch, std::min(longest, short_cell * 2));
            }
            for (std::size_t r = 0; r < b.rows.size(); ++r) {
                ImGui::TableNextRow(r == 0 ? ImGuiTableRowFlags_Headers : 0);
                for (int c = 0; c < columns; ++c) {
                    ImGui::TableNextColumn();
                    if (c < static_cast<int>(b.rows[r].size())) text_wrapped(b.rows[r][static_cast<std::size_t>(c)]);
                }
            }
            ImGui::EndTable();
            break;
        }
    }
}

}  // namespace

void HelpPanel::Draw(const Model& m, Intents& in) {
    if (!open_) return;
    const auto& sections = guide_sections();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float width = std::max(vp->WorkSize.x * 0.45f, std::min(vp->WorkSize.x, ImGui::GetFontSize() * 24));
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - width, vp->WorkPos.y));
    ImGui::SetNextWindowSize(ImVec2(width, vp->WorkSize.y));
    const std::string title = std::string(m.tr("help.title")) + "###help";
    ImGui::Begin(title.c_str(), nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
    // Not Esc: that leaves the form open on the screen beside.
    if (ImGui::Button(m.tr("help.close"))) open_ = false;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##contents", sections[section_].title.c_str())) {
        for (std::size_t i = 0; i < sections.size(); ++i) {
            const std::string label = std::string(static_cast<std::size_t>(sections[i].level - 2) * 2, ' ') + sections[i].title;
            if (ImGui::Selectable(label.c_str(), i == section_)) show(i, in);
        }
        ImGui::EndCombo();
    }
    if (m.english()) muted_text(m.tr("help.chinese_only"));
    ImGui::Separator();
    ImGui::BeginChild("##guide_text");
    if (scroll_to_top_) {
        ImGui::SetScrollY(0);
        scroll_to_top_ = false;
    }
    text_wrapped(sections[section_].title, &colour::accent);
    ImGui::Separator();
    int id = 0;
    for (const auto& block : sections[section_].blocks) {
        ImGui::PushID(id++);
        draw_block(block);
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace jh::ui
