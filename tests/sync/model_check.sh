#!/bin/sh
# Checks the Promela model of the sync protocol (sync/protocol/sync.pml) with Debian's spin, in
# a temporary directory that is removed on exit. One CTest entry per run (tests/sync/model.cmake).
#
#   model_check.sh MODEL safety|liveness pass|fail [spin -D options...]
#
# safety:   pan compiled with -DSAFETY, run exhaustively: assertions (properties 1 and 2) and
#           invalid end states.
# liveness: the model's `ltl convergence` (property 3), `pan -a -f` (acceptance cycles under
#           weak fairness).
# pass: exit 0 when pan reports `errors: 0` over a search that was not cut short.
# fail: exit 0 only when pan reports the error the run expects (an assertion violation for
#       safety, an acceptance cycle for liveness): a broken variant of the model must fail, or
#       the properties prove nothing. The counter-example is printed either way.
set -eu
model=$1 mode=$2 expect=$3
shift 3
depth=2000000

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM
cp "$model" "$dir/sync.pml"
cd "$dir"

case $mode in
  safety)   spin "$@" -a sync.pml >spin.out
            gcc -O2 -w -DSAFETY -DMEMLIM=2048 -o pan pan.c
            run="./pan -m$depth"
            want='assertion violated' ;;
  liveness) spin "$@" -DLIVENESS -a sync.pml >spin.out
            gcc -O2 -w -DNFAIR=3 -DMEMLIM=2048 -o pan pan.c
            run="./pan -m$depth -a -f"
            want='acceptance cycle' ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac

status=0
$run >pan.out 2>&1 || status=$?
grep -E 'errors:|states, stored|violated|cycle|too small|elapsed' pan.out || true
if [ -f sync.pml.trail ]; then
  echo "--- counter-example (model events) ---"
  spin -t "$@" $([ "$mode" = liveness ] && echo -DLIVENESS) sync.pml |
    grep -E 'MSC|START OF CYCLE|assert' | sed 's/^ *//' | head -60
fi

# pan stops at the depth bound without always saying so: a search that reached it proves nothing.
reached=$(sed -n 's/.*depth reached \([0-9]*\).*/\1/p' pan.out)
if [ -z "$reached" ] || grep -q 'too small' pan.out || [ "$reached" -ge $((depth - 1)) ]; then
  echo "FAIL: pan did not finish its search (status $status, depth ${reached:-?} of $depth)"
  exit 1
fi

case $expect in
  pass) if grep -q 'errors: 0$' pan.out; then echo "OK: no error"; exit 0; fi
        echo "FAIL: pan found an error in the model"; exit 1 ;;
  fail) if grep -q "$want" pan.out && ! grep -q 'errors: 0$' pan.out; then
          echo "OK: the broken variant fails as it must ($want)"; exit 0
        fi
        echo "FAIL: the broken variant was not caught (expected: $want)"; exit 1 ;;
esac
echo "unknown expectation $expect" >&2
exit 2
