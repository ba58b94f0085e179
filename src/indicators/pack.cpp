// Reads rule packs: applies each overlay to the pack it inherits (objects merge key by key,
// everything else is replaced), remembers which file set each key, then reads the merged
// pack strictly so every problem names the file that caused it.
#include "indicators/pack.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace jh::indicators {

domain::Date school_year_start(int year) { return {year, 9, 1}; }

namespace {
const Threshold::Step* step_in(const Threshold& t, int year) {
    const Threshold::Step* current = nullptr;
    for (const auto& step : t.steps)
        if (step.from <= year) current = &step;
    return current;
}
}  // namespace

std::optional<double> Threshold::at(int year) const {
    const Step* step = step_in(*this, year);
    if (!step || (step->until && *step->until < school_year_start(year))) return std::nullopt;
    return step->value;
}

std::optional<domain::Date> Threshold::ended(int year) const {
    const Step* step = step_in(*this, year);
    if (step && step->until && *step->until < school_year_start(year)) return step->until;
    return std::nullopt;
}

bool in_force(const RulePack& pack, int year) { return !pack.valid_until || *pack.valid_until >= school_year_start(year); }

const RulePack& rules_in_force(const RulePack& pack, int year) {
    const RulePack* p = &pack;
    while (!in_force(*p, year)) {
        if (!p->inherited)
            throw domain::Rejected({"标准包 " + pack.id + " 在 " + std::to_string(year) + " 学年已不再执行，且没有仍在执行的上级标准",
                                    "rule pack " + pack.id + " is no longer in force in " + std::to_string(year) +
                                        " and inherits no pack that is"});
        p = p->inherited.get();
    }
    return *p;
}

std::optional<int> Threshold::first_year() const {
    for (const auto& step : steps)
        if (step.value) return step.from;
    return std::nullopt;
}

namespace {

using json = nlohmann::json;
using domain::Rejected;

// Which file set each key of a merged pack, by JSON-pointer path.
using Origins = std::map<std::string, std::string>;

bool is_list_of_items(const json& value) {
    return value.is_array() && std::all_of(value.begin(), value.end(), [](const json& e) {
        return e.is_object() && e.contains("id") && e["id"].is_string();
    });
}

// Lists of items (objects with an "id") grow: an overlay item replaces the inherited one with
// the same id, others are appended.
void merge_items(json& base, const json& overlay, const std::string& file, const std::string& at, Origins& origins) {
    for (const auto& item : overlay) {
        auto same = std::find_if(base.begin(), base.end(), [&](const json& e) { return e["id"] == item["id"]; });
        const auto index = static_cast<std::size_t>(same - base.begin());
        if (same == base.end()) base.push_back(item);
        else *same = item;
        origins[at + "/" + std::to_string(index)] = file;
    }
}

void merge(json& base, const json& overlay, const std::string& file, const std::string& path, Origins& origins) {
    for (const auto& [key, value] : overlay.items()) {
        const std::string at = path + "/" + key;
        if (value.is_object() && base.contains(key) && base[key].is_object()) {
            merge(base[key], value, file, at, origins);
            continue;
        }
        if (is_list_of_items(value) && base.contains(key) && is_list_of_items(base[key])) {
            merge_items(base[key], value, file, at, origins);
            continue;
        }
        base[key] = value;
        origins.erase(origins.lower_bound(at + "/"), origins.lower_bound(at + "0"));  // '0' follows '/'
        origins[at] = file;
    }
}

// Strict reading of one (merged) pack: every key known, every type right, nothing missing.
class Reader {
public:
    Reader(const Origins& origins, std::string pack_file) : origins_(origins), pack_file_(std::move(pack_file)) {}

    [[noreturn]] void fail(const std::string& path, const std::string& zh, const std::string& en) const {
        const std::string file = origin(path);
        throw Rejected({"标准包 " + file + "：键 " + path + " " + zh, "rule pack " + file + ": key " + path + ": " + en});
    }

    const json& field(const json& object, std::string_view key, const std::string& path) const {
        const std::string at = path + "/" + std::string(key);
        if (!object.contains(key))
            fail(at, "缺失（本包及其继承的标准包均未设置）", "missing (set neither in this pack nor in the packs it inherits)");
        return object.at(key);
    }

