// ops::way_to_pass on small counties whose answer is known by hand — one school suffices, two
// are needed, none can do it (an above-standard outlier drives the CV), a county too large for
// the exhaustive search (the greedy result says it is not proven fewest) — and the 6-of-7
// rule's fewest raises. Every suggestion is applied through the engine and re-computed: the CV
// really comes under its limit, the school really passes.
#include <doctest/doctest.h>

#include <cmath>

#include "indicators/county.hpp"
#include "indicators/pack.hpp"
#include "indicators/resources.hpp"
#include "ops/county_report.hpp"
#include "ops/way_to_pass.hpp"

using namespace jh;
using indicators::PartQuantities;

namespace {

constexpr int kYear = 2025;
constexpr std::size_t kR4 = 3, kR5 = 4, kR6 = 5;
const indicators::RulePack& national() { return indicators::find_pack("national"); }

// A primary part of 100 pupils meeting every national standard (R1 5, R2 2, R3 1, R4 5 m²,
// R5 8 m², R6 2500 元, R7 3 per 100), every part alike: CV 0 unless a test changes one.
PartQuantities part(const std::string& code, double r4 = 500) {
    return {code, "学校" + code, domain::Stage::Primary, 100, {5, 2, 1, r4, 800, 250000, 3}};
}

std::vector<PartQuantities> county_r4(const std::vector<double>& r4) {
    std::vector<PartQuantities> parts;
    for (std::size_t i = 0; i < r4.size(); ++i) parts.push_back(part(std::to_string(i + 1), r4[i]));
    return parts;
}

double cv_of(const std::vector<PartQuantities>& parts, std::size_t indicator) {
    return indicators::County(parts, national(), kYear).result(0).stages.front().indicators[indicator].cv;
}

// The suggested raises applied to the parts, as a school would add teachers, m² or 元.
std::vector<PartQuantities> applied(std::vector<PartQuantities> parts, const std::vector<ops::Raise>& raises) {
    for (const auto& r : raises)
        for (auto& p : parts)
            if (p.code == r.code && p.stage == r.stage) p.amounts[r.indicator] += r.gap.amount;
    return parts;
}

}  // namespace

TEST_CASE("way to pass: one school raised to the standard brings R4's CV under 0.50, proven fewest") {
    const auto parts = county_r4({500, 500, 500, 50});   // R4 5, 5, 5, 0.5 m²: CV 0.503
    CHECK(cv_of(parts, kR4) > 0.5);
    const auto way = ops::way_to_pass(parts, national(), kYear);
    REQUIRE(way.indicators.size() == 1);
    const auto& w = way.indicators[0];
    CHECK(w.stage == domain::Stage::Primary);
    CHECK(w.indicator == kR4);
    CHECK(w.below_standard == 1);
    CHECK(w.found);
    CHECK(w.proven);
    REQUIRE(w.raises.size() == 1);
    CHECK(w.raises[0].code == "4");
    CHECK(w.raises[0].gap.item == "R4");
    CHECK(w.raises[0].gap.amount == 400);   // 4.5 m² × 100 pupils − 50 m²
    CHECK(w.raises[0].gap.text.zh == "需增加 400 m² 教学及辅助用房面积");
    CHECK(w.raises[0].value_after == doctest::Approx(4.5));
    REQUIRE(w.cv_after);
    const double recomputed = cv_of(applied(parts, w.raises), kR4);
    CHECK(recomputed == doctest::Approx(*w.cv_after));
    CHECK(recomputed <= 0.5);
    CHECK(w.note.en.find("proven fewest") != std::string::npos);
}

