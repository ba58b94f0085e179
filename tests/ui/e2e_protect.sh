#!/bin/bash
# End-to-end: the protections of a shared school computer on the demo school. An operator is
# added on the operators screen; the terminal locks (top-bar button and Ctrl+L) and then draws
# nothing but the lock screen; a wrong PIN keeps it locked with the error shown, the right one
# unlocks; "lock at start" locks the next start. The lock screen shows only its own answers,
# not an error from before the lock. Ctrl+Z undoes the last saved change (an edited class, then
# an added one): the database holds the old record again, the audit log records both writes
# under the unlocked operator's name, and its hash chain stays valid; after a lock, Ctrl+Z has
# nothing left to undo.
# Widgets without a keyboard path are clicked at their place in the 1280×800 window at the
# normal text size (each click is followed by a check of its effect).
# Usage (under xvfb-run): e2e_protect.sh JUNHENG_BINARY SCREENSHOT_DIR
source "$(dirname "$0")/lib.sh"
begin_e2e "$@"
OPERATOR='郑喆'
PIN=2580
"$JUNHENG" --db "$DB" demo > /dev/null

sql() { sqlite3 -batch -noheader "$DB" "$1"; }
# wait_sql QUERY EXPECTED WHAT: the database reaches the expected answer within 10 s.
wait_sql() {
    local i got
    for i in $(seq 1 50); do
        got=$(sql "$1")
        [ "$got" = "$2" ] && return
        sleep 0.2
    done
    fail "$3: expected $2, database says $got"
}
click_at() {
    xdotool mousemove "$1" "$2"; sleep 0.2
    xdotool click 1; sleep 0.4
}
# Pixels of the window's own background colour (#F7F7F5) are all the navigation column shows
# when no screen is drawn; the number of other pixels there tells whether one is.
nav_ink() {
    convert "$1" -crop 170x600+15+50 +repage -format %c histogram:info:- |
        { grep -vi '#F7F7F5' || true; } | awk -F: '{s+=$1} END {print s+0}'
}
# Pixels of red text (the error colour #C72929, blended into the background at the edges).
red_pixels() {
    convert "$1" -format %c histogram:info:- |
        sed -nE 's/^ *([0-9]+): \( *([0-9]+), *([0-9]+), *([0-9]+).*/\1 \2 \3 \4/p' |
        awk '$2 - $3 > 60 && $2 - $4 > 60 {s += $1} END {print s + 0}'
}
snap() { import -window root "$SHOTS/$1"; echo "$SHOTS/$1"; }

# 1. An operator with a PIN, added on the operators screen (the demo school has none).
[ "$(sql 'SELECT count(*) FROM operator')" = 0 ] || fail "the demo school should start without operators"
start_app "$STATE" JUNHENG_SCREEN=operators -- --db "$DB" --screenshot "$SHOTS/e2e-protect-1-locked.png"
before_name=$(snap e2e-protect-0-start.png)
click_at 337 168                      # 姓名
type_text "$OPERATOR"; key Tab        # the role list is skipped by Tab: next is the PIN
type_text "$PIN"
click_at 227 273                      # 添加
wait_sql "SELECT name || ':' || role FROM operator" "$OPERATOR:clerk" "operator added on the operators screen"
after_name=$(snap e2e-protect-0-unlocked.png)
unlocked_ink=$(nav_ink "$after_name")
[ "$unlocked_ink" -gt 2000 ] || fail "the navigation should be drawn while unlocked ($unlocked_ink px)"
# The name's characters were new to the font atlas: the navigation must look exactly as before
# it grew.
changed=$(compare -metric AE -crop 170x600+15+50 "$before_name" "$after_name" null: 2>&1 || true)
[ "$changed" = 0 ] || fail "the navigation changed when the atlas grew for the typed name ($changed px)"

# 1b. The same name again is refused: the error in red on the status bar.
click_at 337 194                      # 姓名, below the one operator now listed
type_text "$OPERATOR"; key Tab
type_text "$PIN"
click_at 227 299                      # 添加
red=0
for i in $(seq 1 25); do
    red=$(red_pixels "$(snap e2e-protect-1b-refused.png)")
    [ "$red" -gt 100 ] && break
    sleep 0.4
done
[ "$red" -gt 100 ] || fail "adding the same operator twice shows no red error ($red red pixels)"

