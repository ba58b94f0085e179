#!/bin/bash
# End-to-end: the bureau's review as the window shows it, over the network and by USB stick.
#  1. Network. The demo school enrolled and its year submitted with the real `junheng` commands;
#     the bureau returns version 1 with a comment (`junheng-bureau return`). The window, started
#     on the overview, syncs by itself: the overview's banner is up, the status bar says 已退回,
#     the year is editable again, and the sync screen lists the decision with its comment.
#  2. Resubmitted (version 2) and accepted by the bureau: the banner is gone, the status bar says
#     已通过 and the year stays locked.
#  3. No network at all, another school. The sync screen's U盘 panel, on the stick's folder:
#     从U盘导入 enrols from the bureau's enrolment file, 导出到U盘 writes the upload file, which
#     `junheng-bureau import` applies (exit 0). The year submitted to the stick, imported and
#     returned with a comment; `export-for` writes the reply file onto the stick; 从U盘导入
#     applies it: the comment is on the sync screen and the banner on the overview.
# Usage (under xvfb-run): e2e_review.sh JUNHENG_BINARY SCREENSHOT_DIR JUNHENG_BUREAU_BINARY
source "$(dirname "$0")/lib.sh"
E2E_NAME=e2e-review
begin_bureau_e2e "$@"

# review_field FIELD: the first decision's FIELD in the state dump (review_state, review_text, …).
review_field() { grep -m1 -A4 '"sync_reviews": \[' "$STATE" | json_value /dev/stdin "$1"; }

# --- 1. returned over the network ---------------------------------------------------------------
"$JUNHENG" --db "$DB" demo > /dev/null
SCHOOL=$(sqlite3 -batch -noheader "$DB" 'SELECT code FROM school')
NAME=$(sqlite3 -batch -noheader "$DB" 'SELECT name FROM school')
YEAR=$(sqlite3 -batch -noheader "$DB" 'SELECT max(year) FROM school_year')
CODE=$("$BUREAU" --db "$BUREAU_DB" school add --code "$SCHOOL" --name "$NAME" | tail -1)
start_bureau
URL="http://127.0.0.1:$PORT"
"$JUNHENG" --db "$DB" enroll --server "$URL" --code "$CODE" > /dev/null 2>&1 || fail "junheng enroll failed"
"$JUNHENG" --db "$DB" submit > /dev/null 2>&1 || fail "junheng submit failed"
COMMENT="班级人数与学籍系统不一致，请核对"
"$BUREAU" --db "$BUREAU_DB" return --school "$SCHOOL" --year "$YEAR" --comment "$COMMENT" --by 审核员 > /dev/null \
    || fail "junheng-bureau return failed"

start_app "$STATE" JUNHENG_SCREEN=overview -- --db "$DB"
wait_state sync_review_banner true 60 "the returned year's banner on the overview"
wait_state sync_review_line "已退回" 5 "the status bar's review mark"
wait_state read_only false 5 "the returned year unlocked"
sleep 0.5
import -window root "$SHOTS/e2e-review-banner.png"
quit_app
start_app "$STATE" JUNHENG_SCREEN=sync -- --db "$DB"
wait_state sync_review_line "已退回" 30 "the review mark on the sync screen"
[ "$(review_field review_state)" = returned ] || fail "sync screen: decision $(review_field review_state), not returned"
[ "$(review_field review_text)" = "$COMMENT" ] || fail "sync screen: comment '$(review_field review_text)'"
sleep 0.5
import -window root "$SHOTS/e2e-review-sync-returned.png"
quit_app   # the state written on the way out is the last frame's: its missing-glyph count
[ "$(json_value "$STATE" fallback_drawn_last_frame)" = 0 ] || fail "the comment drew a missing-glyph box"

# --- 2. resubmitted and accepted ------------------------------------------------------------------
"$JUNHENG" --db "$DB" submit > /dev/null 2>&1 || fail "junheng submit (version 2) failed"
"$BUREAU" --db "$BUREAU_DB" accept --school "$SCHOOL" --year "$YEAR" --by 审核员 | grep -q "version 2" \
    || fail "junheng-bureau accept did not decide on version 2"
