#!/bin/bash
# The user guide's screenshots and its HTML (docs/zh/用户手册.md), produced into OUTDIR — the
# build tree's docs/zh, which the package installs — so the guide's pictures are always those
# of this build, never stale and never committed. Also the window's help: F1 opens the guide's
# page for the screen on view (state "help.section"), follows the screen while open, closes
# on a second F1, and the atlas draws every character of the page (state "missing" empty).
# Run by the tests (ui-e2e) and by `make package` (target `guide`).
# Usage (under xvfb-run): guide.sh JUNHENG_BINARY OUTDIR
source "$(dirname "$0")/lib.sh"
GUIDE_MD=$(cd "$(dirname "$0")/../../docs/zh" && pwd)/用户手册.md
OUT=$2
rm -rf "${OUT:?}"
begin_e2e "$1" "$OUT/images"

# A still of one screen: SCREEN_ID IMAGE [DB]
still() {
    local state=$WORK/$1.json
    JUNHENG_SCREEN=$1 JUNHENG_STATE_OUT=$state \
        "$JUNHENG" --db "${3:-$DB}" --lang zh --screenshot "$SHOTS/$2.png" --quit-after-frames 4 \
        || fail "$1 exited with status $?"
    [ -s "$SHOTS/$2.png" ] || fail "no screenshot of $1"
    [ "$(json_value "$state" missing)" = "" ] || fail "$1: no glyph for $(json_value "$state" missing)"
}
still overview setup "$WORK/new.db"   # no school yet: first-run setup
"$JUNHENG" --db "$DB" demo > /dev/null
# The import screen opens on the home folder: with templates in it, as after an export.
"$JUNHENG" --db "$DB" export --out "$HOME" > /dev/null
for screen in overview staff exchange years; do still "$screen" "$screen"; done

# help_state FILE → "open section" of the help panel in a state dump.
help_state() { grep -A3 '"help": {' "$1" | tr -d '\n' | sed -E 's/.*"open": ([a-z]+).*"section": "([^"]*)".*/\1 \2/'; }
expect_help() {
    local got
    got=$(help_state "$STATE")
    [ "$got" = "$1" ] || fail "$2: help is \"$got\", expected \"$1\""
    [ "$(json_value "$STATE" missing)" = "" ] || fail "$2: no glyph for $(json_value "$STATE" missing)"
}

start_app "$STATE" JUNHENG_SCREEN=overview -- --db "$DB" --lang zh --screenshot "$SHOTS/help.png"
key F1
sleep 1
quit_app
expect_help "true overview" "F1 on the overview"

# In English the page is the Chinese guide's, drawn whole.
start_app "$STATE" JUNHENG_SCREEN=exchange -- --db "$DB" --lang en
key F1
sleep 1
quit_app
expect_help "true import" "F1 on import/export"

start_app "$STATE" JUNHENG_SCREEN=staff -- --db "$DB" --lang zh
key F1
shortcut Page_Down   # Ctrl+PgDn: the next screen, training
sleep 1
quit_app
expect_help "true training" "F1 on the staff screen, then the next screen"

start_app "$STATE" JUNHENG_SCREEN=years -- --db "$DB" --lang zh
key F1 F1
quit_app
expect_help "false " "F1 twice"

# The guide beside its pictures, as markdown and as HTML; every picture it names was taken,
# and every picture taken is named.
cp "$GUIDE_MD" "$OUT/用户手册.md"
for image in $(grep -o '](images/[^)]*)' "$GUIDE_MD" | sed -E 's/^\]\((.*)\)$/\1/' | sort -u); do
    [ -s "$OUT/$image" ] || fail "the guide shows $image, which no step took"
done
for shot in "$SHOTS"/*.png; do
    grep -q "](images/$(basename "$shot"))" "$GUIDE_MD" || fail "$(basename "$shot") is taken but the guide never shows it"
done
command -v cmark-gfm > /dev/null || fail "cmark-gfm is not installed (make deps)"
{
    cat <<'HEAD'
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>均衡 · 学校填报终端 用户手册</title>
<style>
body { font-family: "Noto Sans CJK SC", sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.7; color: #222; }
h1, h2, h3 { color: #1A61A8; } img { max-width: 100%; border: 1px solid #ccc; }
table { border-collapse: collapse; } th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; vertical-align: top; }
blockquote { color: #8a5a00; border-left: 4px solid #F0A000; margin-left: 0; padding-left: 1em; }
code, pre { background: #f3f3f3; }
</style></head><body>
HEAD
    cmark-gfm --unsafe --extension table "$GUIDE_MD"
    echo '</body></html>'
} > "$OUT/用户手册.html"
grep -q '<table>' "$OUT/用户手册.html" || fail "the HTML guide has no tables"
echo "ok: guide with $(ls "$SHOTS" | wc -l) screenshots in $OUT"
