// Where the receiver's store lives and opening it: a SQLite file (`junheng-bureau --db PATH`,
// the default) or a PostgreSQL database (`--store postgresql://…`, docs/postgresql.md). Every
// command of junheng-bureau and every test opens its store through here, so each works on both.
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "sync/receiver/store.hpp"

namespace jh::sync::receiver {

struct StoreLocation {
    enum class Kind { Sqlite, Postgres } kind = Kind::Sqlite;
    std::filesystem::path path;   // Sqlite
    std::string uri;              // Postgres: a libpq connection URI

    static StoreLocation sqlite(std::filesystem::path path);
    // Throws std::invalid_argument unless `uri` is a libpq URI (postgresql:// or postgres://).
    static StoreLocation postgres(std::string uri);
    bool is_postgres() const { return kind == Kind::Postgres; }
    // For messages and logs: the path, or the URI with any password replaced by "***".
    std::string display() const;
    // The global option naming it again, e.g. for a hint printed to the user: --db PATH / --store URI.
    std::string option() const;
};

// True for "postgresql://…" and "postgres://…".
bool is_postgres_uri(const std::string& text);

// Opens (creating, migrating) the store. A SQLite file's folder is created. Throws StoreError
// (with libpq's reason when the server cannot be reached or the URI is malformed).
std::unique_ptr<ReceiverStore> open_store(const StoreLocation& location);

}  // namespace jh::sync::receiver
