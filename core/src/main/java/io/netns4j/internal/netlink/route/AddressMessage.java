package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.NetlinkMessage;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR: a {@code struct ifaddrmsg} (family u8, prefixlen
 * u8, flags u8, scope u8, index u32) and IFA_* attributes, all kept in wire order so that a
 * message decodes and encodes back to the same bytes. Requests are built by appending
 * attributes in the order they should go on the wire; typed accessors read the known ones.
 */
public record AddressMessage(int family, int prefixLength, int flags, int scope, int index, Attributes attributes) {
    static final int IFADDRMSG_LENGTH = 8;
    private static final Set<Integer> KNOWN = Set.of(Ifa.IFA_ADDRESS, Ifa.IFA_LOCAL, Ifa.IFA_LABEL, Ifa.IFA_BROADCAST,
            Ifa.IFA_ANYCAST, Ifa.IFA_CACHEINFO, Ifa.IFA_FLAGS, Ifa.IFA_RT_PRIORITY);

    /** {@code struct ifa_cacheinfo}: lifetimes in seconds (or {@link Ifa#INFINITY_LIFE_TIME}), stamps in 10 ms. */
    public record CacheInfo(long preferred, long valid, long created, long updated) {
        static final int LENGTH = 16;

        byte[] encode() {
            return ByteBuffer.allocate(LENGTH).order(ByteOrder.nativeOrder()).putInt((int) preferred)
                    .putInt((int) valid).putInt((int) created).putInt((int) updated).array();
        }
    }

    /** A request header with no attributes yet; append them with the {@code with...} methods. */
    public static AddressMessage request(int family, int prefixLength, int flags, int scope, int index) {
        return new AddressMessage(family, prefixLength, flags, scope, index, Attributes.empty());
    }

    /** A dump request for the addresses of {@code family} (0: all) on link {@code index} (0: all). */
    public static AddressMessage dumpRequest(int family, int index) {
        return request(family, 0, 0, 0, index);
    }

    /** This message with {@code a} appended. */
    public AddressMessage with(Attribute a) {
        List<Attribute> all = new ArrayList<>(attributes.all());
        all.add(a);
        return new AddressMessage(family, prefixLength, flags, scope, index, Attributes.of(all));
    }

    /** Appends an address attribute (IFA_ADDRESS, IFA_LOCAL, IFA_BROADCAST, IFA_ANYCAST). */
    public AddressMessage withAddress(int type, InetAddress address) {
        return with(new Attribute(type, address.getAddress()));
    }

    /** Appends IFA_LABEL, NUL-terminated. */
    public AddressMessage withLabel(String label) {
        byte[] b = label.getBytes(StandardCharsets.UTF_8);
        return with(new Attribute(Ifa.IFA_LABEL, Arrays.copyOf(b, b.length + 1)));
    }

    /** Appends a u32 attribute (IFA_FLAGS, IFA_RT_PRIORITY). */
    public AddressMessage withU32(int type, int value) {
        return with(new Attribute(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array()));
    }

    public AddressMessage withCacheInfo(CacheInfo info) {
        return with(new Attribute(Ifa.IFA_CACHEINFO, info.encode()));
    }

    /** This message under another header, attributes unchanged (a dumped address becomes its own delete request). */
    public AddressMessage withHeader(int newFlags, int newScope) {
        return new AddressMessage(family, prefixLength, newFlags, newScope, index, attributes);
    }

    public byte[] encode(int type, int msgFlags) {
        MessageBuilder b = new MessageBuilder(type, msgFlags).u8(family).u8(prefixLength).u8(flags).u8(scope)
                .u32(index);
        attributes.all().forEach(b::attr);
        return b.build();
    }

    public static AddressMessage decode(NetlinkMessage m) throws MalformedMessageException {
        Attributes a = m.attributes(IFADDRMSG_LENGTH);
        byte[] p = m.payloadView();
        return new AddressMessage(Byte.toUnsignedInt(p[0]), Byte.toUnsignedInt(p[1]), Byte.toUnsignedInt(p[2]),
                Byte.toUnsignedInt(p[3]), ByteBuffer.wrap(p).order(ByteOrder.nativeOrder()).getInt(4), a);
    }

    /** The family byte of an address message, read without decoding it. */
    public static int familyOf(NetlinkMessage m) {
        return m.payloadView().length == 0 ? -1 : Byte.toUnsignedInt(m.payloadView()[0]);
    }

    /** IFA_ADDRESS: the peer's address on point-to-point links, else the same as IFA_LOCAL; or null. */
    public InetAddress address() throws MalformedMessageException {
        return inet(Ifa.IFA_ADDRESS);
    }

    /** IFA_LOCAL: the address itself; IPv6 addresses without a peer carry only IFA_ADDRESS. Or null. */
    public InetAddress local() throws MalformedMessageException {
        return inet(Ifa.IFA_LOCAL);
    }

    public InetAddress broadcast() throws MalformedMessageException {
        return inet(Ifa.IFA_BROADCAST);
    }

    public InetAddress anycast() throws MalformedMessageException {
        return inet(Ifa.IFA_ANYCAST);
    }

    /** IFA_LABEL, or null. */
    public String label() {
        return attributes.string(Ifa.IFA_LABEL);
    }

    /** All flags: IFA_FLAGS (32 bits) when present, else the header's 8 bits. */
    public int allFlags() throws MalformedMessageException {
        return attributes.s32(Ifa.IFA_FLAGS, flags);
    }

    /** IFA_RT_PRIORITY (the prefix route's metric), or -1. */
    public long metric() throws MalformedMessageException {
        return attributes.u32(Ifa.IFA_RT_PRIORITY, -1);
    }

    /** IFA_CACHEINFO, or null. */
    public CacheInfo cacheInfo() throws MalformedMessageException {
        Attribute a = attributes.find(Ifa.IFA_CACHEINFO);
        if (a == null) {
            return null;
        }
        byte[] v = a.value();
        if (v.length < CacheInfo.LENGTH) {
            throw new MalformedMessageException("IFA_CACHEINFO has " + v.length + " bytes, needs " + CacheInfo.LENGTH);
        }
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.nativeOrder());
        return new CacheInfo(Integer.toUnsignedLong(b.getInt(0)), Integer.toUnsignedLong(b.getInt(4)),
                Integer.toUnsignedLong(b.getInt(8)), Integer.toUnsignedLong(b.getInt(12)));
    }

    /** The attributes this class has no accessor for, kept as they came. */
    public List<Attribute> unknown() {
        return attributes.except(KNOWN);
    }

    private InetAddress inet(int type) throws MalformedMessageException {
        return inet(attributes, type);
    }

    /** An attribute holding an IPv4 or IPv6 address (4 or 16 bytes) as an address; null when absent. */
    static InetAddress inet(Attributes attributes, int type) throws MalformedMessageException {
        Attribute a = attributes.find(type);
        if (a == null) {
            return null;
        }
        byte[] v = a.value();
        if (v.length != 4 && v.length != 16) {
            throw new MalformedMessageException("attribute type " + type + " has " + v.length
                    + " bytes, an IP address has 4 or 16");
        }
        try {
            // Inet6Address keeps an IPv4-mapped IPv6 address IPv6; InetAddress.getByAddress would not
            return v.length == 4 ? InetAddress.getByAddress(v) : Inet6Address.getByAddress(null, v, -1);
        } catch (UnknownHostException e) {
            throw new MalformedMessageException("attribute type " + type + ": " + e.getMessage());
        }
    }
}
