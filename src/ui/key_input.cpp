// Holding back same-frame key releases; frames after a click and for a focus request to land
// (see key_input.hpp).
#include "ui/key_input.hpp"

#include <backends/imgui_impl_glfw.h>
#include <imgui_internal.h>

namespace jh::ui {
namespace {

// 1.86 turns SetKeyboardFocusHere into a navigation request resolved at the next NewFrame,
// which then activates the field (internal state: the public API does not tell).
bool focus_request_pending() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    return g.NavMoveSubmitted || g.NavNextActivateId != 0;
}

}  // namespace

void KeyInput::install(GLFWwindow* window) {
    window_ = window;
    glfwSetWindowUserPointer(window, this);
    glfwSetKeyCallback(window, &KeyInput::on_key);
    glfwSetMouseButtonCallback(window, &KeyInput::on_mouse_button);
}

void KeyInput::on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    auto* self = static_cast<KeyInput*>(glfwGetWindowUserPointer(window));
    const bool known = key >= 0 && key <= GLFW_KEY_LAST;
    // Any release after a press the frame has not seen yet waits with it: Ctrl let go right after
    // S, in the same poll of a slow frame, still makes Ctrl+S.
    if (known && action == GLFW_RELEASE && self->pressed_since_frame_.any()) {
        self->held_.push_back({key, scancode, mods});
        return;
    }
    if (known && action == GLFW_PRESS) self->pressed_since_frame_.set(static_cast<std::size_t>(key));
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

void KeyInput::on_mouse_button(GLFWwindow* window, int button, int action, int mods) {
    auto* self = static_cast<KeyInput*>(glfwGetWindowUserPointer(window));
    if (action == GLFW_RELEASE) self->frames_after_release_ = 2;
    ImGui_ImplGlfw_MouseButtonCallback(window, button, action, mods);
}

bool KeyInput::release_held() {
    pressed_since_frame_.reset();
    bool again = focus_request_pending();
    if (frames_after_release_ > 0) {
        --frames_after_release_;
        again = true;
    }
    if (held_.empty()) return again;
    for (const auto& h : held_) ImGui_ImplGlfw_KeyCallback(window_, h.key, h.scancode, GLFW_RELEASE, h.mods);
    held_.clear();
    return true;
}

}  // namespace jh::ui
