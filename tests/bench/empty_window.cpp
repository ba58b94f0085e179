// The baselines of the terminal's figures: an empty GLFW + OpenGL 3.3 window drawing a few
// frames, as the terminal opens its own. Prints its peak RSS (VmHWM, kB) and the time from
// main() to its first frame swapped (ms) — the floor under the terminal's first frame.
#include <GLFW/glfw3.h>
#include <GL/gl.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

int main() {
    const auto started = std::chrono::steady_clock::now();
    double first_frame_ms = 0;
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    GLFWwindow* window = glfwCreateWindow(1280, 800, "empty", nullptr, nullptr);
    if (!window) return 1;
    glfwMakeContextCurrent(window);
    for (int i = 0; i < 10; ++i) {
        glfwPollEvents();
        glClearColor(0.9f, 0.9f, 0.9f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        glfwSwapBuffers(window);
        if (i == 0)
            first_frame_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0) std::printf("%ld %.1f\n", std::stol(line.substr(6)), first_frame_ms);
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
