// The review cycle's junheng-bureau commands run as a user runs them (the real binary): staff
// accounts with --password-stdin, roles and --by, deadlines, submissions with their state and
// --diff, return/accept/reopen with their refusals (exit 1, nothing recorded), and the report.
#include <doctest/doctest.h>

#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "domain/audit_entry.hpp"
#include "domain/demo.hpp"
#include "exchange/snapshot.hpp"
#include "sync/receiver/fixture.hpp"
#include "sync/receiver/process.hpp"
#include "sync/receiver/staff.hpp"

using namespace jh::test;

namespace {

const std::string kSchool = "3601020001";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A registered, enrolled school that submits versions of 2025 through Receiver::handle.
struct SubmittingSchool {
    const ScratchStore& scratch;
    Terminal terminal{kSchool};
    jh::domain::SchoolData data = jh::domain::make_demo_school(kSchool, 2025);

    explicit SubmittingSchool(const ScratchStore& where) : scratch(where) {
        const auto r = bureau_run(scratch.args({"school", "add", "--code", kSchool, "--name", "城关小学"}));
        REQUIRE(r.status == 0);
        const auto owned_store = scratch.open();
        auto& store = *owned_store;
        rc::Receiver receiver(store);
        REQUIRE(receiver.handle(terminal.enrol(last_line(r.out))).status == 200);
    }
    void submit(int version) {
        const auto owned_store = scratch.open();
        auto& store = *owned_store;
        rc::Receiver receiver(store);
        const auto snapshot = jh::exchange::write_snapshot(data);
        const pr::Submission s{kSchool, 2025, version, jh::domain::sha256_hex(snapshot), pr::sign(snapshot, terminal.key.secret_key), snapshot};
        REQUIRE(receiver.handle(terminal.post(pr::kPathSubmission, pr::encode(s))).status == 200);
    }
};

// `junheng-bureau ARGS` on a pseudo-terminal of its own (its controlling terminal), answering
// each prompt in turn; returns the exit status and everything the terminal showed.
std::pair<int, std::string> on_terminal(const std::vector<std::string>& args, const std::vector<std::pair<std::string, std::string>>& answers) {
    int master = -1;
    const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
    if (pid < 0) throw std::runtime_error("forkpty failed");
    if (pid == 0) {
        std::vector<char*> argv{const_cast<char*>(JUNHENG_BUREAU)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(JUNHENG_BUREAU, argv.data());
        _exit(127);
    }
    std::string seen;
    const auto read_until = [&](const std::string& marker) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while ((marker.empty() || seen.find(marker) == std::string::npos) && std::chrono::steady_clock::now() < deadline) {
            pollfd p{master, POLLIN, 0};
            if (poll(&p, 1, 200) <= 0) continue;
            char buf[256];
            const auto n = ::read(master, buf, sizeof buf);
            if (n <= 0) return;   // EIO: the child has gone
            seen.append(buf, static_cast<std::size_t>(n));
        }
    };
    for (const auto& [prompt, answer] : answers) {
        read_until(prompt);
        if (seen.find(prompt) == std::string::npos) break;
        (void)!::write(master, answer.data(), answer.size());
    }
    read_until("");
    int raw = 0;
    waitpid(pid, &raw, 0);
    close(master);
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, seen};
}

}  // namespace

TEST_CASE("junheng-bureau user add asks for the password twice on the terminal, without echo") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    auto [status, shown] = on_terminal(scratch.args({"user", "add", "--name", "zhang"}),
                                       {{"Password: ", "tty-secret\n"}, {"Repeat the password: ", "tty-secret\n"}});
    CHECK_MESSAGE(status == 0, shown);
    CHECK(has(shown, "staff account zhang added (reviewer)"));
    CHECK_FALSE(has(shown, "tty-secret"));   // never echoed
    {
        const auto owned_store = scratch.open();
        auto& store = *owned_store;
        CHECK(rc::verify_password(store, "zhang", "tty-secret"));
    }
    std::tie(status, shown) = on_terminal(scratch.args({"user", "add", "--name", "zhao"}),
                                          {{"Password: ", "one\n"}, {"Repeat the password: ", "two\n"}});
    CHECK(status == 1);
    CHECK(has(shown, "the two passwords differ"));
    const auto owned_store = scratch.open();
    auto& store = *owned_store;
    CHECK_FALSE(store.user("zhao"));
}

