package io.netns4j.link;

import io.netns4j.error.MalformedMessageException;

import java.net.InetAddress;
import java.util.function.IntFunction;

/**
 * An IPv4 tunnel, ipip or sit: {@code ip link add NAME type ipip|sit [mode MODE] [local ADDR]
 * [remote ADDR] [dev DEV] [ttl N] [tos T] [nopmtudisc] [fwmark M]}. Start with {@link #ipip()}
 * or {@link #sit()} and add options with the {@code withX} methods:
 * {@code IpTunnel.ipip().withRemote(addr).withTtl(64)}. Values left as made are ip's defaults.
 *
 * @param type          ipip or sit
 * @param mode          the inner protocol ({@code mode}); {@link Mode#ANY} by default
 * @param local         the source address ({@code local}), IPv4; null for any
 * @param remote        the far end ({@code remote}), IPv4; null for any
 * @param device        the device the tunnel's packets leave by ({@code dev}); or null
 * @param ttl           the outer TTL ({@code ttl}), 0 to 255; 0 is {@code inherit}, the default
 * @param tos           the outer TOS ({@code tos}), 0 to 255; 1 is {@code inherit}; 0 by default
 * @param pmtuDiscovery {@code pmtudisc} (true, the default) or {@code nopmtudisc}; the latter needs ttl 0
 * @param fwmark        the mark of the tunnel's packets ({@code fwmark}); 0 by default
 */
