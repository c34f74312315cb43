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
import io.netns4j.route.RouteScopes;
import io.netns4j.types.InetPrefix;

import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * addresses.add(AddressRequest.of("veth0", "10.0.0.1/24").broadcastAuto());
 * List<Address> mine = addresses.list(AddressFilter.all().device("veth0"));
 * }</pre>
 */
public final class Addresses {
    private static final int MAX_FLUSH_ROUNDS = 10;

    private final NamespaceSession ns;

    private Addresses(NamespaceSession ns) {
        this.ns = ns;
    }

    public static Addresses of(NamespaceSession ns) {
        return new Addresses(ns);
    }

    /**
     * Adds an address; fails with {@link AlreadyExistsException} when it is there already.
     * Equivalent to: {@code ip addr add 10.0.0.1/24 dev eth0}.
     */
    public void add(AddressRequest spec) throws NetnsException {
        modify(spec, Ifa.RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
    }

    /** Adds {@code prefix} to {@code device}. Equivalent to: {@code ip addr add PREFIX dev DEVICE}. */
    public void add(String device, String prefix) throws NetnsException {
        add(AddressRequest.of(device, prefix));
    }

    /**
     * Adds an address, or updates it (lifetimes, flags, ...) when it exists.
     * Equivalent to: {@code ip addr replace 10.0.0.1/24 dev eth0}.
     */
    public void replace(AddressRequest spec) throws NetnsException {
        modify(spec, Ifa.RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE);
    }

    /**
     * Updates an address's lifetimes, flags, ... without NLM_F_CREATE. (The kernel adds the
     * address when it is missing all the same, for IPv4 and IPv6.)
     * Equivalent to: {@code ip addr change 10.0.0.1/24 dev eth0 preferred_lft 0}.
     */
    public void change(AddressRequest spec) throws NetnsException {
        modify(spec, Ifa.RTM_NEWADDR, Netlink.NLM_F_REPLACE);
    }

    /** Removes an address. Equivalent to: {@code ip addr del 10.0.0.1/24 dev eth0}. */
    public void delete(AddressRequest spec) throws NetnsException {
        modify(spec, Ifa.RTM_DELADDR, 0);
    }

    /**
     * The addresses {@code filter} selects, in the kernel's order (by interface; IPv4 before
     * IPv6). Equivalent to: {@code ip addr show [dev eth0] [scope global] ...}.
     */
    public List<Address> list(AddressFilter filter) throws NetnsException {
        List<Address> out = new ArrayList<>();
        for (Selected s : select(filter)) {
            out.add(s.address);
        }
        return out;
    }

    /** Every address. Equivalent to: {@code ip addr show}. */
    public List<Address> list() throws NetnsException {
        return list(AddressFilter.all());
    }

    /**
     * Removes the addresses {@code filter} selects, repeating until none is left (removing a
     * primary IPv4 address may promote a secondary). Returns how many were removed.
     * Equivalent to: {@code ip addr flush dev eth0 [scope global] ...}.
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
            Address a = Address.from(am);
            if (a != null && (index == 0 || a.index() == index) && filter.matches(a, names.get(a.index()))) {
                out.add(new Selected(a, am));
            }
        }
        return out;
    }

    /** Interface names by index, from one link dump. */
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
        ns.routeSocket().execute(encode(spec, index, type, flags));
    }

    /** The request, attributes in the order {@code ip} writes them. */
    static byte[] encode(AddressRequest spec, int index, int type, int msgFlags) {
        InetPrefix local = spec.local();
        boolean adding = type != Ifa.RTM_DELADDR;
        int flagBits = 0;
        for (AddressFlag f : spec.flags()) {
            flagBits |= f.bit();
        }
        int scope = spec.scope() != null ? spec.scope() : adding ? defaultScope(local) : 0;
        int prefixLength = spec.peer() != null ? spec.peer().length() : local.length();
        AddressMessage m = AddressMessage.request(local.family(), prefixLength, flagBits <= 0xff ? flagBits : 0, scope,
                index).withAddress(Ifa.IFA_LOCAL, local.address());
        if (spec.label() != null) {
            m = m.withLabel(spec.label());
        }
        if (spec.metric() != null) {
            m = m.withU32(Ifa.IFA_RT_PRIORITY, (int) (long) spec.metric());
        }
        if (flagBits > 0xff) {
            m = m.withU32(Ifa.IFA_FLAGS, flagBits);
        }
        if (spec.peer() != null) {
            m = m.withAddress(Ifa.IFA_ADDRESS, spec.peer().address());
        } else if (!spec.matchesAnyPrefixLength()) {
            m = m.withAddress(Ifa.IFA_ADDRESS, local.address());
        }
        if (spec.broadcast() != null) {
            m = m.withAddress(Ifa.IFA_BROADCAST, spec.broadcast());
        } else if (spec.isBroadcastAuto() && adding && prefixLength <= 30) {
            InetPrefix base = spec.peer() != null ? spec.peer() : local;
            m = m.withAddress(Ifa.IFA_BROADCAST, hostBitsSet(base.address(), prefixLength));
        }
        if (spec.anycast() != null) {
            m = m.withAddress(Ifa.IFA_ANYCAST, spec.anycast());
        }
        if (spec.validLifetime() != null || spec.preferredLifetime() != null) {
            long valid = spec.validLifetime() == null ? Address.FOREVER : spec.validLifetime();
            long preferred = spec.preferredLifetime() == null ? Address.FOREVER : spec.preferredLifetime();
            m = m.withCacheInfo(new AddressMessage.CacheInfo(preferred, valid, 0, 0));
        }
        return m.encode(type, msgFlags);
    }

    /** {@code ip}'s default: host scope for 127.0.0.0/8, global for the rest. */
    private static int defaultScope(InetPrefix local) {
        return !local.isIpv6() && (local.address().getAddress()[0] & 0xff) == 127
                ? RouteScopes.HOST : RouteScopes.GLOBAL;
    }

    private static InetAddress hostBitsSet(InetAddress base, int prefixLength) {
        byte[] b = base.getAddress();
        for (int bit = prefixLength; bit < 32; bit++) {
            b[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
