// The order people expect in the terminal's lists: Chinese by pinyin, then Latin whatever its
// case (the zh convention), digits by value; table columns of numbers, dates and enums keep their own
// order, and equal keys keep the rows' order.
#include <doctest/doctest.h>

#include <numeric>

#include "ui/record_table.hpp"
#include "ui/text_order.hpp"

using jh::domain::Equipment;
using jh::domain::Staff;

namespace {

// The rows' indices in the order the table shows them when sorted by `key`.
template <class R> std::vector<std::size_t> sorted_by(const std::vector<R>& rows, std::string_view key, bool descending = false) {
    const auto* f = jh::domain::find_field<R>(key);
    REQUIRE(f);
    std::vector<std::size_t> view(rows.size());
    std::iota(view.begin(), view.end(), std::size_t{0});
    jh::ui::sort_view(view, descending, [&](std::size_t i) { return jh::ui::sort_value(f->type, f->enum_labels, f->get(rows[i])); });
    return view;
}

Staff person(std::string name, int birth_year = 1980) {
    Staff s;
    s.name = std::move(name);
    s.birth_year = birth_year;
    return s;
}

}  // namespace

TEST_CASE("Chinese names sort by pinyin, not by code point") {
    // By code point 张 (U+5F20) < 李 (U+674E) < 王 (U+738B); by pinyin li < wang < zhang.
    std::vector<std::string> names{"张伟", "王琰", "李堃"};
    CHECK(std::string("张伟") < std::string("李堃"));
    jh::ui::sort_for_people(names);
    CHECK(names == std::vector<std::string>{"李堃", "王琰", "张伟"});
    CHECK(jh::ui::sort_key("李") < jh::ui::sort_key("王"));
    CHECK(jh::ui::sort_key("王") < jh::ui::sort_key("张"));
}

TEST_CASE("Latin sorts after Chinese, regardless of case, and digits inside text by value") {
    std::vector<std::string> names{"王琰", "zoe", "李堃", "Banana", "apple"};
    jh::ui::sort_for_people(names);
    CHECK(names == std::vector<std::string>{"李堃", "王琰", "apple", "Banana", "zoe"});
    std::vector<std::string> rooms{"实验室10", "实验室2", "实验室1"};
    jh::ui::sort_for_people(rooms);
    CHECK(rooms == std::vector<std::string>{"实验室1", "实验室2", "实验室10"});
}

TEST_CASE("a table sorted by name orders by pinyin and keeps equal names in their order") {
    const std::vector<Staff> rows{person("张伟"), person("王琰", 1990), person("李堃"), person("王琰", 1970)};
    CHECK(sorted_by(rows, "name") == std::vector<std::size_t>{2, 1, 3, 0});
    CHECK(sorted_by(rows, "name", true) == std::vector<std::size_t>{0, 1, 3, 2});
}

TEST_CASE("number, date and enum columns keep their own order") {
    const std::vector<Staff> staff{person("甲", 1990), person("乙", 1975), person("丙", 1988)};
    CHECK(sorted_by(staff, "birth_year") == std::vector<std::size_t>{1, 2, 0});

    std::vector<Equipment> ledger(3);
    ledger[0].book_value = 1200.5;
    ledger[1].book_value = 98;      // as text "98" would come last
    ledger[2].book_value = 15000;
    ledger[0].acquired = *jh::domain::parse_date("2019-03-01");
    ledger[1].acquired = *jh::domain::parse_date("2020-01-15");
    ledger[2].acquired = *jh::domain::parse_date("2009-12-31");
    CHECK(sorted_by(ledger, "book_value") == std::vector<std::size_t>{1, 0, 2});
    CHECK(sorted_by(ledger, "acquired") == std::vector<std::size_t>{2, 0, 1});

    // Education in its declared order (研究生, 本科, 专科 …), not by code or by pinyin.
    std::vector<Staff> educated(3);
    educated[0].education = jh::domain::Education::Associate;
    educated[1].education = jh::domain::Education::Postgraduate;
    educated[2].education = jh::domain::Education::Bachelor;
    CHECK(sorted_by(educated, "education") == std::vector<std::size_t>{1, 2, 0});
}

TEST_CASE("empty optional cells sort first") {
    std::vector<Staff> rows(3);
    rows[0].backbone_year = 2015;
    rows[2].backbone_year = 2008;
    CHECK(sorted_by(rows, "backbone_year") == std::vector<std::size_t>{1, 2, 0});
}
