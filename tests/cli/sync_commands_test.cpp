// The sync commands run as the real binary against a receiver that is not there
// (http://127.0.0.1:1, nothing listens): enroll, sync, submit and status with their exit
// statuses (0 delivered, 3 unreachable and kept pending, 1 fatal, 2 usage) and status --json.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "cli/run.hpp"

using jh::test::ScratchDir;
namespace fs = std::filesystem;

namespace {

const std::string kNowhere = "http://127.0.0.1:1";

struct Workspace {
    ScratchDir dir;
    fs::path db() const { return dir / "school.db"; }
    jh::test::Outcome junheng(const std::vector<std::string>& args) const {
        std::vector<std::string> all{"--db", db().string()};
        all.insert(all.end(), args.begin(), args.end());
        return jh::test::junheng(dir, all);
    }
    // Marks the database enrolled with the unreachable receiver (what `enroll` records), with
    // the terminal key file beside it unless `freeze` is to make it (RFC 8032's first test key).
    void pretend_enrolled(bool with_key = true) const {
        if (with_key) {
            std::ofstream(db().string() + ".key")
                << "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
                   "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2DXWpgBgrEKt9VL/tPJZAc6DuFy89qmIyWvAhpo9wdRGg==\n";
            fs::permissions(db().string() + ".key", fs::perms::owner_read | fs::perms::owner_write);
        }
        sqlite3* handle = nullptr;
        REQUIRE(sqlite3_open(db().c_str(), &handle) == SQLITE_OK);
        const std::string sql = "UPDATE sync_state SET receiver_url = '" + kNowhere +
                                "', receiver_key = '11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo='";
        CHECK(sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(handle);
    }
};

}  // namespace

TEST_CASE("enroll with an unreachable receiver exits 3 and records nothing, bad input exits 1 or 2") {
    Workspace w;
    REQUIRE(w.junheng({"demo", "--year", "2025"}).status == 0);
    auto r = w.junheng({"enroll", "--server", kNowhere, "--code", "ABCD"});
    CHECK(r.status == 3);
    CHECK(r.err.find("unreachable") != std::string::npos);
    CHECK(w.junheng({"enroll", "--server", kNowhere}).status == 2);
    CHECK(w.junheng({"enroll", "--server", "ftp://x", "--code", "ABCD"}).status == 1);
    auto status = nlohmann::json::parse(w.junheng({"status", "--json"}).out);
    CHECK(status["enrolled"] == false);
}

TEST_CASE("sync: not enrolled exits 1, enrolled but unreachable exits 3 with everything pending") {
    Workspace w;
    REQUIRE(w.junheng({"demo", "--year", "2025"}).status == 0);
    auto not_enrolled = w.junheng({"sync"});
    CHECK(not_enrolled.status == 1);
    CHECK(not_enrolled.err.find("not enrolled") != std::string::npos);
    w.pretend_enrolled();
    auto r = w.junheng({"sync"});
    CHECK(r.status == 3);
    CHECK(r.err.find("not encrypted") != std::string::npos);
    auto status = nlohmann::json::parse(w.junheng({"status", "--json"}).out);
    CHECK(status["enrolled"] == true);
    CHECK(status["unencrypted"] == true);
    CHECK(status["pending"].get<int>() > 0);
    CHECK(status["pending"] == status["local_seq"]);
    CHECK(status["acked_seq"].is_null());
    CHECK(status["receiver"].is_null());
    CHECK_FALSE(status["receiver_error"].get<std::string>().empty());
    CHECK_FALSE(status["last_error"].get<std::string>().empty());
    CHECK(status["stream"].get<std::string>().size() == 32);
}

TEST_CASE("submit while unreachable locks the year, keeps the submission pending and exits 3") {
    Workspace w;
    REQUIRE(w.junheng({"demo", "--year", "2025"}).status == 0);
    CHECK(w.junheng({"submit"}).status == 1);   // not enrolled: nothing locked
    auto before = nlohmann::json::parse(w.junheng({"status", "--json"}).out);
    CHECK(before["submissions"].empty());
    w.pretend_enrolled(false);
    auto r = w.junheng({"submit", "--year", "2025"});
    CHECK(r.status == 3);
    CHECK(r.out.find("submission version 1") != std::string::npos);
    auto status = nlohmann::json::parse(w.junheng({"status", "--json"}).out);
    REQUIRE(status["submissions"].size() == 1);
    CHECK(status["submissions"][0]["year"] == 2025);
    CHECK(status["submissions"][0]["version"] == 1);
    CHECK(status["submissions"][0]["delivered"] == false);
    CHECK(fs::exists(w.dir / "school.db.key"));
    // Again: the year is locked, not frozen a second time; still unreachable.
    auto again = w.junheng({"submit"});
    CHECK(again.status == 3);
    CHECK(again.out.find("already submitted") != std::string::npos);
    CHECK(nlohmann::json::parse(w.junheng({"status", "--json"}).out)["submissions"].size() == 1);
}

TEST_CASE("restore gives the restored database a new stream") {
    Workspace w;
    REQUIRE(w.junheng({"demo", "--year", "2025"}).status == 0);
    const auto stream = nlohmann::json::parse(w.junheng({"status", "--json"}).out)["stream"];
    REQUIRE(w.junheng({"backup", (w.dir / "b.db").string()}).status == 0);
    REQUIRE(w.junheng({"restore", (w.dir / "b.db").string()}).status == 0);
    CHECK(nlohmann::json::parse(w.junheng({"status", "--json"}).out)["stream"] != stream);
}

TEST_CASE("the sync commands have full usage text") {
    Workspace w;
    for (const char* c : {"enroll", "sync", "submit", "status"}) {
        auto r = w.junheng({c, "--help"});
        CHECK(r.status == 0);
        CHECK(r.out.find("Exit status") != std::string::npos);
    }
}
