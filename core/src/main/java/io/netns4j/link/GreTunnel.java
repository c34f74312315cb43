package io.netns4j.link;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.error.NetnsException;

import java.net.InetAddress;
import java.util.function.IntFunction;

/**
 * A GRE tunnel over IPv4 or IPv6, of layer-3 packets or of Ethernet frames:
 * {@code ip link add NAME type gre|gretap|ip6gre|ip6gretap [local ADDR] [remote ADDR] [dev DEV]
 * [ttl N] [tos T] [key K | ikey K okey K] [[i|o]seq] [[i|o]csum] [nopmtudisc] [encaplimit N|none]
 * [tclass T|inherit] [flowlabel F|inherit] [fwmark M]}. Start with {@link #of(Type)} and add
 * options with the {@code withX} methods: {@code GreTunnel.of(Type.GRE).withRemote(a).withKey(42)}.
 * {@code tos} and {@code nopmtudisc} are for the IPv4 kinds, {@code encaplimit}, {@code tclass} and
 * {@code flowlabel} for the IPv6 ones.
 *
 * @param type           gre, gretap, ip6gre or ip6gretap
 * @param local          the source address ({@code local}), of the type's family; null for any
 * @param remote         the far end ({@code remote}); null for any. A multicast IPv4 remote makes a
 *                       broadcast tunnel: it needs {@code local}, and its keys default to the group
 * @param device         the device the tunnel's packets leave by ({@code dev}); or null
 * @param ttl            the outer TTL or hop limit ({@code ttl}/{@code hoplimit}), 0 ({@code inherit}) to 255;
 *                       0 by default over IPv4, 64 over IPv6
 * @param tos            the outer TOS ({@code tos}), 0 to 255, 1 is {@code inherit}; IPv4 only, 0 by default
 * @param pmtuDiscovery  {@code pmtudisc} (true, the default) or {@code nopmtudisc}; IPv4 only
 * @param inputKey       the key expected on received packets ({@code ikey}), 0 to 4294967295, or -1 for none
 * @param outputKey      the key put on sent packets ({@code okey}), or -1 for none
 * @param inputSequence  {@code iseq}: received packets must be in sequence
 * @param outputSequence {@code oseq}: sent packets carry sequence numbers
 * @param inputChecksum  {@code icsum}: received packets must carry a checksum
 * @param outputChecksum {@code ocsum}: sent packets carry a checksum
 * @param encapLimit     the encapsulation limit ({@code encaplimit}), 0 to 255, or -1 for {@code none}; IPv6
 *                       only, 4 by default
 * @param trafficClass   the outer traffic class ({@code tclass}), or -1 for {@code inherit}; IPv6 only, 0 by default
 * @param flowLabel      the outer flow label ({@code flowlabel}), or -1 for {@code inherit}; IPv6 only, 0 by default
 * @param fwmark         the mark of the tunnel's packets ({@code fwmark}); 0 by default
 */
