// Opening the receiver's store by location; see open_store.hpp.
#include "sync/receiver/open_store.hpp"

#include <regex>
#include <stdexcept>

#include "sync/receiver/postgres_store.hpp"
#include "sync/receiver/sqlite_store.hpp"

namespace jh::sync::receiver {

bool is_postgres_uri(const std::string& text) { return text.starts_with("postgresql://") || text.starts_with("postgres://"); }

StoreLocation StoreLocation::sqlite(std::filesystem::path path) {
    StoreLocation l;
    l.kind = Kind::Sqlite;
    l.path = std::move(path);
    return l;
}

StoreLocation StoreLocation::postgres(std::string uri) {
    if (!is_postgres_uri(uri))
        throw std::invalid_argument("--store takes a PostgreSQL connection URI such as "
                                    "postgresql:///junheng?host=/run/postgresql&user=bureau, got '" + uri + "'");
    StoreLocation l;
    l.kind = Kind::Postgres;
    l.uri = std::move(uri);
    return l;
}

std::string StoreLocation::display() const {
    if (!is_postgres()) return path.string();
    // user:password@ → user:***@, and a password=… parameter likewise.
    static const std::regex in_authority(R"(^(postgres(?:ql)?://[^:/@?]*):[^@/?]*@)");
    static const std::regex in_query(R"(([?&]password=)[^&]*)");
    return std::regex_replace(std::regex_replace(uri, in_authority, "$1:***@"), in_query, "$1***");
}

std::string StoreLocation::option() const { return is_postgres() ? "--store '" + display() + "'" : "--db " + path.string(); }

std::unique_ptr<ReceiverStore> open_store(const StoreLocation& location) {
    if (location.is_postgres()) return std::make_unique<PostgresReceiverStore>(location.uri);
    if (location.path.has_parent_path()) std::filesystem::create_directories(location.path.parent_path());
    return std::make_unique<SqliteReceiverStore>(location.path);
}

}  // namespace jh::sync::receiver
