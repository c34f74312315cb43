// The Go peer for the star(N) benchmark (see ../../shared guide and bench/README.md), written
// the way a careful user of github.com/vishvananda/netlink and netns would: one handle per
// namespace, the veth created in the hub with its peer placed straight into the node.
//
//	star up   PREFIX N   # hub PREFIXhub with bridge br0; nodes PREFIXh1..N
//	star down PREFIX N   # deletes the N+1 namespaces
//
// Built at benchmark time from Debian's packages:
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go build -o star star.go
package main

import (
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"

	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"
)

func must(err error, what string) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", what, err)
		os.Exit(1)
	}
}

func up(prefix string, n int) {
	runtime.LockOSThread()
	origin, err := netns.Get()
	must(err, "get origin")
	hub, err := netns.NewNamed(prefix + "hub")
	must(err, "hub")
	must(netns.Set(origin), "back to origin")
	hubH, err := netlink.NewHandleAt(hub)
	must(err, "hub handle")
	lo, err := hubH.LinkByName("lo")
	must(err, "hub lo")
	must(hubH.LinkSetUp(lo), "hub lo up")
	br := &netlink.Bridge{LinkAttrs: netlink.LinkAttrs{Name: "br0", Flags: net.FlagUp}}
	must(hubH.LinkAdd(br), "br0")
	brLink, err := hubH.LinkByName("br0")
	must(err, "br0 lookup")
	for i := 1; i <= n; i++ {
		node, err := netns.NewNamed(prefix + "h" + strconv.Itoa(i))
		must(err, "node")
		must(netns.Set(origin), "back to origin")
		veth := &netlink.Veth{
			LinkAttrs:     netlink.LinkAttrs{Name: "v" + strconv.Itoa(i), Flags: net.FlagUp, MasterIndex: brLink.Attrs().Index},
			PeerName:      "eth0",
			PeerNamespace: netlink.NsFd(int(node)),
		}
		must(hubH.LinkAdd(veth), "veth")
		h, err := netlink.NewHandleAt(node)
		must(err, "node handle")
		eth0, err := h.LinkByName("eth0")
		must(err, "eth0")
		addr, err := netlink.ParseAddr(fmt.Sprintf("10.77.%d.%d/16", i/250, i%250+1))
		must(err, "addr")
		must(h.AddrAdd(eth0, addr), "addr add")
		must(h.LinkSetUp(eth0), "eth0 up")
		nodeLo, err := h.LinkByName("lo")
		must(err, "node lo")
		must(h.LinkSetUp(nodeLo), "node lo up")
		h.Delete()
		node.Close()
	}
	hubH.Delete()
	hub.Close()
}

func down(prefix string, n int) {
	must(netns.DeleteNamed(prefix+"hub"), "delete hub")
	for i := 1; i <= n; i++ {
		must(netns.DeleteNamed(prefix+"h"+strconv.Itoa(i)), "delete node")
	}
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: star up|down PREFIX N")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[3])
	must(err, "N")
	switch os.Args[1] {
	case "up":
		up(os.Args[2], n)
	case "down":
		down(os.Args[2], n)
	default:
		fmt.Fprintln(os.Stderr, "usage: star up|down PREFIX N")
		os.Exit(2)
	}
}
