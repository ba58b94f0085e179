// `junheng restore PATH`: the database replaced by a backup; the replaced file is kept.
#include <filesystem>
#include <ostream>

#include "domain/school_year.hpp"
#include "cli/command.hpp"
#include "cli/store_access.hpp"

namespace jh::cli {
namespace {

int run_restore(Context& ctx) {
    auto paths = ctx.args.positionals();
    ctx.args.finish();
    if (paths.size() != 1) throw UsageError("expected exactly one PATH");
    const std::filesystem::path backup = paths[0];
    const auto kept = store::Store::restore(backup, ctx.db);
    // Opening brings a backup from an older Junheng up to the current schema.
    auto store = open_store(ctx);
    ctx.out << "restored " << ctx.db.string() << " from " << backup.string();
    if (auto school = store.school()) ctx.out << ": school " << school->code << " " << school->name;
    if (auto year = store.latest_year()) ctx.out << ", latest " << domain::school_year_en(*year);
    ctx.out << "\n";
    if (kept) ctx.out << "the database it replaced was kept as " << kept->string() << "\n";
    return 0;
}

}  // namespace

extern const Command restore_command{
    "restore", "replace the database with a backup",
    "Usage: junheng [--db PATH] restore PATH\n"
    "\n"
    "Replaces the database with the backup PATH after checking that the backup is a healthy\n"
    "Junheng database this version can read. Nothing is lost: the database it replaces is\n"
    "renamed to \"<database>.before-restore-<UTC time>\" beside it. A backup from an older\n"
    "version is upgraded when opened. Close the terminal window before restoring.\n"
    "\n"
    "Exit status: 0 restored; 1 the backup is missing, damaged, not a Junheng database or\n"
    "from a newer version (the database is left as it was); 2 usage error.\n",
    run_restore};

}  // namespace jh::cli
