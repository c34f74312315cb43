package io.netns4j.link;

import io.netns4j.internal.netlink.Golden;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the link golden tests share: a resolver that knows only {@code lo}, and the comparison with ip's bytes. */
final class LinkGoldens {
    /** Resolves {@code lo} to index 1, as in the captures; any other name fails the test. */
    static final LinkResolver LO_IS_1 = name -> {
        if (!name.equals("lo")) {
            throw new AssertionError("unexpected device " + name);
        }
        return 1;
    };

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private LinkGoldens() {
    }

    /** Our encoded request with the flags our socket adds at send time (NLM_F_REQUEST | NLM_F_ACK). */
    static byte[] asSent(byte[] ours) {
        byte[] b = ours.clone();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putShort(6, (short) (bb.getShort(6) | 0x5));
        return b;
    }

    /** Our request equals ip's capture {@code links/FILE}, shown as hex on a difference. */
    static void assertSameAsIp(String file, byte[] ours) {
        assertEquals(HEX.formatHex(Golden.bytes("links/" + file)), HEX.formatHex(asSent(ours)), file);
    }

    /** Each case (golden file -> link name and kind) encodes to ip's bytes as {@code ip link add NAME type ...}. */
    static void assertEachAddsAsIp(Map<String, Map.Entry<String, LinkKind>> cases) throws Exception {
        for (var c : cases.entrySet()) {
            assertSameAsIp(c.getKey(), LinkCodec.encodeAdd(LinkRequest.create(c.getValue().getKey(),
                    c.getValue().getValue()), LO_IS_1));
        }
    }
}
