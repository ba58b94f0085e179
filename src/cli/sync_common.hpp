// What the sync commands (enroll, sync, submit, status) share: the transport they use, how a
// client report is printed, and the exit status it maps to (0 delivered, 3 unreachable: kept
// pending, 1 fatal).
#pragma once
#include <iosfwd>

#include "cli/command.hpp"
#include "sync/client/client.hpp"

namespace jh::cli {

inline constexpr int kExitUnreachable = 3;

int exit_status(const sync::client::Report& report);
// One line per fact, English; the outcome first.
void print_report(std::ostream& out, std::ostream& err, const sync::client::Report& report);

}  // namespace jh::cli
