// When to remind the administrator to back up: an old PC can die with the only copy of the
// school's data. The time of the last backup made from the terminal and the number of days
// after which to remind are settings (the store's settings table), read here from the model.
#pragma once
#include <chrono>
#include <optional>
#include <string>

namespace jh::ui {

struct Model;

inline constexpr const char* kLastBackup = "last_backup";                    // ISO 8601 UTC, e.g. 2026-11-22T09:05:00Z
inline constexpr const char* kBackupReminderDays = "backup_reminder_days";   // whole days, 0 = never remind
inline constexpr int kDefaultBackupReminderDays = 7;

struct BackupDue {
    bool due = false;
    std::optional<int> days;   // since the last backup; empty when none was ever made
};

// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ", or nullopt for anything else.
std::optional<std::chrono::system_clock::time_point> parse_utc_iso(const std::string& text);

// Whether the last backup (or the lack of one) is older than the reminder's days at `now`.
BackupDue backup_due(const Model& m, std::chrono::system_clock::time_point now);

// The reminder line with its button to the import/export screen, drawn when a backup is due.
// Returns true when the button was pressed.
bool draw_backup_reminder(const Model& m);

}  // namespace jh::ui