public record GreTunnel(Type type, InetAddress local, InetAddress remote, String device, int ttl, int tos,
                        boolean pmtuDiscovery, long inputKey, long outputKey, boolean inputSequence,
                        boolean outputSequence, boolean inputChecksum, boolean outputChecksum, int encapLimit,
                        int trafficClass, int flowLabel, int fwmark) implements LinkKind {
    /** The four GRE kinds. */
    public enum Type {
        /** {@code type gre}: layer-3 packets over IPv4. */
        GRE("gre", false),
        /** {@code type gretap}: Ethernet frames over IPv4. */
        GRETAP("gretap", false),
        /** {@code type ip6gre}: layer-3 packets over IPv6. */
        IP6GRE("ip6gre", true),
        /** {@code type ip6gretap}: Ethernet frames over IPv6. */
        IP6GRETAP("ip6gretap", true);

        /** The kernel's name of the kind. */
        public final String kindName;
        /** Whether the outer header is IPv6. */
        public final boolean ipv6;

        Type(String kindName, boolean ipv6) {
            this.kindName = kindName;
            this.ipv6 = ipv6;
        }
    }

    /**
     * Checks the options as ip does.
     *
     * @throws IllegalArgumentException when an address is of the other family, a number is out of range,
     * an option of the other family is set, or a broadcast tunnel has no local address
     */
    public GreTunnel {
        java.util.Objects.requireNonNull(type, "type");
        String kind = type.kindName;
        local = TunnelData.check(local, type.ipv6, "local", kind);
        remote = TunnelData.check(remote, type.ipv6, "remote", kind);
        TunnelData.range(ttl, 255, "ttl", kind);
        TunnelData.range(tos, 255, "tos", kind);
        TunnelData.key(inputKey, true, "ikey", kind);
        TunnelData.key(outputKey, true, "okey", kind);
        TunnelData.checkIp6(encapLimit, trafficClass, flowLabel, kind);
        if (type.ipv6 && (tos != 0 || !pmtuDiscovery)) {
            throw new IllegalArgumentException(kind + " takes \"tclass\", not \"tos\" or \"nopmtudisc\"");
        }
        if (!type.ipv6 && (encapLimit != TunnelData.DEFAULT_ENCAP_LIMIT || trafficClass != 0 || flowLabel != 0)) {
            throw new IllegalArgumentException(kind + " takes \"tos\", not \"encaplimit\", \"tclass\" or \"flowlabel\"");
        }
        if (!type.ipv6 && remote != null && remote.isMulticastAddress() && local == null) {
            throw new IllegalArgumentException("A broadcast tunnel requires a source address: add \"local ADDR\"");
        }
    }

    /**
     * {@code ip link add NAME type gre|gretap|ip6gre|ip6gretap}.
     *
     * @param type the kind
     * @return a tunnel with ip's defaults for that kind
     */
    public static GreTunnel of(Type type) {
        return new GreTunnel(type, null, null, null, type.ipv6 ? 64 : 0, 0, true, -1, -1, false, false, false, false,
                TunnelData.DEFAULT_ENCAP_LIMIT, 0, 0, 0);
    }

    private GreTunnel with(InetAddress l, InetAddress r, String dev, int t, int s, boolean pmtu, long ik, long ok) {
        return new GreTunnel(type, l, r, dev, t, s, pmtu, ik, ok, inputSequence, outputSequence, inputChecksum,
                outputChecksum, encapLimit, trafficClass, flowLabel, fwmark);
    }

    private GreTunnel with6(int limit, int tclass, int label, int mark) {
        return new GreTunnel(type, local, remote, device, ttl, tos, pmtuDiscovery, inputKey, outputKey, inputSequence,
                outputSequence, inputChecksum, outputChecksum, limit, tclass, label, mark);
    }

    /**
     * {@code ... local ADDR}.
     *
     * @param value the source address
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withLocal(InetAddress value) {
        return with(value, remote, device, ttl, tos, pmtuDiscovery, inputKey, outputKey);
    }

    /**
     * {@code ... remote ADDR}.
     *
     * @param value the far end
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withRemote(InetAddress value) {
        return with(local, value, device, ttl, tos, pmtuDiscovery, inputKey, outputKey);
    }

    /**
     * {@code ... dev NAME}.
     *
     * @param value the device the tunnel's packets leave by
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withDevice(String value) {
        return with(local, remote, value, ttl, tos, pmtuDiscovery, inputKey, outputKey);
    }

    /**
     * {@code ... ttl N} (or {@code hoplimit N}; {@code inherit} is 0).
     *
     * @param value 0 to 255
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withTtl(int value) {
        return with(local, remote, device, value, tos, pmtuDiscovery, inputKey, outputKey);
    }

    /**
     * {@code ... tos T} ({@code inherit} is 1); IPv4 kinds only.
     *
     * @param value 0 to 255
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withTos(int value) {
        return with(local, remote, device, ttl, value, pmtuDiscovery, inputKey, outputKey);
    }

    /**
     * {@code ... pmtudisc} (true) or {@code nopmtudisc}; IPv4 kinds only.
     *
     * @param value whether path MTU discovery is on
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withPmtuDiscovery(boolean value) {
        return with(local, remote, device, ttl, tos, value, inputKey, outputKey);
    }

    /**
     * {@code ... key K}: the same key both ways.
     *
     * @param value 0 to 4294967295 ({@code key 1.2.3.4} is 0x01020304)
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withKey(long value) {
        return with(local, remote, device, ttl, tos, pmtuDiscovery, value, value);
    }

    /**
     * {@code ... ikey K}.
     *
     * @param value 0 to 4294967295, or -1 for {@code noikey}
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withInputKey(long value) {
        return with(local, remote, device, ttl, tos, pmtuDiscovery, value, outputKey);
    }

    /**
     * {@code ... okey K}.
     *
     * @param value 0 to 4294967295, or -1 for {@code nookey}
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withOutputKey(long value) {
        return with(local, remote, device, ttl, tos, pmtuDiscovery, inputKey, value);
    }

    /**
     * {@code ... iseq} / {@code oseq} ({@code seq} is both).
     *
     * @param input  whether received packets must be in sequence
     * @param output whether sent packets carry sequence numbers
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withSequence(boolean input, boolean output) {
        return new GreTunnel(type, local, remote, device, ttl, tos, pmtuDiscovery, inputKey, outputKey, input, output,
                inputChecksum, outputChecksum, encapLimit, trafficClass, flowLabel, fwmark);
    }

    /**
     * {@code ... icsum} / {@code ocsum} ({@code csum} is both).
     *
     * @param input  whether received packets must carry a checksum
     * @param output whether sent packets carry one
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withChecksum(boolean input, boolean output) {
        return new GreTunnel(type, local, remote, device, ttl, tos, pmtuDiscovery, inputKey, outputKey, inputSequence,
                outputSequence, input, output, encapLimit, trafficClass, flowLabel, fwmark);
    }

    /**
     * {@code ... encaplimit N}, or {@code none} with -1; IPv6 kinds only.
     *
     * @param value 0 to 255, or -1
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withEncapLimit(int value) {
        return with6(value, trafficClass, flowLabel, fwmark);
    }

    /**
     * {@code ... tclass T}, or {@code inherit} with -1; IPv6 kinds only.
     *
     * @param value 0 to 255, or -1
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withTrafficClass(int value) {
        return with6(encapLimit, value, flowLabel, fwmark);
    }

    /**
     * {@code ... flowlabel F}, or {@code inherit} with -1; IPv6 kinds only.
     *
     * @param value 0 to 0xfffff, or -1
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withFlowLabel(int value) {
        return with6(encapLimit, trafficClass, value, fwmark);
    }

    /**
     * {@code ... fwmark MARK}.
     *
     * @param value the mark, as an unsigned 32-bit number
     * @return a new tunnel; this one is unchanged
     */
    public GreTunnel withFwmark(int value) {
        return with6(encapLimit, trafficClass, flowLabel, value);
    }

    static final int LINK = 1;
    static final int IFLAGS = 2;
    static final int OFLAGS = 3;
    static final int IKEY = 4;
    static final int OKEY = 5;
    static final int LOCAL = 6;
    static final int REMOTE = 7;
    static final int TTL = 8;
    static final int TOS = 9;
    static final int PMTUDISC = 10;
    static final int ENCAP_LIMIT = 11;
    static final int FLOWINFO = 12;
    static final int FLAGS = 13;
    private static final int ENCAP_TYPE = 14;
    private static final int ENCAP_FLAGS = 15;
    private static final int ENCAP_SPORT = 16;
    private static final int ENCAP_DPORT = 17;
    static final int FWMARK = 20;
    private static final int ERSPAN_VER = 22;
    /** GRE_CSUM, GRE_KEY, GRE_SEQ: the first byte of the big-endian 16-bit flags. */
    static final int CSUM = 0x80;
    static final int KEY = 0x20;
    static final int SEQ = 0x10;

    /**
     * IFLA_GRE_* in ip's order: keys, flags, local, remote, then for IPv4 pmtudisc, tos, link, ttl,
     * fwmark, for IPv6 link, ttl, encap_limit, flowinfo, flags, fwmark, erspan_ver 1; then the four
     * encap ones. Nothing when every option is ip's default, as for a bare {@code type gre}.
     */
    @Override
    public void writeData(LinkKindData d) throws NetnsException {
        if (!d.changing() && equals(of(type))) {
            return;
        }
        long ik = inputKey;
        long ok = outputKey;
        if (!type.ipv6 && remote != null && remote.isMulticastAddress()) { // ip keys a broadcast tunnel by its group
            long group = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(remote.getAddress()).getInt());
            ik = ik <= 0 ? group : ik;
            ok = ok <= 0 ? group : ok;
        }
        d.bytes(IKEY, TunnelData.bigEndian(Math.max(ik, 0)));
        d.bytes(OKEY, TunnelData.bigEndian(Math.max(ok, 0)));
        d.bytes(IFLAGS, flags(ik >= 0, inputSequence, inputChecksum));
        d.bytes(OFLAGS, flags(ok >= 0, outputSequence, outputChecksum));
        TunnelData.address(d, LOCAL, local);
        TunnelData.address(d, REMOTE, remote);
        if (type.ipv6) {
            writeIp6(d);
        } else {
            d.u8(PMTUDISC, pmtuDiscovery ? 1 : 0);
            d.u8(TOS, tos);
            if (device != null) {
                d.u32(LINK, d.indexOf(device));
            }
            d.u8(TTL, ttl);
            d.u32(FWMARK, fwmark);
        }
        d.u16(ENCAP_TYPE, 0);
        d.u16(ENCAP_FLAGS, type.ipv6 ? 2 : 0); // TUNNEL_ENCAP_FLAG_CSUM6 is ip's default over IPv6
        d.u16(ENCAP_SPORT, 0);
        d.u16(ENCAP_DPORT, 0);
    }

    private void writeIp6(LinkKindData d) throws NetnsException {
        if (device != null) {
            d.u32(LINK, d.indexOf(device));
        }
        d.u8(TTL, ttl);
        d.u8(ENCAP_LIMIT, encapLimit == -1 ? TunnelData.DEFAULT_ENCAP_LIMIT : encapLimit);
        d.bytes(FLOWINFO, TunnelData.flowInfo(trafficClass, flowLabel));
        d.u32(FLAGS, TunnelData.ip6Flags(encapLimit, trafficClass, flowLabel));
        d.u32(FWMARK, fwmark);
        d.u8(ERSPAN_VER, 1);
    }

    private static byte[] flags(boolean key, boolean seq, boolean csum) {
        return new byte[] {(byte) ((key ? KEY : 0) | (seq ? SEQ : 0) | (csum ? CSUM : 0)), 0};
    }

    /**
     * Reads a GRE tunnel back from the kernel's IFLA_INFO_DATA ({@code ip -d link show}).
     *
     * @param type  which of the four the link's kind says it is
     * @param data  the link's {@link LinkDetails#kindData()}
     * @param names the name of a device by its index, for {@code dev}
     * @return the tunnel; options the kernel did not send take ip's defaults
     * @throws MalformedMessageException when an attribute is shorter than its type or holds what ip could not set
     */
    public static GreTunnel from(Type type, KindAttributes data, IntFunction<String> names)
            throws MalformedMessageException {
        int in = flagsOf(data, IFLAGS);
        int out = flagsOf(data, OFLAGS);
        long ik = (in & KEY) != 0 ? TunnelData.bigEndian(data, IKEY, 0) : -1;
        long ok = (out & KEY) != 0 ? TunnelData.bigEndian(data, OKEY, 0) : -1;
        int[] s = type.ipv6 ? TunnelData.ip6Settings(TunnelData.u8(data, ENCAP_LIMIT, TunnelData.DEFAULT_ENCAP_LIMIT),
                TunnelData.bigEndian(data, FLOWINFO, 0), TunnelData.u32(data, FLAGS, 0))
                : new int[] {TunnelData.DEFAULT_ENCAP_LIMIT, 0, 0};
        try {
            return new GreTunnel(type, TunnelData.address(data, LOCAL, type.ipv6),
                    TunnelData.address(data, REMOTE, type.ipv6), TunnelData.device(data, LINK, names),
                    TunnelData.u8(data, TTL, type.ipv6 ? 64 : 0), type.ipv6 ? 0 : TunnelData.u8(data, TOS, 0),
                    type.ipv6 || TunnelData.u8(data, PMTUDISC, 1) != 0, ik, ok, (in & SEQ) != 0, (out & SEQ) != 0,
                    (in & CSUM) != 0, (out & CSUM) != 0, s[0], s[1], s[2], TunnelData.u32(data, FWMARK, 0));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    private static int flagsOf(KindAttributes data, int type) throws MalformedMessageException {
        byte[] b = data.bytes(type);
        if (b == null) {
            return 0;
        }
        if (b.length < 2) {
            throw new MalformedMessageException("GRE flags attribute " + type + " has " + b.length + " bytes, needs 2");
        }
        return b[0] & 0xff;
    }

    @Override
    public String kindName() {
        return type.kindName;
    }
}
