#!/usr/bin/env bash
# Adding then deleting N named namespaces, netns4j against iproute2, in one run; then the
# start-up of `netns list`. Run as root. Touches only namespaces named bench-<pid>-*, and
# deletes every one of them when it ends, however it ends. See bench/README.md.
#
#   bench/netns-add-delete.sh [N [RUNS]]     defaults: N=500, RUNS=5
#   env: N_PER_CMD (ip one process per command; default N), STARTUP_RUNS (default 20)
set -euo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=../scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
require_jdk25
[ "$(id -u)" -eq 0 ] || { echo "$0: run as root (it creates namespaces)" >&2; exit 1; }

N=${1:-500}
RUNS=${2:-5}
N_PER_CMD=${N_PER_CMD:-$N}
STARTUP_RUNS=${STARTUP_RUNS:-20}
PREFIX="bench-$$-"
WORK=$(mktemp -d /tmp/bench-netns.XXXXXX)
JAR=$ROOT/target/netns4j.jar
AOT=$ROOT/target/netns4j.aot

cleanup() {
  local f
  for f in /run/netns/"$PREFIX"*; do
    [ -e "$f" ] && { ip netns delete "${f##*/}" || echo "cleanup: could not delete ${f##*/}" >&2; }
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- measuring ----

SETTLE_POLLS=3000
# shellcheck source=measure.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/measure.sh"

# ---- the tools ----

for ((i = 1; i <= N; i++)); do echo "netns add $PREFIX$i"; done >"$WORK/add"
sed 's/^netns add /netns delete /' "$WORK/add" >"$WORK/delete"

ip_each() { # verb: one ip process per namespace, for the first N_PER_CMD names
  local i
  for ((i = 1; i <= N_PER_CMD; i++)); do ip netns "$1" "$PREFIX$i"; done
}
run_tool() { # tool phase
  case $1 in
    ip-batch) measure ip -batch "$WORK/$2" ;;
    netns4j-batch) measure "$ROOT/netns4j" -batch "$WORK/$2" ;;
    ip-each) measure ip_each "$2" ;;
  esac
}
count_of() { [ "$1" = ip-each ] && echo "$N_PER_CMD" || echo "$N"; }

