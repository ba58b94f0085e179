// `junheng backup PATH`: a consistent copy of the database through SQLite's online backup API.
#include <filesystem>
#include <ostream>

#include "cli/command.hpp"
#include "cli/store_access.hpp"

namespace jh::cli {
namespace {

std::filesystem::path single_path(Args& args) {
    auto paths = args.positionals();
    args.finish();
    if (paths.size() != 1) throw UsageError("expected exactly one PATH");
    return paths[0];
}

int run_backup(Context& ctx) {
    const auto to = single_path(ctx.args);
    auto store = open_store(ctx);
    store.backup(to);
    ctx.out << "backed up " << ctx.db.string() << " to " << to.string() << " (" << std::filesystem::file_size(to)
            << " bytes)\n";
    return 0;
}

}  // namespace

extern const Command backup_command{
    "backup", "copy the database to a backup file",
    "Usage: junheng [--db PATH] backup PATH\n"
    "\n"
    "Writes a complete, consistent copy of the database to the new file PATH (SQLite's online\n"
    "backup, safe while the terminal is open). The backup is one self-contained SQLite file;\n"
    "bring it back with `junheng restore PATH`. An existing file is never overwritten.\n"
    "\n"
    "Exit status: 0 written; 1 PATH exists, the database is missing, or the copy failed\n"
    "(no partial file is left); 2 usage error.\n",
    run_backup};

}  // namespace jh::cli
