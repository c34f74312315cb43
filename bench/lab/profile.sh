#!/usr/bin/env bash
# Where `netns4j lab up` of star(N) spends its time, and what `lab down` does (bench/README.md,
# "lab up / lab down"). Run as root:
#
#   bench/lab/profile.sh          # star(100), 5 runs
#   RUNS=7 bench/lab/profile.sh 300
#
# 1. Start-up by difference, whole processes interleaved, RUNS runs each: `netns4j -V`
#    (launcher and JVM), `lab check FILE` (+ YAML and checks), `lab plan FILE` (+ plan),
#    `lab up FILE` (+ building the lab); the same `lab up` with an AOT cache trained on
#    `lab up` of star(10) (an experiment: the project's cache is trained without labs); the
#    Go peer for reference. Each up is torn down and the kernel's teardown awaited (canary)
#    before the next measurement.
# 2. The phases of `lab up` from its progress lines (printed on a terminal only: run under
#    script(1), which records when each line arrived).
# 3. Classes loaded by `lab up`, by source (-Xlog:class+load): AOT cache, JDK image, jar,
#    generated at run time.
# 4. System calls of `lab up` and `lab down` (strace -f -c; slows them, so counts only).
#
# Touches only namespaces bench-<pid>-* and bl<pid>s<N>-*, removed on exit however it ends.
set -euo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=topology.sh
. "$ROOT/bench/lab/topology.sh"
N=${1:-100}
RUNS=${RUNS:-5}
[[ $N =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "usage: [RUNS=R] $0 [N]" >&2; exit 2; }
for tool in script strace python3; do
  command -v "$tool" >/dev/null || { echo "$0: needs $tool" >&2; exit 1; }
done
# shellcheck source=common.sh
. "$ROOT/bench/lab/common.sh"
build_go_peers

JAR=$ROOT/target/netns4j.jar
JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1
  -Xlog:aot=off -Xlog:cds=off)    # the launcher's flags
LAB="${LABS}s$N"
star "$N" "$LAB" >"$WORK/star.yaml"
star 10 "${LABS}s10" >"$WORK/train.yaml"

echo "netns4j: building if needed..." >&2
"$ROOT/netns4j" -V >/dev/null
"$ROOT/netns4j" lab check "$WORK/star.yaml" >/dev/null

# An AOT cache trained on `lab up` of star(10) (JDK 25: -XX:AOTCacheOutput, one step), in $WORK.
echo "training an AOT cache on lab up of star(10)..." >&2
"${JAVA[@]}" -XX:AOTCacheOutput="$WORK/lab.aot" -cp "$JAR" io.netns4j.cli.Main lab up "$WORK/train.yaml" \
  >/dev/null 2>"$WORK/train.log" || { cat "$WORK/train.log" >&2; exit 1; }
"$ROOT/netns4j" lab down "${LABS}s10" >/dev/null

canary_start
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- 1. start-up by difference ----

