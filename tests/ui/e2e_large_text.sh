#!/bin/bash
# End-to-end: the large text mode for touch screens. Chosen in the settings, it rebuilds the
# font atlas at twice the pixel size and scales the layout with it; after a restart every
# screen comes up in it, still with a glyph for every character it can show and no table column
# narrower than its header (wide tables scroll sideways); in a narrower window the undo button
# is cut with "…" rather than run off the top bar; the normal size can be chosen back. The radio buttons are clicked at their place in the 1280×800 window.
# Usage (under xvfb-run): e2e_large_text.sh JUNHENG_BINARY SCREENSHOT_DIR
source "$(dirname "$0")/lib.sh"
begin_e2e "$@"
"$JUNHENG" --db "$DB" demo > /dev/null

# json_array FILE KEY → the numbers of the array "KEY": [...] joined by spaces.
json_array() { grep -m1 -A3 "\"$2\": \[" "$1" | tr -d ' \n' | sed -E 's/.*\[([^]]*)\].*/\1/; s/,/ /g'; }
# name_width SHOT SCALE → the width in pixels of the app's name atop the navigation (drawn in
# the accent colour #1A61A8; the column is 190 px wide per unit of text scale).
name_width() {
    convert "$1" -crop "$((190 * $2))x80+0+0" +repage -fuzz 15% -fill white +opaque '#1A61A8' -trim -format '%w' info:
}
# cramped_columns STATE → how many columns of the tables the last frame drew are narrower than
# their header's text (the state dump measures each from ImGui's own layout).
cramped_columns() { { grep '"cramped": ' "$1" || true; } | sed -E 's/[^0-9]//g' | awk '{s+=$1} END {print s+0}'; }
# dark_pixels SHOT GEOMETRY → how many pixels of that part of the screenshot are text-dark.
dark_pixels() {
    convert "$1" -crop "$2" +repage -colorspace Gray -threshold 50% -format %c histogram:info:- |
        { grep -i 'gray(0)\|#000000' || true; } | awk -F: '{s+=$1} END {print s+0}'
}
# choose_text_size X Y SHOT: on the settings screen, clicks the text size radio button at (X, Y).
choose_text_size() {
    start_app "$STATE" JUNHENG_SCREEN=settings -- --db "$DB" --screenshot "$3"
    xdotool mousemove "$1" "$2"; sleep 0.2
    xdotool click 1; sleep 2
    quit_app
}
# expect_text_size FONT_SCALE PIXELS SCROLLBAR WHEN: the setting, the atlas and the layout agree.
expect_text_size() {
    [ "$(json_value "$STATE" font_scale)" = "$1" ] || fail "$4: font_scale $(json_value "$STATE" font_scale), not $1"
    [ "$(json_value "$STATE" pixel_size)" = "$2" ] || fail "$4: the atlas is at $(json_value "$STATE" pixel_size) px, not $2"
    [ "$(json_value "$STATE" scrollbar_size)" = "$3" ] ||
        fail "$4: the layout did not follow, scrollbar $(json_value "$STATE" scrollbar_size), not $3"
}

# 1. The normal size, as a baseline.
JUNHENG_SCREEN=settings JUNHENG_STATE_OUT=$STATE "$JUNHENG" --db "$DB" --screenshot "$SHOTS/e2e-large-0-normal.png" \
    --quit-after-frames 4 || fail "normal start exited with status $?"
[ "$(json_value "$STATE" pixel_size)" = 18.0 ] || fail "normal text should be 18 px, is $(json_value "$STATE" pixel_size)"
read -r normal_w normal_h <<< "$(json_array "$STATE" atlas)"
normal_name=$(name_width "$SHOTS/e2e-large-0-normal.png" 1)

# 2. 特大（触摸屏） in the settings: the atlas is rebuilt at 36 px while the window is open.
choose_text_size 478 96 "$SHOTS/e2e-large-1-switched.png"
expect_text_size 2 36.0 28.0 "the touch size chosen"
[ "$(json_value "$STATE" missing)" = "" ] || fail "large text: no glyph for $(json_value "$STATE" missing)"
read -r large_w large_h <<< "$(json_array "$STATE" atlas)"
# Each glyph takes four times the pixels; the atlas grows by powers of two.
[ $((large_w * large_h)) -ge $((normal_w * normal_h * 2)) ] ||
    fail "the 36 px atlas (${large_w}×${large_h}) should be at least twice the 18 px one (${normal_w}×${normal_h})"
