// The engine's results as JSON, for `--json` output, the bureau and the UI's export. Keys
// are documented in docs/county-format.md (county) and docs/rule-packs.md (school results);
// they are contracts: add keys, never rename them.
#pragma once
#include <nlohmann/json.hpp>

#include "indicators/county.hpp"
#include "indicators/school.hpp"

namespace jh::indicators {

nlohmann::json to_json(const CountyResult& result, const RulePack& pack);
nlohmann::json to_json(const SchoolResult& result);
nlohmann::json to_json(const MigrantShare& share);   // the county report's guarantee.G15

}  // namespace jh::indicators
