// The window's help (F1): a panel beside the screen showing the user guide's section for the
// screen on view (ui/guide), offline, with a contents list to read any other section. It
// follows the screen while open, so moving to another screen shows that screen's page.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "ui/intents.hpp"
#include "ui/model.hpp"

namespace jh::ui {

class HelpPanel {
public:
    // F1: opens the page for `screen_id`, or closes the panel when it is open.
    void toggle(std::string_view screen_id, Intents& in);
    // The screen on view, every frame: an open panel turns to that screen's page when it changes.
    void follow(std::string_view screen_id, Intents& in);
    void Draw(const Model& m, Intents& in);

    bool open() const { return open_; }
    std::size_t section() const { return section_; }

private:
    void show(std::size_t section, Intents& in);

    bool open_ = false;
    std::size_t section_ = 0;
    std::string screen_;        // the screen the page was chosen for
    bool scroll_to_top_ = false;
};

}  // namespace jh::ui
