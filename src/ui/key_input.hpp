// Keyboard and mouse events for ImGui 1.86, which keeps input *state* rather than a queue of
// events: a key pressed and released within one poll (a fast typist, a barcode scanner,
// xdotool) would never be seen as pressed. Releases that come after a key pressed since the
// last frame are held back and delivered after that frame, so every press lasts at least one
// frame, with the modifiers held when it was pressed (Ctrl released in the same poll as S).
// A click (or a tap on a touch screen, which brings no mouse motion after it) acts on the
// frame that sees its release, and what it changed shows only on the frame after that: a
// mouse release asks for both, so the loop does not go to sleep showing the window as it was
// before the click. And a field given the keyboard (SetKeyboardFocusHere) becomes active only
// on the next frame, ignoring the characters of that frame: while such a request is on its
// way the loop draws on, or the first key typed into a form opened with Enter would be lost.
#pragma once
#include <GLFW/glfw3.h>

#include <bitset>
#include <vector>

namespace jh::ui {

class KeyInput {
public:
    // Takes over GLFW's key and mouse button callbacks (after ImGui_ImplGlfw_InitForOpenGL)
    // and forwards to ImGui.
    void install(GLFWwindow* window);
    // Call after each frame: delivers the key releases held back. True when there were some,
    // a mouse button was released in the last two frames or a keyboard focus request is still
    // to land, so the loop draws another frame instead of waiting.
    bool release_held();

private:
    static void on_key(GLFWwindow* window, int key, int scancode, int action, int mods);
    static void on_mouse_button(GLFWwindow* window, int button, int action, int mods);
    struct Held {
        int key, scancode, mods;
    };
    GLFWwindow* window_ = nullptr;
    std::bitset<GLFW_KEY_LAST + 1> pressed_since_frame_;
    std::vector<Held> held_;
    int frames_after_release_ = 0;   // of a mouse button: the click's frame, then its effect's
};

}  // namespace jh::ui
