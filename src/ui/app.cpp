#include "ui/app.hpp"

#include <iostream>

namespace jh::ui {

int run_terminal(const cli::TerminalOptions&) {
    std::cerr << "junheng: the terminal window is not built yet; use a command (junheng --help)\n";
    return 1;
}

}  // namespace jh::ui
