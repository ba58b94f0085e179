// The backup reminder: due when the last backup is older than the setting's days (7 unless
// set), or when none was ever made; never when the setting is 0.
#include <doctest/doctest.h>

#include "ui/backup_reminder.hpp"
#include "ui/model.hpp"

using jh::ui::Language;
using jh::ui::Model;

TEST_CASE("backup reminder: the time stored, the days since, due after the set number of days") {
    const auto at = jh::ui::parse_utc_iso("2026-11-22T09:05:00Z");
    REQUIRE(at);
    CHECK(std::chrono::system_clock::to_time_t(*at) == 1'795'338'300);
    CHECK_FALSE(jh::ui::parse_utc_iso("2026-11-22 09:05"));
    CHECK_FALSE(jh::ui::parse_utc_iso("2026-11-22T09:05:00Zjunk"));

    Model m(Language::Zh);
    const auto now = *at + std::chrono::hours(24 * 6 + 23);
    auto due = jh::ui::backup_due(m, now);
    CHECK(due.due);   // never backed up
    CHECK_FALSE(due.days);

    m.settings[jh::ui::kLastBackup] = "2026-11-22T09:05:00Z";
    due = jh::ui::backup_due(m, now);
    CHECK_FALSE(due.due);
    CHECK(due.days == 6);
    due = jh::ui::backup_due(m, now + std::chrono::hours(1));
    CHECK(due.due);
    CHECK(due.days == 7);

    m.settings[jh::ui::kBackupReminderDays] = "30";
    CHECK_FALSE(jh::ui::backup_due(m, now + std::chrono::hours(24 * 20)).due);
    m.settings[jh::ui::kBackupReminderDays] = "0";
    m.settings.erase(jh::ui::kLastBackup);
    CHECK_FALSE(jh::ui::backup_due(m, now).due);
}
