// The school terminal's window: GLFW + OpenGL 3.3 + Dear ImGui.
#pragma once
#include "cli/cli.hpp"

namespace jh::ui {

// Opens the window on options.db and runs until closed; returns the process exit status.
int run_terminal(const cli::TerminalOptions& options);

}  // namespace jh::ui
