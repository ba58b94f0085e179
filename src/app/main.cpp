// junheng: the school terminal. With a command it runs headless (src/cli); without one it
// opens the window (src/ui). Only this file sees both faces: it maps the command line's
// window options onto the window's own.
#include "cli/cli.hpp"
#include "ui/app.hpp"

int main(int argc, char** argv) {
    return jh::cli::run(argc, argv, [](const jh::cli::WindowOptions& o) {
        return jh::ui::run_terminal({o.db, o.screenshot, o.quit_after_frames, o.language});
    });
}