TEST_CASE("way to pass: two schools are needed when raising either alone leaves the CV over") {
    const auto parts = county_r4({1000, 1000, 50, 50});   // 10, 10, 0.5, 0.5: CV 0.905; one raised 0.641; both 0.379
    const auto way = ops::way_to_pass(parts, national(), kYear);
    REQUIRE(way.indicators.size() == 1);
    const auto& w = way.indicators[0];
    CHECK(w.found);
    CHECK(w.proven);
    CHECK(w.proven_up_to == 1);   // no single school does
    REQUIRE(w.raises.size() == 2);
    CHECK(((w.raises[0].code == "3" && w.raises[1].code == "4") || (w.raises[0].code == "4" && w.raises[1].code == "3")));
    for (const auto& r : w.raises) CHECK(r.gap.amount == 400);
    CHECK(cv_of(applied(parts, w.raises), kR4) == doctest::Approx(0.37931).epsilon(1e-4));
    for (const auto& r : w.raises) CHECK(cv_of(applied(parts, {r}), kR4) > 0.5);   // neither alone
}

TEST_CASE("way to pass: an above-standard outlier drives the CV - no set of schools raised to the standard can bring it under") {
    SUBCASE("one school below the standard, raising it is not enough") {
        const auto parts = county_r4({3000, 500, 500, 400});   // 30, 5, 5, 4 m²
        const auto way = ops::way_to_pass(parts, national(), kYear);
        REQUIRE(way.indicators.size() == 1);
        const auto& w = way.indicators[0];
        CHECK(w.below_standard == 1);
        CHECK_FALSE(w.all_raised_passes);
        CHECK(w.cv_all_raised == doctest::Approx(cv_of(county_r4({3000, 500, 500, 450}), kR4)));
        CHECK(w.cv_all_raised > 0.5);
        CHECK_FALSE(w.found);
        CHECK(w.proven);
        CHECK(w.raises.empty());
        CHECK_FALSE(w.cv_after);
        CHECK(w.note.en.find("no set of schools raised to the standard brings the CV under its limit") != std::string::npos);
        CHECK(w.note.zh.find("即使把全部 1 所低于标准的学校提升到标准") != std::string::npos);
    }
    SUBCASE("no school below the standard at all") {
        const auto way = ops::way_to_pass(county_r4({3000, 500, 500, 500}), national(), kYear);
        REQUIRE(way.indicators.size() == 1);
        CHECK(way.indicators[0].below_standard == 0);
        CHECK_FALSE(way.indicators[0].found);
        CHECK(way.indicators[0].proven);
        CHECK(way.indicators[0].note.en.find("no part is below the standard") != std::string::npos);
    }
}

TEST_CASE("way to pass: a 300-school county beyond the search budget gets a greedy answer marked best found, not proven fewest") {
    // 200 parts at 6 m², 100 at 1 m²: CV 0.544; about 14 of the 100 must reach 4.5 m².
    std::vector<double> r4(200, 600);
    r4.resize(300, 100);
    const auto parts = county_r4(r4);
    ops::WayOptions options;
    options.budget = 1000;   // single schools tried (100), pairs (4950) do not fit
    const auto way = ops::way_to_pass(parts, national(), kYear, options);
    REQUIRE(way.indicators.size() == 1);
    const auto& w = way.indicators[0];
    CHECK(w.below_standard == 100);
    CHECK(w.found);
    CHECK_FALSE(w.proven);
    CHECK(w.proven_up_to == 1);
    CHECK(w.raises.size() > 2);
    CHECK(w.note.en.find("the best found, not proven fewest") != std::string::npos);
    CHECK(w.note.zh.find("未证明为最少") != std::string::npos);
    const double recomputed = cv_of(applied(parts, w.raises), kR4);
    CHECK(recomputed <= 0.5);
    // One school fewer than suggested is not enough here (every candidate is alike).
    auto fewer = w.raises;
    fewer.pop_back();
    CHECK(cv_of(applied(parts, fewer), kR4) > 0.5);
    CHECK(way.schools.size() == 100);   // the 1 m² parts fail 6/7 (below 85% of 4.5)
}

