package io.netns4j.route;

import io.netns4j.error.BusyException;
import io.netns4j.error.MalformedMessageException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.RouteMessage;
import io.netns4j.internal.netlink.route.Rta;
import io.netns4j.internal.rtnl.Interfaces;
import io.netns4j.internal.rtnl.NamespaceSession;
import io.netns4j.internal.sys.Errno;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The routes of one namespace: {@code ip -n NS route ...}. Obtain with {@link io.netns4j.Netns#routes()}.
 * Each verb is one netlink exchange on the namespace's socket (no thread switching).
 * Requests are checked when they are built ({@link Route#to(String)} and its withers), before any
 * system call; the kernel's refusals come back with its own words
 * ({@code Error: Nexthop has invalid gateway.}).
 */
public final class Routes {
    private static final int MAX_FLUSH_ROUNDS = 10;
    private final NamespaceSession ns;

    private Routes(NamespaceSession ns) {
        this.ns = ns;
    }

    /**
     * The routes of a namespace; {@code Netns.routes()} is the usual way to get them.
     *
     * @param ns the namespace's session (its route socket)
     * @return the facade
     */
    public static Routes of(NamespaceSession ns) {
        return new Routes(ns);
    }

    /**
     * Adds a route. Equivalent to: {@code ip route add default via 10.0.0.1}.
     *
     * @param r the route
     * @throws io.netns4j.error.AlreadyExistsException when a route with the same key exists
     * @throws io.netns4j.error.NotFoundException when a device it names does not exist
     * @throws NetnsException when the kernel refuses otherwise (an unreachable gateway, ...)
     */
    public void add(Route r) throws NetnsException {
        modify(r, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
    }

    /**
     * Adds a route or replaces the one with the same key. Equivalent to: {@code ip route replace ROUTE}.
     *
     * @param r the route
     * @throws io.netns4j.error.NotFoundException when a device it names does not exist
     * @throws NetnsException when the kernel refuses
     */
    public void replace(Route r) throws NetnsException {
        modify(r, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE);
    }

    /**
     * Changes an existing route. Equivalent to: {@code ip route change ROUTE}.
     *
     * @param r the route
     * @throws io.netns4j.error.NotFoundException when there is no such route or device
     * @throws NetnsException when the kernel refuses otherwise
     */
    public void change(Route r) throws NetnsException {
        modify(r, Netlink.NLM_F_REPLACE);
    }

    /**
     * Adds a route after existing ones with the same key. Equivalent to: {@code ip route append ROUTE}.
     *
     * @param r the route
     * @throws io.netns4j.error.NotFoundException when a device it names does not exist
     * @throws NetnsException when the kernel refuses
     */
    public void append(Route r) throws NetnsException {
        modify(r, Netlink.NLM_F_CREATE | Netlink.NLM_F_APPEND);
    }

    /**
     * Adds a route before existing ones with the same key. Equivalent to: {@code ip route prepend ROUTE}.
     *
     * @param r the route
     * @throws io.netns4j.error.NotFoundException when a device it names does not exist
     * @throws NetnsException when the kernel refuses
     */
    public void prepend(Route r) throws NetnsException {
        modify(r, Netlink.NLM_F_CREATE);
    }

    /**
     * Deletes the first route that matches; what {@code r} leaves unset matches anything.
     * Equivalent to: {@code ip route del 10.0.0.0/24 via 10.0.0.1}.
     *
     * @param r the route to match
     * @throws io.netns4j.error.NotFoundException when no route matches (ESRCH) or a device it names does not exist
     * @throws NetnsException when the kernel refuses otherwise
     */
    public void delete(Route r) throws NetnsException {
        ns.routeSocket().execute(RouteCodec.request(r, true, name -> Interfaces.index(ns, name)).encode(Rta.RTM_DELROUTE, 0));
    }

    private void modify(Route r, int flags) throws NetnsException {
        ns.routeSocket().execute(RouteCodec.request(r, false, name -> Interfaces.index(ns, name)).encode(Rta.RTM_NEWROUTE, flags));
    }

    /**
     * IPv4 routes of table main. Equivalent to: {@code ip route show}.
     *
     * @return the routes, in the kernel's order
     * @throws NetnsException when the dump fails
     */
    public List<Route> list() throws NetnsException {
        return list(RouteFilter.main());
    }

    /**
     * The routes {@code filter} selects, in the kernel's order; cached (cloned) routes are left out.
     * Equivalent to: {@code ip route show table 100 dev veth0} (and {@code ip -6 route show ...}).
     *
     * @param filter what to select
     * @return the routes, possibly empty
     * @throws io.netns4j.error.NotFoundException when the filter names a device that does not exist
     * @throws NetnsException when the dump fails
     */
    public List<Route> list(RouteFilter filter) throws NetnsException {
        List<Route> out = new ArrayList<>();
        for (Entry e : entries(filter)) {
            out.add(e.route);
        }
        return out;
    }

    /**
     * Deletes every route {@code filter} selects, again until none is left (deleting one can
     * expose another); the kernel's IPv6 unreachable default (metric 4294967295) stays, as with
     * {@code ip}. Equivalent to: {@code ip route flush dev veth0}.
     *
     * @param filter what to delete
     * @return how many routes were deleted
     * @throws io.netns4j.error.BusyException when routes keep reappearing after 10 rounds
     * @throws NetnsException when the filter names a missing device, or the kernel refuses a delete
     */
    public int flush(RouteFilter filter) throws NetnsException {
        int deleted = 0;
        for (int round = 0; round < MAX_FLUSH_ROUNDS; round++) {
            List<byte[]> requests = new ArrayList<>();
            for (Entry e : entries(filter)) {
                if (!isIpv6NullRoute(e.message)) {
                    requests.add(e.message.encode(Rta.RTM_DELROUTE, 0));
                }
            }
            if (requests.isEmpty()) {
                return deleted;
            }
            for (NetnsException failure : ns.routeSocket().executeAll(requests)) {
                if (failure == null) {
                    deleted++;
                } else if (failure.errno() != Errno.ESRCH && failure.errno() != Errno.ENOENT) {
                    throw failure; // ESRCH/ENOENT: gone already, with the address or link it hung on
                }
            }
        }
        throw new BusyException("Routes kept reappearing: flush not complete after " + MAX_FLUSH_ROUNDS + " rounds",
                Errno.EBUSY, null);
    }

    /** The kernel's IPv6 "unreachable default" with metric 2^32-1, which ip never flushes. */
    private static boolean isIpv6NullRoute(RouteMessage m) throws NetnsException {
        Long metric = m.priority();
        return m.family() == Rta.AF_INET6 && m.dstLen() == 0 && m.type() == Rta.RTN_UNREACHABLE && metric != null
                && metric == 0xFFFF_FFFFL;
    }

    /**
     * The route a packet to {@code destination} would take. Equivalent to: {@code ip route get 10.0.0.7}.
     *
     * @param destination the packet's destination
     * @return the resolved route
     * @throws NetnsException when there is no route (the kernel answers ENETUNREACH) or the lookup fails
     */
    public Route get(InetAddress destination) throws NetnsException {
        return get(RouteLookup.to(destination));
    }

    /**
     * The route a packet would take, as the kernel resolves it (rules included). Equivalent
     * to: {@code ip route get 10.50.1.1 from 10.0.0.5 iif veth0}.
     *
     * @param q the packet
     * @return the resolved route (or the table entry, with {@link RouteLookup#withFibMatch()})
     * @throws io.netns4j.error.NotFoundException when a device the lookup names does not exist
     * @throws NetnsException when there is no route or the kernel refuses the lookup
     */
    public Route get(RouteLookup q) throws NetnsException {
        RouteMessage req = RouteCodec.lookupRequest(q, name -> Interfaces.index(ns, name));
        RouteMessage reply = RouteMessage.decode(ns.routeSocket().request(req.encode(Rta.RTM_GETROUTE, 0)));
        Route r = RouteCodec.decode(reply, RouteCodec.names(ns));
        if (r == null) {
            throw new MalformedMessageException("route lookup answered with address family " + reply.family());
        }
        return r;
    }

    private record Entry(RouteMessage message, Route route) {
    }

    private List<Entry> entries(RouteFilter f) throws NetnsException {
        RouteMessage req = RouteCodec.dumpRequest(f, name -> Interfaces.index(ns, name));
        List<NetlinkMessage> dump;
        try {
            dump = ns.routeSocket().dump(req.encode(Rta.RTM_GETROUTE, 0));
        } catch (NotFoundException e) {
            if (f.table() != null && f.table() == RouteTables.MAIN) {
                return List.of(); // no main table yet (ip says nothing either)
            }
            throw e;
        }
        RouteCodec.Names names = RouteCodec.names(ns);
        List<Entry> out = new ArrayList<>();
        for (NetlinkMessage m : dump) {
            if (m.type() != Rta.RTM_NEWROUTE) {
                continue;
            }
            RouteMessage rm = RouteMessage.decode(m);
            if (((rm.flags() & Rta.RTM_F_CLONED) != 0) != f.cached()) {
                continue; // the tables, or with cached only the cache, as ip's filter keeps them apart
            }
            Route r = RouteCodec.decode(rm, names);
            if (r != null && f.matches(r)) {
                out.add(new Entry(rm, r));
            }
        }
        return out;
    }

    /**
     * One RTM_NEWROUTE or RTM_DELROUTE message read as a route, its devices named in this
     * namespace: what {@code ip monitor route} prints.
     *
     * @param message the whole netlink message, header included
     * @return the route, or null for a family other than IPv4 and IPv6
     * @throws NetnsException when the message is malformed or a device name cannot be looked up
     */
    public Route decode(byte[] message) throws NetnsException {
        return decode(message, null);
    }

    /**
     * As {@link #decode(byte[])}, naming devices with {@code names} (index to name, null when
     * unknown) instead of asking the kernel: a monitor's names of links that may be gone already.
     *
     * @param message the whole netlink message, header included
     * @param names   index to name, or null to ask the kernel
     * @return the route, or null for a family other than IPv4 and IPv6
     * @throws NetnsException when the message is malformed or a device name cannot be looked up
     */
    public Route decode(byte[] message, java.util.function.IntFunction<String> names) throws NetnsException {
        java.util.List<NetlinkMessage> all = NetlinkMessage.parseAll(message, message.length);
        if (all.size() != 1) {
            throw new io.netns4j.error.MalformedMessageException("one netlink message expected, got " + all.size());
        }
        NetlinkMessage m = all.getFirst();
        if (m.type() != Rta.RTM_NEWROUTE && m.type() != Rta.RTM_DELROUTE) {
            throw new io.netns4j.error.MalformedMessageException("not a route message: type " + m.type());
        }
        RouteCodec.Names known = names == null ? RouteCodec.names(ns) : names::apply;
        return RouteCodec.decode(RouteMessage.decode(m), known);
    }
}
