// One screen of the terminal: a small struct holding only UI state (filter text, selection,
// form buffers) that draws the model and pushes intents. The list of screens, in navigation
// order, is make_screens(); an id names each for --screen hooks and state dumps.
#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "ui/intents.hpp"
#include "ui/model.hpp"

namespace jh::ui {

struct Screen {
    virtual ~Screen() = default;
    virtual std::string_view id() const = 0;
    virtual const char* title(const Model& m) const = 0;
    virtual void Draw(const Model& m, Intents& in) = 0;
    // A form holds edits not saved as a record yet (they are kept as a draft regardless).
    virtual bool has_unsaved_edits() const { return false; }
    // Leaving with unsaved edits: keep them as a draft (restored on return) or drop them.
    virtual void close_forms(Intents&, bool discard) { (void)discard; }
};

std::unique_ptr<Screen> make_setup_screen();
std::unique_ptr<Screen> make_lock_screen();
std::unique_ptr<Screen> make_overview_screen();
std::unique_ptr<Screen> make_classes_screen();
std::unique_ptr<Screen> make_staff_screen();
std::unique_ptr<Screen> make_training_screen();
std::unique_ptr<Screen> make_buildings_screen();
std::unique_ptr<Screen> make_grounds_screen();
std::unique_ptr<Screen> make_equipment_screen();
std::unique_ptr<Screen> make_funds_screen();
std::unique_ptr<Screen> make_exchange_screen();
std::unique_ptr<Screen> make_years_screen();
std::unique_ptr<Screen> make_history_screen();
std::unique_ptr<Screen> make_operators_screen();
std::unique_ptr<Screen> make_settings_screen();
std::unique_ptr<Screen> make_sync_screen();

// The navigation list, in order (Ctrl+1 … Ctrl+9 reach the first nine).
std::vector<std::unique_ptr<Screen>> make_screens();

}  // namespace jh::ui
