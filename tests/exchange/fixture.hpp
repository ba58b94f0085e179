// Shared by the exchange tests: a small school year touching every record kind and the
// awkward cases of files (commas, quotes and line breaks in text, characters outside the BMP,
// empty optional values, reals with no short binary form), valid for the store; and a
// temporary directory for databases.
#pragma once
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "domain/entities.hpp"

namespace jh::test {

class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "junheng-exchange-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

inline domain::SchoolData sample_school(int year = 2025) {
    using namespace jh::domain;
    SchoolData d;
    d.school = {1, "3601020001", "青山镇中心学校", "360102", SchoolType::NineYear, Location::Rural, Ownership::Public, true,
                std::nullopt, std::nullopt, true};
    d.year = {0, year, YearStatus::Draft, true, std::nullopt, true, false};
    d.classes = {{11, year, Stage::Primary, 1, 1, 38}, {12, year, Stage::Primary, 1, 2, 37}, {13, year, Stage::Junior, 1, 1, 45}};
    d.grades = {{21, year, Stage::Primary, 1, 75, 3, 10, 1, 0}, {22, year, Stage::Junior, 1, 45, 0, 6, 0, 1}};
    d.cohorts = {{31, year, Stage::Junior, year - 2, 50, 2, 3, 47}};
    Staff teacher;
    teacher.id = 41;
    teacher.year = year;
    teacher.person_id = 41;
    teacher.name = "王𠮷";   // a character beyond the BMP (4 bytes in UTF-8 and in GB18030)
    teacher.birth_year = 1985;
    teacher.stage = Stage::Primary;
    teacher.subject = "语文, 书法";
    teacher.backbone = BackboneLevel::County;
    teacher.backbone_year = 2021;
    teacher.certified = true;
    teacher.rotation_eligible = true;
    teacher.rotation = Rotation::Out;
    Staff clerk;
    clerk.id = 42;
    clerk.year = year;
    clerk.person_id = 42;
    clerk.name = "李\"小\"明";
    clerk.gender = Gender::Male;
    clerk.category = StaffCategory::Administrative;
    clerk.education = Education::Associate;
    d.staff = {teacher, clerk};
    d.training = {{51, 41, {year, 10, 12}, 24.5, OrganiserLevel::Provincial, "课堂教学\n改革（第一期）"},
                  {52, 41, {year - 3, 3, 1}, 0.1, OrganiserLevel::School, "安全"}};
    d.buildings = {{61, year, "教学楼", BuildingUse::Classroom, 2450.75, SafetyGrade::B, 2008, std::nullopt},
                   {62, year, "宿舍楼", BuildingUse::Dormitory, 1800, SafetyGrade::A, std::nullopt, Stage::Junior}};
    d.rooms = {{71, year, RoomKind::Music, "音乐教室", 96.5, Stage::Primary}};
    d.grounds = {{81, year, "操场", GroundKind::Outdoor, 6000, true, std::nullopt, false}, {82, year, "租用体育馆", GroundKind::Indoor, 800, false, std::nullopt, true}};
    d.equipment = {{91, year, "显微镜", EquipmentCategory::Instrument, 30, 1200.5, 36015, {2019, 9, 1}, std::nullopt, Stage::Junior},
                   {92, year, "课桌椅", EquipmentCategory::Other, 200, 300, 60000, {2015, 8, 20}, Date{2024, 6, 30}, std::nullopt}};
    d.funds = {{101, year, 1150000, 57500, std::nullopt, 900}};
    return d;
}

}  // namespace jh::test
