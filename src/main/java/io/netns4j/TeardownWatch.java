package io.netns4j;

import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.LinkMessage;
import io.netns4j.internal.netlink.route.NsidMessage;
import io.netns4j.internal.netlink.route.Rtnl;
import io.netns4j.internal.rtnl.NetlinkSocket;
import io.netns4j.internal.sys.Errno;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Watches, from the caller's namespace, for a deleted namespace to be torn down by the
 * kernel: RTM_DELNSID for the id the caller's namespace has for it (the kernel sends it
 * when the namespace is unhashed), then RTM_DELLINK for each link here whose peer was in
 * it (a veth's host side lingers until the kernel's cleanup work gets to it).
 */
final class TeardownWatch implements AutoCloseable {
    private static final int POLL_MILLIS = 100;

    private final Netns home;
    private final NetlinkSocket events;
    private final NamespaceId id;
    private final int nsid;
    private final Set<Integer> peerLinks;

    private TeardownWatch(Netns home, NetlinkSocket events, NamespaceId id, int nsid, Set<Integer> peerLinks) {
        this.home = home;
        this.events = events;
        this.id = id;
        this.nsid = nsid;
        this.peerLinks = peerLinks;
    }

    /** Subscribes and records what to wait for, while {@code target} is still alive. */
    static TeardownWatch start(Netns target) throws NetnsException {
        Netns home = Netns.current();
        NetlinkSocket events = null;
        try {
            events = home.openSocket(Netlink.NETLINK_ROUTE, POLL_MILLIS);
            events.subscribe(Rtnl.RTNLGRP_NSID);
            events.subscribe(Rtnl.RTNLGRP_LINK);
            var known = home.peerId(target);
            int nsid = known.isPresent() ? known.getAsInt() : home.assignPeerId(target, -1);
            Set<Integer> peers = new HashSet<>();
            byte[] dump = LinkMessage.request(0, List.of()).encode(Rtnl.RTM_GETLINK, 0);
            for (NetlinkMessage m : home.routeSocket().dump(dump)) {
                LinkMessage link = LinkMessage.decode(m);
                if (link.linkNetnsid() == nsid) {
                    peers.add(link.index());
                }
            }
            return new TeardownWatch(home, events, target.id(), nsid, peers);
        } catch (NetnsException | RuntimeException e) {
            if (events != null) {
                events.close();
            }
            home.close();
            throw e;
        }
    }

    /** Blocks until the namespace and its peer links are gone, or {@code timeout} passes. */
    void await(String name, Duration timeout) throws NetnsException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean unhashed = false;
        while (!unhashed || !peerLinks.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw stillAlive(name, timeout);
            }
            List<NetlinkMessage> batch;
            try {
                batch = events.receiveNotifications();
            } catch (BusyException e) {
                if (e.errno() != Errno.ENOBUFS) {
                    throw e;
                }
                unhashed = resync();
                continue;
            }
            for (NetlinkMessage m : batch) {
                if (m.type() == Rtnl.RTM_DELNSID) {
                    Integer gone = NsidMessage.decode(m).nsid();
                    unhashed |= gone != null && gone == nsid;
                } else if (m.type() == Rtnl.RTM_DELLINK) {
                    peerLinks.remove(LinkMessage.decode(m).index());
                }
            }
        }
    }

    /** After lost notifications: ask the kernel directly what is left. */
    private boolean resync() throws NetnsException {
        peerLinks.removeIf(index -> !linkExists(index));
        return home.peerIdLookup(nsid, null).isEmpty();
    }

    private boolean linkExists(int index) {
        try {
            home.routeSocket().request(LinkMessage.request(index, List.of()).encode(Rtnl.RTM_GETLINK, 0));
            return true;
        } catch (NetnsException e) {
            return false;
        }
    }

    private NetnsException stillAlive(String name, Duration timeout) throws NetnsException {
        List<Long> pids = NetnsRegistry.pidsIn(id);
        String holder = pids.isEmpty()
                ? "something still holds it (an open file descriptor, a socket, or a mount in another mount namespace)"
                : "process(es) " + pids + " still run inside it";
        return new BusyException("Network namespace \"" + name + "\" was deleted, but the kernel has not freed it after "
                + timeout.toMillis() + " ms: " + holder, Errno.EBUSY, null);
    }

    @Override
    public void close() {
        events.close();
        home.close();
    }
}
