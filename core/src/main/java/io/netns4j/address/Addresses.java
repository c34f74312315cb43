package io.netns4j.address;

import io.netns4j.error.BusyException;
import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.AddressMessage;
import io.netns4j.internal.netlink.route.Ifa;
import io.netns4j.internal.rtnl.Interfaces;
import io.netns4j.internal.rtnl.NamespaceSession;
import io.netns4j.internal.rtnl.NetlinkSocket;
import io.netns4j.internal.sys.Errno;
import io.netns4j.link.Link;
import io.netns4j.link.Links;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The IP addresses of one namespace: {@code ip -n NS address ...}. Each verb checks its input,
 * then sends one netlink request (or one dump) on the namespace's socket.
 *
 * <pre>{@code
 * Addresses addresses = Addresses.of(ns);
 * addresses.add(AddressRequest.of("veth0", "10.0.0.1/24").withBroadcastAuto());
 * List<Address> mine = addresses.list(AddressFilter.all().withDevice("veth0"));
 * }</pre>
 */
public final class Addresses {
    private static final int MAX_FLUSH_ROUNDS = 10;

    private final NamespaceSession ns;

    private Addresses(NamespaceSession ns) {
        this.ns = ns;
    }

    /**
     * The addresses of a namespace; {@code Netns.addresses()} is the usual way to get them.
     *
     * @param ns the namespace's session (its route socket)
     * @return the facade
     */
    public static Addresses of(NamespaceSession ns) {
        return new Addresses(ns);
    }

