// The codecs against a real database: what is exported from one store and imported into a
// fresh one exports again byte for byte, and a rejected import leaves the store as it was.
#include <doctest/doctest.h>

#include <algorithm>

#include "domain/demo.hpp"
#include "domain/message.hpp"
#include "exchange/encoding.hpp"
#include "exchange/snapshot.hpp"
#include "exchange/templates.hpp"
#include "fixture.hpp"
#include "store/store.hpp"

using namespace jh::exchange;
using namespace jh::domain;
using jh::store::Store;

namespace {

constexpr int kYear = 2025;

Store store_with(const std::filesystem::path& path, const SchoolData& data) {
    auto store = Store::open(path);
    store.import(data);
    return store;
}

SchoolData read_files(const std::vector<TextFile>& files, Encoding encoding) {
    Imported imported;
    for (const auto& f : files) read_template(decode_text(encode_text(f.text, encoding), f.name).utf8, f.name, imported);
    return merge(SchoolData{}, imported);
}

}  // namespace

TEST_CASE("database: CSV export → import into a new database → export is byte-identical, in UTF-8 and GBK") {
    jh::test::TempDir dir;
    auto first = store_with(dir / "first.db", make_demo_school("3360726001", kYear));
    const auto exported = write_templates(first.load(kYear));
    int n = 0;
    for (auto encoding : {Encoding::Utf8, Encoding::Gb18030}) {
        auto second = store_with(dir / ("second" + std::to_string(n++) + ".db"), read_files(exported, encoding));
        const auto again = write_templates(second.load(kYear));
        REQUIRE(again.size() == exported.size());
        for (std::size_t i = 0; i < exported.size(); ++i) {
            INFO(exported[i].name);
            CHECK(again[i].text == exported[i].text);
        }
    }
}

TEST_CASE("database: snapshot export → import into a new database → export is byte-identical") {
    jh::test::TempDir dir;
    auto first = store_with(dir / "first.db", jh::test::sample_school(kYear));
    const auto snapshot = write_snapshot(first.load(kYear));
    auto second = store_with(dir / "second.db", read_snapshot(snapshot, "s.json"));
    CHECK(write_snapshot(second.load(kYear)) == snapshot);
}

TEST_CASE("database: imported rows without id become new records next to the stored ones") {
    jh::test::TempDir dir;
    auto store = store_with(dir / "s.db", jh::test::sample_school(kYear));
    Imported imported;
    read_template("编号,学年,名称,类别,数量,单价,账面原值,购置日期,报废日期,所属学段\n"
                  ",2025,投影仪,教学仪器设备,2,3000,6000,2025-09-01,,小学\n"
                  "91,2025,显微镜,教学仪器设备,31,1200.5,37215.5,2019-09-01,,初中\n",
                  "e.csv", imported);
    store.import(merge(store.load(kYear), imported));
    const auto equipment = store.load(kYear).equipment;
    REQUIRE(equipment.size() == 3);
    CHECK(std::count_if(equipment.begin(), equipment.end(), [](const Equipment& e) { return e.name == "投影仪" && e.id > 92; }) == 1);
    CHECK(std::count_if(equipment.begin(), equipment.end(), [](const Equipment& e) { return e.id == 91 && e.quantity == 31; }) == 1);
}

TEST_CASE("database: a well-formed file whose data the rules reject leaves the database unchanged") {
    jh::test::TempDir dir;
    auto store = store_with(dir / "s.db", jh::test::sample_school(kYear));
    const auto before = write_snapshot(store.load(kYear));
    Imported imported;
    // Class 11 grows to 200 pupils: over the class-size limit and no longer the grade's total.
    read_template("编号,学年,学段,年级,班号,学生数\n11,2025,小学,1,1,200\n,2025,小学,2,1,30\n", "c.csv", imported);
    CHECK_THROWS_AS(store.import(merge(store.load(kYear), imported)), Rejected);
    CHECK(write_snapshot(store.load(kYear)) == before);
}