large_name=$(name_width "$SHOTS/e2e-large-1-switched.png" 2)
[ $((large_name * 10)) -gt $((normal_name * 18)) ] ||
    fail "the window's text did not double: the app's name is $normal_name px wide, then $large_name px"

# 3. After a restart every screen shows in the large size, each character with its glyph.
screens="overview classes staff training buildings grounds equipment funds exchange years history operators settings sync"
for screen in $screens; do
    state=$WORK/$screen.json
    shot=$SHOTS/large-$screen.png
    JUNHENG_SCREEN=$screen JUNHENG_STATE_OUT=$state "$JUNHENG" --db "$DB" --screenshot "$shot" --quit-after-frames 4 \
        || fail "$screen (large) exited with status $?"
    [ "$(json_value "$state" screen)" = "$screen" ] || fail "JUNHENG_SCREEN=$screen showed $(json_value "$state" screen)"
    [ "$(json_value "$state" pixel_size)" = 36.0 ] || fail "$screen after a restart: $(json_value "$state" pixel_size) px, not 36"
    [ "$(json_value "$state" missing)" = "" ] || fail "$screen (large): no glyph for $(json_value "$state" missing)"
    [ "$(identify -format '%wx%h' "$shot")" = 1280x800 ] || fail "$screen (large) screenshot is not 1280x800"
    cramped=$(cramped_columns "$state")
    [ "$cramped" = 0 ] || fail "$screen (large): $cramped table columns narrower than their header ($shot)"
done
# The staff roster's 11 columns keep their width and the table scrolls sideways instead.
grep -q '"columns": 11' "$WORK/staff.json" || fail "large text: the staff table was not drawn with its 11 columns"
grep -q '"scroll_x": true' "$WORK/staff.json" || fail "large text: the staff table does not scroll sideways"
# The top bar does not fit one line at this size: the operator's name and the Lock button go
# to a second line at the right edge instead of over the year and undo buttons.
[ "$(dark_pixels "$SHOTS/large-classes.png" 270x50+1000+95)" -gt 200 ] ||
    fail "large text: the operator and the Lock button are not on the top bar's second line (large-classes.png)"
# 3b. In a narrower window (1024×768), in English, the top bar's undo button naming a change
#     just made (Ctrl+N, a class typed and saved) is cut with "…" to the room the bar has.
sqlite3 -batch "$DB" "INSERT OR REPLACE INTO settings (key, value) VALUES ('window_size', '1024x768')"
start_app "$STATE" JUNHENG_SCREEN=classes -- --db "$DB" --lang en --screenshot "$SHOTS/e2e-large-3-undo-cut.png"
shortcut n; sleep 0.5
type_text 6; key Tab
type_text 9; key Tab
type_text 30; key Return
for i in $(seq 1 50); do
    [ "$(sqlite3 -batch "$DB" 'SELECT count(*) FROM class WHERE grade = 6 AND number = 9')" = 1 ] && break
    sleep 0.2
done
quit_app
[ "$(json_value "$STATE" undo)" = "classes added" ] || fail "large text: the added class is not offered for undo: $(json_value "$STATE" undo)"
button=$(json_value "$STATE" undo_button)
[[ "$button" == Undo:\ *…\ \(Ctrl+Z\) ]] || fail "large text, 1024 px wide: the undo button is not cut with …: $button"
[ "$(json_value "$STATE" undo_fits)" = true ] || fail "large text, 1024 px wide: the undo button '$button' runs off the bar"
sqlite3 -batch "$DB" "INSERT OR REPLACE INTO settings (key, value) VALUES ('window_size', '1280x800')"

# 4. Back to 标准 (the radio button's place at the touch size): the atlas returns to 18 px.
choose_text_size 588 262 "$SHOTS/e2e-large-2-back.png"
expect_text_size 1 18.0 14.0 "back to normal"
[ "$(name_width "$SHOTS/e2e-large-2-back.png" 1)" = "$normal_name" ] || fail "back to normal, the text is not its normal size"
echo "ok: touch size chosen in the settings: atlas ${normal_w}×${normal_h} at 18 px → ${large_w}×${large_h} at 36 px," \
     "the app's name $normal_name → $large_name px wide; $(echo $screens | wc -w) screens after a restart, no glyph missing"
