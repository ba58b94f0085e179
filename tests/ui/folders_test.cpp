// The import/export screen's folder browsing on real temporary folders: what a folder lists, in
// which order, what a folder that cannot be listed says, and which places get a shortcut.
#include <doctest/doctest.h>

#include <fstream>
#include <random>

#include "ui/folders.hpp"

namespace fs = std::filesystem;
using jh::ui::FolderView;
using jh::ui::Place;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("junheng-folders-" + std::to_string(std::random_device{}()));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

void touch(const fs::path& p) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "x";
}

std::vector<std::string> names_of(const std::vector<Place>& places) {
    std::vector<std::string> out;
    for (const auto& p : places) out.push_back(p.kind == Place::Kind::Drive ? "drive " + p.name : p.path);
    return out;
}

}  // namespace

TEST_CASE("a folder lists its sub-folders and importable files in pinyin order, hidden ones left out") {
    TempDir home;
    const fs::path dir = home.path / "资料";
    for (const char* sub : {"张老师", "李老师", "王老师", ".cache", "data.csv"}) fs::create_directories(dir / sub);
    for (const char* file : {"教职工.csv", "班级.CSV", "快照.json", "说明.txt", ".hidden.csv", "备份.db"}) touch(dir / file);

    const FolderView view = jh::ui::list_folder(dir.string(), home.path);
    CHECK(view.problem == FolderView::Problem::None);
    CHECK(view.folder == dir.string());
    CHECK(view.parent == home.path.string());
    CHECK(view.folders == std::vector<std::string>{"李老师", "王老师", "张老师", "data.csv"});
    CHECK(view.files == std::vector<std::string>{"班级.CSV", "备份.db", "教职工.csv", "快照.json"});
}

TEST_CASE("~ means the home folder, relative paths start there, and a trailing slash does not matter") {
    TempDir home;
    fs::create_directories(home.path / "sub" / "inner");
    const FolderView tilde = jh::ui::list_folder("~/sub/", home.path);
    CHECK(tilde.folder == (home.path / "sub").string());
    CHECK(tilde.parent == home.path.string());
    CHECK(tilde.folders == std::vector<std::string>{"inner"});
    CHECK(jh::ui::list_folder("sub/inner", home.path).folder == (home.path / "sub" / "inner").string());
    CHECK_FALSE(jh::ui::list_folder("/", home.path).parent.has_value());
}

TEST_CASE("a folder that cannot be listed says why and lists nothing") {
    TempDir home;
    touch(home.path / "a.csv");
    const FolderView missing = jh::ui::list_folder((home.path / "没有这个").string(), home.path);
    CHECK(missing.problem == FolderView::Problem::Missing);
    CHECK(missing.parent == home.path.string());   // the way back is still offered
    const FolderView file = jh::ui::list_folder((home.path / "a.csv").string(), home.path);
    CHECK(file.problem == FolderView::Problem::NotFolder);
    CHECK(file.files.empty());
}

TEST_CASE("places: home, desktop and documents that exist, then mounted drives by name") {
    TempDir home, root;
    fs::create_directories(home.path / "桌面");
    fs::create_directories(home.path / "Documents");
    touch(root.path / "media" / "wang" / "KINGSTON" / "教职工.csv");
    fs::create_directories(root.path / "media" / "wang" / "EMPTY");   // a mount point with no drive in it
    fs::create_directories(root.path / "media" / "cdrom");
    touch(root.path / "mnt" / "备份盘" / "x.json");
    touch(root.path / "run" / "media" / "wang" / "U盘" / "y.csv");

    const auto places = jh::ui::find_places(home.path, "wang", root.path);
    CHECK(names_of(places) == std::vector<std::string>{home.path.string(), (home.path / "桌面").string(),
                                                        (home.path / "Documents").string(), "drive 备份盘",
                                                        "drive KINGSTON", "drive U盘"});
    CHECK(places[4].path == (root.path / "media" / "wang" / "KINGSTON").string());
    CHECK(jh::ui::find_places(root.path / "nobody", "", root.path.parent_path() / "nowhere").empty());
}

TEST_CASE("the screen starts in junheng-files when there is one, else in the home folder") {
    TempDir home;
    CHECK(jh::ui::start_folder(home.path) == home.path.string());
    fs::create_directories(home.path / "junheng-files");
    CHECK(jh::ui::start_folder(home.path) == (home.path / "junheng-files").string());
}