TEST_CASE("junheng-bureau user add/list: --password-stdin, roles, refusals") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    auto r = bureau_run(scratch.args({"user", "add", "--name", "wang", "--role", "admin", "--password-stdin"}), "admin-pass\nadmin-pass\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(has(r.out, "staff account wang added (admin)"));
    r = bureau_run(scratch.args({"user", "add", "--name", "li", "--county", "360102", "--password-stdin"}), "pw\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(has(r.out, "(reviewer, county 360102)"));

    // Refusals: exit 1, nothing stored.
    r = bureau_run(scratch.args({"user", "add", "--name", "zhao", "--password-stdin"}), "pw\nPW\n");
    CHECK(r.status == 1);
    CHECK(has(r.err, "does not repeat the password"));
    r = bureau_run(scratch.args({"user", "add", "--name", "zhao", "--password-stdin"}), "");
    CHECK(r.status == 1);
    CHECK(has(r.err, "the password is empty"));
    r = bureau_run(scratch.args({"user", "add", "--name", "zhao", "--password-stdin"}), std::string(1025, 'x') + "\n");
    CHECK(r.status == 1);
    CHECK(has(r.err, "longer than 1024 bytes"));
    r = bureau_run(scratch.args({"user", "add", "--name", "zhao", "--by", "wang"}), "pw\n");   // no terminal to ask on
    CHECK(r.status == 1);
    CHECK(has(r.err, "--password-stdin"));
    CHECK(bureau_run(scratch.args({"user", "add", "--name", "zhao", "--role", "boss", "--password-stdin"}), "pw\n").status == 1);
    CHECK(bureau_run(scratch.args({"user", "add", "--name", "wang", "--password-stdin"}), "pw\n").status == 1);   // taken
    r = bureau_run(scratch.args({"user", "add", "--name", "zhao", "--by", "li", "--password-stdin"}), "pw\n");
    CHECK(r.status == 1);
    CHECK(has(r.err, "user add needs an admin; li is a reviewer; nothing changed"));
    r = bureau_run(scratch.args({"user", "add", "--name", "zhao", "--by", "stranger", "--password-stdin"}), "pw\n");
    CHECK(r.status == 1);
    CHECK(has(r.err, "no staff account is named 'stranger'"));
    CHECK(bureau_run(scratch.args({"user", "frobnicate"})).status == 2);
    CHECK(bureau_run(scratch.args({"user", "add"})).status == 2);

    r = bureau_run(scratch.args({"user", "list"}));
    CHECK(r.status == 0);
    CHECK(r.out.rfind("li\treviewer\tcounty 360102\tadded ", 0) == 0);
    CHECK(has(r.out, "\nwang\tadmin\tevery county\tadded "));
    CHECK_FALSE(has(r.out, "zhao"));
    CHECK_FALSE(has(r.out, "argon2"));

    const auto owned_store = scratch.open();

    auto& store = *owned_store;
    CHECK(rc::verify_password(store, "wang", "admin-pass"));
    CHECK(rc::verify_password(store, "li", "pw"));
}

TEST_CASE("junheng-bureau: a reviewer is refused an admin's command — --by must name an account once any exist") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    // Before any account: --by any name, recorded as given.
    REQUIRE(bureau_run(scratch.args({"deadline", "--year", "2025", "--date", "2026-09-30", "--by", "局长"})).status == 0);
    REQUIRE(bureau_run(scratch.args({"user", "add", "--name", "li", "--password-stdin"}), "pw\n").status == 0);
    REQUIRE(bureau_run(scratch.args({"user", "add", "--name", "wang", "--role", "admin", "--password-stdin"}), "pw\n").status == 0);

    auto r = bureau_run(scratch.args({"school", "add", "--code", kSchool, "--name", "城关小学", "--by", "li"}));
    CHECK(r.status == 1);
    CHECK(has(r.err, "school add needs an admin; li is a reviewer; nothing changed"));
    CHECK(bureau_run(scratch.args({"school", "list"})).out.empty());
    CHECK(bureau_run(scratch.args({"school", "add", "--code", kSchool, "--name", "城关小学", "--by", "nobody"})).status == 1);
    CHECK(bureau_run(scratch.args({"school", "add", "--code", kSchool, "--name", "城关小学", "--by", "wang"})).status == 0);
    CHECK(bureau_run(scratch.args({"school", "revoke", "--code", kSchool, "--by", "li"})).status == 1);
    CHECK_FALSE(has(bureau_run(scratch.args({"school", "list"})).out, "revoked"));
    CHECK(bureau_run(scratch.args({"school", "replace", "--code", kSchool, "--by", "li"})).status == 1);
    r = bureau_run(scratch.args({"county", "add", "--code", "360726", "--name", "安远县", "--by", "li"}));
    CHECK(r.status == 1);
    CHECK(has(r.err, "county add needs an admin"));
    CHECK(bureau_run(scratch.args({"county", "list"})).out.empty());
    CHECK(bureau_run(scratch.args({"county", "add", "--code", "360726", "--name", "安远县", "--by", "wang"})).status == 0);

    r = bureau_run(scratch.args({"deadline", "--year", "2025", "--date", "2026-10-31", "--by", "li"}));
    CHECK(r.status == 1);
    CHECK(has(r.err, "deadline needs an admin"));
    r = bureau_run(scratch.args({"deadline", "list"}));
    CHECK(r.status == 0);
    CHECK(r.out.rfind("2025\t2026-09-30\tset by 局长 at ", 0) == 0);
}

