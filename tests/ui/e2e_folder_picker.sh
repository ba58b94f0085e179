#!/bin/bash
# End-to-end: an administrator imports a staff CSV from a sub-folder with the folder picker —
# the import/export screen opens on ~/junheng-files, one click opens the sub-folder 学校资料, a
# tick and 导入所选文件 bring the file in (a teacher renamed 测试甲). The staff table, sorted by
# name, then shows 测试甲 first (pinyin: cè before céng), and its history is titled
# "教职工 · 测试甲". Clicks go to fixed window positions of the 1280×800 layout; a failure keeps
# the screenshots to show where they went.
# Usage (under xvfb-run): e2e_folder_picker.sh JUNHENG_BINARY SCREENSHOT_DIR
source "$(dirname "$0")/lib.sh"
begin_e2e "$@"
FOLDER=$HOME/junheng-files/学校资料
mkdir -p "$FOLDER"
"$JUNHENG" --db "$DB" demo > /dev/null
"$JUNHENG" --db "$DB" export --out "$WORK/export" > /dev/null
awk -F, -v OFS=, 'NR == 2 { $4 = "测试甲" } { print }' "$WORK/export/教职工.csv" > "$FOLDER/教职工.csv"

click_at() {
    xdotool mousemove --window "$WID" "$1" "$2"
    sleep 0.3
    xdotool click 1
    sleep "${3:-1}"
}

# 1. Browse into the sub-folder (row 2 of the list, under "上一级"), tick its one file (row 2
#    there too), import, confirm in the preview (确定导入). The modal shows a frame after it
#    opens: a mouse move draws it.
start_app "$STATE" JUNHENG_SCREEN=exchange -- --db "$DB" --screenshot "$SHOTS/e2e-folder-picker.png"
click_at 270 220 1.5
click_at 229 225
click_at 250 583
xdotool mousemove --window "$WID" 255 585
sleep 1
click_at 555 500 3
quit_app
[ "$(json_value "$STATE" folder_path)" = "$FOLDER" ] || fail "the picker did not open $FOLDER: $(json_value "$STATE" folder_path)"
[ "$(json_value "$STATE" en)" = "Imported 1 files" ] || fail "no import from the sub-folder: $(json_value "$STATE" en)"
grep -q '"测试甲"' "$STATE" || fail "the imported teacher's new name is not in the data"
[ "$(json_value "$STATE" missing)" = "" ] || fail "characters without glyphs: $(json_value "$STATE" missing)"

# 2. The staff table sorts by name on opening: its first row is 测试甲. Select it, open its
#    history.
start_app "$STATE" JUNHENG_SCREEN=staff -- --db "$DB" --screenshot "$SHOTS/e2e-history.png"
click_at 250 216                      # inside the name column: a press on a column border resizes it
click_at 476 121 2
quit_app
[ "$(json_value "$STATE" screen)" = history ] || fail "the history button did not open the history screen"
[ "$(json_value "$STATE" title)" = "教职工 · 测试甲" ] || fail "history title: $(json_value "$STATE" title)"

# 3. The screen comes back to the folder last opened; one since removed (an unplugged drive)
#    falls back to where it would start.
start_app "$STATE" JUNHENG_SCREEN=exchange -- --db "$DB"
sleep 1
quit_app
[ "$(json_value "$STATE" folder_path)" = "$FOLDER" ] || fail "the last folder was not remembered: $(json_value "$STATE" folder_path)"
sqlite3 "$DB" "UPDATE settings SET value = '/media/gone-usb' WHERE key = 'exchange_folder'"
start_app "$STATE" JUNHENG_SCREEN=exchange -- --db "$DB"
sleep 1
quit_app
[ "$(json_value "$STATE" folder_path)" = "$HOME/junheng-files" ] || fail "a vanished folder did not fall back: $(json_value "$STATE" folder_path)"
echo "ok: imported 教职工.csv from $FOLDER through the folder picker; history titled 教职工 · 测试甲; the folder remembered"