public record IpTunnel(Type type, Mode mode, InetAddress local, InetAddress remote, String device, int ttl, int tos,
                       boolean pmtuDiscovery, int fwmark) implements LinkKind {
    /** The kernel's two kinds of IPv4 tunnel. */
    public enum Type {
        /** {@code type ipip}: IP in IP. */
        IPIP,
        /** {@code type sit}: IPv6 (or IP) in IPv4. */
        SIT
    }

    /** The inner protocol ({@code mode}), IFLA_IPTUN_PROTO. */
    public enum Mode {
        /** {@code mode any}: whatever comes. */
        ANY(0, "any"),
        /** {@code mode ipip}: IPv4 inside. */
        IPIP(4, "ipip"),
        /** {@code mode ip6ip}: IPv6 inside (sit only). */
        IP6IP(41, "ip6ip"),
        /** {@code mode mplsip}: MPLS inside. */
        MPLSIP(137, "mplsip");

        /** The IP protocol number the kernel stores. */
        public final int protocol;
        /** ip's word for the mode. */
        public final String word;

        Mode(int protocol, String word) {
            this.protocol = protocol;
            this.word = word;
        }
    }

    /**
     * Checks the options as ip does.
     *
     * @throws IllegalArgumentException when an address is not IPv4, a number is out of range, ip6ip is
     * asked of ipip, or a TTL is set with {@code nopmtudisc}
     */
    public IpTunnel {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(mode, "mode");
        String kind = type.name().toLowerCase(java.util.Locale.ROOT);
        local = TunnelData.check(local, false, "local", kind);
        remote = TunnelData.check(remote, false, "remote", kind);
        TunnelData.range(ttl, 255, "ttl", kind);
        TunnelData.range(tos, 255, "tos", kind);
        if (mode == Mode.IP6IP && type != Type.SIT) {
            throw new IllegalArgumentException("mode ip6ip is for sit tunnels; ipip takes any, ipip or mplsip");
        }
        if (ttl != 0 && !pmtuDiscovery) {
            throw new IllegalArgumentException("ttl != 0 and nopmtudisc are incompatible: use ttl inherit (0)");
        }
    }

    /**
     * {@code ip link add NAME type ipip}.
     *
     * @return an ipip tunnel with ip's defaults
     */
    public static IpTunnel ipip() {
        return new IpTunnel(Type.IPIP, Mode.ANY, null, null, null, 0, 0, true, 0);
    }

    /**
     * {@code ip link add NAME type sit}.
     *
     * @return a sit tunnel with ip's defaults
     */
    public static IpTunnel sit() {
        return new IpTunnel(Type.SIT, Mode.ANY, null, null, null, 0, 0, true, 0);
    }

    /**
     * {@code ... mode MODE}.
     *
     * @param value the inner protocol
     * @return a new tunnel; this one is unchanged
     */
    public IpTunnel withMode(Mode value) {
        return new IpTunnel(type, value, local, remote, device, ttl, tos, pmtuDiscovery, fwmark);
    }

    /**
     * {@code ... local ADDR}.
     *
     * @param value the IPv4 source address
     * @return a new tunnel; this one is unchanged
     */
    public IpTunnel withLocal(InetAddress value) {
        return new IpTunnel(type, mode, value, remote, device, ttl, tos, pmtuDiscovery, fwmark);
    }

    /**
     * {@code ... remote ADDR}.
     *
     * @param value the IPv4 far end
     * @return a new tunnel; this one is unchanged
     */
    public IpTunnel withRemote(InetAddress value) {
        return new IpTunnel(type, mode, local, value, device, ttl, tos, pmtuDiscovery, fwmark);
    }

    /**
     * {@code ... dev NAME}.
     *
     * @param value the device the tunnel's packets leave by
     * @return a new tunnel; this one is unchanged
     */
    public IpTunnel withDevice(String value) {
        return new IpTunnel(type, mode, local, remote, value, ttl, tos, pmtuDiscovery, fwmark);
    }

    /**
     * {@code ... ttl N} ({@code ttl inherit} is 0).
     *
     * @param value the outer TTL, 0 to 255
     * @return a new tunnel; this one is unchanged
     */
    public IpTunnel withTtl(int value) {
        return new IpTunnel(type, mode, local, remote, device, value, tos, pmtuDiscovery, fwmark);
    }

    /**
     * {@code ... tos T} ({@code tos inherit} is 1).
     *
     * @param value the outer TOS, 0 to 255
     * @return a new tunnel; this one is unchanged
     */
    public IpTunnel withTos(int value) {
        return new IpTunnel(type, mode, local, remote, device, ttl, value, pmtuDiscovery, fwmark);
    }

    /**
     * {@code ... pmtudisc} (true) or {@code nopmtudisc}.
     *
     * @param value whether path MTU discovery is on
     * @return a new tunnel; this one is unchanged
     */
    public IpTunnel withPmtuDiscovery(boolean value) {
        return new IpTunnel(type, mode, local, remote, device, ttl, tos, value, fwmark);
    }

    /**
     * {@code ... fwmark MARK}.
     *
     * @param value the mark, as an unsigned 32-bit number
     * @return a new tunnel; this one is unchanged
     */
    public IpTunnel withFwmark(int value) {
        return new IpTunnel(type, mode, local, remote, device, ttl, tos, pmtuDiscovery, value);
    }

    static final int LINK = 1;
    static final int LOCAL = 2;
    static final int REMOTE = 3;
    static final int TTL = 4;
    static final int TOS = 5;
    static final int FLAGS = 8;
    static final int PROTO = 9;
    static final int PMTUDISC = 10;
    static final int ENCAP_TYPE = 15;
    static final int ENCAP_FLAGS = 16;
    static final int ENCAP_SPORT = 17;
    static final int ENCAP_DPORT = 18;
    static final int FWMARK = 20;

    /**
     * IFLA_IPTUN_* in ip's order (proto, local, remote, pmtudisc, tos, ttl, link, fwmark, the four
     * encap ones, and sit's flags); nothing when every option is ip's default, as ip sends
     * nothing for a bare {@code type ipip}.
     */
    @Override
    public void writeData(LinkKindData d) throws io.netns4j.error.NetnsException {
        if (!d.changing() && equals(type == Type.SIT ? sit() : ipip())) {
            return;
        }
        d.u8(PROTO, mode.protocol);
        TunnelData.address(d, LOCAL, local);
        TunnelData.address(d, REMOTE, remote);
        d.u8(PMTUDISC, pmtuDiscovery ? 1 : 0);
        d.u8(TOS, tos);
        d.u8(TTL, ttl);
        d.u32(LINK, device == null ? 0 : d.indexOf(device));
        d.u32(FWMARK, fwmark);
        d.u16(ENCAP_TYPE, 0);
        d.u16(ENCAP_FLAGS, 0);
        d.u16(ENCAP_SPORT, 0);
        d.u16(ENCAP_DPORT, 0);
        if (type == Type.SIT) {
            d.u16(FLAGS, 0);
        }
    }

    /**
     * Reads an ipip or sit tunnel back from the kernel's IFLA_INFO_DATA ({@code ip -d link show}).
     *
     * @param type  which of the two the link's kind says it is
     * @param data  the link's {@link LinkDetails#kindData()}
     * @param names the name of a device by its index, for {@code dev}
     * @return the tunnel; options the kernel did not send take ip's defaults
     * @throws MalformedMessageException when an attribute is shorter than its type, or the values are
     * ones ip could not have set
     */
    public static IpTunnel from(Type type, KindAttributes data, IntFunction<String> names)
            throws MalformedMessageException {
        int proto = TunnelData.u8(data, PROTO, 0);
        Mode mode = null;
        for (Mode m : Mode.values()) {
            mode = m.protocol == proto ? m : mode;
        }
        if (mode == null) {
            throw new MalformedMessageException("tunnel protocol " + proto + " is not one ip knows");
        }
        try {
            return new IpTunnel(type, mode, TunnelData.address(data, LOCAL, false),
                    TunnelData.address(data, REMOTE, false), TunnelData.device(data, LINK, names),
                    TunnelData.u8(data, TTL, 0), TunnelData.u8(data, TOS, 0), TunnelData.u8(data, PMTUDISC, 1) != 0,
                    TunnelData.u32(data, FWMARK, 0));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    @Override
    public String kindName() {
        return type == Type.SIT ? "sit" : "ipip";
    }
}
