// Holding back same-frame key releases (see key_input.hpp).
#include "ui/key_input.hpp"

#include <backends/imgui_impl_glfw.h>

namespace jh::ui {

void KeyInput::install(GLFWwindow* window) {
    window_ = window;
    glfwSetWindowUserPointer(window, this);
    glfwSetKeyCallback(window, &KeyInput::on_key);
}

void KeyInput::on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    auto* self = static_cast<KeyInput*>(glfwGetWindowUserPointer(window));
    const bool known = key >= 0 && key <= GLFW_KEY_LAST;
    if (known && action == GLFW_RELEASE && self->pressed_since_frame_.test(static_cast<std::size_t>(key))) {
        self->held_.push_back({key, scancode, mods});
        return;
    }
    if (known && action == GLFW_PRESS) self->pressed_since_frame_.set(static_cast<std::size_t>(key));
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

bool KeyInput::release_held() {
    pressed_since_frame_.reset();
    if (held_.empty()) return false;
    for (const auto& h : held_) ImGui_ImplGlfw_KeyCallback(window_, h.key, h.scancode, GLFW_RELEASE, h.mods);
    held_.clear();
    return true;
}

}  // namespace jh::ui