    void only_keys(const json& object, const std::string& path, std::initializer_list<std::string_view> known) const {
        if (!object.is_object()) fail(path, "应为对象", "expected an object");
        for (const auto& [key, value] : object.items())
            if (std::find(known.begin(), known.end(), key) == known.end())
                fail(path + "/" + key, "是未知的键", "unknown key");
    }

    const json& object(const json& parent, std::string_view key, const std::string& path,
                       std::initializer_list<std::string_view> known) const {
        const json& value = field(parent, key, path);
        only_keys(value, path + "/" + std::string(key), known);
        return value;
    }

    double number(const json& parent, std::string_view key, const std::string& path) const {
        const json& value = field(parent, key, path);
        const std::string at = path + "/" + std::string(key);
        if (!value.is_number()) fail(at, "应为数字", "expected a number");
        const double v = value.get<double>();
        if (!std::isfinite(v) || v < 0) fail(at, "应为非负数", "expected a non-negative number");
        return v;
    }

    int integer(const json& parent, std::string_view key, const std::string& path) const {
        const json& value = field(parent, key, path);
        if (!value.is_number_integer() || value.get<long long>() < 0 || value.get<long long>() > 1'000'000)
            fail(path + "/" + std::string(key), "应为非负整数", "expected a whole number ≥ 0");
        return value.get<int>();
    }

    std::optional<int> optional_integer(const json& parent, std::string_view key, const std::string& path) const {
        if (field(parent, key, path).is_null()) return std::nullopt;
        return integer(parent, key, path);
    }

    bool boolean(const json& parent, std::string_view key, const std::string& path) const {
        const json& value = field(parent, key, path);
        if (!value.is_boolean()) fail(path + "/" + std::string(key), "应为 true 或 false", "expected true or false");
        return value.get<bool>();
    }

    std::string text(const json& parent, std::string_view key, const std::string& path) const {
        const json& value = field(parent, key, path);
        if (!value.is_string() || value.get<std::string>().empty())
            fail(path + "/" + std::string(key), "应为非空文本", "expected non-empty text");
        return value.get<std::string>();
    }

    Message message(const json& parent, std::string_view key, const std::string& path) const {
        const json& value = object(parent, key, path, {"zh", "en"});
        const std::string at = path + "/" + std::string(key);
        return {text(value, "zh", at), text(value, "en", at)};
    }

    // A string that names one of `choices` (code → value).
    template <class E>
    E choice(const json& parent, std::string_view key, const std::string& path,
             std::initializer_list<std::pair<std::string_view, E>> choices) const {
        const std::string value = text(parent, key, path);
        for (const auto& [name, e] : choices)
            if (value == name) return e;
        std::string names;
        for (const auto& c : choices) names += (names.empty() ? "" : ", ") + std::string(c.first);
        fail(path + "/" + std::string(key), "应为以下之一：" + names, "expected one of: " + names);
    }

    // An enum of the domain model by its stable code.
    template <class E> E code(const json& parent, std::string_view key, const std::string& path) const {
        const std::string value = text(parent, key, path);
        for (const auto& label : domain::labels_of<E>())
            if (label.code == value) return *domain::parse_enum<E>(label.code);
        fail(path + "/" + std::string(key), "不是已知的取值：" + value, "unknown value '" + value + "'");
    }

    // A number (always in force), null (never), or [{"from": year, "value": number|null}, …].
    Threshold threshold(const json& parent, std::string_view key, const std::string& path) const {
        const json& value = field(parent, key, path);
        const std::string at = path + "/" + std::string(key);
        if (value.is_null()) return {};
        if (value.is_number()) return Threshold::always(number(parent, key, path));
        if (!value.is_array() || value.empty())
            fail(at, "应为数字、null 或按年份的 [{from, value}] 列表", "expected a number, null or a list of {from, value} steps");
        Threshold t;
        for (std::size_t i = 0; i < value.size(); ++i) {
            const std::string step_at = at + "/" + std::to_string(i);
            only_keys(value[i], step_at, {"from", "value", "until"});
            Threshold::Step step{integer(value[i], "from", step_at), std::nullopt, std::nullopt};
            if (value[i].contains("until")) step.until = date(value[i], "until", step_at);
            if (!value[i].contains("value")) field(value[i], "value", step_at);
            if (!value[i]["value"].is_null()) step.value = number(value[i], "value", step_at);
            if (!t.steps.empty() && step.from <= t.steps.back().from)
                fail(step_at + "/from", "年份应递增", "years must increase");
            t.steps.push_back(step);
        }
        return t;
    }

