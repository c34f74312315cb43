package io.netns4j.filter;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Golden;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.qdisc.Qdisc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The filter requests byte for byte against what tc 6.1 sends, and the kernel's filter dump read
 * back (core/src/test/resources/golden/filter, captured by capture.sh there: v0 is ifindex 3, the
 * tap imp-v0 4); malformed replies fail as {@link MalformedMessageException}. No root needed.
 */
class FilterEncodingGoldenTest {
    private static final int V0 = 3;
    private static final int TAP = 4;

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    private static void assertSameRequest(String file, byte[] ours) {
        HexFormat hex = HexFormat.ofDelimiter(" ");
        byte[] golden = Golden.normaliseRequest(Golden.bytes("filter/" + file));
        if (file.contains("dump")) {
            golden[7] &= (byte) ~(Netlink.NLM_F_DUMP >> 8); // NetlinkSocket.dump adds NLM_F_DUMP, as it adds NLM_F_REQUEST
        }
        assertEquals(hex.formatHex(golden), hex.formatHex(ours), file);
    }

    @Test
    void matchAllRedirectIsTcsRequest() {
        assertSameRequest("u32-mirred-add.hex", FilterCodec.encodeRedirectAll(V0, Qdisc.CLSACT_EGRESS, TAP,
                Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL));
    }

    @Test
    void dumpRequestIsTcs() {
        assertSameRequest("filter-dump-request.hex", FilterCodec.encodeDump(V0, Qdisc.CLSACT_EGRESS));
    }

    private static List<TcFilter> dump(byte[] datagram) throws MalformedMessageException {
        List<TcFilter> out = new ArrayList<>();
        for (NetlinkMessage m : NetlinkMessage.parseAll(datagram, datagram.length)) {
            out.add(FilterCodec.decode(m, Map.of(V0, "v0")));
        }
        return out;
    }

    @Test
    void theKernelsDumpReadsBackAsTheRedirect() throws Exception {
        List<TcFilter> filters = dump(Golden.bytes("filter/filter-dump-reply.hex"));
        assertEquals(3, filters.size()); // u32's head, its hash table 800:, the rule 800::800
        for (TcFilter f : filters) {
            assertEquals("u32", f.kind());
            assertEquals(49152, f.priority());
            assertEquals(TcFilter.PROTOCOL_ALL, f.protocol());
            assertEquals(Qdisc.CLSACT_EGRESS, f.parent());
            assertEquals("v0", f.device());
        }
        assertEquals(0x80000800, filters.get(2).handle());
        assertEquals(List.of(new MirredAction(1, MirredAction.STOLEN, MirredAction.EGRESS_REDIRECT, TAP)),
                filters.get(2).mirred());
        assertEquals(TAP, filters.get(2).redirectTarget());
        assertEquals(0, filters.get(0).redirectTarget());
    }

    @Test
    void ourRequestReadsBackAsItsRedirect() throws Exception {
        byte[] ours = FilterCodec.encodeRedirectAll(V0, Qdisc.CLSACT_EGRESS, TAP, 0);
        TcFilter f = FilterCodec.decode(NetlinkMessage.parseAll(ours, ours.length).getFirst(), Map.of());
        assertEquals(TAP, f.redirectTarget());
        assertEquals("if3", f.device());
    }

    @Test
    void truncatedRepliesAreMalformedNeverWrong() {
        byte[] reply = Golden.slices("filter/filter-dump-reply.hex").get(2);
        int boundaries = 0;
        int malformed = 0;
        for (int cut = 17; cut < reply.length; cut++) {
            byte[] shorter = Arrays.copyOf(reply, cut);
            java.nio.ByteBuffer.wrap(shorter).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, cut); // nlmsg_len says so
            try {
                // a cut at the boundary of a top-level attribute is a well-formed message without the rest
                assertEquals(0, dump(shorter).getFirst().redirectTarget(), "cut at " + cut);
                boundaries++;
            } catch (MalformedMessageException expected) {
                malformed++;
            }
        }
        assertEquals(2, boundaries); // after TCA_KIND and after TCA_CHAIN
        assertEquals(reply.length - 17 - boundaries, malformed);
    }

    @Test
    void aShortMirredStructIsMalformed() {
        byte[] ours = FilterCodec.encodeRedirectAll(V0, Qdisc.CLSACT_EGRESS, TAP, 0);
        // TCA_MIRRED_PARMS' header says 32 (28 + 4): make it claim 28 (24 + 4) and shift nothing; the attribute
        // after it then starts inside the struct and the nest no longer adds up, or the struct is short
        int at = indexOf(ours, new byte[] {0x20, 0x00, 0x02, 0x00});
        ours[at] = 0x1c;
        assertThrows(MalformedMessageException.class, () -> FilterCodec.decode(NetlinkMessage.parseAll(ours,
                ours.length).getFirst(), Map.of()));
    }

    @Test
    void aMessageOfAnotherTypeIsRefused() {
        byte[] qdisc = Golden.bytes("filter/clsact-add.hex");
        assertThrows(MalformedMessageException.class, () -> dump(qdisc));
    }

    private static int indexOf(byte[] in, byte[] what) {
        for (int i = 0; i + what.length <= in.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(in, i, i + what.length), what)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
