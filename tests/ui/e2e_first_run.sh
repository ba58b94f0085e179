#!/bin/bash
# End-to-end: a new user on an empty database completes first-run setup (typing Chinese with
# rare name characters), adds classes, sees the overview ask for teachers, adds a teacher and
# watches indicator R1 change; a form typed into and then killed comes back as a draft.
# Usage (under xvfb-run): e2e_first_run.sh JUNHENG_BINARY SCREENSHOT_DIR
source "$(dirname "$0")/lib.sh"
begin_e2e "$@"
DB=$WORK/school.db
SCHOOL='琰山喆燚小学'

# 1. First-run setup: fields are reached with Tab (code, name, county, central code, bureau,
#    year, operator, PIN, PIN again); Enter in the last one submits.
start_app "$STATE" -- --db "$DB" --screenshot "$SHOTS/e2e-1-setup.png"
type_text 3607260001; key Tab
type_text "$SCHOOL"; key Tab
type_text 360726; key Tab Tab Tab Tab
type_text '王琰'; key Tab
type_text 2468; key Tab
type_text 2468; key Return
sleep 2
quit_app
[ "$(json_value "$STATE" name)" = "$SCHOOL" ] || fail "school name not saved: $(json_value "$STATE" name)"
[ "$(json_value "$STATE" operators)" = 1 ] || fail "first operator not created"
[ "$(json_value "$STATE" missing)" = "" ] || fail "characters without glyphs: $(json_value "$STATE" missing)"
grep -q '"problem"' "$STATE" || fail "overview should explain that pupils are needed first"

# 1b. The PIN just chosen is asked for at the next start; the right one opens the terminal.
#     (Lock at start is then switched off, as the settings screen can, for the steps below.)
JUNHENG_STATE_OUT=$STATE "$JUNHENG" --db "$DB" --screenshot "$SHOTS/e2e-1b-locked.png" --quit-after-frames 4 ||
    fail "the start after setup exited with status $?"
grep -q '"lock_on_start": "1"' "$STATE" || fail "first-run setup should switch lock at start on"
[ "$(json_value "$STATE" locked)" = true ] || fail "the start after setup did not ask for the PIN"
start_app "$STATE" -- --db "$DB"
type_text 2468; key Return
sleep 1.5
quit_app
[ "$(json_value "$STATE" locked)" = false ] || fail "the first-run PIN did not unlock the terminal"
sqlite3 -batch "$DB" "UPDATE settings SET value = '0' WHERE key = 'lock_on_start'"

# 1c. The idle lock (here 0.05 minutes = 3 s): left alone, the terminal locks itself.
sqlite3 -batch "$DB" "INSERT INTO settings (key, value) VALUES ('idle_lock_minutes', '0.05')"
start_app "$STATE" -- --db "$DB"
sleep 6
quit_app
[ "$(json_value "$STATE" locked)" = true ] || fail "left idle past the idle lock, the terminal is not locked"
sqlite3 -batch "$DB" "DELETE FROM settings WHERE key = 'idle_lock_minutes'"

# 2. Two classes of grade 1 (the form opens on grade; stage defaults to primary).
start_app "$STATE" JUNHENG_SCREEN=classes -- --db "$DB" --screenshot "$SHOTS/e2e-2-classes.png"
for class in "1 1 40" "1 2 38"; do
    set -- $class
    shortcut n; sleep 0.5
    type_text "$1"; key Tab
    type_text "$2"; key Tab
    type_text "$3"; key Return
    sleep 1.5
done
quit_app
[ "$(json_value "$STATE" classes)" = 2 ] || fail "expected 2 classes, got $(json_value "$STATE" classes)"
[ "$(json_value "$STATE" pupils_in_classes)" = 78 ] || fail "expected 40 + 38 pupils, got $(json_value "$STATE" pupils_in_classes)"
r1_before=$(indicator_value "$STATE" R1)
[ -n "$r1_before" ] || fail "no R1 after adding classes"
awk "BEGIN { exit !($r1_before == 0) }" || fail "R1 should be 0 without teachers, is $r1_before"

# 3. A teacher, typed in Chinese; R1 (teachers above the required education per 100 pupils)
#    rises from 0 to 100 × 1 teacher / 78 pupils. What feeds a verdict is chosen, not assumed:
#    Tab reaches every field, arrows choose in lists, ←/→ answer 是/否.
start_app "$STATE" JUNHENG_SCREEN=staff -- --db "$DB" --screenshot "$SHOTS/e2e-3-staff.png"
shortcut n; sleep 1.5                 # the new form must have focus before the name is typed
type_text '李堃'; key Tab
key Down Tab                          # 性别: 男
type_text 1988; key Tab               # 出生年份
key Down Down Tab                     # 任教学段: （无）→ 小学
key Down Tab                          # 岗位类别: 专任教师
key Down Down Tab Tab                 # 最高学历: 本科; 专业技术职务 as it is
type_text '语文'; key Tab             # 任教学科
key Right Tab Right Tab Right Tab     # 体育, 音乐, 美术教师: 否
key Down Tab Tab                      # 骨干教师级别: 无; no 骨干认定年份
key Left Tab Right Tab                # 教师资格证: 是; 应交流轮岗: 否
key Down Return                       # 本年交流: 未交流; Enter saves
sleep 1.5
quit_app
[ "$(json_value "$STATE" staff)" = 1 ] || fail "teacher not saved"
grep -q '"李堃"' "$STATE" || fail "teacher name not saved"
r1_after=$(indicator_value "$STATE" R1)
awk "BEGIN { exit !($r1_after > 1.28 && $r1_after < 1.29) }" || fail "R1 should be 100 × 1 / 78 ≈ 1.282, is $r1_after"
[ "$(json_value "$STATE" missing)" = "" ] || fail "characters without glyphs: $(json_value "$STATE" missing)"

# 4. The overview shows it: red cards (R1 far below 4.2) and the verdict in a screenshot.
start_app "$STATE" JUNHENG_SCREEN=overview -- --db "$DB" --screenshot "$SHOTS/e2e-4-overview.png"
quit_app
red=$(convert "$SHOTS/e2e-4-overview.png" -format %c histogram:info:- | grep -i '#C72929' | awk -F: '{s+=$1} END {print s+0}')
[ "$red" -gt 500 ] || fail "overview shows no red indicator cards ($red red pixels)"

# 5. Typed but never saved, then the power goes: the draft comes back.
start_app "$STATE" JUNHENG_SCREEN=staff -- --db "$DB"
shortcut n; sleep 0.5
type_text '赵昇玥'
sleep 1.5
kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
start_app "$STATE" JUNHENG_SCREEN=staff -- --db "$DB" --screenshot "$SHOTS/e2e-5-draft-restored.png"
quit_app keep-draft
grep -q '"form:staff"' "$STATE" || fail "the staff draft did not survive the kill"
[ "$(json_value "$STATE" missing)" = "" ] || fail "characters without glyphs: $(json_value "$STATE" missing)"
echo "ok: first run, Chinese input, classes, teacher, R1 ${r1_before} → ${r1_after}, draft survives a kill"
