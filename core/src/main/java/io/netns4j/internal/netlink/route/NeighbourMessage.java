package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.NetlinkMessage;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH: a {@code struct ndmsg} (family u8, two pad
 * fields, ifindex s32, state u16, flags u8, type u8) and NDA_* attributes, kept in wire
 * order so that a message decodes and encodes back to the same bytes.
 */
public record NeighbourMessage(int family, int index, int state, int flags, int type, Attributes attributes) {
    static final int NDMSG_LENGTH = 12;
    private static final Set<Integer> KNOWN = Set.of(Nda.NDA_DST, Nda.NDA_LLADDR, Nda.NDA_CACHEINFO, Nda.NDA_PROBES);

    /** {@code struct nda_cacheinfo}: ages in clock ticks (USER_HZ) and the reference count. */
    public record CacheInfo(long confirmed, long used, long updated, long refCount) {
        static final int LENGTH = 16;
    }

    /** A request header with no attributes yet; append them with the {@code with...} methods. */
    public static NeighbourMessage request(int family, int index, int state, int flags) {
        return new NeighbourMessage(family, index, state, flags, 0, Attributes.empty());
    }

    /**
     * A dump request, as {@code ip neigh show} sends it: {@code flags} NTF_PROXY lists proxy
     * entries; a non-zero {@code index} asks the kernel to filter by link (NDA_IFINDEX).
     */
    public static NeighbourMessage dumpRequest(int family, int flags, int index) {
        NeighbourMessage m = request(family, 0, 0, flags);
        return index == 0 ? m : m.with(new Attribute(Nda.NDA_IFINDEX, u32(index)));
    }

    /** This message with {@code a} appended. */
    public NeighbourMessage with(Attribute a) {
        List<Attribute> all = new ArrayList<>(attributes.all());
        all.add(a);
        return new NeighbourMessage(family, index, state, flags, type, Attributes.of(all));
    }

    public NeighbourMessage withDestination(InetAddress destination) {
        return with(new Attribute(Nda.NDA_DST, destination.getAddress()));
    }

    public NeighbourMessage withLinkLayerAddress(byte[] lladdr) {
        return with(new Attribute(Nda.NDA_LLADDR, lladdr));
    }

    public byte[] encode(int msgType, int msgFlags) {
        MessageBuilder b = new MessageBuilder(msgType, msgFlags).u8(family).u8(0).u16(0).u32(index).u16(state)
                .u8(flags).u8(type);
        attributes.all().forEach(b::attr);
        return b.build();
    }

    public static NeighbourMessage decode(NetlinkMessage m) throws MalformedMessageException {
        Attributes a = m.attributes(NDMSG_LENGTH);
        ByteBuffer h = ByteBuffer.wrap(m.payloadView()).order(ByteOrder.nativeOrder());
        return new NeighbourMessage(Byte.toUnsignedInt(h.get(0)), h.getInt(4), Short.toUnsignedInt(h.getShort(8)),
                Byte.toUnsignedInt(h.get(10)), Byte.toUnsignedInt(h.get(11)), a);
    }

    /** NDA_DST, or null. */
    public InetAddress destination() throws MalformedMessageException {
        return AddressMessage.inet(attributes, Nda.NDA_DST);
    }

    /** NDA_LLADDR, or null. */
    public byte[] linkLayerAddress() {
        return attributes.bytes(Nda.NDA_LLADDR);
    }

    /** NDA_PROBES, or -1. */
    public long probes() throws MalformedMessageException {
        return attributes.u32(Nda.NDA_PROBES, -1);
    }

    /** NDA_CACHEINFO, or null. */
    public CacheInfo cacheInfo() throws MalformedMessageException {
        byte[] v = attributes.bytes(Nda.NDA_CACHEINFO);
        if (v == null) {
            return null;
        }
        if (v.length < CacheInfo.LENGTH) {
            throw new MalformedMessageException("NDA_CACHEINFO has " + v.length + " bytes, needs " + CacheInfo.LENGTH);
        }
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.nativeOrder());
        return new CacheInfo(Integer.toUnsignedLong(b.getInt(0)), Integer.toUnsignedLong(b.getInt(4)),
                Integer.toUnsignedLong(b.getInt(8)), Integer.toUnsignedLong(b.getInt(12)));
    }

    /** The attributes this class has no accessor for, kept as they came. */
    public List<Attribute> unknown() {
        return attributes.except(KNOWN);
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }
}
