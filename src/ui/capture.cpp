// Screenshot and state dump.
#include "ui/capture.hpp"

#include <GL/gl.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cfloat>
#include <fstream>
#include <map>
#include <string>
#include <nlohmann/json.hpp>
#include <vector>

#include "ui/record_form.hpp"
#include "ui/guide.hpp"
#include "ui/record_names.hpp"

namespace jh::ui {

bool write_screenshot(const std::filesystem::path& path, int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1);   // GL's first row is the bottom one
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    return stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3) != 0;
}

int fallback_glyphs_drawn(const ImDrawData* draw_data) {
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (!draw_data || !atlas || atlas->Fonts.empty() || !atlas->Fonts[0]->FallbackGlyph) return 0;
    // Every glyph is a quad with exactly one vertex at its top-left texture corner; only the
    // fallback glyph's quad has the fallback's (a distinct box, not '?': fonts.hpp).
    const ImFontGlyph& box = *atlas->Fonts[0]->FallbackGlyph;
    const ImVec2 corner(box.U0, box.V0);
    int count = 0;
    for (int n = 0; n < draw_data->CmdListsCount; ++n)
        for (const ImDrawVert& v : draw_data->CmdLists[n]->VtxBuffer)
            count += v.uv.x == corner.x && v.uv.y == corner.y;
    return count;
}

namespace {

// Characters the model, the UI or an open help page may show that the atlas cannot draw: must be none.
std::string missing_glyphs(const Model& m, const Shell& shell, const Fonts& fonts) {
    std::string text = model_text(m) + interface_text();
    if (shell.help().open()) text += guide_glyph_text(shell.help().section());
    std::string missing;
    for_each_codepoint(text, [&](char32_t c) {
        if (c < 0x20 || fonts.renders(c)) return;
        const std::string one = to_utf8(c);
        if (missing.find(one) == std::string::npos) missing += one;
    });
    return missing;
}

nlohmann::json item_json(const indicators::ItemResult& item) {
    nlohmann::json j{{"id", item.id}, {"status", indicators::status_label(item.status).code}};
    if (item.value) j["value"] = *item.value;
    if (item.threshold) j["threshold"] = *item.threshold;
    for (const auto& g : item.gaps) j["hints"].push_back(g.text.en);   // drawn after "→"
    return j;
}

nlohmann::json overview_json(const Model& m) {
    nlohmann::json out = nlohmann::json::object();
    if (!m.overview) return out;
    out["pack"] = m.overview->pack_id;
    out["compute_ms"] = m.overview->compute_ms;
    if (m.overview->problem) out["problem"] = m.overview->problem->en;
    if (!m.overview->result) return out;
    const auto& result = *m.overview->result;
    out["parts"] = nlohmann::json::array();
    for (const auto& part : result.parts) {
        const auto& v = part.resources;
        nlohmann::json p{{"stage", domain::code(part.quantities.stage)}, {"pupils", part.quantities.pupils},
                         {"met", v.met}, {"pass", v.pass}};
        for (const auto& r : v.results)
            p["indicators"][std::string(r.id)] = {
                {"value", r.value}, {"threshold", r.threshold}, {"met", r.met}, {"above_floor", r.above_floor}};
        for (const auto& g : v.gaps) p["gaps"].push_back({{"item", g.item}, {"text", g.text.en}});
        for (const auto& item : part.items) p["items"].push_back(item_json(item));
        out["parts"].push_back(p);
    }
    out["items"] = nlohmann::json::array();
    for (const auto& item : result.items) out["items"].push_back(item_json(item));
    // What the overview says beside the verdicts: where pupils come from, grades still without
    // a roll, stages with no part, a scope note (figures then for reference only), an ended plan.
    out["pupil_sources"] = nlohmann::json::object();
    for (const auto& [stage, source] : m.overview->pupil_sources) out["pupil_sources"][std::string(domain::code(stage))] = source.en;
    if (m.overview->rolls_missing) out["rolls_missing"] = m.overview->rolls_missing->en;
    out["empty_stages"] = nlohmann::json::array();
    for (const auto& e : result.empty_stages) out["empty_stages"].push_back(domain::code(e.stage));
    out["reference_only"] = result.scope_note.has_value();
    if (result.scope_note) out["scope_note"] = result.scope_note->en;
    out["pack_in_force"] = result.pack_in_force;
    return out;
}

// The tables the last frame drew, each with its columns' widths and how many of them are
// narrower than their header's text (ImGui's own record of the layout, so the check does not
// trust the code that asked for the widths).
nlohmann::json tables_json() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    nlohmann::json out = nlohmann::json::array();
    for (int n = 0; n < g.Tables.GetMapSize(); ++n) {
        const ImGuiTable* table = g.Tables.TryGetMapData(n);
        if (!table || table->LastFrameActive != g.FrameCount) continue;
        nlohmann::json widths = nlohmann::json::array();
        int cramped = 0;
        for (int c = 0; c < table->ColumnsCount; ++c) {
            const float width = table->Columns[c].WidthGiven;
            const char* name = ImGui::TableGetColumnName(table, c);
            const float header = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, name ? name : "").x + table->CellPaddingX * 2;
            widths.push_back(width);
            cramped += width < header;
        }
        out.push_back({{"window", table->OuterWindow->Name}, {"columns", table->ColumnsCount},
                       {"scroll_x", (table->Flags & ImGuiTableFlags_ScrollX) != 0}, {"widths", widths}, {"cramped", cramped}});
    }
    return out;
}

