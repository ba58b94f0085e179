// Funds (经费): the year's public-funds budget and teacher-training spending (item Q4:
// training ≥ 5% of public funds), special-education funds, funded pupils (item G6).
#include "ui/record_panel.hpp"
#include "ui/screens/screen.hpp"

namespace jh::ui {
namespace {

struct FundsScreen final : Screen {
    RecordPanel<domain::Funds> panel{{"public_budget", "training_spending", "special_ed_per_pupil", "funded_pupils"}};

    std::string_view id() const override { return "funds"; }
    const char* title(const Model& m) const override { return m.tr("nav.funds"); }
    bool has_unsaved_edits() const override { return panel.has_unsaved_edits(); }
    void close_forms(Intents& in, bool discard) override { panel.close_forms(in, discard); }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.funds"));
        for (const auto& f : m.data->funds)
            if (f.public_budget > 0)
                ImGui::Text(m.tr("funds.training_share"), 100.0 * f.training_spending / f.public_budget);
        muted_text(m.tr("funds.hint"));
        panel.Draw(m, in);
    }
};

}  // namespace

std::unique_ptr<Screen> make_funds_screen() { return std::make_unique<FundsScreen>(); }

}  // namespace jh::ui
