// The frame around the screens: navigation on the left, school / year / operator / undo on
// top, status and sync line at the bottom; first-run setup and the PIN lock take the whole
// window when due. Owns the screens and guards leaving one with unsaved edits.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ui/screens/screen.hpp"

namespace jh::ui {

class Shell {
public:
    explicit Shell(const std::string& first_screen);

    void Draw(const Model& m, Intents& in);
    // Goes to a screen, asking first when the current one has unsaved edits.
    void navigate(const std::string& id, Intents& in);
    void request_quit() { quit_asked_ = true; }
    std::string_view current_id() const;

private:
    void draw_navigation(const Model& m, Intents& in);
    void draw_top_bar(const Model& m, Intents& in);
    void draw_status_bar(const Model& m);
    void draw_leave_guard(const Model& m, Intents& in);
    void shortcuts(const Model& m, Intents& in);
    void go(std::size_t index);

    std::vector<std::unique_ptr<Screen>> screens_;
    std::unique_ptr<Screen> setup_, lock_;
    std::size_t current_ = 0;
    // A move waiting on the unsaved-edits question: a screen index, or quitting.
    std::optional<std::size_t> pending_screen_;
    bool pending_quit_ = false;
    bool quit_asked_ = false;
};

}  // namespace jh::ui
