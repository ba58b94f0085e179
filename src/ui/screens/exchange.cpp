// Import and export (导入导出): CSV templates (UTF-8 or GBK, one file per kind of record, the
// layout clerks fill in Excel) and JSON school snapshots. The user browses to a folder (places,
// parent, sub-folders), ticks files there to import, or exports into it. Folders are listed and
// files read, checked and written on the worker; an import is checked completely and written in
// one transaction, or not at all.
#include <algorithm>
#include <cstdio>

#include "cli/file_exchange.hpp"
#include "exchange/snapshot.hpp"
#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/screens/screen.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {
namespace {

namespace fs = std::filesystem;

const ImVec4 folder_yellow{0.90f, 0.68f, 0.20f, 1.0f};

// A small folder drawn before a sub-folder's name, so folders read as folders at a glance.
void folder_icon() {
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 colour = ImGui::GetColorU32(folder_yellow);
    draw->AddRectFilled(ImVec2(at.x, at.y + h * 0.18f), ImVec2(at.x + h * 0.45f, at.y + h * 0.35f), colour, 1.5f);
    draw->AddRectFilled(ImVec2(at.x, at.y + h * 0.30f), ImVec2(at.x + h * 1.1f, at.y + h * 0.9f), colour, 2.0f);
    ImGui::Dummy(ImVec2(h * 1.1f, h));
    ImGui::SameLine();
}

const char* problem_text(const Model& m, FolderView::Problem problem) {
    switch (problem) {
        case FolderView::Problem::Missing: return m.tr("exchange.folder_missing");
        case FolderView::Problem::Denied: return m.tr("exchange.folder_denied");
        case FolderView::Problem::NotFolder: return m.tr("exchange.folder_not_folder");
        case FolderView::Problem::Unreadable: return m.tr("exchange.folder_unreadable");
        case FolderView::Problem::None: break;
    }
    return "";
}

std::string place_label(const Model& m, const Place& place) {
    switch (place.kind) {
        case Place::Kind::Home: return m.tr("exchange.home");
        case Place::Kind::Desktop: return m.tr("exchange.desktop");
        case Place::Kind::Documents: return m.tr("exchange.documents");
        case Place::Kind::Drive: break;
    }
    char label[512];
    std::snprintf(label, sizeof label, m.tr("exchange.drive"), place.name.c_str());
    return label;
}

constexpr const char* kRememberedFolder = "exchange_folder";

struct ExchangeScreen final : Screen {
    std::string typed;                  // the folder box
    std::string shown;                  // the listed folder the box and the ticks belong to
    std::vector<std::string> chosen;    // ticked file names in `shown`
    bool gbk = false;
    bool listed = false;

    std::string_view id() const override { return "exchange"; }
    const char* title(const Model& m) const override { return m.tr("nav.exchange"); }

    // Lists `folder` (empty: where the screen starts) on the worker, and remembers it as the
    // folder to come back to. The remembered one may be a drive since unplugged: then the
    // screen starts where it would without it.
    static void open(Intents& in, std::string folder, bool remembered = false) {
        in.run([folder = std::move(folder), remembered](store::Store& store, std::uint64_t) -> Reply {
            FolderView view = browse(folder);
            if (remembered && view.problem != FolderView::Problem::None) view = browse("");
            if (view.problem == FolderView::Problem::None) store.set_setting(kRememberedFolder, view.folder);
            return [view = std::move(view)](Model& m) {
                if (view.problem == FolderView::Problem::None) m.settings[kRememberedFolder] = view.folder;
                m.folder = view;
            };
        });
    }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.exchange"));
        muted_text(m.tr("exchange.hint"));
        if (!listed) {
            open(in, m.setting(kRememberedFolder, ""), true);
            listed = true;
        }
        follow(m);
        draw_places(m, in);
        draw_folder_box(m, in);
        if (!m.folder) return;
        draw_browser(m, in, *m.folder);
        draw_import(m, in);
        draw_export(m, in);
    }

    // A new listing replaces what the box shows and the ticks (they named files of the old one).
    void follow(const Model& m) {
        if (!m.folder || m.folder->folder == shown) return;
        shown = typed = m.folder->folder;
        chosen.clear();
    }

    void draw_places(const Model& m, Intents& in) {
        if (!m.folder || m.folder->places.empty()) return;
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(m.tr("exchange.places"));
        for (const auto& place : m.folder->places) {
            ImGui::SameLine();
            ImGui::PushID(place.path.c_str());
            if (ImGui::Button(place_label(m, place).c_str())) open(in, place.path);
            ImGui::PopID();
        }
    }