    // A calendar date written "YYYY-MM-DD".
    domain::Date date(const json& parent, std::string_view key, const std::string& path) const {
        const std::string value = text(parent, key, path);
        const auto d = domain::parse_date(value);
        if (!d || value.size() != 10) fail(path + "/" + std::string(key), "应为 YYYY-MM-DD 格式的日期", "expected a date YYYY-MM-DD");
        return *d;
    }

    bool optional_boolean(const json& parent, std::string_view key, const std::string& path) const {
        return parent.contains(key) && boolean(parent, key, path);
    }

    template <class T, class F> PerStage<T> per_stage(const json& parent, std::string_view key, const std::string& path, F read) const {
        const json& value = object(parent, key, path, {"primary", "junior"});
        const std::string at = path + "/" + std::string(key);
        return {read(value, "primary", at), read(value, "junior", at)};
    }

    PerStage<Threshold> stage_thresholds(const json& parent, std::string_view key, const std::string& path) const {
        return per_stage<Threshold>(parent, key, path,
                                    [this](const json& o, std::string_view k, const std::string& p) { return threshold(o, k, p); });
    }

private:
    std::string origin(const std::string& path) const {
        for (std::string p = path;; p.erase(p.rfind('/'))) {
            if (auto it = origins_.find(p); it != origins_.end()) return it->second;
            if (p.empty()) return pack_file_;
        }
    }

