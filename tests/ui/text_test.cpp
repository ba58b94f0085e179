// Text plumbing of the terminal: UTF-8 decoding for the font atlas, and the conversion of
// field values to and from what an input shows.
#include <doctest/doctest.h>

#include "ui/fonts.hpp"
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
