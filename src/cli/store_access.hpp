// How a command opens the school database: the --db path, and the operator name the audit log
// records for command-line changes.
#pragma once
#include <optional>

#include "cli/command.hpp"
#include "ops/packs.hpp"
#include "store/store.hpp"

namespace jh::cli {

// "cli (<login name>)": changes made from the command line are attributed to the account.
std::string cli_operator_name();

// Opens ctx.db (refusing a missing file unless `mode` allows creating it) with the CLI operator.
store::Store open_store(const Context& ctx, store::OpenMode mode = store::OpenMode::MustExist);

// The school year a command works on: --year when given (it must be stored), else the latest;
// rejected when the database holds no such year.
int year_to_use(const store::Store& store, std::optional<int> wanted);

// The rule packs a command may compute with (ops::terminal_packs: the built-in ones, the
// bureau's pack received by this terminal, and the one selected): those of ctx.db when it
// exists, else the built-in ones with national selected. Commands pick with `--pack` or take
// the selected one.
ops::TerminalPacks packs_of(const Context& ctx);

}  // namespace jh::cli
