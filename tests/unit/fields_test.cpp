#include <doctest/doctest.h>

#include "domain/fields.hpp"

using namespace jh::domain;

TEST_CASE("field descriptors read and write every kind of member") {
    Staff s;
    const auto* stage = find_field<Staff>("stage");
    REQUIRE(stage);
    CHECK(stage->optional);
    CHECK(std::holds_alternative<std::monostate>(stage->get(s)));
    CHECK(stage->set(s, Value{std::string("junior")}));
    CHECK(s.stage == Stage::Junior);
    CHECK(stage->set(s, Value{std::string("初中")}));
    CHECK_FALSE(stage->set(s, Value{std::string("大学")}));
    CHECK(display(*stage, stage->get(s)) == "初中");

    const auto* name = find_field<Staff>("name");
    CHECK_FALSE(name->set(s, Value{}));   // required

    const auto* pe = find_field<Staff>("pe");
    CHECK(pe->set(s, Value{std::int64_t{1}}));
    CHECK(s.pe);
    CHECK_FALSE(pe->set(s, Value{std::int64_t{2}}));

    Equipment e;
    const auto* acquired = find_field<Equipment>("acquired");
    CHECK(acquired->set(e, Value{std::string("2024-02-29")}));
    CHECK_FALSE(acquired->set(e, Value{std::string("2023-02-29")}));
    CHECK(std::get<std::string>(acquired->get(e)) == "2024-02-29");
}

TEST_CASE("numbers render exactly and without exponents") {
    CHECK(format_number(0.1) == "0.1");
    CHECK(format_number(1234567.5) == "1234567.5");
    CHECK(format_number(2000) == "2000");
}

TEST_CASE("dates accept ISO and Excel forms and reject impossible ones") {
    CHECK(parse_date("2024/3/5") == Date{2024, 3, 5});
    CHECK_FALSE(parse_date("2024-13-01"));
    CHECK_FALSE(parse_date("24-01-01"));
    CHECK_FALSE(parse_date("2024-01-01x"));
}

TEST_CASE("dates are written as zero-padded YYYY-MM-DD") {
    CHECK(to_string(Date{2024, 3, 5}) == "2024-03-05");
    CHECK(to_string(Date{987, 12, 31}) == "0987-12-31");
    CHECK(to_string(Date{12345, 1, 2}) == "12345-01-02");   // beyond four digits: printf's widening
}
