// Small drawing helpers every screen shares: the traffic-light colours, values shown in the
// UI language, confirmation popups, headings.
#pragma once
#include <imgui.h>

#include <functional>
#include <string>
#include <string_view>

#include "domain/fields.hpp"
#include "ui/model.hpp"

namespace jh::ui {

namespace colour {
inline const ImVec4 green{0.18f, 0.49f, 0.20f, 1.0f};    // #2E7D32 met
inline const ImVec4 amber{0.94f, 0.63f, 0.0f, 1.0f};     // #F0A000 within reach
inline const ImVec4 red{0.78f, 0.16f, 0.16f, 1.0f};      // #C62828 not met
inline const ImVec4 muted{0.45f, 0.45f, 0.45f, 1.0f};
inline const ImVec4 accent{0.10f, 0.38f, 0.66f, 1.0f};
}  // namespace colour

// A value as the user reads it: enums by their label in the UI language, bools 是/否 or yes/no.
std::string shown(const Model& m, domain::FieldType type, std::span<const domain::EnumLabel> labels,
                  const domain::Value& value);
template <class R> std::string shown(const Model& m, const domain::Field<R>& f, const R& record) {
    return shown(m, f.type, f.enum_labels, f.get(record));
}

// The staff members (by person) a training record can belong to.
struct PersonChoice {
    domain::Id person_id;
    std::string name;
};

void heading(const char* text);
void muted_text(const char* text);
void wrapped_colored(const ImVec4& colour, const std::string& text);

// A modal asking to confirm a destructive action. Open with ImGui::OpenPopup(id); returns
// true on the frame the user confirms.
bool confirm_popup(const Model& m, const char* id, const std::string& question);

// The question asked before unsaved edits are left, wherever they are left from (another
// screen, quitting, Esc on the form): keep them as a draft and leave (Enter), discard them, or
// stay (Esc). Open with ImGui::OpenPopup(id); returns the answer on the frame it is given. The
// key that opened it (Esc on a form) does not also answer it on the frame it appears.
enum class LeaveAnswer { None, Keep, Discard, Stay };
LeaveAnswer leave_question(const Model& m, const char* id);

// `text` cut at a character boundary and ended with "…" so that width_of(result) <= max_width;
// `text` itself when it fits; "…" alone when nothing more does.
std::string ellipsized(std::string_view text, float max_width, const std::function<float(std::string_view)>& width_of);

// The label `describe(detail)` of a button no wider than `max_width`: `detail` is cut with "…"
// when the whole label does not fit (the caller shows the full one as a tooltip).
std::string fitted_label(std::string_view detail, float max_width, const std::function<std::string(std::string_view)>& describe);

// Ctrl+<key> pressed this frame (GLFW key codes, as the 1.86 backend maps them).
bool ctrl_pressed(int glfw_key);

}  // namespace jh::ui
