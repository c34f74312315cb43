#!/usr/bin/env bash
# Re-captures the golden netlink byte files (*.hex) in this directory from the running kernel
# and iproute2, by tracing `ip` with strace. See README.md. Needs root, iproute2, strace and
# python3.
#
# Safety: creates only the namespaces gold-a, gold-b and gold-c (refusing to start if any of
# them exists), creates links only inside them, assigns nsids only inside gold-a (never in
# the root namespace, whose nsid table other processes may be using), and deletes all three
# on exit, whatever happens.
set -euo pipefail
OUT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
NAMESPACES=(gold-a gold-b gold-c)
STRACE=(strace -f -xx -s 65535 -e trace=openat,sendmsg,recvmsg,sendto,recvfrom -e write=all -e read=all)

[ "$(id -u)" = 0 ] || { echo "capture.sh: must run as root" >&2; exit 1; }
for ns in "${NAMESPACES[@]}"; do
  if [ -e "/run/netns/$ns" ]; then
    echo "capture.sh: /run/netns/$ns already exists; delete it first (ip netns delete $ns)" >&2
    exit 1
  fi
done
WORK=$(mktemp -d)
cleanup() {
  for ns in "${NAMESPACES[@]}"; do
    [ -e "/run/netns/$ns" ] && ip netns delete "$ns"
  done
  rm -rf "$WORK"
  ls /run/netns 2>/dev/null | grep '^gold-' && echo "capture.sh: WARNING: gold-* namespaces left" >&2 || true
}
trap cleanup EXIT
for ns in "${NAMESPACES[@]}"; do ip netns add "$ns"; done

ENVIRONMENT="$(uname -srm), $(ip -V | sed 's/^ip utility, //'), $(strace -V | head -1)"

# trace NAME CMD...: runs CMD under strace; the log goes to $WORK/NAME.log, ip's output is kept.
trace() {
  local name=$1
  shift
  echo "$*" >"$WORK/$name.cmd"
  "${STRACE[@]}" -o "$WORK/$name.log" "$@" >"$WORK/$name.out" 2>&1 || true
}

# extract LOG FILE SELECTOR DESCRIPTION [first|last]: writes one datagram from LOG as
# FILE. SELECTOR is a python expression over the datagram d (a dict: call, fd, line, data,
# types = the nlmsg_type of each message in it, after_open = the last path ip opened); of the
# datagrams it matches, the first (default) or the last is written.
extract() {
  local log=$1 file=$2 selector=$3 description=$4 pick=${5:-first}
  python3 - "$WORK/$log.log" "$OUT/$file" "$selector" "$(cat "$WORK/$log.cmd")" "$description" "$ENVIRONMENT" "${STRACE[*]}" "$pick" <<'PY'
import re, struct, sys
log, out, selector, command, description, environment, strace, pick = sys.argv[1:9]
datagrams, current, last_open = [], None, None
call_re = re.compile(r'^(?:\d+\s+)?(\w+)\((\d+|AT_FDCWD), ?(.*)$')  # -f -o: lines start with the pid
for line in open(log, encoding='latin-1'):
    line = line.rstrip('\n')
    m = call_re.match(line)
    if m:
        if m.group(1) == 'openat':
            path = re.search(r'"((?:\\x[0-9a-f]{2})*)"', line)
            if path:
                last_open = bytes.fromhex(path.group(1).replace('\\x', '')).decode('latin-1')
            current = None
            continue
        current = {'call': m.group(1), 'fd': int(m.group(2)), 'line': re.sub(r'^\d+\s+', '', line), 'data': bytearray(),
                   'after_open': last_open}
        datagrams.append(current)
    elif current is not None and line.startswith(' | '):
        current['data'] += bytes.fromhex(line[10:59].replace(' ', ''))
datagrams = [d for d in datagrams if d['data']]
for i, d in enumerate(datagrams):
    types, pos, data = [], 0, d['data']
    while pos + 16 <= len(data):
        length, t = struct.unpack_from('<IH', data, pos)
        types.append(t)
        pos += max(16, (length + 3) & ~3)
    d['types'], d['index'] = types, i
chosen = [d for d in datagrams if eval(selector, {}, {'d': d})]
if not chosen:
    sys.exit('capture.sh: nothing in %s matches %s' % (log, selector))
d = chosen[-1] if pick == 'last' else chosen[0]
data = bytes(d['data'])
with open(out, 'w') as f:
    f.write('# %s\n' % description)
    f.write('# command:  %s\n' % command)
    f.write('# captured: %s -o LOG %s\n' % (strace, command))
    f.write('#           (core/src/test/resources/golden/capture.sh; %s datagram where: %s)\n' % (pick, selector))
    f.write('# syscall:  %s ... = %d bytes\n' % (d['line'][:100], len(data)))
    f.write('# on:       %s\n' % environment)
    f.write('# %d bytes, hex, 16 per line; seq and port id are as captured\n' % len(data))
    for i in range(0, len(data), 16):
        f.write(' '.join('%02x' % b for b in data[i:i + 16]) + '\n')
print('wrote %s (%d bytes)' % (out, len(data)))
PY
}

