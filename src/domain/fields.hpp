// Field descriptors: the one description of every record's members that storage (SQL
// columns), exchange (CSV headers, JSON keys), validation messages and UI labels share.
// Keys are contracts: a key, once released, never changes (files and databases hold it).
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

#include "domain/entities.hpp"

namespace jh::domain {

// A member's value in a neutral form: empty, integer (also bools and ids), real, or text
// (also dates as YYYY-MM-DD and enums as their code).
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

enum class FieldType { Integer, Real, Text, Bool, Date, Enum };

template <class R> struct Field {
    std::string_view key;            // SQL column and JSON key
    std::string_view zh;             // CSV header and UI label
    std::string_view en;             // English label (CLI, logs)
    FieldType type;
    bool optional;                   // may be empty
    std::span<const EnumLabel> enum_labels;   // FieldType::Enum only
    std::function<Value(const R&)> get;
    // Sets the member; false when the value has the wrong kind, an unknown enum code,
    // an impossible date, or is empty for a required field.
    std::function<bool(R&, const Value&)> set;
    // Added after files were first written: a CSV template or snapshot without this column or
    // key still reads, and the record keeps the member's default (false, or empty).
    bool added_later = false;
};

// What each record kind is called: SQL table / JSON key / CSV file stem, and names.
template <class R> struct Entity;

#define JH_ENTITY(R, TABLE, ZH, EN, PER_YEAR)                 \
    template <> struct Entity<R> {                            \
        static constexpr std::string_view table = TABLE;      \
        static constexpr std::string_view zh = ZH;            \
        static constexpr std::string_view en = EN;            \
        static constexpr bool per_year = PER_YEAR;            \
        static const std::vector<Field<R>>& fields();         \
    }
JH_ENTITY(School, "school", "学校基本信息", "school profile", false);
JH_ENTITY(SchoolYear, "school_year", "学年", "school year", false);
JH_ENTITY(ClassGroup, "class", "班级", "classes", true);
JH_ENTITY(GradeRoll, "grade_roll", "年级学籍", "grade rolls", true);
JH_ENTITY(Cohort, "cohort", "入学队列", "cohorts", true);
JH_ENTITY(Staff, "staff", "教职工", "staff", true);
JH_ENTITY(Training, "training", "培训记录", "training records", false);
JH_ENTITY(Building, "building", "校舍", "buildings", true);
JH_ENTITY(Room, "room", "功能教室", "rooms", true);
JH_ENTITY(Ground, "ground", "体育运动场馆", "sports grounds", true);
JH_ENTITY(Equipment, "equipment", "教学仪器设备", "equipment", true);
JH_ENTITY(Funds, "funds", "经费", "funds", true);
JH_ENTITY(Operator, "operator", "操作员", "operators", false);
#undef JH_ENTITY

// The record kinds a school year holds, in dependency order (staff before training).
using YearEntities = std::tuple<ClassGroup, GradeRoll, Cohort, Staff, Training, Building, Room, Ground, Equipment, Funds>;

template <class F> void for_each_year_entity(F&& f) {
    std::apply([&](auto... tag) { (f(tag), ...); }, YearEntities{});
}

// The vector in SchoolData holding records of kind R.
template <class R> std::vector<R>& records_of(SchoolData& data);
template <class R> const std::vector<R>& records_of(const SchoolData& data) {
    return records_of<R>(const_cast<SchoolData&>(data));
}

// Looks a field up by key; nullptr when unknown.
template <class R> const Field<R>* find_field(std::string_view key) {
    for (const auto& f : Entity<R>::fields())
        if (f.key == key) return &f;
    return nullptr;
}

// Renders a value for people: enums by their Chinese label, bools 是/否, reals without
// trailing zeros. Used by CSV export, audit views and the UI.
std::string display(FieldType type, std::span<const EnumLabel> enum_labels, const Value& value);
template <class R> std::string display(const Field<R>& field, const Value& value) {
    return display(field.type, field.enum_labels, value);
}
std::string format_number(double value);  // shortest exact decimal, no exponent

}  // namespace jh::domain
