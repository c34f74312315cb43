#!/usr/bin/env bash
# Writes a lab topology file (docs/lab-format.md) for one of the benchmark topologies of the
# shared guide ("Yardsticks for speed") on stdout:
#
#   bench/lab/topology.sh star N LAB   # node hub (kind bridge: br0), hosts h1..hN; link i joins
#                                      # hub:v<i> to h<i>:eth0 with 10.77.<i/250>.<i%250+1>/16
#   bench/lab/topology.sh line N LAB   # routers r1..rN in a chain (forwarding on); link i joins
#                                      # r<i>:eth1 to r<i+1>:eth0 with a /30 from 10.78.0.0/16;
#                                      # static routes so that r1 reaches rN and back
#
# The same addresses and routes as the ip and Go peers of bench/lab/lab.sh (line_addr below).
set -euo pipefail

# line_addr I H: host H (1 or 2) of link I's /30: link 1 is 10.78.0.0/30, link 2 10.78.0.4/30, ...
line_addr() { local b=$(( 4 * ($1 - 1) )); echo "10.78.$(( b >> 8 )).$(( (b & 255) + $2 ))"; }
line_net() { local b=$(( 4 * ($1 - 1) )); echo "10.78.$(( b >> 8 )).$(( b & 255 ))/30"; }
star_addr() { echo "10.77.$(( $1 / 250 )).$(( $1 % 250 + 1 ))/16"; }

star() {
  local n=$1 lab=$2 i
  echo "name: $lab"
  echo "defaults: {default-routes: false}"
  echo "nodes:"
  echo "  hub: {kind: bridge}"
  for ((i = 1; i <= n; i++)); do echo "  h$i: {}"; done
  echo "links:"
  for ((i = 1; i <= n; i++)); do
    echo "  - endpoints: [{endpoint: \"hub:v$i\"}, {endpoint: \"h$i:eth0\", addresses: [$(star_addr "$i")]}]"
  done
}

# Routes: r1..r(N-2) reach the last link's /30 through their right neighbour; r3..rN reach the
# first link's /30 through their left neighbour (r2 and r(N-1) are on those links already).
line() {
  local n=$1 lab=$2 k
  ((n >= 2)) || { echo "line needs N >= 2" >&2; exit 2; }
  echo "name: $lab"
  echo "defaults: {default-routes: false}"
  echo "nodes:"
  for ((k = 1; k <= n; k++)); do
    echo "  r$k:"
    echo "    kind: router"
    if ((k <= n - 2 || k >= 3)); then
      echo "    routes:"
      if ((k <= n - 2)); then echo "      - $(line_net $((n - 1))) via $(line_addr "$k" 2)"; fi
      if ((k >= 3)); then echo "      - $(line_net 1) via $(line_addr $((k - 1)) 1)"; fi
    fi
  done
  echo "links:"
  for ((k = 1; k < n; k++)); do
    echo "  - endpoints: [{endpoint: \"r$k:eth1\", addresses: [$(line_addr "$k" 1)/30]}, {endpoint: \"r$((k + 1)):eth0\", addresses: [$(line_addr "$k" 2)/30]}]"
  done
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  [ $# -eq 3 ] && [[ $1 =~ ^(star|line)$ ]] && [[ $2 =~ ^[0-9]+$ ]] || {
    echo "usage: $0 star|line N LAB" >&2
    exit 2
  }
  "$1" "$2" "$3"
fi
