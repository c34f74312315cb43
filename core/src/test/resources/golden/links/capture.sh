#!/usr/bin/env bash
# Re-captures the RTM_NEWLINK/RTM_DELLINK requests iproute2 sends for each link kind, as
# hex files next to this script (one request each, a '#' header naming the command).
# The kernel need not have the kind: the request is captured even when it is refused.
# Needs root, iproute2, strace, python3. Touches only the namespaces gold-links-a and
# gold-links-b, deleted on exit.
set -euo pipefail
OUT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
A=gold-links-a
B=gold-links-b
for n in $A $B; do
  if [ -e /run/netns/$n ]; then echo "$n exists; refusing to run" >&2; exit 1; fi
done
trap 'ip netns delete $A 2>/dev/null || true; ip netns delete $B 2>/dev/null || true' EXIT
ip netns add $A
ip netns add $B

# capture FILE IP-ARGS...: strace the command, keep the last RTM_NEWLINK/RTM_DELLINK request.
capture() {
  local file=$1; shift
  { strace -f -xx -s 65535 -e trace=sendmsg -X raw ip "$@" 2>&1 >/dev/null || true; } \
    | python3 -c '
import re, sys
last = None
for line in sys.stdin:
    m = re.search(r"nlmsg_len=(\d+), nlmsg_type=(0x[0-9a-f]+), nlmsg_flags=(0x[0-9a-f]+), nlmsg_seq=(\d+), nlmsg_pid=(\d+)\}, \"((?:\\x[0-9a-f]{2})*)\"", line)
    if m and int(m.group(2), 16) in (0x10, 0x11):
        last = m
if last is None:
    sys.exit("no RTM_NEWLINK/RTM_DELLINK request seen")
import struct
body = bytes(int(h, 16) for h in re.findall(r"\\x([0-9a-f]{2})", last.group(6)))
head = struct.pack("<IHHII", int(last.group(1)), int(last.group(2), 16), int(last.group(3), 16), 0, 0)
data = head + body
print("# " + " ".join(sys.argv[1:]))
print("# captured by capture.sh (strace -X raw of ip); seq and pid zeroed")
for i in range(0, len(data), 16):
    print(" ".join("%02x" % b for b in data[i:i+16]))
' "ip $*" > "$OUT/$file"
}

# The namespace fd ip passes (IFLA_NET_NS_FD) is whatever number ip got: the test reads it
# back from the golden bytes.
capture veth-full.hex -n $A link add v0 up mtu 1400 address 02:00:00:00:00:01 txqueuelen 500 master lo alias hello netns $B type veth peer name v1
capture veth-peer-netns.hex -n $A link add v0 type veth peer name eth0 netns $B
capture bridge.hex -n $A link add br0 type bridge forward_delay 400 hello_time 100 max_age 1000 ageing_time 200 stp_state 1 priority 100 vlan_filtering 1
capture macvlan.hex -n $A link add mv0 link lo type macvlan mode bridge
capture vxlan.hex -n $A link add vx0 type vxlan id 42 remote 10.1.1.1 local 10.1.1.2 dev lo ttl 64 nolearning dstport 4789
capture dummy.hex -n $A link add d0 type dummy
capture vlan.hex -n $A link add vl0 link lo type vlan protocol 802.1ad id 10
capture ipvlan.hex -n $A link add ipv0 link lo type ipvlan mode l3 private
capture vrf.hex -n $A link add vrf0 type vrf table 10
capture geneve.hex -n $A link add gn0 type geneve id 5 remote 10.1.1.1 ttl 64 dstport 6081
capture bridge-more.hex -n $A link add br1 type bridge mcast_snooping 0 nf_call_iptables 1 vlan_default_pvid 5 mcast_query_interval 200
capture veth-peer-options.hex -n $A link add v0 type veth peer name v1 mtu 1400 address 02:00:00:00:00:02 txqueuelen 50
capture set-type-bridge.hex -n $A link set dev lo type bridge stp_state 1 mcast_snooping 0
capture set-bridge-slave.hex -n $A link set dev lo type bridge_slave cost 10 learning off state 3
capture set-flags-group.hex -n $A link set dev lo arp off multicast on allmulticast on dynamic off group 5
capture set-addrgenmode.hex -n $A link set dev lo mtu 1400 addrgenmode none
capture set-up-mtu-promisc.hex -n $A link set dev lo up mtu 1400 promisc on
capture ipip.hex -n $A link add ipip0 type ipip local 10.1.1.2 remote 10.1.1.1 ttl 64 tos 0x10 dev lo
capture ipip-default.hex -n $A link add ipip1 type ipip
capture sit.hex -n $A link add sit0 type sit mode ip6ip local 10.1.1.2 remote 10.1.1.1 ttl 64 fwmark 7
capture ip6tnl.hex -n $A link add ip6t0 type ip6tnl mode ip6ip6 local 2001:db8::2 remote 2001:db8::1 hoplimit 32 encaplimit 2 tclass 0x10 flowlabel 0x12345 dev lo
capture ip6tnl-default.hex -n $A link add ip6t1 type ip6tnl
capture gre.hex -n $A link add gre0 type gre local 10.1.1.2 remote 10.1.1.1 ttl 64 tos 0x10 key 42 dev lo
capture gre-flags.hex -n $A link add gre1 type gre remote 10.1.1.1 ikey 1 okey 1.2.3.4 csum seq nopmtudisc
capture gretap.hex -n $A link add gt0 type gretap local 10.1.1.2 remote 10.1.1.1 key 7
capture ip6gre.hex -n $A link add g6 type ip6gre local 2001:db8::2 remote 2001:db8::1 hoplimit 32 encaplimit none key 5 dev lo
capture ip6gretap.hex -n $A link add g6t type ip6gretap remote 2001:db8::1 tclass 0x10 flowlabel 0x1
capture vti.hex -n $A link add vti0 type vti local 10.1.1.2 remote 10.1.1.1 key 5 dev lo
capture vti-keys.hex -n $A link add vti1 type vti remote 10.1.1.1 ikey 1 okey 2 fwmark 0x10
capture vti6.hex -n $A link add vti6a type vti6 local 2001:db8::2 remote 2001:db8::1 key 5 dev lo
capture wireguard.hex -n $A link add wg0 type wireguard
capture bareudp.hex -n $A link add bu0 type bareudp dstport 6635 ethertype mpls_uc srcportmin 1000 multiproto
capture bareudp-ipv4.hex -n $A link add bu1 type bareudp dstport 6636 ethertype ipv4
capture xfrm.hex -n $A link add xf0 type xfrm dev lo if_id 0x10
capture xfrm-external.hex -n $A link add xf1 type xfrm external
capture macsec.hex -n $A link add link lo ms0 type macsec port 11 encrypt on send_sci on cipher gcm-aes-256 icvlen 16 replay on window 32 validate strict encodingsa 2 protect on
capture macsec-sci.hex -n $A link add link lo ms1 type macsec sci 0x0102030405060708 end_station off scb off offload off validate check
capture macsec-address.hex -n $A link add link lo ms2 type macsec address 02:00:00:00:00:01 port 7 cipher default icvlen 8
ip -n $A link add br9 type bridge
capture delete.hex -n $A link del br9
echo "captured into $OUT"
