package io.netns4j.internal.netlink;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.route.Rtnl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

import static io.netns4j.internal.netlink.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetlinkMessageTest {
    static final List<String> GOLDENS = Golden.ALL;

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    @Test
    void splitsTheNsidDumpDatagramIntoItsThreeMessages() throws MalformedMessageException {
        List<NetlinkMessage> all = Golden.messages("nsid-dump.hex");
        assertEquals(List.of(Rtnl.RTM_NEWNSID, Rtnl.RTM_NEWNSID, Netlink.NLMSG_DONE),
                all.stream().map(NetlinkMessage::type).toList());
        for (NetlinkMessage m : all) {
            assertEquals(Netlink.NLM_F_MULTI, m.flags());
            assertTrue(m.hasFlag(Netlink.NLM_F_MULTI));
            assertEquals(all.getFirst().seq(), m.seq());
            assertEquals(all.getFirst().pid(), m.pid());
        }
        assertNotEquals(0, all.getFirst().pid()); // the kernel addresses ip's socket
        assertEquals(List.of(12, 12, 4), all.stream().map(m -> m.payload().length).toList());
    }

    @Test
    void splitsTheLinkDumpDatagramIntoLoAndVeth() throws MalformedMessageException {
        List<NetlinkMessage> all = Golden.messages("link-dump.hex");
        assertEquals(2, all.size());
        List<byte[]> raw = Golden.slices("link-dump.hex");
        for (int i = 0; i < 2; i++) {
            assertEquals(Rtnl.RTM_NEWLINK, all.get(i).type());
            assertEquals(raw.get(i).length - Netlink.HEADER_LENGTH, all.get(i).payload().length);
        }
    }

    @Test
    void readsRequestHeaderFields() throws MalformedMessageException {
        NetlinkMessage m = Golden.message("nsid-set-request.hex");
        assertEquals(Rtnl.RTM_NEWNSID, m.type());
        assertEquals(Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, m.flags());
        assertEquals(0, m.pid());
        assertEquals(20, m.payload().length);
    }

    @ParameterizedTest
    @FieldSource("GOLDENS")
    void encodingTheParsedMessagesGivesBackTheDatagram(String golden) throws MalformedMessageException {
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        for (NetlinkMessage m : Golden.messages(golden)) {
            again.writeBytes(m.encode());
        }
        assertArrayEquals(Golden.bytes(golden), again.toByteArray());
    }

    @Test
    void readsOnlyTheGivenLength() throws MalformedMessageException {
        byte[] buffer = new byte[64];
        byte[] done = Golden.bytes("link-dump-done.hex");
        System.arraycopy(done, 0, buffer, 0, done.length);
        buffer[done.length] = (byte) 0xff; // garbage past the received length
        assertEquals(List.of(Netlink.NLMSG_DONE),
                NetlinkMessage.parseAll(buffer, done.length).stream().map(NetlinkMessage::type).toList());
        assertEquals(List.of(), NetlinkMessage.parseAll(buffer, 0));
    }

    @Test
    void unalignedLengthKeepsOnlyTheDeclaredPayloadAndSkipsThePadding() throws MalformedMessageException {
        byte[] d = hex("""
                11 00 00 00  58 00 00 00  00 00 00 00  00 00 00 00  07 ee ee ee
                14 00 00 00  03 00 02 00  00 00 00 00  00 00 00 00  00 00 00 00
                """);
        List<NetlinkMessage> all = NetlinkMessage.parseAll(d, d.length);
        assertArrayEquals(hex("07"), all.get(0).payload());
        assertEquals(Netlink.NLMSG_DONE, all.get(1).type());
        // a last message may end without its padding
        assertArrayEquals(hex("07"), NetlinkMessage.parseAll(d, 17).getFirst().payload());
        assertArrayEquals(hex("11 00 00 00 58 00 00 00 00 00 00 00 00 00 00 00 07 00 00 00"), all.get(0).encode());
    }

    @Test
    void attributesStartAfterTheAlignedFixedHeader() throws MalformedMessageException {
        NetlinkMessage m = Golden.message("nsid-set-request.hex");
        Attributes a = m.attributes(1); // struct rtgenmsg: 1 byte, padded to 4
        assertEquals(List.of(3, 1), a.all().stream().map(Attribute::type).toList());
    }

    @Test
    void fixedHeaderWithNothingAfterItHasNoAttributes() throws MalformedMessageException {
        assertSame(Attributes.empty(), new NetlinkMessage(16, 0, 0, 0, new byte[16]).attributes(16));
        assertSame(Attributes.empty(), new NetlinkMessage(88, 0, 0, 0, new byte[1]).attributes(1));
        assertSame(Attributes.empty(), new NetlinkMessage(88, 0, 0, 0, new byte[4]).attributes(1));
    }

    @Test
    void payloadShorterThanTheFixedHeaderIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> new NetlinkMessage(16, 0, 0, 0, new byte[15]).attributes(16));
        assertThrows(MalformedMessageException.class, () -> new NetlinkMessage(88, 0, 0, 0, new byte[0]).attributes(1));
    }

    @Test
    void payloadIsCopiedInAndOut() {
        byte[] p = {1, 2};
        NetlinkMessage m = new NetlinkMessage(1, 0, 0, 0, p);
        p[0] = 9;
        m.payload()[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, m.payload());
        assertArrayEquals(new byte[] {1, 2}, m.payloadView());
    }

    @Test
    void equalityCoversEveryField() {
        NetlinkMessage m = new NetlinkMessage(1, 2, 3, 4, new byte[] {5});
        assertEquals(m, new NetlinkMessage(1, 2, 3, 4, new byte[] {5}));
        assertEquals(m.hashCode(), new NetlinkMessage(1, 2, 3, 4, new byte[] {5}).hashCode());
        assertNotEquals(m, new NetlinkMessage(1, 2, 3, 9, new byte[] {5}));
        assertNotEquals(m, new NetlinkMessage(1, 2, 3, 4, new byte[] {6}));
        assertFalse(m.hasFlag(1));
        assertTrue(m.hasFlag(2));
    }

    // ---- malformed input ----

    @Test
    void truncatedHeaderIsMalformed() {
        byte[] done = Golden.bytes("link-dump-done.hex");
        for (int n = 1; n < Netlink.HEADER_LENGTH; n++) {
            int length = n;
            assertThrows(MalformedMessageException.class, () -> NetlinkMessage.parseAll(done, length), "length " + n);
        }
    }

    @Test
    void bytesAfterTheLastMessageTooShortForAHeaderAreMalformed() {
        byte[] d = new byte[20 + 5];
        System.arraycopy(Golden.bytes("link-dump-done.hex"), 0, d, 0, 20);
        assertThrows(MalformedMessageException.class, () -> NetlinkMessage.parseAll(d, d.length));
    }

    @Test
    void lengthPastTheDatagramIsMalformed() {
        byte[] d = Golden.bytes("link-dump.hex");
        assertThrows(MalformedMessageException.class, () -> NetlinkMessage.parseAll(d, 1000)); // cuts lo short
        byte[] huge = Golden.bytes("link-dump-done.hex");
        huge[0] = huge[1] = huge[2] = huge[3] = (byte) 0xff; // 4 GiB - 1: negative as an int
        assertThrows(MalformedMessageException.class, () -> NetlinkMessage.parseAll(huge, huge.length));
    }

    @Test
    void lengthBelowTheHeaderIsMalformedNotALoop() {
        for (int len : new int[] {0, 1, 15}) {
            byte[] d = Golden.bytes("link-dump-done.hex");
            d[0] = (byte) len;
            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThrows(MalformedMessageException.class, () -> NetlinkMessage.parseAll(d, d.length)), "len " + len);
        }
    }

    @Test
    void datagramLengthOutsideTheBufferIsMalformed() {
        byte[] d = Golden.bytes("link-dump-done.hex");
        assertThrows(MalformedMessageException.class, () -> NetlinkMessage.parseAll(d, d.length + 1));
        assertThrows(MalformedMessageException.class, () -> NetlinkMessage.parseAll(d, -1));
    }
}
