// The database schema: migrations schema/NNNN_name.sql, compiled into the binary by
// cmake/embed.cmake, applied in order and tracked in PRAGMA user_version.
// Contract: a migration file, once released, is never edited; NNNN numbers run 1, 2, 3 … with
// no gaps, and the schema version of a database is the number of the last one applied.
#pragma once
#include <vector>

#include "domain/embedded.hpp"
#include "store/connection.hpp"

namespace jh::store::schema {

// Generated at build time from schema/*.sql, sorted by name.
const std::vector<jh::EmbeddedFile>& embedded_files();

// The version a fresh database gets: the number of the last migration.
int latest_version();

// Brings the database up to latest_version() in one transaction (all migrations or none).
// Throws domain::Rejected when the database was written by a newer program.
void migrate(Connection& db);

// domain::Rejected for a database of schema version `found` (newer than this program).
[[noreturn]] void reject_newer(int found);

}  // namespace jh::store::schema
