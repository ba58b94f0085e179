// The `junheng` command line: the terminal's operations, headless, for scripting, support
// and tests. Exit status: 0 success, 1 input or data rejected (reason on stderr, English),
// 2 usage error.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace jh::cli {

// The global options that concern the window, parsed here so `junheng --db X` works the same
// with or without a command. The CLI never sees the window: src/app/main.cpp maps these onto
// ui::TerminalOptions.
struct WindowOptions {
    std::filesystem::path db;                 // resolved database path
    std::optional<std::filesystem::path> screenshot;
    std::optional<int> quit_after_frames;
    std::string language = "zh";
};

using TerminalLauncher = std::function<int(const WindowOptions&)>;

// Parses argv and runs a command; with no command, starts the terminal via `launch`.
int run(int argc, char** argv, const TerminalLauncher& launch);

// Per-user default database: $XDG_DATA_HOME/junheng/school.db (~/.local/share/…).
std::filesystem::path default_database_path();

}  // namespace jh::cli
