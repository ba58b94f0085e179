// Opening the database for a command.
#include "cli/store_access.hpp"

#include <cstdlib>

namespace jh::cli {

std::string cli_operator_name() {
    const char* user = std::getenv("USER");
    return user && *user ? "cli (" + std::string(user) + ")" : std::string("cli");
}

store::Store open_store(const Context& ctx, store::OpenMode mode) {
    auto store = store::Store::open(ctx.db, mode);
    store.set_operator(cli_operator_name());
    return store;
}

}  // namespace jh::cli
