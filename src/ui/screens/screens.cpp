// The navigation order of the screens.
#include "ui/screens/screen.hpp"

namespace jh::ui {

std::vector<std::unique_ptr<Screen>> make_screens() {
    std::vector<std::unique_ptr<Screen>> all;
    all.push_back(make_overview_screen());
    all.push_back(make_classes_screen());
    all.push_back(make_staff_screen());
    all.push_back(make_training_screen());
    all.push_back(make_buildings_screen());
    all.push_back(make_grounds_screen());
    all.push_back(make_equipment_screen());
    all.push_back(make_funds_screen());
    all.push_back(make_exchange_screen());
    all.push_back(make_years_screen());
    all.push_back(make_history_screen());
    all.push_back(make_operators_screen());
    all.push_back(make_settings_screen());
    all.push_back(make_sync_screen());
    return all;
}

}  // namespace jh::ui
