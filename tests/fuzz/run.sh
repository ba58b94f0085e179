#!/bin/sh
# Builds the libFuzzer targets in their own clang tree and runs each for a bounded time; fails
# on any crash, leak, sanitizer report, uncaught exception or broken round trip. CTest runs it
# (labels slow, fuzz); by hand: tests/fuzz/run.sh [BUILD_DIR] [SECONDS_PER_TARGET].
#   BUILD_DIR           default build-fuzz (configured with clang++ and -DJUNHENG_FUZZ=ON)
#   SECONDS_PER_TARGET  default 20 (9 targets: about 3 minutes after the build)
# Seeds: tests/data/fuzz/<target>/ (read only; new inputs go to a temporary corpus). A crash
# leaves its input in BUILD_DIR/artifacts/ and prints how to replay it.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build-fuzz}
secs=${2:-20}
targets="batch enrol submission replies inflate files snapshot csv receiver"

launcher=
command -v ccache >/dev/null 2>&1 && launcher=-DCMAKE_CXX_COMPILER_LAUNCHER=ccache
[ -f "$build/CMakeCache.txt" ] ||
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DJUNHENG_FUZZ=ON $launcher >/dev/null
cmake --build "$build" -j 2 --target fuzz_all

mkdir -p "$build/artifacts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
failed=
for t in $targets; do
  mkdir -p "$work/$t"
  if "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix="$build/artifacts/$t-" -print_final_stats=1 \
       "$work/$t" "$src/tests/data/fuzz/$t" >"$work/$t.log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
    echo "fuzz_$t: ${runs:-?} inputs in ${secs} s, no crash"
  else
    echo "fuzz_$t: FAILED"
    grep -v '^#' "$work/$t.log" | tail -40
    echo "replay: $build/tests/fuzz/fuzz_$t $build/artifacts/$t-<file>"
    failed="$failed $t"
  fi
done
[ -z "$failed" ] || { echo "fuzz targets that failed:$failed"; exit 1; }
