// Runs the indicator engine for the overview.
#include "ui/overview_data.hpp"

#include <chrono>

namespace jh::ui {

std::shared_ptr<const OverviewData> compute_overview(const domain::SchoolData& data, const std::string& pack_id) {
    const auto started = std::chrono::steady_clock::now();
    auto out = std::make_shared<OverviewData>();
    out->pack_id = pack_id;
    try {
        const auto& pack = indicators::find_pack(pack_id);
        out->pack_name = pack.name;
        out->pack_document = pack.document;
        out->pack_version = pack.version;
        out->result = indicators::evaluate(data, pack);
    } catch (const domain::Rejected& e) {
        out->problem = e.message();
    }
    out->compute_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return out;
}

}  // namespace jh::ui
