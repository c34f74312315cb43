#!/usr/bin/env bash
# A lab per test method in a warm JVM (what @LabTest(perMethod = true) costs): N hosts on a
# bridge, RunningLab.start + close, for 3 and 5 hosts (RunningLabBenchmark in lab's tests).
# As a peer, the same lab as whole processes: `netns4j lab up FILE` + `lab down NAME`.
#
#   bench/lab/running-lab.sh            # 20 rounds each
#   bench/lab/running-lab.sh 50
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=../../scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
require_jdk25
require_maven
[ "$(id -u)" -eq 0 ] || { echo "$0: run as root (it creates namespaces)" >&2; exit 1; }
ROUNDS=${1:-20}
cd "$ROOT"
mvn -B -ntp -q -o -pl core,lab -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/lab-bench.cp \
  -Dmdep.includeScope=test >/dev/null
CP="lab/target/test-classes:lab/target/classes:core/target/classes:core/target/test-classes:$(cat lab/target/lab-bench.cp)"
for n in 3 5; do
  for mode in wait later; do
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" io.netns4j.lab.bench.RunningLabBenchmark "$n" "$ROUNDS" "$mode"
  done
done
WORK=$(mktemp -d /tmp/bench-running-lab.XXXXXX)
LAB="brl$$"
trap '"$ROOT/netns4j" lab down "$LAB" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
printf 'name: %s\ndefaults: {pools: {ipv4: 10.82.0.0/24}}\nnodes: {sw: {kind: bridge}, n1: {}, n2: {}, n3: {}}\nlinks:\n  - {bridge: sw, members: [n1:eth0, n2:eth0, n3:eth0]}\n' "$LAB" > "$WORK/lab.yaml"
"$ROOT/netns4j" lab check "$WORK/lab.yaml" >/dev/null
times=()
for ((i = 0; i < ROUNDS; i++)); do
  t0=$(date +%s%N)
  "$ROOT/netns4j" lab up "$WORK/lab.yaml" >/dev/null
  "$ROOT/netns4j" lab down "$LAB" >/dev/null
  times+=($(( ($(date +%s%N) - t0) / 1000000 )))
done
printf '%s\n' "${times[@]}" | sort -n | awk -v r="$ROUNDS" '{a[NR]=$1} END {printf "peer: 3 hosts on a bridge, lab up + lab down as processes, %d rounds: median %d ms\n", r, a[int((NR+1)/2)]}'