    const Origins& origins_;
    std::string pack_file_;
};

Settings read_settings(const Reader& r, const json& pack) {
    const std::string at = "/settings";
    const json& s = r.object(pack, "settings", "", {"shared_split", "stage_weights", "teaching_points", "teaching_point_min_pupils",
                                                    "indoor_sports_in_r4", "rented_grounds_in_r5", "rented_grounds_within_walk",
                                                    "backbone_min_level", "required_education"});
    Settings out;
    out.shared_split = r.choice<SharedSplit>(s, "shared_split", at,
                                             {{"student_share", SharedSplit::StudentShare}, {"weighted_share", SharedSplit::WeightedShare}});
    const json& w = r.object(s, "stage_weights", at, {"primary", "junior", "senior"});
    out.stage_weights = {r.number(w, "primary", at + "/stage_weights"), r.number(w, "junior", at + "/stage_weights"),
                         r.number(w, "senior", at + "/stage_weights")};
    out.teaching_points = r.choice<TeachingPoints>(s, "teaching_points", at,
                                                   {{"own_unit", TeachingPoints::OwnUnit},
                                                    {"merge_into_central", TeachingPoints::MergeIntoCentral}});
    out.teaching_point_min_pupils = r.integer(s, "teaching_point_min_pupils", at);
    out.indoor_sports_in_r4 = r.boolean(s, "indoor_sports_in_r4", at);
    out.rented_grounds_in_r5 = r.boolean(s, "rented_grounds_in_r5", at);
    out.rented_grounds_within_walk = r.boolean(s, "rented_grounds_within_walk", at);
    out.backbone_min_level = r.code<domain::BackboneLevel>(s, "backbone_min_level", at);
    out.required_education = r.per_stage<domain::Education>(
        s, "required_education", at,
        [&r](const json& o, std::string_view k, const std::string& p) { return r.code<domain::Education>(o, k, p); });
    return out;
}

ResourceRules read_resources(const Reader& r, const json& pack) {
    const json& res = r.object(pack, "resources", "", {"min_met", "floor_ratio", "thresholds"});
    ResourceRules out;
    out.min_met = r.integer(res, "min_met", "/resources");
    if (out.min_met > static_cast<int>(kResourceCount)) r.fail("/resources/min_met", "不能超过 7", "cannot exceed 7");
    out.floor_ratio = r.number(res, "floor_ratio", "/resources");
    const json& thresholds = r.object(res, "thresholds", "/resources", {"primary", "junior"});
    for (Stage stage : kCompulsoryStages) {
        const std::string name(domain::code(stage));
        const std::string at = "/resources/thresholds/" + name;
        const json& per = r.object(thresholds, name, "/resources/thresholds", {"R1", "R2", "R3", "R4", "R5", "R6", "R7"});
        for (std::size_t i = 0; i < kResourceCount; ++i) {
            std::string id = "R";   // built in two steps: GCC 12 misreports "R" + to_string(…) (-Wrestrict)
            id += std::to_string(i + 1);
            out.thresholds[stage][i] = r.threshold(per, id, at);
        }
    }
    return out;
}

CountyRules read_county(const Reader& r, const json& pack) {
    const json& c = r.object(pack, "county", "", {"cv_limit", "borderline"});
    CountyRules out;
    out.cv_limit = r.per_stage<double>(c, "cv_limit", "/county",
                                       [&r](const json& o, std::string_view k, const std::string& p) { return r.number(o, k, p); });
    out.borderline = r.number(c, "borderline", "/county");
    return out;
}

ItemRules read_items(const Reader& r, const json& pack) {
    const json& items = r.object(pack, "items", "", {"G3", "G4", "G5", "G6", "G7", "G9", "G11", "G12", "G15", "Q1", "Q4"});
    ItemRules out;
    const std::string at = "/items";
    const json& g3 = r.object(items, "G3", at, {"classes_per_room", "music_min_area", "art_min_area", "area_allowance", "exempt_rural_below_pupils"});
    out.g3 = {r.integer(g3, "classes_per_room", at + "/G3"), r.threshold(g3, "music_min_area", at + "/G3"),
              r.threshold(g3, "art_min_area", at + "/G3"), r.number(g3, "area_allowance", at + "/G3"),
              r.optional_integer(g3, "exempt_rural_below_pupils", at + "/G3")};
    if (out.g3.classes_per_room == 0) r.fail(at + "/G3/classes_per_room", "应大于 0", "must be greater than 0");
    const json& g4 = r.object(items, "G4", at, {"single_stage_max", "multi_stage_max"});
    out.g4 = {r.threshold(g4, "single_stage_max", at + "/G4"), r.threshold(g4, "multi_stage_max", at + "/G4")};
    const json& g5 = r.object(items, "G5", at, {"max", "starting_grade_max"});
    out.g5 = {r.stage_thresholds(g5, "max", at + "/G5"), r.stage_thresholds(g5, "starting_grade_max", at + "/G5")};
    const json& g6 = r.object(items, "G6", at, {"below_pupils", "min_funded_pupils"});
    out.g6 = {r.integer(g6, "below_pupils", at + "/G6"), r.integer(g6, "min_funded_pupils", at + "/G6")};
    const json& g7 = r.object(items, "G7", at, {"min_per_pupil"});
    out.g7 = {r.threshold(g7, "min_per_pupil", at + "/G7")};
    const json& g9 = r.object(items, "G9", at, {"cycle_start_year", "cycle_years", "hours"});
    out.g9 = {r.integer(g9, "cycle_start_year", at + "/G9"), r.integer(g9, "cycle_years", at + "/G9"), r.number(g9, "hours", at + "/G9")};
    if (out.g9.cycle_years == 0) r.fail(at + "/G9/cycle_years", "应大于 0", "must be greater than 0");
    const json& g11 = r.object(items, "G11", at, {"rotation_rate", "backbone_share"});
    out.g11 = {r.threshold(g11, "rotation_rate", at + "/G11"), r.threshold(g11, "backbone_share", at + "/G11")};
    out.g12 = {r.threshold(r.object(items, "G12", at, {"certified_rate"}), "certified_rate", at + "/G12")};
    out.g15 = {r.threshold(r.object(items, "G15", at, {"public_share"}), "public_share", at + "/G15")};
    out.q1 = {r.stage_thresholds(r.object(items, "Q1", at, {"retention"}), "retention", at + "/Q1")};
    out.q4 = {r.threshold(r.object(items, "Q4", at, {"training_share"}), "training_share", at + "/Q4")};
    return out;
}

LocalRule read_local_rule(const Reader& r, const json& item, const std::string& at) {
    const std::string kind = r.text(item, "kind", at);
    if (kind == "counsellors_per_pupils") {
        r.only_keys(item, at, {"id", "name", "kind", "information", "per_pupils", "only"});
        CounsellorsPerPupils rule{r.threshold(item, "per_pupils", at), std::nullopt};
        if (!r.field(item, "only", at).is_null()) rule.only = r.code<domain::Counsellor>(item, "only", at);
        return rule;
    }
    if (kind == "full_time_counsellor") {
        r.only_keys(item, at, {"id", "name", "kind", "information", "locations", "township_central"});
        const json& list = r.field(item, "locations", at);
        if (!list.is_array()) r.fail(at + "/locations", "应为列表", "expected a list");
        FullTimeCounsellor rule;
        for (std::size_t i = 0; i < list.size(); ++i) {
            json holder{{"location", list[i]}};
            rule.locations.push_back(r.code<domain::Location>(holder, "location", at + "/locations/" + std::to_string(i)));
        }
        rule.township_central = r.optional_boolean(item, "township_central", at);
        return rule;
    }
    if (kind == "education_rate") {
        r.only_keys(item, at, {"id", "name", "kind", "information", "min_education", "rate"});
        return EducationRate{r.code<domain::Education>(item, "min_education", at), r.threshold(item, "rate", at)};
    }
    if (kind == "c_grade_buildings") {
        r.only_keys(item, at, {"id", "name", "kind", "information", "max_area"});
        return CGradeBuildings{r.threshold(item, "max_area", at)};
    }
    if (kind == "teachers_per_class") {
        r.only_keys(item, at, {"id", "name", "kind", "information", "ratio", "below_pupils"});
        return TeachersPerClass{r.stage_thresholds(item, "ratio", at), r.integer(item, "below_pupils", at)};
    }
    r.fail(at + "/kind", "是未知的地方项目类型：" + kind,
           "unknown local item kind '" + kind +
               "' (known: counsellors_per_pupils, full_time_counsellor, education_rate, c_grade_buildings, teachers_per_class)");
}

template <class T, class F> std::vector<T> read_list(const Reader& r, const json& pack, std::string_view key, F read_one) {
    const json& list = r.field(pack, key, "");
    std::string at = "/";   // built in two steps: GCC 12 misreports "/" + string (-Wrestrict)
    at += key;
    if (!list.is_array()) r.fail(at, "应为列表", "expected a list");
    std::vector<T> out;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string item_at = at + "/" + std::to_string(i);
        if (!list[i].is_object()) r.fail(item_at, "应为对象", "expected an object");
        T item = read_one(list[i], item_at);
        if (!ids.insert(item.id).second) r.fail(item_at + "/id", "重复：" + item.id, "duplicate id '" + item.id + "'");
        out.push_back(std::move(item));
    }
    return out;
}

