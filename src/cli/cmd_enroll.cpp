// `junheng enroll --server URL --code CODE`: registers this terminal with the bureau's receiver
// using the one-time code the bureau issued, pinning the receiver's key.
#include <ostream>

#include "cli/store_access.hpp"
#include "cli/sync_common.hpp"
#include "store/store.hpp"
#include "sync/client/files.hpp"
#include "sync/transport/curl_transport.hpp"

namespace jh::cli {
namespace {

int run_enroll(Context& ctx) {
    auto server = ctx.args.value("--server");
    auto code = ctx.args.value("--code");
    auto from_file = ctx.args.value("--from-file");
    ctx.args.finish();
    if (from_file) {
        if (server || code) throw UsageError("enroll takes --from-file PATH alone, or --server URL and --code CODE");
        auto store = open_store(ctx);
        const auto report = sync::client::enrol_from_file(store, *from_file);
        print_report(ctx.out, ctx.err, report);
        return exit_status(report);
    }
    if (!server || !code) throw UsageError("enroll needs --server URL and --code CODE (or --from-file PATH)");
    auto store = open_store(ctx);
    auto transport = sync::transport::make_curl_transport();
    sync::client::Client client(store, *transport);
    const auto report = client.enrol(*server, *code);
    print_report(ctx.out, ctx.err, report);
    return exit_status(report);
}

}  // namespace

extern const Command enroll_command{
    "enroll", "register this terminal with the bureau's receiver",
    "Usage: junheng [--db PATH] enroll --server URL --code CODE\n"
    "       junheng [--db PATH] enroll --from-file PATH\n"
    "\n"
    "Registers this school's terminal with the bureau's receiver at URL (https://…, or http://…\n"
    "which works but is not encrypted) using the one-time CODE the bureau issued. The terminal's\n"
    "key pair is made on first need in \"<database>.key\" beside the database (mode 0600; backups\n"
    "of the database carry no credential) and the receiver's key is pinned from its reply.\n"
    "Proxies from the environment (https_proxy, http_proxy, no_proxy) are honoured.\n"
    "\n"
    "Without a network, --from-file PATH reads the bureau's enrolment file (`junheng-bureau school\n"
    "add --enrol-file`): the receiver key it is signed with is pinned and its one-time code kept;\n"
    "the first `junheng sync --to-file` carries this terminal's public key and the code, and the\n"
    "bureau's `import` enrols it. Such a terminal syncs by file only (`junheng sync` says so).\n"
    "\n"
    "Exit status: 0 enrolled; 3 the receiver is unreachable (or answered without its signature,\n"
    "e.g. a Wi-Fi login page): try again later; 1 refused (wrong or used code, no school profile)\n"
    "or bad input (an enrolment file that is another school's, truncated or changed); 2 usage error.\n",
    run_enroll};

}  // namespace jh::cli
