// Import and export (导入导出): CSV templates (UTF-8 or GBK, one file per kind of record, the
// layout clerks fill in Excel), JSON school snapshots, and backups of the whole database. The
// user browses to a folder (places, parent, sub-folders), ticks files there to import, exports
// into a new sub-folder of it (never over files kept there), backs up into it or restores a
// backup ticked there. Folders are listed and files read, checked and written on the worker.
// An import is read and checked completely first and previewed (which school, which year, how
// many rows of each kind, how many replace stored ones); only 确定导入 writes it, in one
// transaction. Refused imports list every problem, grouped by file, in a scrollable panel.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include "ops/file_exchange.hpp"
#include "exchange/problem.hpp"
#include "exchange/snapshot.hpp"
#include "store/clock.hpp"
#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/backup_reminder.hpp"
#include "ui/folder_picker.hpp"
#include "ui/screens/screen.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRememberedFolder = "exchange_folder";

bool has_extension(const std::string& name, std::string_view ext) {
    if (name.size() < ext.size()) return false;
    auto tail = name.substr(name.size() - ext.size());
    std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return tail == ext;
}
bool is_backup(const std::string& name) { return has_extension(name, ".db"); }

// The reply to a refused import: every problem in the panel, a one-line summary in the status.
Reply refused(std::uint64_t ticket, const domain::Rejected& rejection) {
    return [ticket, problems = ImportProblems::from(rejection)](Model& m) mutable {
        m.tickets_done = ticket;
        m.failed_tickets.insert(ticket);
        const auto n = std::to_string(problems.count());
        m.import_check.reset();
        m.import_problems = std::move(problems);
        m.report_error({"没有导入任何数据：发现 " + n + " 个问题，见导入按钮下方的列表", "Nothing was imported: " + n +
                                                                                          " problem(s), listed under the import button"},
                       {});
    };
}

// Runs an import step on the worker; a rejection becomes the problems panel.
template <class Step> std::optional<Reply> refused_if_thrown(std::uint64_t ticket, Step&& step) {
    try {
        step();
    } catch (const domain::Rejected& e) {
        return refused(ticket, e);
    } catch (const std::exception& e) {
        return failed(ticket, {std::string("导入失败：") + e.what(), std::string("Import failed: ") + e.what()}, {});
    }
    return std::nullopt;
}

