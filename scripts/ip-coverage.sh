#!/usr/bin/env bash
# The sweep behind docs/ip-coverage.md: runs each form of FORMS with iproute2 in one namespace
# and with netns4j in its twin (same links, addresses and MACs, made the same way), and
# prints one line per form: SAME (identical output and exit status), DIFF (both ran, output
# differs), REFUSED (netns4j says it does not support it: exit 2 and "not supported"), or
# FAILED (netns4j failed where ip did not). Needs root, iproute2 and a built netns4j
# (NETNS4J, default: the launcher ./netns4j). Touches only the two namespaces it makes
# (unique names, deleted on exit).
set -uo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
N4=${NETNS4J:-$ROOT/netns4j}
IPNS=n4cov-ip-$$
N4NS=n4cov-n4-$$
trap 'ip netns delete $IPNS 2>/dev/null; ip netns delete $N4NS 2>/dev/null' EXIT
setup() { # $1: namespace; the same state in both, MACs fixed so link-local addresses agree
  local n=$1
  ip netns add "$n"
  ip netns exec "$n" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
  ip -n "$n" link set lo up
  ip -n "$n" link add br0 address 02:00:00:00:01:00 type bridge stp_state 0
  ip -n "$n" link add v0 address 02:00:00:00:00:10 type veth peer name v0p address 02:00:00:00:00:11
  ip -n "$n" link add v1 address 02:00:00:00:00:20 mtu 1400 type veth peer name v1p address 02:00:00:00:00:21
  ip -n "$n" link set v0 master br0
  for d in br0 v0 v0p v1; do ip -n "$n" link set "$d" up; done
  ip -n "$n" addr add 10.0.0.1/24 dev br0
  ip -n "$n" addr add 2001:db8::1/64 dev br0
  ip -n "$n" addr add 10.1.0.1/24 dev v1
  ip -n "$n" route add 10.9.0.0/16 via 10.0.0.254
  ip -n "$n" route add default via 10.0.0.254
  ip -n "$n" rule add from 10.0.0.0/24 lookup 100 pref 1000
  ip -n "$n" neigh add 10.0.0.9 lladdr 02:00:00:00:00:99 dev br0 nud permanent
}
setup "$IPNS"
setup "$N4NS"
sleep 2 # both bridges forwarding, carriers settled
run_form() {
  local form=$1 ip_out n4_out ip_rc n4_rc
  ip_out=$({ eval "ip -n $IPNS $form"; echo "#rc=$?"; } 2>&1 </dev/null | tr -d '\000')
  n4_out=$({ eval "$N4 -n $N4NS $form"; echo "#rc=$?"; } 2>&1 </dev/null | tr -d '\000')
  ip_rc=${ip_out##*#rc=}; n4_rc=${n4_out##*#rc=}
  ip_out=${ip_out//$IPNS/NS}; n4_out=${n4_out//$N4NS/NS}
  if [ "$n4_rc" = 2 ] && grep -q "not supported" <<<"$n4_out"; then
    echo "REFUSED  ip $form  -- ${n4_out%%$'\n'*}"
  elif [ "$ip_out" = "$n4_out" ]; then
    echo "SAME     ip $form"
  elif [ "$n4_rc" != 0 ] && [ "$ip_rc" = 0 ]; then
    echo "FAILED   ip $form  -- ${n4_out%%$'\n'*}"
  else
    echo "DIFF     ip $form"
  fi
}
while IFS= read -r form; do
  [ -z "$form" ] || [ "${form#\#}" != "$form" ] || run_form "$form"
done <<'FORMS'
# ip (global options)
link show
-br link show
-o link show
-c link show
-d link show
-s link show
-s -s link show
-j link show
-j -d link show
-j -s -s link show
-br address show
-o address show
-c address show
-j -br address show
-4 address show
-6 address show
-0 address show
-hu -s link show
-r route show
-N route show
-iec -s link show
-rc 1048576 link show
# ip link
link show dev v0
link show up
link show type veth
link show type bridge_slave
link show master br0
link show nomaster
link show group default
link show vrf x
link add d1 type dummy
link add v9 type veth peer name v9p mtu 1300
link add vx0 address 02:00:00:00:00:40 type vxlan id 42 remote 10.1.1.1 local 10.1.1.2 dev v1 ttl 64 dstport 4789
-d link show dev vx0
-j -d link show dev vx0
link add mv0 address 02:00:00:00:00:41 link v1 type macvlan mode bridge
-d link show dev mv0
-j -d link show dev mv0
link add gre1 type gre remote 10.1.1.1 local 10.1.0.1 key 5 ttl 64
link add ipip1 type ipip remote 10.1.1.1 dev v1
link add vti1 type vti remote 10.1.1.1 ikey 1 okey 2
link set gre1 type gre ttl 32
link set v1 type gre ttl 32
link set v1 mtu 1450
link set v1 txqueuelen 500
link set v1 alias uplink
link set v1 promisc on
link set v1 allmulticast on
link set v1 arp off
link set v1 multicast off
link set v1 dynamic on
link set v1 name v1x
link set v1x name v1
link set v1 address 02:00:00:00:00:33
link set v1 group 5
link set br0 type bridge stp_state 1
link set v0 type bridge_slave cost 10
link set v1 master nosuch
link set v1 xdp off
link set v1 protodown on
link set v1 gso_max_size 32000
link set v1 addrgenmode none
link set v1 vf 0 mac 02:00:00:00:00:01
link property add dev v1 altname uplink0
link xstats type bridge
link afstats dev v1
link delete v9
# ip address
address show dev br0
address show up
address show scope global
address show to 10.0.0.0/8
address show label br0
address show permanent
address show primary
address add 10.2.0.1/24 dev v1 label v1:a
address add 10.3.0.1/24 brd + dev v1
address add 10.4.0.1 peer 10.4.0.2 dev v1
address add 2001:db8:5::1/64 dev v1 nodad
address change 10.2.0.1/24 dev v1 valid_lft 100 preferred_lft 50
address replace 10.2.0.1/24 dev v1 metric 7
address del 10.3.0.1/24 dev v1
address flush dev v1 label v1:a
address save
address showdump
# ip route
route show
route list 0/0
route show root 10/8
route show match 10.9.1.1
route show exact 10.9.0.0/16
route show table all
route show table local
route show proto kernel
route show scope link
route show type unicast
route show via 10.0.0.254
route show src 10.0.0.1
route show cache
route show dev br0
route get 10.9.1.1
route get 10.9.1.1 from 10.0.0.1
route get 10.9.1.1 ipproto tcp dport 80
route get 10.9.1.1 mark 5
route get 10.9.1.1 fibmatch
route get 10.9.1.1 oif br0
route add 10.20.0.0/16 via 10.0.0.253 metric 10
route add 10.21.0.0/16 dev br0 mtu 1300 advmss 1200
route add 10.22.0.0/16 nexthop via 10.0.0.251 weight 1 nexthop via 10.0.0.252 weight 2
route add blackhole 10.23.0.0/16
route add unreachable 10.24.0.0/16
route add prohibit 10.25.0.0/16
route add 10.26.0.0/16 via 10.0.0.253 table 100
route add 10.27.0.0/16 via 10.0.0.253 onlink
route add 10.28.0.0/16 encap mpls 100 via 10.0.0.253
route add 10.29.0.0/16 nhid 5
route replace 10.20.0.0/16 via 10.0.0.252
route change 10.20.0.0/16 via 10.0.0.251
route append 10.20.0.0/16 via 10.0.0.250 metric 20
route del 10.20.0.0/16 metric 20
route flush table 100
route save
# ip rule
rule show
rule list table 100
rule add from 10.5.0.0/16 lookup 200 pref 2000
rule add to 10.6.0.0/16 lookup 200 pref 2001
rule add fwmark 0x10 lookup 200 pref 2002
rule add iif br0 lookup 200 pref 2003
rule add ipproto tcp dport 80 lookup 200 pref 2004
rule add uidrange 1000-2000 lookup 200 pref 2005
rule add not from 10.7.0.0/16 goto 32766 pref 2006
rule add uidrange 100-200 ipproto udp sport 53 dport 5000-6000 lookup 200 pref 2007
rule add pref 2008 l3mdev
rule add from 10.9.0.0/16 tun_id 5 realms 3/4 lookup 200 pref 2009
rule show
-j rule show
rule show l3mdev
rule show tun_id 5
rule del pref 2000
rule flush
# ip neighbour
neigh show
neigh show dev br0
neigh show nud permanent
neigh show proxy
-s neigh show
neigh get 10.0.0.9 dev br0
neigh add 10.0.0.10 lladdr 02:00:00:00:00:aa dev br0 nud stale
neigh change 10.0.0.10 lladdr 02:00:00:00:00:bb dev br0
neigh replace 10.0.0.11 lladdr 02:00:00:00:00:cc dev br0 nud reachable
neigh add proxy 10.0.0.12 dev br0
neigh del 10.0.0.11 dev br0
neigh flush dev br0
neigh flush all
-6 neigh flush all
neigh add 10.0.0.13 lladdr 02:00:00:00:00:dd dev br0 extern_learn
# ip netns (the namespace itself; run inside with -n)
netns list-id
# ip monitor, tc, tuntap
tuntap add mode tap
tuntap show
ntable show
maddress show
nexthop show
tunnel show
-6 tunnel show
-j tunnel show
tunnel show gre0
-6 tunnel show t9
tunnel add t9 mode gre remote 10.1.1.1 local 10.1.0.1 key 5
-6 tunnel add t9 mode ip6gre remote 2001:db8::9
tunnel change t9 ttl 3
tunnel del t9
tunnel del v1
xfrm state
mptcp endpoint show
vrf show
FORMS
