// The county computation. Full results use the two-pass formula exactly as written in the
// policy; what-if uses running sums (ΣP, ΣA, ΣA²/P) so one changed school costs O(1) per
// indicator whatever the county's size.
#include "indicators/county.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "indicators/counting.hpp"
#include "indicators/school.hpp"
#include "indicators/text.hpp"


namespace jh::indicators {

using domain::Rejected;

namespace {

std::string key_of(const PartQuantities& part) { return part.code + '\x1f' + std::string(domain::code(part.stage)); }

std::string who(const PartQuantities& part) {
    return (part.name.empty() ? "" : part.name + " ") + "(" + part.code + ", " + std::string(domain::en(part.stage)) + ")";
}
std::string who_zh(const PartQuantities& part) {
    return (part.name.empty() ? "" : part.name) + "（" + part.code + "，" + std::string(domain::zh(part.stage)) + "）";
}

}  // namespace

void check_part(const PartQuantities& part, const std::string& where) {
    const auto reject = [&](const std::string& zh, const std::string& en) {
        throw Rejected({where + "：" + who_zh(part) + zh, where + ": " + who(part) + ": " + en});
    };
    if (part.stage == Stage::Senior) reject("不是义务教育学段", "not a compulsory stage");
    if (!std::isfinite(part.pupils) || part.pupils <= 0) reject("在校生数应大于 0", "the number of pupils must be greater than 0");
    for (std::size_t i = 0; i < kResourceCount; ++i)
        if (!std::isfinite(part.amounts[i]) || part.amounts[i] < 0)
            reject(std::string(resource_info()[i].id) + " 的数量应为非负数", std::string(resource_info()[i].id) + " quantity must be a number ≥ 0");
}

namespace {

// school_parts under `pack`, the rules already chosen in force.
SchoolParts parts_under(const domain::SchoolData& data, const RulePack& pack) {
    SchoolParts out;
    out.code = data.school.code;
    out.name = data.school.name;
    out.year = data.year.year;
    out.note = scope_note(data, pack);
    out.merge = out.note && data.school.type == domain::SchoolType::TeachingPoint &&
                pack.settings.teaching_points == TeachingPoints::MergeIntoCentral &&
                compulsory_pupils(data) >= pack.settings.teaching_point_min_pupils;
    out.central = data.school.central_school_code;
    if (!out.note || out.merge) {
        out.parts = parts_of(data, pack);
        out.empty = empty_stages(data);
    }
    const auto count = counting::count_migrants(data);
    out.migrants = count.migrants;
    if (counting::counts_as_public(data.school.ownership)) out.in_public = count.migrants;
    return out;
}

}  // namespace

SchoolParts school_parts(const domain::SchoolData& data, const RulePack& chosen) {
    return parts_under(data, rules_in_force(chosen, data.year.year));
}

CountyParts county_parts(const std::vector<domain::SchoolData>& schools, const RulePack& chosen) {
    if (schools.empty()) return {};
    // The rules in force in the first school's year apply to all (they are of one year).
    const RulePack& pack = rules_in_force(chosen, schools.front().year.year);
    std::vector<SchoolParts> taken;
    for (const auto& data : schools) taken.push_back(parts_under(data, pack));
    return county_parts(taken);
}

CountyParts county_parts(const std::vector<SchoolParts>& schools) {
    CountyParts out;
    std::vector<const SchoolParts*> merged;
    for (std::size_t i = 0; i < schools.size(); ++i) {
        const auto& school = schools[i];
        if (school.merge) merged.push_back(&school);
        else if (school.note) out.excluded.push_back({i, *school.note, std::nullopt});
        else for (const auto& part : school.parts) out.parts.push_back(part);
        // A stage of the school's type with no pupils is no part: listed with its reason.
        if (!school.note || school.merge)
            for (Stage stage : school.empty) out.excluded.push_back({i, empty_stage_reason(stage), stage});
    }
    // The first part of each code and stage, found by key (a province has thousands of points).
    std::unordered_map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < out.parts.size(); ++i) first.emplace(key_of(out.parts[i]), i);
    for (const auto* point : merged)
        for (auto part : point->parts) {
            const auto central = point->central ? first.find(*point->central + '\x1f' + std::string(domain::code(part.stage))) : first.end();
            if (central == first.end()) {
                first.emplace(key_of(part), out.parts.size());
                out.parts.push_back(std::move(part));
                continue;
            }
            auto& into = out.parts[central->second];
            into.pupils += part.pupils;
            for (std::size_t i = 0; i < kResourceCount; ++i) into.amounts[i] += part.amounts[i];
        }
    return out;
}

