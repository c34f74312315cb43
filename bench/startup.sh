#!/usr/bin/env bash
# Start-up of the everyday commands as whole processes, netns4j against ip in the same run
# (issue "Speed where users feel it"): for each command the median wall time and the median
# user+sys CPU time of RUNS runs (CPU time moves less with other load on the machine). All
# processes are run interleaved, one of each per round, so drift hits every column alike.
# BASELINE=DIR also runs DIR/netns4j (another checkout, e.g. an older commit, built by its
# first call) in the same rounds, for before/after figures.
#
#   bench/startup.sh                               # 21 runs each
#   RUNS=51 bench/startup.sh
#   git worktree add /tmp/before 9470465 && BASELINE=/tmp/before bench/startup.sh
#
# Makes one namespace bench-<pid>-s and one lab bs<pid> (one host), removed when it ends
# (the lab by each checkout's own netns4j: both read the same lab state).
set -euo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
RUNS=${RUNS:-21}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "$0: RUNS must be a positive number" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "$0: run as root (it creates a namespace and a lab)" >&2; exit 1; }
N4J=$ROOT/netns4j
OLD=
if [ -n "${BASELINE:-}" ]; then
  OLD=$(cd "$BASELINE" 2>/dev/null && pwd)/netns4j || true
  [ -x "$OLD" ] || { echo "$0: BASELINE=$BASELINE has no netns4j launcher; give a checkout of this project" >&2; exit 2; }
fi
NS="bench-$$-s"
LAB="bs$$"
WORK=$(mktemp -d /tmp/bench-startup.XXXXXX)
cleanup() {
  "$N4J" lab down "$LAB" >/dev/null 2>&1 || true
  ip netns delete "$NS" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
"$N4J" -V >/dev/null   # builds on first use, outside the measurement
[ -z "$OLD" ] || "$OLD" -V >/dev/null
ip netns add "$NS"
printf 'name: %s\nnodes: {h1: {}}\n' "$LAB" > "$WORK/lab.yaml"
"$N4J" lab up "$WORK/lab.yaml" >/dev/null

. "$ROOT/scripts/jdk.sh"
require_jdk25
labels=() peers=() cmds=()   # per row: the netns4j command ($N), the peer's, the baseline's
row() { # label peer-label args... -- peer-command...
  local label=$1 plabel=$2; shift 2
  local mine=()
  while [ "$1" != "--" ]; do mine+=("$1"); shift; done
  shift
  labels+=("$label") peers+=("$plabel")
  cmds+=("$(printf '%q ' "$N4J" "${mine[@]}")" "$(printf '%q ' "$@")")
  if [ -n "$OLD" ]; then cmds+=("$(printf '%q ' "$OLD" "${mine[@]}")"); else cmds+=(""); fi
}
row "netns4j -V" "java -version (the floor)" -V -- "$JAVA_HOME/bin/java" -XX:+UseSerialGC -version
row "netns4j netns list" "ip netns list" netns list -- ip netns list
row "netns4j -n NS link show" "ip -n NS link show" -n "$NS" link show -- ip -n "$NS" link show
row "netns4j netns exec NS true" "ip netns exec NS true" netns exec "$NS" true -- ip netns exec "$NS" true
row "netns4j lab exec LAB h1 true" "ip netns exec LAB-h1 true" lab exec "$LAB" h1 true -- ip netns exec "$LAB-h1" true

# shellcheck source=measure.sh
PREFIX=unused- . "$ROOT/bench/measure.sh"
interleaved_runs "$RUNS" "${cmds[@]}"
stat() { if [ -s "$WORK/t$1" ]; then echo "$(cut -d' ' -f1 "$WORK/t$1" | median_tenths) $(cut -d' ' -f2 "$WORK/t$1" | median_tenths)"; else echo "- -"; fi; }
printf '%-30s %15s %15s   %-26s %15s %7s\n' "command" "baseline wall/cpu" "netns4j wall/cpu" "peer" "peer wall/cpu" "ratio"
for ((k = 0; k < ${#labels[@]}; k++)); do
  read -r mw mc <<< "$(stat $((3 * k)))"
  read -r pw pc <<< "$(stat $((3 * k + 1)))"
  read -r ow oc <<< "$(stat $((3 * k + 2)))"
  printf '%-30s %15s %15s   %-26s %15s %7.1f\n' "${labels[k]}" "$ow / $oc" "$mw / $mc" "${peers[k]}" "$pw / $pc" \
    "$(awk -v a="$mw" -v b="$pw" 'BEGIN {print a / b}')"
done
echo "runs: $RUNS each, interleaved; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
