// The county report's exports: the county table CSV read back by `junheng county`'s reader
// into the same report; the report CSV's rows; the XLSX workbook unpacked (Debian's unzip) and
// its sheet names, cells and Chinese text checked; atomic output; a large county written in
// time proportional to its rows.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <sstream>

#include "domain/message.hpp"
#include "exchange/county_table.hpp"
#include "indicators/pack.hpp"
#include "indicators/report_json.hpp"
#include "ops/county_export.hpp"
#include "ops/file_io.hpp"
#include "ops/county_report.hpp"
#include "ops/way_to_pass.hpp"

using namespace jh;

namespace {

constexpr int kYear = 2025;
const indicators::RulePack& national() { return indicators::find_pack("national"); }

const std::string kTable =
    "学校标识码,学校名称,学段,在校生数,高于规定学历教师数,县级以上骨干教师数,体育艺术专任教师数,"
    "教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数\n"
    "3201000001,城关小学,小学,100,5,2,1,1000,800,250000,3\n"
    "3201000002,\"实验小学,东校区\",小学,100,5,2,1,1000,800,250000,3\n"
    "3201000003,河口小学,小学,100,5,2,1,50,800,250000,3\n"
    "3201000004,新城小学,小学,100,5,2,1,50,800,250000,3\n"
    "3201000005,第一中学,初中,100,6,2,1,1460,1100,300000,3\n"
    "3201000006,第二中学,初中,100,6,2,1,540.25,1100,300000,3\n";

ops::CountyReport report_of(const std::string& table) {
    ops::CountyInputs inputs;
    inputs.add_table("county.csv", table);
    return ops::county_report(inputs, national(), {.year = kYear, .default_year = kYear, .top = 3});
}

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::random_device entropy;
        path = std::filesystem::temp_directory_path() / ("junheng-export-" + std::to_string(entropy()) + std::to_string(entropy()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

// `unzip -p FILE MEMBER`: one member of the workbook, as a spreadsheet program would read it.
std::string unzip(const std::filesystem::path& file, const std::string& member) {
    const std::string command = "unzip -p '" + file.string() + "' '" + member + "'";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    REQUIRE(::pclose(pipe) == 0);
    return out;
}

// A sheet's cells by reference ("A1"): the number of <v>, or the text of an inline or shared
// string (constant-memory workbooks write strings inline).
std::map<std::string, std::string> cells_of(const std::string& xml) {
    std::map<std::string, std::string> cells;
    static const std::regex cell(R"re(<c r="([A-Z]+[0-9]+)"[^>]*>(.*?)</c>)re");
    static const std::regex value(R"re(<(?:v|t)[^>]*>([^<]*)</(?:v|t)>)re");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), cell); it != std::sregex_iterator(); ++it) {
        const std::string inner = (*it)[2];
        std::smatch m;
        if (std::regex_search(inner, m, value)) cells[(*it)[1]] = m[1];
    }
    return cells;
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("county export: the county table CSV reads back through `junheng county`'s reader into the same report") {
    const auto report = report_of(kTable);
    std::ostringstream csv;
    ops::write_county_csv(csv, report);
    CHECK(csv.str().substr(0, 3) == "\xEF\xBB\xBF");
    const auto again = report_of(csv.str());
    CHECK(indicators::to_json(again.result, national()) == indicators::to_json(report.result, national()));
    const auto rows = exchange::read_county_table(csv.str(), "out.csv");
    REQUIRE(rows.size() == 6);
    CHECK(rows[1].name == "实验小学,东校区");
    CHECK(rows[5].amounts[3] == 540.25);
}

TEST_CASE("county export: the report CSV lists per stage the 7 indicators and 综合, then the parts failing 6-of-7") {
    const auto report = report_of(kTable);
    std::ostringstream out;
    ops::write_report_csv(out, report);
    const std::string text = out.str();
    CHECK(text.substr(0, 3) == "\xEF\xBB\xBF");
    std::vector<std::string> lines;
    std::istringstream in(text.substr(3));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    REQUIRE(lines.size() == 1 + 2 * 8 + 1 + 1 + 2);
    CHECK(lines[0] == "学段,指标,指标名称,均值,标准差,差异系数,上限,结果,临界");
    CHECK(lines[4].rfind("小学,R4,生均教学及辅助用房面积,5.25,4.75,0.9047619047619048,0.5,未达标,", 0) == 0);
    CHECK(lines[8].rfind("小学,综合,", 0) == 0);
    CHECK(lines[12].rfind("初中,R4,生均教学及辅助用房面积,10.00125,", 0) == 0);
    CHECK(lines[17].empty());
    CHECK(lines[18] == "学段,未达到6/7标准的学校标识码,学校名称,在校生数");
    CHECK(lines[19] == "小学,3201000003,河口小学,100");
    CHECK(lines[20] == "小学,3201000004,新城小学,100");
}

TEST_CASE("county export: the XLSX workbook's sheets, cells and Chinese text read back from its XML") {
    TempDir dir;
    const auto report = report_of(kTable);
    const auto way = ops::way_to_pass(report);
    const auto path = dir.path / "县域报告.xlsx";
    ops::write_county_xlsx(path, report, &way);
    REQUIRE(std::filesystem::exists(path));
    for (const auto& e : std::filesystem::directory_iterator(dir.path)) CHECK(e.path() == path);   // no temporary left

    const auto workbook = unzip(path, "xl/workbook.xml");
    CHECK(workbook.find("name=\"县域汇总表\"") != std::string::npos);
    CHECK(workbook.find("name=\"县域报告\"") != std::string::npos);
    CHECK(workbook.find("name=\"达标路径\"") != std::string::npos);
    CHECK(workbook.find("县域汇总表") < workbook.find("县域报告"));

    const auto table = cells_of(unzip(path, "xl/worksheets/sheet1.xml"));
    CHECK(table.at("A1") == "学校标识码");
    CHECK(table.at("K1") == "网络多媒体教室数");
    CHECK(table.at("A2") == "3201000001");   // a code stays text
    CHECK(table.at("B3") == "实验小学,东校区");
    CHECK(table.at("C6") == "初中");
    CHECK(table.at("D2") == "100");
    CHECK(table.at("H7") == "540.25");
    CHECK(table.count("A8") == 0);

    const auto sheet = cells_of(unzip(path, "xl/worksheets/sheet2.xml"));
    CHECK(sheet.at("A1") == "学段");
    CHECK(sheet.at("F1") == "差异系数");
    CHECK(sheet.at("B5") == "R4");
    CHECK(sheet.at("C5") == "生均教学及辅助用房面积");
    CHECK(std::stod(sheet.at("F5")) == doctest::Approx(0.9047619047619048));
    CHECK(sheet.at("H5") == "未达标");
    CHECK(sheet.at("B20") == "3201000003");
    CHECK(sheet.at("C21") == "新城小学");

    const auto ways = cells_of(unzip(path, "xl/worksheets/sheet3.xml"));
    CHECK(ways.at("M1") == "措施");
    CHECK(ways.at("B2") == "R4");
    CHECK(ways.at("K2") == "400");
    CHECK(ways.at("M2") == "需增加 400 m² 教学及辅助用房面积");

    // The stream form gives a workbook too.
    std::ostringstream bytes;
    ops::write_county_xlsx(bytes, report, nullptr);
    CHECK(bytes.str().substr(0, 2) == "PK");
}

TEST_CASE("county export: a file that cannot be written is refused and nothing is left, an existing file stays whole") {
    TempDir dir;
    const auto report = report_of(kTable);
    CHECK_THROWS_AS(ops::write_county_xlsx(dir.path / "missing" / "a.xlsx", report), domain::Rejected);
    CHECK_THROWS_AS(ops::write_file_atomically(dir.path / "missing" / "a.csv", [&](std::ostream& o) { ops::write_county_csv(o, report); }),
                    domain::Rejected);
    const auto kept = dir.path / "a.csv";
    std::ofstream(kept) << "old";
    CHECK_THROWS(ops::write_file_atomically(kept, [&](std::ostream& o) {
        o << "half";
        throw std::runtime_error("interrupted");
    }));
    CHECK(slurp(kept) == "old");
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path)) ++files;
    CHECK(files == 1);
}

TEST_CASE("county export: a 3000-part county is written in time proportional to its rows") {
    TempDir dir;
    const auto timed = [&](std::size_t n) {
        std::string table = kTable.substr(0, kTable.find('\n') + 1);
        for (std::size_t i = 0; i < n; ++i)
            table += std::to_string(3201100000 + i) + ",学校" + std::to_string(i) + (i % 2 ? ",小学," : ",初中,") + std::to_string(100 + i % 500) +
                     ",5,2,1," + std::to_string(400 + i % 300) + ",800,250000,3\n";
        const auto report = report_of(table);
        const auto start = std::chrono::steady_clock::now();
        ops::write_file_atomically(dir.path / "t.csv", [&](std::ostream& o) { ops::write_county_csv(o, report); });
        ops::write_county_xlsx(dir.path / "t.xlsx", report);
        const auto back = exchange::read_county_table(slurp(dir.path / "t.csv"), "t.csv");
        CHECK(back.size() == n);
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    const double small = timed(300), large = timed(3000);
    MESSAGE("300 parts: " << small << " s, 3000 parts: " << large << " s");
    CHECK(large < 40 * small + 0.5);   // ten times the rows: far from a hundred times the time
}
