// The field tables of every record kind. Order here is the column order of CSV templates
// and SQL tables; keys are contracts (see fields.hpp).
#include "domain/fields.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <type_traits>

namespace jh::domain {
namespace {

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};

template <class M> struct member_kind {
    using type = M;
    static constexpr bool optional = false;
};
template <class M> struct member_kind<std::optional<M>> {
    using type = M;
    static constexpr bool optional = true;
};

template <class T> constexpr FieldType field_type_of() {
    if constexpr (std::is_same_v<T, bool>) return FieldType::Bool;
    else if constexpr (std::is_enum_v<T>) return FieldType::Enum;
    else if constexpr (std::is_integral_v<T>) return FieldType::Integer;
    else if constexpr (std::is_floating_point_v<T>) return FieldType::Real;
    else if constexpr (std::is_same_v<T, Date>) return FieldType::Date;
    else return FieldType::Text;
}

template <class T> Value to_value(const T& v) {
    if constexpr (std::is_same_v<T, bool>) return std::int64_t{v ? 1 : 0};
    else if constexpr (std::is_enum_v<T>) return std::string(code(v));
    else if constexpr (std::is_integral_v<T>) return static_cast<std::int64_t>(v);
    else if constexpr (std::is_floating_point_v<T>) return static_cast<double>(v);
    else if constexpr (std::is_same_v<T, Date>) return to_string(v);
    else return v;
}

template <class T> std::optional<T> from_value(const Value& v) {
    if constexpr (std::is_same_v<T, bool>) {
        if (auto i = std::get_if<std::int64_t>(&v); i && (*i == 0 || *i == 1)) return *i == 1;
    } else if constexpr (std::is_enum_v<T>) {
        if (auto s = std::get_if<std::string>(&v)) return parse_enum<T>(*s);
    } else if constexpr (std::is_integral_v<T>) {
        if (auto i = std::get_if<std::int64_t>(&v)) {
            if (*i < std::numeric_limits<T>::min() || *i > std::numeric_limits<T>::max()) return std::nullopt;
            return static_cast<T>(*i);
        }
    } else if constexpr (std::is_floating_point_v<T>) {
        if (auto d = std::get_if<double>(&v); d && std::isfinite(*d)) return *d;
        if (auto i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    } else if constexpr (std::is_same_v<T, Date>) {
        if (auto s = std::get_if<std::string>(&v)) return parse_date(*s);
    } else {
        if (auto s = std::get_if<std::string>(&v)) return *s;
    }
    return std::nullopt;
}

template <class R, class M>
Field<R> field(M R::*member, std::string_view key, std::string_view zh, std::string_view en) {
    using Kind = member_kind<M>;
    using T = typename Kind::type;
    std::span<const EnumLabel> labels;
    if constexpr (std::is_enum_v<T>) labels = labels_of<T>();
    return Field<R>{
        key, zh, en, field_type_of<T>(), Kind::optional, labels,
        [member](const R& r) -> Value {
            if constexpr (Kind::optional) {
                const auto& o = r.*member;
                return o ? to_value<T>(*o) : Value{};
            } else {
                return to_value<T>(r.*member);
            }
        },
        [member](R& r, const Value& v) -> bool {
            if (std::holds_alternative<std::monostate>(v)) {
                if constexpr (Kind::optional) {
                    r.*member = std::nullopt;
                    return true;
                }
                return false;
            }
            auto parsed = from_value<T>(v);
            if (!parsed) return false;
            r.*member = *parsed;
            return true;
        },
        false};
}

// A field added after the first release: files written before it may lack its column or key,
// and the record then keeps the member's default (see fields.hpp, `added_later`).
template <class R> Field<R> added_later(Field<R> f) {
    f.added_later = true;
    return f;
}

}  // namespace

#define JH_FIELDS(R, ...)                                              \
    const std::vector<Field<R>>& Entity<R>::fields() {                 \
        static const std::vector<Field<R>> all{__VA_ARGS__};           \
        return all;                                                    \
    }

JH_FIELDS(School, field(&School::code, "code", "学校标识码", "national school code"),
          field(&School::name, "name", "学校名称", "school name"),
          field(&School::county_code, "county_code", "县区代码", "county code"),
          field(&School::type, "type", "办学类型", "school type"),
          field(&School::location, "location", "城乡分类", "location"),
          field(&School::ownership, "ownership", "举办者类型", "ownership"),
          field(&School::boarding, "boarding", "寄宿制", "boarding"),
          field(&School::central_school_code, "central_school_code", "中心校标识码", "central school code"),
          field(&School::bureau_url, "bureau_url", "教育局地址", "bureau address"),
          added_later(field(&School::township_central, "township_central", "乡镇中心学校", "township central school")))

JH_FIELDS(SchoolYear, field(&SchoolYear::year, "year", "学年", "school year"),
          field(&SchoolYear::status, "status", "状态", "status"),
          field(&SchoolYear::pupils_confirmed, "pupils_confirmed", "学生数已确认", "pupils confirmed"),
          field(&SchoolYear::submitted_at, "submitted_at", "提交时间", "submitted at"),
          added_later(field(&SchoolYear::charter, "charter", "学校章程", "school charter")),
          added_later(field(&SchoolYear::digitised, "digitised", "管理和教学信息化", "digitised management and teaching")))

JH_FIELDS(ClassGroup, field(&ClassGroup::id, "id", "编号", "id"),
          field(&ClassGroup::year, "year", "学年", "school year"),
          field(&ClassGroup::stage, "stage", "学段", "stage"),
          field(&ClassGroup::grade, "grade", "年级", "grade"),
          field(&ClassGroup::number, "number", "班号", "class number"),
          field(&ClassGroup::pupils, "pupils", "学生数", "pupils"))

JH_FIELDS(GradeRoll, field(&GradeRoll::id, "id", "编号", "id"),
          field(&GradeRoll::year, "year", "学年", "school year"),
          field(&GradeRoll::stage, "stage", "学段", "stage"),
          field(&GradeRoll::grade, "grade", "年级", "grade"),
          field(&GradeRoll::pupils, "pupils", "在籍学生数", "registered pupils"),
          field(&GradeRoll::migrant, "migrant", "随迁子女", "migrant children"),
          field(&GradeRoll::left_behind, "left_behind", "留守儿童", "left-behind children"),
          field(&GradeRoll::disabled_in_regular, "disabled_in_regular", "随班就读残疾学生", "disabled pupils in regular classes"),
          field(&GradeRoll::disabled_other, "disabled_other", "其他残疾学生", "other disabled pupils"))

JH_FIELDS(Cohort, field(&Cohort::id, "id", "编号", "id"),
          field(&Cohort::year, "year", "学年", "school year"),
          field(&Cohort::stage, "stage", "学段", "stage"),
          field(&Cohort::entry_year, "entry_year", "入学年份", "entry year"),
          field(&Cohort::intake, "intake", "入学人数", "intake"),
          field(&Cohort::transferred_in, "transferred_in", "转入人数", "transferred in"),
          field(&Cohort::transferred_out, "transferred_out", "转出人数", "transferred out"),
          field(&Cohort::current, "current", "现有人数", "currently enrolled"))

JH_FIELDS(Staff, field(&Staff::id, "id", "编号", "id"),
          field(&Staff::year, "year", "学年", "school year"),
          field(&Staff::person_id, "person_id", "人员编号", "person id"),
          field(&Staff::name, "name", "姓名", "name"),
          field(&Staff::gender, "gender", "性别", "gender"),
          field(&Staff::birth_year, "birth_year", "出生年份", "birth year"),
          field(&Staff::stage, "stage", "任教学段", "stage taught"),
          field(&Staff::category, "category", "岗位类别", "category"),
          field(&Staff::education, "education", "最高学历", "education"),
          field(&Staff::title, "title", "专业技术职务", "professional title"),
          field(&Staff::subject, "subject", "任教学科", "subject"),
          field(&Staff::pe, "pe", "体育教师", "PE teacher"),
          field(&Staff::music, "music", "音乐教师", "music teacher"),
          field(&Staff::art, "art", "美术教师", "art teacher"),
          field(&Staff::backbone, "backbone", "骨干教师级别", "backbone level"),
          field(&Staff::backbone_year, "backbone_year", "骨干认定年份", "backbone year"),
          field(&Staff::certified, "certified", "教师资格证", "teacher certificate"),
          field(&Staff::rotation_eligible, "rotation_eligible", "应交流轮岗", "eligible for rotation"),
          field(&Staff::rotation, "rotation", "本年交流", "rotated this year"),
          field(&Staff::counsellor, "counsellor", "心理健康教师", "counsellor"))

JH_FIELDS(Training, field(&Training::id, "id", "编号", "id"),
          field(&Training::person_id, "person_id", "人员编号", "person id"),
          field(&Training::date, "date", "培训日期", "date"),
          field(&Training::hours, "hours", "学时", "hours"),
          field(&Training::organiser, "organiser", "组织级别", "organiser level"),
          field(&Training::topic, "topic", "培训内容", "topic"))

JH_FIELDS(Building, field(&Building::id, "id", "编号", "id"),
          field(&Building::year, "year", "学年", "school year"),
          field(&Building::name, "name", "名称", "name"),
          field(&Building::use, "use", "用途", "use"),
          field(&Building::area, "area", "建筑面积", "floor area (m²)"),
          field(&Building::safety, "safety", "安全等级", "safety grade"),
          field(&Building::built_year, "built_year", "建成年份", "year built"),
          field(&Building::stage, "stage", "所属学段", "stage"))

JH_FIELDS(Room, field(&Room::id, "id", "编号", "id"),
          field(&Room::year, "year", "学年", "school year"),
          field(&Room::kind, "kind", "类别", "kind"),
          field(&Room::name, "name", "名称", "name"),
          field(&Room::area, "area", "使用面积", "area (m²)"),
          field(&Room::stage, "stage", "所属学段", "stage"))

JH_FIELDS(Ground, field(&Ground::id, "id", "编号", "id"),
          field(&Ground::year, "year", "学年", "school year"),
          field(&Ground::name, "name", "名称", "name"),
          field(&Ground::kind, "kind", "类别", "kind"),
          field(&Ground::area, "area", "面积", "area (m²)"),
          field(&Ground::owned, "owned", "自有产权", "owned"),
          field(&Ground::stage, "stage", "所属学段", "stage"),
          added_later(field(&Ground::within_walk, "within_walk", "步行10分钟内可达", "within a 10-minute walk")))

JH_FIELDS(Equipment, field(&Equipment::id, "id", "编号", "id"),
          field(&Equipment::year, "year", "学年", "school year"),
          field(&Equipment::name, "name", "名称", "name"),
          field(&Equipment::category, "category", "类别", "category"),
          field(&Equipment::quantity, "quantity", "数量", "quantity"),
          field(&Equipment::unit_value, "unit_value", "单价", "unit value (yuan)"),
          field(&Equipment::book_value, "book_value", "账面原值", "book value (yuan)"),
          field(&Equipment::acquired, "acquired", "购置日期", "acquired"),
          field(&Equipment::disposed, "disposed", "报废日期", "disposed"),
          field(&Equipment::stage, "stage", "所属学段", "stage"))

JH_FIELDS(Funds, field(&Funds::id, "id", "编号", "id"),
          field(&Funds::year, "year", "学年", "school year"),
          field(&Funds::public_budget, "public_budget", "公用经费预算", "public-funds budget (yuan)"),
          field(&Funds::training_spending, "training_spending", "教师培训经费", "teacher-training spending (yuan)"),
          field(&Funds::special_ed_per_pupil, "special_ed_per_pupil", "特教生均公用经费", "special-education funds per pupil"),
          field(&Funds::funded_pupils, "funded_pupils", "公用经费核定学生数", "pupils funded"))

JH_FIELDS(Operator, field(&Operator::id, "id", "编号", "id"),
          field(&Operator::name, "name", "姓名", "name"),
          field(&Operator::role, "role", "角色", "role"),
          field(&Operator::pin_hash, "pin_hash", "PIN", "PIN hash"),
          field(&Operator::active, "active", "启用", "active"))
#undef JH_FIELDS

template <> std::vector<ClassGroup>& records_of<ClassGroup>(SchoolData& d) { return d.classes; }
template <> std::vector<GradeRoll>& records_of<GradeRoll>(SchoolData& d) { return d.grades; }
template <> std::vector<Cohort>& records_of<Cohort>(SchoolData& d) { return d.cohorts; }
template <> std::vector<Staff>& records_of<Staff>(SchoolData& d) { return d.staff; }
template <> std::vector<Training>& records_of<Training>(SchoolData& d) { return d.training; }
template <> std::vector<Building>& records_of<Building>(SchoolData& d) { return d.buildings; }
template <> std::vector<Room>& records_of<Room>(SchoolData& d) { return d.rooms; }
template <> std::vector<Ground>& records_of<Ground>(SchoolData& d) { return d.grounds; }
template <> std::vector<Equipment>& records_of<Equipment>(SchoolData& d) { return d.equipment; }
template <> std::vector<Funds>& records_of<Funds>(SchoolData& d) { return d.funds; }

std::string format_number(double value) {
    // Shortest representation that reads back exactly (%.17g would print 0.1 as 0.10000000000000001).
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
    if (ec != std::errc{}) return std::to_string(value);
    return std::string(buf, end);
}

std::string display(FieldType type, std::span<const EnumLabel> enum_labels, const Value& value) {
    if (std::holds_alternative<std::monostate>(value)) return {};
    switch (type) {
        case FieldType::Bool: return std::get<std::int64_t>(value) ? "是" : "否";
        case FieldType::Enum: {
            const auto& c = std::get<std::string>(value);
            for (const auto& l : enum_labels)
                if (l.code == c) return std::string(l.zh);
            return c;
        }
        case FieldType::Real:
            if (auto d = std::get_if<double>(&value)) return format_number(*d);
            return std::to_string(std::get<std::int64_t>(value));
        case FieldType::Integer: return std::to_string(std::get<std::int64_t>(value));
        case FieldType::Text:
        case FieldType::Date: return std::get<std::string>(value);
    }
    return {};
}

}  // namespace jh::domain
