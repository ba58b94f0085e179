// The school snapshot codec (see snapshot.hpp and docs/snapshot-format.md). Every record is
// converted through its field descriptors, so the format follows the data model's keys.
#include "exchange/snapshot.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/fields.hpp"
#include "exchange/problem.hpp"

namespace jh::exchange {
namespace {

using namespace jh::domain;
using Json = nlohmann::ordered_json;

// The snapshot's array of each record kind (the names of SchoolData's members).
template <class R> constexpr std::string_view array_key = "";
template <> constexpr std::string_view array_key<ClassGroup> = "classes";
template <> constexpr std::string_view array_key<GradeRoll> = "grades";
template <> constexpr std::string_view array_key<Cohort> = "cohorts";
template <> constexpr std::string_view array_key<Staff> = "staff";
template <> constexpr std::string_view array_key<Training> = "training";
template <> constexpr std::string_view array_key<Building> = "buildings";
template <> constexpr std::string_view array_key<Room> = "rooms";
template <> constexpr std::string_view array_key<Ground> = "grounds";
template <> constexpr std::string_view array_key<Equipment> = "equipment";
template <> constexpr std::string_view array_key<Funds> = "funds";

// ---- writing ----

Json to_json(FieldType type, const Value& value) {
    if (std::holds_alternative<std::monostate>(value)) return nullptr;
    if (type == FieldType::Bool) return std::get<std::int64_t>(value) != 0;
    if (auto i = std::get_if<std::int64_t>(&value)) return *i;
    if (auto d = std::get_if<double>(&value)) return *d;
    return std::get<std::string>(value);
}

template <class R> Json record_json(const R& record) {
    Json out = Json::object();
    for (const auto& f : Entity<R>::fields()) out[std::string(f.key)] = to_json(f.type, f.get(record));
    return out;
}

template <class R> Json records_json(std::vector<R> records) {
    std::sort(records.begin(), records.end(), [](const R& a, const R& b) { return a.id < b.id; });
    Json out = Json::array();
    for (const auto& r : records) out.push_back(record_json(r));
    return out;
}

// ---- reading ----

struct Reader {
    const std::string& file;

    [[noreturn]] void fail(const std::string& path, const std::string& zh, const std::string& en) const {
        reject_at(file, 0, 0, {path + "：" + zh, path + ": " + en});
    }

    // The Value a JSON member holds, when it has the field's type.
    static std::optional<Value> value_of(FieldType type, const Json& j) {
        if (j.is_null()) return Value{};
        switch (type) {
            case FieldType::Bool:
                if (j.is_boolean()) return Value{std::int64_t{j.get<bool>() ? 1 : 0}};
                break;
            case FieldType::Integer:
                if (j.is_number_integer()) return Value{j.get<std::int64_t>()};
                break;
            case FieldType::Real:
                if (j.is_number()) return Value{j.get<double>()};
                break;
            default:
                if (j.is_string()) return Value{j.get<std::string>()};
        }
        return std::nullopt;
    }

    template <class R> R record(const Json& j, const std::string& path) const {
        if (!j.is_object()) fail(path, "应为 JSON 对象", "expected a JSON object");
        for (const auto& [key, ignored] : j.items())
            if (!find_field<R>(key)) fail(path, "未知字段“" + key + "”", "unknown key '" + key + "'");
        R r{};
        for (const auto& f : Entity<R>::fields()) {
            const std::string key(f.key), at = path + "." + key;
            if (!j.contains(key)) {
                if (f.added_later) continue;   // written before the field existed: keeps its default
                fail(at, "缺少字段", "missing key");
            }
            auto value = value_of(f.type, j.at(key));
            if (!value || !f.set(r, *value))
                fail(at, "取值无效或类型不符（" + std::string(f.zh) + "）",
                     "invalid value or wrong type for " + std::string(f.en) + ": " + j.at(key).dump());
        }
        return r;
    }

    template <class R> std::vector<R> records(const Json& doc, int year) const {
        const std::string key(array_key<R>);
        const Json& array = doc.at(key);
        if (!array.is_array()) fail(key, "应为 JSON 数组", "expected a JSON array");
        std::vector<R> out;
        for (std::size_t i = 0; i < array.size(); ++i) {
            const std::string path = key + "[" + std::to_string(i) + "]";
            out.push_back(record<R>(array[i], path));
            if constexpr (requires { out.back().year; })
                if (out.back().year != year)
                    fail(path + ".year", "学年与快照的学年 " + std::to_string(year) + " 不一致",
                         "differs from the snapshot's school year " + std::to_string(year));
        }
        if (auto dup = find_duplicate(out))
            fail(key + "[" + std::to_string(dup->second) + "]",
                 dup->key_zh + "与 " + key + "[" + std::to_string(dup->first) + "] 重复",
                 "duplicate " + dup->key_en + ": same as " + key + "[" + std::to_string(dup->first) + "]");
        return out;
    }

