// The evaluation's data model: plain structs, one per kind of record a school reports.
// Every record has a stable `id` (assigned by the store, never reused) and, except the school
// profile and training records, belongs to one school year (学年, named by its starting
// calendar year: 2025 = 2025–2026). Field descriptors (fields.hpp) give each member its
// storage key and its Chinese and English names; store, exchange and UI all read those.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/enums.hpp"

namespace jh::domain {

using Id = std::int64_t;

struct School {
    Id id = 1;                       // single row
    std::string code;                // 学校标识码, 10 digits
    std::string name;
    std::string county_code;         // 6-digit administrative division code
    SchoolType type = SchoolType::Primary;
    Location location = Location::Rural;
    Ownership ownership = Ownership::Public;
    bool boarding = false;
    std::optional<std::string> central_school_code;  // a teaching point's 中心校
    std::optional<std::string> bureau_url;           // where sync uploads go
    bool township_central = false;   // 乡镇中心学校: a role some local plans key rules on (Jiangsu JS-1)
};

struct SchoolYear {
    Id id = 0;
    int year = 0;
    YearStatus status = YearStatus::Draft;
    bool pupils_confirmed = false;   // false after new-year until classes are re-confirmed
    std::optional<std::string> submitted_at;  // ISO 8601 UTC
    // Q3 (school-measurable, yes/no): the school has a charter (章程), and its management and
    // teaching are digitised (信息化). Facts of the year being reported, carried into the next
    // year; empty = not reported (Q3 then has no data, never a fail).
    std::optional<bool> charter;
    std::optional<bool> digitised;
};

// One class (班): pupils counted at the start of the school year.
struct ClassGroup {
    Id id = 0;
    int year = 0;
    Stage stage = Stage::Primary;
    int grade = 1;                   // within the stage: 1–6 primary, 1–3 junior/senior
    int number = 1;                  // 班号
    int pupils = 0;
};

// Registered pupils of one grade (学籍), with special statuses.
struct GradeRoll {
    Id id = 0;
    int year = 0;
    Stage stage = Stage::Primary;
    int grade = 1;
    int pupils = 0;                  // must equal the sum of the grade's classes
    int migrant = 0;                 // 随迁子女
    int left_behind = 0;             // 留守儿童
    int disabled_in_regular = 0;     // 随班就读
    int disabled_other = 0;          // 送教上门, special classes
};

// One entry cohort of a stage, enough for the 3-year retention rate (巩固率):
// retention = current / (intake + transferred_in − transferred_out).
struct Cohort {
    Id id = 0;
    int year = 0;
    Stage stage = Stage::Junior;
    int entry_year = 0;              // year the cohort entered grade 1 of the stage
    int intake = 0;
    int transferred_in = 0;
    int transferred_out = 0;
    int current = 0;                 // still enrolled (or graduating) now
};

// A member of staff as reported for one school year. `person_id` links the same person
// across years (and to training records); it is the id of that person's first record.
struct Staff {
    Id id = 0;
    int year = 0;
    Id person_id = 0;
    std::string name;
    Gender gender = Gender::Female;
    int birth_year = 1980;
    std::optional<Stage> stage;      // stage taught; empty for non-teaching staff
    StaffCategory category = StaffCategory::FullTime;
    Education education = Education::Bachelor;
    Title title = Title::Unranked;
    std::string subject;             // main subject taught, free text (语文, 数学 …)
    bool pe = false;                 // PE specialist
    bool music = false;
    bool art = false;
    BackboneLevel backbone = BackboneLevel::None;
    std::optional<int> backbone_year;
    bool certified = false;          // holds a teacher qualification certificate
    bool rotation_eligible = false;
    Rotation rotation = Rotation::None;   // rotated this year
    Counsellor counsellor = Counsellor::None;
};

// One training a person attended; hours count towards the 360-hour 5-year cycle.
struct Training {
    Id id = 0;
    Id person_id = 0;
    Date date;
    double hours = 0;
    OrganiserLevel organiser = OrganiserLevel::County;
    std::string topic;
};

struct Building {
    Id id = 0;
    int year = 0;
    std::string name;
    BuildingUse use = BuildingUse::Classroom;   // category derives from use (category_of)
    double area = 0;                 // floor area, m²
    SafetyGrade safety = SafetyGrade::A;
    std::optional<int> built_year;
    std::optional<Stage> stage;      // empty: shared by every stage of the school
};

struct Room {
    Id id = 0;
    int year = 0;
    RoomKind kind = RoomKind::Multimedia;
    std::string name;
    double area = 0;
    std::optional<Stage> stage;
};

struct Ground {
    Id id = 0;
    int year = 0;
    std::string name;
    GroundKind kind = GroundKind::Outdoor;
    double area = 0;
    bool owned = true;               // false: rented or shared under agreement
    std::optional<Stage> stage;
    bool within_walk = false;        // a rented/shared ground within a 10-minute walk (Tianjin's condition)
};

struct Equipment {
    Id id = 0;
    int year = 0;
    std::string name;
    EquipmentCategory category = EquipmentCategory::Instrument;
    int quantity = 1;
    double unit_value = 0;           // 元
    double book_value = 0;           // 账面原值, 元
    Date acquired;
    std::optional<Date> disposed;
    std::optional<Stage> stage;
};

struct Funds {
    Id id = 0;
    int year = 0;
    double public_budget = 0;        // 公用经费预算, 元
    double training_spending = 0;    // 教师培训经费, 元
    std::optional<double> special_ed_per_pupil;   // 特殊教育生均公用经费, 元
    std::optional<int> funded_pupils;             // pupils the public funds are computed on
};

struct Operator {
    Id id = 0;
    std::string name;
    OperatorRole role = OperatorRole::Clerk;
    std::string pin_hash;            // libsodium crypto_pwhash_str; empty = no PIN
    bool active = true;
};

// Everything one school reports for one school year: the unit of snapshots, imports,
// indicator computation and (later) submission.
struct SchoolData {
    School school;
    SchoolYear year;
    std::vector<ClassGroup> classes;
    std::vector<GradeRoll> grades;
    std::vector<Cohort> cohorts;
    std::vector<Staff> staff;
    std::vector<Training> training;  // of the persons in `staff`, all dates
    std::vector<Building> buildings;
    std::vector<Room> rooms;
    std::vector<Ground> grounds;
    std::vector<Equipment> equipment;
    std::vector<Funds> funds;        // at most one per year
};

}  // namespace jh::domain
