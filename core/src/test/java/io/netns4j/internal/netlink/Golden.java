package io.netns4j.internal.netlink;


import io.netns4j.error.MalformedMessageException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The golden datagrams under {@code src/test/resources/golden} (see the README there): loads
 * them and normalises the per-run header fields. Splitting and normalising walk the
 * nlmsg_len fields here, independently of the codec under test.
 */
public final class Golden {
    /** Every golden file, one datagram each. */
    public static final List<String> ALL = List.of(
            "nsid-get-request.hex", "nsid-get-reply-not-assigned.hex", "nsid-set-request.hex",
            "nsid-set-ack.hex", "error-nsid-in-use.hex", "error-peer-has-nsid.hex", "nsid-dump.hex",
            "link-get-request-lo.hex", "link-get-lo.hex", "link-dump.hex", "link-dump-done.hex",
            "error-newlink-probe-enodev.hex");

    private Golden() {
    }

    /** Skips the calling test on a big-endian JVM: the goldens were captured little-endian. */
    public static void assumeLittleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN,
                "golden bytes were captured on a little-endian machine");
    }

    /** The datagram in {@code name}: its hex, comments dropped. */
    public static byte[] bytes(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int comment = line.indexOf('#');
                hex.append((comment < 0 ? line : line.substring(0, comment)).replaceAll("\\s+", ""));
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes from hex written with any whitespace, e.g. {@code "08 00 01 00  05 00 00 00"}. */
    public static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    /** The raw bytes of each message in the datagram {@code name}, padding included. */
    public static List<byte[]> slices(String name) {
        byte[] d = bytes(name);
        List<byte[]> out = new ArrayList<>();
        for (int pos = 0; pos < d.length; ) {
            int len = le(d).getInt(pos);
            int end = Math.min(d.length, pos + ((len + 3) & ~3));
            out.add(Arrays.copyOfRange(d, pos, end));
            pos = end;
        }
        return out;
    }

    /** The only message of the datagram {@code name}, parsed. */
    public static NetlinkMessage message(String name) throws MalformedMessageException {
        List<NetlinkMessage> all = messages(name);
        if (all.size() != 1) {
            throw new IllegalStateException(name + " holds " + all.size() + " messages");
        }
        return all.getFirst();
    }

    public static List<NetlinkMessage> messages(String name) throws MalformedMessageException {
        byte[] d = bytes(name);
        return NetlinkMessage.parseAll(d, d.length);
    }

    /**
     * A request as ip sent it, with what our socket adds at send time taken out: seq set to
     * 0, NLM_F_REQUEST and NLM_F_ACK cleared (the port id is already 0).
     */
    public static byte[] normaliseRequest(byte[] message) {
        byte[] out = message.clone();
        ByteBuffer b = le(out);
        b.putShort(6, (short) (b.getShort(6) & ~(Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK)));
        b.putInt(8, 0);
        return out;
    }

    /** A kernel message with the run's seq and port id set to 0, as our encoders write them. */
    public static byte[] normaliseReply(byte[] message) {
        byte[] out = message.clone();
        le(out).putInt(8, 0).putInt(12, 0);
        return out;
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
