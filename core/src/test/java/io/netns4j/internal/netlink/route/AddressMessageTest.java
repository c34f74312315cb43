package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Golden;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.netns4j.internal.netlink.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link AddressMessage} against datagrams captured from iproute2 6.1.0 and Linux 6.18.44
 * (x86_64) with {@code strace -f -xx -s 65535 -e trace=sendmsg,recvmsg,sendto -e write=all
 * -e read=all ip -n NS ...}, in a scratch namespace holding the veth pair veth0 (index 3,
 * 02:00:00:00:00:aa) and veth1 (index 2). Both directions: decode(raw) gives the values,
 * encode(values) gives raw (seq, port id and the flags the socket adds zeroed).
 */
public class AddressMessageTest {
    /** {@code ip addr add 10.0.0.1/24 dev veth0}: RTM_NEWADDR, IFA_LOCAL, IFA_ADDRESS. */
    public static final String ADD_IPV4 = """
            28 00 00 00 14 00 05 06 6d 86 0b 6b 00 00 00 00
            02 18 00 00 03 00 00 00 08 00 02 00 0a 00 00 01
            08 00 01 00 0a 00 00 01""";
    /**
     * {@code ip addr add 10.0.0.5/24 label veth0:x noprefixroute brd + valid_lft 100
     * preferred_lft 50 dev veth0}: IFA_LOCAL, IFA_LABEL, IFA_FLAGS 0x200, IFA_ADDRESS,
     * IFA_BROADCAST 10.0.0.255, IFA_CACHEINFO (preferred 50, valid 100).
     */
    public static final String ADD_IPV4_FULL = """
            58 00 00 00 14 00 05 06 6d 86 0b 6b 00 00 00 00
            02 18 00 00 03 00 00 00 08 00 02 00 0a 00 00 05
            0c 00 03 00 76 65 74 68 30 3a 78 00 08 00 08 00
            00 02 00 00 08 00 01 00 0a 00 00 05 08 00 04 00
            0a 00 00 ff 14 00 06 00 32 00 00 00 64 00 00 00
            00 00 00 00 00 00 00 00""";
    /** {@code ip addr add 2001:db8::1/64 dev veth0 nodad}: IFA_F_NODAD in the header's flags byte. */
    public static final String ADD_IPV6_NODAD = """
            40 00 00 00 14 00 05 06 6d 86 0b 6b 00 00 00 00
            0a 40 02 00 03 00 00 00 14 00 02 00 20 01 0d b8
            00 00 00 00 00 00 00 00 00 00 00 01 14 00 01 00
            20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01""";
    /** {@code ip addr add 10.1.0.1 peer 10.1.0.2/32 dev veth1 scope link}. */
    public static final String ADD_PEER = """
            28 00 00 00 14 00 05 06 6d 86 0b 6b 00 00 00 00
            02 20 00 fd 02 00 00 00 08 00 02 00 0a 01 00 01
            08 00 01 00 0a 01 00 02""";
    /** {@code ip addr del 10.0.0.5/24 dev veth0}: RTM_DELADDR, only NLM_F_REQUEST|NLM_F_ACK. */
    public static final String DELETE_IPV4 = """
            28 00 00 00 15 00 05 00 6d 86 0b 6b 00 00 00 00
            02 18 00 00 03 00 00 00 08 00 02 00 0a 00 00 05
            08 00 01 00 0a 00 00 05""";
    /** {@code ip addr show dev veth0}: the RTM_GETADDR dump request, ifa_index 3. */
    public static final String DUMP_REQUEST_VETH0 = "18 00 00 00 16 00 01 03 6e 86 0b 6b 00 00 00 00 00 00 00 00 03 00 00 00";
    /**
     * The reply datagram to that dump: 10.0.0.1/24 (permanent), 10.0.0.5/24 (secondary,
     * noprefixroute, valid 100 s, preferred 50 s), 2001:db8::1/64 nodad, and the link-local
     * fe80::ff:fe00:aa/64 (tentative) carrying IFA_PROTO (11), which this codec does not know.
     */
    public static final String DUMP_REPLY = """
            50 00 00 00 14 00 22 00 6e 86 0b 6b 98 5f 00 00
            02 18 80 00 03 00 00 00 08 00 01 00 0a 00 00 01
            08 00 02 00 0a 00 00 01 0a 00 03 00 76 65 74 68
            30 00 00 00 08 00 08 00 80 00 00 00 14 00 06 00
            ff ff ff ff ff ff ff ff 2c 03 02 00 2c 03 02 00
            58 00 00 00 14 00 22 00 6e 86 0b 6b 98 5f 00 00
            02 18 01 00 03 00 00 00 08 00 01 00 0a 00 00 05
            08 00 02 00 0a 00 00 05 08 00 04 00 0a 00 00 ff
            0c 00 03 00 76 65 74 68 30 3a 78 00 08 00 08 00
            01 02 00 00 14 00 06 00 32 00 00 00 64 00 00 00
            2e 03 02 00 2e 03 02 00 48 00 00 00 14 00 22 00
            6e 86 0b 6b 98 5f 00 00 0a 40 82 00 03 00 00 00
            14 00 01 00 20 01 0d b8 00 00 00 00 00 00 00 00
            00 00 00 01 14 00 06 00 ff ff ff ff ff ff ff ff
            30 03 02 00 30 03 02 00 08 00 08 00 82 00 00 00
            50 00 00 00 14 00 22 00 6e 86 0b 6b 98 5f 00 00
            0a 40 c0 fd 03 00 00 00 14 00 01 00 fe 80 00 00
            00 00 00 00 00 00 00 ff fe 00 00 aa 14 00 06 00
            ff ff ff ff ff ff ff ff 2a 03 02 00 2a 03 02 00
            08 00 08 00 c0 00 00 00 05 00 0b 00 03 00 00 00""";