# 2. The top-bar button locks: the navigation and the screens are gone, and the lock screen
#    does not show the error of the session before as if it were about the PIN.
click_at 1251 22                      # 锁定 (flush right: its place does not depend on the name)
sleep 0.5
shot=$(snap e2e-protect-2-lock-button.png)
ink=$(nav_ink "$shot")
[ "$ink" -eq 0 ] || fail "locked by the button, the navigation is still drawn ($ink px)"
red=$(red_pixels "$shot")
[ "$red" -eq 0 ] || fail "the lock screen shows an earlier error ($red red pixels)"

# 3. A wrong PIN: still locked, the error in red. The PIN field has the keyboard focus.
type_text 1111; key Return
sleep 2                               # the PIN hash is slow to check on purpose
shot=$(snap e2e-protect-3-wrong-pin.png)
ink=$(nav_ink "$shot")
[ "$ink" -eq 0 ] || fail "a wrong PIN unlocked the terminal ($ink px in the navigation)"
red=$(red_pixels "$shot")
[ "$red" -gt 100 ] || fail "no red error after a wrong PIN ($red red pixels)"

# 4. The right PIN unlocks.
type_text "$PIN"; key Return
sleep 2
ink=$(nav_ink "$(snap e2e-protect-4-unlocked.png)")
[ "$ink" -gt 2000 ] || fail "the right PIN did not unlock ($ink px in the navigation)"

# 5. Ctrl+L locks again; a wrong PIN; leaving while locked.
shortcut l
sleep 0.5
type_text 9999; key Return
sleep 2
quit_app
[ "$(json_value "$STATE" locked)" = true ] || fail "Ctrl+L then a wrong PIN: not locked at exit"
[ "$(json_value "$STATE" en)" = "Wrong PIN" ] || fail "status after a wrong PIN: $(json_value "$STATE" en)"
[ "$(json_value "$STATE" operator)" = "$OPERATOR" ] || fail "the unlocking operator is not the terminal's operator"
[ "$(json_value "$STATE" operators)" = 1 ] || fail "expected one operator, got $(json_value "$STATE" operators)"
ink=$(nav_ink "$SHOTS/e2e-protect-1-locked.png")
[ "$ink" -eq 0 ] || fail "the last frame, locked, draws the navigation ($ink px)"

# 6. Undo (no lock at start yet): edit the first class's pupils, save, Ctrl+Z; then add a
#    class, Ctrl+Z. The first row is a class of the lowest stage code; which one does not
#    matter: the database tells which row changed.
classes_before=$(sql 'SELECT id || ":" || pupils FROM class ORDER BY id')
audit_before=$(sql 'SELECT max(seq) FROM audit')
start_app "$STATE" JUNHENG_SCREEN=classes -- --db "$DB" --screenshot "$SHOTS/e2e-protect-6-undone.png"
click_at 700 252                      # the first row of the table
key Return                            # Enter edits the selected row; focus lands on 年级
key Tab Tab                           # 班号, 学生数
shortcut a
type_text 57; key Return
changed=""
for i in $(seq 1 50); do
    changed=$(diff <(echo "$classes_before") <(sql 'SELECT id || ":" || pupils FROM class ORDER BY id') | grep '^>' || true)
    [ -n "$changed" ] && break
    sleep 0.2
done
[ "$(echo "$changed" | wc -l)" = 1 ] && [[ "$changed" == *":57" ]] || fail "the edit did not save exactly one class with 57 pupils: $changed"
class_id=$(echo "$changed" | sed -E 's/^> ([0-9]+):.*/\1/')
old_pupils=$(echo "$classes_before" | grep "^$class_id:" | cut -d: -f2)
shortcut z
wait_sql "SELECT pupils FROM class WHERE id = $class_id" "$old_pupils" "Ctrl+Z after the edit"
[ "$(sql 'SELECT id || ":" || pupils FROM class ORDER BY id')" = "$classes_before" ] || fail "undo changed other classes"

# Added with the keyboard only: Ctrl+N opens the form on 年级 (the stage is the school's first).
shortcut n; sleep 0.5
type_text 6; key Tab
type_text 9; key Tab
type_text 30; key Return
wait_sql "SELECT count(*) FROM class WHERE grade = 6 AND number = 9 AND pupils = 30" 1 "the added class"
sleep 1   # the row is written before the reply closes the form: Ctrl+Z in its field would undo typing
shortcut z
wait_sql "SELECT count(*) FROM class WHERE grade = 6 AND number = 9" 0 "Ctrl+Z after adding"
quit_app
[ "$(json_value "$STATE" undo)" = null ] || fail "an undone change is still offered for undo: $(json_value "$STATE" undo)"
[ "$(json_value "$STATE" en)" = "Undone: classes added" ] || fail "status after undo: $(json_value "$STATE" en)"

