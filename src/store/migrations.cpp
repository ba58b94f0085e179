// Applies the embedded migrations (schema/*.sql) in one transaction keyed on user_version.
#include <charconv>
#include <stdexcept>
#include <string>

#include "domain/message.hpp"
#include "store/schema.hpp"
#include "store/transaction.hpp"

namespace jh::store::schema {
namespace {

// "0002_ui_state.sql" → 2.
int number_of(const jh::EmbeddedFile& file) {
    int n = 0;
    auto [end, ec] = std::from_chars(file.name.data(), file.name.data() + file.name.size(), n);
    if (ec != std::errc{} || end == file.name.data() || *end != '_')
        throw std::logic_error("migration file name must start with NNNN_: " + std::string(file.name));
    return n;
}

// Checks the numbering contract once: 1, 2, 3 … in file order.
const std::vector<jh::EmbeddedFile>& migrations() {
    static const auto& files = [] () -> const std::vector<jh::EmbeddedFile>& {
        const auto& all = embedded_files();
        for (std::size_t i = 0; i < all.size(); ++i)
            if (number_of(all[i]) != static_cast<int>(i) + 1)
                throw std::logic_error("migrations must be numbered 1, 2, 3 … without gaps: " + std::string(all[i].name));
        return all;
    }();
    return files;
}

}  // namespace

int latest_version() { return static_cast<int>(migrations().size()); }

void reject_newer(int found) {
    const auto found_text = std::to_string(found);
    const auto latest_text = std::to_string(latest_version());
    throw domain::Rejected(domain::Message{
        "该数据库由更新版本的均衡填报系统写入（数据库结构版本 " + found_text + "，本程序仅支持到 " + latest_text +
            "）。为免损坏数据，本程序不会打开它。请升级本程序后再试。",
        "this database was written by a newer version of Junheng (schema version " + found_text +
            ", this program knows up to " + latest_text +
            "); it was not opened, to keep its data safe. Upgrade Junheng and try again."});
}

void migrate(Connection& db) {
    Transaction tx(db);
    // Read inside the write transaction: another process may have migrated meanwhile.
    const int current = db.user_version();
    if (current > latest_version()) reject_newer(current);
    if (current == latest_version()) return;
    for (const auto& file : migrations())
        if (number_of(file) > current) db.exec(file.content);
    db.exec("PRAGMA user_version = " + std::to_string(latest_version()));
    tx.commit();
}

}  // namespace jh::store::schema