TEST_CASE("junheng-bureau deadline: set, replace, list — a bad date is a usage error") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    CHECK(bureau_run(scratch.args({"deadline", "--year", "2025", "--date", "2026-09-31"})).status == 2);
    CHECK(bureau_run(scratch.args({"deadline", "--year", "2025", "--date", "30/09/2026"})).status == 2);
    CHECK(bureau_run(scratch.args({"deadline", "--year", "2025"})).status == 2);
    CHECK(bureau_run(scratch.args({"deadline", "list"})).out.empty());
    auto r = bureau_run(scratch.args({"deadline", "--year", "2025", "--date", "2026-09-30"}));
    REQUIRE(r.status == 0);
    CHECK(has(r.out, "deadline of school year 2025: 2026-09-30"));
    REQUIRE(bureau_run(scratch.args({"deadline", "--year", "2025", "--date", "2026-10-15", "--by", "wang"})).status == 0);
    r = bureau_run(scratch.args({"deadline", "list"}));
    CHECK(r.out.rfind("2025\t2026-10-15\tset by wang at ", 0) == 0);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);

    r = bureau_run(scratch.args({"report", "--year", "2025", "--json"}));
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out)["completeness"]["deadline"] == "2026-10-15");
}

TEST_CASE("junheng-bureau submissions: every version with its state — --diff in words") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    SubmittingSchool school(scratch);
    school.submit(1);
    auto& c = school.data.classes.front();
    const int pupils = c.pupils;
    c.pupils += 2;
    const auto room = school.data.rooms.back();
    school.data.rooms.pop_back();
    school.submit(2);

    auto r = bureau_run(scratch.args({"submissions", "--school", kSchool}));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(has(r.out, kSchool + "\t2025\tv1\t"));
    CHECK(has(r.out, "\tsuperseded\n"));
    CHECK(has(r.out, "\treceived\n"));
    CHECK(bureau_run(scratch.args({"submissions", "--school", kSchool, "--year", "2024"})).out.empty());

    r = bureau_run(scratch.args({"submissions", "--school", kSchool, "--year", "2025", "--diff", "1", "2"}));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(has(r.out, kSchool + " 2025: version 1 (received "));
    CHECK(has(r.out, "  class " + std::to_string(c.id) + " (stage "));
    CHECK(has(r.out, "): pupils " + std::to_string(pupils) + " -> " + std::to_string(pupils + 2) + "\n"));
    CHECK(has(r.out, "  removed room " + std::to_string(room.id) + " (" + room.name + ")\n"));
    r = bureau_run(scratch.args({"submissions", "--school", kSchool, "--year", "2025", "--diff", "2", "2"}));
    CHECK(has(r.out, "no record changed"));

    r = bureau_run(scratch.args({"submissions", "--school", kSchool, "--year", "2025", "--diff", "1", "5"}));
    CHECK(r.status == 1);
    CHECK(has(r.err, "no version 5 of " + kSchool + " 2025 was received"));
    CHECK(bureau_run(scratch.args({"submissions", "--school", kSchool, "--year", "2025", "--diff", "1"})).status == 2);
    CHECK(bureau_run(scratch.args({"submissions", "--school", kSchool, "--diff", "1", "2"})).status == 2);
    CHECK(bureau_run(scratch.args({"submissions", "--year", "2025"})).status == 2);
}

