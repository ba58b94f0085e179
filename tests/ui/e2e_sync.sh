#!/bin/bash
# End-to-end: the window's side of sync against a real junheng-bureau receiver on 127.0.0.1.
#  1. The demo school, not enrolled: the sync screen shows the enrolment form; the bureau's
#     address (plain http://, so "未加密" is shown) and the one-time code from `school add` are
#     typed in, 注册 pressed; within a bounded time the state says 已全部上传 and the status bar
#     已同步.
#  2. A class edited: the status bar says 待同步 and the record is marked pending, then 已同步.
#  3. The receiver killed (SIGKILL), another edit: 无法连接，稍后重试 and the record pending; the
#     receiver restarted on the same port: synced again by itself (backoff, hello probe).
#  4. 上报本学年, confirmed: the submission is listed as delivered and the year is locked.
#  5. The bureau's export of the school equals `junheng export --format snapshot`, byte for byte.
# Usage (under xvfb-run): e2e_sync.sh JUNHENG_BINARY SCREENSHOT_DIR JUNHENG_BUREAU_BINARY
# (the third argument defaults to $JUNHENG_BUREAU, for a receiver built elsewhere).
source "$(dirname "$0")/lib.sh"
E2E_NAME=e2e-sync
begin_bureau_e2e "$@"

"$JUNHENG" --db "$DB" demo > /dev/null
sql() { sqlite3 -batch -noheader "$DB" "$1"; }
SCHOOL=$(sql 'SELECT code FROM school')
NAME=$(sql 'SELECT name FROM school')
YEAR=$(sql 'SELECT max(year) FROM school_year')
CODE=$("$BUREAU" --db "$BUREAU_DB" school add --code "$SCHOOL" --name "$NAME" | tail -1)
[ -n "$CODE" ] || fail "junheng-bureau school add printed no enrolment code"

# edit_first_class PUPILS: the classes screen's first row, Enter, its 学生数 typed, saved.
edit_first_class() {
    click_at 700 252
    key Return
    key Tab Tab
    shortcut a
    type_text "$1"; key Return
}

# Where the sync screen's widgets are in the 1280×800 window at the standard text size.
ADDRESS_X=540; ADDRESS_Y=128; CODE_X=408; CODE_Y=163; ENROL_X=228; ENROL_Y=198
SUBMIT_X=290; SUBMIT_Y=277; CONFIRM_X=517; CONFIRM_Y=448

start_bureau
URL="http://127.0.0.1:$PORT"

# --- 1. enrolment from the sync screen ---------------------------------------------------------
start_app "$STATE" JUNHENG_SCREEN=sync -- --db "$DB"
wait_state sync_phase not_enrolled 20 "the demo school starts not enrolled"
[ "$(json_value "$STATE" sync_status_line)" = "未注册" ] || fail "status bar: $(json_value "$STATE" sync_status_line)"
import -window root "$SHOTS/e2e-sync-form.png"
click_at "$ADDRESS_X" "$ADDRESS_Y"
type_text "$URL"
click_at "$CODE_X" "$CODE_Y"
type_text "$CODE"
click_at "$ENROL_X" "$ENROL_Y"
wait_state sync_enrolled true 30 "enrolment"
wait_state sync_status_line "已同步" 120 "the first full sync after enrolment"
[ "$(json_value "$STATE" sync_pending)" = 0 ] || fail "pending after the first sync: $(json_value "$STATE" sync_pending)"
[ "$(json_value "$STATE" sync_unencrypted)" = true ] || fail "an http:// address is not flagged as unencrypted"
[ "$(json_value "$STATE" sync_url)" = "$URL" ] || fail "enrolled with $(json_value "$STATE" sync_url), not $URL"
sleep 0.5
import -window root "$SHOTS/e2e-sync-screen.png"
quit_app
grep -q '"sync_phase": "idle"' "$STATE" || fail "after the first sync the loop is not idle"

