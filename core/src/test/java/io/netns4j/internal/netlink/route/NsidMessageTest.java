package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Golden;
import io.netns4j.internal.netlink.NetlinkMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.netns4j.internal.netlink.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NsidMessageTest {

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    private static NsidMessage nsid(int id) {
        return new NsidMessage(Rtnl.AF_UNSPEC, id, null, null, null, null, List.of());
    }

    private static NetlinkMessage message(String hex) throws MalformedMessageException {
        byte[] d = hex(hex);
        return NetlinkMessage.parseAll(d, d.length).getFirst();
    }

    // ---- kernel -> us ----

    @Test
    void decodesTheIdsOfTheListIdDump() throws MalformedMessageException {
        List<NetlinkMessage> dump = Golden.messages("nsid-dump.hex");
        assertEquals(nsid(5), NsidMessage.decode(dump.get(0)));
        assertEquals(nsid(6), NsidMessage.decode(dump.get(1)));
    }

    @Test
    void decodesTheNotAssignedReply() throws MalformedMessageException {
        NsidMessage reply = NsidMessage.decode(Golden.message("nsid-get-reply-not-assigned.hex"));
        assertEquals(NsidMessage.NOT_ASSIGNED, reply.nsid());
        assertEquals(nsid(-1), reply);
    }

    @Test
    void reEncodingKernelMessagesGivesTheirBytes() throws MalformedMessageException {
        List<NetlinkMessage> messages = new ArrayList<>(Golden.messages("nsid-dump.hex").subList(0, 2));
        List<byte[]> raw = new ArrayList<>(Golden.slices("nsid-dump.hex").subList(0, 2));
        messages.add(Golden.message("nsid-get-reply-not-assigned.hex"));
        raw.add(Golden.bytes("nsid-get-reply-not-assigned.hex"));
        for (int i = 0; i < messages.size(); i++) {
            NetlinkMessage m = messages.get(i);
            assertArrayEquals(Golden.normaliseReply(raw.get(i)), NsidMessage.decode(m).encode(m.type(), m.flags()));
        }
    }

    @Test
    void keepsUnknownAttributesAndReEncodesThem() throws MalformedMessageException {
        NetlinkMessage m = message("""
                38 00 00 00  58 00 00 00  00 00 00 00  00 00 00 00
                00 00 00 00
                08 00 01 00  05 00 00 00
                08 00 05 00  02 00 00 00
                06 00 09 00  ab cd 00 00
                0c 00 0a 80  08 00 01 00 07 00 00 00
                """);
        NsidMessage d = NsidMessage.decode(m);
        assertEquals(5, d.nsid());
        assertEquals(2, d.currentNsid());
        assertEquals(List.of(new Attribute(9, hex("ab cd")), new Attribute(10, true, false, hex("08 00 01 00 07 00 00 00"))),
                d.other());
        assertArrayEquals(m.encode(), d.encode(m.type(), m.flags()));
    }

    @Test
    void payloadOfOnlyTheFamilyByteHasNoAttributes() throws MalformedMessageException {
        NsidMessage d = NsidMessage.decode(new NetlinkMessage(Rtnl.RTM_NEWNSID, 0, 0, 0, new byte[] {7}));
        assertEquals(new NsidMessage(7, null, null, null, null, null, List.of()), d);
    }

    // ---- us -> kernel ----

    @Test
    void decodesIpsSetRequest() throws MalformedMessageException {
        NsidMessage request = NsidMessage.decode(Golden.message("nsid-set-request.hex"));
        assertEquals(5, request.nsid());
        assertNotNull(request.fd());
        assertNull(request.pid());
        assertEquals(List.of(), request.other());
    }

    @Test
    void encodesTheSetRequestAsIpDoes() throws MalformedMessageException {
        int fd = NsidMessage.decode(Golden.message("nsid-set-request.hex")).fd();
        byte[] ours = NsidMessage.request().withFd(fd).withNsid(5).encode(Rtnl.RTM_NEWNSID, 0);
        assertArrayEquals(Golden.normaliseRequest(Golden.bytes("nsid-set-request.hex")), ours);
    }

    @Test
    void encodesTheGetRequestAsIpDoes() throws MalformedMessageException {
        int fd = NsidMessage.decode(Golden.message("nsid-get-request.hex")).fd();
        byte[] ours = NsidMessage.request().withFd(fd).encode(Rtnl.RTM_GETNSID, 0);
        assertArrayEquals(Golden.normaliseRequest(Golden.bytes("nsid-get-request.hex")), ours);
    }

    @Test
    void encodesEveryFieldInAFixedOrder() {
        byte[] ours = NsidMessage.request().withTargetNsid(4).withNsid(1).withPid(2).withFd(3)
                .encode(Rtnl.RTM_GETNSID, 0x300);
        assertArrayEquals(hex("""
                34 00 00 00  5a 00 00 03  00 00 00 00  00 00 00 00
                00 00 00 00
                08 00 03 00  03 00 00 00
                08 00 02 00  02 00 00 00
                08 00 01 00  01 00 00 00
                08 00 04 00  04 00 00 00
                """), ours);
    }

    @Test
    void withMethodsSetOneFieldEach() {
        NsidMessage m = NsidMessage.request().withNsid(1).withPid(2).withFd(3).withTargetNsid(4);
        assertEquals(new NsidMessage(Rtnl.AF_UNSPEC, 1, 2, 3, 4, null, List.of()), m);
    }

    // ---- malformed input ----

    @Test
    void emptyPayloadIsMalformed() {
        assertThrows(MalformedMessageException.class,
                () -> NsidMessage.decode(new NetlinkMessage(Rtnl.RTM_NEWNSID, 0, 0, 0, new byte[0])));
    }

    @Test
    void shortNsidAttributeIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> NsidMessage.decode(
                message("1c 00 00 00 58 00 00 00 00 00 00 00 00 00 00 00  00 00 00 00  06 00 01 00 05 00 00 00")));
    }

    @Test
    void attributeOverrunningTheMessageIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> NsidMessage.decode(
                message("1c 00 00 00 58 00 00 00 00 00 00 00 00 00 00 00  00 00 00 00  0c 00 01 00 05 00 00 00")));
    }
}
