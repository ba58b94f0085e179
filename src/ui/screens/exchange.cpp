// Import and export (导入导出): CSV templates (UTF-8 or GBK, one file per kind of record, the
// layout clerks fill in Excel) and JSON school snapshots. Files are read, checked and written
// on the worker; an import is checked completely and written in one transaction, or not at all.
#include <algorithm>
#include <cstdlib>

#include "cli/file_exchange.hpp"
#include "exchange/snapshot.hpp"
#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/screens/screen.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {
namespace {

namespace fs = std::filesystem;

std::string default_folder() {
    const char* home = std::getenv("HOME");
    return (fs::path(home ? home : ".") / "junheng-files").string();
}

FolderView list_folder(const std::string& folder) {
    FolderView view{folder, {}};
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const auto ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".csv" || ext == ".json")) view.files.push_back(entry.path().filename().string());
    }
    std::sort(view.files.begin(), view.files.end());
    return view;
}

struct ExchangeScreen final : Screen {
    std::string folder = default_folder();
    std::vector<std::string> chosen;
    bool gbk = false;
    bool listed = false;

    std::string_view id() const override { return "exchange"; }
    const char* title(const Model& m) const override { return m.tr("nav.exchange"); }

    void list(Intents& in) {
        in.run([f = folder](store::Store&, std::uint64_t) -> Reply {
            return [view = list_folder(f)](Model& m) { m.folder = view; };
        });
    }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.exchange"));
        muted_text(m.tr("exchange.hint"));
        ImGui::SetNextItemWidth(520);
        if (ImGui::InputText(m.tr("exchange.folder"), &folder)) in.need_glyphs(folder);
        ImGui::SameLine();
        if (ImGui::Button(m.tr("exchange.refresh")) || !listed) {
            list(in);
            listed = true;
        }

        ImGui::Spacing();
        heading(m.tr("exchange.export"));
        ImGui::TextUnformatted(m.tr("exchange.encoding"));
        ImGui::SameLine();
        if (ImGui::RadioButton("UTF-8", !gbk)) gbk = false;
        ImGui::SameLine();
        if (ImGui::RadioButton("GBK", gbk)) gbk = true;
        if (ImGui::Button(m.tr("exchange.export_templates"))) export_templates(m, in);
        ImGui::SameLine();
        if (ImGui::Button(m.tr("exchange.export_snapshot"))) export_snapshot(m, in);

        ImGui::Spacing();
        heading(m.tr("exchange.import"));
        if (m.read_only()) wrapped_colored(colour::amber, m.tr("form.read_only"));
        if (m.folder && m.folder->files.empty()) muted_text(m.tr("exchange.no_files"));
        if (m.folder)
            for (const auto& name : m.folder->files) {
                bool on = std::find(chosen.begin(), chosen.end(), name) != chosen.end();
                if (ImGui::Checkbox(name.c_str(), &on)) {
                    if (on) chosen.push_back(name);
                    else chosen.erase(std::find(chosen.begin(), chosen.end(), name));
                }
            }
        ImGui::BeginDisabled(chosen.empty() || m.read_only());
        if (ImGui::Button(m.tr("exchange.import_button"))) ImGui::OpenPopup("##import");
        ImGui::EndDisabled();
        if (confirm_popup(m, "##import", m.tr("exchange.import_question"))) import(m, in);
    }

    void export_templates(const Model& m, Intents& in) {
        in.run([data = m.data, dir = folder, gbk = gbk](store::Store&, std::uint64_t) -> Reply {
            const auto files = cli::template_files(*data, gbk ? exchange::Encoding::Gb18030 : exchange::Encoding::Utf8);
            cli::write_files_atomically(dir, files);
            return [n = files.size(), dir, view = list_folder(dir)](Model& m) {
                m.folder = view;
                m.report(Status::Kind::Success, {"已导出 " + std::to_string(n) + " 个模板到 " + dir,
                                                 "Exported " + std::to_string(n) + " templates to " + dir});
            };
        });
    }

    void export_snapshot(const Model& m, Intents& in) {
        in.run([data = m.data, dir = folder](store::Store&, std::uint64_t) -> Reply {
            const auto path = fs::path(dir) / exchange::snapshot_file_name(*data);
            cli::write_files_atomically(dir, {{path.filename().string(), exchange::write_snapshot(*data)}});
            return [p = path.string(), view = list_folder(dir)](Model& m) {
                m.folder = view;
                m.report(Status::Kind::Success, {"已导出快照 " + p, "Exported snapshot " + p});
            };
        });
    }

    void import(const Model& m, Intents& in) {
        std::vector<fs::path> paths;
        for (const auto& name : chosen) paths.push_back(fs::path(folder) / name);
        in.run([paths, year = m.year, pack = in.pack_id()](store::Store& s, std::uint64_t ticket) -> Reply {
            try {
                cli::import_into(s, cli::read_import_files(paths), year);
            } catch (const domain::Rejected& e) {
                return failed(ticket, e.message(), e.issues());
            }
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