void County::Sums::add(const PartQuantities& part, double sign) {
    pupils += sign * part.pupils;
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        amount[i] += sign * part.amounts[i];
        const double d = indicator_value(part, i) - reference[i];
        square[i] += sign * part.pupils * d * d;
    }
}

County::County(std::vector<PartQuantities> parts, const RulePack& pack, int year)
    : pack_(rules_in_force(pack, year)), year_(year), parts_(std::move(parts)) {
    if (parts_.empty()) throw Rejected({"没有学校数据：县域计算至少需要一个学校学段", "no school parts: the county computation needs at least one"});
    for (std::size_t i = 0; i < parts_.size(); ++i) {
        const auto& part = parts_[i];
        check_part(part, "county");
        if (!index_.emplace(key_of(part), i).second)
            throw Rejected({who_zh(part) + "出现了两次", who(part) + " appears twice"});
        if (!present_[part.stage]) {
            thresholds_[part.stage] = thresholds_in(pack_, part.stage, year_);
            present_[part.stage] = true;
        }
    }
    for (const auto& part : parts_) sums(part.stage).add(part, 1);
    for (auto& s : sums_) {
        for (std::size_t i = 0; i < kResourceCount; ++i)
            s.reference[i] = s.pupils > 0 ? resource_info()[i].scale * s.amount[i] / s.pupils : 0;
        Sums empty;
        empty.reference = s.reference;
        s = empty;
    }
    passing_.resize(parts_.size());
    for (std::size_t i = 0; i < parts_.size(); ++i) {
        passing_[i] = part_passes(parts_[i]);
        auto& s = sums(parts_[i].stage);
        s.add(parts_[i], 1);
        if (!passing_[i]) ++s.failing;
    }
}

bool County::part_passes(const PartQuantities& part) const { return passes(part, thresholds_[part.stage], pack_.resources); }

std::size_t County::index_of(const PartQuantities& part) const {
    auto it = index_.find(key_of(part));
    if (it == index_.end())
        throw Rejected({"县域数据中没有 " + who_zh(part), who(part) + " is not among the county's school parts"});
    return it->second;
}

IndicatorStats County::from_sums(const Sums& s, Stage stage, std::size_t i) const {
    const double scale = resource_info()[i].scale;
    IndicatorStats st;
    st.mean = scale * s.amount[i] / s.pupils;
    const double shift = st.mean - s.reference[i];
    const double variance = s.square[i] / s.pupils - shift * shift;
    st.sd = std::sqrt(std::max(0.0, variance));
    st.cv = st.mean > 0 ? st.sd / st.mean : 0;
    st.limit = pack_.county.cv_limit[stage];
    st.pass = at_most(st.cv, st.limit);
    st.borderline = std::abs(st.cv - st.limit) <= pack_.county.borderline;
    return st;
}

