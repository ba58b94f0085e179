#include <doctest/doctest.h>

#include "domain/message.hpp"
#include "exchange/csv.hpp"
#include "exchange/encoding.hpp"
#include "exchange/problem.hpp"
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

// A template as written before they carried the school code, and as written now.
const std::string kEquipmentHeader = "编号,学年,名称,类别,数量,单价,账面原值,购置日期,报废日期,所属学段\n";
const std::string kEquipmentMarkedHeader = "编号,学年,名称,类别,数量,单价,账面原值,购置日期,报废日期,所属学段,学校标识码\n";
const std::string kClassesMarkedHeader = "编号,学年,学段,年级,班号,学生数,学校标识码\n";

// Every problem FilesRejected lists for `text` read as t.csv, in English.
std::vector<std::string> all_problems(const std::string& text) {
    Imported imported;
    try {
        read_template(text, "t.csv", imported);
    } catch (const FilesRejected& e) {
        std::vector<std::string> out;
        for (const auto& p : e.problems()) out.push_back(p.located().en);
        return out;
    }
    return {};
}

}  // namespace

TEST_CASE("templates: one file per kind, named by the kind, Chinese headers in descriptor order") {
    auto files = write_templates(jh::test::sample_school());
    CHECK(files.size() == 2 + std::tuple_size_v<YearEntities>);
    CHECK(files.front().name == "学校基本信息.csv");
    CHECK(file_named(files, "教学仪器设备.csv").text ==
          kEquipmentMarkedHeader + "91,2025,显微镜,教学仪器设备,30,1200.5,36015,2019-09-01,,初中,3601020001\n"
                                   "92,2025,课桌椅,其他,200,300,60000,2015-08-20,2024-06-30,,3601020001\n");
    CHECK(file_named(files, "学校基本信息.csv").text ==
          "学校标识码,学校名称,县区代码,办学类型,城乡分类,举办者类型,寄宿制,中心校标识码,教育局地址,乡镇中心学校\n"
          "3601020001,青山镇中心学校,360102,九年一贯制,乡村,公办,是,,,是\n");
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

TEST_CASE("templates: files written before a column was added still read, the new field taking its default") {
    // Issue 12: "CSV templates and snapshots exported by earlier versions still import: a column
    // added later may be missing and takes its default."
    Imported imported;
    read_template("学校标识码,学校名称,县区代码,办学类型,城乡分类,举办者类型,寄宿制,中心校标识码,教育局地址\n"
                  "3601020001,青山镇中心学校,360102,九年一贯制,乡村,公办,是,,\n",
                  "学校基本信息.csv", imported);
    read_template("学年,状态,学生数已确认,提交时间\n2025,填报中,是,\n", "学年.csv", imported);
    read_template("编号,学年,名称,类别,面积,自有产权,所属学段\n5,2025,村广场,室外运动场,600,否,\n", "体育运动场馆.csv", imported);
    REQUIRE(imported.school);
    CHECK_FALSE(imported.school->township_central);
    REQUIRE(imported.year);
    CHECK_FALSE(imported.year->charter);
    CHECK_FALSE(imported.year->digitised);
    REQUIRE(imported.records.grounds.size() == 1);
    CHECK_FALSE(imported.records.grounds[0].within_walk);
}

TEST_CASE("templates: the fields added for the policy audit are written and read back") {
    const auto data = jh::test::sample_school();
    const auto files = write_templates(data);
    CHECK(file_named(files, "学校基本信息.csv").text.find("乡镇中心学校") != std::string::npos);
    CHECK(file_named(files, "学年.csv").text.find("学校章程,管理和教学信息化") != std::string::npos);
    CHECK(file_named(files, "体育运动场馆.csv").text.find("步行10分钟内可达") != std::string::npos);
    const auto back = read_back(files, Encoding::Utf8);
    CHECK(back.school.township_central);
    CHECK(back.year.charter == true);
    CHECK(back.year.digitised == false);
    CHECK(back.grounds.at(1).within_walk);
}

TEST_CASE("templates: every template but the profile ends with the school's 学校标识码 on every row, the header first") {
    const auto files = write_templates(jh::test::sample_school());
    for (const auto& f : files) {
        if (f.name == "学校基本信息.csv") continue;
        const auto header = f.text.substr(0, f.text.find('\n'));
        CHECK_MESSAGE(header.ends_with(",学校标识码"), f.name);
        CHECK_MESSAGE(!header.starts_with("学校标识码"), f.name);
        const auto rows = parse_csv(f.text, f.name);
        for (std::size_t i = 1; i < rows.size(); ++i) CHECK_MESSAGE(rows[i].cells.back().text == "3601020001", f.name);
    }
    Imported imported;
    for (const auto& f : files) read_template(f.text, f.name, imported);
    CHECK(imported.school_code == "3601020001");
    CHECK(imported.unmarked.empty());
}

TEST_CASE("templates: an older template without 学校标识码 is still read, and named as unmarked") {
    Imported imported;
    read_template(kEquipmentHeader + "1,2025,显微镜,其他,3,1,30,2019-02-03,,\n", "old.csv", imported);
    CHECK(imported.records.equipment.size() == 1);
    CHECK(imported.unmarked == std::vector<std::string>{"old.csv"});
    CHECK(!imported.school_code);
    // A row typed in by hand with the code left empty names no school.
    read_template(kClassesMarkedHeader + ",2025,小学,1,1,30,\n", "new.csv", imported);
    CHECK(imported.unmarked.size() == 1);
    CHECK(!imported.school_code);
}

TEST_CASE("templates: files naming two schools are refused at the row that differs") {
    Imported imported;
    read_template(kEquipmentMarkedHeader + "1,2025,显微镜,其他,3,1,30,2019-02-03,,,3601020001\n", "a.csv", imported);
    try {
        read_template(kClassesMarkedHeader + ",2025,小学,1,1,30,3601020001\n,2025,小学,1,2,30,4401020009\n", "b.csv", imported);
        FAIL("accepted");
    } catch (const FilesRejected& e) {
        CHECK(e.message().en ==
              "b.csv: line 3, column 7: school code 4401020009 differs from 3601020001 in a.csv; import one school's files at a time");
    }
    CHECK(all_problems("编号,学年,学段,年级,班号,学生数,学校标识码,学校标识码\n") ==
          std::vector<std::string>{"t.csv: line 1, column 8: column '学校标识码' appears twice"});
}

TEST_CASE("templates: every row's problems are reported at once, each with its line and column") {
    CHECK(all_problems(kEquipmentHeader + "1,2025,a,其他,三,1,30,2019-02-03,,\n"
                                          "2,2025,b,其他,3,1,30,2019-02-03,,\n"
                                          "3,2025,c,仪器,3,x,30,2019-02-03,,\n"
                                          "2,2025,d,其他,3,1,30,2019-02-03,,\n") ==
          std::vector<std::string>{
              "t.csv: line 2, column 5: '数量' (quantity): '三' cannot be part of a number: type a whole number, e.g. 12, got '三'",
              "t.csv: line 4, column 4: '类别' (category) has unknown value '仪器'; expected one of: 教学仪器设备 (instrument), 其他 (other)",
              "t.csv: line 4, column 6: '单价' (unit value (yuan)): 'x' cannot be part of a number: type a number, e.g. 12 or 3.5, got 'x'",
              "t.csv: line 5: duplicate id: same as line 3"});
}

TEST_CASE("templates: the words people write for a choice are read as that choice (大专 → 专科, 中专 → 高中阶段)") {
    CHECK(parse_enum<Education>("大专") == Education::Associate);
    CHECK(parse_enum<Education>("中专") == Education::HighSchool);
    CHECK(parse_enum<Education>("专科") == Education::Associate);
    CHECK(parse_enum<Education>("associate") == Education::Associate);
    CHECK(!parse_enum<Stage>("大专"));
    // Through a template: every 专科 written 大专 reads back the same.
    const auto data = jh::test::sample_school();
    auto text = file_named(write_templates(data), "教职工.csv").text;
    int replaced = 0;
    for (auto at = text.find(",专科,"); at != std::string::npos; at = text.find(",专科,", at + 1), ++replaced)
        text.replace(at + 1, std::string("专科").size(), "大专");
    CHECK(replaced > 0);
    Imported imported;
    read_template(text, "教职工.csv", imported);
    REQUIRE(imported.records.staff.size() == data.staff.size());
    for (const auto& read : imported.records.staff)
        for (const auto& stored : data.staff)
            if (stored.id == read.id) CHECK(read.education == stored.education);
}

TEST_CASE("templates: template_order follows the export order — other names have none") {
    CHECK(template_order("学校基本信息.csv") == 0u);
    CHECK(template_order("学年.csv") == 1u);
    CHECK(template_order("教职工.csv") < template_order("培训记录.csv"));
    CHECK(!template_order("教职工（改）.csv"));
}

TEST_CASE("templates: a file failing on every row lists its first 200 problems and counts the rest") {
    std::string text = kEquipmentHeader;
    for (int i = 1; i <= 250; ++i) text += std::to_string(i) + ",2025,a,其他,三,1,30,2019-02-03,,\n";
    const auto problems = all_problems(text);
    REQUIRE(problems.size() == kMaxProblemsPerFile + 1);
    CHECK(problems.front().find("line 2, column 5") != std::string::npos);
    CHECK(problems.back() == "t.csv: 50 more problems not listed: correct the ones above and import again");
}
