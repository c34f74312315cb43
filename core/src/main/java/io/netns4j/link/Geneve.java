package io.netns4j.link;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A Geneve tunnel: {@code ip link add gn0 type geneve id 5 remote 10.0.0.2 dstport 6081 ttl 64}
 * is {@code Geneve.id(5).withRemote(addr).withDstPort(6081).withTtl(64)}.
 *
 * @param id      the virtual network identifier ({@code id}), 0 to 16777215
 * @param remote  the remote endpoint ({@code remote}), IPv4 or IPv6; or null
 * @param dstPort the UDP destination port ({@code dstport}); null for the kernel's default (6081)
 * @param ttl     the outer TTL ({@code ttl}); null for the kernel's default
 */
public record Geneve(int id, InetAddress remote, Integer dstPort, Integer ttl) implements LinkKind {
    /**
     * Checks the id.
     *
     * @throws IllegalArgumentException when {@code id} is outside 0 to 16777215
     */
    public Geneve {
        if (id < 0 || id > 0xffffff) {
            throw new IllegalArgumentException("geneve id " + id + " is out of range (0 to 16777215)");
        }
    }

    /**
     * A Geneve tunnel with only an id: {@code ip link add NAME type geneve id ID}.
     *
     * @param id the virtual network identifier, 0 to 16777215
     * @return the geneve kind
     * @throws IllegalArgumentException when {@code id} is out of range
     */
    public static Geneve id(int id) {
        return new Geneve(id, null, null, null);
    }

    /**
     * The same Geneve tunnel with {@code remote ADDR}.
     *
     * @param value the remote endpoint, IPv4 or IPv6
     * @return a new Geneve tunnel kind; this one is unchanged
     */
    public Geneve withRemote(InetAddress value) {
        return new Geneve(id, value, dstPort, ttl);
    }

    /**
     * The same Geneve tunnel with {@code dstport PORT}.
     *
     * @param value the UDP destination port, 1 to 65535
     * @return a new Geneve tunnel kind; this one is unchanged
     */
    public Geneve withDstPort(int value) {
        return new Geneve(id, remote, value, ttl);
    }

    /**
     * The same Geneve tunnel with {@code ttl N}.
     *
     * @param value the outer TTL, 0 to 255
     * @return a new Geneve tunnel kind; this one is unchanged
     */
    public Geneve withTtl(int value) {
        return new Geneve(id, remote, dstPort, value);
    }

    private static final int IFLA_GENEVE_ID = 1;
    private static final int IFLA_GENEVE_REMOTE = 2;
    private static final int IFLA_GENEVE_TTL = 3;
    private static final int IFLA_GENEVE_TOS = 4;
    private static final int IFLA_GENEVE_PORT = 5;
    private static final int IFLA_GENEVE_REMOTE6 = 7;
    private static final int IFLA_GENEVE_LABEL = 11;

    /** IFLA_GENEVE_ID, REMOTE or REMOTE6, LABEL, TTL, TOS, PORT (network byte order), in ip's order. */
    @Override
    public void writeData(LinkKindData data) {
        data.u32(IFLA_GENEVE_ID, id);
        if (remote != null) {
            data.bytes(remote instanceof Inet6Address ? IFLA_GENEVE_REMOTE6 : IFLA_GENEVE_REMOTE, remote.getAddress());
        }
        data.u32(IFLA_GENEVE_LABEL, 0); // ip always sends the flow label and TOS
        if (ttl != null) {
            data.u8(IFLA_GENEVE_TTL, ttl);
        }
        data.u8(IFLA_GENEVE_TOS, 0);
        if (dstPort != null) {
            data.bytes(IFLA_GENEVE_PORT, new byte[] {(byte) (dstPort >> 8), (byte) (int) dstPort});
        }
    }

    @Override
    public String kindName() {
        return "geneve";
    }
}
