#!/usr/bin/env bash
# Re-captures the requests tc 6.1 sends to steal a device's egress for the userspace impairment
# engine, and the kernel's filter dump, as hex files next to this script (the format of
# ../README.md: '#' comments, then hex). Needs root, iproute2, strace, python3. Touches only the
# namespace gold-filter (refuses to start if it exists), deleted on exit.
#   tc qdisc add dev v0 clsact
#   tc filter add dev v0 egress protocol all u32 match u32 0 0 action mirred egress redirect dev imp-v0
#   tc filter show dev v0 egress            (request and the reply datagram of three RTM_NEWTFILTER)
#   tc qdisc del dev v0 clsact
# In a fresh namespace v1 is ifindex 2, v0 3 and the tap imp-v0 4.
set -euo pipefail
OUT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
NS=gold-filter
[ "$(id -u)" = 0 ] || { echo "capture.sh: must run as root" >&2; exit 1; }
[ -e /run/netns/$NS ] && { echo "$NS exists; refusing to run" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'ip netns delete $NS 2>/dev/null || true; rm -rf "$WORK"' EXIT
ip netns add $NS
ip -n $NS link add v0 type veth peer name v1
ip -n $NS tuntap add dev imp-v0 mode tap
ON="$(uname -srm), $(tc -V | sed 's/^tc utility, //'), $(strace -V | head -1)"

# capture FILE CALL TYPES DESCRIPTION TC-ARGS...: the last datagram passed to CALL (sendmsg or
# recvmsg) whose messages have exactly the nlmsg_types TYPES (python list), seq and port id zeroed.
capture() {
  local file=$1 call=$2 types=$3 description=$4; shift 4
  strace -f -xx -s 65535 -e trace=sendmsg,recvmsg -e write=all -e read=all -o "$WORK/log" \
    tc -n $NS "$@" >/dev/null 2>&1 || true
  python3 - "$WORK/log" "$call" "$types" "$description" "tc $*" "$ON" > "$OUT/$file" <<'PY'
import re, struct, sys
log, call, types, description, command, on = sys.argv[1:7]
datagrams, current = [], None
for line in open(log, encoding='latin-1'):
    m = re.match(r'^(?:\d+\s+)?(\w+)\(\d+,', line)
    if m:
        current = {'call': m.group(1), 'data': bytearray()}
        datagrams.append(current)
    elif current is not None and line.startswith(' | '):
        current['data'] += bytes.fromhex(line[10:59].replace(' ', ''))
def kinds(data):
    out, pos = [], 0
    while pos + 16 <= len(data):
        length, t = struct.unpack_from('<IH', data, pos)
        out.append(t)
        pos += max(16, (length + 3) & ~3)
    return out
chosen = [d for d in datagrams if d['call'] == call and kinds(d['data']) == eval(types)]
if not chosen:
    sys.exit('capture.sh: no %s datagram of types %s' % (call, types))
data, pos = bytearray(chosen[-1]['data']), 0
while pos + 16 <= len(data):
    length = struct.unpack_from('<I', data, pos)[0]
    data[pos + 8:pos + 16] = bytes(8)
    pos += max(16, (length + 3) & ~3)
print('# ' + description)
print('# command: ' + command + '   (in namespace gold-filter; v0 = ifindex 3, tap imp-v0 = 4)')
print('# captured: strace -f -xx -s 65535 -e trace=sendmsg,recvmsg -e write=all -e read=all, by capture.sh; seq and port id zeroed')
print('# on: ' + on)
for i in range(0, len(data), 16):
    print(' '.join('%02x' % b for b in data[i:i + 16]))
PY
}
capture clsact-add.hex sendmsg "[36]" "RTM_NEWQDISC clsact (handle ffff:0, parent ffff:fff1)" qdisc add dev v0 clsact
capture u32-mirred-add.hex sendmsg "[44]" "RTM_NEWTFILTER u32 match-all with a mirred egress redirect" \
  filter add dev v0 egress protocol all u32 match u32 0 0 action mirred egress redirect dev imp-v0
capture filter-dump-request.hex sendmsg "[46]" "RTM_GETTFILTER dump request at parent ffff:fff3 (egress)" \
  filter show dev v0 egress
capture filter-dump-reply.hex recvmsg "[44, 44, 44]" "the kernel's dump reply: three RTM_NEWTFILTER (u32 head, hash table, the rule)" \
  filter show dev v0 egress
capture clsact-delete.hex sendmsg "[37]" "RTM_DELQDISC clsact" qdisc del dev v0 clsact
echo "captured into $OUT"