    void check_header(const Json& doc) const {
        if (!doc.is_object()) fail("$", "快照应为 JSON 对象", "a snapshot is a JSON object");
        if (doc.value("format", Json()) != std::string(kSnapshotFormat))
            fail("format", "不是均衡系统的学校快照", "not a Junheng school snapshot (format must be '" + std::string(kSnapshotFormat) + "')");
        const Json version = doc.value("version", Json());
        if (!version.is_number_integer() || version.get<std::int64_t>() < 1)
            fail("version", "版本号无效", "invalid version " + version.dump());
        if (version.get<std::int64_t>() > kSnapshotVersion)
            fail("version", "快照版本 " + version.dump() + " 由更新版本的软件生成，请先升级本软件",
                 "snapshot version " + version.dump() + " was written by a newer Junheng (this one reads up to " +
                     std::to_string(kSnapshotVersion) + "); upgrade first");
        std::vector<std::string> known{"format", "version", "school", "year"};
        for_each_year_entity([&](auto tag) { known.emplace_back(array_key<decltype(tag)>); });
        for (const auto& [key, ignored] : doc.items())
            if (std::find(known.begin(), known.end(), key) == known.end())
                fail(key, "未知字段", "unknown key");
        for (const auto& key : known)
            if (!doc.contains(key)) fail(key, "缺少字段", "missing key");
    }
};

// Line and column (1-based) of a byte offset, for JSON syntax errors.
std::pair<int, int> line_and_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    const auto before = text.substr(0, offset);
    const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    const auto last_break = before.rfind('\n');
    const int column = static_cast<int>(offset - (last_break == std::string_view::npos ? 0 : last_break + 1)) + 1;
    return {line, column};
}

}  // namespace

std::string write_snapshot(const SchoolData& data) {
    Json doc = Json::object();
    doc["format"] = kSnapshotFormat;
    doc["version"] = kSnapshotVersion;
    doc["school"] = record_json(data.school);
    doc["year"] = record_json(data.year);
    for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        doc[std::string(array_key<R>)] = records_json(records_of<R>(data));
    });
    return doc.dump(2) + "\n";
}

SchoolData read_snapshot(std::string_view json, const std::string& file_name) {
    Json doc;
    try {
        doc = Json::parse(json);
    } catch (const Json::parse_error& e) {
        auto [line, column] = line_and_column(json, e.byte > 0 ? e.byte - 1 : 0);
        reject_at(file_name, line, column, {"JSON 格式错误（文件可能被截断）", std::string("malformed JSON (truncated file?): ") + e.what()});
    } catch (const Json::out_of_range& e) {   // a number beyond double (found by tests/fuzz)
        reject_at(file_name, 0, 0, {"JSON 中有超出范围的数字", std::string("a number out of range in the JSON: ") + e.what()});
    }
    const Reader reader{file_name};
    reader.check_header(doc);
    SchoolData data;
    data.school = reader.record<School>(doc.at("school"), "school");
    data.year = reader.record<SchoolYear>(doc.at("year"), "year");
    for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        records_of<R>(data) = reader.records<R>(doc, data.year.year);
    });
    return data;
}

bool looks_like_snapshot(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '{';
}

std::string snapshot_file_name(const SchoolData& data) {
    return data.school.code + "_" + std::to_string(data.year.year) + ".json";
}

void add_snapshot(SchoolData data, const std::string& file_name, Imported& into) {
    into.claim(Entity<School>::table, Entity<School>::zh, file_name);
    into.claim(Entity<SchoolYear>::table, Entity<SchoolYear>::zh, file_name);
    into.agree_year(data.year.year, file_name, 0, 0);
    into.agree_school(data.school.code, file_name, 0, 0);
    into.school = std::move(data.school);
    into.year = std::move(data.year);
    for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        into.claim(Entity<R>::table, Entity<R>::zh, file_name);
        records_of<R>(into.records) = std::move(records_of<R>(data));
    });
}

}  // namespace jh::exchange