    private static final int ADD_FLAGS = Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL;

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    /** A request as ip sent it, less what our socket adds at send time (seq, REQUEST, ACK). */
    public static byte[] asEncoded(String golden) {
        return Golden.normaliseRequest(hex(golden));
    }

    /** A dump request as ip sent it, less what our socket adds at send time (seq, REQUEST, DUMP). */
    public static byte[] asEncodedDump(String golden) {
        byte[] b = asEncoded(golden);
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort(6, (short) (h.getShort(6) & ~Netlink.NLM_F_DUMP));
        return b;
    }

    private static NetlinkMessage one(String golden) throws MalformedMessageException {
        byte[] b = hex(golden);
        return NetlinkMessage.parseAll(b, b.length).getFirst();
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void encodesIpv4AddAsIpDoes() throws Exception {
        byte[] ours = AddressMessage.request(2, 24, 0, 0, 3).withAddress(Ifa.IFA_LOCAL, ip("10.0.0.1"))
                .withAddress(Ifa.IFA_ADDRESS, ip("10.0.0.1")).encode(Ifa.RTM_NEWADDR, ADD_FLAGS);
        assertArrayEquals(asEncoded(ADD_IPV4), ours);
    }

    @Test
    void encodesLabelFlagsBroadcastAndLifetimesAsIpDoes() throws Exception {
        byte[] ours = AddressMessage.request(2, 24, 0, 0, 3).withAddress(Ifa.IFA_LOCAL, ip("10.0.0.5"))
                .withLabel("veth0:x").withU32(Ifa.IFA_FLAGS, Ifa.IFA_F_NOPREFIXROUTE)
                .withAddress(Ifa.IFA_ADDRESS, ip("10.0.0.5")).withAddress(Ifa.IFA_BROADCAST, ip("10.0.0.255"))
                .withCacheInfo(new AddressMessage.CacheInfo(50, 100, 0, 0)).encode(Ifa.RTM_NEWADDR, ADD_FLAGS);
        assertArrayEquals(asEncoded(ADD_IPV4_FULL), ours);
    }

    @Test
    void encodesIpv6NodadPeerAndDeleteAsIpDoes() throws Exception {
        InetAddress v6 = ip("2001:db8::1");
        assertArrayEquals(asEncoded(ADD_IPV6_NODAD), AddressMessage.request(10, 64, Ifa.IFA_F_NODAD, 0, 3)
                .withAddress(Ifa.IFA_LOCAL, v6).withAddress(Ifa.IFA_ADDRESS, v6).encode(Ifa.RTM_NEWADDR, ADD_FLAGS));
        assertArrayEquals(asEncoded(ADD_PEER), AddressMessage.request(2, 32, 0, 253, 2)
                .withAddress(Ifa.IFA_LOCAL, ip("10.1.0.1")).withAddress(Ifa.IFA_ADDRESS, ip("10.1.0.2"))
                .encode(Ifa.RTM_NEWADDR, ADD_FLAGS));
        assertArrayEquals(asEncoded(DELETE_IPV4), AddressMessage.request(2, 24, 0, 0, 3)
                .withAddress(Ifa.IFA_LOCAL, ip("10.0.0.5")).withAddress(Ifa.IFA_ADDRESS, ip("10.0.0.5"))
                .encode(Ifa.RTM_DELADDR, 0));
        assertArrayEquals(asEncodedDump(DUMP_REQUEST_VETH0), AddressMessage.dumpRequest(0, 3).encode(Ifa.RTM_GETADDR, 0));
    }

    @Test
    void decodesTheRequestIpSent() throws Exception {
        AddressMessage m = AddressMessage.decode(one(ADD_IPV4_FULL));
        assertEquals(List.of(2, 24, 0, 0, 3), List.of(m.family(), m.prefixLength(), m.flags(), m.scope(), m.index()));
        assertEquals(ip("10.0.0.5"), m.local());
        assertEquals(ip("10.0.0.5"), m.address());
        assertEquals(ip("10.0.0.255"), m.broadcast());
        assertNull(m.anycast());
        assertEquals("veth0:x", m.label());
        assertEquals(Ifa.IFA_F_NOPREFIXROUTE, m.allFlags());
        assertEquals(new AddressMessage.CacheInfo(50, 100, 0, 0), m.cacheInfo());
        assertEquals(-1, m.metric());
    }

    /** The messages of a datagram, split on nlmsg_len here rather than by the code under test. */
    public static List<byte[]> slices(String golden) {
        byte[] d = hex(golden);
        List<byte[]> out = new ArrayList<>();
        for (int pos = 0; pos < d.length; ) {
            int end = pos + ((ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).getInt(pos) + 3) & ~3);
            out.add(Arrays.copyOfRange(d, pos, end));
            pos = end;
        }
        return out;
    }

