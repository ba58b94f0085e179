#!/bin/bash
# The .deb a county IT person installs: packs this build tree with its CPack configuration
# (the tree the tests built: its junheng, desktop entry, icon and the guide the guide e2e
# fixture produced), unpacks it with dpkg-deb -x, and checks what installing gives —
# Depends names only packages Debian has, the desktop entry validates and points at the
# installed binary and icon, the guide's HTML and pictures are there, and the installed binary
# creates a demo school and reports on it headless.
# Usage: package_test.sh BUILD_DIR
set -euo pipefail
export LC_ALL=C.UTF-8
fail() { echo "FAIL: $*" >&2; exit 1; }
BUILD=$(cd "$1" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
started=$(date +%s%N)
seconds_since() { local ms=$((($(date +%s%N) - $1) / 1000000)); printf "%d.%03d" $((ms / 1000)) $((ms % 1000)); }

cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$WORK/out" > "$WORK/cpack.log" 2>&1 \
    || { cat "$WORK/cpack.log" >&2; fail "cpack failed"; }
deb=$(ls "$WORK"/out/*.deb)
echo "packed $(basename "$deb") ($(du -h "$deb" | cut -f1)) in $(seconds_since "$started") s"
dpkg-deb -x "$deb" "$WORK/root"
ROOT=$WORK/root

# Depends: Debian package names only (dpkg-shlibdeps' for the libraries, the CJK font by hand).
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
[ -n "$depends" ] || fail "the package depends on nothing"
for named in fonts-noto-cjk libgl1; do   # what no linked library names
    grep -qw "$named" <<< "$depends" || fail "the package does not depend on $named"
done
for alternative in $(tr ',|' '\n\n' <<< "$depends" | sed -E 's/\(.*\)//; s/ //g'); do
    apt-cache show --no-all-versions "$alternative" > /dev/null 2>&1 || dpkg-query -W "$alternative" > /dev/null 2>&1 \
        || fail "depends on $alternative, which is no Debian package"
done
[ "$(dpkg-deb -f "$deb" Package)" = junheng ] || fail "package name is $(dpkg-deb -f "$deb" Package)"

# The desktop entry, its binary and its icon.
desktop=$ROOT/usr/share/applications/junheng.desktop
[ -f "$desktop" ] || fail "no desktop entry in the package"
desktop-file-validate "$desktop" || fail "the desktop entry does not validate"
grep -qx 'Name=均衡 · 学校填报终端' "$desktop" || fail "desktop entry's Name"
grep -qx 'Name\[zh_CN\]=均衡 · 学校填报终端' "$desktop" || fail "desktop entry's Name[zh_CN]"
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
[ -x "$ROOT/usr/bin/$exec_name" ] || fail "Exec=$exec_name is not installed in /usr/bin"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ -s "$ROOT/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] || fail "Icon=$icon is not installed"

# The guide with its screenshots.
guide=$ROOT/usr/share/doc/junheng/zh
[ -s "$guide/用户手册.html" ] || fail "no HTML guide in the package"
for image in $(grep -o 'src="images/[^"]*"' "$guide/用户手册.html" | sed -E 's/src="(.*)"/\1/' | sort -u); do
    [ -s "$guide/$image" ] || fail "the HTML guide shows $image, which is not in the package"
done

# The installed binary, run from where it was unpacked.
junheng=$ROOT/usr/bin/junheng
if ldd "$junheng" | grep -q 'not found'; then ldd "$junheng" >&2; fail "the installed binary misses libraries"; fi
! ldd "$junheng" | grep -q "$BUILD" || fail "the installed binary loads libraries from the build tree"
"$junheng" --db "$WORK/demo.db" demo > /dev/null || fail "demo exited with $?"
"$junheng" --db "$WORK/demo.db" show > "$WORK/show.txt" || fail "show exited with $?"
grep -q '学校' "$WORK/show.txt" || fail "show printed no school: $(cat "$WORK/show.txt")"
"$junheng" --db "$WORK/demo.db" indicators > "$WORK/indicators.txt" || fail "indicators exited with $?"
for r in R1 R2 R3 R4 R5 R6 R7; do grep -q "$r" "$WORK/indicators.txt" || fail "indicators printed no $r"; done
"$junheng" --db "$WORK/demo.db" check > /dev/null || fail "check of the demo school exited with $?"
echo "ok: $(basename "$deb") installs a working junheng ($(seconds_since "$started") s in all)"
