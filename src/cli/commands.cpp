// The table of commands, in help order. Each command lives in its own cmd_*.cpp and defines
// one `const Command <name>_command`.
#include "cli/command.hpp"

namespace jh::cli {

extern const Command init_command;
extern const Command demo_command;
extern const Command show_command;
extern const Command check_command;
extern const Command import_command;
extern const Command export_command;
extern const Command backup_command;
extern const Command restore_command;
extern const Command new_year_command;
extern const Command indicators_command;
extern const Command county_command;
extern const Command enroll_command;
extern const Command sync_command;
extern const Command submit_command;
extern const Command status_command;

const std::vector<Command>& commands() {
    static const std::vector<Command> all{
        init_command,
        demo_command,
        show_command,
        check_command,
        import_command,
        export_command,
        backup_command,
        restore_command,
        new_year_command,
        indicators_command,
        county_command,
        enroll_command,
        sync_command,
        submit_command,
        status_command,
    };
    return all;
}

}  // namespace jh::cli
