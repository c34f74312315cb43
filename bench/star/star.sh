#!/usr/bin/env bash
# star(N) benchmark (shared guide, "Yardsticks for speed"): build the topology and tear it
# down again with each tool, as whole processes, in one run, and print min/median wall
# times and ratios. Run as root:
#
#   bench/star/star.sh            # N=100 and N=1000, 3 runs each
#   N_LIST="100" RUNS=5 bench/star/star.sh
#
# Tools: ip one process per command (the way most scripts use it); ip -batch where it can
# express the work (one process for the namespaces, one for the hub's links, one per node);
# netns4j -batch (one process, lines start with "-n NODE"); the netns4j library
# (StarTopology, 1 and 2 threads); Go with vishvananda/netlink (built here from Debian's
# packages). Every namespace is named star-<pid>-*, and all are deleted on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
. "$ROOT/scripts/jdk.sh"
require_jdk25
require_maven
[ "$(id -u)" -eq 0 ] || { echo "star.sh: run as root" >&2; exit 1; }
N_LIST=${N_LIST:-"100 1000"}
RUNS=${RUNS:-3}
P="star-$$-"
WORK=$(mktemp -d)
sweep() {
  for f in /run/netns/"$P"*; do [ -e "$f" ] && ip netns delete "$(basename "$f")" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap sweep EXIT

cd "$ROOT"
mvn -o -q -B -ntp -pl core test-compile 2>/dev/null || mvn -q -B -ntp -pl core test-compile
CP="core/target/test-classes:core/target/classes:$(cat core/target/test-classpath.txt)"
JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1)

if ! command -v go >/dev/null || [ ! -d /usr/share/gocode/src/github.com/vishvananda/netlink ]; then
  echo "installing the Go peer's Debian packages" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends golang-go \
    golang-github-vishvananda-netlink-dev golang-github-vishvananda-netns-dev >/dev/null
fi
(cd "$WORK" && cp "$ROOT/bench/star/star.go" . && GOPATH=/usr/share/gocode GO111MODULE=off go build -o star-go star.go)

addr() { echo "10.77.$(( $1 / 250 )).$(( $1 % 250 + 1 ))/16"; }

# ---- each tool: up PREFIX N / down PREFIX N ----
ip_cmds_up() {
  local p=$1 n=$2 i
  ip netns add "${p}hub"; ip -n "${p}hub" link set lo up
  ip -n "${p}hub" link add br0 up type bridge
  for i in $(seq "$n"); do
    ip netns add "${p}h$i"
    ip -n "${p}hub" link add "v$i" up master br0 type veth peer name eth0 netns "${p}h$i"
    ip -n "${p}h$i" addr add "$(addr "$i")" dev eth0
    ip -n "${p}h$i" link set eth0 up
    ip -n "${p}h$i" link set lo up
  done
}
ip_cmds_down() { local p=$1 n=$2 i; ip netns delete "${p}hub"; for i in $(seq "$n"); do ip netns delete "${p}h$i"; done; }
ip_batch_up() {
  local p=$1 n=$2 i
  { echo "netns add ${p}hub"; for i in $(seq "$n"); do echo "netns add ${p}h$i"; done; } > "$WORK/ns.batch"
  ip -batch "$WORK/ns.batch"
  { echo "link set lo up"; echo "link add br0 up type bridge"
    for i in $(seq "$n"); do echo "link add v$i up master br0 type veth peer name eth0 netns ${p}h$i"; done; } > "$WORK/hub.batch"
  ip -n "${p}hub" -batch "$WORK/hub.batch"
  for i in $(seq "$n"); do
    printf 'addr add %s dev eth0\nlink set eth0 up\nlink set lo up\n' "$(addr "$i")" | ip -n "${p}h$i" -batch -
  done
}
ip_batch_down() {
  local p=$1 n=$2 i
  { echo "netns delete ${p}hub"; for i in $(seq "$n"); do echo "netns delete ${p}h$i"; done; } > "$WORK/del.batch"
  ip -batch "$WORK/del.batch"
}
n4j_batch_up() {
  local p=$1 n=$2 i
  { echo "netns add ${p}hub"; echo "-n ${p}hub link set lo up"; echo "-n ${p}hub link add br0 up type bridge"
    for i in $(seq "$n"); do
      echo "netns add ${p}h$i"
      echo "-n ${p}hub link add v$i up master br0 type veth peer name eth0 netns ${p}h$i"
      echo "-n ${p}h$i address add $(addr "$i") dev eth0"
      echo "-n ${p}h$i link set eth0 up"
      echo "-n ${p}h$i link set lo up"
    done; } > "$WORK/n4j.batch"
  "$ROOT/netns4j" -batch "$WORK/n4j.batch"
}
n4j_batch_down() {
  local p=$1 n=$2 i
  { echo "netns delete ${p}hub"; for i in $(seq "$n"); do echo "netns delete ${p}h$i"; done; } > "$WORK/n4jdel.batch"
  "$ROOT/netns4j" -batch "$WORK/n4jdel.batch"
}
lib1_up() { "${JAVA[@]}" -cp "$CP" io.netns4j.bench.StarTopology up "$1" "$2" 1; }
lib1_down() { "${JAVA[@]}" -cp "$CP" io.netns4j.bench.StarTopology down "$1" "$2" 1; }
lib2_up() { "${JAVA[@]}" -cp "$CP" io.netns4j.bench.StarTopology up "$1" "$2" 2; }
lib2_down() { "${JAVA[@]}" -cp "$CP" io.netns4j.bench.StarTopology down "$1" "$2" 2; }
go_up() { "$WORK/star-go" up "$1" "$2"; }
go_down() { "$WORK/star-go" down "$1" "$2"; }

