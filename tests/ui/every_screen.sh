#!/bin/bash
# A screenshot of every screen on the demo school, in Chinese and in English, kept under the
# build directory as a CI artefact. Each run must exit 0 after its frames, draw every
# character of the data and UI (state "missing" empty), and the overview must show its traffic
# lights: green cards, and the demo school's one red (R3) with its 6-of-7 verdict.
# Usage (under xvfb-run): every_screen.sh JUNHENG_BINARY SCREENSHOT_DIR
source "$(dirname "$0")/lib.sh"
begin_e2e "$@"
"$JUNHENG" --db "$DB" demo > /dev/null

screens="overview classes staff training buildings grounds equipment funds exchange years history operators settings sync"
for lang in zh en; do
    for screen in $screens; do
        state=$WORK/$screen-$lang.json
        shot=$SHOTS/$screen-$lang.png
        JUNHENG_SCREEN=$screen JUNHENG_STATE_OUT=$state \
            "$JUNHENG" --db "$DB" --lang "$lang" --screenshot "$shot" --quit-after-frames 4 \
            || fail "$screen ($lang) exited with status $?"
        [ -s "$shot" ] || fail "no screenshot of $screen ($lang)"
        [ "$(json_value "$state" screen)" = "$screen" ] || fail "JUNHENG_SCREEN=$screen showed $(json_value "$state" screen)"
        [ "$(json_value "$state" missing)" = "" ] || fail "$screen ($lang): no glyph for $(json_value "$state" missing)"
        [ "$(json_value "$state" fallback_drawn_frames)" = 0 ] ||
            fail "$screen ($lang): missing-glyph boxes drawn in $(json_value "$state" fallback_drawn_frames) frames"
        size=$(identify -format '%wx%h' "$shot")
        [ "$size" = 1280x800 ] || fail "$screen ($lang) screenshot is $size"
    done
done

count() { convert "$1" -format %c histogram:info:- | grep -i "$2" | awk -F: '{s+=$1} END {print s+0}'; }
green=$(count "$SHOTS/overview-zh.png" '#2E7D33')
red=$(count "$SHOTS/overview-zh.png" '#C72929')
[ "$green" -gt 2000 ] || fail "overview: too few green pixels ($green)"
[ "$red" -gt 300 ] || fail "overview: too few red pixels ($red)"
grep -q '"met": 6' "$WORK/overview-zh.json" || fail "demo school's primary part should meet 6 of 7"
echo "ok: $(ls "$SHOTS" | wc -l) screenshots in $SHOTS (green $green px, red $red px on the overview)"
