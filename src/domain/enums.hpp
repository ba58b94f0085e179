// The evaluation's categories as enums, each with a stable code (stored in SQLite and JSON,
// never to be changed once released), its Chinese label (CSV templates and UI) and its
// English label (logs and CLI). Categories follow the national education statistics forms
// so administrators recognise them.
#pragma once
#include <array>
#include <optional>
#include <span>
#include <string_view>

namespace jh::domain {

struct EnumLabel {
    std::string_view code;
    std::string_view zh;
    std::string_view en;
};

enum class SchoolType { Primary, Junior, NineYear, TwelveYear, CompleteSecondary, TeachingPoint, SpecialEducation };
enum class Location { Urban, Town, Rural };
enum class Ownership { Public, GovernmentFundedPrivate, Private };
enum class Stage { Primary, Junior, Senior };
enum class Gender { Male, Female };
enum class StaffCategory { FullTime, Substitute, PartTime, Administrative, Auxiliary, Worker };
enum class Education { Postgraduate, Bachelor, Associate, HighSchool, BelowHighSchool };
enum class Title { Senior2, Senior, First, Second, Third, Unranked };
enum class BackboneLevel { None, National, Provincial, City, County, School };
enum class Rotation { None, Out, In };
enum class Counsellor { None, FullTime, PartTime };
enum class OrganiserLevel { National, Provincial, City, County, School };
enum class BuildingCategory { TeachingAuxiliary, Administrative, Living, Other };
enum class BuildingUse {
    Classroom, SpecialistRoom, Lab, Library, ComputerRoom, IndoorSports, Counselling, OtherTeaching,
    Office, Dormitory, Canteen, OtherLiving, Other
};
enum class SafetyGrade { A, B, C, D };
enum class RoomKind { Music, Art, Multimedia, Lab, Computer, Library, Counselling, Other };
enum class GroundKind { Outdoor, Indoor };
enum class EquipmentCategory { Instrument, Other };
enum class YearStatus { Draft, Submitted };
enum class OperatorRole { Admin, Clerk };

// Labels per enum, in declaration order (index = underlying value).
template <class E> struct EnumLabels;

#define JH_ENUM_LABELS(E, ...)                                                   \
    template <> struct EnumLabels<E> {                                           \
        static constexpr auto labels = std::to_array<EnumLabel>({__VA_ARGS__});  \
    }

JH_ENUM_LABELS(SchoolType, {"primary", "小学", "primary school"}, {"junior", "初中", "junior secondary school"},
               {"nine_year", "九年一贯制", "nine-year school"}, {"twelve_year", "十二年一贯制", "twelve-year school"},
               {"complete_secondary", "完全中学", "complete secondary school"},
               {"teaching_point", "教学点", "teaching point"},
               {"special_education", "特殊教育学校", "special education school"});
JH_ENUM_LABELS(Location, {"urban", "城区", "urban"}, {"town", "镇区", "town"}, {"rural", "乡村", "rural"});
JH_ENUM_LABELS(Ownership, {"public", "公办", "public"}, {"funded_private", "政府购买学位民办", "government-funded private"},
               {"private", "民办", "private"});
JH_ENUM_LABELS(Stage, {"primary", "小学", "primary"}, {"junior", "初中", "junior secondary"},
               {"senior", "高中", "senior secondary"});
JH_ENUM_LABELS(Gender, {"male", "男", "male"}, {"female", "女", "female"});
JH_ENUM_LABELS(StaffCategory, {"full_time", "专任教师", "full-time teacher"}, {"substitute", "代课教师", "substitute teacher"},
               {"part_time", "兼任教师", "part-time teacher"}, {"administrative", "行政人员", "administrative staff"},
               {"auxiliary", "教辅人员", "teaching auxiliary staff"}, {"worker", "工勤人员", "service worker"});
JH_ENUM_LABELS(Education, {"postgraduate", "研究生", "postgraduate"}, {"bachelor", "本科", "bachelor"},
               {"associate", "专科", "associate degree"}, {"high_school", "高中阶段", "senior secondary"},
               {"below_high_school", "高中阶段以下", "below senior secondary"});
JH_ENUM_LABELS(Title, {"senior2", "正高级", "professor-level"}, {"senior", "高级", "senior"}, {"first", "一级", "first grade"},
               {"second", "二级", "second grade"}, {"third", "三级", "third grade"}, {"unranked", "未定级", "unranked"});
JH_ENUM_LABELS(BackboneLevel, {"none", "无", "none"}, {"national", "国家级", "national"}, {"provincial", "省级", "provincial"},
               {"city", "市级", "city"}, {"county", "县级", "county"}, {"school", "校级", "school"});
JH_ENUM_LABELS(Rotation, {"none", "未交流", "not rotated"}, {"out", "交流出", "rotated out"}, {"in", "交流入", "rotated in"});
JH_ENUM_LABELS(Counsellor, {"none", "否", "no"}, {"full_time", "专职", "full-time"}, {"part_time", "兼职", "part-time"});
JH_ENUM_LABELS(OrganiserLevel, {"national", "国家级", "national"}, {"provincial", "省级", "provincial"},
               {"city", "市级", "city"}, {"county", "县级", "county"}, {"school", "校级", "school"});
JH_ENUM_LABELS(BuildingCategory, {"teaching_auxiliary", "教学及辅助用房", "teaching and auxiliary rooms"},
               {"administrative", "行政办公用房", "administrative offices"}, {"living", "生活用房", "living quarters"},
               {"other", "其他用房", "other"});
JH_ENUM_LABELS(BuildingUse, {"classroom", "普通教室", "classroom"}, {"specialist_room", "专用教室", "specialist room"},
               {"lab", "实验室", "laboratory"}, {"library", "图书室", "library"}, {"computer_room", "计算机教室", "computer room"},
               {"indoor_sports", "室内体育用房", "indoor sports room"}, {"counselling", "心理辅导室", "counselling room"},
               {"other_teaching", "其他教学辅助用房", "other teaching/auxiliary"}, {"office", "行政办公室", "office"},
               {"dormitory", "学生宿舍", "dormitory"}, {"canteen", "食堂", "canteen"},
               {"other_living", "其他生活用房", "other living"}, {"other", "其他", "other"});
JH_ENUM_LABELS(SafetyGrade, {"A", "A级", "grade A"}, {"B", "B级", "grade B"}, {"C", "C级", "grade C"}, {"D", "D级", "grade D"});
JH_ENUM_LABELS(RoomKind, {"music", "音乐教室", "music room"}, {"art", "美术教室", "art room"},
               {"multimedia", "网络多媒体教室", "networked multimedia classroom"}, {"lab", "实验室", "laboratory"},
               {"computer", "计算机教室", "computer room"}, {"library", "图书室", "library"},
               {"counselling", "心理辅导室", "counselling room"}, {"other", "其他", "other"});
JH_ENUM_LABELS(GroundKind, {"outdoor", "室外运动场", "outdoor ground"}, {"indoor", "室内体育馆", "indoor sports hall"});
JH_ENUM_LABELS(EquipmentCategory, {"instrument", "教学仪器设备", "teaching/lab instrument"}, {"other", "其他", "other"});
JH_ENUM_LABELS(YearStatus, {"draft", "填报中", "draft"}, {"submitted", "已提交", "submitted"});
JH_ENUM_LABELS(OperatorRole, {"admin", "管理员", "administrator"}, {"clerk", "填报员", "clerk"});
#undef JH_ENUM_LABELS

template <class E> constexpr std::span<const EnumLabel> labels_of() { return EnumLabels<E>::labels; }
template <class E> constexpr const EnumLabel& label(E e) { return EnumLabels<E>::labels[static_cast<std::size_t>(e)]; }
template <class E> constexpr std::string_view code(E e) { return label(e).code; }
template <class E> constexpr std::string_view zh(E e) { return label(e).zh; }
template <class E> constexpr std::string_view en(E e) { return label(e).en; }

// Other words people write in their own sheets for a label (大专 for 专科), each with the code
// it stands for. Only parsing accepts them; the label is what is shown and exported.
struct EnumSynonym {
    std::string_view word;
    std::string_view code;
};
template <class E> struct EnumSynonyms {
    static constexpr std::array<EnumSynonym, 0> words{};
};
template <> struct EnumSynonyms<Education> {
    static constexpr auto words = std::to_array<EnumSynonym>({{"博士", "postgraduate"}, {"硕士", "postgraduate"},
                                                              {"大学本科", "bachelor"}, {"大专", "associate"},
                                                              {"大学专科", "associate"}, {"中专", "high_school"},
                                                              {"高中", "high_school"}, {"职高", "high_school"},
                                                              {"技校", "high_school"}, {"初中", "below_high_school"},
                                                              {"初中及以下", "below_high_school"}});
};

// Accepts the code, the Chinese or the English label, or a synonym.
template <class E> std::optional<E> parse_enum(std::string_view text) {
    const auto& all = EnumLabels<E>::labels;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (text == all[i].code || text == all[i].zh || text == all[i].en) return static_cast<E>(i);
    for (const auto& synonym : EnumSynonyms<E>::words)
        if (text == synonym.word) return parse_enum<E>(synonym.code);
    return std::nullopt;
}

// The building categories of the statistics forms, derived from a building's use.
constexpr BuildingCategory category_of(BuildingUse use) {
    switch (use) {
        case BuildingUse::Office: return BuildingCategory::Administrative;
        case BuildingUse::Dormitory:
        case BuildingUse::Canteen:
        case BuildingUse::OtherLiving: return BuildingCategory::Living;
        case BuildingUse::Other: return BuildingCategory::Other;
        default: return BuildingCategory::TeachingAuxiliary;
    }
}

// Stages a school type teaches (compulsory stages first).
std::span<const Stage> stages_of(SchoolType type);
// Number of grades in a stage (6 primary, 3 junior, 3 senior).
int grades_in(Stage stage);

}  // namespace jh::domain
