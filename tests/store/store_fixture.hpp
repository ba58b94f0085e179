// Shared by the store tests: a temporary directory per test, a valid sample school year, and
// raw looks into a database file that bypass the store (to compare, tamper and corrupt).
#pragma once
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "store/store.hpp"
#include "store/table.hpp"

namespace jh::test {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "junheng-store-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() { fs::remove_all(path_); }
    fs::path operator/(const std::string& name) const { return path_ / name; }
    const fs::path& path() const { return path_; }
    // Every file name in the directory, sorted.
    std::vector<std::string> files() const {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(path_)) out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    fs::path path_;
};

inline domain::School sample_school() {
    domain::School s;
    s.code = "3101010001";
    s.name = "青山九年一贯制学校";
    s.county_code = "310101";
    s.type = domain::SchoolType::NineYear;
    s.location = domain::Location::Rural;
    s.boarding = true;
    return s;
}

constexpr int kYear = 2025;

// One valid record of every kind for `year` (ids 0: the store assigns them).
inline domain::SchoolData sample_data(int year = kYear) {
    using namespace domain;
    SchoolData d;
    d.school = sample_school();
    d.year = SchoolYear{0, year, YearStatus::Draft, true, std::nullopt, std::nullopt, std::nullopt};
    d.classes = {ClassGroup{0, year, Stage::Primary, 1, 1, 38}, ClassGroup{0, year, Stage::Primary, 1, 2, 40}};
    d.grades = {GradeRoll{0, year, Stage::Primary, 1, 78, 5, 20, 1, 0}};
    d.cohorts = {Cohort{0, year, Stage::Junior, year - 2, 120, 3, 5, 116}};
    Staff teacher;
    teacher.year = year;
    teacher.name = "王秀英";
    teacher.birth_year = 1982;
    teacher.stage = Stage::Primary;
    teacher.subject = "语文";
    teacher.backbone = BackboneLevel::County;
    teacher.backbone_year = 2019;
    teacher.certified = true;
    teacher.rotation_eligible = true;
    teacher.rotation = Rotation::Out;
    d.staff = {teacher};
    d.buildings = {Building{0, year, "教学楼", BuildingUse::Classroom, 2400.5, SafetyGrade::A, 2010, std::nullopt}};
    d.rooms = {Room{0, year, RoomKind::Music, "音乐教室", 96, Stage::Primary}};
    d.grounds = {Ground{0, year, "运动场", GroundKind::Outdoor, 8000, true, std::nullopt, false}};
    d.equipment = {Equipment{0, year, "显微镜", EquipmentCategory::Instrument, 10, 1200, 12000, Date{2020, 3, 1},
                             std::nullopt, Stage::Junior},
                   Equipment{0, year, "旧投影仪", EquipmentCategory::Instrument, 1, 3000, 3000, Date{2012, 9, 1},
                             Date{2024, 6, 30}, std::nullopt}};
    d.funds = {Funds{0, year, 450000, 22500, std::nullopt, 900}};
    return d;
}

// A store at `path` holding the sample school and an empty year.
inline store::Store make_store(const fs::path& path, int year = kYear) {
    auto s = store::Store::open(path);
    s.save_school(sample_school());
    s.create_year(year);
    return s;
}

// A school terminal's store at `path`: opened (created and migrated), with the sample school
// year imported the first time.
inline store::Store open_sample_store(const fs::path& path) {
    auto s = store::Store::open(path);
    if (!s.school()) s.import(sample_data());
    return s;
}

// One field edit of the sample year, as the window makes it: one audit entry.
inline void edit_one_field(store::Store& s, int year = kYear) {
    auto building = s.load(year).buildings.at(0);
    building.area += 1;
    s.update(building);
}

// Runs SQL on the file directly, as something other than the program would.
inline void raw_exec(const fs::path& path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error(sql + ": " + message);
}

// Every row of the rows `sql` returns, columns joined by '|', rows by '\n'.
inline std::string raw_query(const fs::path& path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
                const auto* text = sqlite3_column_text(stmt, i);
                out += (i ? "|" : "") + std::string(text ? reinterpret_cast<const char*>(text) : "NULL");
            }
            out += "\n";
        }
    } else {
        out = std::string("error: ") + sqlite3_errmsg(db);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

// The whole content of a database: schema, version and every row of every table.
inline std::string dump(const fs::path& path) {
    std::string out = "version " + raw_query(path, "PRAGMA user_version");
    out += raw_query(path, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name");
    std::string tables = raw_query(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    std::size_t start = 0;
    for (std::size_t end; (end = tables.find('\n', start)) != std::string::npos; start = end + 1) {
        std::string table = tables.substr(start, end - start);
        out += "table " + table + "\n" + raw_query(path, "SELECT * FROM \"" + table + "\" ORDER BY 1");
    }
    return out;
}

// dump() without the sync state's row, which a restore renews by design (a new stream id).
inline std::string dump_except_sync_state(const fs::path& path) {
    std::string out = dump(path);
    const auto start = out.find("table sync_state\n");
    if (start == std::string::npos) return out;
    const auto rows = start + std::string("table sync_state\n").size();
    const auto end = out.find("table ", rows);
    return out.erase(rows, (end == std::string::npos ? out.size() : end) - rows);
}

// A record's stored form (every field, by key): records have no operator==.
template <class R> std::string json_of(const R& record) { return store::Table<R>::json_text(record); }

inline void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

// Submits `year` as the store alone can: locked and frozen with placeholder bytes (the real
// snapshot and signature are the sync client's freeze_year; store tests check the locking).
inline int submit(store::Store& s, int year) {
    return s.submit_year(year, [](const domain::SchoolData&) { return store::Frozen{"{}", "unsigned (store test)"}; });
}

}  // namespace jh::test
