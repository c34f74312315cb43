package io.netns4j.link;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.error.NetnsException;

import java.net.InetAddress;
import java.util.function.IntFunction;

/**
 * An IPv6 tunnel: {@code ip link add NAME type ip6tnl [mode ip6ip6|ipip6|any] [local ADDR]
 * [remote ADDR] [dev DEV] [hoplimit N] [encaplimit N|none] [tclass T|inherit]
 * [flowlabel F|inherit] [fwmark M]}. Start with {@link #create()} and add options with the
 * {@code withX} methods: {@code Ip6Tunnel.create().withRemote(addr).withHopLimit(32)}.
 *
 * @param mode         the inner protocol ({@code mode}); {@link Mode#ANY} by default
 * @param local        the source address ({@code local}), IPv6; null for any
 * @param remote       the far end ({@code remote}), IPv6; null for any
 * @param device       the device the tunnel's packets leave by ({@code dev}); or null
 * @param hopLimit     the outer hop limit ({@code hoplimit}), 0 ({@code inherit}) to 255; 64 by default
 * @param encapLimit   the encapsulation limit ({@code encaplimit}), 0 to 255, or -1 for {@code none}; 4 by default
 * @param trafficClass the outer traffic class ({@code tclass}), 0 to 255, or -1 for {@code inherit}; 0 by default
 * @param flowLabel    the outer flow label ({@code flowlabel}), 0 to 0xfffff, or -1 for {@code inherit}; 0 by default
 * @param fwmark       the mark of the tunnel's packets ({@code fwmark}); 0 by default
 */
