// Printing sync reports and mapping them to exit statuses (sync_common.hpp).
#include "cli/sync_common.hpp"

#include <ostream>

namespace jh::cli {

using sync::client::Outcome;

int exit_status(const sync::client::Report& report) {
    switch (report.outcome) {
    case Outcome::Delivered: return 0;
    case Outcome::Unreachable: return kExitUnreachable;
    case Outcome::Fatal: return 1;
    }
    return 1;
}

void print_report(std::ostream& out, std::ostream& err, const sync::client::Report& report) {
    auto& to = report.outcome == Outcome::Delivered ? out : err;
    to << (report.outcome == Outcome::Delivered ? "" : "junheng: ") << report.message.en << "\n";
    if (report.unencrypted) err << "warning: the receiver address is plain http:// — the connection is not encrypted\n";
    if (report.new_stream) out << "this database's log was uploaded whole under a new stream (after a restore or a fork)\n";
    out << "changes delivered: " << report.entries_delivered << ", still pending: " << report.pending << "\n";
    if (report.submissions_delivered || report.submissions_pending)
        out << "submissions delivered: " << report.submissions_delivered
            << ", still pending: " << report.submissions_pending << "\n";
    for (const auto& flag : report.flags)
        out << "receiver note on " << flag.table << " #" << flag.record_id << " (seq " << flag.seq << "): " << flag.message
            << "\n";
    // What the bureau sent back (decisions on submissions, rule packs): one line each.
    for (const auto& note : report.inbox.notes) out << note.en << "\n";
    if (!report.inbox_error.empty()) err << "warning: decisions from the bureau not fetched (" << report.inbox_error
                                         << "); the next sync asks again\n";
    if (!report.receiver_time.empty()) out << "receiver time: " << report.receiver_time << "\n";
}

}  // namespace jh::cli
