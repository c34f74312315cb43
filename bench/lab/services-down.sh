#!/usr/bin/env bash
# What services cost `lab down`: a 3-node lab whose nodes each run one service (three
# processes under the lab's supervisor) against the same lab without services, `lab up` then
# a timed `lab down` as whole processes, alternating A B A B so drift hits both alike.
#
#   bench/lab/services-down.sh          # 7 rounds each
#   bench/lab/services-down.sh 15       # 15 rounds each
#
# Labs are named bs<pid>a (services) and bs<pid>b (none); both are taken down on any exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=../../scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
require_jdk25
[ "$(id -u)" -eq 0 ] || { echo "$0: run as root (it creates namespaces)" >&2; exit 1; }
ROUNDS=${1:-7}
A="bs$$a"
B="bs$$b"
WORK=$(mktemp -d /tmp/bench-services.XXXXXX)
N4J="$ROOT/netns4j"
cleanup() {
  "$N4J" lab down "$A" >/dev/null 2>&1 || true
  "$N4J" lab down "$B" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

lab_file() { # NAME WITH_SERVICES
  local exec=""
  [ "$2" = yes ] && exec="    exec: [sleep 100000]"
  {
    echo "name: $1"
    echo "nodes:"
    for n in n1 n2 n3; do echo "  $n:"; if [ -n "$exec" ]; then echo "$exec"; else echo "    kind: host"; fi; done
    cat <<'YAML'
links:
  - endpoints: [{endpoint: "n1:eth0", addresses: [10.93.0.1/24]}, {endpoint: "n2:eth0", addresses: [10.93.0.2/24]}]
  - endpoints: [{endpoint: "n2:eth1", addresses: [10.93.1.1/24]}, {endpoint: "n3:eth0", addresses: [10.93.1.2/24]}]
YAML
  } > "$WORK/$1.yaml"
}
lab_file "$A" yes
lab_file "$B" no
"$N4J" lab check "$WORK/$A.yaml" >/dev/null

now() { date +%s%N; }
declare -a ta tb
for ((i = 0; i < ROUNDS; i++)); do
  for which in A B; do
    name=${!which}
    "$N4J" lab up "$WORK/$name.yaml" >/dev/null
    t0=$(now)
    "$N4J" lab down "$name" >/dev/null
    t1=$(now)
    ms=$(( (t1 - t0) / 1000000 ))
    if [ "$which" = A ]; then ta+=("$ms"); else tb+=("$ms"); fi
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ma=$(median "${ta[@]}")
mb=$(median "${tb[@]}")
echo "lab down, 3 nodes, $ROUNDS rounds each (ms): with 3 services: ${ta[*]}"
echo "lab down, 3 nodes, $ROUNDS rounds each (ms): without:         ${tb[*]}"
awk -v a="$ma" -v b="$mb" 'BEGIN { printf "median with services %d ms, without %d ms: %+d ms (ratio %.2f)\n", a, b, a - b, a / b }'
