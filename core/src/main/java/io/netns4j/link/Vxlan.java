package io.netns4j.link;

import io.netns4j.error.NetnsException;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A VXLAN tunnel endpoint: {@code ip link add vx0 type vxlan id 42 remote 10.0.0.2 local
 * 10.0.0.1 dstport 4789 dev eth0 ttl 64 nolearning}. Use either {@code remote} or {@code group}.
 * Options left null take the kernel's default and are not sent. Start with {@link #id(int)}
 * and add options with the {@code withX} methods: {@code Vxlan.id(42).withRemote(addr).withDstPort(4789)}.
 *
 * @param id       the VXLAN network identifier ({@code id}), 0 to 16777215
 * @param remote   the unicast remote endpoint ({@code remote}), IPv4 or IPv6; or null
 * @param group    the multicast group ({@code group}); or null
 * @param local    the source address ({@code local}); or null
 * @param dstPort  the UDP destination port ({@code dstport}); null for the kernel's default (8472)
 * @param device   the device for the tunnel's packets ({@code dev}); or null
 * @param ttl      the outer TTL ({@code ttl}); or null
 * @param learning {@code learning}/{@code nolearning}; or null
 */
public record Vxlan(int id, InetAddress remote, InetAddress group, InetAddress local, Integer dstPort,
                    String device, Integer ttl, Boolean learning) implements LinkKind {
    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException when {@code id} is outside 0 to 16777215, or both {@code remote} and
     * {@code group} are given
     */
    public Vxlan {
        if (id < 0 || id > 0xffffff) {
            throw new IllegalArgumentException("vxlan id " + id + " is out of range (0 to 16777215)");
        }
        if (remote != null && group != null) {
            throw new IllegalArgumentException("vxlan takes \"remote\" or \"group\", not both");
        }
    }

    /**
     * A VXLAN with only an id: {@code ip link add NAME type vxlan id ID}.
     *
     * @param id the VXLAN network identifier, 0 to 16777215
     * @return the vxlan kind
     * @throws IllegalArgumentException when {@code id} is out of range
     */
    public static Vxlan id(int id) {
        return new Vxlan(id, null, null, null, null, null, null, null);
    }

    /**
     * The same VXLAN with {@code remote ADDR}.
     *
     * @param value the unicast remote endpoint, IPv4 or IPv6
     * @return a new VXLAN kind; this one is unchanged
     */
    public Vxlan withRemote(InetAddress value) {
        return new Vxlan(id, value, group, local, dstPort, device, ttl, learning);
    }

    /**
     * The same VXLAN with {@code group ADDR}.
     *
     * @param value the multicast group
     * @return a new VXLAN kind; this one is unchanged
     */
    public Vxlan withGroup(InetAddress value) {
        return new Vxlan(id, remote, value, local, dstPort, device, ttl, learning);
    }

    /**
     * The same VXLAN with {@code local ADDR}.
     *
     * @param value the source address
     * @return a new VXLAN kind; this one is unchanged
     */
    public Vxlan withLocal(InetAddress value) {
        return new Vxlan(id, remote, group, value, dstPort, device, ttl, learning);
    }

    /**
     * The same VXLAN with {@code dstport PORT}.
     *
     * @param value the UDP destination port, 1 to 65535
     * @return a new VXLAN kind; this one is unchanged
     */
    public Vxlan withDstPort(int value) {
        return new Vxlan(id, remote, group, local, value, device, ttl, learning);
    }

    /**
     * The same VXLAN with {@code dev NAME}.
     *
     * @param value the device for the tunnel's packets
     * @return a new VXLAN kind; this one is unchanged
     */
    public Vxlan withDevice(String value) {
        return new Vxlan(id, remote, group, local, dstPort, value, ttl, learning);
    }

    /**
     * The same VXLAN with {@code ttl N}.
     *
     * @param value the outer TTL, 0 to 255
     * @return a new VXLAN kind; this one is unchanged
     */
    public Vxlan withTtl(int value) {
        return new Vxlan(id, remote, group, local, dstPort, device, value, learning);
    }

    /**
     * The same VXLAN with {@code learning} (true) or {@code nolearning}.
     *
     * @param value true to learn remote addresses
     * @return a new VXLAN kind; this one is unchanged
     */
    public Vxlan withLearning(boolean value) {
        return new Vxlan(id, remote, group, local, dstPort, device, ttl, value);
    }

    private static final int IFLA_VXLAN_ID = 1;
    private static final int IFLA_VXLAN_GROUP = 2;
    private static final int IFLA_VXLAN_LINK = 3;
    private static final int IFLA_VXLAN_LOCAL = 4;
    private static final int IFLA_VXLAN_TTL = 5;
    private static final int IFLA_VXLAN_LEARNING = 7;
    private static final int IFLA_VXLAN_PORT = 15;
    private static final int IFLA_VXLAN_GROUP6 = 16;
    private static final int IFLA_VXLAN_LOCAL6 = 17;

    /** IFLA_VXLAN_* in ip's fixed order: link, ttl, id, local, remote/group, learning, port (network byte order). */
    @Override
    public void writeData(LinkKindData data) throws NetnsException {
        if (device != null) {
            data.u32(IFLA_VXLAN_LINK, data.indexOf(device));
        }
        if (ttl != null) {
            data.u8(IFLA_VXLAN_TTL, ttl);
        }
        data.u32(IFLA_VXLAN_ID, id);
        if (local != null) {
            data.bytes(local instanceof Inet6Address ? IFLA_VXLAN_LOCAL6 : IFLA_VXLAN_LOCAL, local.getAddress());
        }
        InetAddress peer = remote != null ? remote : group;
        if (peer != null) {
            data.bytes(peer instanceof Inet6Address ? IFLA_VXLAN_GROUP6 : IFLA_VXLAN_GROUP, peer.getAddress());
        }
        if (learning != null) {
            data.u8(IFLA_VXLAN_LEARNING, learning ? 1 : 0);
        }
        if (dstPort != null) {
            data.bytes(IFLA_VXLAN_PORT, new byte[] {(byte) (dstPort >> 8), (byte) (int) dstPort});
        }
    }

    @Override
    public String kindName() {
        return "vxlan";
    }
}
