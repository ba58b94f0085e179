// The commands over the store, run as the real binary: init, show, check, backup, restore and
// new-year, with their exit statuses (0 ok, 1 rejected, 2 usage) and what they print.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli/run.hpp"

using jh::test::Outcome;
using jh::test::ScratchDir;
namespace fs = std::filesystem;

namespace {

// A scratch directory whose commands all use <dir>/school.db.
struct Workspace {
    ScratchDir dir;
    fs::path operator/(const std::string& name) const { return dir / name; }
    Outcome junheng(const std::vector<std::string>& args) const {
        std::vector<std::string> all{"--db", (dir / "school.db").string()};
        all.insert(all.end(), args.begin(), args.end());
        return jh::test::junheng(dir, all);
    }
};

const std::vector<std::string> kInit = {"init",       "--code", "3101010001", "--name",     "青山学校", "--county",
                                        "310101",     "--type", "nine_year",  "--location", "乡村",     "--boarding",
                                        "--year",     "2025"};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

}  // namespace

TEST_CASE("init creates the school and its first year, and show summarises it") {
    Workspace w;
    auto init = w.junheng(kInit);
    CHECK(init.status == 0);
    CHECK(contains(init.out, "3101010001"));
    auto show = w.junheng({"show"});
    CHECK(show.status == 0);
    CHECK(contains(show.out, "学校：青山学校"));
    CHECK(contains(show.out, "九年一贯制 · 乡村 · 公办 · 寄宿制"));
    CHECK(contains(show.out, "2025—2026"));
    auto json = w.junheng({"show", "--json"});
    REQUIRE(json.status == 0);
    auto doc = nlohmann::json::parse(json.out);
    CHECK(doc["school"]["code"] == "3101010001");
    CHECK(doc["school"]["type"] == "nine_year");
    CHECK(doc["school"]["location"] == "rural");
    CHECK(doc["year"]["year"] == 2025);
    CHECK(doc["years"] == nlohmann::json::array({2025}));
    CHECK(doc["pupils"]["total"] == 0);
}

TEST_CASE("init refuses bad options, an invalid profile and a second school") {
    Workspace w;
    auto missing = w.junheng({"init", "--code", "3101010001"});
    CHECK(missing.status == 2);
    CHECK(contains(missing.err, "--name is required"));
    CHECK(contains(missing.err, "Usage: junheng [--db PATH] init"));
    auto bad_type = w.junheng({"init", "--code", "3101010001", "--name", "x", "--county", "310101", "--type", "大学",
                               "--location", "rural"});
    CHECK(bad_type.status == 2);
    CHECK(contains(bad_type.err, "nine_year (九年一贯制)"));
    CHECK_FALSE(fs::exists(w / "school.db"));

    auto bad_code = w.junheng({"init", "--code", "31010", "--name", "x", "--county", "310101", "--type", "primary",
                               "--location", "rural"});
    CHECK(bad_code.status == 1);
    CHECK(contains(bad_code.err, "10 digits"));
    CHECK_FALSE(fs::exists(w / "school.db"));   // nothing created for a rejected profile

    REQUIRE(w.junheng(kInit).status == 0);
    auto again = w.junheng(kInit);
    CHECK(again.status == 1);
    CHECK(contains(again.err, "already holds school 3101010001"));
}

TEST_CASE("commands on a missing database say so and exit 1") {
    Workspace w;
    for (const auto& args : std::vector<std::vector<std::string>>{{"show"}, {"check"}, {"backup", "x.db"}, {"new-year", "2026"}}) {
        auto r = w.junheng(args);
        INFO(args[0]);
        CHECK(r.status == 1);
        CHECK(contains(r.err, "no database at"));
    }
    CHECK_FALSE(fs::exists(w / "school.db"));
}

TEST_CASE("every store command has full usage text") {
    Workspace w;
    for (const std::string command : {"init", "show", "check", "backup", "restore", "new-year"}) {
        auto r = w.junheng({command, "--help"});
        INFO(command);
        CHECK(r.status == 0);
        CHECK(contains(r.out, "Usage: junheng [--db PATH] " + command));
        CHECK(contains(r.out, "Exit status"));
    }
    CHECK(w.junheng({"show", "--year"}).status == 2);
    CHECK(w.junheng({"show", "--bogus"}).status == 2);
    CHECK(w.junheng({"backup"}).status == 2);
    CHECK(w.junheng({"restore", "a", "b"}).status == 2);
    CHECK(w.junheng({"new-year", "next"}).status == 2);
}