struct Mark {
    int frame = 0;
    float x = 0, y = 0;
};
std::map<std::string, Mark>& marks() {
    static std::map<std::string, Mark> drawn;
    return drawn;
}

}  // namespace

void mark_for_tests(const char* name) {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    marks()[name] = {ImGui::GetFrameCount(), (min.x + max.x) / 2, (min.y + max.y) / 2};
}

void write_state(const std::filesystem::path& path, const Model& m, const Shell& shell, const Fonts& fonts,
                 const Timings& timings) {
    nlohmann::json j;
    j["screen"] = shell.current_id();
    j["top_bar"] = {{"undo_button", shell.top_bar().undo}, {"undo_fits", shell.top_bar().undo_fits}};
    j["tables"] = tables_json();
    nlohmann::json marked = nlohmann::json::object();
    for (const auto& [name, mark] : marks())
        if (mark.frame == ImGui::GetFrameCount()) {
            marked[name + "_x"] = static_cast<int>(mark.x);
            marked[name + "_y"] = static_cast<int>(mark.y);
        }
    j["marks"] = marked;
    // Each record form the last frame drew: its narrowest text input or list (a minimum at every
    // text size), each field's place (it must not move while typing), the keyboard's field and
    // the fields still to choose.
    j["forms"] = nlohmann::json::array();
    for (const auto& f : forms_drawn_last_frame())
        j["forms"].push_back({{"form", f.table},      {"form_width", f.width},   {"narrowest_input", f.narrowest_input},
                              {"inputs", f.inputs},   {"rows_y", f.rows_y},      {"focus", f.focus},
                              {"unset", f.unset},     {"messages", f.messages},  {"asking", f.asking}});
    const auto& help = shell.help();
    j["help"] = {{"open", help.open()},
                 {"section", help.open() ? guide_sections()[help.section()].id : ""},
                 // Not "title": tests read the history's "title" as the dump's first one.
                 {"page_title", help.open() ? guide_sections()[help.section()].title : ""}};
    j["language"] = code_of(m.catalogue.language());
    j["school"] = m.school ? nlohmann::json{{"name", m.school->name}, {"code", m.school->code}} : nlohmann::json();
    j["year"] = m.year;
    j["read_only"] = m.read_only();
    j["operator"] = m.operator_name;
    j["locked"] = m.locked;
    j["operators"] = m.operators.size();
    const auto& d = *m.data;
    j["counts"] = {{"classes", d.classes.size()},     {"grades", d.grades.size()},       {"cohorts", d.cohorts.size()},
                   {"staff", d.staff.size()},         {"training", d.training.size()},   {"buildings", d.buildings.size()},
                   {"rooms", d.rooms.size()},         {"grounds", d.grounds.size()},     {"equipment", d.equipment.size()},
                   {"funds", d.funds.size()}};
    int pupils = 0;
    for (const auto& c : d.classes) pupils += c.pupils;
    j["pupils_in_classes"] = pupils;
    j["staff_names"] = nlohmann::json::array();
    for (const auto& s : d.staff) j["staff_names"].push_back(s.name);
    j["overview"] = overview_json(m);
    j["status"] = {{"kind", static_cast<int>(m.status.kind)}, {"en", m.status.message.en}, {"zh", m.status.message.zh}};
    j["drafts"] = nlohmann::json::array();
    for (const auto& [key, content] : m.drafts) j["drafts"].push_back(key);
    j["undo"] = m.undo ? nlohmann::json(m.undo->label.en) : nlohmann::json();
    if (m.history) j["history"] = {{"table", m.history->table}, {"title", record_title(m, *m.history)}};
    if (m.folder)
        j["folder"] = {{"folder_path", m.folder->folder},   {"folder_problem", static_cast<int>(m.folder->problem)},
                       {"folders", m.folder->folders},      {"files", m.folder->files},
                       {"places", m.folder->places.size()}};
    if (m.import_check) {
        const auto& p = m.import_check->preview;
        nlohmann::json kinds = nlohmann::json::array();
        for (const auto& k : p.kinds) kinds.push_back({{"kind", k.en}, {"rows", k.rows}, {"replaced", k.replaced}});
        j["import_preview"] = {{"preview_school", p.school_code}, {"preview_year", p.year}, {"preview_kinds", kinds},
                               {"preview_unmarked", p.unmarked.size()}};
    }
    if (m.import_problems) {
        nlohmann::json groups = nlohmann::json::array();
        for (const auto& g : m.import_problems->groups)
            groups.push_back({{"file", g.file}, {"heading", g.heading.en}, {"problems", g.lines.size()}});
        j["import_problems"] = {{"problem_count", m.import_problems->count()}, {"problem_files", groups}};
    }
    // The sync worker's state as the window shows it (README "The sync screen").
    nlohmann::json sync_json = {{"sync_phase", m.sync ? phase_word(m.sync->phase) : "off"},
                           {"sync_status_line", sync_status_text(m)},
                           {"sync_pending_records", m.pending_records()}};
    if (m.sync) {
        const auto& st = m.sync->status;
        sync_json["sync_enrolled"] = st.enrolled;
        sync_json["sync_by_file"] = st.by_file;
        sync_json["sync_url"] = st.receiver_url;
        sync_json["sync_unencrypted"] = st.unencrypted;
        sync_json["sync_pending"] = pending_changes(*m.sync, m.audit_seq);
        sync_json["sync_acked_seq"] = st.acked_seq ? nlohmann::json(*st.acked_seq) : nlohmann::json();
        sync_json["sync_last_reply_at"] = st.last_reply_at;
        const auto& r = m.sync->last_report;
        sync_json["sync_last_outcome"] = r ? sync::client::outcome_word(r->outcome) : "";
        sync_json["sync_last_problem"] = r ? r->problem : "";
        sync_json["sync_last_message"] = r ? r->message.en : "";
        nlohmann::json subs = nlohmann::json::array();
        for (const auto& sub : st.submissions)
            subs.push_back({{"submission_year", sub.year}, {"submission_version", sub.version},
                            {"submission_delivered", sub.delivered()}});
        sync_json["sync_submissions"] = subs;
        // The bureau's decisions (README "The review cycle in the window").
        nlohmann::json reviews = nlohmann::json::array();
        for (const auto& r : st.reviews)
            reviews.push_back({{"review_year", r.year}, {"review_version", r.version}, {"review_state", r.state},
                               {"review_text", r.text}});
        sync_json["sync_reviews"] = reviews;
        sync_json["sync_review_line"] = review_status_text(m);
        sync_json["sync_review_banner"] = review_banner(m.sync, m.year).has_value();
        nlohmann::json notes = nlohmann::json::array();
        if (r)
            for (const auto& note : r->inbox.notes) notes.push_back(note.en);
        sync_json["sync_inbox_notes"] = notes;
    }
    // The USB panel (ui/screens/usb_panel.hpp): its folder and the last file written or applied.
    sync_json["usb_folder"] = m.usb_folder ? m.usb_folder->folder : "";
    sync_json["usb_result"] = !m.usb_result ? "" : m.usb_result->first ? "ok" : "refused";
    sync_json["usb_message"] = m.usb_result ? m.usb_result->second.en : "";
    j["sync"] = sync_json;
    j["settings"] = m.settings;
    j["fonts"] = {{"glyphs", fonts.glyphs()},
                  {"pixel_size", fonts.pixel_size()},
                  {"atlas", {fonts.atlas_width(), fonts.atlas_height()}},
                  {"faces", fonts.faces().size()},
                  {"missing", missing_glyphs(m, shell, fonts)},
                  {"fallback_char", ImGui::GetIO().Fonts->Fonts.empty() ? 0 : ImGui::GetIO().Fonts->Fonts[0]->FallbackChar},
                  {"fallback_drawn_last_frame", timings.fallback_last_frame},
                  {"fallback_drawn_frames", timings.fallback_frames}};
    // The sizes the text size scales besides the font (the ImGui context is still alive here).
    const ImGuiStyle& style = ImGui::GetStyle();
    j["style"] = {{"frame_padding", {style.FramePadding.x, style.FramePadding.y}},
                  {"window_padding", {style.WindowPadding.x, style.WindowPadding.y}},
                  {"scrollbar_size", style.ScrollbarSize}};
    j["timings"] = {{"first_frame_ms", timings.first_frame_ms}, {"model_ms", timings.model_ms},
                    {"window_ms", timings.window_ms},           {"atlas_ms", timings.atlas_ms},
                    {"frames", timings.frame_cpu_ms.size()}};
    // Steady-state frames: the first few build the atlas and load the screen.
    std::vector<double> steady(timings.frame_cpu_ms.begin() + std::min<std::ptrdiff_t>(3, std::ssize(timings.frame_cpu_ms)),
                               timings.frame_cpu_ms.end());
    if (!steady.empty()) {
        std::sort(steady.begin(), steady.end());
        auto at = [&](double q) { return steady[static_cast<std::size_t>(q * static_cast<double>(steady.size() - 1))]; };
        j["timings"]["frame_cpu_ms"] = {{"p50", at(0.5)}, {"p99", at(0.99)}, {"max", steady.back()}, {"count", steady.size()}};
    }
    j["timings"]["refresh_ms"] = m.refresh_ms;
    // Written beside and renamed over: a test polling the file while the window runs never reads
    // half a dump.
    auto partial = path;
    partial += ".partial";
    std::ofstream(partial) << j.dump(2) << "\n";
    std::error_code ignored;
    std::filesystem::rename(partial, path, ignored);
}

}  // namespace jh::ui
