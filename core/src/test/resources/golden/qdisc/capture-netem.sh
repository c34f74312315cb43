#!/usr/bin/env bash
# Re-captures the RTM_NEWQDISC requests tc sends for netem (and for a tbf with a handle that
# holds a netem child), as hex files next to this script, in capture.sh's format. The kernel
# may lack netem (sch_netem): tc sends the request before the kernel answers "Specified qdisc
# kind is unknown", so the captured bytes are tc's either way. Needs root, iproute2, strace,
# python3. Touches only the namespace gold-netem, deleted on exit.
set -euo pipefail
OUT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
NS=gold-netem
[ -e /run/netns/$NS ] && { echo "$NS exists; refusing to run" >&2; exit 1; }
trap 'ip netns delete $NS 2>/dev/null || true' EXIT
ip netns add $NS
ip -n $NS link add v0 type veth peer name v1   # v0 is ifindex 3 in a fresh namespace (lo 1, v1 2)

# capture FILE TC-ARGS...: the last RTM_NEWQDISC that "tc -n gold-netem qdisc TC-ARGS" sends.
capture() {
  local file=$1; shift
  { strace -f -xx -s 65535 -e trace=sendmsg -X raw tc -n $NS qdisc "$@" 2>&1 >/dev/null || true; } \
    | python3 "$OUT/strace-to-hex.py" "tc qdisc $*" capture-netem.sh > "$OUT/$file"
}
capture netem-delay.hex replace dev v0 root netem delay 50ms
capture netem-delay-jitter-loss.hex replace dev v0 root netem delay 50ms 10ms loss 1%
capture netem-loss-limit.hex replace dev v0 root netem loss 30% limit 2000
capture netem-all.hex replace dev v0 root netem delay 50ms 10ms loss 1% duplicate 0.1% reorder 5% rate 10mbit limit 1000
capture netem-reorder-gap.hex add dev v0 root netem delay 10ms reorder 25% gap 5
capture netem-rate64.hex replace dev v0 root netem delay 1ms rate 40gbit
capture tbf-handle.hex replace dev v0 root handle 1: tbf rate 10mbit burst 32kbit latency 50ms
tc -n $NS qdisc replace dev v0 root handle 1: tbf rate 10mbit burst 32kbit latency 50ms
capture netem-child.hex replace dev v0 parent 1:1 handle 10: netem delay 20ms 5ms loss 2%
echo "captured into $OUT"
