package io.netns4j;

import io.netns4j.error.BusyException;
import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.Ifla;
import io.netns4j.internal.netlink.route.LinkMessage;
import io.netns4j.internal.netlink.route.Rtnl;
import io.netns4j.internal.netlink.route.TcMessage;
import io.netns4j.internal.rtnl.NetlinkSocket;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The kernel's notifications from inside one namespace: links ({@code ip monitor link}),
 * traffic control ({@code tc monitor}) and the nftables ruleset ({@code nft monitor}), read
 * from two netlink sockets opened inside (route: RTNLGRP_LINK and RTNLGRP_TC; netfilter:
 * NFNLGRP_NFTABLES) and waited on together with one {@code poll(2)}. Nothing is polled from
 * the kernel's state: each event is a message the kernel sent when the change happened.
 *
 * <p>The sockets hold the namespace: close this before the namespace is deleted, or its
 * deletion waits for the close. Read it from one thread; {@link #close} may come from any.
 */
public final class NamespaceEvents implements AutoCloseable {
    private static final int RTNLGRP_TC = 4;
    private static final int NFNLGRP_NFTABLES = 7;
    private static final int NETLINK_NETFILTER = 12;
    private static final int RTM_NEWQDISC = 36;
    private static final int RTM_DELTFILTER = 45;
    private static final int NFNL_SUBSYS_NFTABLES = 10;
    private static final int SLICE_MILLIS = 200;
    private static final short POLLIN = 1;

    private final NetlinkSocket route;
    private final NetlinkSocket netfilter;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment pollfds = arena.allocate(16, 4);
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;

    private NamespaceEvents(NetlinkSocket route, NetlinkSocket netfilter) {
        this.route = route;
        this.netfilter = netfilter;
        pollfds.set(ValueLayout.JAVA_INT, 0, route.descriptor());
        pollfds.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
        pollfds.set(ValueLayout.JAVA_INT, 8, netfilter.descriptor());
        pollfds.set(ValueLayout.JAVA_SHORT, 12, POLLIN);
    }

    /**
     * Starts listening in {@code ns}; events from before this call are not reported.
     * Equivalent to {@code ip -n NS monitor link & tc -n NS monitor & ip netns exec NS nft monitor}.
     *
     * @param ns the namespace to listen in, not closed
     * @return the listener; close it when done
     * @throws NetnsException a socket could not be opened or could not join its group (not root)
     */
    public static NamespaceEvents watch(Netns ns) throws NetnsException {
        NetlinkSocket route = ns.openSocket(Netlink.NETLINK_ROUTE, SLICE_MILLIS);
        try {
            route.subscribe(Rtnl.RTNLGRP_LINK);
            route.subscribe(RTNLGRP_TC);
            NetlinkSocket netfilter = ns.openSocket(NETLINK_NETFILTER, SLICE_MILLIS);
            try {
                netfilter.subscribe(NFNLGRP_NFTABLES);
                return new NamespaceEvents(route, netfilter);
            } catch (NetnsException | RuntimeException e) {
                netfilter.close();
                throw e;
            }
        } catch (NetnsException | RuntimeException e) {
            route.close();
            throw e;
        }
    }

    /**
     * The events that arrived together next, waiting at most {@code timeout} for the first.
     *
     * @param timeout how long to wait, not null
     * @return the events in the kernel's order; empty when none came in time or when closed
     * @throws NetnsException reading failed ({@link io.netns4j.error.MalformedMessageException}
     *                        for a message that does not parse)
     */
    public List<NamespaceEvent> next(Duration timeout) throws NetnsException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closed) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return List.of();
            }
            List<NamespaceEvent> out = slice((int) Math.min(left, SLICE_MILLIS));
            if (!out.isEmpty()) {
                return out;
            }
        }
        return List.of();
    }

    /** One wait of at most {@code millis}, under the lock that {@link #close} takes before releasing. */
    private List<NamespaceEvent> slice(int millis) throws NetnsException {
        lock.lock();
        try {
            if (closed) {
                return List.of();
            }
            int ready;
            try {
                ready = LibC.poll(pollfds, 2, millis);
            } catch (ErrnoException e) {
                throw Failures.of(e, "Cannot wait for netlink notifications");
            }
            List<NamespaceEvent> out = new ArrayList<>();
            if (ready > 0) {
                if (readable(0)) {
                    read(route, out, false);
                }
                if (readable(8)) {
                    read(netfilter, out, true);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private boolean readable(long at) {
        return pollfds.get(ValueLayout.JAVA_SHORT, at + 6) != 0;
    }

    private static void read(NetlinkSocket socket, List<NamespaceEvent> out, boolean firewall) throws NetnsException {
        List<NetlinkMessage> messages;
        try {
            messages = socket.receiveNotifications();
        } catch (BusyException e) {
            out.add(new NamespaceEvent.Overflow());
            return;
        }
        for (NetlinkMessage m : messages) {
            NamespaceEvent e = firewall ? firewallEvent(m) : routeEvent(m);
            if (e != null) {
                out.add(e);
            }
        }
    }

    /** A route message as an event; null for kinds this class does not report. */
    static NamespaceEvent routeEvent(NetlinkMessage m) throws NetnsException {
        if (m.type() == Rtnl.RTM_NEWLINK || m.type() == Rtnl.RTM_DELLINK) {
            LinkMessage l = LinkMessage.decode(m);
            int oper = l.attributes().u8(Ifla.IFLA_OPERSTATE, -1);
            return new NamespaceEvent.LinkChange(l.index(), l.attributes().string(Ifla.IFLA_IFNAME), l.flags(),
                    oper < 0 ? null : oper, m.type() == Rtnl.RTM_DELLINK);
        }
        if (m.type() >= RTM_NEWQDISC && m.type() <= RTM_DELTFILTER) {
            return new NamespaceEvent.TrafficControlChange(TcMessage.decode(m).ifindex());
        }
        return null;
    }

    /** An nf_tables message (subsystem 10 in the type's high byte) as an event; null for others. */
    static NamespaceEvent firewallEvent(NetlinkMessage m) {
        return (m.type() >> 8) == NFNL_SUBSYS_NFTABLES ? new NamespaceEvent.FirewallChange() : null;
    }

    /** Stops listening and closes both sockets; a waiting {@link #next} returns within 200 ms. */
    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            if (arena.scope().isAlive()) {
                route.close();
                netfilter.close();
                arena.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
