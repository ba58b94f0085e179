// The indicator engine's results for the school year shown, as the overview draws them:
// computed on the worker after every change (pure, from domain data and the rule pack).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/entities.hpp"
#include "domain/message.hpp"
#include "indicators/school.hpp"
#include "ops/packs.hpp"

namespace jh::ui {

struct OverviewData {
    std::string pack_id;
    domain::Message pack_name;
    std::string pack_document;
    std::string pack_version;
    std::optional<indicators::SchoolResult> result;
    std::optional<domain::Message> problem;   // why there is no result (no pupils yet, unknown pack …)
    std::optional<domain::Message> pack_ended;   // the chosen plan no longer applies this year, and why
    // Per stage with pupils, where its count comes from ("1 年级按年级学籍计；2、3 年级按班级人数计"),
    // and the grades whose pupils still come from their classes for want of a roll.
    std::vector<std::pair<domain::Stage, domain::Message>> pupil_sources;
    std::optional<domain::Message> rolls_missing;
    double compute_ms = 0;                    // how long the engine took (a benchmark figure)
};

// Computing "under the pack the database selects" (ops::terminal_packs: the settings' choice,
// else the bureau's pack once received, else national): the worker resolves it, so a pack the
// sync worker kept since the model last read the settings is found too.
inline constexpr const char* kDefaultPack = "";

// Under `pack_id` of `packs` (kDefaultPack: their selected one).
std::shared_ptr<const OverviewData> compute_overview(const domain::SchoolData& data, const ops::PackSet& packs,
                                                     const std::string& pack_id);

}  // namespace jh::ui
