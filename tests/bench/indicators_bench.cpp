// County computation benchmark: 20,000 synthetic school parts (14,000 primary, 6,000 junior)
// through the full computation (weighted mean/SD/CV of 7 indicators, 6-of-7 per part, top
// contributors), then one school edited and its stage recomputed (what-if, O(1) per indicator).
// Prints the figures and whether the targets hold (median ≤ 100 ms full, 99th percentile ≤ 2 ms
// per edit); exits 1 when a target is missed or the what-if disagrees with a full recomputation.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "indicators/county.hpp"

using namespace jh::indicators;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kParts = 20'000;
constexpr std::size_t kJunior = 6'000;
constexpr int kRuns = 5;
constexpr int kEdits = 2'000;
constexpr double kMaxFullMs = 100;
constexpr double kMaxEditMs = 2;

double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

// Plausible parts: 30–2,400 pupils, per-pupil figures spread around the national thresholds.
std::vector<PartQuantities> synthetic_county(std::mt19937& random) {
    std::uniform_real_distribution<double> spread(0.8, 1.6);
    std::uniform_int_distribution<int> pupils(30, 2400);
    const double primary[] = {0.045, 0.011, 0.01, 4.8, 8.0, 2200, 0.025};
    const double junior[] = {0.057, 0.011, 0.01, 6.2, 10.9, 2700, 0.026};
    std::vector<PartQuantities> parts(kParts);
    for (std::size_t i = 0; i < kParts; ++i) {
        auto& p = parts[i];
        p.code = std::to_string(3'200'000'000 + i);
        p.name = "学校" + std::to_string(i);
        p.stage = i < kParts - kJunior ? Stage::Primary : Stage::Junior;
        p.pupils = pupils(random);
        const double* per_pupil = p.stage == Stage::Primary ? primary : junior;
        for (std::size_t k = 0; k < kResourceCount; ++k) p.amounts[k] = std::round(per_pupil[k] * p.pupils * spread(random));
    }
    return parts;
}

}  // namespace

int main() {
    std::mt19937 random(20250901);
    const auto parts = synthetic_county(random);
    const auto& pack = find_pack("national");

    std::vector<double> full;
    CountyResult result;
    for (int run = 0; run < kRuns; ++run) {
        const auto start = Clock::now();
        const County county(parts, pack, 2025);
        result = county.result(3);
        full.push_back(ms_since(start));
    }
    std::sort(full.begin(), full.end());

    County county(parts, pack, 2025);
    std::uniform_int_distribution<std::size_t> pick(0, kParts - 1);
    std::uniform_real_distribution<double> change(0.5, 2.0);
    std::vector<double> edits;
    double worst_error = 0;
    for (int e = 0; e < kEdits; ++e) {
        auto edited = parts[pick(random)];
        edited.amounts[3] *= change(random);
        edited.pupils = std::max(1.0, std::round(edited.pupils * change(random)));
        const auto start = Clock::now();
        const auto w = county.what_if(edited);
        edits.push_back(ms_since(start));
        if (e % 400 == 0) {   // check against a full recomputation now and then
            auto changed = parts;
            for (auto& p : changed)
                if (p.code == edited.code) p = edited;
            const auto fresh = County(changed, pack, 2025).result(0);
            const auto& stage = fresh.stages[edited.stage == Stage::Junior ? 1 : 0];
            for (std::size_t k = 0; k < kResourceCount; ++k)
                worst_error = std::max(worst_error, std::abs(w.indicators[k].cv - stage.indicators[k].cv));
        }
    }

    const double median = full[full.size() / 2];
    std::sort(edits.begin(), edits.end());
    const double median_edit = edits[edits.size() / 2];
    const double p99_edit = edits[edits.size() * 99 / 100];
    std::printf("county computation, %zu parts (%zu primary, %zu junior): median %.1f ms, best %.1f ms (target ≤ %.0f ms)\n", kParts,
                kParts - kJunior, kJunior, median, full.front(), kMaxFullMs);
    std::printf("  primary R4 CV %.6f, failing parts %zu; junior R4 CV %.6f, failing parts %zu\n", result.stages[0].indicators[3].cv,
                result.stages[0].failing_parts.size(), result.stages[1].indicators[3].cv, result.stages[1].failing_parts.size());
    std::printf("recompute after one edit (what-if), %d edits: median %.4f ms, 99th percentile %.4f ms, worst %.4f ms (target ≤ %.0f ms)\n",
                kEdits, median_edit, p99_edit, edits.back(), kMaxEditMs);
    std::printf("  largest CV difference from a full recomputation: %.2e\n", worst_error);
    // Medians and the 99th percentile: a shared 2-core machine preempts the odd run.
    const bool ok = median <= kMaxFullMs && p99_edit <= kMaxEditMs && worst_error < 1e-9;
    std::printf("%s\n", ok ? "targets met" : "TARGET MISSED");
    return ok ? 0 : 1;
}
