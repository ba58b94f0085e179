// The record-by-record comparison of two snapshots; see snapshot_diff.hpp.
#include "sync/receiver/snapshot_diff.hpp"

#include <map>
#include <string_view>

#include "domain/fields.hpp"

namespace jh::sync::receiver {
namespace {

using namespace jh::domain;

// The language of the lines (the CLI's English, the web page's Chinese), handed down to every
// helper that writes a word.
struct Words {
    bool zh = false;
    template <class F> std::string field(const F& f) const { return std::string(zh ? f.zh : f.en); }
    template <class R> std::string kind() const { return std::string(zh ? Entity<R>::zh : Entity<R>::en); }
};

// A value as the reader reads it. Chinese: the field tables' own display ("（空）" when empty).
// English: enums by their English label, booleans yes/no, empty as "(empty)"; numbers, dates and
// text as the field tables display them.
template <class R> std::string value_text(const Words& w, const Field<R>& f, const Value& v) {
    if (w.zh) return std::holds_alternative<std::monostate>(v) ? std::string("（空）") : display(f, v);
    if (std::holds_alternative<std::monostate>(v)) return "(empty)";
    if (f.type == FieldType::Bool) return std::get<std::int64_t>(v) ? "yes" : "no";
    if (f.type == FieldType::Enum) {
        const auto& c = std::get<std::string>(v);
        for (const auto& l : f.enum_labels)
            if (l.code == c) return std::string(l.en);
        return c;
    }
    return display(f, v);
}

// "class 12" for a record of a kind with many per year (English: the table's name, with spaces).
template <class R> std::string noun(const Words& w) {
    if (w.zh) return std::string(Entity<R>::zh);
    std::string n(Entity<R>::table);
    for (auto& c : n)
        if (c == '_') c = ' ';
    return n;
}

// What people call a record besides its id: its name, or its topic, or where it sits (stage,
// grade, class number, entry year) — each with the field's own label.
template <class R> std::string identity(const Words& w, const R& r) {
    for (const std::string_view key : {"name", "topic"})
        if (const auto* f = find_field<R>(key)) {
            const auto v = f->get(r);
            if (auto s = std::get_if<std::string>(&v); s && !s->empty()) return *s;
        }
    std::string out;
    for (const std::string_view key : {"stage", "grade", "number", "entry_year"})
        if (const auto* f = find_field<R>(key)) {
            if (!out.empty()) out += ", ";
            out += w.field(*f) + " " + value_text(w, *f, f->get(r));
        }
    return out;
}

template <class R> std::string label(const Words& w, const R& r, bool single) {
    if (single) return w.kind<R>();
    const auto who = identity(w, r);
    return noun<R>(w) + " " + std::to_string(r.id) + (who.empty() ? std::string() : " (" + who + ")");
}

// "pupils 45 -> 47; name A -> B" for the fields that differ; "" when none.
template <class R> std::string changed_fields(const Words& w, const R& a, const R& b) {
    std::string out;
    for (const auto& f : Entity<R>::fields()) {
        const auto va = f.get(a), vb = f.get(b);
        if (va == vb) continue;
        if (!out.empty()) out += "; ";
        out += w.field(f) + " " + value_text(w, f, va) + " -> " + value_text(w, f, vb);
    }
    return out;
}

template <class R> void compare_one(const Words& w, const R& a, const R& b, std::vector<std::string>& out) {
    const auto fields = changed_fields(w, a, b);
    if (!fields.empty()) out.push_back(label(w, b, true) + ": " + fields);
}

template <class R>
void compare_many(const Words& w, const std::vector<R>& before, const std::vector<R>& after, std::vector<std::string>& out) {
    std::map<Id, const R*> a, b;
    for (const auto& r : before) a[r.id] = &r;
    for (const auto& r : after) b[r.id] = &r;
    for (const auto& [id, r] : b) {
        const auto it = a.find(id);
        if (it == a.end()) {
            out.push_back((w.zh ? "新增 " : "added ") + label(w, *r, false));
            continue;
        }
        const auto fields = changed_fields(w, *it->second, *r);
        if (!fields.empty()) out.push_back(label(w, *r, false) + ": " + fields);
    }
    for (const auto& [id, r] : a)
        if (!b.count(id)) out.push_back((w.zh ? "删除 " : "removed ") + label(w, *r, false));
}

}  // namespace

std::vector<std::string> describe_changes(const SchoolData& before, const SchoolData& after, DiffLanguage language) {
    const Words w{language == DiffLanguage::Chinese};
    std::vector<std::string> out;
    compare_one(w, before.school, after.school, out);
    compare_one(w, before.year, after.year, out);
    for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        compare_many(w, records_of<R>(before), records_of<R>(after), out);
    });
    return out;
}

}  // namespace jh::sync::receiver