RulePack read_pack(const json& pack, const Origins& origins, const std::string& file) {
    Reader r(origins, file);
    r.only_keys(pack, "", {"id", "name", "source", "inherits", "settings", "resources", "county", "items", "local_items", "not_computed"});
    RulePack out;
    out.file = file;
    out.id = r.text(pack, "id", "");
    out.name = r.message(pack, "name", "");
    const json& source = r.object(pack, "source", "", {"document", "version", "valid_until", "validity"});
    out.document = r.text(source, "document", "/source");
    out.version = r.text(source, "version", "/source");
    if (source.contains("valid_until") != source.contains("validity"))
        r.fail("/source", "valid_until 与 validity（原文中规定有效期的句子）须同时给出",
               "valid_until and validity (the document's sentence that sets it) go together");
    if (source.contains("valid_until")) {
        out.valid_until = r.date(source, "valid_until", "/source");
        out.validity = r.message(source, "validity", "/source");
    }
    if (pack.contains("inherits")) out.inherits = r.text(pack, "inherits", "");
    out.settings = read_settings(r, pack);
    out.resources = read_resources(r, pack);
    out.county = read_county(r, pack);
    out.items = read_items(r, pack);
    out.local_items = read_list<LocalItem>(r, pack, "local_items", [&r](const json& item, const std::string& at) {
        return LocalItem{r.text(item, "id", at), r.message(item, "name", at), read_local_rule(r, item, at),
                         r.optional_boolean(item, "information", at)};
    });
    out.not_computed = read_list<NotComputed>(r, pack, "not_computed", [&r](const json& item, const std::string& at) {
        r.only_keys(item, at, {"id", "name", "reason"});
        return NotComputed{r.text(item, "id", at), r.message(item, "name", at), r.message(item, "reason", at)};
    });
    return out;
}

struct Source {
    std::string file;
    json doc;
};

Source parse_source(const PackFile& file) {
    json doc;
    try {
        doc = json::parse(file.content);
    } catch (const json::parse_error& e) {
        throw Rejected({"标准包 " + file.name + " 不是有效的 JSON：" + e.what(), "rule pack " + file.name + " is not valid JSON: " + e.what()});
    }
    // Identity is never inherited: each file names itself.
    Reader r({}, file.name);
    if (!doc.is_object()) r.fail("", "应为对象", "expected an object");
    r.text(doc, "id", "");
    r.message(doc, "name", "");
    const json& source = r.object(doc, "source", "", {"document", "version", "valid_until", "validity"});
    r.text(source, "document", "/source");
    r.text(source, "version", "/source");
    return {file.name, std::move(doc)};
}

