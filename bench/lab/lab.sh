#!/usr/bin/env bash
# `netns4j lab up FILE` and `netns4j lab down NAME` as whole processes, against the same
# topology built and torn down by an iproute2 script (one ip process per command, and
# ip -batch) and by Go with vishvananda/netlink, measured in one run (shared guide,
# "Yardsticks for speed"; bench/README.md, "lab up / lab down"). Run as root:
#
#   bench/lab/lab.sh                           # star:100 line:100, 3 runs
#   RUNS=1 bench/lab/lab.sh star:1000
#   VALIDATE=1 RUNS=1 bench/lab/lab.sh star:10 line:5   # also compares what the tools built
#
# Topologies: star:N (hub with br0, hosts h1..hN) and line:N (routers r1..rN), as
# bench/lab/topology.sh writes them for the lab. Touches only namespaces named
# bench-<pid>-* (peers, canary) and bl<pid>{s,l}<N>-* (labs), and the labs' lock files
# /run/netns4j/labs/bl<pid>*.lock; all are removed when it ends, however it ends.
set -euo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=topology.sh
. "$ROOT/bench/lab/topology.sh"

read -r -a TOPOLOGIES <<<"${*:-star:100 line:100}"
RUNS=${RUNS:-3}
VALIDATE=${VALIDATE:-0}
for t in "${TOPOLOGIES[@]}"; do
  [[ $t =~ ^(star:[1-9][0-9]*|line:([2-9]|[1-9][0-9]+))$ ]] || {
    echo "$0: \"$t\" is not a topology: use star:N (N >= 1) or line:N (N >= 2)" >&2
    exit 2
  }
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "$0: RUNS must be a positive number, not \"$RUNS\"" >&2; exit 2; }

# shellcheck source=common.sh
. "$ROOT/bench/lab/common.sh"
build_go_peers

# ---- the tools: <tool>_up KIND N NAME, <tool>_down KIND N NAME ----
# NAME: the lab's name for netns4j, the namespace prefix for the others.

nodes() { # KIND N: the node names
  local i
  if [ "$1" = star ]; then echo hub; for ((i = 1; i <= $2; i++)); do echo "h$i"; done
  else for ((i = 1; i <= $2; i++)); do echo "r$i"; done; fi
}

netns4j_up() { "$ROOT/netns4j" lab up "$WORK/$3.yaml"; }
netns4j_down() { "$ROOT/netns4j" lab down "$3"; }

go_up() { if [ "$1" = star ]; then "$WORK/star-go" up "$3" "$2"; else "$WORK/lab-go" line "$3" "$2"; fi; }
go_down() { "$WORK/lab-go" down "$3"; }

FORWARDING="sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1"

ip_each_up() {
  local n=$2 p=$3 i k
  if [ "$1" = star ]; then
    ip netns add "${p}hub"
    ip -n "${p}hub" link set lo up
    ip -n "${p}hub" link add br0 up type bridge
    for ((i = 1; i <= n; i++)); do
      ip netns add "${p}h$i"
      ip -n "${p}hub" link add "v$i" up master br0 type veth peer name eth0 netns "${p}h$i"
      ip -n "${p}h$i" addr add "$(star_addr "$i")" dev eth0
      ip -n "${p}h$i" link set eth0 up
      ip -n "${p}h$i" link set lo up
    done
  else
    for ((k = 1; k <= n; k++)); do
      ip netns add "${p}r$k"
      ip -n "${p}r$k" link set lo up
      # shellcheck disable=SC2086 # plain words
      ip netns exec "${p}r$k" $FORWARDING
    done
    for ((i = 1; i < n; i++)); do
      ip -n "${p}r$i" link add eth1 up type veth peer name eth0 netns "${p}r$((i + 1))"
      ip -n "${p}r$i" addr add "$(line_addr "$i" 1)/30" dev eth1
      ip -n "${p}r$((i + 1))" link set eth0 up
      ip -n "${p}r$((i + 1))" addr add "$(line_addr "$i" 2)/30" dev eth0
    done
    for ((k = 1; k <= n; k++)); do
      if ((k <= n - 2)); then ip -n "${p}r$k" route add "$(line_net $((n - 1)))" via "$(line_addr "$k" 2)"; fi
      if ((k >= 3)); then ip -n "${p}r$k" route add "$(line_net 1)" via "$(line_addr $((k - 1)) 1)"; fi
    done
  fi
}
ip_each_down() { local node; for node in $(nodes "$1" "$2"); do ip netns delete "$3$node"; done; }

