package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.Golden;
import io.netns4j.internal.netlink.NetlinkMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.netns4j.internal.netlink.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinkMessageTest {
    private static final int ARPHRD_ETHER = 1;
    private static final int ARPHRD_LOOPBACK = 772;
    private static final int IFF_BROADCAST = 0x2;
    private static final int IFF_LOOPBACK = 0x8;
    private static final int IFF_MULTICAST = 0x1000;
    private static final int AF_PACKET = 17;
    private static final int IFLA_INFO_KIND = 1;

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    private static LinkMessage decode(NetlinkMessage m) throws MalformedMessageException {
        return LinkMessage.decode(m);
    }

    private static NetlinkMessage message(String hex) throws MalformedMessageException {
        byte[] d = hex(hex);
        return NetlinkMessage.parseAll(d, d.length).getFirst();
    }

    // ---- kernel -> us ----

    @Test
    void decodesLoopback() throws MalformedMessageException {
        NetlinkMessage m = Golden.message("link-get-lo.hex");
        assertEquals(Rtnl.RTM_NEWLINK, m.type());
        LinkMessage lo = decode(m);
        assertEquals(Rtnl.AF_UNSPEC, lo.family());
        assertEquals(ARPHRD_LOOPBACK, lo.deviceType());
        assertEquals(1, lo.index());
        assertEquals(IFF_LOOPBACK, lo.flags());
        assertFalse(lo.isUp());
        assertEquals("lo", lo.name());
        assertEquals(65536, lo.attributes().u32(LinkMessage.IFLA_MTU, -1));
        assertEquals(-1, lo.linkNetnsid());
        assertEquals(0, lo.link());
    }

    @Test
    void decodesTheDumpsLoopbackLikeTheSingleReply() throws MalformedMessageException {
        LinkMessage fromDump = decode(Golden.messages("link-dump.hex").get(0));
        LinkMessage single = decode(Golden.message("link-get-lo.hex"));
        assertEquals(single.name(), fromDump.name());
        assertEquals(single.index(), fromDump.index());
        assertEquals(single.attributes().all().stream().map(Attribute::type).toList(),
                fromDump.attributes().all().stream().map(Attribute::type).toList());
    }

    @Test
    void decodesVethWithItsPeerInAnotherNamespace() throws MalformedMessageException {
        LinkMessage v0 = decode(Golden.messages("link-dump.hex").get(1));
        assertEquals("v0", v0.name());
        assertEquals(2, v0.index());
        assertEquals(ARPHRD_ETHER, v0.deviceType());
        assertEquals(IFF_BROADCAST | IFF_MULTICAST, v0.flags());
        assertFalse(v0.isUp());
        assertEquals(1500, v0.attributes().u32(LinkMessage.IFLA_MTU, -1));
        assertEquals(2, v0.link());         // v1's index, in gold-b
        assertEquals(5, v0.linkNetnsid());  // gold-a's id for gold-b
        assertEquals(6, v0.attributes().bytes(LinkMessage.IFLA_ADDRESS).length);
        Attributes linkinfo = v0.attributes().nested(LinkMessage.IFLA_LINKINFO);
        assertEquals("veth", linkinfo.string(IFLA_INFO_KIND));
    }

    @Test
    void keepsEveryAttributeWithItsFlags() throws MalformedMessageException {
        NetlinkMessage m = Golden.messages("link-dump.hex").get(1);
        LinkMessage v0 = decode(m);
        Attributes direct = m.attributes(16);
        assertEquals(direct, v0.attributes());
        assertTrue(v0.attributes().all().stream().anyMatch(Attribute::nested), "the kernel flags some nests");
        assertFalse(v0.attributes().find(LinkMessage.IFLA_LINKINFO).nested(), "IFLA_LINKINFO is sent unflagged");
    }

    @Test
    void reEncodingKernelMessagesGivesTheirBytes() throws MalformedMessageException {
        List<NetlinkMessage> messages = new ArrayList<>(Golden.messages("link-dump.hex"));
        List<byte[]> raw = new ArrayList<>(Golden.slices("link-dump.hex"));
        messages.add(Golden.message("link-get-lo.hex"));
        raw.add(Golden.bytes("link-get-lo.hex"));
        for (int i = 0; i < messages.size(); i++) {
            NetlinkMessage m = messages.get(i);
            assertArrayEquals(Golden.normaliseReply(raw.get(i)), decode(m).encode(m.type(), m.flags()), "message " + i);
        }
    }

    @Test
    void unpaddedAttributesRoundTrip() throws MalformedMessageException {
        NetlinkMessage m = message("""
                28 00 00 00  10 00 00 00  00 00 00 00  00 00 00 00
                00 00 01 00  03 00 00 00  43 10 01 00  00 00 00 00
                05 00 03 00  78 00 00 00
                """);
        LinkMessage d = decode(m);
        assertEquals(new LinkMessage(0, 1, 3, 0x11043, 0, Attributes.of(List.of(new Attribute(3, hex("78"))))), d);
        assertTrue(d.isUp());
        assertArrayEquals(m.encode(), d.encode(m.type(), m.flags()));
    }

    // ---- us -> kernel ----

    @Test
    void encodesTheGetRequestAsIpDoes() {
        LinkMessage request = new LinkMessage(AF_PACKET, 0, 0, 0, 0, Attributes.of(List.of(
                new Attribute(LinkMessage.IFLA_IFNAME, hex("6c 6f 00")),
                new Attribute(LinkMessage.IFLA_EXT_MASK, hex("01 00 00 00")))));
        assertArrayEquals(Golden.normaliseRequest(Golden.bytes("link-get-request-lo.hex")),
                request.encode(Rtnl.RTM_GETLINK, 0));
    }

    @Test
    void requestIsForAnyFamilyAndTheGivenIndex() {
        byte[] ours = LinkMessage.request(7, List.of(new Attribute(LinkMessage.IFLA_MTU, hex("dc 05 00 00"))))
                .encode(Rtnl.RTM_SETLINK, 0x4);
        assertArrayEquals(hex("""
                28 00 00 00  13 00 04 00  00 00 00 00  00 00 00 00
                00 00 00 00  07 00 00 00  00 00 00 00  00 00 00 00
                08 00 04 00  dc 05 00 00
                """), ours);
    }

    // ---- malformed input ----

    @Test
    void payloadShorterThanIfinfomsgIsMalformed() {
        for (int n : new int[] {0, 1, 15}) {
            NetlinkMessage m = new NetlinkMessage(Rtnl.RTM_NEWLINK, 0, 0, 0, new byte[n]);
            assertThrows(MalformedMessageException.class, () -> LinkMessage.decode(m), n + " bytes");
        }
    }

    @Test
    void shortLinkAttributesAreMalformedWhenRead() throws MalformedMessageException {
        LinkMessage d = decode(message("""
                30 00 00 00  10 00 00 00  00 00 00 00  00 00 00 00
                00 00 01 00  03 00 00 00  00 00 00 00  00 00 00 00
                06 00 25 00  05 00 00 00
                06 00 05 00  02 00 00 00
                """));
        assertThrows(MalformedMessageException.class, d::linkNetnsid);
        assertThrows(MalformedMessageException.class, d::link);
    }

    @Test
    void attributeOverrunningTheMessageIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> decode(message("""
                28 00 00 00  10 00 00 00  00 00 00 00  00 00 00 00
                00 00 01 00  03 00 00 00  00 00 00 00  00 00 00 00
                10 00 03 00  6c 6f 00 00
                """)));
    }
}
