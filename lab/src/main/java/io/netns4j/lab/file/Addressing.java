package io.netns4j.lab.file;

import io.netns4j.lab.model.AddressPools;
import io.netns4j.lab.model.Endpoint;
import io.netns4j.lab.model.NodeKind;
import io.netns4j.lab.model.TopologyLink;
import io.netns4j.types.InetPrefix;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Automatic addressing from {@link AddressPools}: a segment with no address of a family gets
 * the next free subnet of that family, and its ends get host numbers 1, 2, ... in link order
 * (for an IPv4 /31: 0 and 1). Only whole segments are filled: a segment with one address of a
 * family given in the file gets nothing of that family automatically.
 */
final class Addressing {
    private final TopologyParser p;

    Addressing(TopologyParser parser) {
        this.p = parser;
    }

    List<TopologyLink> assign(List<TopologyLink> links, Map<String, NodeKind> kinds, AddressPools pools) {
        List<TopologyLink> out = new ArrayList<>(links);
        List<InetPrefix> taken = new ArrayList<>();
        links.forEach(l -> {
            l.a().addresses().forEach(a -> taken.add(a.network()));
            l.b().addresses().forEach(a -> taken.add(a.network()));
        });
        for (boolean ipv6 : new boolean[] {false, true}) {
            InetPrefix pool = ipv6 ? pools.ipv6() : pools.ipv4();
            if (pool == null) {
                continue;
            }
            BigInteger next = BigInteger.ZERO;
            for (Segment s : Segment.of(out, kinds)) {
                if (s.ends().stream().anyMatch(at -> Segment.end(out, at).addresses().stream()
                        .anyMatch(a -> a.isIpv6() == ipv6))) {
                    continue;
                }
                int length = ipv6 ? AddressPools.IPV6_LENGTH : s.bridge() == null ? pools.ipv4LinkLength()
                        : pools.ipv4LanLength();
                if (length < pool.length()) {
                    length = pool.length();
                }
                BigInteger hosts = BigInteger.ONE.shiftLeft((ipv6 ? 128 : 32) - length);
                // never a network or broadcast address (IPv4 below /31), never the all-zero
                // subnet-router anycast address (IPv6 below /127): see HostAddress
                boolean whole = length >= (ipv6 ? 127 : 31);
                BigInteger usable = whole ? hosts : hosts.subtract(ipv6 ? BigInteger.ONE : BigInteger.TWO);
                if (usable.compareTo(BigInteger.valueOf(s.ends().size())) < 0) {
                    p.problems.at(p.where.get(Segment.end(out, s.ends().getLast())), s.describe(out) + " has "
                            + s.ends().size() + " members but an automatic /" + length + " holds " + usable,
                            "set \"ipv4-lan-length\" under \"pools\" to a shorter length");
                    return out;
                }
                // subnets are handed out upwards from the pool's start, each aligned to its size,
                // so subnets of different lengths never overlap
                BigInteger size = BigInteger.ONE.shiftLeft((ipv6 ? 128 : 32) - length);
                BigInteger end = BigInteger.ONE.shiftLeft((ipv6 ? 128 : 32) - pool.length());
                BigInteger offset = next.add(size).subtract(BigInteger.ONE).divide(size).multiply(size);
                InetPrefix subnet = null;
                while (subnet == null && offset.add(size).compareTo(end) <= 0) {
                    InetPrefix candidate = new InetPrefix(address(pool, offset), length);
                    offset = offset.add(size);
                    if (taken.stream().noneMatch(t -> overlaps(t, candidate))) {
                        subnet = candidate;
                        next = offset;
                    }
                }
                if (subnet == null) {
                    p.problems.at(p.where.get(Segment.end(out, s.ends().getFirst())), "address pool " + pool
                            + " is exhausted: no free /" + length + " is left for " + s.describe(out),
                            "make the pool larger or give this segment's addresses in the file");
                    break;
                }
                int host = whole ? 0 : 1;
                for (int[] at : s.ends()) {
                    Endpoint e = Segment.end(out, at);
                    List<InetPrefix> list = new ArrayList<>(e.addresses());
                    list.add(new InetPrefix(address(subnet, BigInteger.valueOf(host++)), length));
                    TopologyLink l = out.get(at[0]);
                    Endpoint ne = e.withAddresses(list);
                    p.where.put(ne, p.where.get(e));
                    TopologyLink nl = at[1] == 0 ? new TopologyLink(ne, l.b()) : new TopologyLink(l.a(), ne);
                    p.where.put(nl, p.where.get(l));
                    out.set(at[0], nl);
                }
            }
        }
        return out;
    }

    static boolean overlaps(InetPrefix a, InetPrefix b) {
        if (a.isIpv6() != b.isIpv6()) {
            return false;
        }
        int len = Math.min(a.length(), b.length());
        return new InetPrefix(a.address(), len).network().equals(new InetPrefix(b.address(), len).network());
    }

    private static InetAddress address(InetPrefix base, BigInteger offset) {
        int size = base.isIpv6() ? 16 : 4;
        BigInteger v = new BigInteger(1, base.network().address().getAddress()).add(offset);
        byte[] raw = v.toByteArray();
        byte[] b = new byte[size];
        int n = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - n, b, size - n, n);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
