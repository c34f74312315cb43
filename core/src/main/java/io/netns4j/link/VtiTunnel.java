package io.netns4j.link;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.error.NetnsException;

import java.net.InetAddress;
import java.util.function.IntFunction;

/**
 * A virtual tunnel interface for IPsec, over IPv4 or IPv6: {@code ip link add NAME type vti|vti6
 * [local ADDR] [remote ADDR] [key K | ikey K okey K] [dev DEV] [fwmark M]}. Start with
 * {@link #of(Type)} and add options with the {@code withX} methods:
 * {@code VtiTunnel.of(Type.VTI).withRemote(a).withKey(5)}.
 *
 * @param type      vti or vti6
 * @param local     the source address ({@code local}), of the type's family; null for any
 * @param remote    the far end ({@code remote}); null for any
 * @param device    the device the tunnel's packets leave by ({@code dev}); or null
 * @param inputKey  the mark that selects received packets' policy ({@code ikey}), 0 to 4294967295; 0 by default
 * @param outputKey the mark of sent packets' policy ({@code okey}); 0 by default
 * @param fwmark    the mark of the tunnel's packets ({@code fwmark}); 0 by default
 */
public record VtiTunnel(Type type, InetAddress local, InetAddress remote, String device, long inputKey,
                        long outputKey, int fwmark) implements LinkKind {
    /** The two VTI kinds. */
    public enum Type {
        /** {@code type vti}: over IPv4. */
        VTI("vti", false),
        /** {@code type vti6}: over IPv6. */
        VTI6("vti6", true);

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
     * @throws IllegalArgumentException when an address is of the other family or a key is out of range
     */
    public VtiTunnel {
        java.util.Objects.requireNonNull(type, "type");
        local = TunnelData.check(local, type.ipv6, "local", type.kindName);
        remote = TunnelData.check(remote, type.ipv6, "remote", type.kindName);
        TunnelData.key(inputKey, false, "ikey", type.kindName);
        TunnelData.key(outputKey, false, "okey", type.kindName);
    }

    /**
     * {@code ip link add NAME type vti|vti6}.
     *
     * @param type the kind
     * @return a tunnel with ip's defaults
     */
    public static VtiTunnel of(Type type) {
        return new VtiTunnel(type, null, null, null, 0, 0, 0);
    }

    /**
     * {@code ... local ADDR}.
     *
     * @param value the source address
     * @return a new tunnel; this one is unchanged
     */
    public VtiTunnel withLocal(InetAddress value) {
        return new VtiTunnel(type, value, remote, device, inputKey, outputKey, fwmark);
    }

    /**
     * {@code ... remote ADDR}.
     *
     * @param value the far end
     * @return a new tunnel; this one is unchanged
     */
    public VtiTunnel withRemote(InetAddress value) {
        return new VtiTunnel(type, local, value, device, inputKey, outputKey, fwmark);
    }

    /**
     * {@code ... dev NAME}.
     *
     * @param value the device the tunnel's packets leave by
     * @return a new tunnel; this one is unchanged
     */
    public VtiTunnel withDevice(String value) {
        return new VtiTunnel(type, local, remote, value, inputKey, outputKey, fwmark);
    }

    /**
     * {@code ... key K}: the same key both ways.
     *
     * @param value 0 to 4294967295 ({@code key 1.2.3.4} is 0x01020304)
     * @return a new tunnel; this one is unchanged
     */
    public VtiTunnel withKey(long value) {
        return new VtiTunnel(type, local, remote, device, value, value, fwmark);
    }

    /**
     * {@code ... ikey K}.
     *
     * @param value 0 to 4294967295
     * @return a new tunnel; this one is unchanged
     */
    public VtiTunnel withInputKey(long value) {
        return new VtiTunnel(type, local, remote, device, value, outputKey, fwmark);
    }

    /**
     * {@code ... okey K}.
     *
     * @param value 0 to 4294967295
     * @return a new tunnel; this one is unchanged
     */
    public VtiTunnel withOutputKey(long value) {
        return new VtiTunnel(type, local, remote, device, inputKey, value, fwmark);
    }

    /**
     * {@code ... fwmark MARK}.
     *
     * @param value the mark, as an unsigned 32-bit number
     * @return a new tunnel; this one is unchanged
     */
    public VtiTunnel withFwmark(int value) {
        return new VtiTunnel(type, local, remote, device, inputKey, outputKey, value);
    }

    static final int LINK = 1;
    static final int IKEY = 2;
    static final int OKEY = 3;
    static final int LOCAL = 4;
    static final int REMOTE = 5;
    static final int FWMARK = 6;

    /**
     * IFLA_VTI_* in ip's order: ikey, okey (network order), local, remote, fwmark, link; nothing
     * when every option is ip's default, as for a bare {@code type vti}.
     */
    @Override
    public void writeData(LinkKindData d) throws NetnsException {
        if (!d.changing() && equals(of(type))) {
            return;
        }
        d.bytes(IKEY, TunnelData.bigEndian(inputKey));
        d.bytes(OKEY, TunnelData.bigEndian(outputKey));
        TunnelData.address(d, LOCAL, local);
        TunnelData.address(d, REMOTE, remote);
        d.u32(FWMARK, fwmark);
        if (device != null) {
            d.u32(LINK, d.indexOf(device));
        }
    }

    /**
     * Reads a VTI back from the kernel's IFLA_INFO_DATA ({@code ip -d link show}).
     *
     * @param type  which of the two the link's kind says it is
     * @param data  the link's {@link LinkDetails#kindData()}
     * @param names the name of a device by its index, for {@code dev}
     * @return the tunnel; options the kernel did not send take ip's defaults
     * @throws MalformedMessageException when an attribute is shorter than its type or holds what ip could not set
     */
    public static VtiTunnel from(Type type, KindAttributes data, IntFunction<String> names)
            throws MalformedMessageException {
        try {
            return new VtiTunnel(type, TunnelData.address(data, LOCAL, type.ipv6),
                    TunnelData.address(data, REMOTE, type.ipv6), TunnelData.device(data, LINK, names),
                    TunnelData.bigEndian(data, IKEY, 0), TunnelData.bigEndian(data, OKEY, 0),
                    TunnelData.u32(data, FWMARK, 0));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    @Override
    public String kindName() {
        return type.kindName;
    }
}