echo "netns4j: building if needed..." >&2
"$ROOT/netns4j" -V >/dev/null
TOOLS=(ip-batch netns4j-batch ip-each)
: >"$WORK/results"
: >"$WORK/teardown"
ip netns add "$CANARY_A"
canary_arm
for ((r = 0; r < RUNS; r++)); do
  for ((k = 0; k < ${#TOOLS[@]}; k++)); do
    tool=${TOOLS[(k + r) % ${#TOOLS[@]}]} # rotate the order from run to run
    run_tool "$tool" add
    add_us=$WALL_US add_sys=$SYS_MS
    run_tool "$tool" delete
    echo "$tool $add_us $WALL_US $((add_us + WALL_US)) $((add_sys + SYS_MS))" >>"$WORK/results"
    if compgen -G "/run/netns/$PREFIX[0-9]*" >/dev/null; then
      echo "FAILED: $tool left namespaces behind" >&2
      exit 1
    fi
    settle
    echo "$TEARDOWN_US" >>"$WORK/teardown"
  done
  echo "run $((r + 1))/$RUNS done" >&2
done
ip netns delete "$CANARY_B"
ip netns delete "$CANARY_A"

# ---- start-up: netns list ----

FLAGS=(--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
declare -A STARTUP=(
  [ip]="ip netns list"
  [launcher]="$ROOT/netns4j netns list"
  [java-aot]="$JAVA_HOME/bin/java ${FLAGS[*]} -XX:AOTCache=$AOT -Xlog:aot=off -Xlog:cds=off -cp $JAR io.netns4j.cli.Main netns list"
  [java-no-aot]="$JAVA_HOME/bin/java ${FLAGS[*]} -cp $JAR io.netns4j.cli.Main netns list"
)
STARTUP_ORDER=(ip launcher java-aot java-no-aot)
if [ ! -f "$AOT" ] || ! "$JAVA_HOME/bin/java" "${FLAGS[@]}" -XX:AOTMode=on -XX:AOTCache="$AOT" -Xlog:aot=off \
  -Xlog:cds=off -cp "$JAR" io.netns4j.cli.Main netns list >/dev/null 2>&1; then
  echo "WARNING: the AOT cache $AOT is missing or unusable: the AOT rows run without it" >&2
fi
: >"$WORK/startup"
for ((r = 0; r < STARTUP_RUNS; r++)); do
  for key in "${STARTUP_ORDER[@]}"; do
    # shellcheck disable=SC2086 # the commands above are plain words
    measure ${STARTUP[$key]}
    echo "$key $WALL_US" >>"$WORK/startup"
  done
done

# ---- report ----

col() { awk -v t="$1" -v c="$2" '$1 == t {print $c}' "$WORK/results"; }
ms() { awk -v u="$1" 'BEGIN {printf "%.0f", u / 1000}'; }
ref_total=$(col netns4j-batch 4 | stats)
ref_min=$(awk -v n="$N" '{print $1 / n}' <<<"$ref_total")
ref_med=$(awk -v n="$N" '{print $2 / n}' <<<"$ref_total")

echo
echo "Add then delete N named namespaces: $(nproc) cores, $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r)"
echo "N=$N (ip one process per command: N=$N_PER_CMD), $RUNS runs, wall times in ms (min / median)"
printf '%-34s %5s %15s %15s %15s %9s %13s %11s\n' tool N add delete total "ms per ns" "ratio min/med" "sys ms(min)"
for tool in ip-batch netns4j-batch ip-each; do
  n=$(count_of "$tool")
  read -r amin amed < <(col "$tool" 2 | stats)
  read -r dmin dmed < <(col "$tool" 3 | stats)
  read -r tmin tmed < <(col "$tool" 4 | stats)
  sys=$(col "$tool" 5 | stats | cut -d' ' -f1)
  case $tool in
    ip-batch) label="ip -batch (1 process a phase)" ;;
    netns4j-batch) label="./netns4j -batch (1 JVM a phase)" ;;
    ip-each) label="ip (1 process per command)" ;;
  esac
  printf '%-34s %5s %7s / %-5s %7s / %-5s %7s / %-5s %9.3f %6.2f/%-6.2f %11s\n' "$label" "$n" \
    "$(ms "$amin")" "$(ms "$amed")" "$(ms "$dmin")" "$(ms "$dmed")" "$(ms "$tmin")" "$(ms "$tmed")" \
    "$(awk -v t="$tmed" -v n="$n" 'BEGIN {print t / n / 1000}')" \
    "$(awk -v t="$tmin" -v n="$n" -v r="$ref_min" 'BEGIN {print t / n / r}')" \
    "$(awk -v t="$tmed" -v n="$n" -v r="$ref_med" 'BEGIN {print t / n / r}')" "$sys"
done
echo "(ratio: time per namespace / netns4j's; sys: system CPU of the fastest run, kernel teardown not included)"
read -r kmin kmed < <(stats <"$WORK/teardown")
echo "Kernel teardown after a delete phase, until the canary is gone: $(ms "$kmin") / $(ms "$kmed") ms (min / median, all tools)"

echo
echo "Start-up: 'netns list' (no bench namespaces present), $STARTUP_RUNS runs each, interleaved, wall ms"
read -r lmin lmed < <(awk '$1 == "launcher" {print $2}' "$WORK/startup" | stats)
printf '%-52s %8s %8s %14s\n' command min median "ratio min/med"
for key in "${STARTUP_ORDER[@]}"; do
  read -r smin smed < <(awk -v k="$key" '$1 == k {print $2}' "$WORK/startup" | stats)
  case $key in
    ip) label="ip netns list" ;;
    launcher) label="./netns4j netns list (launcher, AOT cache)" ;;
    java-aot) label="java <launcher flags> + AOT cache (no bash)" ;;
    java-no-aot) label="java <launcher flags>, no AOT cache (no bash)" ;;
  esac
  printf '%-52s %8.1f %8.1f %6.2f/%-6.2f\n' "$label" "$(awk -v u="$smin" 'BEGIN {print u / 1000}')" \
    "$(awk -v u="$smed" 'BEGIN {print u / 1000}')" \
    "$(awk -v a="$smin" -v b="$lmin" 'BEGIN {print a / b}')" "$(awk -v a="$smed" -v b="$lmed" 'BEGIN {print a / b}')"
done
echo "(ratio: to ./netns4j netns list)"