    @Test
    void decodesTheKernelsDump() throws Exception {
        byte[] d = hex(DUMP_REPLY);
        List<AddressMessage> all = new ArrayList<>();
        for (NetlinkMessage m : NetlinkMessage.parseAll(d, d.length)) {
            assertEquals(Ifa.RTM_NEWADDR, m.type());
            all.add(AddressMessage.decode(m));
        }
        assertEquals(4, all.size());

        AddressMessage primary = all.get(0);
        assertEquals(List.of(2, 24, Ifa.IFA_F_PERMANENT, 0, 3),
                List.of(primary.family(), primary.prefixLength(), primary.flags(), primary.scope(), primary.index()));
        assertEquals(ip("10.0.0.1"), primary.local());
        assertEquals("veth0", primary.label());
        assertEquals(Ifa.INFINITY_LIFE_TIME, primary.cacheInfo().valid());
        assertEquals(Ifa.INFINITY_LIFE_TIME, primary.cacheInfo().preferred());

        AddressMessage secondary = all.get(1);
        assertEquals(Ifa.IFA_F_SECONDARY, secondary.flags(), "the header holds the low 8 bits");
        assertEquals(Ifa.IFA_F_SECONDARY | Ifa.IFA_F_NOPREFIXROUTE, secondary.allFlags(), "IFA_FLAGS holds all 32");
        assertEquals(ip("10.0.0.255"), secondary.broadcast());
        assertEquals("veth0:x", secondary.label());
        assertEquals(100, secondary.cacheInfo().valid());
        assertEquals(50, secondary.cacheInfo().preferred());

        AddressMessage v6 = all.get(2);
        assertEquals(10, v6.family());
        assertNull(v6.local(), "IPv6 without a peer: IFA_ADDRESS only");
        assertEquals(ip("2001:db8::1"), v6.address());
        assertEquals(Ifa.IFA_F_NODAD | Ifa.IFA_F_PERMANENT, v6.allFlags());
        assertNull(v6.label());

        AddressMessage linkLocal = all.get(3);
        assertEquals(253, linkLocal.scope());
        assertEquals(ip("fe80::ff:fe00:aa"), linkLocal.address());
        assertEquals(Ifa.IFA_F_TENTATIVE | Ifa.IFA_F_PERMANENT, linkLocal.allFlags());
        assertEquals(List.of(new Attribute(Ifa.IFA_PROTO, hex("03"))), linkLocal.unknown(), "IFA_PROTO kept raw");
    }

