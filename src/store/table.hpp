// Generic mapping of a record kind to its SQL table, built from the field descriptors
// (domain/fields.hpp): one insert/update/delete/select path for every kind of record.
// Column "id" comes first; then every field except id, in descriptor order. The school profile
// and school year have no id field (their id is not user data) but their tables have the column.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "domain/fields.hpp"
#include "domain/message.hpp"
#include "domain/record_json.hpp"
#include "store/statement.hpp"

namespace jh::store {

template <class R> class Table {
public:
    static std::string_view name() { return domain::Entity<R>::table; }

    // The fields stored after the id column.
    static const std::vector<const domain::Field<R>*>& data_fields() {
        static const auto fields = [] {
            std::vector<const domain::Field<R>*> out;
            for (const auto& f : domain::Entity<R>::fields())
                if (f.key != "id") out.push_back(&f);
            return out;
        }();
        return fields;
    }

    // The SQL texts are built once (per condition for selects): imports run them for every row.
    static const std::string& select_sql(std::string_view where = {}) {
        thread_local std::map<std::string, std::string, std::less<>> built;
        auto it = built.find(where);
        if (it == built.end()) {
            std::string sql = "SELECT \"id\"";
            for (const auto* f : data_fields()) sql += ", " + quoted(f->key);
            sql += " FROM " + quoted(name());
            if (!where.empty()) sql += " WHERE " + std::string(where);
            it = built.emplace(std::string(where), sql + " ORDER BY \"id\"").first;
        }
        return it->second;
    }

    // Parameters: id (NULL lets SQLite assign one), then the data fields.
    static const std::string& insert_sql() {
        static const std::string sql = [] {
            std::string columns = "\"id\"", marks = "?";
            for (const auto* f : data_fields()) {
                columns += ", " + quoted(f->key);
                marks += ", ?";
            }
            return "INSERT INTO " + quoted(name()) + " (" + columns + ") VALUES (" + marks + ")";
        }();
        return sql;
    }

    // Parameters: the data fields, then id.
    static const std::string& update_sql() {
        static const std::string sql = [] {
            std::string sets;
            for (const auto* f : data_fields()) sets += (sets.empty() ? "" : ", ") + quoted(f->key) + " = ?";
            return "UPDATE " + quoted(name()) + " SET " + sets + " WHERE \"id\" = ?";
        }();
        return sql;
    }

    static const std::string& ids_sql() {
        static const std::string sql = "SELECT \"id\" FROM " + quoted(name());
        return sql;
    }

    static const std::string& delete_sql() {
        static const std::string sql = "DELETE FROM " + quoted(name()) + " WHERE \"id\" = ?";
        return sql;
    }

    // The bind functions bind texts without copying them: they return the values bound, which
    // the caller keeps until the statement has run.
    [[nodiscard]] static std::vector<domain::Value> bind_insert(Statement& s, const R& r) {
        if (r.id == 0) s.bind_null(1);
        else s.bind(1, r.id);
        return bind_fields(s, r, 2);
    }

    [[nodiscard]] static std::vector<domain::Value> bind_update(Statement& s, const R& r) {
        s.bind(static_cast<int>(data_fields().size()) + 1, r.id);
        return bind_fields(s, r, 1);
    }

    // Reads the current row of a select_sql() statement. A value no descriptor accepts means
    // the file was written by something other than this program: refused, not guessed.
    static R read(const Statement& s) {
        R r;
        r.id = s.integer(0);
        int column = 1;
        for (const auto* f : data_fields()) {
            if (!f->set(r, s.value(column, f->type)))
                throw domain::Rejected(domain::Message{
                    "数据库中" + std::string(domain::Entity<R>::zh) + "（编号 " + std::to_string(r.id) + "）的“" +
                        std::string(f->zh) + "”值无效",
                    "the database holds an invalid " + std::string(f->en) + " in " + std::string(name()) + " #" +
                        std::to_string(r.id)});
            ++column;
        }
        return r;
    }

    // The record as the audit log stores it: record_json plus the id, which the school profile
    // and school year do not have as a field.
    static std::string json_text(const R& r) { return domain::record_json_text(r, r.id); }

private:
    static std::string quoted(std::string_view identifier) { return "\"" + std::string(identifier) + "\""; }

    static std::vector<domain::Value> bind_fields(Statement& s, const R& r, int first) {
        std::vector<domain::Value> values;
        values.reserve(data_fields().size());   // never reallocated: the bound texts stay put
        int index = first;
        for (const auto* f : data_fields()) {
            const auto& value = values.emplace_back(f->get(r));
            if (const auto* text = std::get_if<std::string>(&value)) s.bind_unowned(index++, *text);
            else s.bind(index++, value);
        }
        return values;
    }
};

}  // namespace jh::store
