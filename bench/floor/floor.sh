#!/usr/bin/env bash
# What a JVM costs before netns4j does anything (issue "Speed where users feel it"): whole
# processes, median wall and user+sys CPU ms of RUNS runs, interleaved with netns4j's own
# everyday commands and ip, in one run. The floor rows run bench/floor/StartupFloor.java with
# the launcher's JVM options and an AOT cache of their own (trained on the same mode):
#   hello     java prints a line
#   linker    + Linker.nativeLinker() and libc's symbol lookup
#   downcall-plain     + a downcall handle of syscall(2), called once
#   downcall           + the one downcall handle netns4j's commands make (syscall(2), errno captured)
#   downcall-variadic  the same, its arguments declared variadic (as netns4j made it before)
# Needs root for the netns4j rows (one namespace bench-<pid>-f, removed at the end).
#
#   bench/floor/floor.sh            # 21 runs each
#   RUNS=41 bench/floor/floor.sh
set -euo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
RUNS=${RUNS:-21}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "$0: RUNS must be a positive number" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "$0: run as root (it creates a namespace)" >&2; exit 1; }
. "$ROOT/scripts/jdk.sh"
require_jdk25
NS="bench-$$-f"
WORK=$(mktemp -d /tmp/bench-floor.XXXXXX)
trap 'ip netns delete "$NS" 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$ROOT/netns4j" -V >/dev/null   # builds on first use, outside the measurement
ip netns add "$NS"
"$JAVA_HOME/bin/javac" -d "$WORK/classes" "$ROOT/bench/floor/StartupFloor.java"
"$JAVA_HOME/bin/jar" --create --file "$WORK/floor.jar" -C "$WORK/classes" .   # an AOT cache takes jars, not directories
JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1
  -XX:CompileThresholdScaling=20 -Xlog:aot=off -Xlog:cds=off -cp "$WORK/floor.jar")
for mode in hello linker downcall-plain downcall downcall-variadic; do
  "${JAVA[@]}" -XX:AOTCacheOutput="$WORK/$mode.aot" StartupFloor "$mode" >/dev/null 2>&1
done

labels=() cmds=()
add() { labels+=("$1"); shift; cmds+=("$(printf '%q ' "$@")"); }
for mode in hello linker downcall-plain downcall downcall-variadic; do add "java: $mode (AOT cache)" "${JAVA[@]}" -XX:AOTCache="$WORK/$mode.aot" StartupFloor "$mode"; done
add "netns4j -V" "$ROOT/netns4j" -V
add "netns4j netns list" "$ROOT/netns4j" netns list
add "netns4j netns exec NS true" "$ROOT/netns4j" netns exec "$NS" true
add "ip netns list" ip netns list
add "ip netns exec NS true" ip netns exec "$NS" true

# shellcheck source=../measure.sh
PREFIX=unused- . "$ROOT/bench/measure.sh"
interleaved_runs "$RUNS" "${cmds[@]}"
printf '%-40s %9s %9s\n' "process" "wall ms" "cpu ms"
for ((i = 0; i < ${#cmds[@]}; i++)); do
  printf '%-40s %9s %9s\n' "${labels[i]}" "$(cut -d' ' -f1 "$WORK/t$i" | median_tenths)" "$(cut -d' ' -f2 "$WORK/t$i" | median_tenths)"
done
echo "runs: $RUNS each; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
