// `junheng submit [--year Y]`: locks the year and freezes its snapshot as a new submission
// version, then delivers every pending change and every pending submission.
#include <algorithm>
#include <ostream>

#include "domain/school_year.hpp"
#include "cli/option_values.hpp"
#include "cli/store_access.hpp"
#include "cli/sync_common.hpp"
#include "store/store.hpp"
#include "sync/client/files.hpp"
#include "sync/transport/curl_transport.hpp"

namespace jh::cli {
namespace {

int run_submit(Context& ctx) {
    const auto wanted = year_option(ctx.args);
    const auto to_file = ctx.args.value("--to-file");
    ctx.args.finish();
    auto store = open_store(ctx);
    const int year = year_to_use(store, wanted);
    auto transport = sync::transport::make_curl_transport();
    sync::client::Client client(store, *transport);
    const auto state = store.sync_state();
    const bool by_file = state.receiver_url.empty() && !state.receiver_key.empty();
    if (!state.enrolled() && !by_file)
        throw domain::Rejected({"本终端尚未注册到教育局，请先注册（junheng enroll）",
                                "this terminal is not enrolled: run `junheng enroll --server URL --code CODE` first"});
    const auto years = store.years();
    const bool locked = std::any_of(years.begin(), years.end(), [&](const domain::SchoolYear& y) {
        return y.year == year && y.status == domain::YearStatus::Submitted;
    });
    if (!locked) {
        const int version = client.freeze(year);
        ctx.out << domain::school_year_en(year) << " locked and frozen as submission version " << version
                << "\n";
    } else {
        ctx.out << domain::school_year_en(year) << " is already submitted; delivering what is pending\n";
    }
    if (to_file || by_file) {
        // No network: the frozen version goes in an upload file (docs/sync-protocol.md "Files").
        if (!to_file) {
            ctx.out << "this terminal syncs by file: deliver the submission with `junheng sync --to-file PATH`\n";
            return 0;
        }
        const auto written = sync::client::write_upload_file(store, *to_file);
        print_report(ctx.out, ctx.err, written.report);
        return exit_status(written.report);
    }
    const auto report = client.submit();
    print_report(ctx.out, ctx.err, report);
    return exit_status(report);
}

}  // namespace

extern const Command submit_command{
    "submit", "submit a school year to the bureau (locks it)",
    "Usage: junheng [--db PATH] submit [--year Y] [--to-file PATH]\n"
    "\n"
    "Submits school year Y (default: the latest): checks it (pupils confirmed, no validation\n"
    "errors), locks it read-only and freezes its snapshot (the bytes `export --format snapshot`\n"
    "writes), their SHA-256 and the terminal's signature as a new submission version — all in one\n"
    "transaction. Then delivers every pending change and every submission not yet acknowledged.\n"
    "A year already submitted is not frozen again; its pending submission is delivered.\n"
    "With --to-file PATH (no network), the submission and everything pending are written as an\n"
    "upload file instead, as `junheng sync --to-file PATH` does; a terminal enrolled by file\n"
    "without --to-file only freezes the year and says so.\n"
    "\n"
    "Exit status: 0 the changes and the submission are acknowledged; 3 the receiver is\n"
    "unreachable: the year stays locked and the submission pending (run `junheng sync` or\n"
    "`junheng submit` again later); 1 fatal (not enrolled, the year cannot be submitted, or the\n"
    "receiver refused; the message says why); 2 usage error.\n",
    run_submit};

}  // namespace jh::cli
