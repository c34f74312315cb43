#!/usr/bin/env bash
# Re-captures the RTM_NEWQDISC requests `tc qdisc replace dev v0 root tbf ...` sends, as hex
# files next to this script (a '#' header names the command and the psched clock they
# were made with). Needs root, iproute2, strace, python3. Touches only the namespace
# gold-qdisc, deleted on exit.
set -euo pipefail
OUT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
NS=gold-qdisc
[ -e /run/netns/$NS ] && { echo "$NS exists; refusing to run" >&2; exit 1; }
trap 'ip netns delete $NS 2>/dev/null || true' EXIT
ip netns add $NS
ip -n $NS link add v0 type veth peer name v1   # v0 is ifindex 3 in a fresh namespace (lo 1, v1 2)

capture() {
  local file=$1; shift
  { strace -f -xx -s 65535 -e trace=sendmsg -X raw tc -n $NS qdisc replace dev v0 root tbf "$@" 2>&1 >/dev/null || true; } \
    | python3 "$OUT/strace-to-hex.py" "tc qdisc replace dev v0 root tbf $*" capture.sh > "$OUT/$file"
}
capture tbf-latency.hex rate 1mbit burst 32kbit latency 400ms
capture tbf-limit.hex rate 10mbit burst 10kb limit 30000
capture tbf-rate64.hex rate 40gbit burst 1mb latency 1ms
echo "captured into $OUT"
