// Test hooks: a PNG of the window (--screenshot) and the view model as JSON
// (JUNHENG_STATE_OUT=path), so end-to-end tests check what the app shows without a human.
#pragma once
#include <filesystem>
#include <vector>

#include "ui/fonts.hpp"
#include "ui/model.hpp"

struct ImDrawData;
#include "ui/shell.hpp"

namespace jh::ui {

// Reads the back buffer (call before swapping) and writes it as PNG, top row first.
bool write_screenshot(const std::filesystem::path& path, int width, int height);

struct Timings {
    double first_frame_ms = 0;          // run_terminal entered → first frame swapped
    double model_ms = 0;                // start-up thread: opening the database, reading the year, indicators
    double window_ms = 0;               // meanwhile, main thread: GLFW window, GL context, ImGui backends
    double atlas_ms = 0;                // start-up thread, after the model: the first font atlas
    std::vector<double> frame_cpu_ms;   // CPU time of each frame's work (input to swap), in order
    // Glyphs drawn as the missing-glyph box (the atlas lacked their character), counted in the
    // vertices each frame actually drew: in the last frame, and how many frames drew any.
    int fallback_last_frame = 0;
    int fallback_frames = 0;
};

// How many glyphs `draw_data` draws with the font's fallback glyph — characters the atlas
// does not hold, whatever code drew them (widgets, draw lists, inputs).
int fallback_glyphs_drawn(const ImDrawData* draw_data);

// Names the item just drawn (a button) for end-to-end tests: the state dump's `marks` gives
// its centre in window pixels as `<name>_x` / `<name>_y`, while it was drawn in the last frame,
// so a test clicks it wherever the layout put it.
void mark_for_tests(const char* name);

// The model as tests assert on it: school, year, record counts, indicators and verdicts,
// status, font coverage of every character in the data and the UI; and of the last frame, the
// screen shown, the top bar's undo button, the tables' column widths and the help page open.
void write_state(const std::filesystem::path& path, const Model& model, const Shell& shell, const Fonts& fonts,
                 const Timings& timings);

}  // namespace jh::ui