public record Ip6Tunnel(Mode mode, InetAddress local, InetAddress remote, String device, int hopLimit,
                        int encapLimit, int trafficClass, int flowLabel, int fwmark) implements LinkKind {
    /** The inner protocol ({@code mode}), IFLA_IPTUN_PROTO. */
    public enum Mode {
        /** {@code mode any}: IPv4 or IPv6 inside. */
        ANY(0, "any"),
        /** {@code mode ip6ip6}: IPv6 inside. */
        IP6IP6(41, "ip6ip6"),
        /** {@code mode ipip6}: IPv4 inside. */
        IPIP6(4, "ipip6");

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
     * @throws IllegalArgumentException when an address is not IPv6 or a number is out of range
     */
    public Ip6Tunnel {
        java.util.Objects.requireNonNull(mode, "mode");
        local = TunnelData.check(local, true, "local", "ip6tnl");
        remote = TunnelData.check(remote, true, "remote", "ip6tnl");
        TunnelData.range(hopLimit, 255, "hoplimit", "ip6tnl");
        TunnelData.checkIp6(encapLimit, trafficClass, flowLabel, "ip6tnl");
    }

    /**
     * {@code ip link add NAME type ip6tnl}.
     *
     * @return an IPv6 tunnel with ip's defaults
     */
    public static Ip6Tunnel create() {
        return new Ip6Tunnel(Mode.ANY, null, null, null, 64, TunnelData.DEFAULT_ENCAP_LIMIT, 0, 0, 0);
    }

    /**
     * {@code ... mode MODE}.
     *
     * @param value the inner protocol
     * @return a new tunnel; this one is unchanged
     */
    public Ip6Tunnel withMode(Mode value) {
        return new Ip6Tunnel(value, local, remote, device, hopLimit, encapLimit, trafficClass, flowLabel, fwmark);
    }

    /**
     * {@code ... local ADDR}.
     *
     * @param value the IPv6 source address
     * @return a new tunnel; this one is unchanged
     */
    public Ip6Tunnel withLocal(InetAddress value) {
        return new Ip6Tunnel(mode, value, remote, device, hopLimit, encapLimit, trafficClass, flowLabel, fwmark);
    }

    /**
     * {@code ... remote ADDR}.
     *
     * @param value the IPv6 far end
     * @return a new tunnel; this one is unchanged
     */
    public Ip6Tunnel withRemote(InetAddress value) {
        return new Ip6Tunnel(mode, local, value, device, hopLimit, encapLimit, trafficClass, flowLabel, fwmark);
    }

    /**
     * {@code ... dev NAME}.
     *
     * @param value the device the tunnel's packets leave by
     * @return a new tunnel; this one is unchanged
     */
    public Ip6Tunnel withDevice(String value) {
        return new Ip6Tunnel(mode, local, remote, value, hopLimit, encapLimit, trafficClass, flowLabel, fwmark);
    }

    /**
     * {@code ... hoplimit N} ({@code inherit} is 0).
     *
     * @param value the outer hop limit, 0 to 255
     * @return a new tunnel; this one is unchanged
     */
    public Ip6Tunnel withHopLimit(int value) {
        return new Ip6Tunnel(mode, local, remote, device, value, encapLimit, trafficClass, flowLabel, fwmark);
    }

    /**
     * {@code ... encaplimit N}, or {@code encaplimit none} with -1.
     *
     * @param value the limit, 0 to 255, or -1
     * @return a new tunnel; this one is unchanged
     */
    public Ip6Tunnel withEncapLimit(int value) {
        return new Ip6Tunnel(mode, local, remote, device, hopLimit, value, trafficClass, flowLabel, fwmark);
    }

    /**
     * {@code ... tclass T}, or {@code tclass inherit} with -1.
     *
     * @param value the traffic class, 0 to 255, or -1
     * @return a new tunnel; this one is unchanged
     */
    public Ip6Tunnel withTrafficClass(int value) {
        return new Ip6Tunnel(mode, local, remote, device, hopLimit, encapLimit, value, flowLabel, fwmark);
    }

    /**
     * {@code ... flowlabel F}, or {@code flowlabel inherit} with -1.
     *
     * @param value the flow label, 0 to 0xfffff, or -1
     * @return a new tunnel; this one is unchanged
     */
    public Ip6Tunnel withFlowLabel(int value) {
        return new Ip6Tunnel(mode, local, remote, device, hopLimit, encapLimit, trafficClass, value, fwmark);
    }

    /**
     * {@code ... fwmark MARK}.
     *
     * @param value the mark, as an unsigned 32-bit number
     * @return a new tunnel; this one is unchanged
     */
    public Ip6Tunnel withFwmark(int value) {
        return new Ip6Tunnel(mode, local, remote, device, hopLimit, encapLimit, trafficClass, flowLabel, value);
    }

    private static final int ENCAP_LIMIT = 6;
    private static final int FLOWINFO = 7;

    /**
     * IFLA_IPTUN_* in ip's order (proto, local, remote, ttl, encap_limit, flowinfo, flags, link,
     * fwmark, the four encap ones with IPv6 UDP checksums on); nothing when every option is ip's
     * default, as for a bare {@code type ip6tnl}.
     */
    @Override
    public void writeData(LinkKindData d) throws NetnsException {
        if (!d.changing() && equals(create())) {
            return;
        }
        d.u8(IpTunnel.PROTO, mode.protocol);
        TunnelData.address(d, IpTunnel.LOCAL, local);
        TunnelData.address(d, IpTunnel.REMOTE, remote);
        d.u8(IpTunnel.TTL, hopLimit);
        d.u8(ENCAP_LIMIT, encapLimit == -1 ? TunnelData.DEFAULT_ENCAP_LIMIT : encapLimit);
        d.bytes(FLOWINFO, TunnelData.flowInfo(trafficClass, flowLabel));
        d.u32(IpTunnel.FLAGS, TunnelData.ip6Flags(encapLimit, trafficClass, flowLabel));
        d.u32(IpTunnel.LINK, device == null ? 0 : d.indexOf(device));
        d.u32(IpTunnel.FWMARK, fwmark);
        d.u16(IpTunnel.ENCAP_TYPE, 0);
        d.u16(IpTunnel.ENCAP_FLAGS, 2); // TUNNEL_ENCAP_FLAG_CSUM6, ip's default for IPv6 tunnels
        d.u16(IpTunnel.ENCAP_SPORT, 0);
        d.u16(IpTunnel.ENCAP_DPORT, 0);
    }

    /**
     * Reads an ip6tnl tunnel back from the kernel's IFLA_INFO_DATA ({@code ip -d link show}).
     *
     * @param data  the link's {@link LinkDetails#kindData()}
     * @param names the name of a device by its index, for {@code dev}
     * @return the tunnel; options the kernel did not send take ip's defaults
     * @throws MalformedMessageException when an attribute is shorter than its type or holds what ip could not set
     */
    public static Ip6Tunnel from(KindAttributes data, IntFunction<String> names) throws MalformedMessageException {
        int proto = TunnelData.u8(data, IpTunnel.PROTO, 0);
        Mode mode = null;
        for (Mode m : Mode.values()) {
            mode = m.protocol == proto ? m : mode;
        }
        if (mode == null) {
            throw new MalformedMessageException("ip6tnl protocol " + proto + " is not one ip knows");
        }
        int[] s = TunnelData.ip6Settings(TunnelData.u8(data, ENCAP_LIMIT, TunnelData.DEFAULT_ENCAP_LIMIT),
                TunnelData.bigEndian(data, FLOWINFO, 0), TunnelData.u32(data, IpTunnel.FLAGS, 0));
        try {
            return new Ip6Tunnel(mode, TunnelData.address(data, IpTunnel.LOCAL, true),
                    TunnelData.address(data, IpTunnel.REMOTE, true), TunnelData.device(data, IpTunnel.LINK, names),
                    TunnelData.u8(data, IpTunnel.TTL, 64), s[0], s[1], s[2], TunnelData.u32(data, IpTunnel.FWMARK, 0));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    @Override
    public String kindName() {
        return "ip6tnl";
    }
}
