// Splitting the embedded user guide into the sections F1 opens, and each section into the
// blocks the help panel draws (see guide.hpp for the marker format).
#include "ui/guide.hpp"

#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

namespace jh::ui {
namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// "## 标题" → 2; 0 when the line is not a heading.
int heading_level(std::string_view line) {
    int level = 0;
    while (level < static_cast<int>(line.size()) && line[level] == '#') ++level;
    return level > 0 && level < static_cast<int>(line.size()) && line[level] == ' ' ? level : 0;
}

// **bold**, `code` and [text](link) as the plain text a reader sees.
std::string plain(std::string_view s) {
    static const std::regex link(R"(\[([^\]]*)\]\([^)]*\))");
    std::string out = std::regex_replace(std::string(s), link, "$1");
    std::string clean;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out.compare(i, 2, "**") == 0) {
            ++i;
            continue;
        }
        if (out[i] == '`') continue;
        clean += out[i];
    }
    return clean;
}

// Joins the lines of one paragraph: Chinese runs on without a space, Latin words get one.
void join(std::string& text, std::string_view line) {
    if (!text.empty() && static_cast<unsigned char>(text.back()) < 0x80 && static_cast<unsigned char>(line.front()) < 0x80)
        text += ' ';
    text += line;
}

std::vector<std::string> cells(std::string_view row) {
    row = trimmed(row);
    if (starts_with(row, "|")) row.remove_prefix(1);
    if (!row.empty() && row.back() == '|') row.remove_suffix(1);
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t bar = row.find('|', start);
        out.push_back(plain(trimmed(row.substr(start, bar - start))));
        if (bar == std::string_view::npos) return out;
        start = bar + 1;
    }
}

bool is_rule_row(std::string_view row) {   // |---|:--:|
    return row.find_first_not_of("|-: ") == std::string_view::npos && row.find('-') != std::string_view::npos;
}

// "<!-- help: id; screens: a b -->" → {id, screens}; nothing for another line.
bool read_marker(std::string_view line, GuideSection& section) {
    static const std::regex marker(R"(^<!--\s*help:\s*([a-z0-9-]+)\s*(?:;\s*screens:\s*([a-z0-9 -]*))?-->$)");
    std::match_results<std::string_view::const_iterator> match;
    if (!starts_with(line, "<!-- help:")) return false;
    if (!std::regex_match(line.begin(), line.end(), match, marker))
        throw std::runtime_error("user guide: malformed help marker: " + std::string(line));
    section.id = match[1].str();
    std::istringstream screens(match[2].str());
    for (std::string s; screens >> s;) section.screens.push_back(s);
    return true;
}

}  // namespace

std::vector<GuideSection> parse_guide(std::string_view markdown) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start < markdown.size();) {
        const std::size_t end = std::min(markdown.find('\n', start), markdown.size());
        lines.push_back(trimmed(markdown.substr(start, end - start)));
        start = end + 1;
    }
    std::vector<GuideSection> sections;
    std::vector<std::size_t> open;   // sections whose text is still running, outermost first
    bool continuing = false;         // the next plain line continues the last block
    bool in_code = false;
    // Every open section holds the same last block: a section's text includes its subsections.
    auto add = [&](GuideBlock block) {
        for (std::size_t s : open) sections[s].blocks.push_back(block);
        continuing = block.kind != GuideBlock::Kind::Heading;
    };
    auto last = [&]() -> GuideBlock* {
        return continuing && !open.empty() ? &sections[open.back()].blocks.back() : nullptr;
    };
    auto extend = [&](std::string_view text) {
        for (std::size_t s : open) join(sections[s].blocks.back().text, plain(text));
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        if (starts_with(line, "```")) {
            in_code = !in_code;
            continuing = false;
            continue;
        }
        if (const int level = heading_level(line); level > 0 && !in_code) {
            while (!open.empty() && sections[open.back()].level >= level) open.pop_back();
            GuideSection section;
            section.level = level;
            section.title = plain(trimmed(line.substr(static_cast<std::size_t>(level) + 1)));
            add({GuideBlock::Kind::Heading, section.title, {}});   // the title inside enclosing sections
            if (i + 1 < lines.size() && read_marker(lines[i + 1], section)) {
                ++i;
                sections.push_back(std::move(section));
                open.push_back(sections.size() - 1);
            }
            continuing = false;
            continue;
        }
        if (starts_with(line, "<!-- help:")) throw std::runtime_error("user guide: help marker not under a heading");
        if (line.empty() || starts_with(line, "<!--") || starts_with(line, "![")) {
            continuing = false;
            continue;
        }
        if (open.empty()) continue;   // the title page before the first section
        if (in_code) {   // a command to type: one line each, as written
            add({GuideBlock::Kind::Paragraph, std::string(line), {}});
            continuing = false;
            continue;
        }
        GuideBlock* previous = last();
        if (starts_with(line, "|")) {
            if (is_rule_row(line)) continue;
            if (!previous || previous->kind != GuideBlock::Kind::Table) add({GuideBlock::Kind::Table, "", {}});
            for (std::size_t s : open) sections[s].blocks.back().rows.push_back(cells(line));
        } else if (starts_with(line, "- ") || starts_with(line, "* ")) {
            add({GuideBlock::Kind::Bullet, plain(line.substr(2)), {}});
        } else if (line[0] >= '0' && line[0] <= '9' && line.find(". ") <= 3) {
            add({GuideBlock::Kind::Numbered, plain(line), {}});
        } else if (starts_with(line, ">")) {
            const std::string_view text = trimmed(line.substr(1));
            if (previous && previous->kind == GuideBlock::Kind::Note) extend(text);
            else add({GuideBlock::Kind::Note, plain(text), {}});
        } else if (previous && previous->kind != GuideBlock::Kind::Table) {
            extend(line);
        } else {
            add({GuideBlock::Kind::Paragraph, plain(line), {}});
        }
    }
    std::set<std::string> ids;
    for (const auto& s : sections)
        if (!ids.insert(s.id).second) throw std::runtime_error("user guide: section id used twice: " + s.id);
    return sections;
}

const std::vector<GuideSection>& guide_sections() {
    static const std::vector<GuideSection> sections = [] {
        for (const auto& file : guide_files::embedded_files())
            if (file.name == "用户手册.md") return parse_guide(file.content);
        throw std::runtime_error("the user guide is not embedded");
    }();
    return sections;
}

std::size_t guide_section_for(std::string_view screen_id) {
    const auto& sections = guide_sections();
    for (std::size_t i = 0; i < sections.size(); ++i)
        for (const auto& s : sections[i].screens)
            if (s == screen_id) return i;
    return 0;
}

std::string guide_glyph_text(std::size_t section) {
    const auto& sections = guide_sections();
    std::string text;
    for (const auto& s : sections) text += s.title;
    if (section >= sections.size()) return text;
    for (const auto& b : sections[section].blocks) {
        text += b.text;
        for (const auto& row : b.rows)
            for (const auto& cell : row) text += cell;
    }
    return text;
}

}  // namespace jh::ui