    @Test
    void encodesEveryDumpedMessageBackByteForByte() throws Exception {
        for (byte[] raw : slices(DUMP_REPLY)) {
            NetlinkMessage m = NetlinkMessage.parseAll(raw, raw.length).getFirst();
            assertArrayEquals(Golden.normaliseReply(raw), AddressMessage.decode(m).encode(m.type(), m.flags()));
        }
    }

    @Test
    void aDumpedAddressBecomesItsOwnDeleteRequest() throws Exception {
        byte[] raw = slices(DUMP_REPLY).get(1);
        AddressMessage m = AddressMessage.decode(NetlinkMessage.parseAll(raw, raw.length).getFirst());
        byte[] delete = m.encode(Ifa.RTM_DELADDR, 0);
        AddressMessage back = AddressMessage.decode(NetlinkMessage.parseAll(delete, delete.length).getFirst());
        assertEquals(m, back);
        assertEquals(Ifa.RTM_DELADDR, ByteBuffer.wrap(delete).order(ByteOrder.LITTLE_ENDIAN).getShort(4));
    }

    @Test
    void malformedInputIsRefusedNotMisread() throws Exception {
        NetlinkMessage shortHeader = new NetlinkMessage(Ifa.RTM_NEWADDR, 0, 0, 0, hex("02 18 00 00 03 00"));
        assertThrows(MalformedMessageException.class, () -> AddressMessage.decode(shortHeader));
        AddressMessage threeByteAddress = AddressMessage.request(2, 24, 0, 0, 3)
                .with(new Attribute(Ifa.IFA_LOCAL, hex("0a 00 00")));
        assertThrows(MalformedMessageException.class, threeByteAddress::local);
        AddressMessage shortCacheInfo = AddressMessage.request(2, 24, 0, 0, 3)
                .with(new Attribute(Ifa.IFA_CACHEINFO, hex("01 00 00 00")));
        assertThrows(MalformedMessageException.class, shortCacheInfo::cacheInfo);
    }

    @Test
    void anIpv4MappedIpv6AddressStaysIpv6() throws Exception {
        byte[] mapped = hex("00000000 00000000 0000ffff 0a000001");
        AddressMessage m = AddressMessage.request(10, 128, 0, 0, 1).with(new Attribute(Ifa.IFA_ADDRESS, mapped));
        assertEquals(16, m.address().getAddress().length);
    }

    @Property
    void decodeInvertsEncode(@ForAll @IntRange(min = 0, max = 255) int prefixLength,
                             @ForAll @IntRange(min = 0, max = 255) int flags, @ForAll @IntRange(min = 0, max = 255) int scope,
                             @ForAll @IntRange(min = 1) int index, @ForAll @StringLength(min = 1, max = 15) String label,
                             @ForAll int extendedFlags, @ForAll byte[] unknown) throws Exception {
        AddressMessage m = AddressMessage.request(2, prefixLength, flags, scope, index)
                .withAddress(Ifa.IFA_LOCAL, ip("192.0.2.1")).withLabel(label.replace('\0', 'x'))
                .withU32(Ifa.IFA_FLAGS, extendedFlags).with(new Attribute(99, unknown.length > 1000 ? new byte[0] : unknown));
        byte[] wire = m.encode(Ifa.RTM_NEWADDR, 0);
        AddressMessage back = AddressMessage.decode(NetlinkMessage.parseAll(wire, wire.length).getFirst());
        assertEquals(m, back);
        assertEquals(extendedFlags, back.allFlags());
        assertArrayEquals(wire, back.encode(Ifa.RTM_NEWADDR, 0));
    }
}
