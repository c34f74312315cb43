#!/usr/bin/env bash
# Concurrency check (issue 13): P processes (default 4) each add N namespaces (default 250),
# a veth from each to the one before it (peer made in the other namespace), then delete them,
# all at once: first with "netns4j -batch", then with the library (bench/ConcurrencyWorker.java).
# Reports errors, the mounts on /run/netns (more than one = stacked), namespaces and root links
# left, and the wall time. Exit 1 when anything is off. Names: bench-<pid>-*; all removed on exit.
#   bench/concurrency.sh [N] [P]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-250}
P=${2:-4}
PREFIX="bench-$$"
. scripts/jdk.sh
require_jdk25
./netns4j -V >/dev/null
work=$(mktemp -d /tmp/netns4j-conc.XXXXXX)
cleanup() {
  for f in /run/netns/"$PREFIX"-*; do [ -e "$f" ] && ip netns delete "$(basename "$f")" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
root_links() { ip -o link show | wc -l; }
mounts() { awk '$5 == "/run/netns" {n++} END {print n + 0}' /proc/self/mountinfo; }
check() {
  local what=$1 errors=$2 ms=$3
  local left; left=$(ls /run/netns | grep -c "^$PREFIX-" || true)
  local m; m=$(mounts)
  local links; links=$(root_links)
  echo "$what: $P processes x $N namespaces + $((N - 1)) veths each: $errors errors, $m mount(s) on /run/netns," \
       "$left namespaces left, root links $links (before $links_before), ${ms} ms"
  [ "$errors" -eq 0 ] && [ "$m" -le 1 ] && [ "$left" -eq 0 ] && [ "$links" -eq "$links_before" ]
}
links_before=$(root_links)
status=0

# 1. netns4j -batch
for p in $(seq 1 "$P"); do
  f="$work/batch-$p"
  for i in $(seq 0 $((N - 1))); do echo "netns add $PREFIX-b$p-$i"; done >"$f"
  for i in $(seq 1 $((N - 1))); do
    echo "-n $PREFIX-b$p-$i link add v$i type veth peer name w$i netns $PREFIX-b$p-$((i - 1))"
  done >>"$f"
  for i in $(seq 0 $((N - 1))); do echo "netns delete $PREFIX-b$p-$i"; done >>"$f"
done
start=$(date +%s%N)
pids=()
for p in $(seq 1 "$P"); do ./netns4j -force -batch "$work/batch-$p" >"$work/out-$p" 2>&1 & pids+=($!); done
errors=0
for pid in "${pids[@]}"; do wait "$pid" || true; done
for p in $(seq 1 "$P"); do errors=$((errors + $(grep -c . "$work/out-$p" || true))); done
ms=$((($(date +%s%N) - start) / 1000000))
check "netns4j -batch" "$errors" "$ms" || { status=1; head -5 "$work"/out-*; }

# 2. the library, one JVM per process
start=$(date +%s%N)
pids=()
for p in $(seq 1 "$P"); do
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp target/netns4j.jar bench/ConcurrencyWorker.java \
    "$PREFIX-l$p" "$N" >"$work/lib-$p" 2>&1 & pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || true; done
errors=0
for p in $(seq 1 "$P"); do
  e=$(awk '/^errors/ {print $2}' "$work/lib-$p"); errors=$((errors + ${e:-1}))
done
ms=$((($(date +%s%N) - start) / 1000000))
check "library" "$errors" "$ms" || { status=1; head -5 "$work"/lib-*; }
exit $status
