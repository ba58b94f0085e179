// The table of commands, in help order. Each command lives in its own cmd_*.cpp and defines
// one `const Command <name>_command`.
#include "cli/command.hpp"

namespace jh::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all{
    };
    return all;
}

}  // namespace jh::cli
