#include <doctest/doctest.h>

#include "domain/message.hpp"
#include "exchange/encoding.hpp"
#include "exchange/snapshot.hpp"
#include "exchange/templates.hpp"
#include "fixture.hpp"

using namespace jh::exchange;
using namespace jh::domain;

namespace {

const TextFile& file_named(const std::vector<TextFile>& files, const std::string& name) {
    for (const auto& f : files)
        if (f.name == name) return f;
    FAIL("no file " << name);
    throw;
}

SchoolData read_back(const std::vector<TextFile>& files, Encoding encoding) {
    Imported imported;
    for (const auto& f : files) {
        auto decoded = decode_text(encode_text(f.text, encoding), f.name);
        CHECK(decoded.source == encoding);
        read_template(decoded.utf8, f.name, imported);
    }
    return merge(SchoolData{}, imported);
}

// The English message of rejecting `text` as a template named t.csv.
std::string rejection(const std::string& text) {
    Imported imported;
    try {
        read_template(text, "t.csv", imported);
    } catch (const Rejected& e) {
        return e.message().en;
    }
    return "accepted";
}

const std::string kEquipmentHeader = "编号,学年,名称,类别,数量,单价,账面原值,购置日期,报废日期,所属学段\n";

}  // namespace

TEST_CASE("templates: one file per kind, named by the kind, Chinese headers in descriptor order") {
    auto files = write_templates(jh::test::sample_school());
    CHECK(files.size() == 2 + std::tuple_size_v<YearEntities>);
    CHECK(files.front().name == "学校基本信息.csv");
    CHECK(file_named(files, "教学仪器设备.csv").text ==
          kEquipmentHeader + "91,2025,显微镜,教学仪器设备,30,1200.5,36015,2019-09-01,,初中\n"
                             "92,2025,课桌椅,其他,200,300,60000,2015-08-20,2024-06-30,\n");
    CHECK(file_named(files, "学校基本信息.csv").text ==
          "学校标识码,学校名称,县区代码,办学类型,城乡分类,举办者类型,寄宿制,中心校标识码,教育局地址\n"
          "3601020001,青山镇中心学校,360102,九年一贯制,乡村,公办,是,,\n");
}

TEST_CASE("templates: rows are ordered by id whatever the order in memory") {
    auto data = jh::test::sample_school();
    auto reversed = data;
    std::reverse(reversed.equipment.begin(), reversed.equipment.end());
    std::reverse(reversed.staff.begin(), reversed.staff.end());
    auto a = write_templates(data), b = write_templates(reversed);
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i].text == b[i].text);
}

TEST_CASE("templates: UTF-8 and GBK files read back to the same school year") {
    const auto data = jh::test::sample_school();
    const auto files = write_templates(data);
    for (auto encoding : {Encoding::Utf8, Encoding::Gb18030}) {
        auto back = read_back(files, encoding);
        CHECK(write_snapshot(back) == write_snapshot(data));
        auto again = write_templates(back);
        for (std::size_t i = 0; i < files.size(); ++i) CHECK(again[i].text == files[i].text);
    }
}

TEST_CASE("templates: a file is recognised by its header, columns in any order, codes and labels accepted") {
    Imported imported;
    read_template("数量,名称,编号,学年,类别,单价,账面原值,购置日期,报废日期,所属学段\n"
                  "5,投影仪,,2025,instrument,3000,15000,2023/9/1,,junior secondary\n"
                  " 2 ,白板,7,2025,其他,100,200,2022-01-05,,\n",
                  "anything.txt", imported);
    const auto& rows = imported.records.equipment;
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].id == 0);   // empty 编号: a new record
    CHECK(rows[0].category == EquipmentCategory::Instrument);
    CHECK(rows[0].stage == Stage::Junior);
    CHECK(rows[0].acquired == Date{2023, 9, 1});
    CHECK(rows[1].quantity == 2);
    CHECK(rows[1].id == 7);
    CHECK(imported.year_number == 2025);
}

TEST_CASE("templates: empty cells that spreadsheets leave after the last column are ignored") {
    Imported imported;
    read_template("编号,学年,学段,年级,班号,学生数,,\r\n,2025,小学,1,1,30,,\r\n,,,,,,,\r\n", "c.csv", imported);
    REQUIRE(imported.records.classes.size() == 1);
    CHECK(imported.records.classes[0].pupils == 30);
}

TEST_CASE("templates: header problems are reported with line and column") {
    CHECK(rejection("编号,学年,名称,类别,数量,单价,账面原值,购置日期,报废日期\n") ==
          "t.csv: line 1, column 10: missing column(s): 所属学段 (stage)");
    CHECK(rejection("编号,学年,名称,类别,数量,单价,账面原值,购置日期,报废日期,所属学段,备注\n") ==
          "t.csv: line 1, column 11: unknown column '备注' for equipment");
    CHECK(rejection("编号,学年,名称,名称,类别,数量,单价,账面原值,购置日期,报废日期,所属学段\n") ==
          "t.csv: line 1, column 4: column '名称' appears twice");
    CHECK(rejection("货号,品名,价格\n1,笔,2\n").starts_with("t.csv: line 1: unrecognised header"));
    CHECK(rejection("").starts_with("t.csv: the file is empty"));
    CHECK(rejection("编号,学年,,学段,年级,班号,学生数\n") == "t.csv: line 1, column 3: the column has no name");
}