# ip -batch where it can express the work: lines cannot carry -n, so one batch for the
# namespaces and one per namespace for what is inside (N+2 processes for star, N+1 for line,
# plus the sysctl processes that "netns exec" starts).
ip_batch_up() {
  local n=$2 p=$3 i k
  if [ "$1" = star ]; then
    { echo "netns add ${p}hub"; for ((i = 1; i <= n; i++)); do echo "netns add ${p}h$i"; done; } >"$WORK/ns.batch"
    ip -batch "$WORK/ns.batch"
    { echo "link set lo up"; echo "link add br0 up type bridge"
      for ((i = 1; i <= n; i++)); do echo "link add v$i up master br0 type veth peer name eth0 netns ${p}h$i"; done
    } >"$WORK/hub.batch"
    ip -n "${p}hub" -batch "$WORK/hub.batch"
    for ((i = 1; i <= n; i++)); do
      printf 'addr add %s dev eth0\nlink set eth0 up\nlink set lo up\n' "$(star_addr "$i")" | ip -n "${p}h$i" -batch -
    done
  else
    for ((k = 1; k <= n; k++)); do echo "netns add ${p}r$k"; echo "netns exec ${p}r$k $FORWARDING"; done >"$WORK/ns.batch"
    ip -batch "$WORK/ns.batch"
    for ((k = 1; k <= n; k++)); do
      {
        echo "link set lo up"
        if ((k > 1)); then echo "link set eth0 up"; echo "addr add $(line_addr $((k - 1)) 2)/30 dev eth0"; fi
        if ((k < n)); then
          echo "link add eth1 up type veth peer name eth0 netns ${p}r$((k + 1))"
          echo "addr add $(line_addr "$k" 1)/30 dev eth1"
        fi
        if ((k <= n - 2)); then echo "route add $(line_net $((n - 1))) via $(line_addr "$k" 2)"; fi
        if ((k >= 3)); then echo "route add $(line_net 1) via $(line_addr $((k - 1)) 1)"; fi
      } | ip -n "${p}r$k" -batch -
    done
  fi
}
ip_batch_down() { local node; for node in $(nodes "$1" "$2"); do echo "netns delete $3$node"; done >"$WORK/del.batch"
  ip -batch "$WORK/del.batch"; }

# ---- checking what a tool built (VALIDATE=1) ----

# What is in each namespace, without what differs by nature (indexes, MACs, link-local
# addresses, the lab's lo alias, carrier and operational state, which the kernel settles a
# moment later): links with their flags, MTU and master; IPv4 addresses; IPv4 routes;
# forwarding sysctls.
fingerprint() { # KIND N NAMESPACE-PREFIX
  local node ns
  for node in $(nodes "$1" "$2"); do
    ns=$3$node
    echo "== $node"
    ip -n "$ns" -o link show | awk '{
      name = $2; sub(/:$/, "", name); sub(/@.*/, "", name); flags = $3
      gsub(/NO-CARRIER,|,LOWER_UP/, "", flags); out = name " " flags
      for (i = 4; i < NF; i++) if ($i == "mtu" || $i == "master") out = out " " $i " " $(i + 1)
      print out }' | sort
    ip -n "$ns" -4 -o addr show | awk '{print $2, $4}' | sort
    ip -n "$ns" -4 route show | sort
    ip netns exec "$ns" sysctl -n net.ipv4.ip_forward net.ipv6.conf.all.forwarding | paste -sd' '
  done
}
namespace_prefix() { [ "$1" = netns4j ] && echo "$2-" || echo "$2"; }

