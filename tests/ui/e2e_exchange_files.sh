#!/bin/bash
# End-to-end: the import/export screen with a new administrator's files.
# 1. Exporting CSV templates into a folder holding a hand-edited 教职工.csv leaves that file
#    byte for byte as it was: the 12 templates go into a new sub-folder named by the school and
#    the time, every one but 学校基本信息.csv ending with the 学校标识码 column.
# 2. Another school's 教职工.csv (its 学校标识码 not ours, no 学校基本信息.csv beside it) is
#    refused: nothing imported, the problem listed in the panel under the import button, the
#    file still ticked.
# 3. An old template without 学校标识码 is previewed (school, year, rows) and cannot be imported
#    until "我确认这些文件属于本校" is ticked; then 确定导入 brings it in.
# 4. 备份到此文件夹 and 从备份恢复 (after its confirmation) round-trip the database.
# Clicks go to fixed window positions of the 1280×800 layout; screenshots show where they went.
# Usage (under xvfb-run): e2e_exchange_files.sh JUNHENG_BINARY SCREENSHOT_DIR
source "$(dirname "$0")/lib.sh"
begin_e2e "$@"
"$JUNHENG" --db "$DB" demo > /dev/null
"$JUNHENG" --db "$DB" export --out "$WORK/ours" > /dev/null
CODE=$(head -2 "$WORK/ours/学校基本信息.csv" | tail -1 | cut -d, -f1 | sed 's/^\xEF\xBB\xBF//')

# Where things are: the export button, the browser's second row (the one file under
# "↑ 上一级文件夹"), 导入所选文件, and in the centred preview its confirmation tick and 确定导入.
EXPORT_X=283; EXPORT_Y=721
ROW2_X=229; ROW2_Y=224
IMPORT_X=251; IMPORT_Y=583
VOUCH_X=438; VOUCH_Y=467
CONFIRM_X=504; CONFIRM_Y=534
BACKUP_X=819; BACKUP_Y=691; RESTORE_X=942; RESTORE_Y=691
RESTORE_CONFIRM_X=387; RESTORE_CONFIRM_Y=448

click_at() {
    xdotool mousemove --window "$WID" "$1" "$2"
    sleep 0.3
    xdotool click 1
    sleep "${3:-1}"
}
shot() { import -window root "$SHOTS/$1.png"; }
remember_folder() {
    sqlite3 "$DB" "INSERT INTO settings (key, value) VALUES ('exchange_folder', '$1')
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value"
}
staff_names() { sqlite3 "$DB" "SELECT group_concat(name, ',') FROM (SELECT name FROM staff ORDER BY id)"; }

# 1. Export next to a hand-edited 教职工.csv.
KEPT=$HOME/junheng-files
mkdir -p "$KEPT"
awk -F, -v OFS=, 'NR == 2 { $4 = "手改的名字" } { print }' "$WORK/ours/教职工.csv" > "$KEPT/教职工.csv"
cp "$KEPT/教职工.csv" "$WORK/hand-edited.csv"
start_app "$STATE" JUNHENG_SCREEN=exchange -- --db "$DB" --screenshot "$SHOTS/e2e-export-subfolder.png"
click_at "$EXPORT_X" "$EXPORT_Y" 3
quit_app
cmp -s "$KEPT/教职工.csv" "$WORK/hand-edited.csv" || fail "the export replaced the hand-edited 教职工.csv"
NEW=$(find "$KEPT" -mindepth 1 -maxdepth 1 -type d -name "${CODE}_*")
[ -n "$NEW" ] || fail "no export sub-folder ${CODE}_… in $KEPT: $(ls "$KEPT")"
[ "$(ls "$NEW" | wc -l)" = 12 ] || fail "the export sub-folder holds $(ls "$NEW" | wc -l) files, not 12"
head -1 "$NEW/班级.csv" | grep -q ',学校标识码$' || fail "班级.csv has no 学校标识码 column: $(head -1 "$NEW/班级.csv")"
grep -q "Exported 12 file(s) into the new folder '$(basename "$NEW")'" "$STATE" || fail "status: $(json_value "$STATE" en)"

# 2. Another school's staff file is refused; the problem is listed, the tick kept.
THEIRS=$HOME/theirs
mkdir -p "$THEIRS"
"$JUNHENG" --db "$WORK/theirs.db" demo --code 4401020009 > /dev/null
"$JUNHENG" --db "$WORK/theirs.db" export --out "$WORK/theirs" > /dev/null
cp "$WORK/theirs/教职工.csv" "$THEIRS/"
before=$(staff_names)
remember_folder "$THEIRS"
start_app "$STATE" JUNHENG_SCREEN=exchange -- --db "$DB" --screenshot "$SHOTS/e2e-import-refused.png"
click_at "$ROW2_X" "$ROW2_Y"                       # tick 教职工.csv
click_at "$IMPORT_X" "$IMPORT_Y" 3                 # 导入所选文件
shot e2e-import-refused-panel
quit_app
[ "$(staff_names)" = "$before" ] || fail "another school's staff were imported"
[ "$(json_value "$STATE" problem_count)" = 1 ] || fail "problems listed: $(json_value "$STATE" problem_count)"
grep -q "belong to the school with code 4401020009" "$STATE" || fail "the refusal does not name the other school"
grep -q '"import_preview"' "$STATE" && fail "a preview was offered for another school's files"

