// One entry of a school's hash-chained audit log, and the rule that hashes it. The terminal's
// store writes entries (src/store/audit.hpp); sync carries them to the bureau, whose receiver
// recomputes every hash to verify the school's chain — so the rule lives here, where both reach.
//
// Contract (changing it breaks every existing chain): an entry's hash is the lowercase hex
// SHA-256 of its fields in the order
//   seq, at, operator_name, table, record_id, action, old_json, new_json, prev_hash
// each written as a netstring, "<byte length>:<bytes>," (numbers in decimal), UTF-8 as
// stored. Netstrings need no escaping, so the encoding is unambiguous and cheap (an import
// of 10,000 rows hashes 10,000 entries). prev_hash of the first entry is 64 '0's.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace jh::domain {

// Who changed which record, when, from what to what. `hash` covers this entry's content and
// `prev_hash`, so rewriting history breaks the chain.
struct AuditEntry {
    std::int64_t seq = 0;            // monotonic; the change feed's cursor
    std::string at;                  // ISO 8601 UTC
    std::string operator_name;
    std::string table;               // Entity<R>::table
    std::int64_t record_id = 0;
    std::string action;              // "insert" | "update" | "delete"
    std::string old_json;            // record before ("" for insert), domain/record_json.hpp form
    std::string new_json;            // record after ("" for delete)
    std::string prev_hash;
    std::string hash;                // hex SHA-256
};

// The entry's hash by the contract above (its own `hash` member is ignored).
std::string audit_hash(const AuditEntry& entry);
// The prev_hash of a log's first entry: 64 '0's.
const std::string& audit_genesis_hash();
// Lowercase hex SHA-256 of any bytes (OpenSSL: the CPU's SHA instructions where present).
std::string sha256_hex(std::string_view bytes);

}  // namespace jh::domain