# Waits until the kernel has freed what was deleted (its cleanup runs in order): one more
# namespace made and deleted with --wait.
settle() { "$ROOT/netns4j" netns add "${P}canary" && "$ROOT/netns4j" netns delete --wait=120 "${P}canary"; }

now() { date +%s.%N; }
TOOLS=(lib1 lib2 n4j_batch ip_batch ip_cmds go)
"$ROOT/netns4j" -V >/dev/null   # builds the CLI if needed, outside the timings

for n in $N_LIST; do
  declare -A UP=() DOWN=()
  for r in $(seq "$RUNS"); do
    # rotate the order from run to run
    for k in $(seq 0 $(( ${#TOOLS[@]} - 1 ))); do
      t=${TOOLS[$(( (k + r) % ${#TOOLS[@]} ))]}
      p="${P}${t}-"
      settle
      s=$(now); "${t}_up" "$p" "$n" >/dev/null; e=$(now)
      [ -e "/run/netns/${p}h$n" ] || { echo "$t did not build star($n)" >&2; exit 1; }
      UP[$t]+="$(echo "$e - $s" | bc) "
      s=$(now); "${t}_down" "$p" "$n" >/dev/null; e=$(now)
      DOWN[$t]+="$(echo "$e - $s" | bc) "
    done
  done
  echo
  echo "star($n), $RUNS runs, wall seconds (min / median); ratio = tool's median / netns4j library (1 thread)"
  printf '%-12s %18s %8s %18s %8s\n' tool up ratio down ratio
  stat() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {printf "%.3f %.3f\n", a[1], a[int((NR+1)/2)]}'; }
  read -r _ ref_up < <(echo "${UP[lib1]}" | stat)
  read -r _ ref_down < <(echo "${DOWN[lib1]}" | stat)
  for t in "${TOOLS[@]}"; do
    read -r umin umed < <(echo "${UP[$t]}" | stat)
    read -r dmin dmed < <(echo "${DOWN[$t]}" | stat)
    printf '%-12s %8s / %-7s %8.2f %8s / %-7s %8.2f\n' "$t" "$umin" "$umed" "$(echo "$umed / $ref_up" | bc -l)" \
      "$dmin" "$dmed" "$(echo "$dmed / $ref_down" | bc -l)"
  done
  unset UP DOWN
done
