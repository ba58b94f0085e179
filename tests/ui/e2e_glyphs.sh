#!/bin/bash
# End-to-end: every character the window draws has a glyph, counted where it matters — in the
# vertices of the frames actually drawn, not in a list of strings expected to be shown. The
# overview's fix hints ("→ …", a literal of the screen, not of a catalogue) draw no missing-glyph
# box from the first frame on; and a character no installed font has (a name in CJK Extension B,
# beyond what ImGui 1.86 can draw) is drawn as the box and counted, so the check can fail.
# Usage (under xvfb-run): e2e_glyphs.sh JUNHENG_BINARY SCREENSHOT_DIR
source "$(dirname "$0")/lib.sh"
begin_e2e "$@"
"$JUNHENG" --db "$DB" demo > /dev/null
sql() { sqlite3 -batch -noheader "$DB" "$1"; }

# 1. The overview of the demo school, whose guarantee items carry fix hints drawn after "→". The
#    window is made tall enough (a setting) for the whole overview to be drawn, hints included:
#    ImGui draws nothing of what is scrolled out of view.
sql "INSERT INTO settings (key, value) VALUES ('window_size', '1280x2600')"
JUNHENG_SCREEN=overview JUNHENG_STATE_OUT=$STATE \
    "$JUNHENG" --db "$DB" --screenshot "$SHOTS/e2e-glyphs-1-overview.png" --quit-after-frames 4 ||
    fail "overview exited with status $?"
grep -q '"hints": \[' "$STATE" || fail "the demo overview should show an item with a fix hint (→)"
[ "$(identify -format '%h' "$SHOTS/e2e-glyphs-1-overview.png")" = 2600 ] || fail "the overview was not drawn whole"
[ "$(json_value "$STATE" fallback_char)" = 65533 ] || fail "the missing-glyph box should be U+FFFD, is $(json_value "$STATE" fallback_char)"
[ "$(json_value "$STATE" fallback_drawn_frames)" = 0 ] ||
    fail "the overview drew missing-glyph boxes in $(json_value "$STATE" fallback_drawn_frames) frames"
[ "$(json_value "$STATE" missing)" = "" ] || fail "characters without glyphs: $(json_value "$STATE" missing)"

# 2. A name with a character beyond the Basic Multilingual Plane (𠀀, U+20000; 阿 sorts it to the
#    top of the roster, on screen): drawn as the box, and the dump counts it in the last frame.
sql "UPDATE staff SET name = '阿𠀀' WHERE id = (SELECT min(id) FROM staff)"
sql "DELETE FROM settings WHERE key = 'window_size'"
JUNHENG_SCREEN=staff JUNHENG_STATE_OUT=$STATE \
    "$JUNHENG" --db "$DB" --screenshot "$SHOTS/e2e-glyphs-2-missing.png" --quit-after-frames 4 ||
    fail "staff screen exited with status $?"
drawn=$(json_value "$STATE" fallback_drawn_last_frame)
[ "$drawn" -ge 1 ] || fail "a character without a glyph was drawn but not counted ($drawn)"
[ "$(json_value "$STATE" fallback_drawn_frames)" -ge 1 ] || fail "no frame counted with a missing glyph"
