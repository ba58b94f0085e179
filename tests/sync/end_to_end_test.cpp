// Issue 8's "done when", through the real binaries on one machine: a `junheng-bureau serve` on
// 127.0.0.1 and two school terminals (`junheng --db …`) that worked offline, enrol with their
// one-time codes, sync and submit; the bureau's export of each equals the school's own, byte
// for byte; one school restores a backup, edits and syncs and the bureau neither loses nor
// duplicates anything; `junheng-bureau report --json` equals `junheng county --json` over the
// submitted snapshots; a captive portal never counts as delivered; a used code and another
// school's credential are refused. Edits between commands go through the terminal's store,
// as the window makes them.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/run.hpp"
#include "receiver/process.hpp"
#include "store/store.hpp"

using namespace jh;
namespace fs = std::filesystem;

namespace {

constexpr int kYear = 2025;

std::string last_line(const std::string& text) {
    auto end = text.find_last_not_of('\n');
    auto start = text.rfind('\n', end);
    return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

test::Outcome bureau(const test::ScratchDir& dir, std::vector<std::string> args) {
    auto r = test::bureau_run([&] {
        std::vector<std::string> all{"--db", (dir / "bureau.db").string()};
        all.insert(all.end(), args.begin(), args.end());
        return all;
    }());
    return {r.status, r.out, r.err};
}

test::Outcome school(const test::ScratchDir& dir, const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", (dir / db).string()});
    return test::junheng(dir, args);
}

// One field edit through the store, as the window makes it.
void edit(const fs::path& db, double add) {
    auto store = store::Store::open(db, store::OpenMode::MustExist);
    auto building = store.load(kYear).buildings.at(0);
    building.area += add;
    store.update(building);
}

std::string export_school(const test::ScratchDir& dir, const std::string& db, const std::string& out) {
    auto r = school(dir, db, {"export", "--format", "snapshot", "--year", std::to_string(kYear), "--out", (dir / out).string()});
    REQUIRE(r.status == 0);
    for (const auto& f : fs::directory_iterator(dir / out)) return test::slurp(f.path());
    FAIL("no export written");
    return {};
}

std::string export_bureau(const test::ScratchDir& dir, const std::string& code, const std::string& out) {
    auto r = bureau(dir, {"export", "--school", code, "--year", std::to_string(kYear), "--out", (dir / out).string()});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    for (const auto& f : fs::directory_iterator(dir / out)) return test::slurp(f.path());
    FAIL("no bureau export written");
    return {};
}

// A "captive portal": answers every request with 200 and a login page.
class Portal {
public:
    Portal() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::listen(fd_, 8);
        socklen_t len = sizeof a;
        getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        thread_ = std::thread([this] {
            while (!stop_) {
                pollfd p{fd_, POLLIN, 0};
                if (poll(&p, 1, 100) <= 0) continue;
                const int c = ::accept(fd_, nullptr, nullptr);
                if (c < 0) continue;
                char buf[65536];
                pollfd q{c, POLLIN, 0};
                if (poll(&q, 1, 2000) > 0) (void)::read(c, buf, sizeof buf);
                const std::string page = "<html><body>请登录酒店无线网络</body></html>";
                const std::string reply = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\nContent-Length: " +
                                          std::to_string(page.size()) + "\r\n\r\n" + page;
                (void)::write(c, reply.data(), reply.size());
                ::close(c);
            }
        });
    }
    ~Portal() {
        stop_ = true;
        thread_.join();
        ::close(fd_);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

private:
    int fd_ = -1, port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace

TEST_CASE("two schools offline, enrolled, synced and submitted — restore — report equals county — portal and stolen codes refused") {
    setenv("no_proxy", "127.0.0.1", 1);
    test::ScratchDir dir;
    const std::string a = "3607260101", b = "3607260102";

    // Both schools work offline first: demo data and an edit each.
    REQUIRE(school(dir, "a.db", {"demo", "--code", a, "--year", std::to_string(kYear)}).status == 0);
    REQUIRE(school(dir, "b.db", {"demo", "--code", b, "--year", std::to_string(kYear)}).status == 0);
    edit(dir / "a.db", 3);
    edit(dir / "b.db", 5);

    auto add_a = bureau(dir, {"school", "add", "--code", a, "--name", "甲校"});
    auto add_b = bureau(dir, {"school", "add", "--code", b, "--name", "乙校"});
    REQUIRE(add_a.status == 0);
    REQUIRE(add_b.status == 0);
    const std::string code_a = last_line(add_a.out), code_b = last_line(add_b.out);

    test::ServeProcess serve((dir / "bureau.db").string());
    const std::string url = "http://127.0.0.1:" + std::to_string(serve.port());

    // A captive portal before the receiver: enrolment is not delivered (exit 3), nothing pinned.
    {
        Portal portal;
        auto r = school(dir, "a.db", {"enroll", "--server", portal.url(), "--code", code_a});
        CHECK(r.status == 3);
    }
    // Enrol and sync.
    for (auto [db, code] : {std::pair{"a.db", code_a}, std::pair{"b.db", code_b}}) {
        auto enrolled = school(dir, db, {"enroll", "--server", url, "--code", code});
        REQUIRE_MESSAGE(enrolled.status == 0, enrolled.err);
        CHECK(school(dir, db, {"sync"}).status == 0);
    }
    // School B: a backup; two edits synced; the backup restored; one edit; sync. The bureau's
    // copy follows the school to what it has now: nothing of it lost, nothing twice.
    REQUIRE(school(dir, "b.db", {"backup", (dir / "b-backup.db").string()}).status == 0);
    edit(dir / "b.db", 1);
    edit(dir / "b.db", 1);
    REQUIRE(school(dir, "b.db", {"sync"}).status == 0);
    REQUIRE(school(dir, "b.db", {"restore", (dir / "b-backup.db").string()}).status == 0);
    edit(dir / "b.db", 7);
    auto healed = school(dir, "b.db", {"sync"});
    CHECK_MESSAGE(healed.status == 0, healed.err);
    CHECK(export_bureau(dir, b, "bureau-b-restored") == export_school(dir, "b.db", "school-b-restored"));

    // Submit both.
    for (const char* db : {"a.db", "b.db"}) {
        auto submitted = school(dir, db, {"submit", "--year", std::to_string(kYear)});
        CHECK_MESSAGE(submitted.status == 0, submitted.err);
    }
    auto listed = bureau(dir, {"submissions"});
    CHECK(listed.out.find(a) != std::string::npos);
    CHECK(listed.out.find(b) != std::string::npos);

    // A used code is refused; so is school B's code used by a terminal claiming to be school A.
    REQUIRE(school(dir, "c.db", {"demo", "--code", a, "--year", std::to_string(kYear)}).status == 0);
    CHECK(school(dir, "c.db", {"enroll", "--server", url, "--code", code_a}).status == 1);
    CHECK(school(dir, "c.db", {"enroll", "--server", url, "--code", code_b}).status == 1);

    // The bureau's copy of each school is the school's own, byte for byte.
    CHECK(export_bureau(dir, a, "bureau-a") == export_school(dir, "a.db", "school-a"));
    CHECK(export_bureau(dir, b, "bureau-b") == export_school(dir, "b.db", "school-b"));

    // The county report over the submitted snapshots equals `junheng county` over the same.
    auto report = bureau(dir, {"report", "--year", std::to_string(kYear), "--json"});
    REQUIRE_MESSAGE(report.status == 0, report.err);
    auto county = test::junheng(dir, {"county", "--year", std::to_string(kYear), "--json",
                                      (dir / "school-a" / (a + "_2025.json")).string(),
                                      (dir / "school-b" / (b + "_2025.json")).string()});
    REQUIRE_MESSAGE(county.status == 0, county.err);
    auto bureau_json = nlohmann::json::parse(report.out), county_json = nlohmann::json::parse(county.out);
    for (const auto& [key, value] : county_json.items()) CHECK_MESSAGE(bureau_json[key] == value, key);
    CHECK(serve.stop() == 0);
}

TEST_CASE("junheng-bureau demo: a demo county enrolled, synced and submitted through the protocol — every school in the report") {
    test::ScratchDir dir;
    auto demo = bureau(dir, {"demo", "--schools", "6", "--year", std::to_string(kYear)});
    REQUIRE_MESSAGE(demo.status == 0, demo.err);
    CHECK(demo.out.find("6 schools synced") != std::string::npos);
    auto list = bureau(dir, {"school", "list"});
    CHECK(std::count(list.out.begin(), list.out.end(), '\n') >= 6);
    auto report = bureau(dir, {"report", "--year", std::to_string(kYear), "--json"});
    REQUIRE_MESSAGE(report.status == 0, report.err);
    const auto doc = nlohmann::json::parse(report.out);
    // Every school synced and is in the report's completeness; every submitted school is counted
    // in a stage part (a teaching point within its central school's) or listed under excluded.
    const auto& completeness = doc["completeness"];
    CHECK(completeness["registered"] == 6);
    std::set<std::string> seen;
    for (const auto& [stage, st] : doc["stages"].items())
        for (const auto& part : st["parts"]) seen.insert(part["code"].get<std::string>());
    for (const auto& e : doc["excluded"]) {
        seen.insert(e["code"].get<std::string>());
        CHECK_FALSE(e["reason"]["en"].get<std::string>().empty());
    }
    CHECK_FALSE(seen.empty());
    for (const auto& s : completeness["schools"]) {
        CHECK(s["synced"] == true);
        CHECK_FALSE(s["submission"].is_null());
    }
    // A second demo into the same store is refused, and changes nothing.
    auto again = bureau(dir, {"demo", "--schools", "6"});
    CHECK(again.status == 1);
    CHECK(again.err.find("already registered") != std::string::npos);
}

TEST_CASE("junheng-bureau demo --listen: the demo terminals keep the address serve takes afterwards and sync with it again") {
    test::ScratchDir dir;
    // A fixed port below the kernel's ephemeral range (32768 and up), so no other test's
    // connection takes it between the demo and serve; another if the demo cannot bind it (it
    // binds before storing anything).
    std::random_device entropy;
    int port = 0;
    std::string listen;
    test::Outcome demo;
    for (int attempt = 0; attempt < 8; ++attempt) {
        port = 20000 + static_cast<int>(entropy() % 12000);
        listen = "127.0.0.1:" + std::to_string(port);
        demo = bureau(dir, {"demo", "--schools", "2", "--year", std::to_string(kYear), "--listen", listen});
        if (demo.err.find("cannot listen") == std::string::npos) break;
    }
    REQUIRE_MESSAGE(demo.status == 0, demo.err);
    CHECK(bureau(dir, {"demo", "--listen", "nowhere"}).status == 2);

    test::ServeProcess serve((dir / "bureau.db").string(), listen);
    REQUIRE(serve.port() == port);
    // The bureau returns each submitted year; each terminal's next sync reaches this serve and
    // shows the return.
    int synced = 0, returned = 0;
    for (const auto& terminal : fs::directory_iterator(dir / "bureau.db.demo")) {
        if (terminal.path().extension() != ".db") continue;
        const auto code = terminal.path().stem().string();
        const bool was_returned = bureau(dir, {"return", "--school", code, "--year", std::to_string(kYear), "--comment",
                                               "请核对班额", "--by", "王审核"}).status == 0;
        auto sync = school(dir, fs::relative(terminal.path(), dir.path()).string(), {"sync"});
        CHECK_MESSAGE(sync.status == 0, (sync.out + sync.err));
        if (was_returned) {
            CHECK_MESSAGE(sync.out.find("the bureau returned") != std::string::npos, sync.out);
            ++returned;
        }
        ++synced;
    }
    CHECK(synced == 2);
    CHECK(returned >= 1);
    CHECK(serve.stop() == 0);
}
