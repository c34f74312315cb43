package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Golden;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static io.netns4j.internal.netlink.Golden.hex;
import static io.netns4j.internal.netlink.route.AddressMessageTest.asEncoded;
import static io.netns4j.internal.netlink.route.AddressMessageTest.asEncodedDump;
import static io.netns4j.internal.netlink.route.AddressMessageTest.slices;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link NeighbourMessage} against datagrams captured from iproute2 6.1.0 and Linux 6.18.44
 * (x86_64) with strace, as described in {@link AddressMessageTest} (veth0 has index 3).
 */
public class NeighbourMessageTest {
    /** {@code ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev veth0 nud permanent}. */
    public static final String ADD = """
            30 00 00 00 1c 00 05 06 6e 86 0b 6b 00 00 00 00
            02 00 00 00 03 00 00 00 80 00 00 00 08 00 01 00
            0a 00 00 02 0a 00 02 00 02 00 00 00 00 02 00 00""";
    /** {@code ip neigh replace 2001:db8::2 lladdr 02:00:00:00:00:04 dev veth0 nud reachable}. */
    public static final String REPLACE_IPV6 = """
            3c 00 00 00 1c 00 05 05 6e 86 0b 6b 00 00 00 00
            0a 00 00 00 03 00 00 00 02 00 00 00 14 00 01 00
            20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02
            0a 00 02 00 02 00 00 00 00 04 00 00""";
    /** {@code ip neigh add proxy 10.0.0.9 dev veth0}: NTF_PROXY, state permanent, no lladdr. */
    public static final String ADD_PROXY = """
            24 00 00 00 1c 00 05 06 6e 86 0b 6b 00 00 00 00
            02 00 00 00 03 00 00 00 80 00 08 00 08 00 01 00
            0a 00 00 09""";
    /** {@code ip neigh del 10.0.0.2 dev veth0}: ip sends its default state, permanent, here too. */
    public static final String DELETE = """
            24 00 00 00 1d 00 05 00 6e 86 0b 6b 00 00 00 00
            02 00 00 00 03 00 00 00 80 00 00 00 08 00 01 00
            0a 00 00 02""";
    /** {@code ip neigh show dev veth0}: the RTM_GETNEIGH dump request, NDA_IFINDEX 3. */
    public static final String DUMP_REQUEST_VETH0 = """
            24 00 00 00 1e 00 01 03 6e 86 0b 6b 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 08 00 08 00 03 00 00 00""";
    /** {@code ip neigh show proxy}: the dump request with NTF_PROXY. */
    public static final String DUMP_REQUEST_PROXY = """
            1c 00 00 00 1e 00 01 03 6e 86 0b 6b 00 00 00 00 00 00 00 00 00 00 00 00 00 00 08 00""";
    /**
     * The reply datagram to {@code ip neigh show dev veth0}: 10.0.0.2 permanent, ff02::16
     * noarp (multicast, which ip hides by default), 2001:db8::2 reachable; then NLMSG_DONE.
     */
    public static final String DUMP_REPLY = """
            4c 00 00 00 1c 00 22 00 6e 86 0b 6b b0 5f 00 00
            02 00 00 00 03 00 00 00 80 00 00 01 08 00 01 00
            0a 00 00 02 0a 00 02 00 02 00 00 00 00 02 00 00
            08 00 04 00 00 00 00 00 14 00 03 00 07 00 00 00
            07 00 00 00 07 00 00 00 00 00 00 00 58 00 00 00
            1c 00 22 00 6e 86 0b 6b b0 5f 00 00 0a 00 00 00
            03 00 00 00 40 00 00 05 14 00 01 00 ff 02 00 00
            00 00 00 00 00 00 00 00 00 00 00 16 0a 00 02 00
            33 33 00 00 00 16 00 00 08 00 04 00 00 00 00 00
            14 00 03 00 84 17 00 00 14 00 00 00 14 00 00 00
            00 00 00 00 58 00 00 00 1c 00 22 00 6e 86 0b 6b
            b0 5f 00 00 0a 00 00 00 03 00 00 00 02 00 00 01
            14 00 01 00 20 01 0d b8 00 00 00 00 00 00 00 00
            00 00 00 02 0a 00 02 00 02 00 00 00 00 04 00 00
            08 00 04 00 00 00 00 00 14 00 03 00 06 00 00 00
            06 00 00 00 06 00 00 00 01 00 00 00 14 00 00 00
            03 00 02 00 6e 86 0b 6b b0 5f 00 00 00 00 00 00""";
    /** The reply to {@code ip neigh show proxy}: 10.0.0.9 on veth0, state none, NTF_PROXY; NLMSG_DONE. */
    public static final String PROXY_DUMP_REPLY = """
            24 00 00 00 1c 00 02 00 6e 86 0b 6b b4 5f 00 00
            02 00 00 00 03 00 00 00 00 00 08 01 08 00 01 00
            0a 00 00 09 14 00 00 00 03 00 02 00 6e 86 0b 6b
            b4 5f 00 00 00 00 00 00""";

