// The window, the event loop and the frame: drain worker replies, extend the font atlas if
// new characters appeared, draw the shell and the current screen, then hand the frame's
// intents to the worker. Idle means no frames: the loop sleeps in glfwWaitEvents until input
// arrives or the worker posts an empty event.
#include "ui/app.hpp"

#define GL_SILENCE_DEPRECATION
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <future>
#include <iostream>
#include <map>
#include <optional>

#include "ui/capture.hpp"
#include "ui/fonts.hpp"
#include "ui/key_input.hpp"
#include "ui/shell.hpp"
#include "ui/sync_link.hpp"
#include "ui/worker.hpp"

namespace jh::ui {
namespace {

using Clock = std::chrono::steady_clock;
constexpr float kBasePixels = 18.0f;
constexpr double kIdleWaitSeconds = 30.0;

double thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

std::optional<std::string> env(const char* name) {
    const char* v = std::getenv(name);
    if (!v || !*v) return std::nullopt;
    return std::string(v);
}

// The drafts a form may have left: one per record kind, plus the setup form.
std::vector<std::string> draft_keys() {
    std::vector<std::string> keys{"form:setup", "form:school"};
    domain::for_each_year_entity([&](auto tag) { keys.push_back("form:" + std::string(domain::Entity<decltype(tag)>::table)); });
    return keys;
}

using Settings = std::map<std::string, std::string>;

Settings read_settings(store::Store& store) {
    Settings settings;
    for (const char* key : {"language", "font_scale", "window_size", "rule_pack", "operator", "lock_on_start", "idle_lock_minutes",
                            "exchange_folder", "usb_folder"})
        if (auto v = store.setting(key)) settings[key] = *v;
    return settings;
}

// Everything the model shows at start, read once before the first frame.
Model open_model(store::Store& store, const TerminalOptions& options, Settings settings) {
    Language language = options.language == "en" ? Language::En : parse_language(settings["language"]);
    Model m(language);
    m.db_path = options.db;
    m.settings = std::move(settings);
    for (const auto& key : draft_keys())
        if (auto d = store.draft(key)) m.drafts[key] = *d;
    m.apply(take_snapshot(store, store.latest_year().value_or(0), kDefaultPack));
    m.operator_name = m.setting("operator", "");
    if (!m.operator_name.empty()) store.set_operator(m.operator_name);
    if (m.setting("lock_on_start", "0") == "1" && !m.operators.empty()) m.lock();
    return m;
}

void style_calm(float scale) {
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();   // ScaleAllSizes multiplies: start from the unscaled sizes every time
    ImGui::StyleColorsLight();
    s.WindowRounding = 0;
    s.FrameRounding = 4;
    s.GrabRounding = 4;
    s.ChildRounding = 6;
    s.PopupRounding = 6;
    s.FramePadding = ImVec2(8, 5);
    s.ItemSpacing = ImVec2(10, 7);
    s.CellPadding = ImVec2(6, 4);
    s.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1);
    s.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
    s.Colors[ImGuiCol_Header] = ImVec4(0.80f, 0.87f, 0.95f, 1);
    s.Colors[ImGuiCol_Button] = ImVec4(0.86f, 0.90f, 0.95f, 1);
    s.Colors[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
    s.FrameBorderSize = 1;
    s.ScaleAllSizes(scale);
}

float font_scale(const Model& m) {
    const float s = std::strtof(m.setting("font_scale", "1").c_str(), nullptr);
    return s >= 0.75f && s <= 3.0f ? s : 1.0f;
}

// The idle lock's delay (the setting, in minutes; fractions allowed), or none when it is off.
std::optional<std::chrono::duration<double>> idle_lock_after(const Model& m) {
    const double minutes = std::strtod(m.setting("idle_lock_minutes", "0").c_str(), nullptr);
    if (!(minutes > 0) || m.operators.empty()) return std::nullopt;   // nobody could unlock
    return std::chrono::duration<double>(minutes * 60);
}

// Whether the person at the terminal did anything this frame (the idle lock counts from it).
bool had_input(const ImGuiIO& io) {
    if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 || io.MouseWheelH != 0 ||
        !io.InputQueueCharacters.empty())
        return true;
    for (bool down : io.MouseDown)
        if (down) return true;
    for (bool down : io.KeysDown)
        if (down) return true;
    return false;
}

std::pair<int, int> window_size(const Settings& settings) {
    int w = 1280, h = 800;
    const auto it = settings.find("window_size");
    if (it == settings.end() || std::sscanf(it->second.c_str(), "%dx%d", &w, &h) != 2 || w < 640 || h < 480)
        return {1280, 800};
    return {w, h};
}

// What the start-up thread hands the first frame.
struct Prepared {
    store::Store store;
    Model model;
    BuiltAtlas atlas;
    double model_ms = 0;
};

// The database, the model, then an atlas of exactly the characters the first frames can show:
// every fixed text of the interface and every character of the loaded data (plus, as the
// benchmark's baseline, the full Chinese range). The window's size is passed on as soon as the
// settings are read.
Prepared prepare(const TerminalOptions& options, bool full_range, std::promise<std::pair<int, int>>& window) {
    const auto started = Clock::now();
    std::optional<store::Store> store;
    Settings settings;
    try {
        store = store::Store::open(options.db);
        settings = read_settings(*store);
        window.set_value(window_size(settings));
    } catch (...) {
        window.set_exception(std::current_exception());
        throw;
    }
    Model model = open_model(*store, options, std::move(settings));
    const double model_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    GlyphSet wanted = base_glyphs();
    add_text(wanted, interface_text());
    add_text(wanted, model_text(model));
    if (full_range) add_full_chinese_range(wanted);
    BuiltAtlas atlas = build_atlas(find_chinese_faces(), wanted, kBasePixels * font_scale(model));
    return Prepared{std::move(*store), std::move(model), std::move(atlas), model_ms};
}

class Terminal {
public:
    Terminal(const TerminalOptions& options, Clock::time_point started) : options_(options), started_(started) {}