    void draw_folder_box(const Model& m, Intents& in) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(m.tr("exchange.folder"));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(560);
        bool go = ImGui::InputText("##folder", &typed, ImGuiInputTextFlags_EnterReturnsTrue);
        if (ImGui::IsItemEdited()) in.need_glyphs(typed);
        ImGui::SameLine();
        go |= ImGui::Button(m.tr("exchange.open"));
        ImGui::SameLine();
        if (ImGui::Button(m.tr("exchange.refresh"))) open(in, m.folder ? m.folder->folder : typed);
        if (go) open(in, typed);
    }

    // The folder's parent, sub-folders (a click opens one) and importable files with tick boxes.
    void draw_browser(const Model& m, Intents& in, const FolderView& view) {
        const float lines = 11;
        ImGui::BeginChild("##browser", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * lines), true);
        if (view.parent && ImGui::Selectable(m.tr("exchange.up"))) open(in, *view.parent);
        if (view.problem != FolderView::Problem::None) wrapped_colored(colour::red, problem_text(m, view.problem));
        for (const auto& name : view.folders) {
            ImGui::PushID(name.c_str());
            folder_icon();
            if (ImGui::Selectable(name.c_str())) open(in, (fs::path(view.folder) / name).string());
            ImGui::PopID();
        }
        for (const auto& name : view.files) {
            bool on = std::find(chosen.begin(), chosen.end(), name) != chosen.end();
            if (ImGui::Checkbox(name.c_str(), &on)) {
                if (on) chosen.push_back(name);
                else chosen.erase(std::find(chosen.begin(), chosen.end(), name));
            }
        }
        if (view.problem == FolderView::Problem::None && view.files.empty()) muted_text(m.tr("exchange.no_files"));
        ImGui::EndChild();
    }

    void draw_import(const Model& m, Intents& in) {
        if (m.read_only()) wrapped_colored(colour::amber, m.tr("form.read_only"));
        ImGui::BeginDisabled(chosen.empty() || m.read_only());
        if (ImGui::Button(m.tr("exchange.import_button"))) ImGui::OpenPopup("##import");
        ImGui::EndDisabled();
        if (confirm_popup(m, "##import", m.tr("exchange.import_question"))) import(m, in);
    }

    void draw_export(const Model& m, Intents& in) {
        ImGui::Spacing();
        heading(m.tr("exchange.export"));
        muted_text(m.tr("exchange.export_hint"));
        ImGui::TextUnformatted(m.tr("exchange.encoding"));
        ImGui::SameLine();
        if (ImGui::RadioButton("UTF-8", !gbk)) gbk = false;
        ImGui::SameLine();
        if (ImGui::RadioButton("GBK", gbk)) gbk = true;
        if (ImGui::Button(m.tr("exchange.export_templates"))) export_templates(m, in);
        ImGui::SameLine();
        if (ImGui::Button(m.tr("exchange.export_snapshot"))) export_snapshot(m, in);
    }

    void export_templates(const Model& m, Intents& in) {
        in.run([data = m.data, dir = shown, gbk = gbk](store::Store&, std::uint64_t) -> Reply {
            const auto files = cli::template_files(*data, gbk ? exchange::Encoding::Gb18030 : exchange::Encoding::Utf8);
            cli::write_files_atomically(dir, files);
            return [n = files.size(), dir, view = browse(dir)](Model& m) {
                m.folder = view;
                m.report(Status::Kind::Success, {"已导出 " + std::to_string(n) + " 个模板到 " + dir,
                                                 "Exported " + std::to_string(n) + " templates to " + dir});
            };
        });
    }

    void export_snapshot(const Model& m, Intents& in) {
        in.run([data = m.data, dir = shown](store::Store&, std::uint64_t) -> Reply {
            const auto path = fs::path(dir) / exchange::snapshot_file_name(*data);
            cli::write_files_atomically(dir, {{path.filename().string(), exchange::write_snapshot(*data)}});
            return [p = path.string(), view = browse(dir)](Model& m) {
                m.folder = view;
                m.report(Status::Kind::Success, {"已导出快照 " + p, "Exported snapshot " + p});
            };
        });
    }

    void import(const Model& m, Intents& in) {
        std::vector<fs::path> paths;
        for (const auto& name : chosen) paths.push_back(fs::path(shown) / name);
        in.run([paths, year = m.year, pack = in.pack_id()](store::Store& s, std::uint64_t ticket) -> Reply {
            if (auto failure = attempt(ticket, [&] { cli::import_into(s, cli::read_import_files(paths), year); }))
                return *failure;
            auto snapshot = take_snapshot(s, year, pack);
            return [ticket, n = paths.size(), snapshot = std::move(snapshot)](Model& m) mutable {
                m.apply(std::move(snapshot));
                m.tickets_done = ticket;
                m.report(Status::Kind::Success, {"已导入 " + std::to_string(n) + " 个文件", "Imported " + std::to_string(n) + " files"});
            };
        });
        chosen.clear();
    }
};

}  // namespace

std::unique_ptr<Screen> make_exchange_screen() { return std::make_unique<ExchangeScreen>(); }

}  // namespace jh::ui