    private static final int ADD_FLAGS = Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL;
    private static final byte[] MAC_2 = hex("02 00 00 00 00 02");

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void encodesRequestsAsIpDoes() throws Exception {
        assertArrayEquals(asEncoded(ADD), NeighbourMessage.request(2, 3, Nda.NUD_PERMANENT, 0)
                .withDestination(ip("10.0.0.2")).withLinkLayerAddress(MAC_2).encode(Nda.RTM_NEWNEIGH, ADD_FLAGS));
        assertArrayEquals(asEncoded(REPLACE_IPV6), NeighbourMessage.request(10, 3, Nda.NUD_REACHABLE, 0)
                .withDestination(ip("2001:db8::2")).withLinkLayerAddress(hex("02 00 00 00 00 04"))
                .encode(Nda.RTM_NEWNEIGH, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE));
        assertArrayEquals(asEncoded(ADD_PROXY), NeighbourMessage.request(2, 3, Nda.NUD_PERMANENT, Nda.NTF_PROXY)
                .withDestination(ip("10.0.0.9")).encode(Nda.RTM_NEWNEIGH, ADD_FLAGS));
        assertArrayEquals(asEncoded(DELETE), NeighbourMessage.request(2, 3, Nda.NUD_PERMANENT, 0)
                .withDestination(ip("10.0.0.2")).encode(Nda.RTM_DELNEIGH, 0));
    }

    @Test
    void encodesDumpRequestsAsIpDoes() {
        assertArrayEquals(asEncodedDump(DUMP_REQUEST_VETH0), NeighbourMessage.dumpRequest(0, 0, 3).encode(Nda.RTM_GETNEIGH, 0));
        assertArrayEquals(asEncodedDump(DUMP_REQUEST_PROXY),
                NeighbourMessage.dumpRequest(0, Nda.NTF_PROXY, 0).encode(Nda.RTM_GETNEIGH, 0));
    }

    @Test
    void decodesTheRequestIpSent() throws Exception {
        byte[] raw = hex(ADD);
        NeighbourMessage m = NeighbourMessage.decode(NetlinkMessage.parseAll(raw, raw.length).getFirst());
        assertEquals(List.of(2, 3, Nda.NUD_PERMANENT, 0, 0), List.of(m.family(), m.index(), m.state(), m.flags(), m.type()));
        assertEquals(ip("10.0.0.2"), m.destination());
        assertArrayEquals(MAC_2, m.linkLayerAddress());
        assertNull(m.cacheInfo());
        assertEquals(-1, m.probes());
    }

