// The PIN lock (锁定): who is at the terminal decides whose name the audit log records.
// Choosing an operator and typing the PIN unlocks; the check runs on the worker because a
// PIN hash is slow to verify on purpose. It shows only what its own unlock attempts answered:
// whatever the status said before the lock belongs to the session that ended.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <optional>

#include "ui/record_form.hpp"
#include "ui/screens/screen.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {
namespace {

struct LockScreen final : Screen {
    std::size_t chosen = 0;
    std::string pin;
    std::string refused_char;   // the last character the PIN field refused
    std::uint64_t pending = 0;
    std::optional<domain::Message> refused;   // the last attempt's answer, while still locked
    bool focus = true;

    std::string_view id() const override { return "lock"; }
    const char* title(const Model& m) const override { return m.tr("lock.title"); }

    void Draw(const Model& m, Intents& in) override {
        if (pending && m.tickets_done >= pending) {
            if (m.failed_tickets.contains(pending)) refused = m.status.message;   // set by that reply
            else refused.reset();
            pending = 0;
            pin.clear();
            focus = true;
        }
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        ImGui::SetCursorPos(ImVec2(avail.x * 0.5f - 200, avail.y * 0.3f));
        ImGui::BeginGroup();
        heading(m.tr("lock.title"));
        if (m.school) ImGui::TextUnformatted(m.school->name.c_str());
        if (m.operators.empty()) {   // the shell never locks without operators; a store could still lose them
            ImGui::EndGroup();
            return;
        }
        chosen = std::min(chosen, m.operators.size() - 1);
        ImGui::SetNextItemWidth(400);
        if (ImGui::BeginCombo(m.tr("lock.operator"), m.operators[chosen].name.c_str())) {
            for (std::size_t i = 0; i < m.operators.size(); ++i)
                if (m.operators[i].active && ImGui::Selectable(m.operators[i].name.c_str(), i == chosen)) chosen = i;
            ImGui::EndCombo();
        }
        ImGui::SetNextItemWidth(400);
        if (focus) {
            ImGui::SetKeyboardFocusHere();
            focus = false;
        }
        bool submit = ImGui::InputText(m.tr("lock.pin"), &pin,
                                       ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue |
                                           ImGuiInputTextFlags_CallbackCharFilter,
                                       digits_filter, &refused_char);
        if (!refused_char.empty()) wrapped_colored(colour::amber, refused_note(m, refused_char));
        ImGui::BeginDisabled(pending != 0 || pin.empty());
        submit |= ImGui::Button(m.tr("lock.unlock"), ImVec2(200, 0));
        ImGui::EndDisabled();
        if (refused) wrapped_colored(colour::red, m.text(*refused));
        ImGui::EndGroup();
        if (submit && !pin.empty() && !pending) {
            refused.reset();
            refused_char.clear();
            pending = in.unlock(m.operators[chosen].id, m.operators[chosen].name, pin);
        }
    }
};

}  // namespace

std::unique_ptr<Screen> make_lock_screen() { return std::make_unique<LockScreen>(); }

}  // namespace jh::ui