start_app "$STATE" JUNHENG_SCREEN=overview -- --db "$DB"
wait_state sync_review_line "已通过" 60 "the accepted mark in the status bar"
wait_state sync_review_banner false 5 "no banner once accepted"
wait_state read_only true 5 "the accepted year locked"
import -window root "$SHOTS/e2e-review-accepted.png"
quit_app
kill "$BUREAU_PID"; wait "$BUREAU_PID" 2>/dev/null || true; BUREAU_PID=""

# --- 3. by USB stick only --------------------------------------------------------------------------
USB=$WORK/usb
mkdir -p "$USB"
DB=$WORK/offline.db
BUREAU_DB=$WORK/offline-bureau.db
"$JUNHENG" --db "$DB" demo > /dev/null
"$BUREAU" --db "$BUREAU_DB" school add --code "$SCHOOL" --name "$NAME" --enrol-file "$USB" > /dev/null \
    || fail "junheng-bureau school add --enrol-file failed"
# The panel opens the folder it used last: the stick's, as if picked once before.
sqlite3 "$DB" "INSERT OR REPLACE INTO settings(key, value) VALUES ('usb_folder', '$USB')"

start_app "$STATE" JUNHENG_SCREEN=sync -- --db "$DB"
wait_state usb_folder "$USB" 20 "the U盘 panel on the stick's folder"
import -window root "$SHOTS/e2e-review-usb-panel.png"
click_mark usb_import
wait_state sync_by_file true 30 "enrolled from the enrolment file on the stick"
wait_state usb_result ok 5 "the enrolment file applied"
click_mark usb_export
# Upload files are named junheng-<school>-<number>.jhu (docs/sync-protocol.md "Files").
upload=$USB/junheng-$SCHOOL-1.jhu
for i in $(seq 1 100); do [ -f "$upload" ] && break; sleep 0.1; done
[ -f "$upload" ] || fail "导出到U盘 wrote no upload file: $(json_value "$STATE" usb_message)"
wait_state usb_result ok 10 "the upload file written"
import -window root "$SHOTS/e2e-review-usb-exported.png"
quit_app
"$BUREAU" --db "$BUREAU_DB" import "$upload" | grep -q '^applied' || fail "junheng-bureau import did not apply $upload"
"$JUNHENG" --db "$DB" submit --to-file "$USB" > /dev/null || fail "junheng submit --to-file failed"
second=$USB/junheng-$SCHOOL-2.jhu
[ -f "$second" ] || fail "submit --to-file wrote no upload file 2: $(ls "$USB")"
"$BUREAU" --db "$BUREAU_DB" import "$second" | grep -q '^applied' || fail "junheng-bureau import did not apply $second"
COMMENT2="专任教师学历一栏缺失"
"$BUREAU" --db "$BUREAU_DB" return --school "$SCHOOL" --year "$YEAR" --comment "$COMMENT2" --by 审核员 > /dev/null \
    || fail "junheng-bureau return (offline school) failed"
"$BUREAU" --db "$BUREAU_DB" export-for --school "$SCHOOL" --out "$USB" > /dev/null || fail "junheng-bureau export-for failed"

start_app "$STATE" JUNHENG_SCREEN=sync -- --db "$DB"
wait_state usb_folder "$USB" 20 "the U盘 panel on the stick's folder again"
click_mark usb_import
wait_state usb_result ok 30 "the reply file applied"
wait_state sync_review_line "已退回" 10 "the returned mark after the reply file"
[ "$(review_field review_text)" = "$COMMENT2" ] || fail "sync screen after the reply file: comment '$(review_field review_text)'"
wait_state sync_review_banner true 5 "the banner after the reply file"
sleep 0.5
import -window root "$SHOTS/e2e-review-usb-returned.png"
quit_app
# The comment's characters (栏 among them) were new to the atlas: none may draw as a box.
[ "$(json_value "$STATE" fallback_drawn_last_frame)" = 0 ] || fail "the comment from the reply file drew a missing-glyph box"
echo "ok: returned over the network (banner, 已退回, comment, unlocked), version 2 accepted (已通过, locked);" \
     "by stick: enrolled and uploaded from the U盘 panel, imported by the bureau, returned, reply applied from the panel"
