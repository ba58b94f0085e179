// The folder picker the import/export screen and the sync screen's USB panel share: the places
// row (home, desktop, documents, USB drives), the folder box, the parent and the sub-folders.
// It draws a FolderView listed on the worker (folders.hpp) and asks for another listing through
// `open`; it never reads the disk itself.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "ui/folders.hpp"
#include "ui/model.hpp"

namespace jh::ui {

// A small folder drawn before a sub-folder's name, so folders read as folders at a glance.
void folder_icon();
// Why a folder shows nothing, in the interface language.
const char* folder_problem_text(const Model& m, FolderView::Problem problem);
// A place's button label (a drive by its name).
std::string place_label(const Model& m, const Place& place);

class FolderPicker {
public:
    using Open = std::function<void(const std::string& folder)>;
    // Places, the folder box (Enter or 打开 lists it), then `lines` lines of parent and
    // sub-folders (a click opens one); files are not listed.
    void draw(const Model& m, const std::optional<FolderView>& view, const Open& open, float lines);

private:
    std::string typed_, shown_;
};

}  // namespace jh::ui
