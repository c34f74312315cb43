# Shared by bench/lab/lab.sh and bench/lab/profile.sh (sourced; ROOT is set): the names this
# run may touch, clean-up on any exit, timing, waiting for the kernel's teardown, statistics
# and the Go peers.
# shellcheck shell=bash
# shellcheck source=../../scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
require_jdk25
[ "$(id -u)" -eq 0 ] || { echo "$0: run as root (it creates namespaces)" >&2; exit 1; }

PREFIX="bench-$$-"   # the ip and Go peers' namespaces, and the canary
LABS="bl$$"          # lab names: bl<pid>s<N> (star), bl<pid>l<N> (line)
WORK=$(mktemp -d /tmp/bench-lab.XXXXXX)

cleanup() {
  local f
  for f in /run/netns/"$PREFIX"* /run/netns/"$LABS"[sl][0-9]*; do
    [ -e "$f" ] && { ip netns delete "${f##*/}" || echo "cleanup: could not delete ${f##*/}" >&2; }
  done
  rm -f /run/netns4j/labs/"$LABS"[sl][0-9]*.lock
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- measuring (as bench/netns-add-delete.sh) ----

# Runs a command, output discarded; sets WALL_US and SYS_MS (system CPU time of the shell's
# children). Aborts the benchmark when the command fails.
measure() {
  local t0 t1 TIMEFORMAT='%3S'
  t0=$EPOCHREALTIME
  if ! { time "$@" >/dev/null 2>>"$WORK/log"; } 2>"$WORK/time"; then
    echo "FAILED: $*" >&2
    tail -5 "$WORK/log" >&2
    exit 1
  fi
  t1=$EPOCHREALTIME
  if grep -q 'netns4j: building' "$WORK/log"; then
    echo "FAILED: the launcher rebuilt netns4j during a measurement (sources changed); run again" >&2
    exit 1
  fi
  WALL_US=$(( ${t1/./} - ${t0/./} ))
  SYS_MS=$(awk '{printf "%d", $1 * 1000}' "$WORK/time")
}

# The kernel tears deleted namespaces down in the background, in the order they were
# deleted. So that no tool pays for another's teardown, wait for it after each down: a
# canary namespace B, deleted last, has a veth into A; when A's end is gone, the kernel has
# got through B and everything queued before it. Sets TEARDOWN_US.
CANARY_A=${PREFIX}canary-a CANARY_B=${PREFIX}canary-b
canary_arm() {
  ip netns add "$CANARY_B"
  ip -n "$CANARY_A" link add canary type veth peer name canary netns "$CANARY_B"
}
canary_start() { ip netns add "$CANARY_A"; canary_arm; }
canary_stop() { ip netns delete "$CANARY_B"; ip netns delete "$CANARY_A"; }
settle() {
  local t0=$EPOCHREALTIME i
  ip netns delete "$CANARY_B"
  for ((i = 0; i < 30000; i++)); do
    ip -n "$CANARY_A" link show canary >/dev/null 2>&1 || break
    sleep 0.01
  done
  TEARDOWN_US=$(( ${EPOCHREALTIME/./} - ${t0/./} ))
  ((i < 30000)) || echo "note: kernel teardown still running after 300 s" >&2
  canary_arm
}

# Reads numbers on stdin; prints "min median".
stats() { sort -n | awk '{a[NR] = $1} END {m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; print a[1], m}'; }

# ---- the Go peers, built from Debian's packages: $WORK/star-go (bench/star/star.go) and
# $WORK/lab-go (bench/lab/lab.go) ----

build_go_peers() {
  if ! command -v go >/dev/null || [ ! -d /usr/share/gocode/src/github.com/vishvananda/netlink ] \
    || [ ! -d /usr/share/gocode/src/github.com/vishvananda/netns ]; then
    echo "installing the Go peers' Debian packages" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends golang-go \
      golang-github-vishvananda-netlink-dev golang-github-vishvananda-netns-dev >/dev/null
  fi
  mkdir "$WORK/go-star" "$WORK/go-lab"
  cp "$ROOT/bench/star/star.go" "$WORK/go-star/"
  cp "$ROOT/bench/lab/lab.go" "$WORK/go-lab/"
  (cd "$WORK/go-star" && GOPATH=/usr/share/gocode GO111MODULE=off go build -o "$WORK/star-go" star.go)
  (cd "$WORK/go-lab" && GOPATH=/usr/share/gocode GO111MODULE=off go build -o "$WORK/lab-go" lab.go)
}

