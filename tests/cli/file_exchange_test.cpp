// The file operations the commands and the window share (ops/file_exchange.hpp), against a real
// database: the preview of an import, the refusal of another school's files, and the names of
// the window's export folders.
#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <fstream>

#include "cli/run.hpp"
#include "domain/demo.hpp"
#include "exchange/templates.hpp"
#include "ops/file_exchange.hpp"

using jh::test::ScratchDir;
namespace fs = std::filesystem;

namespace {

// The demo school's templates written into `dir`, and the paths of the ones named.
std::vector<fs::path> write_demo_templates(const jh::domain::SchoolData& data, const fs::path& dir, std::vector<std::string> names) {
    jh::ops::write_files_atomically(dir, jh::ops::template_files(data, jh::exchange::Encoding::Utf8));
    std::vector<fs::path> out;
    for (const auto& n : names) out.push_back(dir / n);
    return out;
}

}  // namespace

TEST_CASE("preview: the school, the year and each kind's rows, with how many replace stored records") {
    ScratchDir dir;
    auto store = jh::store::Store::open(dir / "school.db");
    const auto demo = jh::domain::make_demo_school(std::string(jh::domain::kDemoSchoolCode), 2025);
    store.import(demo);
    const auto data = store.load(2025);
    auto paths = write_demo_templates(data, dir / "out", {"教职工.csv", "班级.csv"});
    // One more class, typed in by hand: a new record.
    std::ofstream(paths[1], std::ios::app) << ",2025,小学,6,9,20,\n";
    const auto imported = jh::ops::read_import_files(paths);
    const auto preview = jh::ops::preview_import(store, imported);
    CHECK(preview.school_code == jh::domain::kDemoSchoolCode);
    CHECK(preview.school_name == data.school.name);
    CHECK(preview.year == 2025);
    CHECK_FALSE(preview.new_school);
    CHECK_FALSE(preview.new_year);
    CHECK(preview.unmarked.empty());
    REQUIRE(preview.kinds.size() == 2);
    CHECK(preview.kinds[0].zh == "班级");   // template order, not the order given
    CHECK(preview.kinds[0].rows == data.classes.size() + 1);
    CHECK(preview.kinds[0].replaced == data.classes.size());
    CHECK(preview.kinds[1].zh == "教职工");
    CHECK(preview.kinds[1].rows == data.staff.size());
    CHECK(preview.kinds[1].replaced == data.staff.size());
    CHECK(preview.kinds[1].file == paths[0].string());
}

TEST_CASE("preview and import refuse files naming another school — nothing is written") {
    ScratchDir dir;
    auto store = jh::store::Store::open(dir / "school.db");
    store.import(jh::domain::make_demo_school(std::string(jh::domain::kDemoSchoolCode), 2025));
    auto theirs = jh::domain::make_demo_school("4401020009", 2025);
    const auto paths = write_demo_templates(theirs, dir / "theirs", {"教职工.csv", "班级.csv"});
    const auto imported = jh::ops::read_import_files(paths);
    CHECK(imported.school_code == "4401020009");
    const auto changes = store.changes_since(0, 1'000'000).size();
    CHECK_THROWS_WITH_AS(jh::ops::preview_import(store, imported), doctest::Contains("belong to the school with code 4401020009"),
                         jh::domain::Rejected);
    CHECK_THROWS_AS(jh::ops::import_into(store, imported), jh::domain::Rejected);
    CHECK(store.changes_since(0, 1'000'000).size() == changes);
}

TEST_CASE("the window's export folder is named by school and local time, and never reuses a name") {
    setenv("TZ", "Asia/Shanghai", 1);
    tzset();
    jh::domain::School school;
    school.code = "3601020001";
    school.name = "青山镇/中心学校";
    const auto at = std::chrono::system_clock::from_time_t(1'756'690'200);   // 2025-09-01 01:30 UTC
    CHECK(jh::ops::export_folder_name(school, at) == "3601020001_青山镇中心学校_2025-09-01_0930");
    ScratchDir dir;
    CHECK(jh::ops::unused_path(dir.path(), "a") == dir / "a");
    fs::create_directories(dir / "a");
    std::ofstream(dir / "a_2.db") << "x";
    CHECK(jh::ops::unused_path(dir.path(), "a") == dir / "a_2");
    CHECK(jh::ops::unused_path(dir.path(), "a", ".db") == dir / "a.db");
    std::ofstream(dir / "a.db") << "x";
    CHECK(jh::ops::unused_path(dir.path(), "a", ".db") == dir / "a_3.db");
    unsetenv("TZ");
    tzset();
}
