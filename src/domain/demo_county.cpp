// The demo county (see demo.hpp): which school stands at each index, its code, name and size.
// Everything is a pure function of (county code, index, seed), so the bureau's `demo` and a
// province load test can make school 17,342's shape without making the others.
//
// The mix follows what a county in central China reports: about 45% small village primary
// schools (one class per grade, some two), 20% teaching points (教学点: the lower grades, tiny,
// often in mixed-grade classes), 15% junior schools, 10% nine-year schools and 10% large town
// or county-seat schools.
#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include "domain/demo.hpp"
#include "domain/demo_random.hpp"

namespace jh::domain {
namespace {

using demo_detail::derive_seed;
using demo_detail::Random;

enum class Kind { SmallPrimary, TeachingPoint, Junior, NineYear, Large };

// One block of 20 indexes: 9 + 4 + 3 + 2 + 2 (45/20/15/10/10%).
constexpr std::array<Kind, 20> kBlock = {
    Kind::SmallPrimary, Kind::SmallPrimary, Kind::SmallPrimary, Kind::SmallPrimary, Kind::SmallPrimary,
    Kind::SmallPrimary, Kind::SmallPrimary, Kind::SmallPrimary, Kind::SmallPrimary, Kind::TeachingPoint,
    Kind::TeachingPoint, Kind::TeachingPoint, Kind::TeachingPoint, Kind::Junior, Kind::Junior,
    Kind::Junior, Kind::NineYear, Kind::NineYear, Kind::Large, Kind::Large};

// Salts keeping the draws about one index apart from each other.
enum Salt : std::uint64_t { kOrder = 1, kTown, kLarge, kSize, kNames };

Kind kind_at(int index, std::uint64_t seed) {
    const int block = index / 20;
    auto order = kBlock;
    Random rng(derive_seed(seed, kOrder, static_cast<std::uint64_t>(block)));
    for (std::size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[rng.next() % (i + 1)]);
    if (block == 0) std::swap(order[0], *std::find(order.begin(), order.end(), Kind::Large));   // the county seat's school
    return order[static_cast<std::size_t>(index % 20)];
}

// What a large school is: a primary school (45%), a junior school (40%) or a complete
// secondary school (15%); in the county seat (urban) or a town.
struct LargeKind {
    SchoolType type;
    Location location;
};
LargeKind large_kind(int index, std::uint64_t seed) {
    if (index == 0) return {SchoolType::Primary, Location::Urban};
    Random rng(derive_seed(seed, kLarge, static_cast<std::uint64_t>(index)));
    const double r = rng.unit();
    const SchoolType type = r < 0.45 ? SchoolType::Primary : r < 0.85 ? SchoolType::Junior : SchoolType::CompleteSecondary;
    return {type, rng.chance(0.5) ? Location::Urban : Location::Town};
}

bool has_primary(int index, std::uint64_t seed) {
    switch (kind_at(index, seed)) {
        case Kind::SmallPrimary:
        case Kind::NineYear: return true;
        case Kind::Large: return large_kind(index, seed).type == SchoolType::Primary;
        default: return false;
    }
}

constexpr std::array kTowns = {"城关镇", "堃溪镇", "龙泉镇", "长岭镇", "新田镇", "石桥镇", "凤凰镇",
                               "黄坑乡", "高云山乡", "双芫乡", "车头镇", "孔田镇", "鹤子镇", "三百山镇",
                               "欣山镇", "版石镇", "天心镇", "重石乡", "蔡坊乡", "塘村乡"};

// The town a school stands in; the county seat's schools stand in 城关镇.
int town_at(int index, std::uint64_t seed) {
    const Kind kind = kind_at(index, seed);
    if (kind == Kind::Large && large_kind(index, seed).location == Location::Urban) return 0;
    Random rng(derive_seed(seed, kTown, static_cast<std::uint64_t>(index)));
    return static_cast<int>(rng.next() % kTowns.size());
}

// A teaching point's central school: the nearest lower index with a primary stage in the
// same town, else the nearest lower one anywhere (index 0 has one, so there always is one).
int central_school_of(int index, std::uint64_t seed) {
    const int town = town_at(index, seed);
    for (int j = index - 1; j >= std::max(0, index - 400); --j)
        if (has_primary(j, seed) && town_at(j, seed) == town) return j;
    for (int j = index - 1; j >= 0; --j)
        if (has_primary(j, seed)) return j;
    return 0;
}

// Place names: a first and a second character, 100 × 100, so the 9,999 schools of a county
// each get their own (an affine permutation of the index spreads them).
constexpr std::array<const char*, 100> kPlaceFirst = {
    "琰", "堃", "凤", "龙", "石", "青", "白", "金", "黄", "桃", "松", "柏", "梅", "竹", "兰", "杨", "柳", "枫", "云", "清",
    "新", "东", "西", "南", "北", "上", "下", "大", "小", "高", "长", "双", "红", "安", "太", "永", "和", "平", "福", "丰",
    "鹤", "莲", "荷", "茶", "杉", "樟", "栗", "麻", "官", "马", "牛", "羊", "鸡", "雁", "燕", "鹿", "虎", "狮", "象", "鱼",
    "水", "火", "土", "沙", "泥", "田", "禾", "稻", "麦", "谷", "银", "铜", "铁", "玉", "珠", "宝", "彩", "紫", "绿", "翠",
    "古", "老", "中", "后", "前", "左", "右", "三", "五", "九", "千", "万", "仁", "义", "礼", "智", "信", "德", "喆", "燚"};
constexpr std::array<const char*, 100> kPlaceSecond = {
    "山", "溪", "田", "坑", "岭", "坪", "塘", "背", "坝", "湾", "口", "陂", "源", "洲", "桥", "岗", "冈", "林", "圳", "峰",
    "岩", "洞", "垅", "排", "畲", "寨", "埠", "港", "滩", "湖", "潭", "沟", "谷", "坳", "峡", "墩", "岐", "垇", "江", "河",
    "泉", "井", "池", "堰", "堤", "岸", "渡", "头", "尾", "角", "嘴", "岔", "坂", "垄", "垌", "埔", "坡", "崖", "峪", "岙",
    "屋", "堂", "院", "楼", "阁", "亭", "台", "寺", "庙", "观", "庵", "铺", "店", "市", "街", "巷", "里", "坊", "营", "屯",
    "园", "圃", "场", "地", "坵", "垦", "丘", "墟", "集", "关", "门", "城", "堡", "垣", "岛", "渚", "汀", "浦", "湄", "澳"};

std::string place_at(int index, std::uint64_t seed) {
    Random rng(derive_seed(seed, kNames, 0));
    // k = a·index + b mod 10,000 with a prime to 10,000: a permutation of the indexes.
    std::uint64_t a = rng.next() % 10000;
    while (a % 2 == 0 || a % 5 == 0) a = (a + 1) % 10000;
    const std::uint64_t b = rng.next() % 10000;
    const std::uint64_t k = (a * static_cast<std::uint64_t>(index) + b) % 10000;
    return std::string(kPlaceFirst[k / 100]) + kPlaceSecond[k % 100];
}

constexpr std::array kCountyNames = {"安远县", "崇义县", "寻乌县", "石城县", "全南县", "龙南县", "定南县", "上犹县",
                                     "宜丰县", "铜鼓县", "靖安县", "奉新县", "万载县", "黎川县", "资溪县", "广昌县"};

std::string county_name(std::string_view county_code) {
    if (county_code == kDemoCountyCode) return "安远县";   // the demo school's county
    std::uint64_t h = 1469598103934665603ull;
    for (char c : county_code) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return kCountyNames[h % kCountyNames.size()];
}

void check_county(std::string_view county_code) {
    if (county_code.size() != 6 || !std::all_of(county_code.begin(), county_code.end(), [](char c) { return c >= '0' && c <= '9'; }))
        throw std::invalid_argument("demo county: the county code '" + std::string(county_code) + "' must be 6 digits");
}
void check_index(int index) {
    if (index < 0 || index >= kMaxDemoCountySchools)
        throw std::invalid_argument("demo county: school index " + std::to_string(index) + " outside 0–" +
                                    std::to_string(kMaxDemoCountySchools - 1));
}

}  // namespace

std::string demo_school_code(std::string_view county_code, int index) {
    check_county(county_code);
    check_index(index);
    std::string serial = std::to_string(index + 1);
    return std::string(county_code) + std::string(4 - serial.size(), '0') + serial;
}

std::uint64_t demo_county_school_seed(std::uint64_t seed, int index) {
    return derive_seed(seed, kSize + 100, static_cast<std::uint64_t>(index));
}

DemoShape demo_county_shape(std::string_view county_code, int index, std::uint64_t seed) {
    check_county(county_code);
    check_index(index);
    DemoShape s;
    s.county_code = std::string(county_code);
    const std::string county = county_name(county_code);
    const std::string town = kTowns[static_cast<std::size_t>(town_at(index, seed))];
    const std::string place = place_at(index, seed);
    Random rng(derive_seed(seed, kSize, static_cast<std::uint64_t>(index)));
    // A class-size range: the smallest drawn from [lo, lo + spread], the largest `width` above.
    auto sizes = [&](int lo, int spread, int width_lo, int width_hi) {
        const int smallest = rng.between(lo, lo + spread);
        const int largest = smallest + rng.between(width_lo, width_hi);
        return std::pair{smallest, largest};
    };
    switch (kind_at(index, seed)) {
        case Kind::SmallPrimary: {
            s.type = SchoolType::Primary;
            s.location = Location::Rural;
            s.boarding = rng.chance(0.2);
            const int classes = rng.chance(0.8) ? 1 : 2;
            const auto [lo, hi] = classes == 1 ? sizes(8, 22, 4, 12) : sizes(25, 10, 4, 10);
            s.primary = DemoStage{classes, lo, hi};
            s.name = county + town + place + "小学";
            break;
        }
        case Kind::TeachingPoint: {
            s.type = SchoolType::TeachingPoint;
            s.location = Location::Rural;
            s.primary_grades = rng.between(2, 4);
            s.mixed_grades = rng.chance(0.5);
            const auto [lo, hi] = s.mixed_grades ? sizes(2, 6, 2, 8) : sizes(4, 10, 3, 10);
            s.primary = DemoStage{!s.mixed_grades && rng.chance(0.1) ? 2 : 1, lo, hi};
            s.central_school_code = demo_school_code(county_code, central_school_of(index, seed));
            s.name = county + town + place + "村教学点";
            break;
        }
        case Kind::Junior: {
            s.type = SchoolType::Junior;
            s.location = rng.chance(0.6) ? Location::Rural : Location::Town;
            s.boarding = rng.chance(0.8);
            const auto [lo, hi] = sizes(35, 10, 3, 8);
            s.junior = DemoStage{rng.between(2, 5), lo, hi};
            s.name = county + town + place + "中学";
            break;
        }
        case Kind::NineYear: {
            s.type = SchoolType::NineYear;
            s.location = rng.chance(0.7) ? Location::Rural : Location::Town;
            s.boarding = rng.chance(0.7);
            const auto [plo, phi] = sizes(20, 15, 4, 10);
            s.primary = DemoStage{rng.between(1, 3), plo, phi};
            const auto [jlo, jhi] = sizes(35, 10, 3, 7);
            s.junior = DemoStage{rng.between(1, 3), jlo, jhi};
            s.name = county + town + place + "九年一贯制学校";
            break;
        }
        case Kind::Large: {
            const LargeKind large = large_kind(index, seed);
            s.type = large.type;
            s.location = large.location;
            const bool urban = large.location == Location::Urban;
            const std::string where = urban ? county : county + town;
            if (index == 0) {
                s.primary = DemoStage{8, 42, 48};
                s.township_central = true;
                s.name = county + "城关镇中心小学";
            } else if (large.type == SchoolType::Primary) {
                const auto [lo, hi] = sizes(38, 7, 2, 8);
                s.primary = DemoStage{rng.between(4, 10), lo, hi};
                s.township_central = !urban;
                s.name = where + place + (urban ? "实验小学" : "中心小学");
            } else if (large.type == SchoolType::Junior) {
                const auto [lo, hi] = sizes(42, 6, 3, 8);
                s.junior = DemoStage{rng.between(6, 14), lo, hi};
                s.boarding = !urban && rng.chance(0.6);
                s.name = where + place + "中学";
            } else {
                const auto [jlo, jhi] = sizes(42, 6, 3, 8);
                s.junior = DemoStage{rng.between(6, 10), jlo, jhi};
                const auto [slo, shi] = sizes(45, 5, 2, 6);
                s.senior = DemoStage{rng.between(6, 10), slo, shi};
                s.boarding = rng.chance(0.7);
                s.name = where + place + "中学";
            }
            break;
        }
    }
    return s;
}

std::vector<DemoCountySchool> demo_county(int schools, const std::string& county_code, int year, std::uint64_t seed) {
    if (schools < 1 || schools > kMaxDemoCountySchools)
        throw std::invalid_argument("demo county: " + std::to_string(schools) + " schools, not 1–" +
                                    std::to_string(kMaxDemoCountySchools));
    std::vector<DemoCountySchool> out;
    out.reserve(static_cast<std::size_t>(schools));
    for (int i = 0; i < schools; ++i)
        out.push_back(DemoCountySchool{demo_school_code(county_code, i), demo_county_shape(county_code, i, seed),
                                       demo_county_school_seed(seed, i), year});
    return out;
}

SchoolData make_demo_school(const DemoCountySchool& school) {
    return make_demo_school(school.code, school.year, school.shape, school.seed);
}

}  // namespace jh::domain