    /**
     * Adds an address. Equivalent to: {@code ip addr add 10.0.0.1/24 dev eth0}.
     *
     * @param spec the address
     * @throws IllegalArgumentException when the request is inconsistent (preferred lifetime above the valid one)
     * @throws io.netns4j.error.AlreadyExistsException when the address is there already
     * @throws io.netns4j.error.NotFoundException when there is no such device
     * @throws NetnsException when the kernel refuses otherwise
     */
    public void add(AddressRequest spec) throws NetnsException {
        modify(spec, Ifa.RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
    }

    /**
     * Adds {@code prefix} to {@code device}. Equivalent to: {@code ip addr add PREFIX dev DEVICE}.
     *
     * @param device the interface name
     * @param prefix the address, {@code 10.0.0.1/24}
     * @throws IllegalArgumentException when {@code device} or {@code prefix} is not valid
     * @throws io.netns4j.error.AlreadyExistsException when the address is there already
     * @throws NetnsException when there is no such device or the kernel refuses otherwise
     */
    public void add(String device, String prefix) throws NetnsException {
        add(AddressRequest.of(device, prefix));
    }

    /**
     * Adds an address, or updates it (lifetimes, flags, ...) when it exists.
     * Equivalent to: {@code ip addr replace 10.0.0.1/24 dev eth0}.
     *
     * @param spec the address
     * @throws NetnsException when there is no such device or the kernel refuses
     */
    public void replace(AddressRequest spec) throws NetnsException {
        modify(spec, Ifa.RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE);
    }

    /**
     * Updates an address's lifetimes, flags, ... without NLM_F_CREATE. (The kernel adds the
     * address when it is missing all the same, for IPv4 and IPv6.)
     * Equivalent to: {@code ip addr change 10.0.0.1/24 dev eth0 preferred_lft 0}.
     *
     * @param spec the address
     * @throws NetnsException when there is no such device or the kernel refuses
     */
    public void change(AddressRequest spec) throws NetnsException {
        modify(spec, Ifa.RTM_NEWADDR, Netlink.NLM_F_REPLACE);
    }

    /**
     * Removes an address. Equivalent to: {@code ip addr del 10.0.0.1/24 dev eth0}.
     *
     * @param spec the address; see {@link AddressRequest#anyPrefixLength} for {@code del} without a length
     * @throws NetnsException when there is no such device or address (the kernel answers EADDRNOTAVAIL), or it refuses
     */
    public void delete(AddressRequest spec) throws NetnsException {
        modify(spec, Ifa.RTM_DELADDR, 0);
    }

    /**
     * The addresses {@code filter} selects, in the kernel's order (by interface; IPv4 before
     * IPv6). Equivalent to: {@code ip addr show [dev eth0] [scope global] ...}.
     *
     * @param filter what to select
     * @return the addresses, possibly empty
     * @throws io.netns4j.error.NotFoundException when the filter names a device that does not exist
     * @throws NetnsException when the dump fails
     */
    public List<Address> list(AddressFilter filter) throws NetnsException {
        List<Address> out = new ArrayList<>();
        for (Selected s : select(filter)) {
            out.add(s.address);
        }
        return out;
    }

    /**
     * Every address. Equivalent to: {@code ip addr show}.
     *
     * @return the addresses
     * @throws NetnsException when the dump fails
     */
    public List<Address> list() throws NetnsException {
        return list(AddressFilter.all());
    }

    /**
     * Removes the addresses {@code filter} selects, repeating until none is left (removing a
     * primary IPv4 address may promote a secondary).
     * Equivalent to: {@code ip addr flush dev eth0 [scope global] ...}.
     *
     * @param filter what to remove
     * @return how many were removed
     * @throws io.netns4j.error.BusyException when addresses keep appearing after 10 rounds
     * @throws NetnsException when the filter names a missing device, or the kernel refuses a delete
     */
    public int flush(AddressFilter filter) throws NetnsException {
        int flushed = 0;
        for (int round = 0; round < MAX_FLUSH_ROUNDS; round++) {
            List<byte[]> deletes = new ArrayList<>();
            for (Selected s : select(filter)) {
                deletes.add(s.message.encode(Ifa.RTM_DELADDR, 0));
            }
            if (deletes.isEmpty()) {
                return flushed;
            }
            for (NetnsException e : ns.routeSocket().executeAll(deletes)) {
                // deleting a primary IPv4 address can take its secondaries along
                if (e != null && e.errno() != Errno.EADDRNOTAVAIL) {
                    throw e;
                }
            }
            flushed += deletes.size();
        }
        throw new BusyException("Flush remains incomplete after " + MAX_FLUSH_ROUNDS
                + " rounds: addresses keep appearing; try again", Errno.EBUSY, null);
    }

    private record Selected(Address address, AddressMessage message) {
    }

    private List<Selected> select(AddressFilter filter) throws NetnsException {
        NetlinkSocket socket = ns.routeSocket();
        int index = filter.device() == null ? 0 : Interfaces.index(ns, filter.device());
        int family = filter.family() == null ? 0 : filter.family().number();
        Map<Integer, String> names = filter.label() == null ? Map.of() : interfaceNames(ns);
        List<Selected> out = new ArrayList<>();
        for (NetlinkMessage m : socket.dump(AddressMessage.dumpRequest(family, index).encode(Ifa.RTM_GETADDR, 0))) {
            if (m.type() != Ifa.RTM_NEWADDR) {
                continue;
            }
            AddressMessage am = AddressMessage.decode(m);
            Address a = AddressCodec.decode(am);
            if (a != null && (index == 0 || a.index() == index) && filter.matches(a, names.get(a.index()))) {
                out.add(new Selected(a, am));
            }
        }
        return out;
    }

    /**
     * Interface names by index, from one link dump ({@code ip link show}).
     *
     * @param ns the namespace's session
     * @return the names, by interface index
     * @throws NetnsException when the dump fails
     */
    public static Map<Integer, String> interfaceNames(NamespaceSession ns) throws NetnsException {
        Map<Integer, String> names = new HashMap<>();
        for (Link l : Links.of(ns).list()) {
            names.put(l.index(), l.name());
        }
        return names;
    }

    private void modify(AddressRequest spec, int type, int flags) throws NetnsException {
        spec.validate();
        int index = Interfaces.index(ns, spec.device());
        ns.routeSocket().execute(AddressCodec.encode(spec, index, type, flags));
    }

    /**
     * One RTM_NEWADDR or RTM_DELADDR message read as an address: what {@code ip monitor address}
     * prints.
     *
     * @param message the whole netlink message, header included
     * @return the address, or null for a family other than IPv4 and IPv6
     * @throws io.netns4j.error.MalformedMessageException when the message is not one well-formed address message
     */
    public static Address decode(byte[] message) throws io.netns4j.error.MalformedMessageException {
        java.util.List<NetlinkMessage> all = NetlinkMessage.parseAll(message, message.length);
        if (all.size() != 1) {
            throw new io.netns4j.error.MalformedMessageException("one netlink message expected, got " + all.size());
        }
        NetlinkMessage m = all.getFirst();
        if (m.type() != Ifa.RTM_NEWADDR && m.type() != Ifa.RTM_DELADDR) {
            throw new io.netns4j.error.MalformedMessageException("not an address message: type " + m.type());
        }
        return AddressCodec.decode(AddressMessage.decode(m));
    }
}
