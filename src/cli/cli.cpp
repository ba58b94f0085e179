// Global options, dispatch, and the mapping of failures to exit statuses.
#include "cli/cli.hpp"

#include <cstdlib>
#include <iostream>

#include "cli/command.hpp"
#include "domain/message.hpp"

namespace jh::cli {
namespace {

constexpr std::string_view kGlobalUsage =
    "Usage: junheng [--db PATH] [COMMAND [options]]\n"
    "\n"
    "Without a command, opens the school terminal window.\n"
    "\n"
    "Global options:\n"
    "  --db PATH                 school database (default: $XDG_DATA_HOME/junheng/school.db)\n"
    "  --screenshot PATH         (window) write a PNG of the window, then exit\n"
    "  --quit-after-frames N     (window) exit after N frames\n"
    "  --lang zh|en              (window) interface language (default zh)\n"
    "  --help                    this text; COMMAND --help for a command's own\n"
    "\n"
    "Exit status: 0 success, 1 input or data rejected (reason on stderr), 2 usage error.\n"
    "\n"
    "Commands:\n";

void print_usage(std::ostream& out) {
    out << kGlobalUsage;
    for (const auto& c : commands()) {
        std::string name(c.name);
        name.resize(std::max<std::size_t>(name.size(), 12), ' ');
        out << "  " << name << "  " << c.summary << "\n";
    }
}

const Command* find_command(std::string_view name) {
    for (const auto& c : commands())
        if (c.name == name) return &c;
    return nullptr;
}

int parse_frames(const std::string& text) {
    try {
        std::size_t used = 0;
        int n = std::stoi(text, &used);
        if (used == text.size() && n > 0) return n;
    } catch (const std::exception&) {
    }
    throw UsageError("--quit-after-frames needs a positive whole number, got '" + text + "'");
}

}  // namespace

std::filesystem::path default_database_path() {
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) base = std::filesystem::path(home) / ".local/share";
    else base = ".";
    return base / "junheng" / "school.db";
}

int run(int argc, char** argv, const TerminalLauncher& launch) {
    std::vector<std::string> words(argv + 1, argv + argc);
    WindowOptions window;
    std::optional<std::filesystem::path> db;
    std::size_t i = 0;
    const Command* command = nullptr;
    try {
        // Global options come before the command name.
        for (; i < words.size(); ++i) {
            const auto& w = words[i];
            auto need = [&](std::string_view opt) -> const std::string& {
                if (i + 1 >= words.size()) throw UsageError(std::string(opt) + " needs a value");
                return words[++i];
            };
            if (w == "--help" || w == "-h") {
                print_usage(std::cout);
                return 0;
            } else if (w == "--db") db = need(w);
            else if (w == "--screenshot") window.screenshot = need(w);
            else if (w == "--quit-after-frames") window.quit_after_frames = parse_frames(need(w));
            else if (w == "--lang") {
                window.language = need(w);
                if (window.language != "zh" && window.language != "en")
                    throw UsageError("--lang takes zh or en");
            } else if (!w.empty() && w[0] == '-') throw UsageError("unknown option '" + w + "'");
            else break;
        }
        window.db = db.value_or(default_database_path());
        if (i == words.size()) return launch(window);

        command = find_command(words[i]);
        if (!command) throw UsageError("unknown command '" + words[i] + "'");
        std::vector<std::string> rest(words.begin() + static_cast<long>(i) + 1, words.end());
        for (const auto& r : rest)
            if (r == "--help" || r == "-h") {
                std::cout << command->usage;
                return 0;
            }
        Context ctx{window.db, Args(std::move(rest)), std::cout, std::cerr};
        return command->run(ctx);
    } catch (const UsageError& e) {
        std::cerr << "junheng: " << e.what() << "\n\n";
        if (command) std::cerr << command->usage;
        else print_usage(std::cerr);
        return 2;
    } catch (const domain::Rejected& e) {
        std::cerr << "junheng: " << e.message().en;
        if (!e.detail().empty()) std::cerr << " (" << e.detail() << ")";   // for support: SQLite's words
        std::cerr << "\n";
        for (const auto& issue : e.issues())
            std::cerr << "  - " << (issue.severity == domain::Severity::Error ? "error" : "warning") << ": "
                      << issue.message.en << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "junheng: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace jh::cli