# The audit log holds the four writes, in order, under the operator's name; its chain holds.
audit=$(sql "SELECT action || ' ' || operator_name || ' ' || table_name || ' ' ||
                    coalesce(json_extract(nullif(old_json, ''), '\$.pupils'), '-') || '>' ||
                    coalesce(json_extract(nullif(new_json, ''), '\$.pupils'), '-')
             FROM audit WHERE seq > $audit_before ORDER BY seq")
expected="update $OPERATOR class $old_pupils>57
update $OPERATOR class 57>$old_pupils
insert $OPERATOR class ->30
delete $OPERATOR class 30>-"
[ "$audit" = "$expected" ] || fail "audit log after edit, undo, add, undo:
$audit
expected:
$expected"
"$JUNHENG" --db "$DB" check > "$WORK/check.txt" 2>&1 || fail "junheng check fails after undo: $(cat "$WORK/check.txt")"
grep -q 'hash chain intact' "$WORK/check.txt" || fail "junheng check: $(cat "$WORK/check.txt")"

# 6b. A lock ends what can be undone: an edit, Ctrl+L, the PIN, then Ctrl+Z changes nothing and
#     the undo button offers nothing.
start_app "$STATE" JUNHENG_SCREEN=classes -- --db "$DB" --screenshot "$SHOTS/e2e-protect-6b-no-undo.png"
click_at 700 252                      # the same first row
key Return
key Tab Tab
shortcut a
type_text 58; key Return
wait_sql "SELECT pupils FROM class WHERE id = $class_id" 58 "the edit before the lock"
shortcut l
sleep 0.5
type_text "$PIN"; key Return
sleep 2
ink=$(nav_ink "$(snap e2e-protect-6b-unlocked.png)")
[ "$ink" -gt 2000 ] || fail "the PIN did not unlock after the edit ($ink px in the navigation)"
audit_unlocked=$(sql 'SELECT max(seq) FROM audit')
shortcut z
sleep 2
[ "$(sql "SELECT pupils FROM class WHERE id = $class_id")" = 58 ] || fail "Ctrl+Z after a lock undid the edit made before it"
[ "$(sql 'SELECT max(seq) FROM audit')" = "$audit_unlocked" ] || fail "Ctrl+Z after a lock wrote to the audit log"
quit_app
[ "$(json_value "$STATE" undo)" = null ] || fail "after a lock, the edit before it is offered for undo: $(json_value "$STATE" undo)"
[ "$(json_value "$STATE" undo_button)" = "撤销 (Ctrl+Z)" ] || fail "undo button after a lock: $(json_value "$STATE" undo_button)"

# 7. Lock at start, switched on in the settings: the next start shows only the lock screen.
start_app "$STATE" JUNHENG_SCREEN=settings -- --db "$DB"
click_at 221 166                      # 启动时锁定（需输入 PIN）
wait_sql "SELECT value FROM settings WHERE key = 'lock_on_start'" 1 "lock at start ticked in the settings"
quit_app
JUNHENG_STATE_OUT=$STATE "$JUNHENG" --db "$DB" --screenshot "$SHOTS/e2e-protect-7-lock-on-start.png" --quit-after-frames 4 ||
    fail "start with lock at start exited with status $?"
[ "$(json_value "$STATE" locked)" = true ] || fail "lock at start: not locked at start"
ink=$(nav_ink "$SHOTS/e2e-protect-7-lock-on-start.png")
[ "$ink" -eq 0 ] || fail "locked at start, the navigation is drawn ($ink px)"

# …and the right PIN opens it.
start_app "$STATE" -- --db "$DB"
type_text "$PIN"; key Return
sleep 2
quit_app
[ "$(json_value "$STATE" locked)" = false ] || fail "the right PIN did not unlock a terminal locked at start"
[ "$(json_value "$STATE" en)" = "Unlocked: $OPERATOR" ] || fail "status after unlocking: $(json_value "$STATE" en)"
echo "ok: operator added (twice refused, the error not on the lock screen), locked by button and Ctrl+L, wrong PIN" \
     "refused, right PIN unlocks, lock at start; class $class_id pupils $old_pupils → 57 → $old_pupils and an added" \
     "class undone, audit chain valid; an edit before a lock (→ 58) not undone after it"