v() { "$ROOT/netns4j" -V; }
check() { "$ROOT/netns4j" lab check "$WORK/star.yaml"; }
plan() { "$ROOT/netns4j" lab plan "$WORK/star.yaml"; }
up() { "$ROOT/netns4j" lab up "$WORK/star.yaml"; }
up_labaot() { "${JAVA[@]}" -XX:AOTCache="$WORK/lab.aot" -cp "$JAR" io.netns4j.cli.Main lab up "$WORK/star.yaml"; }
go_up() { "$WORK/star-go" up "${PREFIX}go-" "$N"; }
STEPS=(v check plan up up_labaot go_up)
: >"$WORK/startup"
for ((r = 0; r < RUNS; r++)); do
  for ((k = 0; k < ${#STEPS[@]}; k++)); do
    s=${STEPS[(k + r) % ${#STEPS[@]}]}
    measure "$s"
    echo "$s $WALL_US $SYS_MS" >>"$WORK/startup"
    case $s in
      up | up_labaot) "$ROOT/netns4j" lab down "$LAB" >/dev/null; settle ;;
      go_up) "$WORK/lab-go" down "${PREFIX}go-"; settle ;;
    esac
  done
  echo "run $((r + 1))/$RUNS done" >&2
done

# ---- 2. phases of lab up, from its progress lines on a terminal ----

: >"$WORK/phases"
for ((r = 0; r < RUNS; r++)); do
  t0=$EPOCHREALTIME
  script -q -E never -T "$WORK/timing" -O "$WORK/typescript" -c "$ROOT/netns4j lab up $WORK/star.yaml" >/dev/null
  t1=$EPOCHREALTIME
  "$ROOT/netns4j" lab down "$LAB" >/dev/null
  settle
  python3 - "$WORK/timing" "$WORK/typescript" "$(( ${t1/./} - ${t0/./} ))" >>"$WORK/phases" <<'EOF'
import sys
# script -T: one "DELAY BYTES" line per chunk of output; the typescript starts with a header line.
timing, typescript, total = sys.argv[1], sys.argv[2], int(sys.argv[3]) / 1e6
data = open(typescript, 'rb').read()
data = data[data.index(b'\n') + 1:]
t, pos, lines = 0.0, 0, []
for row in open(timing):
    delay, size = row.split()
    t += float(delay)
    chunk = data[pos:pos + int(size)]
    pos += int(size)
    lines += [(t, l) for l in chunk.decode(errors='replace').splitlines() if l.strip()]
ns = [t for t, l in lines if ' netns add ' in l]
veth = [t for t, l in lines if ' link add ' in l]
done = [t for t, l in lines if ' is up' in l][-1]
print('to_first_step', ns[0])
print('first_namespace', ns[1] - ns[0])
print('other_namespaces', ns[-1] - ns[1])
print('lo_up_bridge', veth[0] - ns[-1])
print('veths', veth[-1] - veth[0])
print('links_addresses', done - veth[-1])
print('exit', total - done)
print('total', total)
EOF
done

# ---- 3. classes loaded by lab up, by source ----

for cache in "$ROOT/target/netns4j.aot" "$WORK/lab.aot"; do
  "${JAVA[@]}" -XX:AOTCache="$cache" -Xlog:class+load=info:file="$WORK/classes-${cache##*/}.log" \
    -Xlog:startuptime=info:file="$WORK/startuptime-${cache##*/}.log" -cp "$JAR" io.netns4j.cli.Main lab up \
    "$WORK/star.yaml" >/dev/null
  "$ROOT/netns4j" lab down "$LAB" >/dev/null
  settle
done

# ---- 4. system calls ----

strace -f -c -o "$WORK/strace-up" "$ROOT/netns4j" lab up "$WORK/star.yaml" >/dev/null
t0=$EPOCHREALTIME
"$ROOT/netns4j" lab down "$LAB" >/dev/null
DOWN_US=$(( ${EPOCHREALTIME/./} - ${t0/./} ))
settle
"$ROOT/netns4j" lab up "$WORK/star.yaml" >/dev/null
strace -f -c -o "$WORK/strace-down" "$ROOT/netns4j" lab down "$LAB" >/dev/null
settle
"$WORK/star-go" up "${PREFIX}go-" "$N"
strace -f -c -o "$WORK/strace-go-down" "$WORK/lab-go" down "${PREFIX}go-"
settle
"$WORK/star-go" up "${PREFIX}go-" "$N"
"$WORK/lab-go" down "${PREFIX}go-"
settle
canary_stop
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report ----

ms() { awk -v u="$1" 'BEGIN {printf "%.0f", u / 1000}'; }
echo
echo "Profile of lab up / lab down, star($N): $(nproc) cores, kernel $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ),"
echo "netns4j $(git -C "$ROOT" rev-parse --short HEAD); load average at start $LOAD_START, at end $LOAD_END"
echo
echo "1. Whole processes, $RUNS runs each, interleaved; wall ms min / median; sys ms of the fastest run"
printf '%-62s %15s %8s %18s\n' command "wall" "sys" "median - previous"
prev=""
for s in "${STEPS[@]}"; do
  read -r wmin wmed < <(awk -v s="$s" '$1 == s {print $2}' "$WORK/startup" | stats)
  sys=$(awk -v s="$s" '$1 == s {print $2, $3}' "$WORK/startup" | sort -n | head -1 | cut -d' ' -f2)
  case $s in
    v) label="netns4j -V (bash launcher, JVM, AOT cache)" ;;
    check) label="netns4j lab check FILE (+ snakeyaml, topology checks)" ;;
    plan) label="netns4j lab plan FILE (+ plan, printed)" ;;
    up) label="netns4j lab up FILE (+ building the lab)" ;;
    up_labaot) label="java + AOT cache trained on lab up star(10), lab up FILE" ;;
    go_up) label="Go vishvananda/netlink (star.go up)" ;;
  esac
  diff=""
  [ -n "$prev" ] && [ "$s" != up_labaot ] && [ "$s" != go_up ] && diff="+$(ms $((wmed - prev)))"
  [ "$s" = up_labaot ] && diff="$(ms $((wmed - up_med))) vs lab up"
  printf '%-62s %6s / %-6s %8s %18s\n' "$label" "$(ms "$wmin")" "$(ms "$wmed")" "$sys" "$diff"
  prev=$wmed
  [ "$s" = up ] && up_med=$wmed
