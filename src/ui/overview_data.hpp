// The indicator engine's results for the school year shown, as the overview draws them:
// computed on the worker after every change (pure, from domain data and the rule pack).
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "domain/entities.hpp"
#include "domain/message.hpp"
#include "indicators/school.hpp"

namespace jh::ui {

struct OverviewData {
    std::string pack_id;
    domain::Message pack_name;
    std::string pack_document;
    std::string pack_version;
    std::optional<indicators::SchoolResult> result;
    std::optional<domain::Message> problem;   // why there is no result (no pupils yet, unknown pack …)
    double compute_ms = 0;                    // how long the engine took (a benchmark figure)
};

// The pack in force when none is chosen in settings.
inline constexpr const char* kDefaultPack = "national";

std::shared_ptr<const OverviewData> compute_overview(const domain::SchoolData& data, const std::string& pack_id);

}  // namespace jh::ui
