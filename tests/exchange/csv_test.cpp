#include <doctest/doctest.h>

#include "domain/message.hpp"
#include "exchange/csv.hpp"

using namespace jh::exchange;

namespace {
std::vector<std::string> texts(const CsvRow& row) {
    std::vector<std::string> out;
    for (const auto& c : row.cells) out.push_back(c.text);
    return out;
}

std::string rejection(std::string_view text) {
    try {
        parse_csv(text, "t.csv");
    } catch (const jh::domain::Rejected& e) {
        return e.message().en;
    }
    return "accepted";
}
}  // namespace

TEST_CASE("csv: quoted cells hold commas, doubled quotes and line breaks") {
    auto rows = parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x,\n", "t.csv");
    REQUIRE(rows.size() == 2);
    CHECK(texts(rows[0]) == std::vector<std::string>{"a", "b,c", "say \"hi\""});
    CHECK(texts(rows[1]) == std::vector<std::string>{"two\nlines", "x", ""});
    CHECK(rows[1].line == 2);
}

TEST_CASE("csv: line numbers count breaks inside quoted cells, and empty lines are skipped") {
    auto rows = parse_csv("h1,h2\n\"a\r\nb\",c\n\nd,\"e\"", "t.csv");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].line == 2);
    CHECK(rows[1].cells[1].line == 3);   // the cell after the two-line cell starts on line 3
    CHECK(rows[2].line == 5);
    CHECK(texts(rows[2]) == std::vector<std::string>{"d", "e"});
}

TEST_CASE("csv: CR-only line ends and a missing final line end") {
    auto rows = parse_csv("a,b\rc,d", "t.csv");
    REQUIRE(rows.size() == 2);
    CHECK(texts(rows[1]) == std::vector<std::string>{"c", "d"});
    CHECK(rows[1].line == 2);
}

TEST_CASE("csv: blank rows are recognised") {
    auto rows = parse_csv("a,b\n,\n", "t.csv");
    REQUIRE(rows.size() == 2);
    CHECK_FALSE(rows[0].blank());
    CHECK(rows[1].blank());
}

TEST_CASE("csv: malformed quoting is rejected with line and column") {
    CHECK(rejection("a,b\nc,\"open\nstill open") == "t.csv: line 2, column 2: unterminated quote: the file may be truncated");
    CHECK(rejection("a,\"b\"x\n") == "t.csv: line 1, column 2: unexpected text after the closing quote");
    CHECK(rejection("a,b\n1,2\"3\n").starts_with("t.csv: line 2, column 2: quote inside an unquoted cell"));
}

TEST_CASE("csv: the writer quotes only what needs it and reads back identically") {
    const std::vector<std::string> cells{"plain", "with,comma", "with \"quote\"", "line\nbreak", "", "中文"};
    std::string out;
    append_csv_row(out, cells);
    CHECK(out == "plain,\"with,comma\",\"with \"\"quote\"\"\",\"line\nbreak\",,中文\n");
    auto rows = parse_csv(out, "t.csv");
    REQUIRE(rows.size() == 1);
    CHECK(texts(rows[0]) == cells);
}
