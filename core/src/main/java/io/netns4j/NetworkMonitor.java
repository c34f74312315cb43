package io.netns4j;

import io.netns4j.address.Address;
import io.netns4j.address.Addresses;
import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.NsidMessage;
import io.netns4j.internal.rtnl.NetlinkSocket;
import io.netns4j.link.Link;
import io.netns4j.link.Links;
import io.netns4j.neighbour.Neighbour;
import io.netns4j.route.Route;
import io.netns4j.rule.RoutingRule;
import io.netns4j.rule.Rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * The kernel's change notifications in one namespace, as typed events: {@code ip -n NS monitor
 * [link] [address] [route] [neigh] [rule] [nsid]}. A netlink socket opened inside the namespace,
 * subscribed to the groups of the kinds asked for; {@link #poll()} waits for the next batch.
 * Events name devices as the namespace does at the time they are read. Close it when done.
 */
public final class NetworkMonitor implements AutoCloseable {
    /** What to watch, as {@code ip monitor}'s objects. */
    public enum Kind {
        /** Links appearing, changing, going: RTNLGRP_LINK. */
        LINK(1),
        /** IPv4 and IPv6 addresses: RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR. */
        ADDRESS(5, 9),
        /** IPv4 and IPv6 routes: RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE. */
        ROUTE(7, 11),
        /** Neighbour (ARP, NDP) entries: RTNLGRP_NEIGH. */
        NEIGH(3),
        /** Policy routing rules: RTNLGRP_IPV4_RULE, RTNLGRP_IPV6_RULE. */
        RULE(8, 19),
        /** Ids this namespace gives other namespaces (ip monitor nsid): RTNLGRP_NSID. */
        NSID(28);

        private final int[] groups;

        Kind(int... groups) {
            this.groups = groups;
        }
    }

    /** One change; {@code deleted} for an RTM_DEL* message. */
    public sealed interface Event permits LinkEvent, AddressEvent, RouteEvent, NeighbourEvent, RuleEvent,
            NsidEvent {
        /**
         * Whether the object went away.
         *
         * @return true for a deletion
         */
        boolean deleted();
    }

    /**
     * A link appeared or changed ({@code deleted} false) or went.
     *
     * @param link    the link as the message describes it
     * @param deleted whether it went
     */
    public record LinkEvent(Link link, boolean deleted) implements Event {
    }

    /**
     * An address was added or removed.
     *
     * @param address the address
     * @param deleted whether it was removed
     */
    public record AddressEvent(Address address, boolean deleted) implements Event {
    }

    /**
     * A route was added or removed.
     *
     * @param route   the route
     * @param deleted whether it was removed
     */
    public record RouteEvent(Route route, boolean deleted) implements Event {
    }

    /**
     * A neighbour entry appeared, changed state or went.
     *
     * @param neighbour the entry
     * @param deleted   whether it went
     */
    public record NeighbourEvent(Neighbour neighbour, boolean deleted) implements Event {
    }

    /**
     * A rule was added or removed.
     *
     * @param rule    the rule
     * @param deleted whether it was removed
     */
    public record RuleEvent(RoutingRule rule, boolean deleted) implements Event {
    }

    /**
     * This namespace gave another namespace an id ({@code deleted} false: RTM_NEWNSID, e.g. for
     * a veth whose peer sits there, or {@code ip netns set NAME auto}) or dropped it (the other
     * namespace was freed): what {@code ip monitor nsid} prints as {@code [Deleted ]nsid N}.
     *
     * @param nsid        the id; negative when unassigned
     * @param currentNsid NETNSA_CURRENT_NSID when the kernel sent it (not in notifications), else null
     * @param deleted     whether the id went
     */
    public record NsidEvent(int nsid, Integer currentNsid, boolean deleted) implements Event {
    }

    private static final int RTM_NEWNSID = 88;
    private static final int RTM_DELNSID = 89;
    private static final int RTM_DELLINK = 17;
    private static final int RTM_DELADDR = 21;
    private static final int RTM_DELROUTE = 25;
    private static final int RTM_DELNEIGH = 29;
    private static final int RTM_DELRULE = 33;

    private final Netns ns;
    private final NetlinkSocket socket;
    /** The links as last seen, by index: names for later events, as ip keeps its cache. */
    private final Map<Integer, Link> links = new ConcurrentHashMap<>();

    private NetworkMonitor(Netns ns, NetlinkSocket socket) {
        this.ns = ns;
        this.socket = socket;
    }

    /**
     * The links as the events so far (and the listing at the start) showed them, by index,
     * deleted ones included: what names an event's device when the link is gone already.
     *
     * @return a snapshot
     */
    public Map<Integer, Link> knownLinks() {
        return Map.copyOf(links);
    }

    /**
     * The name of link {@code index} as last seen.
     *
     * @param index the interface index
     * @return its name, or null when never seen
     */
    public String nameOf(int index) {
        Link l = links.get(index);
        return l == null ? null : l.name();
    }

    /**
     * Starts watching {@code kinds} in {@code ns}. Equivalent to: {@code ip -n NS monitor KIND...}.
     *
     * @param ns            the namespace
     * @param kinds         what to watch; empty for all
     * @param pollTimeoutMs how long {@link #poll()} waits for a batch, in milliseconds
     * @return the monitor; the caller closes it
     * @throws NetnsException when the socket cannot be opened or subscribed
     */
    public static NetworkMonitor open(Netns ns, Set<Kind> kinds, int pollTimeoutMs) throws NetnsException {
        Set<Kind> chosen = kinds.isEmpty() ? EnumSet.allOf(Kind.class) : EnumSet.copyOf(kinds);
        NetlinkSocket socket = ns.openSocket(Netlink.NETLINK_ROUTE, pollTimeoutMs);
        try {
            for (Kind k : chosen) {
                for (int g : k.groups) {
                    socket.subscribe(g);
                }
            }
        } catch (NetnsException | RuntimeException e) {
            socket.close();
            throw e;
        }
        NetworkMonitor m = new NetworkMonitor(ns, socket);
        try {
            for (Link l : ns.links().list()) { // after subscribing: no change falls between
                m.links.put(l.index(), l);
            }
        } catch (NetnsException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return m;
    }

    /**
     * The next changes, in the kernel's order; empty when none came within the poll timeout.
     *
     * @return the events
     * @throws NetnsException when reading fails, or the kernel dropped notifications
     *         (ENOBUFS: the reader was too slow; open a new monitor and list the state again)
     */
    public List<Event> poll() throws NetnsException {
        List<Event> out = new ArrayList<>();
        for (NetlinkMessage m : socket.receiveNotifications()) {
            Event e = event(m);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private Event event(NetlinkMessage m) throws NetnsException {
        byte[] raw = m.encode();
        return switch (m.type()) {
            case 16, RTM_DELLINK -> {
                Link l = Links.decode(raw);
                links.put(l.index(), l);
                yield new LinkEvent(l, m.type() == RTM_DELLINK);
            }
            case 20, RTM_DELADDR -> {
                Address a = Addresses.decode(raw);
                yield a == null ? null : new AddressEvent(a, m.type() == RTM_DELADDR);
            }
            case 24, RTM_DELROUTE -> {
                Route r = ns.routes().decode(raw, this::nameOf);
                yield r == null ? null : new RouteEvent(r, m.type() == RTM_DELROUTE);
            }
            case 28, RTM_DELNEIGH -> {
                Neighbour n = ns.neighbours().decode(raw, this::nameOf);
                yield n == null ? null : new NeighbourEvent(n, m.type() == RTM_DELNEIGH);
            }
            case 32, RTM_DELRULE -> {
                RoutingRule r = Rules.decode(raw);
                yield r == null ? null : new RuleEvent(r, m.type() == RTM_DELRULE);
            }
            case RTM_NEWNSID, RTM_DELNSID -> {
                NsidMessage n = NsidMessage.decode(m);
                yield n.nsid() == null ? null : new NsidEvent(n.nsid(), n.currentNsid(), m.type() == RTM_DELNSID);
            }
            default -> null;
        };
    }

    @Override
    public void close() {
        socket.close();
    }
}
