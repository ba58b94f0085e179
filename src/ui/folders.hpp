// The folders the import/export screen browses: a folder's sub-folders and importable files,
// and the places a school administrator looks for files (home, desktop, documents, USB
// drives). These read the disk, so they run on the worker; the screen draws what they found.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace jh::ui {

// A folder worth a shortcut, present right now.
struct Place {
    enum class Kind { Home, Desktop, Documents, Drive };
    Kind kind;
    std::string path;
    std::string name;   // a drive's folder name (usually its volume label)
};

struct FolderView {
    // Why a folder shows nothing: the screen says it in the interface language.
    enum class Problem { None, Missing, Denied, NotFolder, Unreadable };
    std::string folder;                  // absolute, normalised
    std::optional<std::string> parent;   // empty at the root
    std::vector<std::string> folders;    // sub-folder names without hidden ones, in people's order
    std::vector<std::string> files;      // .csv, .json and .db (backup) names (any case), in people's order
    Problem problem = Problem::None;
    std::vector<Place> places;
};

// Lists `folder`; "~" at its start means `home`, and a relative path is taken from `home`.
FolderView list_folder(const std::string& folder, const std::filesystem::path& home);

// The shortcuts that exist now: `home`, its 桌面/Desktop and 文档/Documents folders, and the
// drives mounted (non-empty folders) in ROOT/media/USER, ROOT/media, ROOT/run/media/USER and
// ROOT/mnt, where `root` is "/" but in tests.
std::vector<Place> find_places(const std::filesystem::path& home, const std::string& user, const std::filesystem::path& root);

// The folder the screen opens on: `home`/junheng-files when it exists, else `home`.
std::string start_folder(const std::filesystem::path& home);

// What the screen lists: `folder` (empty: the start folder) with this machine's places, for the
// user running the terminal (HOME, USER).
FolderView browse(const std::string& folder);

}  // namespace jh::ui
