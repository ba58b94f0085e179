// The user guide as the window's help reads it: every screen's F1 opens a page of its own
// subject, markers are well formed, and the markdown becomes the blocks the panel draws.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "ui/guide.hpp"
#include "ui/screens/screen.hpp"

using jh::ui::GuideBlock;

TEST_CASE("every screen's F1 opens a section of the guide that names it") {
    const auto& sections = jh::ui::guide_sections();
    REQUIRE(sections.size() > 10);
    std::vector<std::string> ids{"setup", "lock"};
    for (const auto& screen : jh::ui::make_screens()) ids.emplace_back(screen->id());
    std::set<std::string> named;
    for (const auto& s : sections) {
        INFO(s.id);
        CHECK_FALSE(s.title.empty());
        CHECK_FALSE(s.blocks.empty());
        for (const auto& screen : s.screens) CHECK(named.insert(screen).second);   // one page per screen
    }
    for (const auto& id : ids) {
        INFO(id);
        CHECK(named.contains(id));
        const auto& section = sections[jh::ui::guide_section_for(id)];
        CHECK(std::find(section.screens.begin(), section.screens.end(), id) != section.screens.end());
    }
    CHECK(sections[jh::ui::guide_section_for("overview")].id == "overview");
    CHECK(sections[jh::ui::guide_section_for("exchange")].id == "import");
    CHECK(jh::ui::guide_section_for("no-such-screen") == 0);
}

TEST_CASE("the overview's page explains every indicator and the 6-of-7 rule") {
    const auto& section = jh::ui::guide_sections()[jh::ui::guide_section_for("overview")];
    const std::string text = jh::ui::guide_glyph_text(jh::ui::guide_section_for("overview"));
    for (const char* id : {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "G3", "G5", "G9", "G12", "Q1", "Q4", "85%", "6 项"}) {
        INFO(id);
        CHECK(text.find(id) != std::string::npos);
    }
    CHECK(std::any_of(section.blocks.begin(), section.blocks.end(),
                      [](const GuideBlock& b) { return b.kind == GuideBlock::Kind::Table && b.rows.size() == 8; }));
}

TEST_CASE("markdown becomes headings, paragraphs, lists, notes and tables — sections nest") {
    const auto sections = jh::ui::parse_guide(R"(# Title
Before any section: not shown.

## First
<!-- help: first; screens: a b -->

One line
and its **continuation** with `code` and a [link](x.html).

![a picture](images/x.png)

- a bullet
1. a step
> a note
> continued

### Inner
<!-- help: inner; screens: c -->

| h1 | h2 |
|---|---|
| x | y |

### Unmarked
text under unmarked
## Second
<!-- help: second -->
last
)");
    REQUIRE(sections.size() == 3);
    CHECK(sections[0].id == "first");
    CHECK(sections[0].screens == std::vector<std::string>{"a", "b"});
    CHECK(sections[1].id == "inner");
    CHECK(sections[1].level == 3);
    CHECK(sections[2].screens.empty());
    const auto& b = sections[0].blocks;
    REQUIRE(b.size() == 8);   // "## Second" ends "First"
    CHECK(b[0].kind == GuideBlock::Kind::Paragraph);
    CHECK(b[0].text == "One line and its continuation with code and a link.");
    CHECK(b[1].kind == GuideBlock::Kind::Bullet);
    CHECK(b[2].kind == GuideBlock::Kind::Numbered);
    CHECK(b[2].text == "1. a step");
    CHECK(b[3].kind == GuideBlock::Kind::Note);
    CHECK(b[3].text == "a note continued");
    CHECK(b[4].kind == GuideBlock::Kind::Heading);   // the subsection's title, inside its parent
    CHECK(b[5].kind == GuideBlock::Kind::Table);
    CHECK(b[5].rows == std::vector<std::vector<std::string>>{{"h1", "h2"}, {"x", "y"}});
    CHECK(b[6].text == "Unmarked");
    CHECK(b[7].text == "text under unmarked");
    REQUIRE(sections[1].blocks.size() == 1);   // "Inner" ends at the next ### heading
    CHECK(sections[2].blocks.size() == 1);
}

TEST_CASE("a malformed marker or a section id used twice is refused") {
    CHECK_THROWS(jh::ui::parse_guide("## A\n<!-- help: A B -->\n"));
    CHECK_THROWS(jh::ui::parse_guide("## A\n<!-- help: a -->\n## B\n<!-- help: a -->\n"));
    CHECK_THROWS(jh::ui::parse_guide("## A\n\n<!-- help: a -->\n"));
}
