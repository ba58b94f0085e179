// `junheng import` and `junheng export` through the real binary: exports round-trip byte for
// byte through a new database, and every kind of malformed file is refused with its place,
// exit status 1 and the database untouched.
#include <doctest/doctest.h>

#include <map>

#include "cli/run.hpp"
#include "exchange/encoding.hpp"
#include "store/store.hpp"

using jh::test::junheng;
using jh::test::ScratchDir;
namespace fs = std::filesystem;

namespace {

using Files = std::map<std::string, std::string>;

Files files_in(const fs::path& dir) {
    Files out;
    for (const auto& e : fs::directory_iterator(dir)) out[e.path().filename().string()] = jh::test::slurp(e.path());
    return out;
}

void write(const fs::path& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

// A demo school database in `dir`, and its CSV export in dir/"out".
std::string demo_database(const ScratchDir& dir) {
    const auto db = (dir / "school.db").string();
    REQUIRE(junheng(dir, {"--db", db, "demo", "--year", "2025"}).status == 0);
    REQUIRE(junheng(dir, {"--db", db, "export", "--out", (dir / "out").string()}).status == 0);
    return db;
}

std::vector<std::string> all_paths(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& [name, bytes] : files_in(dir)) out.push_back((dir / name).string());
    return out;
}

// Everything the database holds, as the export shows it, plus the length of its audit log.
std::pair<Files, std::size_t> content(const ScratchDir& dir, const std::string& db) {
    const auto out = dir / "content";
    fs::remove_all(out);
    REQUIRE(junheng(dir, {"--db", db, "export", "--out", out.string()}).status == 0);
    auto store = jh::store::Store::open(db, jh::store::OpenMode::MustExist);
    return {files_in(out), store.changes_since(0, 1'000'000).size()};
}

jh::test::Outcome run_import(const ScratchDir& dir, const std::string& db, const std::vector<std::string>& paths) {
    std::string command = "cd " + jh::test::shell_quoted(dir.path().string()) + " && " + jh::test::shell_quoted(JUNHENG_BINARY) +
                          " --db " + jh::test::shell_quoted(db) + " import";
    for (const auto& p : paths) command += " " + jh::test::shell_quoted(p);
    command += " >.stdout 2>.stderr";
    const int raw = std::system(command.c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, jh::test::slurp(dir / ".stdout"), jh::test::slurp(dir / ".stderr")};
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("export → import into a new database → export gives byte-identical files") {
    ScratchDir dir;
    const auto db = demo_database(dir);
    const auto first = files_in(dir / "out");
    CHECK(first.size() == 12);
    CHECK(first.at("教职工.csv").starts_with("\xEF\xBB\xBF编号,学年,人员编号,姓名"));

    auto imported = run_import(dir, (dir / "copy.db").string(), all_paths(dir / "out"));
    INFO(imported.err);
    REQUIRE(imported.status == 0);
    CHECK(imported.out.find("equipment: ") != std::string::npos);
    REQUIRE(junheng(dir, {"--db", (dir / "copy.db").string(), "export", "--out", (dir / "again").string()}).status == 0);
    CHECK(files_in(dir / "again") == first);
    // Exporting the same data twice gives the same bytes too.
    REQUIRE(junheng(dir, {"--db", db, "export", "--out", (dir / "twice").string()}).status == 0);
    CHECK(files_in(dir / "twice") == first);
}

TEST_CASE("GBK export round-trips through a new database") {
    ScratchDir dir;
    const auto db = demo_database(dir);
    REQUIRE(junheng(dir, {"--db", db, "export", "--out", (dir / "gbk").string(), "--encoding", "gbk"}).status == 0);
    const auto gbk = files_in(dir / "gbk");
    CHECK(gbk.at("班级.csv") == jh::exchange::utf8_to_gb18030(files_in(dir / "out").at("班级.csv").substr(3)));
    REQUIRE(run_import(dir, (dir / "copy.db").string(), all_paths(dir / "gbk")).status == 0);
    REQUIRE(junheng(dir, {"--db", (dir / "copy.db").string(), "export", "--out", (dir / "again").string(), "--encoding", "gbk"}).status == 0);
    CHECK(files_in(dir / "again") == gbk);
}

TEST_CASE("snapshot export round-trips through a new database") {
    ScratchDir dir;
    const auto db = demo_database(dir);
    auto r = junheng(dir, {"--db", db, "export", "--out", (dir / "snap").string(), "--format", "snapshot"});
    REQUIRE(r.status == 0);
    const auto snapshot = files_in(dir / "snap");
    REQUIRE(snapshot.size() == 1);
    CHECK(snapshot.begin()->first == "3360726001_2025.json");
    REQUIRE(run_import(dir, (dir / "copy.db").string(), all_paths(dir / "snap")).status == 0);
    REQUIRE(junheng(dir, {"--db", (dir / "copy.db").string(), "export", "--out", (dir / "again").string(), "--format", "snapshot"}).status == 0);
    CHECK(files_in(dir / "again") == snapshot);
    REQUIRE(junheng(dir, {"--db", (dir / "copy.db").string(), "export", "--out", (dir / "csv").string()}).status == 0);
    CHECK(files_in(dir / "csv") == files_in(dir / "out"));
}

TEST_CASE("a malformed import exits 1 naming file, line and column, and leaves the database unchanged") {
    ScratchDir dir;
    const auto db = demo_database(dir);
    const auto before = content(dir, db);
    const auto exported = files_in(dir / "out");
    const std::string classes = exported.at("班级.csv"), equipment = exported.at("教学仪器设备.csv");
    const std::string header_end = "所属学段\n";
    const auto second_row = [&](const std::string& text) { return text.find('\n', text.find('\n') + 1) + 1; };

    struct Case {
        std::string name, bytes, expected;
    };
    const std::vector<Case> cases{
        {"wrong encoding", equipment.substr(0, 40) + "\xFF\xFE" + equipment.substr(40), "line 1: unrecognised encoding"},
        {"missing column", replace_once(equipment, ",所属学段\n", "\n"), "line 1, column 10: missing column(s): 所属学段"},
        {"unknown column", replace_once(equipment, "所属学段\n", "所属学段,备注\n"), "line 1, column 11: unknown column '备注'"},
        {"bad number", replace_once(classes, ",1,1,", ",一,1,"), "line 2, column 4: '年级' (grade): '一' cannot be part of a number"},
        {"bad enum value", replace_once(classes, ",小学,", ",幼儿园,"), "line 2, column 3: '学段' (stage) has unknown value '幼儿园'"},
        {"duplicate id", classes + classes.substr(second_row(classes), classes.find('\n', second_row(classes)) - second_row(classes) + 1),
         "duplicate id: same as line 3"},
        {"duplicate class", classes + "," + classes.substr(classes.find(',', second_row(classes)) + 1,
                                                           classes.find('\n', second_row(classes)) - classes.find(',', second_row(classes))),
         "duplicate stage/grade/class number: same as line 3"},
        {"row too short", equipment.substr(0, equipment.rfind(',', second_row(equipment) - 2)) + "\n",
         "line 2, column 10: the row has 9 cells, expected 10"},
        {"unterminated quote", replace_once(equipment, header_end, header_end + "\"unfinished,"), "line 2, column 1: unterminated quote"},
        {"cut inside a character", equipment.substr(0, equipment.find("显微镜") + 4), "the file ends in the middle of a character"},
        {"rule violation", replace_once(classes, ",1,1,", ",1,1,1") , ""},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const auto path = dir / (c.name + ".csv");
        write(path, c.bytes);
        // A good file next to the bad one: nothing of either may be written.
        auto r = run_import(dir, db, {(dir / "out" / "教职工.csv").string(), path.string()});
        INFO(r.err);
        CHECK(r.status == 1);
        CHECK(r.err.find(c.expected) != std::string::npos);
        if (c.name != "rule violation") CHECK(r.err.find(path.string()) != std::string::npos);
        CHECK(content(dir, db) == before);
    }
}

TEST_CASE("a failed import into a new path creates no database") {
    ScratchDir dir;
    demo_database(dir);
    const auto fresh = dir / "fresh.db";
    // Equipment alone cannot start a database: it has no school profile.
    auto r = run_import(dir, fresh.string(), {(dir / "out" / "教学仪器设备.csv").string()});
    CHECK(r.status == 1);
    CHECK(r.err.find("学校基本信息.csv") != std::string::npos);
    CHECK_FALSE(fs::exists(fresh));
}

TEST_CASE("import and export usage errors exit 2") {
    ScratchDir dir;
    CHECK(junheng(dir, {"--db", (dir / "x.db").string(), "import"}).status == 2);
    CHECK(junheng(dir, {"--db", (dir / "x.db").string(), "export"}).status == 2);
    CHECK(junheng(dir, {"--db", (dir / "x.db").string(), "export", "--out", "o", "--format", "xml"}).status == 2);
    CHECK(junheng(dir, {"--db", (dir / "x.db").string(), "export", "--out", "o", "--format", "snapshot", "--encoding", "gbk"}).status == 2);
    CHECK(junheng(dir, {"--db", (dir / "x.db").string(), "export", "--out", "o", "--year", "twenty"}).status == 2);
}

TEST_CASE("export of a school year the database does not hold is rejected") {
    ScratchDir dir;
    const auto db = demo_database(dir);
    auto r = junheng(dir, {"--db", db, "export", "--out", (dir / "other").string(), "--year", "2019"});
    CHECK(r.status == 1);
    CHECK(r.err.find("no school year 2019") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "other"));
}