TEST_CASE("way to pass: a part failing 6-of-7 gets the fewest indicators to raise, checked by the engine's rule") {
    auto weak = part("9");
    SUBCASE("one unmet above its floor may stay: one raise to the standard") {
        weak.amounts[kR4] = 400;   // 4.0 m² ≥ 85% of 4.5
        weak.amounts[kR5] = 300;   // 3.0 m² < 85% of 7.5
        const auto way = ops::way_to_pass({part("1"), weak}, national(), kYear);
        REQUIRE(way.schools.size() == 1);
        const auto& s = way.schools[0];
        CHECK(s.code == "9");
        CHECK(s.met == 5);
        REQUIRE(s.raises.size() == 1);
        CHECK(s.raises[0].indicator == kR5);
        CHECK_FALSE(s.raises[0].to_floor);
        CHECK(s.raises[0].gap.amount == 450);
        CHECK(indicators::judge(applied({weak}, s.raises)[0], national(), kYear).pass);
    }
    SUBCASE("three below their floors: two to the standard and the cheapest to its floor") {
        weak.amounts[kR4] = 100;
        weak.amounts[kR5] = 100;
        weak.amounts[kR6] = 10000;
        const auto way = ops::way_to_pass({part("1"), weak}, national(), kYear);
        REQUIRE(way.schools.size() == 1);
        const auto& s = way.schools[0];
        CHECK(s.met == 4);
        REQUIRE(s.raises.size() == 3);
        int floors = 0;
        for (const auto& r : s.raises) floors += r.to_floor ? 1 : 0;
        CHECK(floors == 1);
        CHECK(indicators::judge(applied({weak}, s.raises)[0], national(), kYear).pass);
        // No choice of two raises passes: each of the three is below its floor.
        for (std::size_t skip = 0; skip < 3; ++skip) {
            std::vector<ops::Raise> two;
            for (std::size_t k = 0; k < 3; ++k)
                if (k != skip) two.push_back(s.raises[k]);
            CHECK_FALSE(indicators::judge(applied({weak}, two)[0], national(), kYear).pass);
        }
    }
}

TEST_CASE("way to pass: from ops::county_report's result it equals the computation over the same parts, and JSON carries it") {
    ops::CountyInputs inputs;
    inputs.add_table("county.csv",
                     "学校标识码,学校名称,学段,在校生数,高于规定学历教师数,县级以上骨干教师数,体育艺术专任教师数,"
                     "教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数\n"
                     "1,城关小学,小学,100,5,2,1,1000,800,250000,3\n"
                     "2,实验小学,小学,100,5,2,1,1000,800,250000,3\n"
                     "3,河口小学,小学,100,5,2,1,50,800,250000,3\n"
                     "4,新城小学,小学,100,5,2,1,50,800,250000,3\n");
    const auto report = ops::county_report(inputs, national(), {.year = kYear, .default_year = kYear, .top = 3});
    REQUIRE(report.parts.size() == 4);
    const auto way = ops::way_to_pass(report);
    const auto doc = ops::to_json(way);
    CHECK(doc == ops::to_json(ops::way_to_pass(report.parts, national(), kYear)));
    REQUIRE(doc["indicators"].size() == 1);
    CHECK(doc["indicators"][0]["indicator"] == "R4");
    CHECK(doc["indicators"][0]["stage"] == "primary");
    CHECK(doc["indicators"][0]["proven"] == true);
    CHECK(doc["indicators"][0]["schools"].size() == 2);
    CHECK(doc["indicators"][0]["schools"][0]["amount"] == 400.0);
    CHECK(doc["indicators"][0]["schools"][0]["unit"]["zh"] == "m²");
    CHECK(doc["schools"].size() == 2);
    const auto text = ops::to_text(way);
    CHECK(text.find("【达标路径】") != std::string::npos);
    CHECK(text.find("需增加 400 m² 教学及辅助用房面积") != std::string::npos);
    CHECK(ops::to_json(ops::way_to_pass(ops::CountyReport{}))["indicators"].empty());
}