    int run() {
        // The window with its GL context (this thread: GLFW wants the main one) and the
        // database, model and first atlas (a start-up thread) need nothing from each other but
        // the window's size, so they overlap.
        std::promise<std::pair<int, int>> size_promise;
        auto size = size_promise.get_future();
        auto startup = std::async(std::launch::async, [&, full_range = env("JUNHENG_GLYPHS") == "full"] {
            return prepare(options_, full_range, size_promise);
        });
        Fonts fonts([] { glfwPostEmptyEvent(); });
        const double window_start = since_start();
        const bool opened = open_window(size, fonts);
        timings_.window_ms = since_start() - window_start;
        Prepared prepared = startup.get();
        if (!opened) return 1;
        Model model = std::move(prepared.model);
        model.open_form = env("JUNHENG_FORM").value_or("");
        timings_.model_ms = prepared.model_ms;
        timings_.atlas_ms = prepared.atlas.build_ms;
        fonts.install(std::move(prepared.atlas));
        Shell shell(env("JUNHENG_SCREEN").value_or("overview"));
        {
            Worker worker(std::move(prepared.store), [] { glfwPostEmptyEvent(); });
            SyncLink sync(options_.db, [] { glfwPostEmptyEvent(); });   // its own thread and connection
            sync_ = &sync;
            loop(model, fonts, shell, worker);
            sync.stop();
            sync_ = nullptr;
            worker.post([size = current_window_size()](store::Store& s) -> Reply {
                s.set_setting("window_size", size);
                return nullptr;
            });
            worker.wait_idle();
            for (auto& reply : worker.take_replies()) reply(model);
        }
        // No build may be left to wake a window that is gone; the state reports an atlas with
        // every character asked for so far.
        fonts.settle();
        if (auto out = env("JUNHENG_STATE_OUT")) write_state(*out, model, shell, fonts, timings_);
        close_window();
        return 0;
    }

private:
    bool open_window(std::future<std::pair<int, int>>& size, Fonts& fonts) {
        if (!glfwInit()) {
            std::cerr << "junheng: cannot open a window (no display?)\n";
            return false;
        }
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
        glfwWindowHint(GLFW_DEPTH_BITS, 0);   // ImGui tests neither depth nor stencil
        glfwWindowHint(GLFW_STENCIL_BITS, 0);
        const auto [width, height] = size.get();
        window_ = glfwCreateWindow(width, height, "均衡 Junheng", nullptr, nullptr);
        if (!window_) {
            std::cerr << "junheng: cannot create an OpenGL 3.3 window\n";
            glfwTerminate();
            return false;
        }
        glfwMakeContextCurrent(window_);
        glfwSwapInterval(1);
        IMGUI_CHECKVERSION();
        ImGui::CreateContext(fonts.shown_atlas());
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;   // layout is fixed; window size lives in the database
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        io.ConfigInputTextCursorBlink = false;   // a blinking caret would need frames while idle
        ImGui_ImplGlfw_InitForOpenGL(window_, true);
        keys_.install(window_);
        ImGui_ImplOpenGL3_Init("#version 330 core");
        // Shaders now, while the start-up thread builds the atlas (the placeholder font's
        // texture is replaced when the built atlas is installed).
        ImGui_ImplOpenGL3_CreateDeviceObjects();
        return true;
    }

    void close_window() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
        glfwDestroyWindow(window_);
        glfwTerminate();
    }

    double since_start() const { return std::chrono::duration<double, std::milli>(Clock::now() - started_).count(); }

    std::string current_window_size() const {
        int w = 0, h = 0;
        glfwGetWindowSize(window_, &w, &h);
        return std::to_string(w) + "x" + std::to_string(h);
    }