# 3. An old template (no 学校标识码 column) with one teacher renamed: preview, confirmation, import.
OLD=$HOME/old
mkdir -p "$OLD"
awk -F, -v OFS=, 'NR == 2 { $4 = "测试乙" } { NF = NF - 1; print }' "$WORK/ours/教职工.csv" > "$OLD/教职工.csv"
head -1 "$OLD/教职工.csv" | grep -q '学校标识码' && fail "the old-style file still has 学校标识码"
remember_folder "$OLD"
start_app "$STATE" JUNHENG_SCREEN=exchange -- --db "$DB" --screenshot "$SHOTS/e2e-import-preview.png"
click_at "$ROW2_X" "$ROW2_Y"
click_at "$IMPORT_X" "$IMPORT_Y" 3
xdotool mousemove --window "$WID" 640 400
sleep 1
shot e2e-import-preview-unmarked
click_at "$CONFIRM_X" "$CONFIRM_Y" 2               # 确定导入, disabled until the tick: nothing happens
quit_app
[ "$(json_value "$STATE" preview_school)" = "$CODE" ] || fail "preview school: $(json_value "$STATE" preview_school)"
[ "$(json_value "$STATE" preview_unmarked)" = 1 ] || fail "the old file is not named as unmarked"
grep -q '"测试乙"' "$STATE" && fail "the old template was imported without the confirmation"

start_app "$STATE" JUNHENG_SCREEN=exchange -- --db "$DB" --screenshot "$SHOTS/e2e-import-old-confirmed.png"
click_at "$ROW2_X" "$ROW2_Y"
click_at "$IMPORT_X" "$IMPORT_Y" 3
xdotool mousemove --window "$WID" 640 400
sleep 1
click_at "$VOUCH_X" "$VOUCH_Y"                     # 我确认这些文件属于本校
click_at "$CONFIRM_X" "$CONFIRM_Y" 3               # 确定导入
quit_app
[ "$(json_value "$STATE" en)" = "Imported 1 files" ] || fail "the confirmed import did not run: $(json_value "$STATE" en)"
grep -q '"测试乙"' "$STATE" || fail "the old template's renamed teacher is not in the data"

# 4. 备份到此文件夹 writes the store's backup into the folder shown and records its time (the
#    overview's reminder goes); a change made afterwards is undone by 从备份恢复 after its
#    confirmation, the replaced database kept beside it.
USB=$HOME/usb
mkdir -p "$USB"
remember_folder "$USB"
start_app "$STATE" JUNHENG_SCREEN=exchange -- --db "$DB" --screenshot "$SHOTS/e2e-backup.png"
click_at "$BACKUP_X" "$BACKUP_Y" 3
quit_app
BACKUP=$(find "$USB" -maxdepth 1 -name "${CODE}_*.db")
[ -n "$BACKUP" ] || fail "no backup ${CODE}_….db in $USB: $(ls "$USB")"
grep -q '"last_backup": "20' "$STATE" || fail "the time of the backup was not recorded"
grep -q "Backed up to $BACKUP" "$STATE" || fail "status: $(json_value "$STATE" en)"
awk -F, -v OFS=, 'NR == 2 { $4 = "恢复前的改动" } { print }' "$NEW/教职工.csv" > "$WORK/after-backup.csv"
"$JUNHENG" --db "$DB" import "$WORK/after-backup.csv" > /dev/null
staff_names | grep -q 恢复前的改动 || fail "the change after the backup was not made"
start_app "$STATE" JUNHENG_SCREEN=exchange -- --db "$DB" --screenshot "$SHOTS/e2e-restored.png"
click_at "$ROW2_X" "$ROW2_Y"                       # tick the backup
click_at "$RESTORE_X" "$RESTORE_Y"                 # 从备份恢复
xdotool mousemove --window "$WID" 640 400
sleep 1
shot e2e-restore-question
click_at "$RESTORE_CONFIRM_X" "$RESTORE_CONFIRM_Y" 4
quit_app
staff_names | grep -q 恢复前的改动 && fail "the restore did not bring back the backup's data"
staff_names | grep -q 测试乙 || fail "the restored data lacks what the backup held"
ls "$DB".before-restore-* > /dev/null 2>&1 || fail "the replaced database was not kept"
grep -q "Restored from $BACKUP" "$STATE" || fail "status: $(json_value "$STATE" en)"
grep -q "\"last_backup\": \"20" "$STATE" || fail "the restored database does not know when its backup was made"
echo "ok: export into a new sub-folder kept the hand-edited 教职工.csv; another school's file refused; an old template imported after its preview and confirmation; backup to a folder and restore from it"