// The overlay chain from the root pack down to `id`.
std::vector<const Source*> chain_of(const std::string& id, const std::map<std::string, Source>& by_id) {
    std::vector<const Source*> chain;
    std::set<std::string> seen;
    for (std::string at = id;;) {
        const Source& s = by_id.at(at);
        if (!seen.insert(at).second)
            throw Rejected({"标准包 " + s.file + "：键 /inherits 形成循环继承", "rule pack " + s.file + ": key /inherits: inheritance forms a cycle"});
        chain.insert(chain.begin(), &s);
        if (!s.doc.contains("inherits")) return chain;
        Reader r({}, s.file);
        at = r.text(s.doc, "inherits", "");
        if (!by_id.count(at))
            r.fail("/inherits", "引用了不存在的标准包：" + at, "inherits unknown pack '" + at + "'");
    }
}

}  // namespace

std::vector<RulePack> load_packs(const std::vector<PackFile>& files) {
    std::map<std::string, Source> by_id;
    std::vector<std::string> order;
    for (const auto& file : files) {
        Source s = parse_source(file);
        const std::string id = s.doc["id"].get<std::string>();
        if (by_id.count(id))
            throw Rejected({"标准包 " + file.name + "：键 /id 与 " + by_id.at(id).file + " 重复",
                            "rule pack " + file.name + ": key /id: '" + id + "' is also the id of " + by_id.at(id).file});
        order.push_back(id);
        by_id.emplace(id, std::move(s));
    }
    std::vector<RulePack> packs;
    std::vector<std::size_t> depth;   // length of each pack's inheritance chain
    for (const auto& id : order) {
        const auto chain = chain_of(id, by_id);
        json merged = json::object();
        Origins origins;
        for (const Source* s : chain) merge(merged, s->doc, s->file, "", origins);
        if (chain.back()->doc.contains("inherits")) merged["inherits"] = chain.back()->doc["inherits"];
        else merged.erase("inherits");
        merged["source"] = chain.back()->doc["source"];   // a document's dates are its own
        packs.push_back(read_pack(merged, origins, chain.back()->file));
        depth.push_back(chain.size());
    }
    // Link each overlay to the pack it inherits, shallowest first, so every link is complete.
    std::vector<std::size_t> by_depth(packs.size());
    for (std::size_t i = 0; i < by_depth.size(); ++i) by_depth[i] = i;
    std::stable_sort(by_depth.begin(), by_depth.end(), [&](std::size_t a, std::size_t b) { return depth[a] < depth[b]; });
    for (std::size_t i : by_depth) {
        if (!packs[i].inherits) continue;
        const auto parent = std::find_if(packs.begin(), packs.end(), [&](const RulePack& p) { return p.id == *packs[i].inherits; });
        packs[i].inherited = std::make_shared<const RulePack>(*parent);
    }
    return packs;
}

std::vector<RulePack> packs_with_builtin(const std::vector<PackFile>& extra) {
    std::vector<PackFile> files;
    for (const auto& f : packs::embedded_files()) files.push_back({std::string(f.name), f.content});
    const auto builtin = files.size();
    files.insert(files.end(), extra.begin(), extra.end());
    auto loaded = load_packs(files);
    std::stable_partition(loaded.begin(), loaded.begin() + static_cast<std::ptrdiff_t>(builtin),
                          [](const RulePack& p) { return p.id == "national"; });
    return loaded;
}

const std::vector<RulePack>& builtin_packs() {
    static const std::vector<RulePack> packs = packs_with_builtin({});
    return packs;
}

const RulePack& find_pack(std::string_view id) {
    for (const auto& pack : builtin_packs())
        if (pack.id == id) return pack;
    std::string known;
    for (const auto& pack : builtin_packs()) known += (known.empty() ? "" : ", ") + pack.id;
    throw Rejected({"没有名为 " + std::string(id) + " 的标准包（可用：" + known + "）",
                    "no rule pack '" + std::string(id) + "' (known: " + known + ")"});
}

}  // namespace jh::indicators
