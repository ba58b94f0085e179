// Import and export (导入导出): CSV templates (UTF-8 or GBK, one file per kind of record, the
// layout clerks fill in Excel) and JSON school snapshots. Files are read, checked and written
// on the worker; an import is checked completely and written in one transaction, or not at all.
#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "exchange/encoding.hpp"
#include "exchange/snapshot.hpp"
#include "exchange/templates.hpp"
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

std::string read_whole(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw domain::Rejected({"无法读取文件 " + path.string(), "cannot read " + path.string()});
    return {std::istreambuf_iterator<char>(in), {}};
}

// Each file appears whole or not at all: written beside, flushed, then renamed.
void write_whole(const fs::path& path, const std::string& bytes) {
    const fs::path temp = path.string() + ".partial";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << bytes;
        out.flush();
        if (!out) throw domain::Rejected({"无法写入文件 " + path.string(), "cannot write " + path.string()});
    }
    fs::rename(temp, path);
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

bool is_snapshot(std::string_view text) {
    auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '{';
}

// Reads every chosen file, then lays them over the stored year in one Store::import.
void import_files(store::Store& s, const std::vector<fs::path>& paths, int year) {
    exchange::Imported imported;
    for (const auto& path : paths) {
        auto text = exchange::decode_text(read_whole(path), path.filename().string()).utf8;
        if (is_snapshot(text)) exchange::add_snapshot(exchange::read_snapshot(text, path.filename().string()), path.filename().string(), imported);
        else exchange::read_template(text, path.filename().string(), imported);
    }
    const int target = imported.year_number.value_or(year);
    domain::SchoolData base;
    bool stored = false;
    for (const auto& y : s.years()) stored |= y.year == target;
    if (stored) base = s.load(target);
    else {
        base.school = *s.school();
        base.year.year = target;
    }
    s.import(exchange::merge(std::move(base), imported));
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
            fs::create_directories(dir);
            const auto files = exchange::write_templates(*data);
            for (const auto& f : files)
                write_whole(fs::path(dir) / f.name,
                            exchange::encode_text(f.text, gbk ? exchange::Encoding::Gb18030 : exchange::Encoding::Utf8));
            return [n = files.size(), dir, view = list_folder(dir)](Model& m) {
                m.folder = view;
                m.report(Status::Kind::Success, {"已导出 " + std::to_string(n) + " 个模板到 " + dir,
                                                 "Exported " + std::to_string(n) + " templates to " + dir});
            };
        });
    }

    void export_snapshot(const Model& m, Intents& in) {
        in.run([data = m.data, dir = folder](store::Store&, std::uint64_t) -> Reply {
            fs::create_directories(dir);
            const auto path = fs::path(dir) / exchange::snapshot_file_name(*data);
            write_whole(path, exchange::write_snapshot(*data));
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
                import_files(s, paths, year);
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
