# Helpers for the end-to-end UI tests: start the real junheng window on the X display the test
# runs under (xvfb-run), drive it with xdotool, stop it with its own Ctrl+Q, and read the state
# it dumps on exit (JUNHENG_STATE_OUT) with jq-free shell: python3 is not assumed, so values are
# read with grep on the pretty-printed JSON.
set -euo pipefail
export LC_ALL=C.UTF-8

fail() { echo "FAIL: $*" >&2; exit 1; }

# begin_e2e JUNHENG_BINARY SCREENSHOT_DIR: what every script starts with — the binary, the
# screenshot folder, a scratch folder removed on exit holding the database (DB), the state dump
# (STATE) and a home folder of its own (HOME), so nothing of the user running the tests is read
# or written.
begin_e2e() {
    JUNHENG=$1
    SHOTS=$2
    mkdir -p "$SHOTS"
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    export HOME=$WORK/home
    mkdir -p "$HOME"
    DB=$WORK/demo.db
    STATE=$WORK/state.json
}

# begin_bureau_e2e JUNHENG_BINARY SCREENSHOT_DIR [JUNHENG_BUREAU_BINARY]: begin_e2e for a script
# that also runs a receiver ($BUREAU, default $JUNHENG_BUREAU) on $BUREAU_DB: loopback only (no
# proxy from the environment may take the requests), and an EXIT trap that stops the receiver
# (BUREAU_PID) and the window (APP_PID) even when the script fails.
begin_bureau_e2e() {
    BUREAU=${3:-${JUNHENG_BUREAU:-}}
    begin_e2e "$1" "$2"
    [ -n "$BUREAU" ] && [ -x "$BUREAU" ] || fail "no junheng-bureau binary (third argument or JUNHENG_BUREAU)"
    export NO_PROXY='*' no_proxy='*'
    unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
    BUREAU_DB=$WORK/bureau.db
    BUREAU_PID=""
    APP_PID=""
    trap _stop_bureau_e2e EXIT
}
_stop_bureau_e2e() {
    if [ -n "$BUREAU_PID" ]; then kill "$BUREAU_PID" 2>/dev/null; wait "$BUREAU_PID" 2>/dev/null; fi || true
    [ -n "$APP_PID" ] && kill -9 "$APP_PID" 2>/dev/null || true
    rm -rf "$WORK"
}

# start_app STATE_JSON [ENV=VALUE ...] -- ARGS...  → sets APP_PID and WID
start_app() {
    local state=$1; shift
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    rm -f "$state"
    env "${envs[@]}" JUNHENG_STATE_OUT="$state" "$JUNHENG" "$@" &
    APP_PID=$!
    WID=$(xdotool search --sync --onlyvisible --name 'Junheng' | head -1)
    timeout 5 xdotool windowfocus --sync "$WID" || true
    sleep 1   # first frames, atlas
}

# quit_app [keep-draft]: Ctrl+Q, then wait for the process (its state file is written on the
# way out). With keep-draft, answers the unsaved-edits question with its first (focused) button,
# "keep the draft and leave".
quit_app() {
    shortcut q
    if [ "${1:-}" = keep-draft ]; then
        sleep 0.5
        key Return
    fi
    local i
    for i in $(seq 1 150); do
        kill -0 "$APP_PID" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$APP_PID" 2>/dev/null; then
        import -window root "${SHOTS:-/tmp}/stuck.png" || true
        kill -9 "$APP_PID"
        fail "junheng did not quit on Ctrl+Q (screen: ${SHOTS:-/tmp}/stuck.png)"
    fi
    wait "$APP_PID" || fail "junheng exited with status $?"
}

