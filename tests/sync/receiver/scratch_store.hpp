// The receiver store a test runs on: a SQLite file in the test's folder, or — when CTest sets
// JUNHENG_TEST_STORE to a PostgreSQL URI (the `sync;postgres` runs, tests/sync/pg/) — a fresh
// database made for this one store on that server and dropped afterwards (docs/postgresql.md
// "Tests"). No server reachable there: the test fails; it is never skipped.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "sync/receiver/open_store.hpp"
#include "sync/receiver/pg.hpp"

namespace jh::test {

// The server CTest started, or nullopt for SQLite.
inline std::optional<std::string> test_server_uri() {
    const char* uri = std::getenv("JUNHENG_TEST_STORE");
    if (!uri || !*uri) return std::nullopt;
    return std::string(uri);
}

// `uri` (postgresql://…/DB?…) naming database `name` instead.
inline std::string with_database(const std::string& uri, const std::string& name) {
    const auto query = uri.find('?');
    const auto path_end = query == std::string::npos ? uri.size() : query;
    const auto slash = uri.find('/', uri.find("://") + 3);
    if (slash == std::string::npos || slash > path_end) return uri.substr(0, path_end) + "/" + name + uri.substr(path_end);
    return uri.substr(0, slash + 1) + name + uri.substr(path_end);
}

class ScratchStore {
public:
    // `name`: the SQLite file's name in `dir` (NAME.db), for a test with several stores.
    explicit ScratchStore(const std::filesystem::path& dir, const std::string& name = "bureau") {
        if (const auto server = test_server_uri()) {
            std::random_device entropy;
            database_ = "jh_test_" + std::to_string(entropy()) + "_" + std::to_string(entropy());
            sync::receiver::pg::Conn admin(*server);
            admin.exec("CREATE DATABASE " + database_);
            location_ = sync::receiver::StoreLocation::postgres(with_database(*server, database_));
        } else {
            location_ = sync::receiver::StoreLocation::sqlite(dir / (name + ".db"));
        }
    }
    ~ScratchStore() {
        if (database_.empty()) return;
        try {
            sync::receiver::pg::Conn admin(*test_server_uri());
            admin.exec("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
        } catch (const std::exception&) {
            // The cluster is thrown away at the end of the run anyway.
        }
    }
    ScratchStore(const ScratchStore&) = delete;
    ScratchStore& operator=(const ScratchStore&) = delete;

    const sync::receiver::StoreLocation& location() const { return location_; }
    bool postgres() const { return location_.is_postgres(); }
    // Another store object on the same data: its own connections, as another process has.
    std::unique_ptr<sync::receiver::ReceiverStore> open() const { return sync::receiver::open_store(location_); }
    // junheng-bureau's global option for it: {"--db", PATH} or {"--store", URI}.
    std::vector<std::string> args() const {
        if (postgres()) return {"--store", location_.uri};
        return {"--db", location_.path.string()};
    }
    // args() followed by `more`.
    std::vector<std::string> args(std::vector<std::string> more) const {
        auto out = args();
        out.insert(out.end(), more.begin(), more.end());
        return out;
    }

private:
    sync::receiver::StoreLocation location_;
    std::string database_;
};

}  // namespace jh::test
