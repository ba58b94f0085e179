// Store internals shared by the store's source files: the connection, the generic audited row
// writes every public write is made of, and the checks that guard them. Private to src/store.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_set>
#include <vector>

#include "domain/message.hpp"
#include "domain/validation.hpp"
#include "store/audit.hpp"
#include "store/connection.hpp"
#include "store/statement.hpp"
#include "store/store.hpp"
#include "store/table.hpp"
#include "store/transaction.hpp"

namespace jh::store {

struct Store::Impl {
    Impl(std::filesystem::path p, Connection c) : path(std::move(p)), db(std::move(c)), statements(db.get()) {}

    std::filesystem::path path;
    Connection db;
    StatementCache statements;
    AuditLog audit{db, statements};
    std::string operator_name = "system";

    // --- reads ---
    template <class R> std::vector<R> select(std::string_view where = {}, const std::vector<domain::Value>& params = {}) {
        auto s = statements.use(Table<R>::select_sql(where));
        for (std::size_t i = 0; i < params.size(); ++i) s->bind(static_cast<int>(i) + 1, params[i]);
        std::vector<R> out;
        while (s->step()) out.push_back(Table<R>::read(*s));
        return out;
    }

    template <class R> std::optional<R> find(Id id) {
        auto rows = select<R>("\"id\" = ?", {id});
        if (rows.empty()) return std::nullopt;
        return rows.front();
    }

    // Every id stored for kind R, read in one pass: an import checks each record's id here
    // instead of looking the table up once per record.
    template <class R> std::unordered_set<Id> stored_ids() {
        auto s = statements.use(Table<R>::ids_sql());
        std::unordered_set<Id> ids;
        while (s->step()) ids.insert(s->integer(0));
        return ids;
    }

    std::optional<domain::School> school() { return find<domain::School>(1); }
    std::optional<domain::SchoolYear> year_row(int year);
    domain::SchoolData load(int year);

    // --- audited row writes: no validation, call inside a Transaction ---
    template <class R> Id insert_row(R record) {
        {
            auto s = statements.use(Table<R>::insert_sql());
            const auto bound = Table<R>::bind_insert(*s, record);
            s->run();
        }
        record.id = db.last_insert_id();
        if constexpr (std::is_same_v<R, domain::Staff>) {
            // A person's first record names the person: person_id is that record's id.
            if (record.person_id == 0) {
                record.person_id = record.id;
                write_update(record);
            }
        }
        audit.append(operator_name, Table<R>::name(), record.id, "insert", "", Table<R>::json_text(record));
        return record.id;
    }

    // Writes `after` over `before` (same id); an unchanged record leaves no audit entry.
    template <class R> void update_row(const R& before, R after) {
        if constexpr (std::is_same_v<R, domain::Staff>)
            if (after.person_id == 0) after.person_id = before.person_id;   // not given: the person stays
        auto old_json = Table<R>::json_text(before);
        auto new_json = Table<R>::json_text(after);
        if (old_json == new_json) return;
        write_update(after);
        audit.append(operator_name, Table<R>::name(), after.id, "update", std::move(old_json), std::move(new_json));
    }

    template <class R> void delete_row(const R& before) {
        auto s = statements.use(Table<R>::delete_sql());
        s->bind(1, before.id);
        s->run();
        audit.append(operator_name, Table<R>::name(), before.id, "delete", Table<R>::json_text(before), "");
    }

    // Insert, or update the stored record with the same id (imports keep ids). `maybe_stored`
    // false says no record has that id (see stored_ids), sparing the lookup.
    template <class R> void upsert_row(const R& record, bool maybe_stored = true) {
        if (record.id != 0 && maybe_stored) {
            if (auto before = find<R>(record.id)) {
                if constexpr (domain::Entity<R>::per_year)
                    if (before->year != record.year) reject_other_year(Table<R>::name(), record.id, before->year);
                update_row(*before, record);
                return;
            }
        }
        insert_row(record);
    }

    // --- guards ---
    // Throws unless `year` exists and is not submitted.
    void require_writable(int year);
    // Checks a year can be submitted and marks it submitted (audited); inside a Transaction.
    void lock_year(int year);

    template <class R> void require_writable_record(const R& record) {
        if constexpr (domain::Entity<R>::per_year) require_writable(record.year);
    }

    // The domain rules for one record; errors reject the write.
    template <class R> void validate(const R& record) {
        domain::School context;
        if constexpr (!std::is_same_v<R, domain::Operator>) context = require_school();
        reject_if_errors(domain::validate(record, context));
    }

    domain::School require_school();
    static void reject_if_errors(std::vector<domain::Issue> issues);
    [[noreturn]] static void reject_other_year(std::string_view table, Id id, int year);
    [[noreturn]] static void reject_missing(std::string_view table, Id id);

private:
    template <class R> void write_update(const R& record) {
        auto s = statements.use(Table<R>::update_sql());
        const auto bound = Table<R>::bind_update(*s, record);
        s->run();
    }
};

// Runs `body`, turning a constraint the database enforces (the schema's second line of
// defence behind validation) into a rejection the user can read.
template <class F> auto refusing_constraints(F&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const SqliteError& e) {
        if (!e.constraint()) throw;
        // SQLite's words go to the log (detail), not to the people reading the message.
        throw domain::Rejected(domain::Message{"数据库拒绝了这项修改：与已有记录重复，或不符合数据规则。未做任何修改。",
                                               "the database refused the change: it duplicates a stored record or breaks "
                                               "a data rule; nothing was changed"},
                               {}, e.detail());
    }
}

}  // namespace jh::store