struct ExchangeScreen final : Screen {
    std::string typed;                  // the folder box
    std::string shown;                  // the listed folder the box and the ticks belong to
    std::vector<std::string> chosen;    // ticked file names in `shown`
    bool gbk = false;
    bool listed = false;
    std::uint64_t previewed = 0;        // the import check whose preview was opened
    bool vouched = false;               // the user confirmed files without 学校标识码 are this school's
    std::uint64_t import_ticket = 0;    // the import written on confirmation, until it answers

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
        draw_preview(m, in);
        if (!m.folder) return;
        draw_browser(m, in, *m.folder);
        draw_import(m, in);
        // Export and backup side by side, so both show without scrolling on a 1280×800 screen.
        ImGui::Spacing();
        if (ImGui::BeginTable("##export_backup", 2, ImGuiTableFlags_SizingStretchSame)) {
            ImGui::TableNextColumn();
            draw_export(m, in);
            ImGui::TableNextColumn();
            draw_backup(m, in);
            ImGui::EndTable();
        }
    }

    // SameLine when an item as wide as `label`'s button still fits on the line (it wraps at
    // the large text sizes instead of running out of its column).
    static void same_line_if_fits(const char* label) {
        const ImGuiStyle& style = ImGui::GetStyle();
        const float right = ImGui::GetItemRectMax().x;
        const float limit = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
        if (right + style.ItemSpacing.x + ImGui::CalcTextSize(label).x + style.FramePadding.x * 2 <= limit) ImGui::SameLine();
    }

    // A new listing replaces what the box shows and the ticks (they named files of the old one).
    // A written import clears the ticks; a refused one keeps them, to import again once fixed.
    void follow(const Model& m) {
        if (import_ticket && m.tickets_done >= import_ticket) {
            if (!m.failed_tickets.count(import_ticket)) chosen.clear();
            import_ticket = 0;
        }
        if (!m.folder || m.folder->folder == shown) return;
        shown = typed = m.folder->folder;
        chosen.clear();
    }

    std::vector<std::string> ticked(bool backups) const {
        std::vector<std::string> out;
        for (const auto& name : chosen)
            if (is_backup(name) == backups) out.push_back(name);
        return out;
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
        if (view.problem != FolderView::Problem::None) wrapped_colored(colour::red, folder_problem_text(m, view.problem));
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
        const auto files = ticked(false);
        ImGui::BeginDisabled(files.empty() || m.read_only());
        if (ImGui::Button(m.tr("exchange.import_button"))) check(m, in, files);
        ImGui::EndDisabled();
        if (m.import_problems) draw_problems(m, *m.import_problems);
    }

    // Every problem of the refused import, grouped by file with its count, scrolling inside
    // its own panel however many there are.
    void draw_problems(const Model& m, const ImportProblems& problems) {
        wrapped_colored(colour::red, std::string(m.tr("exchange.problems")) + std::to_string(problems.count()));
        struct Row {
            const std::string* text;
            bool heading;
        };
        std::vector<Row> rows;
        std::vector<std::string> headings;
        headings.reserve(problems.groups.size());
        for (const auto& g : problems.groups) {
            const std::string n = std::to_string(g.lines.size());
            if (!g.file.empty()) headings.push_back(g.file + (m.english() ? " — " + n + " problem(s)" : " — " + n + " 个问题"));
            else headings.push_back(m.text(g.heading));
            rows.push_back({&headings.back(), true});
            for (const auto& line : g.lines) rows.push_back({&m.text(line), false});
        }
        const float lines = std::min<float>(12, static_cast<float>(rows.size()) + 1);
        ImGui::BeginChild("##problems", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * lines + ImGui::GetStyle().WindowPadding.y * 2), true,
                          ImGuiWindowFlags_HorizontalScrollbar);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(rows.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const auto& row = rows[static_cast<std::size_t>(i)];
                if (row.heading) ImGui::TextColored(colour::red, "%s", row.text->c_str());
                else {
                    ImGui::Indent();
                    ImGui::TextUnformatted(row.text->c_str());
                    ImGui::Unindent();
                }
            }
        ImGui::EndChild();
    }

    // The ticked files read and checked on the worker; the preview opens with the answer.
    void check(const Model& m, Intents& in, const std::vector<std::string>& files) {
        std::vector<fs::path> paths;
        for (const auto& name : files) paths.push_back(fs::path(shown) / name);
        in.run([paths, year = m.year](store::Store& s, std::uint64_t ticket) -> Reply {
            std::shared_ptr<const exchange::Imported> imported;
            ops::ImportPreview preview;
            if (auto failure = refused_if_thrown(ticket, [&] {
                    imported = std::make_shared<const exchange::Imported>(ops::read_import_files(paths));
                    preview = ops::preview_import(s, *imported, year);
                }))
                return *failure;
            return [ticket, imported, preview = std::move(preview)](Model& m) mutable {
                m.tickets_done = ticket;
                m.import_problems.reset();
                m.import_check = ImportCheck{ticket, std::move(imported), std::move(preview)};
            };
        });
    }

    void draw_preview(const Model& m, Intents& in) {
        constexpr const char* popup = "##import_preview";
        if (m.import_check && m.import_check->id != previewed) {
            previewed = m.import_check->id;
            vouched = false;
            ImGui::OpenPopup(popup);
        }
        // Centred on its size of this frame: the first frame of an auto-sized popup does not know it yet.
        ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
        if (!ImGui::BeginPopupModal(popup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
        if (!m.import_check) {
            ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
            return;
        }
        const auto& p = m.import_check->preview;
        heading(m.tr("exchange.preview_title"));
        const std::string school = p.school_code + " " + p.school_name + (p.new_school ? m.tr("exchange.preview_new") : "");
        const std::string year = std::to_string(p.year) + (p.new_year ? m.tr("exchange.preview_new") : "");
        ImGui::Text("%s %s", m.tr("exchange.preview_school"), school.c_str());
        ImGui::Text("%s %s", m.tr("exchange.preview_year"), year.c_str());
        if (ImGui::BeginTable("##kinds", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
            ImGui::TableSetupColumn(m.tr("exchange.preview_kind"));
            ImGui::TableSetupColumn(m.tr("exchange.preview_file"));
            ImGui::TableSetupColumn(m.tr("exchange.preview_rows"));
            ImGui::TableSetupColumn(m.tr("exchange.preview_replaced"));
            ImGui::TableHeadersRow();
            for (const auto& k : p.kinds) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(m.english() ? k.en.c_str() : k.zh.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(fs::path(k.file).filename().string().c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%zu", k.rows);
                ImGui::TableNextColumn();
                ImGui::Text("%zu", k.replaced);
            }
            ImGui::EndTable();
        }
        if (!p.unmarked.empty()) {
            std::string names;
            for (const auto& f : p.unmarked) names += (names.empty() ? "" : m.english() ? ", " : "、") + fs::path(f).filename().string();
            ImGui::Spacing();
            wrapped_colored(colour::amber, std::string(m.tr("exchange.preview_unmarked")) + names);
            const std::string vouch = std::string(m.tr("exchange.preview_vouch")) + school;
            ImGui::Checkbox(vouch.c_str(), &vouched);
        }
        ImGui::Spacing();
        ImGui::TextUnformatted(m.tr("exchange.import_question"));
        ImGui::BeginDisabled(!p.unmarked.empty() && !vouched);
        ImGui::PushStyleColor(ImGuiCol_Button, colour::red);
        if (ImGui::Button(m.tr("exchange.import_confirm"), ImVec2(160, 0))) {
            import(in, *m.import_check);
            ImGui::CloseCurrentPopup();
        }
        ImGui::PopStyleColor();
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button(m.tr("common.cancel"), ImVec2(120, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }

    // Writes what was previewed, as it was read, in one transaction.
    void import(Intents& in, const ImportCheck& pending) {
        const std::size_t n = [&] {
            std::set<std::string> files;
            for (const auto& k : pending.preview.kinds) files.insert(k.file);
            return files.size();
        }();
        import_ticket = in.run([imported = pending.imported, year = pending.preview.year, pack = in.pack_id(), n](store::Store& s,
                                                                                                             std::uint64_t ticket) -> Reply {
            if (auto failure = refused_if_thrown(ticket, [&] { ops::import_into(s, *imported, year); })) return *failure;
            auto snapshot = take_snapshot(s, year, pack);
            return [ticket, n, snapshot = std::move(snapshot)](Model& m) mutable {
                m.apply(std::move(snapshot));
                m.tickets_done = ticket;
                m.import_check.reset();
                m.import_problems.reset();
                m.report(Status::Kind::Success, {"已导入 " + std::to_string(n) + " 个文件", "Imported " + std::to_string(n) + " files"});
            };
        });
    }

    void draw_export(const Model& m, Intents& in) {
        heading(m.tr("exchange.export"));
        muted_text(m.tr("exchange.export_hint"));
        ImGui::TextUnformatted(m.tr("exchange.encoding"));
        ImGui::SameLine();
        if (ImGui::RadioButton("UTF-8", !gbk)) gbk = false;
        ImGui::SameLine();
        if (ImGui::RadioButton("GBK", gbk)) gbk = true;
        if (ImGui::Button(m.tr("exchange.export_templates"))) export_files(m, in, true);
        same_line_if_fits(m.tr("exchange.export_snapshot"));
        if (ImGui::Button(m.tr("exchange.export_snapshot"))) export_files(m, in, false);
    }

    // Into a new sub-folder named by the school and the time, so nothing kept in the folder
    // (a hand-edited 教职工.csv) is ever replaced.
    void export_files(const Model& m, Intents& in, bool templates) {
        in.run([data = m.data, parent = shown, templates, gbk = gbk](store::Store&, std::uint64_t) -> Reply {
            const auto dir = ops::unused_path(parent, ops::export_folder_name(data->school, std::chrono::system_clock::now()));
            const auto files = templates ? ops::template_files(*data, gbk ? exchange::Encoding::Gb18030 : exchange::Encoding::Utf8)
                                         : std::vector<ops::OutputFile>{{exchange::snapshot_file_name(*data), exchange::write_snapshot(*data)}};
            ops::write_files_atomically(dir, files);
            return [n = std::to_string(files.size()), folder = dir.filename().string(), parent, view = browse(parent)](Model& m) {
                m.folder = view;
                m.report(Status::Kind::Success, {"已导出 " + n + " 个文件到新文件夹“" + folder + "”（在 " + parent + " 中）",
                                                 "Exported " + n + " file(s) into the new folder '" + folder + "' in " + parent});
            };
        });
    }

    // 备份到 U 盘 / 从备份恢复: the store's checked backup and restore, on the worker.
    void draw_backup(const Model& m, Intents& in) {
        heading(m.tr("exchange.backup"));
        muted_text(m.tr("exchange.backup_hint"));
        if (ImGui::Button(m.tr("exchange.backup_button"))) backup(m, in);
        same_line_if_fits(m.tr("exchange.restore_button"));
        const auto backups = ticked(true);
        ImGui::BeginDisabled(backups.size() != 1);
        if (ImGui::Button(m.tr("exchange.restore_button"))) ImGui::OpenPopup("##restore");
        ImGui::EndDisabled();
        if (backups.size() != 1) muted_text(m.tr("exchange.restore_hint"));
        if (backups.size() == 1) {
            const std::string question = std::string(m.tr("exchange.restore_question")) + (fs::path(shown) / backups.front()).string() + "\n" +
                                         m.tr("exchange.restore_replaces") + m.data->school.code + " " + m.data->school.name + " · " +
                                         m.db_path.string();
            if (confirm_popup(m, "##restore", question)) restore(m, in, fs::path(shown) / backups.front());
        }
    }

    void backup(const Model& m, Intents& in) {
        in.run([school = m.data->school, parent = shown](store::Store& s, std::uint64_t ticket) -> Reply {
            const auto path = ops::unused_path(parent, ops::export_folder_name(school, std::chrono::system_clock::now()), ".db");
            const std::string at = store::utc_now_iso();
            // The time is recorded first so that the backup holds it too (a restored database
            // then knows when its backup was made); a failed backup puts the old time back.
            const auto before = s.setting(kLastBackup);
            if (auto failure = attempt(ticket, [&] {
                    s.set_setting(kLastBackup, at);
                    try {
                        s.backup(path);
                    } catch (...) {
                        s.set_setting(kLastBackup, before.value_or(""));   // "": never
                        throw;
                    }
                }, {"备份失败：", "Backup failed: "}))
                return *failure;
            return [ticket, at, p = path.string(), view = browse(parent)](Model& m) {
                m.tickets_done = ticket;
                m.settings[std::string(kLastBackup)] = at;
                m.folder = view;
                m.report(Status::Kind::Success, {"已备份到 " + p, "Backed up to " + p});
            };
        });
    }

    // The worker closes its database, the store restores the backup in its place (keeping the
    // replaced file beside it) and the worker opens the restored one. The terminal then locks:
    // the restored database has its own operators.
    void restore(const Model& m, Intents& in, fs::path backup) {
        in.run([backup = std::move(backup), pack = in.pack_id(), year = m.year, who = m.operator_name](store::Store& s,
                                                                                                     std::uint64_t ticket) -> Reply {
            const fs::path target = s.path();
            std::optional<fs::path> kept;
            { store::Store closing = std::move(s); }
            auto reopened = [&](const domain::Message& why, std::vector<domain::Issue> issues = {}) {
                s = store::Store::open(target, store::OpenMode::MustExist);   // the database as it was
                if (!who.empty()) s.set_operator(who);
                return failed(ticket, why, std::move(issues));
            };
            try {
                kept = store::Store::restore(backup, target);
            } catch (const domain::Rejected& e) {
                return reopened(e.message(), e.issues());
            } catch (const std::exception& e) {
                std::fprintf(stderr, "junheng: restore from %s failed: %s\n", backup.string().c_str(), e.what());   // raw text: the log only
                return reopened({"恢复失败，原数据库未改动（详细原因已记入日志）", "Restore failed; the database is unchanged (details in the log)"});
            }
            try {
                s = store::Store::open(target, store::OpenMode::MustExist);
            } catch (const std::exception& e) {
                // The restored file passed the checks but does not open here: put the replaced one
                // back, so the terminal is never left without its database.
                std::fprintf(stderr, "junheng: the restored database %s does not open: %s\n", target.string().c_str(), e.what());
                std::error_code ignored;
                if (kept) {
                    fs::remove(target, ignored);
                    fs::rename(*kept, target, ignored);
                }
                return reopened({"恢复的数据库无法打开，已换回原数据库", "The restored database does not open; the replaced one is back"});
            }
            if (!who.empty()) s.set_operator(who);
            auto years = s.years();
            const int shown_year = years.empty() ? year : std::any_of(years.begin(), years.end(), [&](const auto& y) { return y.year == year; })
                                                              ? year
                                                              : years.back().year;
            auto snapshot = take_snapshot(s, shown_year, pack);
            // The settings this screen and the reminder read, as the restored database has them.
            std::map<std::string, std::optional<std::string>> settings;
            for (const char* key : {kLastBackup, kBackupReminderDays, kRememberedFolder}) settings[key] = s.setting(key);
            const std::string kept_text = kept ? kept->string() : std::string();
            return [ticket, snapshot = std::move(snapshot), settings, kept_text, b = backup.string()](Model& m) mutable {
                m.apply(std::move(snapshot));
                for (const auto& [k, v] : settings) {
                    if (v) m.settings[k] = *v;
                    else m.settings.erase(k);
                }
                m.tickets_done = ticket;
                if (!m.operators.empty()) m.lock();
                m.report(Status::Kind::Success, {"已从 " + b + " 恢复；原数据库保留为 " + kept_text,
                                                 "Restored from " + b + "; the replaced database is kept as " + kept_text});
            };
        });
    }
};

}  // namespace

std::unique_ptr<Screen> make_exchange_screen() { return std::make_unique<ExchangeScreen>(); }

}  // namespace jh::ui
