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
    const std::string header_end = "学校标识码\n";
    const auto second_row = [&](const std::string& text) { return text.find('\n', text.find('\n') + 1) + 1; };

    struct Case {
        std::string name, bytes, expected;
    };
    const std::vector<Case> cases{
        {"wrong encoding", equipment.substr(0, 40) + "\xFF\xFE" + equipment.substr(40), "line 1: unrecognised encoding"},
        {"missing column", replace_once(equipment, ",所属学段,", ","), "line 1, column 11: missing column(s): 所属学段"},
        {"unknown column", replace_once(equipment, "学校标识码\n", "学校标识码,备注\n"), "line 1, column 12: unknown column '备注'"},
        {"bad number", replace_once(classes, ",1,1,", ",一,1,"), "line 2, column 4: '年级' (grade): '一' cannot be part of a number"},
        {"bad enum value", replace_once(classes, ",小学,", ",幼儿园,"), "line 2, column 3: '学段' (stage) has unknown value '幼儿园'"},
        {"duplicate id", classes + classes.substr(second_row(classes), classes.find('\n', second_row(classes)) - second_row(classes) + 1),
         "duplicate id: same as line 3"},
        {"duplicate class", classes + "," + classes.substr(classes.find(',', second_row(classes)) + 1,
                                                           classes.find('\n', second_row(classes)) - classes.find(',', second_row(classes))),
         "duplicate stage/grade/class number: same as line 3"},
        {"row too short", equipment.substr(0, equipment.rfind(',', second_row(equipment) - 2)) + "\n",
         "line 2, column 11: the row has 10 cells, expected 11"},
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

TEST_CASE("another school's files are refused, even without its 学校基本信息.csv") {
    ScratchDir dir;
    const auto db = demo_database(dir);
    const auto before = content(dir, db);
    const auto other = (dir / "other.db").string();
    REQUIRE(junheng(dir, {"--db", other, "demo", "--code", "4401020009", "--year", "2025"}).status == 0);
    REQUIRE(junheng(dir, {"--db", other, "export", "--out", (dir / "theirs").string()}).status == 0);
    fs::remove(dir / "theirs" / "学校基本信息.csv");
    auto r = run_import(dir, db, all_paths(dir / "theirs"));
    CHECK(r.status == 1);
    CHECK(r.err.find("belong to the school with code 4401020009") != std::string::npos);
    CHECK(r.err.find("not to this school (3360726001") != std::string::npos);
    CHECK(content(dir, db) == before);
}

// The templates as exported before they carried 学校标识码: that last column taken off.
Files without_school_code(Files files) {
    for (auto& [name, bytes] : files) {
        if (name == "学校基本信息.csv") continue;
        std::string out;
        for (std::size_t start = 0; start < bytes.size();) {
            const auto end = bytes.find('\n', start);
            const auto line = bytes.substr(start, end - start);
            out += line.substr(0, line.rfind(',')) + "\n";
            start = end + 1;
        }
        bytes = out;
    }
    return files;
}

TEST_CASE("old templates without 学校标识码 still import, the output naming the school they went into") {
    ScratchDir dir;
    const auto db = demo_database(dir);
    const auto exported = files_in(dir / "out");
    fs::create_directories(dir / "old");
    for (const auto& [name, bytes] : without_school_code(exported)) write(dir / "old" / name, bytes);
    REQUIRE(files_in(dir / "old").at("班级.csv").find("学校标识码") == std::string::npos);
    const auto fresh = (dir / "copy.db").string();
    auto r = run_import(dir, fresh, all_paths(dir / "old"));
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("note: 11 file(s) without a 学校标识码 (school code) column") != std::string::npos);
    CHECK(r.out.find("were imported into school 3360726001 ") != std::string::npos);
    CHECK(r.out.find((dir / "old" / "教职工.csv").string()) != std::string::npos);
    // Exported again, they carry the column: the same bytes as the first export.
    REQUIRE(junheng(dir, {"--db", fresh, "export", "--out", (dir / "again").string()}).status == 0);
    CHECK(files_in(dir / "again") == exported);
    // Current templates print no note.
    auto current = run_import(dir, db, {(dir / "out" / "班级.csv").string()});
    REQUIRE(current.status == 0);
    CHECK(current.out.find("note:") == std::string::npos);
}

TEST_CASE("a refused import lists every problem of every file, in the order kinds depend on one another") {
    ScratchDir dir;
    const auto db = demo_database(dir);
    const auto exported = files_in(dir / "out");
    std::string classes = exported.at("班级.csv");
    classes = replace_once(classes, ",小学,", ",幼儿园,");
    classes = replace_once(classes, ",小学,", ",托班,");
    write(dir / "班级.csv", classes);
    write(dir / "学年.csv", replace_once(exported.at("学年.csv"), "\n2025,", "\n二〇二五,"));
    auto r = run_import(dir, db, {(dir / "班级.csv").string(), (dir / "学年.csv").string()});
    CHECK(r.status == 1);
    const auto year_problem = r.err.find("学年.csv: line 2");
    const auto first = r.err.find("has unknown value '幼儿园'"), second = r.err.find("has unknown value '托班'");
    CHECK(year_problem != std::string::npos);
    CHECK(first != std::string::npos);
    CHECK(second != std::string::npos);
    CHECK(year_problem < first);   // 学年 before 班级, whatever the order given
    CHECK(first < second);
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
