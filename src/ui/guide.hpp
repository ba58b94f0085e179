// The Chinese user guide (docs/zh/用户手册.md), compiled in (cmake/embed.cmake) so the window's
// help (F1) works offline and never looks for the source tree. The guide is split into the
// sections F1 can open: a heading followed by a marker line
//     <!-- help: ID; screens: SCREEN_ID ... -->
// starts section ID (an HTML comment, so readers of the markdown and of its HTML never see
// it), and SCREEN_IDs are the screens whose F1 opens it (Screen::id(): overview, staff, …, and
// setup / lock). A section runs to the next heading of its level or higher, subsections
// included. No ImGui here: the panel that draws a section is ui/help_panel.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "domain/embedded.hpp"

namespace jh::ui {

namespace guide_files {
const std::vector<jh::EmbeddedFile>& embedded_files();
}

// A piece of a section as the help panel draws it. Inline markup (**bold**, `code`,
// [text](link)) is reduced to its text: the window has one font and no links.
struct GuideBlock {
    enum class Kind { Heading, Paragraph, Bullet, Numbered, Note, Table };
    Kind kind = Kind::Paragraph;
    std::string text;                              // all kinds but Table ("2. …" keeps its number)
    std::vector<std::vector<std::string>> rows;    // Table: header row first
};

struct GuideSection {
    std::string id;
    std::string title;
    int level = 2;                       // 2 for "##", 3 for "###"
    std::vector<std::string> screens;    // screens whose F1 opens this section
    std::vector<GuideBlock> blocks;      // images and markers left out
};

// Parses a guide; throws std::runtime_error on a malformed marker or a section id used twice.
std::vector<GuideSection> parse_guide(std::string_view markdown);

// The embedded guide's sections, in the guide's order (parsed once).
const std::vector<GuideSection>& guide_sections();
// The index in guide_sections() of the section F1 opens on `screen_id` (the first section,
// the guide's introduction, when no section names that screen).
std::size_t guide_section_for(std::string_view screen_id);
// Every character a section shows, with every section's title (the panel's contents list):
// what the font atlas needs while it is open.
std::string guide_glyph_text(std::size_t section);

}  // namespace jh::ui