CountyResult County::result(std::size_t top_contributors) const {
    CountyResult out{pack_.id, year_, {}};
    for (Stage stage : kCompulsoryStages) {
        if (!present_[stage]) continue;
        // Fresh sums, not the running ones that edits may have worn by rounding.
        Sums s;
        for (const auto& part : parts_)
            if (part.stage == stage) s.add(part, 1);
        StageStats st;
        st.stage = stage;
        st.pupils = s.pupils;
        std::vector<std::size_t> members;
        for (std::size_t p = 0; p < parts_.size(); ++p)
            if (parts_[p].stage == stage) members.push_back(p);
        for (std::size_t p : members) {
            PartRow row{parts_[p].code, parts_[p].name, parts_[p].pupils, {}, passing_[p]};
            for (std::size_t i = 0; i < kResourceCount; ++i) row.values[i] = indicator_value(parts_[p], i);
            if (!row.pass) st.failing_parts.push_back(row.code);
            st.rows.push_back(std::move(row));
        }
        std::vector<double> contribution(members.size());
        for (std::size_t i = 0; i < kResourceCount; ++i) {
            auto& ind = st.indicators[i];
            ind = from_sums(s, stage, i);
            // Two-pass S² exactly as the policy writes it.
            double variance = 0;
            for (std::size_t m = 0; m < members.size(); ++m) {
                const double d = st.rows[m].values[i] - ind.mean;
                contribution[m] = parts_[members[m]].pupils / s.pupils * d * d;
                variance += contribution[m];
            }
            ind.sd = std::sqrt(variance);
            ind.cv = ind.mean > 0 ? ind.sd / ind.mean : 0;
            ind.pass = at_most(ind.cv, ind.limit);
            ind.borderline = std::abs(ind.cv - ind.limit) <= pack_.county.borderline;
            std::vector<std::size_t> order(members.size());
            std::iota(order.begin(), order.end(), 0);
            const std::size_t shown = std::min(top_contributors, order.size());
            std::partial_sort(order.begin(), order.begin() + static_cast<long>(shown), order.end(),
                              [&](std::size_t a, std::size_t b) { return contribution[a] > contribution[b]; });
            for (std::size_t k = 0; k < shown && variance > 0; ++k) {
                const auto& row = st.rows[order[k]];
                ind.top.push_back({row.code, row.name, row.values[i], contribution[order[k]] / variance});
            }
            st.composite += ind.cv / kResourceCount;
            st.pass = st.pass && ind.pass;
        }
        out.stages.push_back(std::move(st));
    }
    return out;
}

WhatIf County::what_if(const PartQuantities& changed) const {
    const std::size_t at = index_of(changed);
    check_part(changed, "what-if");
    Sums s = sums(changed.stage);
    s.add(parts_[at], -1);
    s.add(changed, 1);
    WhatIf out;
    out.stage = changed.stage;
    out.part_passes = part_passes(changed);
    out.failing_parts = s.failing - (passing_[at] ? 0 : 1) + (out.part_passes ? 0 : 1);
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        out.indicators[i] = from_sums(s, changed.stage, i);
        out.composite += out.indicators[i].cv / kResourceCount;
        out.pass = out.pass && out.indicators[i].pass;
    }
    return out;
}

void County::apply(const PartQuantities& changed) {
    const std::size_t at = index_of(changed);
    check_part(changed, "what-if");
    Sums& s = sums(changed.stage);
    s.add(parts_[at], -1);
    s.add(changed, 1);
    const bool now = part_passes(changed);
    if (passing_[at] && !now) ++s.failing;
    if (!passing_[at] && now) --s.failing;
    passing_[at] = now;
    parts_[at] = changed;
}

MigrantShare migrant_share(const std::vector<domain::SchoolData>& schools, const RulePack& chosen, int year) {
    std::vector<SchoolParts> figures;
    for (const auto& data : schools) {
        SchoolParts one;
        const auto count = counting::count_migrants(data);
        one.migrants = count.migrants;
        if (counting::counts_as_public(data.school.ownership)) one.in_public = count.migrants;
        figures.push_back(std::move(one));
    }
    return migrant_share(figures, chosen, year);
}

MigrantShare migrant_share(const std::vector<SchoolParts>& schools, const RulePack& chosen, int year) {
    MigrantShare out;
    const RulePack& pack = rules_in_force(chosen, year);
    out.threshold = pack.items.g15.public_share.at(year);
    for (const auto& school : schools) {
        out.migrants += school.migrants;
        out.in_public += school.in_public;
    }
    if (out.migrants > 0) out.share = out.in_public / out.migrants;
    if (out.share && out.threshold) out.pass = at_least(*out.share, *out.threshold);
    const std::string in_public = number_text(out.in_public, 0), total = number_text(out.migrants, 0);
    if (!out.threshold)
        out.detail = {"本标准包在该学年不考核此项", "not assessed under this rule pack in this year"};
    else if (!out.share)
        out.detail = {"县域内没有随迁子女", "no migrant children in the county"};
    else {
        const std::string shown = verdict_percent_text(*out.share, *out.threshold, *out.pass);
        out.detail = {"随迁子女 " + total + " 人，其中在公办或政府购买学位学校就读 " + in_public + " 人（" + shown + "），标准 ≥ " +
                          percent_text(*out.threshold, 0),
                      in_public + " of " + total + " migrant children in public or government-funded schools (" + shown + "); standard ≥ " +
                          percent_text(*out.threshold, 0)};
    }
    return out;
}

}  // namespace jh::indicators