    void loop(Model& model, Fonts& fonts, Shell& shell, Worker& worker) {
        std::uint64_t next_ticket = 0;
        float applied_scale = 0;
        int frames = 0;
        int settle_frames = 2;   // ImGui needs a frame or two after input to settle
        bool quitting = false;
        const bool bounded = options_.quit_after_frames.has_value();
        std::string shown_screen;
        for (;;) {
            if (bounded || settle_frames > 0) glfwPollEvents();
            else {
                // Asleep until input, or until the idle lock is due (no later).
                double wait = kIdleWaitSeconds;
                if (const auto after = idle_lock_after(model); after && !model.locked)
                    wait = std::clamp(std::chrono::duration<double>(*after - (Clock::now() - last_input_)).count() + 0.05,
                                      0.05, kIdleWaitSeconds);
                glfwWaitEventsTimeout(wait);
                settle_frames = 2;
            }
            --settle_frames;
            const double cpu_start = thread_cpu_ms();
            auto replies = worker.take_replies();
            for (auto& reply : replies) reply(model);
            const bool sync_changed = sync_ && sync_->pull(model, worker);
            if (!replies.empty() || sync_changed) {
                fonts.need(model_text(model));   // loaded names may hold characters new to the atlas
                settle_frames = 2;
            }
            model.worker_busy = worker.busy();
            const float scale = font_scale(model);
            if (scale != applied_scale) {
                style_calm(scale);
                applied_scale = scale;
            }
            if (fonts.update(kBasePixels * scale)) settle_frames = 2;   // text sizes may have changed
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            ImGui::NewFrame();
            Intents intents(model.year, kDefaultPack, next_ticket);
            if (had_input(ImGui::GetIO())) last_input_ = Clock::now();
            if (const auto after = idle_lock_after(model); after && !model.locked && Clock::now() - last_input_ >= *after)
                intents.lock();   // left alone: the next person must give a PIN
            if (glfwWindowShouldClose(window_)) {
                glfwSetWindowShouldClose(window_, GLFW_FALSE);
                shell.request_quit();
            }
            shell.Draw(model, intents);
            ImGui::Render();
            int fw = 0, fh = 0;
            glfwGetFramebufferSize(window_, &fw, &fh);
            glViewport(0, 0, fw, fh);
            glClearColor(0.97f, 0.97f, 0.96f, 1);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            timings_.fallback_last_frame = fallback_glyphs_drawn(ImGui::GetDrawData());
            timings_.fallback_frames += timings_.fallback_last_frame > 0;
            ++frames;
            const bool last = quitting || (bounded && frames >= *options_.quit_after_frames);
            if (last && options_.screenshot && !write_screenshot(*options_.screenshot, fw, fh))
                std::cerr << "junheng: could not write " << options_.screenshot->string() << "\n";
            glfwSwapBuffers(window_);
            if (frames == 1) timings_.first_frame_ms = since_start();

            if (keys_.release_held()) settle_frames = std::max(settle_frames, 1);
            apply_intents(model, intents, fonts, worker, shell);
            // A message belongs to the screen it was given on: another screen starts with a clear bar.
            if (shell.current_id() != shown_screen) {
                if (!shown_screen.empty()) model.status = {};
                shown_screen = std::string(shell.current_id());
            }
            timings_.frame_cpu_ms.push_back(thread_cpu_ms() - cpu_start);
            dump_on_change(model, fonts, shell);
            if (last) return;
            if (intents.quit_requested()) {
                quitting = true;   // one more frame, so a screenshot shows the final state
                settle_frames = 1;
            }
        }
    }

    void apply_intents(Model& model, Intents& intents, Fonts& fonts, Worker& worker, Shell& shell) {
        fonts.need(intents.glyph_text());
        for (const auto& [key, value] : intents.settings_changed()) {
            model.settings[key] = value;
            if (key == "language") model.catalogue = Catalogue::load(parse_language(value));
            if (key == "operator") model.set_operator(value);
        }
        for (const auto& [key, content] : intents.drafts_changed()) {
            if (content) model.drafts[key] = *content;
            else model.drafts.erase(key);
        }
        if (intents.lock_requested()) model.lock();
        if (intents.status_cleared()) model.status = {};
        if (intents.navigation()) shell.navigate(*intents.navigation(), intents);
        if (sync_) sync_->push(intents);
        for (auto& job : intents.take_jobs()) worker.post(std::move(job));
    }

    // JUNHENG_STATE_OUT is also written while running, whenever the data or the sync state
    // changed, so a test can wait for a sync to finish without closing the window.
    void dump_on_change(const Model& model, const Fonts& fonts, const Shell& shell) {
        if (!state_out_) return;
        const auto key = std::make_pair(model.data_version, model.sync ? model.sync->generation : 0);
        if (key == dumped_) return;
        dumped_ = key;
        write_state(*state_out_, model, shell, fonts, timings_);
    }

    const TerminalOptions& options_;
    SyncLink* sync_ = nullptr;   // while the loop runs
    const std::optional<std::string> state_out_ = env("JUNHENG_STATE_OUT");
    std::pair<std::uint64_t, std::uint64_t> dumped_{~0ull, ~0ull};
    Clock::time_point started_;
    GLFWwindow* window_ = nullptr;
    Clock::time_point last_input_ = Clock::now();
    KeyInput keys_;
    Timings timings_;
};

}  // namespace

int run_terminal(const TerminalOptions& options) {
    const auto started = Clock::now();
    try {
        return Terminal(options, started).run();
    } catch (const domain::Rejected& e) {
        std::cerr << "junheng: " << e.message().en << "\n";
        return 1;
    }
}

}  // namespace jh::ui