done
echo
echo "2. Phases of lab up (progress lines on a terminal, script -T), $RUNS runs, ms min / median"
for p in to_first_step first_namespace other_namespaces lo_up_bridge veths links_addresses exit total; do
  read -r pmin pmed < <(awk -v p="$p" '$1 == p {printf "%d\n", $2 * 1e6}' "$WORK/phases" | stats)
  case $p in
    to_first_step) label="start-up, read and check file, plan, lock, names (to step 1)" ;;
    first_namespace) label="the first namespace (first FFM calls, workers, sockets)" ;;
    other_namespaces) label="the other $N namespaces (add, lo alias)" ;;
    lo_up_bridge) label="lo up in every namespace, bridge" ;;
    veths) label="$N veths, peers in place" ;;
    links_addresses) label="$((2 * N)) link settings (up, master), $N addresses" ;;
    exit) label="after the last line: closing, JVM exit" ;;
    total) label="total (under script)" ;;
  esac
  printf '  %-62s %6s / %-6s\n' "$label" "$(ms "$pmin")" "$(ms "$pmed")"
done
echo
echo "3. Classes loaded by lab up, by source"
for cache in netns4j.aot lab.aot; do
  f="$WORK/classes-$cache.log"
  [ "$cache" = netns4j.aot ] && label="project's AOT cache (target/netns4j.aot)" || label="AOT cache trained on lab up"
  printf '  %-42s total %5d: AOT cache %5d, JDK image %4d, jar %4d, generated at run time %4d; Create VM %s\n' \
    "$label" "$(wc -l <"$f")" "$(grep -c 'source: shared objects file' "$f")" "$(grep -c 'source: jrt:' "$f")" \
    "$(grep -c 'source: file:' "$f")" "$(grep -c '__JVM_LookupDefineClass__\|__Lookup_defineClass__' "$f")" \
    "$(awk '/Create VM/ {printf "%.0f ms", $(NF - 1) * 1000}' "$WORK/startuptime-$cache.log")"
done
echo "  by package, project's cache, not from the cache:"
grep -v 'source: shared objects file' "$WORK/classes-netns4j.aot.log" | awk '{print $2}' |
  sed -E 's/^((org\.snakeyaml|io\.netns4j|java\.lang\.invoke|jdk\.internal\.foreign|java\.util\.concurrent)).*/\1/; t; s/\.[^.]*$//' |
  sort | uniq -c | sort -rn | head -8 | awk '{printf "    %5d %s\n", $1, $2}'
echo
echo "4. System calls (strace -f -c, counts; times under strace are not comparable)"
printf '  %-24s %8s %8s %8s %8s %8s %8s %8s %8s %8s\n' "" sendto recvfrom socket setns unshare futex statx openat umount2
for f in strace-up strace-down strace-go-down; do
  case $f in strace-up) l="lab up" ;; strace-down) l="lab down" ;; *) l="Go down" ;; esac
  printf '  %-24s' "$l"
  for s in sendto recvfrom socket setns unshare futex statx openat umount2; do
    printf ' %8s' "$(awk -v s="$s" '$NF == s {print $4; f = 1} END {if (!f) print 0}' "$WORK/$f")"
  done
  echo
done
echo "  lab down of star($N) without strace: $(ms "$DOWN_US") ms"