TEST_CASE("templates: bad values are reported with line, column and what was expected") {
    CHECK(rejection(kEquipmentHeader + "1,2025,显微镜,教学仪器设备,三十,1,30,2019-09-01,,\n") ==
          "t.csv: line 2, column 5: '数量' (quantity): '三' cannot be part of a number: type a whole number, e.g. 12, got '三十'");
    CHECK(rejection(kEquipmentHeader + "1,2025,显微镜,教学仪器设备,3,1.2.3,30,2019-09-01,,\n") ==
          "t.csv: line 2, column 6: '单价' (unit value (yuan)): type a number, e.g. 12 or 3.5, got '1.2.3'");
    CHECK(rejection(kEquipmentHeader + "1,2025,显微镜,仪器,3,1,30,2019-09-01,,\n")
              .starts_with("t.csv: line 2, column 4: '类别' (category) has unknown value '仪器'; expected one of: 教学仪器设备 (instrument)"));
    CHECK(rejection(kEquipmentHeader + "1,2025,显微镜,其他,3,1,30,2019-02-30,,\n") ==
          "t.csv: line 2, column 8: '购置日期' (acquired): 2019-02 has no day 30, got '2019-02-30'");
    CHECK(rejection(kEquipmentHeader + "1,,显微镜,其他,3,1,30,2019-02-03,,\n") ==
          "t.csv: line 2, column 2: '学年' (school year) is required but the cell is empty");
    CHECK(rejection(kEquipmentHeader + "1,2025,显微镜,其他,99999999999,1,30,2019-02-03,,\n").starts_with("t.csv: line 2, column 5:"));
}

TEST_CASE("templates: dates and figures as people write them are read by the forms' readers") {
    Imported imported;
    read_template(kEquipmentHeader + "1,2025,显微镜,其他,３０,1,30,2019.9.1,2024年6月30日,\n"
                                     "2,2025,课桌椅,其他,10,１．５,15,2019/9/1,,\n",
                  "t.csv", imported);
    const auto data = merge(SchoolData{}, imported);
    REQUIRE(data.equipment.size() == 2);
    CHECK(data.equipment[0].quantity == 30);
    CHECK(data.equipment[0].acquired == Date{2019, 9, 1});
    CHECK(data.equipment[0].disposed == Date{2024, 6, 30});
    CHECK(data.equipment[1].unit_value == 1.5);
    CHECK(data.equipment[1].acquired == Date{2019, 9, 1});
}

TEST_CASE("templates: truncated files are rejected where they end") {
    CHECK(rejection(kEquipmentHeader + "1,2025,显微镜,其他,3,1,30\n") ==
          "t.csv: line 2, column 8: the row has 7 cells, expected 10 (truncated file?)");
    CHECK(rejection(kEquipmentHeader + "1,2025,\"显微镜") == "t.csv: line 2, column 3: unterminated quote: the file may be truncated");
    CHECK(rejection(kEquipmentHeader + "1,2025,显微镜,其他,3,1,30,2019-02-03,,,x\n") ==
          "t.csv: line 2, column 11: the cell lies beyond the header's columns");
}

TEST_CASE("templates: a record given twice is rejected at its second line") {
    CHECK(rejection(kEquipmentHeader + "1,2025,a,其他,3,1,30,2019-02-03,,\n,2025,b,其他,3,1,30,2019-02-03,,\n"
                                       "1,2025,c,其他,3,1,30,2019-02-03,,\n") == "t.csv: line 4: duplicate id: same as line 2");
    CHECK(rejection("编号,学年,学段,年级,班号,学生数\n,2025,小学,1,1,30\n,2025,小学,1,2,30\n,2025,小学,1,1,31\n") ==
          "t.csv: line 4: duplicate stage/grade/class number: same as line 2");
    CHECK(rejection("学校标识码,学校名称,县区代码,办学类型,城乡分类,举办者类型,寄宿制,中心校标识码,教育局地址\n"
                    "3601020001,甲,360102,小学,乡村,公办,否,,\n3601020002,乙,360102,小学,乡村,公办,否,,\n") ==
          "t.csv: line 3: school profile file needs exactly one data row, found 2");
}

TEST_CASE("templates: every file of an import belongs to one school year, one file per kind") {
    Imported imported;
    read_template(kEquipmentHeader + "1,2025,a,其他,3,1,30,2019-02-03,,\n", "a.csv", imported);
    try {
        read_template("编号,学年,学段,年级,班号,学生数\n,2025,小学,1,1,30\n,2024,小学,1,2,30\n", "b.csv", imported);
        FAIL("accepted");
    } catch (const Rejected& e) {
        CHECK(e.message().en == "b.csv: line 3, column 2: school year 2024 differs from year 2025 in a.csv; import one school year at a time");
    }
    try {
        read_template(kEquipmentHeader, "c.csv", imported);
        FAIL("accepted");
    } catch (const Rejected& e) {
        CHECK(e.message().en == "c.csv: holds the same kind of records (equipment) as a.csv; import one file per kind");
    }
}

TEST_CASE("templates: merge replaces records by id, adds new ones and removes nothing") {
    auto base = jh::test::sample_school();
    Imported imported;
    read_template(kEquipmentHeader + "91,2025,显微镜（新）,教学仪器设备,31,1200.5,37215.5,2019-09-01,,初中\n"
                                     ",2025,投影仪,其他,1,3000,3000,2025-09-01,,\n",
                  "e.csv", imported);
    auto merged = merge(base, imported);
    REQUIRE(merged.equipment.size() == 3);
    CHECK(merged.equipment[0].name == "显微镜（新）");
    CHECK(merged.equipment[1].id == 92);
    CHECK(merged.equipment[2].id == 0);
    CHECK(merged.staff.size() == base.staff.size());
}