# A TCP connection from the first node to the last through what the tool built.
reach() { # KIND N NAMESPACE-PREFIX
  local from to addr
  if [ "$1" = star ]; then from=${3}h1 to=${3}h$2 addr=$(star_addr "$2"); addr=${addr%/*}
  else from=${3}r1 to=${3}r$2 addr=$(line_addr $(( $2 - 1 )) 2); fi
  ip netns exec "$to" python3 -c 'import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], 7777)); s.listen(); s.settimeout(10); c, _ = s.accept(); c.sendall(b"ok"); c.close()' "$addr" &
  local server=$! i out=""
  for ((i = 0; i < 50; i++)); do
    out=$(ip netns exec "$from" python3 -c 'import socket,sys
try:
    s = socket.create_connection((sys.argv[1], 7777), 2); print(s.recv(2).decode())
except OSError: pass' "$addr")
    [ "$out" = ok ] && break
    sleep 0.1
  done
  wait "$server" || true
  [ "$out" = ok ]
}

# ---- the run ----

echo "netns4j: building if needed..." >&2
"$ROOT/netns4j" -V >/dev/null
TOOLS=(netns4j ip_batch ip_each go)
canary_start
: >"$WORK/results"
: >"$WORK/teardown"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

for topo in "${TOPOLOGIES[@]}"; do
  kind=${topo%%:*} n=${topo##*:}
  lab="$LABS${kind:0:1}$n"
  "$kind" "$n" "$lab" >"$WORK/$lab.yaml"
  "$ROOT/netns4j" lab check "$WORK/$lab.yaml" >/dev/null # warm-up: jar and YAML parser in the page cache
  settle
  for ((r = 0; r < RUNS; r++)); do
    for ((k = 0; k < ${#TOOLS[@]}; k++)); do
      tool=${TOOLS[(k + r) % ${#TOOLS[@]}]} # rotate the order from run to run
      [ "$tool" = netns4j ] && name=$lab || name="${PREFIX}${tool//_/}-"
      nsp=$(namespace_prefix "$tool" "$name")
      measure "${tool}_up" "$kind" "$n" "$name"
      up_us=$WALL_US up_sys=$SYS_MS
      last=$(nodes "$kind" "$n" | tail -1)
      [ -e "/run/netns/$nsp$last" ] || { echo "FAILED: $tool did not build $topo" >&2; exit 1; }
      if [ "$VALIDATE" = 1 ]; then
        fingerprint "$kind" "$n" "$nsp" >"$WORK/fp-$kind$n-$tool"
        reach "$kind" "$n" "$nsp" || { echo "FAILED: $topo by $tool: no TCP from the first node to the last" >&2; exit 1; }
      fi
      measure "${tool}_down" "$kind" "$n" "$name"
      down_us=$WALL_US
      if compgen -G "/run/netns/$nsp*" >/dev/null; then echo "FAILED: $tool left namespaces behind" >&2; exit 1; fi
      settle
      echo "$TEARDOWN_US" >>"$WORK/teardown"
      echo "$topo $tool $up_us $down_us $((down_us + TEARDOWN_US)) $up_sys" >>"$WORK/results"
      printf '%s run %d/%d %-8s up %6.3f s  down %6.3f s  kernel teardown after it %6.3f s\n' "$topo" $((r + 1)) \
        "$RUNS" "$tool" "$(awk -v u="$up_us" 'BEGIN {print u / 1e6}')" "$(awk -v u="$down_us" 'BEGIN {print u / 1e6}')" \
        "$(awk -v u="$TEARDOWN_US" 'BEGIN {print u / 1e6}')" >&2
    done
  done
  if [ "$VALIDATE" = 1 ]; then
    for tool in ip_batch ip_each go; do
      if ! diff -u "$WORK/fp-$kind$n-netns4j" "$WORK/fp-$kind$n-$tool" >"$WORK/diff" ; then
        echo "FAILED: $topo built by $tool differs from netns4j's:" >&2
        head -40 "$WORK/diff" >&2
        exit 1
      fi
    done
    echo "$topo: all four tools built the same links, addresses, routes and sysctls; TCP from the first node to the last works" >&2
  fi
done
canary_stop
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report ----

sec() { awk -v u="$1" 'BEGIN {printf "%.3f", u / 1e6}'; }
col() { awk -v t="$1" -v o="$2" -v c="$3" '$1 == t && $2 == o {print $c}' "$WORK/results"; }
label() {
  case $1 in
    netns4j) echo "netns4j lab up/down" ;;
    ip_batch) echo "ip -batch" ;;
    ip_each) echo "ip, 1 process a command" ;;
    go) echo "Go vishvananda/netlink" ;;
  esac
}
echo
echo "lab up / lab down: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r)"
echo "$(date -u +%Y-%m-%dT%H:%MZ), netns4j $(git -C "$ROOT" rev-parse --short HEAD), $(ip -V), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(go version | cut -d' ' -f3)"
echo "$RUNS runs per topology, tool order rotated; load average (1/5/15 min) at start $LOAD_START, at end $LOAD_END"
echo "Wall seconds, min / median. down = until the command returns; +kernel = until the kernel has freed it all (canary)."
echo "Ratios: median / netns4j's median. sys: system CPU seconds of the fastest up."
printf '%-11s %-27s %19s %6s %19s %6s %19s %6s %7s\n' topology tool "up" ratio "down" ratio "down+kernel" ratio "sys up"
for topo in "${TOPOLOGIES[@]}"; do
  read -r _ ref_up < <(col "$topo" netns4j 3 | stats)
  read -r _ ref_down < <(col "$topo" netns4j 4 | stats)
  read -r _ ref_all < <(col "$topo" netns4j 5 | stats)
  for tool in "${TOOLS[@]}"; do
    read -r umin umed < <(col "$topo" "$tool" 3 | stats)
    read -r dmin dmed < <(col "$topo" "$tool" 4 | stats)
    read -r amin amed < <(col "$topo" "$tool" 5 | stats)
    sys=$(awk -v t="$topo" -v o="$tool" '$1 == t && $2 == o {print $3, $6}' "$WORK/results" | sort -n | head -1 | cut -d' ' -f2)
    printf '%-11s %-27s %8s / %-8s %6.2f %8s / %-8s %6.2f %8s / %-8s %6.2f %7.3f\n' "${topo%%:*}(${topo##*:})" "$(label "$tool")" \
      "$(sec "$umin")" "$(sec "$umed")" "$(awk -v a="$umed" -v b="$ref_up" 'BEGIN {print a / b}')" \
      "$(sec "$dmin")" "$(sec "$dmed")" "$(awk -v a="$dmed" -v b="$ref_down" 'BEGIN {print a / b}')" \
      "$(sec "$amin")" "$(sec "$amed")" "$(awk -v a="$amed" -v b="$ref_all" 'BEGIN {print a / b}')" \
      "$(awk -v s="$sys" 'BEGIN {print s / 1000}')"
  done
done
read -r kmin kmed < <(stats <"$WORK/teardown")
echo "Kernel teardown after a down, until the canary is gone: $(sec "$kmin") / $(sec "$kmed") s (min / median, all tools)"
