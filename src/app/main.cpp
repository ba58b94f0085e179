// junheng: the school terminal. With a command it runs headless (src/cli); without one it
// opens the window (src/ui).
#include "cli/cli.hpp"
#include "ui/app.hpp"

int main(int argc, char** argv) {
    return jh::cli::run(argc, argv, jh::ui::run_terminal);
}
