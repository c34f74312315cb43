package io.netns4j.internal.netlink;

import io.netns4j.error.MalformedMessageException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static io.netns4j.internal.netlink.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetlinkErrorTest {
    private static final int EEXIST = 17;
    private static final int ENODEV = 19;
    private static final int EINVAL = 22;
    private static final int TLVS = Netlink.NLM_F_ACK_TLVS;
    private static final int CAPPED = Netlink.NLM_F_CAPPED;

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    private static NetlinkError decode(String golden) throws MalformedMessageException {
        return NetlinkError.decode(Golden.message(golden));
    }

    private static NetlinkMessage error(int flags, String payloadHex) {
        return new NetlinkMessage(Netlink.NLMSG_ERROR, flags, 0, 0, hex(payloadHex));
    }

    @Test
    void ackIsErrorZero() throws MalformedMessageException {
        NetlinkMessage m = Golden.message("nsid-set-ack.hex");
        assertEquals(CAPPED, m.flags());
        assertEquals(new NetlinkError(0, null, -1), NetlinkError.decode(m));
    }

    @Test
    void nsidInUseCarriesTheKernelsTextAndPointsAtNetnsaNsid() throws MalformedMessageException {
        NetlinkMessage m = Golden.message("error-nsid-in-use.hex");
        NetlinkError e = NetlinkError.decode(m);
        assertEquals(new NetlinkError(-EEXIST, "The specified nsid is already used", 28), e);
        assertEchoedAttributeAt(m, e.badOffset(), 1); // NETNSA_NSID
    }

    @Test
    void peerWithAnIdCarriesTheKernelsTextAndPointsAtNetnsaFd() throws MalformedMessageException {
        NetlinkMessage m = Golden.message("error-peer-has-nsid.hex");
        NetlinkError e = NetlinkError.decode(m);
        assertEquals(new NetlinkError(-EEXIST, "Peer netns already has a nsid assigned", 20), e);
        assertEchoedAttributeAt(m, e.badOffset(), 3); // NETNSA_FD
    }

    /** The offset counts from the start of the request, which the error echoes after its errno. */
    private static void assertEchoedAttributeAt(NetlinkMessage error, int offset, int type) {
        ByteBuffer p = ByteBuffer.wrap(error.payloadView()).order(ByteOrder.nativeOrder());
        assertEquals(8, p.getShort(4 + offset), "attribute length");
        assertEquals(type, p.getShort(4 + offset + 2), "attribute type");
    }

    @Test
    void errorWithoutExtendedAckHasNoTextAndNoOffset() throws MalformedMessageException {
        assertEquals(new NetlinkError(-ENODEV, null, -1), decode("error-newlink-probe-enodev.hex"));
    }

    @Test
    void doneEndingADumpIsSuccess() throws MalformedMessageException {
        assertEquals(new NetlinkError(0, null, -1), decode("link-dump-done.hex"));
        assertEquals(new NetlinkError(0, null, -1), NetlinkError.decode(Golden.messages("nsid-dump.hex").get(2)));
    }

    @Test
    void emptyDoneFromOldKernelsIsSuccess() throws MalformedMessageException {
        assertEquals(new NetlinkError(0, null, -1),
                NetlinkError.decode(new NetlinkMessage(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, 0, 0, new byte[0])));
    }

    @Test
    void doneWithExtendedAckHasItsTlvsRightAfterTheErrno() throws MalformedMessageException {
        NetlinkMessage done = new NetlinkMessage(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI | TLVS, 0, 0,
                hex("ea ff ff ff  08 00 01 00 62 61 64 00"));
        assertEquals(new NetlinkError(-EINVAL, "bad", -1), NetlinkError.decode(done));
    }

    @Test
    void cappedErrorWithExtendedAckHasItsTlvsAfterTheEchoedHeader() throws MalformedMessageException {
        // what our socket gets with NETLINK_CAP_ACK: the request's header only, though it claims 36 bytes
        NetlinkMessage m = error(CAPPED | TLVS, """
                ef ff ff ff
                24 00 00 00 58 00 05 00 01 00 00 00 00 00 00 00
                0a 00 01 00 74 61 6b 65 6e 00 00 00
                08 00 02 00 1c 00 00 00
                """);
        assertEquals(new NetlinkError(-EEXIST, "taken", 28), NetlinkError.decode(m));
    }

    @Test
    void errorWithExtendedAckButNoTlvsHasNoTextAndNoOffset() throws MalformedMessageException {
        NetlinkMessage m = error(CAPPED | TLVS, "ef ff ff ff  14 00 00 00 58 00 05 00 01 00 00 00 00 00 00 00");
        assertEquals(new NetlinkError(-EEXIST, null, -1), NetlinkError.decode(m));
    }

    // ---- malformed input ----

    @Test
    void errorTooShortForItsErrnoIsMalformed() {
        for (String payload : new String[] {"", "ef", "ef ff ff"}) {
            assertThrows(MalformedMessageException.class, () -> NetlinkError.decode(error(0, payload)), payload);
        }
    }

    @Test
    void errorWithExtendedAckTooShortForTheEchoedHeaderIsMalformed() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> NetlinkError.decode(error(CAPPED | TLVS, "ef ff ff ff 24 00 00 00 58 00 05 00")));
        assertTrue(e.getMessage().contains("malformed netlink data"), e.getMessage());
    }

    @Test
    void echoedRequestLongerThanThePayloadIsMalformed() {
        // not capped: the echo claims 36 bytes, 16 are there
        assertThrows(MalformedMessageException.class, () -> NetlinkError.decode(
                error(TLVS, "ef ff ff ff  24 00 00 00 58 00 05 00 01 00 00 00 00 00 00 00")));
        // the echoed length read as unsigned: 4 GiB - 1
        assertThrows(MalformedMessageException.class, () -> NetlinkError.decode(
                error(TLVS, "ef ff ff ff  ff ff ff ff 58 00 05 00 01 00 00 00 00 00 00 00")));
    }

    @Test
    void echoedRequestShorterThanAHeaderIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> NetlinkError.decode(
                error(TLVS, "ef ff ff ff  08 00 00 00 58 00 05 00 01 00 00 00 00 00 00 00")));
    }

    @Test
    void brokenTlvsAreMalformed() {
        String echoed = "ef ff ff ff  10 00 00 00 58 00 05 00 01 00 00 00 00 00 00 00";
        // attribute length 2
        assertThrows(MalformedMessageException.class, () -> NetlinkError.decode(error(TLVS, echoed + " 02 00 01 00")));
        // attribute running past the message
        assertThrows(MalformedMessageException.class, () -> NetlinkError.decode(error(TLVS, echoed + " 0c 00 01 00 61 00 00 00")));
        // NLMSGERR_ATTR_OFFS with 2 bytes
        assertThrows(MalformedMessageException.class, () -> NetlinkError.decode(error(TLVS, echoed + " 06 00 02 00 1c 00 00 00")));
    }
}