# 1. Before any id exists: ip asks gold-a (RTM_GETNSID + NETNSA_FD) for gold-b's id; -1 comes back.
trace list ip -n gold-a netns list
extract list nsid-get-request.hex \
  "d['call'] == 'sendmsg' and d['after_open'] == '/run/netns/gold-b' and d['types'] == [90]" \
  "RTM_GETNSID request (NETNSA_FD = an fd of /run/netns/gold-b) that ip sends to look up a name's nsid"
extract list nsid-get-reply-not-assigned.hex \
  "d['call'] == 'recvmsg' and d['after_open'] == '/run/netns/gold-b' and d['types'] == [88]" \
  "RTM_NEWNSID reply from the kernel: gold-a has no id for gold-b yet (NETNSA_NSID = -1)"

# 2. ip netns set: the RTM_NEWNSID request and the kernel's ACK.
trace set ip -n gold-a netns set gold-b 5
extract set nsid-set-request.hex "d['call'] == 'sendmsg' and d['types'] == [88]" \
  "RTM_NEWNSID request (NETNSA_FD = an fd of /run/netns/gold-b, NETNSA_NSID = 5) sent by ip"
extract set nsid-set-ack.hex "d['call'] == 'recvmsg' and d['types'] == [2]" \
  "NLMSG_ERROR with error 0 (the ACK, NLM_F_CAPPED) the kernel sends for the RTM_NEWNSID request"

# 3. Extended-ACK errors: the id is taken; the peer already has an id.
trace in-use ip -n gold-a netns set gold-c 5
extract in-use error-nsid-in-use.hex "d['call'] == 'recvmsg' and d['types'] == [2]" \
  "NLMSG_ERROR -EEXIST, extended ACK 'The specified nsid is already used' + NLMSGERR_ATTR_OFFS (gold-a already had nsid 5 for gold-b)"
ip -n gold-a netns set gold-c 6
trace peer-has ip -n gold-a netns set gold-b 7
extract peer-has error-peer-has-nsid.hex "d['call'] == 'recvmsg' and d['types'] == [2]" \
  "NLMSG_ERROR -EEXIST, extended ACK 'Peer netns already has a nsid assigned' + NLMSGERR_ATTR_OFFS (gold-a already had nsid 5 for gold-b)"

# 4. The nsid dump: gold-a has ids 5 (gold-b) and 6 (gold-c).
trace list-id ip -n gold-a netns list-id
extract list-id nsid-dump.hex "d['call'] == 'recvmsg' and d['types'][:1] == [88] and 3 in d['types']" \
  "RTM_GETNSID dump reply datagram: RTM_NEWNSID x2 (NLM_F_MULTI) + NLMSG_DONE; gold-a has nsid 5 for gold-b, 6 for gold-c"

# 5. Links: lo alone, then a veth whose peer is in gold-b.
ip -n gold-a link add v0 type veth peer name v1 netns gold-b
trace show-lo ip -n gold-a link show lo
extract show-lo link-get-request-lo.hex "d['call'] == 'sendmsg' and d['types'] == [18]" \
  "RTM_GETLINK request ip sends to fetch lo (ifi_family AF_PACKET, IFLA_IFNAME lo, IFLA_EXT_MASK RTEXT_FILTER_VF)" last
extract show-lo link-get-lo.hex "d['call'] == 'recvmsg' and d['types'] == [16]" \
  "RTM_NEWLINK reply (not a dump) for lo in gold-a: the one ip prints (reply to its RTM_GETLINK with IFLA_IFNAME lo)" last
trace dump ip -n gold-a link show
extract dump link-dump.hex "d['call'] == 'recvmsg' and d['types'] == [16, 16]" \
  "RTM_GETLINK dump reply datagram: RTM_NEWLINK (NLM_F_MULTI) for lo and veth v0 of gold-a; v0's peer v1 is in gold-b (nsid 5)"
extract dump link-dump-done.hex "d['call'] == 'recvmsg' and d['types'] == [3]" \
  "NLMSG_DONE datagram that ends the RTM_GETLINK dump"
extract dump error-newlink-probe-enodev.hex "d['call'] == 'recvmsg' and d['types'] == [2]" \
  "NLMSG_ERROR -ENODEV (no extended ACK) for the empty RTM_NEWLINK probe iproute2 sends (iplink_have_newlink)"

echo "ip output while capturing:"
for f in "$WORK"/*.out; do echo "== $(basename "$f" .out)"; cat "$f"; done
