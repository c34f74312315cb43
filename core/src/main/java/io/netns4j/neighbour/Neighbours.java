package io.netns4j.neighbour;

import io.netns4j.address.Addresses;
import io.netns4j.error.BusyException;
import io.netns4j.error.MalformedMessageException;
import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.Nda;
import io.netns4j.internal.netlink.route.NeighbourMessage;
import io.netns4j.internal.rtnl.Interfaces;
import io.netns4j.internal.rtnl.NamespaceSession;
import io.netns4j.internal.sys.Errno;
import io.netns4j.types.InetFamily;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The neighbour (ARP and NDP) tables of one namespace: {@code ip -n NS neigh ...}. Each verb
 * checks its input, then sends one netlink request (or one dump) on the namespace's socket.
 *
 * <pre>{@code
 * Neighbours.of(ns).add(NeighbourRequest.of("veth0", InetPrefix.parseAddress("10.0.0.2"))
 *         .lladdr(MacAddress.parse("02:00:00:00:00:02")));
 * }</pre>
 */
public final class Neighbours {
    private static final int MAX_FLUSH_ROUNDS = 10;

    private final NamespaceSession ns;

    private Neighbours(NamespaceSession ns) {
        this.ns = ns;
    }

    /**
     * The neighbour table of a namespace; {@code Netns.neighbours()} is the usual way to get it.
     *
     * @param ns the namespace's session (its route socket)
     * @return the facade
     */
    public static Neighbours of(NamespaceSession ns) {
        return new Neighbours(ns);
    }

