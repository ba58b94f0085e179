// What people call a record: its kind in the interface language and its name, both from the
// entity and field descriptors, so a new kind of record is named without a list to update.
#pragma once
#include <string>
#include <string_view>

#include "domain/fields.hpp"
#include "ui/model.hpp"

namespace jh::ui {

// Calls f(R{}) for the record kind stored in `table`; nothing for a table this version does
// not know (an entry written by a newer one).
template <class F> void with_kind(std::string_view table, F&& f) {
    auto if_table = [&](auto tag) {
        if (domain::Entity<decltype(tag)>::table == table) f(tag);
    };
    domain::for_each_year_entity(if_table);
    if_table(domain::Operator{});
    if_table(domain::School{});
    if_table(domain::SchoolYear{});
}

// The field people call a record of kind R by: its name, else its first required text (a
// training's topic); none for kinds known only by their numbers (classes, funds, years).
template <class R> const domain::Field<R>* naming_field() {
    if (const auto* f = domain::find_field<R>("name")) return f;
    for (const auto& f : domain::Entity<R>::fields())
        if (f.type == domain::FieldType::Text && !f.optional) return &f;
    return nullptr;
}

// The record's name as its latest audit entry holds it (the old version for a deletion); empty
// for kinds known only by their numbers. Read once, when the history is loaded.
std::string record_name(const HistoryView& h);

// The history screen's title, "教职工 · 王琰" / "Staff · 王琰": the kind in the interface
// language and the record's name; the kind and the record's number, "班级 #3", when it has no
// name.
std::string record_title(const Model& m, const HistoryView& h);

// An audit entry's time (UTC, "2026-01-02T03:04:05Z") as people at this computer read it: in
// local time, to the minute, "2026-01-02 11:04"; the text as it is when it is not such a time.
std::string local_time(std::string_view utc);

}  // namespace jh::ui
