// The county's way to pass (see way_to_pass.hpp): a bounded exact search with a greedy
// fallback for each CV over its limit, and a small exhaustive choice per school for the 6-of-7
// rule. Figures come from the engine only: resource_gap, County's what-if and result, passes.
#include "ops/way_to_pass.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <sstream>

#include "indicators/resources.hpp"
#include "indicators/text.hpp"

namespace jh::ops {
namespace {

using domain::Message;
using domain::Stage;
using indicators::County;
using indicators::kResourceCount;
using indicators::PartQuantities;
using indicators::resource_info;
using indicators::RulePack;

// A CV as reports print it: 3 decimals.
std::string fixed_text(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

// `part` with the engine's gap to target of indicator `i` added (to its standard, or to its
// floor), and the Raise that says so.
struct Raised {
    Raise raise;
    PartQuantities part;
};
Raised raised(const PartQuantities& part, const RulePack& rules, int year, std::size_t i, bool to_floor) {
    Raised out;
    Raise& r = out.raise;
    r.code = part.code;
    r.name = part.name;
    r.stage = part.stage;
    r.pupils = part.pupils;
    r.indicator = i;
    r.value = indicators::indicator_value(part, i);
    r.target = indicators::thresholds_in(rules, part.stage, year)[i] * (to_floor ? rules.resources.floor_ratio : 1.0);
    r.to_floor = to_floor;
    r.gap = indicators::resource_gap(part, rules, year, i, to_floor);
    out.part = part;
    out.part.amounts[i] += r.gap.amount;
    r.value_after = indicators::indicator_value(out.part, i);
    return out;
}

// One stage of the county: its parts and the engine over them.
struct StageCounty {
    const RulePack& rules;   // in force in `year`
    int year;
    Stage stage;
    std::vector<PartQuantities> parts;
    County county;

    // The engine's CV of indicator `i` from scratch (its two-pass result) with `changed` in
    // place of the parts of the same code.
    double fresh_cv(std::size_t i, const std::vector<const PartQuantities*>& changed) const {
        std::vector<PartQuantities> now = parts;
        for (const auto* c : changed)
            for (auto& p : now)
                if (p.code == c->code) p = *c;
        return County(std::move(now), rules, year).result(0).stages.front().indicators[i].cv;
    }
};

// The search for one indicator: candidates are the stage's parts under the standard.
class CvSearch {
public:
    CvSearch(const StageCounty& stage, std::size_t indicator, double limit, std::size_t budget)
        : stage_(stage), work_(stage.county), indicator_(indicator), limit_(limit), budget_(budget) {
        const auto standard = indicators::thresholds_in(stage.rules, stage.stage, stage.year)[indicator];
        for (const auto& p : stage.parts)
            if (!indicators::at_least(indicators::indicator_value(p, indicator), standard))
                candidates_.push_back({raised(p, stage.rules, stage.year, indicator, false), p});
    }

    void run(CvWay& way) {
        const std::size_t n = candidates_.size();
        way.below_standard = n;
        way.cv_all_raised = all_raised_cv();
        way.all_raised_passes = indicators::at_most(way.cv_all_raised, limit_);
        order_by_single_effect();
        std::vector<std::size_t> chosen;
        bool out_of_budget = false;
        for (std::size_t k = 1; k <= n; ++k) {
            chosen.clear();
            const auto status = sets_of(0, k, chosen);
            if (status == Status::Found) {
                way.found = way.proven = true;
                set_result(way, chosen);
                break;
            }
            if (status == Status::OutOfBudget) {
                out_of_budget = true;
                break;
            }
            way.proven_up_to = k;
        }
        if (out_of_budget) {
            work_ = stage_.county;
            chosen = greedy();
            if (!chosen.empty()) {
                way.found = true;
                way.proven = chosen.size() == way.proven_up_to + 1;   // every smaller set was tried
                set_result(way, chosen);
            }
        } else if (!way.found) {
            way.proven = true;   // every set of candidates was tried (none, when no part is under the standard)
        }
        way.evaluations = evaluations_;
    }

private:
    enum class Status { Found, NotFound, OutOfBudget };
    struct Candidate {
        Raised up;
        PartQuantities original;
    };

    double all_raised_cv() {
        std::vector<const PartQuantities*> all;
        for (const auto& c : candidates_) all.push_back(&c.up.part);
        ++evaluations_;
        return stage_.fresh_cv(indicator_, all);
    }

    // The CV with candidate `c` raised on top of what the working county holds: O(1).
    double cv_if(std::size_t c) {
        ++evaluations_;
        return work_.what_if(candidates_[c].up.part).indicators[indicator_].cv;
    }

    // The running sums' promise confirmed from scratch before a set is reported.
    std::vector<const PartQuantities*> parts_of(const std::vector<std::size_t>& set) const {
        std::vector<const PartQuantities*> out;
        for (std::size_t c : set) out.push_back(&candidates_[c].up.part);
        return out;
    }
    bool passes_fresh(const std::vector<std::size_t>& set) {
        ++evaluations_;
        return indicators::at_most(stage_.fresh_cv(indicator_, parts_of(set)), limit_);
    }

    // The candidates whose raising alone lowers the CV most come first: the sets tried first
    // are the likely ones.
    void order_by_single_effect() {
        std::vector<double> single(candidates_.size());
        for (std::size_t c = 0; c < candidates_.size(); ++c) single[c] = cv_if(c);
        std::vector<std::size_t> order(candidates_.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return single[a] < single[b]; });
        std::vector<Candidate> sorted;
        for (std::size_t c : order) sorted.push_back(std::move(candidates_[c]));
        candidates_ = std::move(sorted);
    }

    // Every set of `k` more candidates from index `from` on, `chosen` already raised in work_.
    Status sets_of(std::size_t from, std::size_t k, std::vector<std::size_t>& chosen) {
        const std::size_t n = candidates_.size();
        for (std::size_t c = from; c + k <= n; ++c) {
            if (evaluations_ >= budget_) return Status::OutOfBudget;
            if (k == 1) {
                if (!indicators::at_most(cv_if(c), limit_)) continue;
                chosen.push_back(c);
                if (passes_fresh(chosen)) return Status::Found;
                chosen.pop_back();
                continue;
            }
            work_.apply(candidates_[c].up.part);
            chosen.push_back(c);
            const auto status = sets_of(c + 1, k - 1, chosen);
            if (status == Status::Found) return status;
            chosen.pop_back();
            work_.apply(candidates_[c].original);
            if (status == Status::OutOfBudget) return status;
        }
        return Status::NotFound;
    }

    // Raise, one at a time, the candidate that lowers the CV most until it is within the limit.
    std::vector<std::size_t> greedy() {
        std::vector<std::size_t> chosen;
        std::vector<bool> used(candidates_.size(), false);
        while (chosen.size() < candidates_.size()) {
            std::size_t best = candidates_.size();
            double best_cv = 0;
            for (std::size_t c = 0; c < candidates_.size(); ++c) {
                if (used[c]) continue;
                const double cv = cv_if(c);
                if (best == candidates_.size() || cv < best_cv) {
                    best = c;
                    best_cv = cv;
                }
            }
            used[best] = true;
            chosen.push_back(best);
            work_.apply(candidates_[best].up.part);
            if (indicators::at_most(best_cv, limit_) && passes_fresh(chosen)) return chosen;
        }
        return {};
    }

    void set_result(CvWay& way, const std::vector<std::size_t>& chosen) const {
        for (std::size_t c : chosen) way.raises.push_back(candidates_[c].up.raise);
        way.cv_after = stage_.fresh_cv(indicator_, parts_of(chosen));
    }

    const StageCounty& stage_;
    County work_;
    std::size_t indicator_;
    double limit_;
    std::size_t budget_;
    std::size_t evaluations_ = 0;
    std::vector<Candidate> candidates_;
};

std::string id_of(std::size_t i) { return std::string(resource_info()[i].id); }

Message note_of(const CvWay& w) {
    const std::string id = id_of(w.indicator), n = std::to_string(w.raises.size()), limit = fixed_text(w.limit);
    if (w.below_standard == 0)
        return {id + " 差异系数超过上限，但没有低于标准的学校：差异来自高于标准的学校，提升学校到标准无法达标",
                id + "'s CV is over its limit but no part is below the standard: schools above it drive the CV; raising schools to the standard cannot bring it under"};
    std::string zh, en;
    if (!w.all_raised_passes) {
        zh = "即使把全部 " + std::to_string(w.below_standard) + " 所低于标准的学校提升到标准，差异系数仍为 " + fixed_text(w.cv_all_raised) +
             "，超过上限 " + limit + "（差异主要来自高于标准的学校）；";
        en = "raising all " + std::to_string(w.below_standard) + " parts below the standard still leaves the CV at " +
             fixed_text(w.cv_all_raised) + ", over the limit " + limit + " (schools above the standard drive it); ";
    }
    if (w.found && w.proven)
        return {zh + "最少需提升 " + n + " 所学校（已穷尽搜索，确为最少）", en + "the fewest schools to raise: " + n + " (exhaustive search: proven fewest)"};
    if (w.found)
        return {zh + "找到提升 " + n + " 所学校的方案：这是搜索范围内找到的最好结果，未证明为最少（已排除 " + std::to_string(w.proven_up_to) + " 所及以下的组合）",
                en + "raising " + n + " schools brings it under: the best found, not proven fewest (no set of " +
                    std::to_string(w.proven_up_to) + " or fewer does)"};
    if (w.proven)
        return {zh + "没有任何一组学校提升到标准能使差异系数达标（已穷尽搜索）",
                en + "no set of schools raised to the standard brings the CV under its limit (exhaustive search)"};
    return {zh + "在搜索范围内没有找到能使差异系数达标的学校组合（搜索未穷尽：已排除 " + std::to_string(w.proven_up_to) + " 所及以下的组合）",
            en + "no set of schools found that brings the CV under its limit (search not exhaustive: no set of " +
                std::to_string(w.proven_up_to) + " or fewer does)"};
}

// The fewest indicators to raise so that a failing part meets the 6-of-7 rule: each unmet
// indicator is left, raised to its floor (when below it) or raised to its standard; of the
// at most 3⁷ choices, those the engine's rule passes, fewest raises first, then the smallest
// relative raises.
SchoolWay school_way(const PartQuantities& part, const RulePack& rules, int year) {
    SchoolWay way{part.code, part.name, part.stage, 0, {}};
    const auto thresholds = indicators::thresholds_in(rules, part.stage, year);
    std::vector<std::size_t> unmet;
    std::vector<bool> below_floor;
    for (std::size_t i = 0; i < kResourceCount; ++i) {
        const double v = indicators::indicator_value(part, i);
        if (indicators::at_least(v, thresholds[i])) {
            ++way.met;
            continue;
        }
        unmet.push_back(i);
        below_floor.push_back(!indicators::at_least(v, rules.resources.floor_ratio * thresholds[i]));
    }
    std::vector<Raised> to_standard, to_floor;
    for (std::size_t u = 0; u < unmet.size(); ++u) {
        to_standard.push_back(raised(part, rules, year, unmet[u], false));
        to_floor.push_back(below_floor[u] ? raised(part, rules, year, unmet[u], true) : to_standard.back());
    }
    std::size_t combos = 1;
    for (std::size_t u = 0; u < unmet.size(); ++u) combos *= 3;
    std::optional<std::pair<std::size_t, double>> best_rank;
    std::vector<Raise> best;
    for (std::size_t code = 0; code < combos; ++code) {
        PartQuantities changed = part;
        std::vector<Raise> raises;
        double relative = 0;
        bool useless = false;
        for (std::size_t u = 0, rest = code; u < unmet.size(); ++u, rest /= 3) {
            const std::size_t choice = rest % 3;   // 0 leave, 1 floor, 2 standard
            if (choice == 0) continue;
            if (choice == 1 && !below_floor[u]) useless = true;   // already at the floor
            const Raised& r = choice == 1 ? to_floor[u] : to_standard[u];
            changed.amounts[unmet[u]] = r.part.amounts[unmet[u]];
            raises.push_back(r.raise);
            relative += r.raise.gap.relative;
        }
        if (useless || !indicators::passes(changed, thresholds, rules.resources)) continue;
        const std::pair<std::size_t, double> rank{raises.size(), relative};
        if (!best_rank || rank < *best_rank) {
            best_rank = rank;
            best = std::move(raises);
        }
    }
    way.raises = std::move(best);
    return way;
}

nlohmann::json message_json(const Message& m) { return {{"zh", m.zh}, {"en", m.en}}; }

nlohmann::json raise_json(const Raise& r) {
    const auto& info = resource_info()[r.indicator];
    return {{"code", r.code},
            {"name", r.name},
            {"stage", domain::code(r.stage)},
            {"pupils", r.pupils},
            {"indicator", info.id},
            {"value", r.value},
            {"target", r.target},
            {"to", r.to_floor ? "floor" : "standard"},
            {"value_after", r.value_after},
            {"amount", r.gap.amount},
            {"unit", message_json(info.unit)},
            {"text", message_json(r.gap.text)}};
}

}  // namespace

WayToPass way_to_pass(const std::vector<PartQuantities>& parts, const RulePack& pack, int year, const WayOptions& options) {
    WayToPass out;
    out.budget = options.budget;
    const RulePack& rules = indicators::rules_in_force(pack, year);
    for (Stage stage : indicators::kCompulsoryStages) {
        std::vector<PartQuantities> of_stage;
        for (const auto& p : parts)
            if (p.stage == stage) of_stage.push_back(p);
        if (of_stage.empty()) continue;
        County county(of_stage, rules, year);
        const StageCounty sc{rules, year, stage, of_stage, county};
        const auto result = county.result(0);
        const auto& stats = result.stages.front();
        for (std::size_t i = 0; i < kResourceCount; ++i) {
            if (stats.indicators[i].pass) continue;
            CvWay way;
            way.stage = stage;
            way.indicator = i;
            way.cv = stats.indicators[i].cv;
            way.limit = stats.indicators[i].limit;
            CvSearch(sc, i, way.limit, options.budget).run(way);
            way.note = note_of(way);
            out.indicators.push_back(std::move(way));
        }
        for (const auto& p : of_stage)
            if (!indicators::passes(p, indicators::thresholds_in(rules, stage, year), rules.resources))
                out.schools.push_back(school_way(p, rules, year));
    }
    return out;
}

WayToPass way_to_pass(const CountyReport& report, const WayOptions& options) {
    if (report.parts.empty()) return WayToPass{options.budget, {}, {}};
    return way_to_pass(report.parts, report.pack, report.year, options);
}

nlohmann::json to_json(const WayToPass& way) {
    nlohmann::json indicators = nlohmann::json::array(), schools = nlohmann::json::array();
    for (const auto& w : way.indicators) {
        nlohmann::json raises = nlohmann::json::array();
        for (const auto& r : w.raises) raises.push_back(raise_json(r));
        indicators.push_back({{"stage", domain::code(w.stage)},
                              {"indicator", resource_info()[w.indicator].id},
                              {"name", message_json(resource_info()[w.indicator].name)},
                              {"cv", w.cv},
                              {"limit", w.limit},
                              {"below_standard", w.below_standard},
                              {"cv_all_raised", w.cv_all_raised},
                              {"all_raised_passes", w.all_raised_passes},
                              {"found", w.found},
                              {"proven", w.proven},
                              {"proven_up_to", w.proven_up_to},
                              {"evaluations", w.evaluations},
                              {"cv_after", w.cv_after ? nlohmann::json(*w.cv_after) : nlohmann::json(nullptr)},
                              {"schools", raises},
                              {"note", message_json(w.note)}});
    }
    for (const auto& s : way.schools) {
        nlohmann::json raises = nlohmann::json::array();
        for (const auto& r : s.raises) raises.push_back(raise_json(r));
        schools.push_back({{"code", s.code}, {"name", s.name}, {"stage", domain::code(s.stage)}, {"met", s.met}, {"raises", raises}});
    }
    return {{"budget", way.budget}, {"indicators", indicators}, {"schools", schools}};
}

std::string to_text(const WayToPass& way) {
    std::ostringstream out;
    out << "\n【达标路径】\n";
    if (way.indicators.empty()) out << "  各学段 7 项差异系数均未超过上限\n";
    for (const auto& w : way.indicators) {
        out << "  " << domain::zh(w.stage) << " " << resource_info()[w.indicator].id << "（" << resource_info()[w.indicator].name.zh
            << "）差异系数 " << fixed_text(w.cv) << "，上限 " << fixed_text(w.limit) << "：" << w.note.zh << "\n";
        for (const auto& r : w.raises)
            out << "    " << r.code << " " << r.name << "：" << indicators::number_text(r.value, 2) << " → "
                << indicators::number_text(r.value_after, 2) << "，" << r.gap.text.zh << "\n";
        if (w.cv_after) out << "    提升后差异系数 " << fixed_text(*w.cv_after) << "\n";
    }
    out << "  未达到 6/7 标准的学校：" << way.schools.size() << " 所\n";
    for (const auto& s : way.schools) {
        out << "    " << s.code << " " << s.name << "（" << domain::zh(s.stage) << "，" << s.met << "/7 项达标）：";
        for (std::size_t k = 0; k < s.raises.size(); ++k)
            out << (k ? "；" : "") << s.raises[k].gap.item << " " << s.raises[k].gap.text.zh;
        out << "\n";
    }
    return out.str();
}

}  // namespace jh::ops
