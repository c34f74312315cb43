#!/usr/bin/env bash
# Start-up of the everyday commands as whole processes, netns4j against ip in the same run
# (issue "Speed where users feel it"): for each command the median wall time and the median
# user+sys CPU time of RUNS runs (CPU time moves less with other load on the machine).
#
#   bench/startup.sh            # 21 runs each
#   RUNS=51 bench/startup.sh
#
# Makes one namespace bench-<pid>-s and one lab bs<pid> (one host), removed when it ends.
set -euo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
RUNS=${RUNS:-21}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "$0: RUNS must be a positive number" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "$0: run as root (it creates a namespace and a lab)" >&2; exit 1; }
N4J=$ROOT/netns4j
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
ip netns add "$NS"
printf 'name: %s\nnodes: {h1: {}}\n' "$LAB" > "$WORK/lab.yaml"
"$N4J" lab up "$WORK/lab.yaml" >/dev/null

# median wall ms and median CPU ms of RUNS runs of "$@"
measure() {
  local i walls=() cpus=() s e
  for ((i = 0; i < RUNS; i++)); do
    s=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$WORK/cpu" "$@" >/dev/null 2>&1
    e=$(date +%s%N)
    walls+=($(( (e - s) / 100000 )))
    cpus+=("$(awk '{printf "%d", ($1 + $2) * 10000}' "$WORK/cpu")")
  done
  w=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/10}')
  c=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/10}')
  echo "$w $c"
}

. "$ROOT/scripts/jdk.sh"
require_jdk25
printf '%-34s %10s %9s   %-28s %9s %8s %8s\n' "netns4j" "wall ms" "cpu ms" "peer" "wall ms" "cpu ms" "ratio"
row() { # label peer-label netns4j-command... -- peer-command...
  local label=$1 plabel=$2; shift 2
  local mine=() peer=()
  while [ "$1" != "--" ]; do mine+=("$1"); shift; done
  shift
  peer=("$@")
  read -r mw mc <<< "$(measure "${mine[@]}")"
  read -r pw pc <<< "$(measure "${peer[@]}")"
  printf '%-34s %10s %9s   %-28s %9s %8s %8.1f\n' "$label" "$mw" "$mc" "$plabel" "$pw" "$pc" \
    "$(awk -v a="$mw" -v b="$pw" 'BEGIN {print a / b}')"
}
row "netns4j -V" "java -version (the floor)" "$N4J" -V -- "$JAVA_HOME/bin/java" -XX:+UseSerialGC -version
row "netns4j netns list" "ip netns list" "$N4J" netns list -- ip netns list
row "netns4j -n NS link show" "ip -n NS link show" "$N4J" -n "$NS" link show -- ip -n "$NS" link show
row "netns4j netns exec NS true" "ip netns exec NS true" "$N4J" netns exec "$NS" true -- ip netns exec "$NS" true
row "netns4j lab exec LAB h1 true" "ip netns exec LAB-h1 true" "$N4J" lab exec "$LAB" h1 true -- ip netns exec "$LAB-h1" true
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
