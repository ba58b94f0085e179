// The USB panel (usb_panel.hpp): the folder is listed and the files are read and written on
// the UI worker through sync/client/files.hpp, the same functions `junheng sync --to-file` and
// `--from-file` and `junheng enroll --from-file` call.
#include "ui/screens/usb_panel.hpp"

#include <imgui.h>

#include <filesystem>

#include "store/store.hpp"
#include "sync/client/files.hpp"
#include "sync/protocol/files.hpp"
#include "ui/capture.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRememberedFolder = "usb_folder";

void open_folder(Intents& in, std::string folder, bool remembered = false) {
    in.run([folder = std::move(folder), remembered](store::Store& store, std::uint64_t) -> Reply {
        FolderView view = browse(folder);
        if (remembered && view.problem != FolderView::Problem::None) view = browse("");
        if (view.problem == FolderView::Problem::None) store.set_setting(kRememberedFolder, view.folder);
        return [view = std::move(view)](Model& m) {
            if (view.problem == FolderView::Problem::None) m.settings[kRememberedFolder] = view.folder;
            m.usb_folder = view;
        };
    });
}

// The outcome of a file operation for the panel and the status bar.
Reply answered(std::uint64_t ticket, const sync::client::Report& report) {
    const bool ok = report.outcome == sync::client::Outcome::Delivered;
    return [ticket, ok, message = report.message](Model& m) {
        m.tickets_done = ticket;
        m.usb_result = std::make_pair(ok, message);
        if (ok) m.report(Status::Kind::Success, message);
        else m.report_error(message, {});
    };
}

// 从U盘导入: an enrolment file of this school while not enrolled, else the newest reply file.
sync::client::Report import_from(store::Store& store, const std::string& folder) {
    const auto school = store.school();
    if (store.sync_state().receiver_key.empty() && school) {
        const auto enrol = fs::path(folder) / sync::protocol::enrol_file_name(school->code);
        std::error_code ec;
        if (fs::exists(enrol, ec)) return sync::client::enrol_from_file(store, enrol.string());
    }
    return sync::client::apply_reply_file(store, folder);
}

}  // namespace

void UsbPanel::draw(const Model& m, Intents& in, bool enrolled) {
    ImGui::Separator();
    ImGui::TextUnformatted(m.tr("sync.usb_title"));
    muted_text(enrolled ? m.tr("sync.usb_explain") : m.tr("sync.usb_enrol_explain"));
    if (!listed_) {
        open_folder(in, m.setting(kRememberedFolder, ""), true);
        listed_ = true;
    }
    picker_.draw(m, m.usb_folder, [&](const std::string& folder) { open_folder(in, folder); }, 6);

    const bool busy = ticket_ && m.tickets_done < ticket_;
    if (ticket_ && !busy) {
        ticket_ = 0;
        in.sync_now();   // the sync worker re-reads the state (pending, submissions, enrolment) the file changed
    }
    const bool usable = m.usb_folder && m.usb_folder->problem == FolderView::Problem::None;
    const std::string folder = usable ? m.usb_folder->folder : std::string();
    ImGui::BeginDisabled(busy || !usable || !enrolled);
    const bool export_pressed = ImGui::Button(m.tr("sync.usb_export"));
    mark_for_tests("usb_export");
    if (export_pressed) {
        ticket_ = in.run([folder](store::Store& store, std::uint64_t ticket) -> Reply {
            return answered(ticket, sync::client::write_upload_file(store, folder).report);
        });
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(busy || !usable);
    const bool import_pressed = ImGui::Button(m.tr("sync.usb_import"));
    mark_for_tests("usb_import");
    if (import_pressed) {
        ticket_ = in.run([folder](store::Store& store, std::uint64_t ticket) -> Reply {
            return answered(ticket, import_from(store, folder));
        });
    }
    ImGui::EndDisabled();
    if (busy) {
        ImGui::SameLine();
        ImGui::TextColored(colour::muted, "%s", m.tr("sync.usb_working"));
    }
    if (m.usb_result) {
        const auto& text = m.text(m.usb_result->second);
        if (text != glyphs_for_) {
            in.need_glyphs(text);
            glyphs_for_ = text;
        }
        wrapped_colored(m.usb_result->first ? colour::green : colour::red, text);
    }
}

}  // namespace jh::ui
