// Folder listings and shortcuts for the import/export screen (worker side).
#include "ui/folders.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "ui/text_order.hpp"

namespace jh::ui {
namespace {

namespace fs = std::filesystem;

bool importable(const fs::path& name) {
    std::string ext = name.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".csv" || ext == ".json" || ext == ".db";   // .db: a backup to restore
}

bool hidden(const std::string& name) { return !name.empty() && name.front() == '.'; }

fs::path absolute_folder(const std::string& folder, const fs::path& home) {
    fs::path p;
    if (folder == "~") p = home;
    else if (folder.starts_with("~/")) p = home / folder.substr(2);
    else p = fs::path(folder).is_absolute() ? fs::path(folder) : home / folder;
    p = p.lexically_normal();
    // "/a/b/" normalises to "/a/b/" with an empty last element: drop it so parent_path is /a.
    if (p.has_relative_path() && p.filename().empty()) p = p.parent_path();
    return p;
}

FolderView::Problem problem_of(const std::error_code& ec) {
    if (ec == std::errc::no_such_file_or_directory) return FolderView::Problem::Missing;
    if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted) return FolderView::Problem::Denied;
    if (ec == std::errc::not_a_directory) return FolderView::Problem::NotFolder;
    return FolderView::Problem::Unreadable;
}

bool is_folder(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

// A mount point with nothing in it is a drive that is not plugged in.
bool holds_something(const fs::path& p) {
    std::error_code ec;
    fs::directory_iterator it(p, ec);
    return !ec && it != fs::directory_iterator();
}

void add_drives_in(const fs::path& parent, const fs::path& skip, std::vector<Place>& drives) {
    std::error_code ec;
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path p = it->path();
        if (p == skip || hidden(p.filename().string()) || !is_folder(p) || !holds_something(p)) continue;
        drives.push_back({Place::Kind::Drive, p.string(), p.filename().string()});
    }
}

}  // namespace

FolderView list_folder(const std::string& folder, const fs::path& home) {
    const fs::path path = absolute_folder(folder, home);
    FolderView view;
    view.folder = path.string();
    if (path.has_relative_path()) view.parent = path.parent_path().string();
    std::error_code ec;
    fs::directory_iterator it(path, ec);
    for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (hidden(name)) continue;
        std::error_code type_ec;
        if (it->is_directory(type_ec)) view.folders.push_back(name);
        else if (it->is_regular_file(type_ec) && importable(name)) view.files.push_back(name);
    }
    if (ec) {
        view.problem = problem_of(ec);
        view.folders.clear();
        view.files.clear();
        return view;
    }
    sort_for_people(view.folders);
    sort_for_people(view.files);
    return view;
}

std::vector<Place> find_places(const fs::path& home, const std::string& user, const fs::path& root) {
    std::vector<Place> places;
    if (is_folder(home)) places.push_back({Place::Kind::Home, home.string(), {}});
    auto first_of = [&](Place::Kind kind, std::initializer_list<const char*> names) {
        for (const char* name : names)
            if (is_folder(home / name)) return places.push_back({kind, (home / name).string(), {}});
    };
    first_of(Place::Kind::Desktop, {"桌面", "Desktop"});
    first_of(Place::Kind::Documents, {"文档", "Documents"});

    std::vector<Place> drives;
    const fs::path media_user = root / "media" / user;
    if (!user.empty()) add_drives_in(media_user, {}, drives);
    add_drives_in(root / "media", media_user, drives);
    if (!user.empty()) add_drives_in(root / "run" / "media" / user, {}, drives);
    add_drives_in(root / "mnt", {}, drives);
    sort_for_people(drives, [](const Place& d) -> const std::string& { return d.name; });
    places.insert(places.end(), drives.begin(), drives.end());
    return places;
}

std::string start_folder(const fs::path& home) {
    const fs::path ours = home / "junheng-files";
    return (is_folder(ours) ? ours : home).string();
}

FolderView browse(const std::string& folder) {
    const char* home_env = std::getenv("HOME");
    const char* user_env = std::getenv("USER");
    const fs::path home = home_env && *home_env ? home_env : "/";
    FolderView view = list_folder(folder.empty() ? start_folder(home) : folder, home);
    view.places = find_places(home, user_env ? user_env : home.filename().string(), "/");
    return view;
}

}  // namespace jh::ui
