// The school terminal's window: GLFW + OpenGL 3.3 + Dear ImGui.
//
// Test hooks (tests/ui, tests/bench):
//   --screenshot PATH        PNG of the last frame drawn before exit (after --quit-after-frames N,
//                            or when the window is closed / Ctrl+Q).
//   --quit-after-frames N    draw exactly N frames without waiting for input, then exit 0.
//   JUNHENG_SCREEN=<id>      start on that screen (overview, classes, staff, training, buildings,
//                            grounds, equipment, funds, exchange, years, history, operators,
//                            settings, sync).
//   JUNHENG_STATE_OUT=PATH   on exit, write the view model as JSON (see capture.hpp).
//   JUNHENG_GLYPHS=full      build the full Chinese atlas at start-up (the benchmark baseline).
// Keyboard: Ctrl+1…9 the first nine screens, Ctrl+PgUp/PgDn previous/next screen, Ctrl+N new
// record, Enter edit, Ctrl+S save, Esc leave a form, Delete remove (confirmed), Ctrl+Z undo the
// last change, Ctrl+L lock, Ctrl+Q quit.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace jh::ui {

// What the window needs to start (src/app/main.cpp fills it from the command line).
struct TerminalOptions {
    std::filesystem::path db;                 // resolved database path
    std::optional<std::filesystem::path> screenshot;
    std::optional<int> quit_after_frames;
    std::string language = "zh";              // "zh" or "en"
};

// Opens the window on options.db and runs until closed; returns the process exit status.
int run_terminal(const TerminalOptions& options);

}  // namespace jh::ui
