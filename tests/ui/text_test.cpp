// Text plumbing of the terminal: UTF-8 decoding for the font atlas, the text it must cover,
// and the conversion of field values to and from what an input shows.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "indicators/pack.hpp"
#include "ui/fonts.hpp"
#include "ui/model.hpp"
#include "ui/record_form.hpp"
#include "ui/record_table.hpp"

using jh::domain::FieldType;
using jh::domain::Value;

TEST_CASE("rare name characters decode to their code points and encode back") {
    const std::string names = "罕琰喆燚堃昇玥a";
    std::vector<char32_t> points;
    jh::ui::for_each_codepoint(names, [&](char32_t c) { points.push_back(c); });
    CHECK(points == std::vector<char32_t>{0x7F55, 0x7430, 0x5586, 0x71DA, 0x5803, 0x6607, 0x73A5, 'a'});
    std::string back;
    for (char32_t c : points) back += jh::ui::to_utf8(c);
    CHECK(back == names);
}

TEST_CASE("malformed UTF-8 is skipped, not misread") {
    std::vector<char32_t> points;
    jh::ui::for_each_codepoint(std::string("a\xE7\xBD") + "b", [&](char32_t c) { points.push_back(c); });
    CHECK(points.front() == 'a');
    CHECK(points.back() == 'b');
}

TEST_CASE("field values round-trip through their input text") {
    using jh::ui::from_input;
    using jh::ui::to_input;
    CHECK(to_input(FieldType::Real, Value{2413.5}) == "2413.5");
    CHECK(from_input(FieldType::Real, "2413.5") == Value{2413.5});
    CHECK(from_input(FieldType::Integer, "40") == Value{std::int64_t{40}});
    CHECK(to_input(FieldType::Bool, Value{std::int64_t{1}}) == "1");
    CHECK(from_input(FieldType::Text, "李堃") == Value{std::string("李堃")});
    CHECK(from_input(FieldType::Integer, "") == Value{});
}

TEST_CASE("text that is not a number of its field's kind is refused") {
    using jh::ui::from_input;
    CHECK_FALSE(from_input(FieldType::Integer, "4O").has_value());
    CHECK_FALSE(from_input(FieldType::Integer, "1.5").has_value());
    CHECK_FALSE(from_input(FieldType::Real, "12abc").has_value());
}

TEST_CASE("table search ignores ASCII case and matches Chinese as typed") {
    CHECK(jh::ui::contains_text("Projector 投影仪", "projector"));
    CHECK(jh::ui::contains_text("投影仪", "投影"));
    CHECK_FALSE(jh::ui::contains_text("投影仪", "电脑"));
}

TEST_CASE("an atlas holds exactly the characters asked for, rare name characters included") {
    const auto faces = jh::ui::find_chinese_faces();
    REQUIRE_MESSAGE(!faces.empty(), "no Chinese font found by fontconfig (fonts-noto-cjk)");
    jh::ui::GlyphSet wanted = jh::ui::base_glyphs();
    CHECK_FALSE(wanted.test(0x7F55));
    CHECK(jh::ui::add_text(wanted, "罕琰喆燚堃"));
    CHECK_FALSE(jh::ui::add_text(wanted, "琰罕"));   // nothing new: no rebuild needed
    const auto built = jh::ui::build_atlas(faces, wanted, 18.0f);
    CHECK(built.glyphs.test(0x7F55));   // 罕
    CHECK(built.glyphs.test(0x71DA));   // 燚
    CHECK(built.glyphs.test('A'));
    CHECK_FALSE(built.glyphs.test(0x946B));   // 鑫 was not asked for
    CHECK(built.pixel_size == 18.0f);
}

TEST_CASE("the benchmark's full Chinese range holds the rare name characters") {
    jh::ui::GlyphSet full;
    jh::ui::add_full_chinese_range(full);
    CHECK(full.count() > 20000);
    CHECK(full.test(0x7F55));   // 罕
    CHECK(full.test(0x5803));   // 堃
    CHECK_FALSE(full.test(0xAC00));   // Korean is not in it
}

TEST_CASE("the fixed text the atlas must cover: rule packs, field labels and every choice") {
    // Before any school is loaded: the settings list the packs and the forms their choices
    // whatever the data (the staff table once showed '?' for 男 and 研?生).
    const std::string text = jh::ui::interface_text();
    for (const auto& pack : jh::indicators::builtin_packs()) {
        CHECK(text.find(pack.name.zh) != std::string::npos);
        CHECK(text.find(pack.name.en) != std::string::npos);
    }
    for (const auto& f : jh::domain::Entity<jh::domain::Staff>::fields()) {
        CHECK(text.find(f.zh) != std::string::npos);
        for (const auto& choice : f.enum_labels) CHECK(text.find(choice.zh) != std::string::npos);
    }
    CHECK(text.find("研究生") != std::string::npos);
    CHECK(text.find("男") != std::string::npos);
}

TEST_CASE("a font file FreeType cannot read still gives an atlas: ImGui's Latin font") {
    const auto dir = std::filesystem::temp_directory_path() / "junheng-broken-font";
    std::filesystem::create_directories(dir);
    const auto file = dir / "broken.ttc";
    std::ofstream(file) << "not a font";
    const auto built = jh::ui::build_atlas({{file, 2, "Broken"}}, jh::ui::base_glyphs(), 18.0f);
    CHECK(built.glyphs.test('A'));
    CHECK_FALSE(built.glyphs.test(0x7F55));
    std::filesystem::remove_all(dir);
}