# --- 2. an edit: pending, then synced ------------------------------------------------------------
start_app "$STATE" JUNHENG_SCREEN=classes -- --db "$DB"
wait_state sync_status_line "已同步" 30 "synced at start"
classes_before=$(sql 'SELECT id || ":" || pupils FROM class ORDER BY id')
edit_first_class 41
changed=""
for i in $(seq 1 50); do
    changed=$(diff <(echo "$classes_before") <(sql 'SELECT id || ":" || pupils FROM class ORDER BY id') | grep '^>' || true)
    [ -n "$changed" ] && break
    sleep 0.1
done
[ -n "$changed" ] || fail "the class edit was not saved"
class_id=$(echo "$changed" | sed -E 's/^> ([0-9]+):.*/\1/')
old_pupils=$(echo "$classes_before" | sed -nE "s/^$class_id:([0-9]+)$/\1/p")
# Pending first (the loop waits 1.5 s for a burst of edits to settle), then synced.
wait_state sync_pending_records 1 10 "the edited class marked pending"
case "$(json_value "$STATE" sync_status_line)" in 待同步*) ;; *) fail "status bar after an edit: $(json_value "$STATE" sync_status_line)" ;; esac
import -window root "$SHOTS/e2e-sync-pending.png"
wait_state sync_status_line "已同步" 30 "the edit uploaded"
wait_state sync_pending_records 0 5 "no record pending after the upload"

# --- 3. the receiver gone: unreachable, pending; back: synced by itself -----------------------
kill -9 "$BUREAU_PID"; wait "$BUREAU_PID" 2>/dev/null || true; BUREAU_PID=""
edit_first_class "$old_pupils"   # back as it was, so the year still validates for step 4
for i in $(seq 1 50); do [ "$(sql "SELECT pupils FROM class WHERE id = $class_id")" = "$old_pupils" ] && break; sleep 0.1; done
[ "$(sql "SELECT pupils FROM class WHERE id = $class_id")" = "$old_pupils" ] || fail "the edit while offline was not saved"
wait_state sync_status_line "无法连接，稍后重试" 30 "the receiver killed"
wait_state sync_pending_records 1 5 "the record edited while offline is pending"
[ "$(json_value "$STATE" sync_phase)" = waiting ] || fail "phase while unreachable: $(json_value "$STATE" sync_phase)"
import -window root "$SHOTS/e2e-sync-unreachable.png"
start_bureau "$PORT"
wait_state sync_status_line "已同步" 60 "synced again once the receiver is back"
wait_state sync_pending_records 0 5 "nothing pending once the receiver is back"
quit_app

# --- 4. submit the year ------------------------------------------------------------------------
start_app "$STATE" JUNHENG_SCREEN=sync -- --db "$DB"
wait_state sync_status_line "已同步" 30 "synced before submitting"
click_at "$SUBMIT_X" "$SUBMIT_Y"
sleep 0.5
import -window root "$SHOTS/e2e-sync-confirm.png"
click_at "$CONFIRM_X" "$CONFIRM_Y"
wait_state submission_delivered true 60 "the submission delivered"
wait_state read_only true 10 "the submitted year locked in the window"
wait_state sync_status_line "已同步" 30 "synced after submitting"
[ "$(sql "SELECT status FROM school_year WHERE year = $YEAR")" = submitted ] || fail "the year is not locked in the database"
import -window root "$SHOTS/e2e-sync-submitted.png"
quit_app

# --- 5. the bureau's copy is the school's, byte for byte ----------------------------------------
"$BUREAU" --db "$BUREAU_DB" export --school "$SCHOOL" --out "$WORK/bureau-export" > /dev/null \
    || fail "junheng-bureau export failed"
"$JUNHENG" --db "$DB" export --format snapshot --out "$WORK/school-export" > /dev/null || fail "junheng export failed"
theirs=$(ls "$WORK/bureau-export"); ours=$(ls "$WORK/school-export")
[ "$theirs" = "$ours" ] || fail "export file names differ: bureau '$theirs', school '$ours'"
cmp "$WORK/bureau-export/$theirs" "$WORK/school-export/$ours" || fail "the bureau's export differs from the school's"
echo "ok: enrolled from the sync screen ($URL, unencrypted flagged), edit pending then synced, unreachable then" \
     "synced again after a restart, year $YEAR submitted and delivered, bureau export = school export ($ours)"
