// The Go peer of bench/lab/lab.sh for line(N) and for teardown, written the way a careful
// user of github.com/vishvananda/netlink and netns would (star(N) is bench/star/star.go):
//
//	lab line PREFIX N   # namespaces PREFIXr1..rN, lo up, forwarding on (IPv4 and IPv6),
//	                    # veth eth1 in r<i> with its peer eth0 created straight in r<i+1>,
//	                    # a /30 from 10.78.0.0/16 on each link, routes so r1 reaches rN and back
//	lab down PREFIX     # every /run/netns/PREFIX*: unmount and unlink, as ip netns delete
//
// The addresses and routes are those of bench/lab/topology.sh. Built at benchmark time from
// Debian's packages:
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go build -o lab lab.go
package main

import (
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"
)

func must(err error, what string) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", what, err)
		os.Exit(1)
	}
}

// lineAddr is host h (1 or 2) of link i's /30: link 1 is 10.78.0.0/30, link 2 10.78.0.4/30, ...
func lineAddr(i, h int) net.IP {
	b := 4 * (i - 1)
	return net.IPv4(10, 78, byte(b>>8), byte(b&255+h)).To4()
}

func lineNet(i int) *net.IPNet {
	return &net.IPNet{IP: lineAddr(i, 0), Mask: net.CIDRMask(30, 32)}
}

func writeSysctl(path, value string) {
	must(os.WriteFile(path, []byte(value), 0o644), path)
}

func line(prefix string, n int) {
	if n < 2 {
		fmt.Fprintln(os.Stderr, "line needs N >= 2")
		os.Exit(2)
	}
	runtime.LockOSThread()
	origin, err := netns.Get()
	must(err, "get origin")
	nss := make([]netns.NsHandle, n+1)
	hs := make([]*netlink.Handle, n+1)
	for k := 1; k <= n; k++ {
		ns, err := netns.NewNamed(prefix + "r" + strconv.Itoa(k))
		must(err, "namespace")
		// /proc/sys/net shows the namespace of the thread that opens the file: this one, now inside.
		writeSysctl("/proc/sys/net/ipv4/ip_forward", "1")
		writeSysctl("/proc/sys/net/ipv6/conf/all/forwarding", "1")
		must(netns.Set(origin), "back to origin")
		h, err := netlink.NewHandleAt(ns)
		must(err, "handle")
		lo, err := h.LinkByName("lo")
		must(err, "lo")
		must(h.LinkSetUp(lo), "lo up")
		nss[k], hs[k] = ns, h
	}
	for i := 1; i < n; i++ {
		veth := &netlink.Veth{
			LinkAttrs:     netlink.LinkAttrs{Name: "eth1", Flags: net.FlagUp},
			PeerName:      "eth0",
			PeerNamespace: netlink.NsFd(int(nss[i+1])),
		}
		must(hs[i].LinkAdd(veth), "veth")
		eth1, err := hs[i].LinkByName("eth1")
		must(err, "eth1")
		must(hs[i].AddrAdd(eth1, &netlink.Addr{IPNet: &net.IPNet{IP: lineAddr(i, 1), Mask: net.CIDRMask(30, 32)}}), "addr eth1")
		eth0, err := hs[i+1].LinkByName("eth0")
		must(err, "eth0")
		must(hs[i+1].LinkSetUp(eth0), "eth0 up")
		must(hs[i+1].AddrAdd(eth0, &netlink.Addr{IPNet: &net.IPNet{IP: lineAddr(i, 2), Mask: net.CIDRMask(30, 32)}}), "addr eth0")
	}
	for k := 1; k <= n; k++ {
		if k <= n-2 {
			must(hs[k].RouteAdd(&netlink.Route{Dst: lineNet(n - 1), Gw: lineAddr(k, 2)}), "route right")
		}
		if k >= 3 {
			must(hs[k].RouteAdd(&netlink.Route{Dst: lineNet(1), Gw: lineAddr(k-1, 1)}), "route left")
		}
		hs[k].Delete()
		nss[k].Close()
	}
	origin.Close()
}

func down(prefix string) {
	entries, err := os.ReadDir("/run/netns")
	must(err, "/run/netns")
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			must(netns.DeleteNamed(e.Name()), "delete "+e.Name())
		}
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: lab line PREFIX N | lab down PREFIX")
	os.Exit(2)
}

func main() {
	switch {
	case len(os.Args) == 4 && os.Args[1] == "line":
		n, err := strconv.Atoi(os.Args[3])
		must(err, "N")
		line(os.Args[2], n)
	case len(os.Args) == 3 && os.Args[1] == "down" && os.Args[2] != "":
		down(os.Args[2])
	default:
		usage()
	}
}
