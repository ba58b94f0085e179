// `junheng sync`: delivers every pending change to the enrolled receiver.
#include <ostream>

#include "cli/store_access.hpp"
#include "cli/sync_common.hpp"
#include "store/store.hpp"
#include "sync/transport/curl_transport.hpp"

namespace jh::cli {
namespace {

int run_sync(Context& ctx) {
    ctx.args.finish();
    auto store = open_store(ctx);
    auto transport = sync::transport::make_curl_transport();
    sync::client::Client client(store, *transport);
    // Each run is a start (see Client::sync), and a person asked: the inbox is fetched too.
    const auto report = client.sync(/*confirm_tip=*/true, sync::client::InboxFetch::Always);
    print_report(ctx.out, ctx.err, report);
    return exit_status(report);
}

}  // namespace

extern const Command sync_command{
    "sync", "deliver every pending change to the bureau",
    "Usage: junheng [--db PATH] sync\n"
    "\n"
    "Sends every change not yet acknowledged by the bureau's receiver (the audit log after the\n"
    "last acknowledged entry), in batches, and records each signed acknowledgement. Only a reply\n"
    "signed by the enrolled receiver counts: a Wi-Fi login page or a proxy's page changes nothing.\n"
    "After a restore or a fork the whole log is uploaded under a new stream. Then the bureau's\n"
    "inbox is fetched: its decisions on this school's submissions (a returned year is unlocked\n"
    "for editing; one about an older version than the latest submitted is ignored, and said so)\n"
    "and the rule packs it put in force, each checked against the receiver's signature; one\n"
    "line per item that arrived. When the inbox cannot be fetched a warning says so and the next\n"
    "sync asks again; the exit status is that of the delivery.\n"
    "\n"
    "Exit status: 0 everything delivered; 3 the receiver is unreachable: changes stay pending\n"
    "(run again later); 1 fatal: not enrolled, terminal revoked, protocol version refused, or a\n"
    "fork that could not be resolved (the message says which); 2 usage error.\n",
    run_sync};

}  // namespace jh::cli