TEST_CASE("check passes a sound database and fails a tampered audit log") {
    Workspace w;
    REQUIRE(w.junheng(kInit).status == 0);
    auto ok = w.junheng({"check"});
    CHECK(ok.status == 0);
    CHECK(contains(ok.out, "database integrity: ok"));
    CHECK(contains(ok.out, "hash chain intact"));
    CHECK(contains(ok.out, "school year 2025–2026: 0 errors"));

    const auto db = (w / "school.db").string();
    const std::string tamper = "sqlite3 '" + db +
                               "' \"DROP TRIGGER audit_no_update; UPDATE audit SET operator_name = 'mallory' WHERE seq = 1;\"";
    REQUIRE(std::system(tamper.c_str()) == 0);
    auto broken = w.junheng({"check"});
    CHECK(broken.status == 1);
    CHECK(contains(broken.out, "hash chain BROKEN"));
    CHECK(contains(broken.out, "entry 1"));
    CHECK(contains(broken.err, "check found 1 error"));
}

TEST_CASE("check fails on data that breaks a validation rule") {
    Workspace w;
    REQUIRE(w.junheng(kInit).status == 0);
    // Written behind the program's back: a class of 500 pupils passes the schema but not the rules.
    const std::string sql = "sqlite3 '" + (w / "school.db").string() +
                            "' \"INSERT INTO class (year, stage, grade, number, pupils) VALUES (2025, 'primary', 1, 1, 500)\"";
    REQUIRE(std::system(sql.c_str()) == 0);
    auto r = w.junheng({"check"});
    CHECK(r.status == 1);
    CHECK(contains(r.out, "hash chain intact"));
    CHECK(contains(r.out, "school year 2025–2026: 1 error, "));
    CHECK(contains(r.out, "pupils 500"));
    CHECK(contains(r.out, "  error: "));
    CHECK(contains(r.err, "check found 1 error"));
}

TEST_CASE("backup and restore bring back the database exactly, keeping the replaced one") {
    Workspace w;
    REQUIRE(w.junheng(kInit).status == 0);
    auto backup = w.junheng({"backup", (w / "copy.db").string()});
    CHECK(backup.status == 0);
    CHECK(contains(backup.out, "copy.db"));
    CHECK(w.junheng({"backup", (w / "copy.db").string()}).status == 1);   // never overwrites

    const auto before = w.junheng({"show", "--json"}).out;
    REQUIRE(w.junheng({"new-year", "2026"}).status == 0);
    CHECK(w.junheng({"show", "--json"}).out != before);

    auto restore = w.junheng({"restore", (w / "copy.db").string()});
    CHECK(restore.status == 0);
    CHECK(contains(restore.out, "kept as"));
    CHECK(w.junheng({"show", "--json"}).out == before);
    CHECK(w.junheng({"check"}).status == 0);

    std::ofstream(w / "junk.db") << "not a database";
    auto junk = w.junheng({"restore", (w / "junk.db").string()});
    CHECK(junk.status == 1);
    CHECK(w.junheng({"show", "--json"}).out == before);
}

TEST_CASE("new-year carries the roster forward and refuses an existing year") {
    Workspace w;
    REQUIRE(w.junheng(kInit).status == 0);
    auto started = w.junheng({"new-year", "2026"});
    CHECK(started.status == 0);
    CHECK(contains(started.out, "started school year 2026–2027 from 2025–2026"));
    CHECK(contains(started.out, "re-confirmed"));
    auto doc = nlohmann::json::parse(w.junheng({"show", "--json"}).out);
    CHECK(doc["year"]["year"] == 2026);
    CHECK(doc["year"]["pupils_confirmed"] == 0);
    CHECK(doc["years"] == nlohmann::json::array({2025, 2026}));
    CHECK(w.junheng({"show", "--year", "2025"}).status == 0);

    auto again = w.junheng({"new-year", "2026"});
    CHECK(again.status == 1);
    CHECK(contains(again.err, "already exists"));
    CHECK(w.junheng(with({"new-year", "2024"}, {"--from", "2026"})).status == 1);
}

TEST_CASE("a corrupt database is moved aside and the user told where") {
    Workspace w;
    std::ofstream(w / "school.db") << std::string(8192, 'z');
    auto r = w.junheng({"show"});
    CHECK(r.status == 1);
    CHECK(contains(r.err, "corrupt"));
    CHECK(contains(r.err, "school.db.corrupt-"));
    CHECK_FALSE(fs::exists(w / "school.db"));
}
