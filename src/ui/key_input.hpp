// Keyboard events for ImGui 1.86, which keeps key *state* rather than a queue of events: a key
// pressed and released within one poll (a fast typist, a barcode scanner, xdotool) would never
// be seen as pressed. Releases of keys pressed since the last frame are held back and
// delivered after that frame, so every press lasts at least one frame.
#pragma once
#include <GLFW/glfw3.h>

#include <bitset>
#include <vector>

namespace jh::ui {

class KeyInput {
public:
    // Takes over GLFW's key callback (after ImGui_ImplGlfw_InitForOpenGL) and forwards to ImGui.
    void install(GLFWwindow* window);
    // Call after each frame: delivers the releases held back. True when there were some, so
    // the loop draws another frame instead of waiting.
    bool release_held();

private:
    static void on_key(GLFWwindow* window, int key, int scancode, int action, int mods);
    struct Held {
        int key, scancode, mods;
    };
    GLFWwindow* window_ = nullptr;
    std::bitset<GLFW_KEY_LAST + 1> pressed_since_frame_;
    std::vector<Held> held_;
};

}  // namespace jh::ui
