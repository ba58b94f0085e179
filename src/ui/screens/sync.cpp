// Sync and submission status (同步与上报): the place the sync client will fill. Until it is
// configured this says so plainly, with what is already true locally.
#include "ui/screens/screen.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {
namespace {

struct SyncScreen final : Screen {
    std::string_view id() const override { return "sync"; }
    const char* title(const Model& m) const override { return m.tr("nav.sync"); }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.sync"));
        wrapped_colored(colour::amber, m.tr("sync.not_configured"));
        muted_text(m.tr("sync.explain"));
        ImGui::Spacing();
        ImGui::TextUnformatted(m.tr("sync.meanwhile_title"));
        muted_text(m.tr("sync.meanwhile"));
        if (ImGui::Button(m.tr("sync.go_exchange"))) in.navigate("exchange");
        ImGui::Spacing();
        const std::string bureau = m.school && m.school->bureau_url ? *m.school->bureau_url : m.tr("sync.no_bureau");
        ImGui::Text("%s %s", m.tr("sync.bureau"), bureau.c_str());
        if (const auto* y = m.current_year())
            ImGui::Text("%s %s", m.tr("sync.year_status"), std::string(m.label(domain::label(y->status))).c_str());
    }
};

}  // namespace

std::unique_ptr<Screen> make_sync_screen() { return std::make_unique<SyncScreen>(); }

}  // namespace jh::ui
