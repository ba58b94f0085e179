// The hash-chained audit log: one entry per insert, update or delete, written in the same
// transaction as the change, and read back as the change feed sync uploads from. The entry and
// its hash rule (a contract: changing it breaks every existing chain) are domain/audit_entry.hpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/connection.hpp"
#include "store/statement.hpp"
#include "store/store.hpp"

namespace jh::store {

class AuditLog {
public:
    AuditLog(Connection& db, StatementCache& statements) : db_(db), statements_(statements) {}

    // Appends an entry after the last one; call inside the transaction making the change.
    void append(std::string_view operator_name, std::string_view table, Id record_id, std::string_view action,
                std::string old_json, std::string new_json);

    std::vector<AuditEntry> history(const std::string& table, Id record_id) const;
    std::vector<AuditEntry> since(std::int64_t seq, std::size_t limit) const;
    // Recomputes every hash and link; also notices entries cut off the end of the log.
    ChainReport verify() const;

    static std::string hash_of(const AuditEntry& entry);
    static const std::string& genesis_hash();

private:
    // The last entry: its seq and hash, and the connection epoch it was read or written in.
    struct Tip {
        std::int64_t seq;
        std::string hash;
        std::uint64_t epoch;
    };
    const Tip& tip();
    std::vector<AuditEntry> query(const std::string& where, const std::vector<domain::Value>& params) const;

    Connection& db_;
    StatementCache& statements_;
    std::optional<Tip> tip_;
};

}  // namespace jh::store
