// Opening the database for a command.
#include "cli/store_access.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "domain/message.hpp"

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

int year_to_use(const store::Store& store, std::optional<int> wanted) {
    if (!wanted) {
        if (auto latest = store.latest_year()) return *latest;
        throw domain::Rejected({"数据库中还没有学年（请先运行 init 或 import）",
                                "the database holds no school year yet (run init or import first)"});
    }
    const int year = *wanted;
    const auto years = store.years();
    if (std::none_of(years.begin(), years.end(), [&](const domain::SchoolYear& y) { return y.year == year; }))
        throw domain::Rejected({"数据库中没有 " + std::to_string(year) + " 学年",
                                "the database has no school year " + std::to_string(year)});
    return year;
}

ops::TerminalPacks packs_of(const Context& ctx) {
    if (!std::filesystem::exists(ctx.db)) {
        ops::TerminalPacks packs;
        static_cast<ops::PackSet&>(packs) = ops::pack_set(std::nullopt);
        return packs;
    }
    return ops::terminal_packs(open_store(ctx));
}

}  // namespace jh::cli