    /**
     * Adds an entry.
     * Equivalent to: {@code ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev eth0 nud permanent}.
     *
     * @param spec the entry
     * @throws io.netns4j.error.AlreadyExistsException when there is one already
     * @throws io.netns4j.error.NotFoundException when there is no such device
     * @throws NetnsException when the kernel refuses otherwise
     */
    public void add(NeighbourRequest spec) throws NetnsException {
        modify(spec, Nda.RTM_NEWNEIGH, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
    }

    /**
     * Adds an entry or overwrites the one there.
     * Equivalent to: {@code ip neigh replace 10.0.0.2 lladdr 02:00:00:00:00:02 dev eth0 nud reachable}.
     *
     * @param spec the entry
     * @throws io.netns4j.error.NotFoundException when there is no such device
     * @throws NetnsException when the kernel refuses
     */
    public void replace(NeighbourRequest spec) throws NetnsException {
        modify(spec, Nda.RTM_NEWNEIGH, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE);
    }

    /**
     * Changes an existing entry.
     * Equivalent to: {@code ip neigh change 10.0.0.2 lladdr 02:00:00:00:00:03 dev eth0}.
     *
     * @param spec the entry
     * @throws io.netns4j.error.NotFoundException when there is no such entry or device
     * @throws NetnsException when the kernel refuses otherwise
     */
    public void change(NeighbourRequest spec) throws NetnsException {
        modify(spec, Nda.RTM_NEWNEIGH, Netlink.NLM_F_REPLACE);
    }

    /**
     * Removes an entry. Equivalent to: {@code ip neigh del 10.0.0.2 dev eth0}.
     *
     * @param spec the entry
     * @throws io.netns4j.error.NotFoundException when there is no such entry or device
     * @throws NetnsException when the kernel refuses otherwise
     */
    public void delete(NeighbourRequest spec) throws NetnsException {
        modify(spec, Nda.RTM_DELNEIGH, 0);
    }

    /**
     * The entries {@code filter} selects, with their interface names.
     * Equivalent to: {@code ip neigh show [proxy] [dev eth0] [nud STATE] [to PREFIX]}.
     *
     * @param filter what to select
     * @return the entries, possibly empty
     * @throws io.netns4j.error.NotFoundException when the filter names a device that does not exist
     * @throws NetnsException when a dump fails
     */
    public List<Neighbour> list(NeighbourFilter filter) throws NetnsException {
        List<Neighbour> out = new ArrayList<>();
        for (Selected s : select(filter, filter.listMask())) {
            out.add(s.neighbour);
        }
        return out;
    }

    /**
     * The kernel's entry for {@code destination} on {@code device}, asked for by itself (not
     * from a dump). Equivalent to: {@code ip neigh get ADDR dev NAME}.
     *
     * @param device      the interface
     * @param destination the neighbour's address
     * @param proxy       a proxy entry ({@code ip neigh get proxy ADDR dev NAME})
     * @return the entry
     * @throws io.netns4j.error.NotFoundException when the device or the entry does not exist
     * @throws NetnsException when the request fails
     */
    public Neighbour get(String device, InetAddress destination, boolean proxy) throws NetnsException {
        int index = Interfaces.index(ns, device);
        byte[] request = NeighbourMessage.request(InetFamily.of(destination).number(), index, 0,
                proxy ? Nda.NTF_PROXY : 0).withDestination(destination).encode(Nda.RTM_GETNEIGH, 0);
        NeighbourMessage nm = NeighbourMessage.decode(ns.routeSocket().request(request));
        Neighbour n = NeighbourCodec.decode(nm, Addresses.interfaceNames(ns).get(nm.index()));
        if (n == null) {
            throw new MalformedMessageException("RTM_GETNEIGH answered without NDA_DST");
        }
        return n;
    }

    /**
     * Every entry {@code ip neigh show} lists. Equivalent to: {@code ip neigh show}.
     *
     * @return the entries
     * @throws NetnsException when a dump fails
     */
    public List<Neighbour> list() throws NetnsException {
        return list(NeighbourFilter.all());
    }

    /**
     * Removes the entries {@code filter} selects (by default all but permanent and noarp ones),
     * repeating until none is left. Equivalent to: {@code ip neigh flush dev eth0 [nud STATE] [to PREFIX]}.
     *
     * @param filter what to remove
     * @return how many were removed
     * @throws io.netns4j.error.BusyException when entries keep appearing after 10 rounds
     * @throws NetnsException when the filter names a missing device, or the kernel refuses a delete
     */
    public int flush(NeighbourFilter filter) throws NetnsException {
        int mask = filter.flushMask();
        int flushed = 0;
        for (int round = 0; round < MAX_FLUSH_ROUNDS; round++) {
            List<byte[]> deletes = new ArrayList<>();
            for (Selected s : select(filter, mask)) {
                deletes.add(s.message.encode(Nda.RTM_DELNEIGH, 0));
            }
            if (deletes.isEmpty()) {
                return flushed;
            }
            for (NetnsException e : ns.routeSocket().executeAll(deletes)) {
                if (e != null && e.errno() != Errno.ENOENT) {
                    throw e;
                }
            }
            flushed += deletes.size();
            // as ip does: a failed entry still referenced is not deleted; do not retry it for ever
            mask &= ~Nda.NUD_FAILED;
        }
        throw new BusyException("Flush not complete after " + MAX_FLUSH_ROUNDS
                + " rounds: entries keep appearing; try again", Errno.EBUSY, null);
    }

    private record Selected(Neighbour neighbour, NeighbourMessage message) {
    }

    private List<Selected> select(NeighbourFilter filter, int stateMask) throws NetnsException {
        int index = filter.device() == null ? 0 : Interfaces.index(ns, filter.device());
        int family = filter.family() == null ? 0 : filter.family().number();
        byte[] request = NeighbourMessage.dumpRequest(family, filter.isProxy() ? Nda.NTF_PROXY : 0, index)
                .encode(Nda.RTM_GETNEIGH, 0);
        List<NetlinkMessage> dumped = ns.routeSocket().dump(request);
        Map<Integer, String> names = Addresses.interfaceNames(ns);
        List<Selected> out = new ArrayList<>();
        for (NetlinkMessage m : dumped) {
            if (m.type() != Nda.RTM_NEWNEIGH) {
                continue;
            }
            NeighbourMessage nm = NeighbourMessage.decode(m);
            if (InetFamily.ofNumber(nm.family()) == null || (index != 0 && nm.index() != index)) {
                continue;
            }
            Neighbour n = NeighbourCodec.decode(nm, names.get(nm.index()));
            if (n != null && filter.matches(n, stateMask)) {
                out.add(new Selected(n, nm));
            }
        }
        return out;
    }

    private void modify(NeighbourRequest spec, int type, int flags) throws NetnsException {
        int index = Interfaces.index(ns, spec.device());
        ns.routeSocket().execute(NeighbourCodec.encode(spec, index, type, flags));
    }

    /**
     * One RTM_NEWNEIGH or RTM_DELNEIGH message read as a neighbour entry, its device named in
     * this namespace: what {@code ip monitor neigh} prints.
     *
     * @param message the whole netlink message, header included
     * @return the entry, or null when it is not an IPv4 or IPv6 one
     * @throws NetnsException when the message is malformed or the device name cannot be looked up
     */
    public Neighbour decode(byte[] message) throws NetnsException {
        return decode(message, null);
    }

    /**
     * As {@link #decode(byte[])}, naming the device with {@code names} instead of asking the kernel.
     *
     * @param message the whole netlink message, header included
     * @param names   index to name, or null to ask the kernel
     * @return the entry, or null when it is not an IPv4 or IPv6 one
     * @throws NetnsException when the message is malformed or the device name cannot be looked up
     */
    public Neighbour decode(byte[] message, java.util.function.IntFunction<String> names) throws NetnsException {
        java.util.List<NetlinkMessage> all = NetlinkMessage.parseAll(message, message.length);
        if (all.size() != 1) {
            throw new io.netns4j.error.MalformedMessageException("one netlink message expected, got " + all.size());
        }
        NetlinkMessage m = all.getFirst();
        if (m.type() != Nda.RTM_NEWNEIGH && m.type() != Nda.RTM_DELNEIGH) {
            throw new MalformedMessageException("not a neighbour message: type " + m.type());
        }
        NeighbourMessage nm = NeighbourMessage.decode(m);
        if (InetFamily.ofNumber(nm.family()) == null) {
            return null;
        }
        return NeighbourCodec.decode(nm, names == null ? Addresses.interfaceNames(ns).get(nm.index())
                : names.apply(nm.index()));
    }
}
