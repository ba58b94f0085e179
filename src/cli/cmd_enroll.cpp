// `junheng enroll --server URL --code CODE`: registers this terminal with the bureau's receiver
// using the one-time code the bureau issued, pinning the receiver's key.
#include <ostream>

#include "cli/store_access.hpp"
#include "cli/sync_common.hpp"
#include "store/store.hpp"
#include "sync/transport/curl_transport.hpp"

namespace jh::cli {
namespace {

int run_enroll(Context& ctx) {
    auto server = ctx.args.value("--server");
    auto code = ctx.args.value("--code");
    ctx.args.finish();
    if (!server || !code) throw UsageError("enroll needs --server URL and --code CODE");
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
    "\n"
    "Registers this school's terminal with the bureau's receiver at URL (https://…, or http://…\n"
    "which works but is not encrypted) using the one-time CODE the bureau issued. The terminal's\n"
    "key pair is made on first need in \"<database>.key\" beside the database (mode 0600; backups\n"
    "of the database carry no credential) and the receiver's key is pinned from its reply.\n"
    "Proxies from the environment (https_proxy, http_proxy, no_proxy) are honoured.\n"
    "\n"
    "Exit status: 0 enrolled; 3 the receiver is unreachable (or answered without its signature,\n"
    "e.g. a Wi-Fi login page): try again later; 1 refused (wrong or used code, no school profile)\n"
    "or bad input; 2 usage error.\n",
    run_enroll};

}  // namespace jh::cli