TEST_CASE("junheng-bureau return/accept/reopen: the version printed, refusals exit 1 and record nothing, roles") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    SubmittingSchool school(scratch);
    const auto decide = [&](std::vector<std::string> args) {
        return bureau_run(scratch.args(args));
    };
    const auto inbox_size = [&] {
        const auto owned_store = scratch.open();
        auto& store = *owned_store;
        return store.inbox(kSchool, 0, 1000).size();
    };
    const auto refused = [&](const std::vector<std::string>& args, const std::string& reason) {
        const auto before = inbox_size();
        const auto r = decide(args);
        CHECK(r.status == 1);
        CHECK_MESSAGE(has(r.err, reason), r.err);
        CHECK(r.out.empty());
        CHECK(inbox_size() == before);
    };
    refused({"accept", "--school", kSchool, "--year", "2025"}, "has sent no submission for school year 2025");
    school.submit(1);
    refused({"accept", "--school", "3601029999", "--year", "2025"}, "no school 3601029999 is registered");

    // Usage errors: exit 2.
    CHECK(decide({"return", "--school", kSchool, "--year", "2025"}).status == 2);                          // no comment
    CHECK(decide({"return", "--school", kSchool, "--year", "2025", "--comment", "  "}).status == 2);
    CHECK(decide({"reopen", "--school", kSchool, "--year", "2025"}).status == 2);                          // no reason
    CHECK(decide({"accept", "--school", kSchool, "--year", "2025", "--version", "x"}).status == 2);
    CHECK(decide({"accept", "--school", kSchool}).status == 2);
    refused({"return", "--school", kSchool, "--year", "2025", "--comment", std::string(pr::kMaxCommentBytes + 1, 'x')},
            "longer than " + std::to_string(pr::kMaxCommentBytes) + " bytes");

    auto r = decide({"return", "--school", kSchool, "--year", "2025", "--comment", "二班学生数缺失", "--by", "李老师"});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(has(r.out, "school " + kSchool + " 2025 version 1: returned by 李老师 at "));
    refused({"accept", "--school", kSchool, "--year", "2025"}, "awaits the school's resubmission (version 2); nothing recorded");
    r = bureau_run(scratch.args({"submissions", "--school", kSchool}));
    CHECK(has(r.out, "\treturned\n    returned by 李老师 at "));
    CHECK(has(r.out, ": 二班学生数缺失\n"));

    school.submit(2);
    refused({"accept", "--school", kSchool, "--year", "2025", "--version", "1"}, "version 1 is not the latest received (2); nothing recorded");
    refused({"accept", "--school", kSchool, "--year", "2025", "--version", "7"}, "no version 7");
    refused({"reopen", "--school", kSchool, "--year", "2025", "--reason", "x"}, "only an accepted year can be reopened");

    // Staff accounts: a reviewer accepts, is refused a reopen; an admin reopens.
    REQUIRE(bureau_run(scratch.args({"user", "add", "--name", "li", "--password-stdin"}), "pw\n").status == 0);
    REQUIRE(bureau_run(scratch.args({"user", "add", "--name", "wang", "--role", "admin", "--password-stdin"}), "pw\n").status == 0);
    REQUIRE(bureau_run(scratch.args({"user", "add", "--name", "zhou", "--county", "110101", "--password-stdin"}), "pw\n").status == 0);
    refused({"accept", "--school", kSchool, "--year", "2025", "--by", "stranger"}, "no staff account is named 'stranger'");
    refused({"accept", "--school", kSchool, "--year", "2025", "--by", "zhou"}, "zhou acts for county 110101 only");
    r = decide({"accept", "--school", kSchool, "--year", "2025", "--by", "li"});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(has(r.out, "version 2: accepted by li at "));
    refused({"accept", "--school", kSchool, "--year", "2025", "--by", "li"}, "was accepted by li");
    refused({"reopen", "--school", kSchool, "--year", "2025", "--reason", "funds", "--by", "li"}, "reopen needs an admin; li is a reviewer; nothing changed");
    r = decide({"reopen", "--school", kSchool, "--year", "2025", "--reason", "the funds figure is wrong", "--by", "wang"});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(has(r.out, "version 2: reopened by wang"));

    r = bureau_run(scratch.args({"submissions", "--school", kSchool, "--year", "2025"}));
    CHECK(has(r.out, "\tv1\t"));
    CHECK(has(r.out, "\treopened\n    accepted by li at "));
    CHECK(has(r.out, "    reopened by wang at "));
    CHECK(has(r.out, ": the funds figure is wrong\n"));

    // The report lists the year as returned (awaiting resubmission), with the reason.
    r = bureau_run(scratch.args({"report", "--year", "2025", "--json"}));
    REQUIRE(r.status == 0);
    const auto c = nlohmann::json::parse(r.out)["completeness"];
    REQUIRE(c["counties"].size() == 1);
    CHECK(c["counties"][0]["returned"] == nlohmann::json::array({kSchool}));
    CHECK(c["schools"][0]["review"] == "reopened");
    CHECK(c["schools"][0]["decision"]["text"] == "the funds figure is wrong");
    r = bureau_run(scratch.args({"report", "--year", "2025"}));
    CHECK(has(r.out, "returned, awaiting resubmission: " + kSchool));
    CHECK(has(r.out, "reopened by wang: the funds figure is wrong"));
}
