// Settings (设置): text size (with a large mode for touch screens), language, the rule pack
// in force, locking at start, and the school profile.
#include <nlohmann/json.hpp>

#include "ops/packs.hpp"
#include "ui/record_form.hpp"
#include "ui/backup_reminder.hpp"
#include "ui/screens/screen.hpp"

namespace jh::ui {
namespace {

struct SettingsScreen final : Screen {
    std::vector<std::string> profile;   // School fields as typed; empty until first drawn
    bool profile_dirty = false;
    std::uint64_t pending = 0;

    std::string_view id() const override { return "settings"; }
    const char* title(const Model& m) const override { return m.tr("nav.settings"); }
    bool has_unsaved_edits() const override { return profile_dirty; }
    void close_forms(Intents&, bool) override {
        profile.clear();
        profile_dirty = false;
    }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.settings"));
        draw_display(m, in);
        ImGui::Spacing();
        draw_pack(m, in);
        ImGui::Spacing();
        draw_profile(m, in);
    }

    void draw_display(const Model& m, Intents& in) {
        ImGui::TextUnformatted(m.tr("settings.text_size"));
        const std::string scale = m.setting("font_scale", "1");
        const std::pair<const char*, const char*> sizes[] = {
            {"1", m.tr("settings.size_normal")}, {"1.25", m.tr("settings.size_larger")},
            {"1.5", m.tr("settings.size_large")}, {"2", m.tr("settings.size_touch")}};
        for (const auto& [value, label] : sizes) {
            ImGui::SameLine();
            if (ImGui::RadioButton(label, scale == value)) in.set_setting("font_scale", value);
        }
        ImGui::TextUnformatted(m.tr("settings.language"));
        ImGui::SameLine();
        if (ImGui::RadioButton("中文", !m.english())) in.set_setting("language", "zh");
        ImGui::SameLine();
        if (ImGui::RadioButton("English", m.english())) in.set_setting("language", "en");
        bool lock = m.setting("lock_on_start", "0") == "1";
        ImGui::BeginDisabled(m.operators.empty());
        if (ImGui::Checkbox(m.tr("settings.lock_on_start"), &lock)) in.set_setting("lock_on_start", lock ? "1" : "0");
        ImGui::TextUnformatted(m.tr("settings.idle_lock"));
        const std::string idle = m.setting("idle_lock_minutes", "0");
        const std::pair<const char*, const char*> delays[] = {{"0", m.tr("settings.idle_lock_off")},
                                                              {"5", m.tr("settings.idle_lock_5")},
                                                              {"10", m.tr("settings.idle_lock_10")},
                                                              {"30", m.tr("settings.idle_lock_30")}};
        for (const auto& [value, label] : delays) {
            ImGui::SameLine();
            if (ImGui::RadioButton(label, idle == value)) in.set_setting("idle_lock_minutes", value);
        }
        ImGui::EndDisabled();
        // After how many days without a backup the overview reminds (backup_reminder.hpp).
        ImGui::TextUnformatted(m.tr("settings.backup_days"));
        const std::string days = m.setting(kBackupReminderDays, std::to_string(kDefaultBackupReminderDays));
        const std::pair<const char*, const char*> choices[] = {
            {"3", "3"}, {"7", "7"}, {"14", "14"}, {"30", "30"}, {"0", m.tr("settings.backup_never")}};
        for (const auto& [value, label] : choices) {
            ImGui::SameLine();
            ImGui::PushID(value);
            if (ImGui::RadioButton(label, days == value)) in.set_setting(kBackupReminderDays, value);
            ImGui::PopID();
        }
    }

    void draw_pack(const Model& m, Intents& in) {
        ImGui::TextUnformatted(m.tr("settings.rule_pack"));
        if (!m.packs) return;   // before the first snapshot
        // The built-in packs and the bureau's (ops::terminal_packs), the selected one checked.
        const std::string& current = m.packs->selected;
        for (const auto& pack : m.packs->packs) {
            // Pack ids and the packs' own version notes are English: the Chinese interface shows the name.
            const std::string label = m.english() ? m.text(pack.name) + " (" + pack.id + ", " + pack.version + ")"
                                                  : m.text(pack.name);
            if (ImGui::RadioButton(label.c_str(), pack.id == current) && pack.id != current) {
                in.set_setting(ops::kPackSetting, pack.id);
                in.need_glyphs(m.text(pack.name));
                in.open_year(m.year);   // recompute the indicators under the new pack
            }
            if (m.packs->bureau && pack.id == m.packs->bureau->id) {
                // Its source and date: who published it at the bureau, when (receiver time), and the document.
                const auto& b = *m.packs->bureau;
                ImGui::Indent();
                ImGui::TextDisabled("%s %s, %s · %s", m.tr("settings.pack_bureau"), b.source.c_str(),
                                    b.published_at.substr(0, 10).c_str(), pack.document.c_str());
                ImGui::Unindent();
            }
        }
    }

    void draw_profile(const Model& m, Intents& in) {
        heading(m.tr("settings.profile"));
        const auto& fields = domain::Entity<domain::School>::fields();
        if (pending && m.tickets_done >= pending) {
            if (!m.failed_tickets.contains(pending)) profile_dirty = false;
            pending = 0;
        }
        if (!profile_dirty) {
            profile.clear();
            for (const auto& f : fields) profile.push_back(to_input(f.type, f.get(*m.school)));
        }
        domain::School candidate = *m.school;
        bool ok = true;
        if (ImGui::BeginTable("##profile", 3, ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, 170);
            ImGui::TableSetupColumn("input", ImGuiTableColumnFlags_WidthStretch, 1.2f);
            ImGui::TableSetupColumn("message", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            std::vector<std::string> problems(fields.size());
            for (std::size_t i = 0; i < fields.size(); ++i) {
                auto v = from_input(fields[i].type, profile[i]);
                if (!v || !fields[i].set(candidate, *v)) problems[i] = m.tr("form.required");
            }
            for (const auto& issue : domain::validate(candidate))
                for (std::size_t i = 0; i < fields.size(); ++i)
                    if (fields[i].key == issue.field && problems[i].empty() && issue.severity == domain::Severity::Error)
                        problems[i] = m.text(issue.message);
            for (std::size_t i = 0; i < fields.size(); ++i) {
                ok &= problems[i].empty();
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(std::string(m.label(fields[i])).c_str());
                ImGui::TableNextColumn();
                ImGui::SetNextItemWidth(-1);
                ImGui::PushID(static_cast<int>(i));
                profile_dirty |= field_input(m, fields[i], profile[i], in).changed;
                ImGui::PopID();
                ImGui::TableNextColumn();
                if (!problems[i].empty()) wrapped_colored(colour::red, problems[i]);
            }
            ImGui::EndTable();
        }
        ImGui::BeginDisabled(!ok || !profile_dirty || pending != 0);
        if (ImGui::Button(m.tr("form.save"))) pending = in.save_school(candidate);
        ImGui::EndDisabled();
    }
};

}  // namespace

std::unique_ptr<Screen> make_settings_screen() { return std::make_unique<SettingsScreen>(); }

}  // namespace jh::ui
