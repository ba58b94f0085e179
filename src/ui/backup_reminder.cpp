// The backup reminder (see backup_reminder.hpp).
#include "ui/backup_reminder.hpp"

#include <cstdio>
#include <ctime>

#include <imgui.h>

#include "ui/model.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {

std::optional<std::chrono::system_clock::time_point> parse_utc_iso(const std::string& text) {
    std::tm t{};
    char z = 0;
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%n", &t.tm_year, &t.tm_mon, &t.tm_mday, &t.tm_hour, &t.tm_min, &t.tm_sec, &z,
                    &consumed) != 7 ||
        z != 'Z' || static_cast<std::size_t>(consumed) != text.size())
        return std::nullopt;
    t.tm_year -= 1900;
    t.tm_mon -= 1;
    return std::chrono::system_clock::from_time_t(timegm(&t));
}

BackupDue backup_due(const Model& m, std::chrono::system_clock::time_point now) {
    int limit = kDefaultBackupReminderDays;
    try {
        limit = std::stoi(m.setting(kBackupReminderDays, std::to_string(kDefaultBackupReminderDays)));
    } catch (const std::exception&) {
    }
    BackupDue out;
    if (auto last = parse_utc_iso(m.setting(kLastBackup, "")))
        out.days = static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(now - *last).count() / 24);
    out.due = limit > 0 && (!out.days || *out.days >= limit);
    return out;
}

bool draw_backup_reminder(const Model& m) {
    const auto due = backup_due(m, std::chrono::system_clock::now());
    if (!due.due) return false;
    char text[256];
    if (due.days) std::snprintf(text, sizeof text, m.tr("backup.reminder_days"), *due.days);
    else std::snprintf(text, sizeof text, "%s", m.tr("backup.reminder_never"));
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(colour::amber, "%s", text);
    ImGui::SameLine();
    return ImGui::SmallButton(m.tr("backup.reminder_go"));
}

}  // namespace jh::ui
