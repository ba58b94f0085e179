// Operators and PIN lock (操作员): who may use the terminal. Each change is recorded in the
// audit log under the operator who unlocked it.

#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/record_form.hpp"
#include "ui/screens/screen.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {
namespace {

struct OperatorsScreen final : Screen {
    std::string name, pin;
    std::string refused_char;   // the last character the PIN field refused
    domain::OperatorRole role = domain::OperatorRole::Clerk;
    std::uint64_t pending = 0;

    std::string_view id() const override { return "operators"; }
    const char* title(const Model& m) const override { return m.tr("nav.operators"); }
    bool has_unsaved_edits() const override { return !name.empty(); }
    void close_forms(Intents&, bool discard) override {
        if (discard) name.clear();
        pin.clear();
    }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.operators"));
        if (pending && m.tickets_done >= pending) {
            if (!m.failed_tickets.contains(pending)) name.clear();
            pin.clear();
            pending = 0;
        }
        if (ImGui::BeginTable("##ops", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter)) {
            ImGui::TableSetupColumn(m.tr("operators.name"));
            ImGui::TableSetupColumn(m.tr("operators.role"));
            ImGui::TableSetupColumn(m.tr("operators.pin"));
            ImGui::TableHeadersRow();
            for (const auto& o : m.operators) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(o.name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(std::string(m.label(domain::label(o.role))).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(o.pin_hash.empty() ? m.tr("common.no") : m.tr("common.yes"));
            }
            ImGui::EndTable();
        }
        ImGui::Spacing();
        heading(m.tr("operators.add"));
        ImGui::SetNextItemWidth(260);
        if (ImGui::InputText(m.tr("operators.name"), &name)) in.need_glyphs(name);
        ImGui::SetNextItemWidth(260);
        if (ImGui::BeginCombo(m.tr("operators.role"), std::string(m.label(domain::label(role))).c_str())) {
            for (auto r : {domain::OperatorRole::Admin, domain::OperatorRole::Clerk})
                if (ImGui::Selectable(std::string(m.label(domain::label(r))).c_str(), r == role)) role = r;
            ImGui::EndCombo();
        }
        ImGui::SetNextItemWidth(260);
        ImGui::InputText(m.tr("operators.pin"), &pin, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CallbackCharFilter,
                         digits_filter, &refused_char);
        if (!refused_char.empty()) wrapped_colored(colour::amber, refused_note(m, refused_char));
        const bool ok = !name.empty() && pin.size() >= 4 && !pending;
        if (!pin.empty() && pin.size() < 4) wrapped_colored(colour::red, m.tr("setup.pin_problem"));
        ImGui::BeginDisabled(!ok);
        if (ImGui::Button(m.tr("operators.add_button"))) pending = in.add_operator(name, role, pin);
        ImGui::EndDisabled();
        ImGui::Spacing();
        muted_text(m.tr("operators.lock_hint"));
        ImGui::BeginDisabled(m.operators.empty());
        if (ImGui::Button(m.tr("top.lock"))) in.lock();
        ImGui::EndDisabled();
    }
};

}  // namespace

std::unique_ptr<Screen> make_operators_screen() { return std::make_unique<OperatorsScreen>(); }

}  // namespace jh::ui
