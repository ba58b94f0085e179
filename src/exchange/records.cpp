// Consistency of an import's files and the merge of imported records into a stored year.
#include "exchange/records.hpp"

#include <unordered_map>

#include "exchange/problem.hpp"

namespace jh::exchange {
namespace {

using namespace jh::domain;

// Besides its id, what identifies a record of kind R within a school year: the statistics
// forms have one class per stage/grade/number, one roll per grade, one cohort per entry year
// and one funds row per year.
template <class R> std::vector<std::string_view> natural_key() { return {}; }
template <> std::vector<std::string_view> natural_key<ClassGroup>() { return {"stage", "grade", "number"}; }
template <> std::vector<std::string_view> natural_key<GradeRoll>() { return {"stage", "grade"}; }
template <> std::vector<std::string_view> natural_key<Cohort>() { return {"stage", "entry_year"}; }
template <> std::vector<std::string_view> natural_key<Funds>() { return {"year"}; }

template <class R> std::optional<Duplicate> first_clash(const std::vector<R>& records, const std::vector<std::string_view>& keys) {
    std::vector<const Field<R>*> fields;
    Duplicate names;
    for (auto key : keys) {
        fields.push_back(find_field<R>(key));
        names.key_zh += (names.key_zh.empty() ? "" : "/") + std::string(fields.back()->zh);
        names.key_en += (names.key_en.empty() ? "" : "/") + std::string(fields.back()->en);
    }
    std::map<std::vector<Value>, std::size_t> seen;
    for (std::size_t i = 0; i < records.size(); ++i) {
        std::vector<Value> values;
        for (const auto* f : fields) values.push_back(f->get(records[i]));
        if (values == std::vector<Value>{Value{std::int64_t{0}}}) continue;   // id 0: not stored yet
        auto [it, fresh] = seen.emplace(std::move(values), i);
        if (!fresh) {
            names.first = it->second;
            names.second = i;
            return names;
        }
    }
    return std::nullopt;
}

template <class R> void merge_records(std::vector<R>& base, const std::vector<R>& incoming) {
    std::unordered_map<Id, std::size_t> position;
    for (std::size_t i = 0; i < base.size(); ++i) position.emplace(base[i].id, i);
    for (const auto& record : incoming) {
        auto same = record.id != 0 ? position.find(record.id) : position.end();
        if (same != position.end()) base[same->second] = record;
        else base.push_back(record);
    }
}

}  // namespace

void Imported::claim(std::string_view table, std::string_view zh, const std::string& file_name) {
    auto [it, fresh] = kinds.emplace(std::string(table), file_name);
    if (!fresh)
        reject_at(file_name, 0, 0,
                  {"与 " + it->second + " 是同一类数据（" + std::string(zh) + "），每类只能导入一个文件",
                   "holds the same kind of records (" + std::string(table) + ") as " + it->second +
                       "; import one file per kind"});
}

void Imported::agree_year(int year, const std::string& file_name, int line, int column) {
    if (!year_number) {
        year_number = year;
        year_source = file_name;
        return;
    }
    if (*year_number == year) return;
    const std::string ours = std::to_string(year), theirs = std::to_string(*year_number);
    reject_at(file_name, line, column,
              {"学年 " + ours + " 与 " + year_source + " 中的学年 " + theirs + " 不一致；一次只能导入一个学年",
               "school year " + ours + " differs from year " + theirs + " in " + year_source +
                   "; import one school year at a time"});
}

void Imported::agree_school(const std::string& code, const std::string& file_name, int line, int column) {
    if (code.empty()) return;
    if (!school_code) {
        school_code = code;
        school_code_source = file_name;
        return;
    }
    if (*school_code == code) return;
    reject_at(file_name, line, column,
              {"学校标识码 " + code + " 与 " + school_code_source + " 中的 " + *school_code + " 不一致；一次只能导入一所学校的文件",
               "school code " + code + " differs from " + *school_code + " in " + school_code_source +
                   "; import one school's files at a time"});
}

template <class R> std::optional<Duplicate> find_duplicate(const std::vector<R>& records) {
    if (auto clash = first_clash(records, {"id"})) return clash;
    if (auto keys = natural_key<R>(); !keys.empty()) return first_clash(records, keys);
    return std::nullopt;
}

#define JH_INSTANTIATE(R) template std::optional<Duplicate> find_duplicate<R>(const std::vector<R>&);
JH_INSTANTIATE(ClassGroup)
JH_INSTANTIATE(GradeRoll)
JH_INSTANTIATE(Cohort)
JH_INSTANTIATE(Staff)
JH_INSTANTIATE(Training)
JH_INSTANTIATE(Building)
JH_INSTANTIATE(Room)
JH_INSTANTIATE(Ground)
JH_INSTANTIATE(Equipment)
JH_INSTANTIATE(Funds)
#undef JH_INSTANTIATE

SchoolData merge(SchoolData base, const Imported& imported) {
    if (imported.school) base.school = *imported.school;
    if (imported.year) {
        const Id stored_id = base.year.id;
        base.year = *imported.year;
        base.year.id = stored_id;
    }
    if (imported.year_number) base.year.year = *imported.year_number;
    for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        merge_records(records_of<R>(base), records_of<R>(imported.records));
    });
    return base;
}

}  // namespace jh::exchange