# xdotool types a character outside the keymap by binding it to a spare keycode for the length
# of its --delay; the app must read the key before the binding is undone (it may be busy
# extending its font atlas for the previous character). So non-ASCII text goes one character
# at a time, each bound long enough.
type_text() {
    local text=$1 i
    if LC_ALL=C grep -q '^[ -~]*$' <<< "$text"; then
        xdotool type --delay 40 "$text"
        return
    fi
    for ((i = 0; i < ${#text}; i++)); do
        xdotool type --delay 400 "${text:i:1}"
        sleep 0.3
    done
}
# Keys one by one with a pause: ImGui 1.86 drops characters typed in the frame that moves the
# keyboard focus to the next field.
key() {
    local k
    for k in "$@"; do
        xdotool key "$k"
        sleep 0.3
    done
}
# Ctrl+KEY held as a person would: after xdotool has remapped keycodes for Chinese text, a
# chord sent in one burst can reach the window without its modifier.
shortcut() {
    xdotool keydown ctrl; sleep 0.15
    xdotool key "$1"; sleep 0.15
    xdotool keyup ctrl
}

# json_value FILE KEY → the first scalar value of "KEY": in the pretty-printed JSON.
json_value() { grep -m1 "\"$2\": " "$1" | sed -E 's/.*": "?([^",]*)"?,?$/\1/'; }

# indicator_value FILE R1 → the first stage part's value of that indicator (empty when none).
indicator_value() { grep -m1 -A6 "\"$2\": {" "$1" | grep -m1 '"value": ' | sed -E 's/.*: ([^,]*),?$/\1/' || true; }

# wait_state KEY VALUE SECONDS WHAT: the window's live state dump ($STATE) says KEY = VALUE in
# time; else a screenshot ($SHOTS/$E2E_NAME-stuck.png) and the failure.
wait_state() {
    local i got=""
    for i in $(seq 1 $(($3 * 10))); do
        [ -f "$STATE" ] && got=$(json_value "$STATE" "$1" || true)
        [ "$got" = "$2" ] && return
        sleep 0.1
    done
    import -window root "$SHOTS/${E2E_NAME:-e2e}-stuck.png" || true
    fail "$4: expected $1 = $2 within $3 s, the window says '$got' (screen: $SHOTS/${E2E_NAME:-e2e}-stuck.png)"
}

# click_at X Y: a left click at window coordinates, with the pauses a person leaves.
click_at() {
    xdotool mousemove "$1" "$2"; sleep 0.2
    xdotool click 1; sleep 0.4
}

# click_mark NAME: a click on the button the window marked NAME (ui/capture.hpp mark_for_tests:
# its centre, from the live state dump), wherever the layout put it.
click_mark() {
    local x y
    x=$(json_value "$STATE" "$1_x"); y=$(json_value "$STATE" "$1_y")
    [ -n "$x" ] && [ -n "$y" ] || fail "the window drew no button marked $1"
    click_at "$x" "$y"
}

# start_bureau [PORT]: `$BUREAU --db $BUREAU_DB serve` on 127.0.0.1 (any free port the first
# time) into $WORK/bureau.log; sets BUREAU_PID and PORT once it answers /v1/hello. The caller's
# EXIT trap stops it.
start_bureau() {
    : > "$WORK/bureau.log"
    "$BUREAU" --db "$BUREAU_DB" serve --listen "127.0.0.1:${1:-0}" >> "$WORK/bureau.log" 2>&1 &
    BUREAU_PID=$!
    local i
    for i in $(seq 1 100); do
        PORT=$(sed -nE 's/.*listening on http:\/\/127\.0\.0\.1:([0-9]+).*/\1/p' "$WORK/bureau.log" | head -1)
        [ -n "$PORT" ] && curl -s -o /dev/null "http://127.0.0.1:$PORT/v1/hello" && return
        kill -0 "$BUREAU_PID" 2>/dev/null || fail "junheng-bureau serve exited: $(cat "$WORK/bureau.log")"
        sleep 0.1
    done
    fail "junheng-bureau serve did not answer within 10 s: $(cat "$WORK/bureau.log")"
}