    @Test
    void decodesTheKernelsDump() throws Exception {
        byte[] d = hex(DUMP_REPLY);
        List<NeighbourMessage> all = new ArrayList<>();
        for (NetlinkMessage m : NetlinkMessage.parseAll(d, d.length)) {
            if (m.type() == Nda.RTM_NEWNEIGH) {
                all.add(NeighbourMessage.decode(m));
            }
        }
        assertEquals(3, all.size());
        NeighbourMessage permanent = all.get(0);
        assertEquals(List.of(2, 3, Nda.NUD_PERMANENT, 0, 1),
                List.of(permanent.family(), permanent.index(), permanent.state(), permanent.flags(), permanent.type()));
        assertEquals(ip("10.0.0.2"), permanent.destination());
        assertArrayEquals(MAC_2, permanent.linkLayerAddress());
        assertEquals(0, permanent.probes());
        assertEquals(new NeighbourMessage.CacheInfo(7, 7, 7, 0), permanent.cacheInfo());
        NeighbourMessage multicast = all.get(1);
        assertEquals(Nda.NUD_NOARP, multicast.state());
        assertEquals(5, multicast.type(), "RTN_MULTICAST");
        assertEquals(ip("ff02::16"), multicast.destination());
        NeighbourMessage reachable = all.get(2);
        assertEquals(Nda.NUD_REACHABLE, reachable.state());
        assertEquals(1, reachable.cacheInfo().refCount());
    }

    @Test
    void decodesAProxyEntry() throws Exception {
        byte[] d = hex(PROXY_DUMP_REPLY);
        List<NetlinkMessage> ms = NetlinkMessage.parseAll(d, d.length);
        assertEquals(Netlink.NLMSG_DONE, ms.get(1).type());
        NeighbourMessage proxy = NeighbourMessage.decode(ms.getFirst());
        assertEquals(Nda.NTF_PROXY, proxy.flags());
        assertEquals(Nda.NUD_NONE, proxy.state());
        assertEquals(ip("10.0.0.9"), proxy.destination());
        assertNull(proxy.linkLayerAddress());
    }

    @Test
    void encodesEveryDumpedMessageBackByteForByte() throws Exception {
        for (String datagram : List.of(DUMP_REPLY, PROXY_DUMP_REPLY)) {
            for (byte[] raw : slices(datagram)) {
                NetlinkMessage m = NetlinkMessage.parseAll(raw, raw.length).getFirst();
                if (m.type() == Nda.RTM_NEWNEIGH) {
                    assertArrayEquals(Golden.normaliseReply(raw), NeighbourMessage.decode(m).encode(m.type(), m.flags()));
                }
            }
        }
    }

    @Test
    void malformedInputIsRefusedNotMisread() throws Exception {
        NetlinkMessage shortHeader = new NetlinkMessage(Nda.RTM_NEWNEIGH, 0, 0, 0, hex("02 00 00 00 03 00 00 00"));
        assertThrows(MalformedMessageException.class, () -> NeighbourMessage.decode(shortHeader));
        NeighbourMessage badDst = NeighbourMessage.request(2, 3, 0, 0).with(new Attribute(Nda.NDA_DST, hex("0a 00")));
        assertThrows(MalformedMessageException.class, badDst::destination);
        NeighbourMessage badCache = NeighbourMessage.request(2, 3, 0, 0).with(new Attribute(Nda.NDA_CACHEINFO, hex("00")));
        assertThrows(MalformedMessageException.class, badCache::cacheInfo);
    }

    @Property
    void decodeInvertsEncode(@ForAll @IntRange(min = 0, max = 255) int family, @ForAll int index,
                             @ForAll @IntRange(min = 0, max = 0xffff) int state,
                             @ForAll @IntRange(min = 0, max = 255) int flags, @ForAll byte[] lladdr) throws Exception {
        NeighbourMessage m = NeighbourMessage.request(family, index, state, flags).withDestination(ip("192.0.2.7"))
                .withLinkLayerAddress(lladdr.length > 64 ? new byte[6] : lladdr);
        byte[] wire = m.encode(Nda.RTM_NEWNEIGH, 0);
        NeighbourMessage back = NeighbourMessage.decode(NetlinkMessage.parseAll(wire, wire.length).getFirst());
        assertEquals(m, back);
        assertArrayEquals(wire, back.encode(Nda.RTM_NEWNEIGH, 0));
    }
}
