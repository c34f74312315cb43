package io.netns4j.internal.netlink;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * jqwik generators of hostile input: plain random bytes, and bytes shaped like netlink
 * (small length fields, real message types and flags) so that random data gets past the
 * first length check and into the decoders, plus golden datagrams with bytes overwritten
 * and cut short.
 */
public final class Noise {
    private Noise() {
    }

    /** Random bytes, often empty or tiny. */
    public static Arbitrary<byte[]> bytes(int maxSize) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize);
    }

    /** Something like a run of attributes: each a claimed length, a wire type, some bytes. */
    public static Arbitrary<byte[]> attributes() {
        Arbitrary<byte[]> attribute = Combinators.combine(
                Arbitraries.integers().between(0, 48),
                Arbitraries.integers().between(0, 0xffff).edgeCases(c -> c.add(0x8001, 0x4001, 0xc001)),
                bytes(44)).as((len, type, body) -> concat(List.of(u16(len), u16(type), body)));
        return Arbitraries.oneOf(bytes(64), attribute.list().ofMaxSize(6).map(Noise::concat));
    }

    /** A netlink message header and an attribute-like payload after an optional fixed header. */
    public static Arbitrary<byte[]> message() {
        Arbitrary<Integer> type = Arbitraries.oneOf(
                Arbitraries.of(Netlink.NLMSG_ERROR, Netlink.NLMSG_DONE, 16, 88), Arbitraries.integers().between(0, 0xffff));
        Arbitrary<Integer> flags = Arbitraries.oneOf(
                Arbitraries.of(0, Netlink.NLM_F_MULTI, Netlink.NLM_F_ACK_TLVS, Netlink.NLM_F_ACK_TLVS | Netlink.NLM_F_CAPPED),
                Arbitraries.integers().between(0, 0xffff));
        Arbitrary<byte[]> payload = Combinators.combine(bytes(20), attributes()).as((fixed, attrs) -> concat(List.of(fixed, attrs)));
        // honest: nlmsg_len tells the truth; otherwise it is a small random number
        Arbitrary<Integer> claimed = Arbitraries.oneOf(Arbitraries.just(-1), Arbitraries.integers().between(0, 200));
        return Combinators.combine(claimed, type, flags, payload).as((len, t, f, p) -> {
            int length = len < 0 ? Netlink.HEADER_LENGTH + p.length : len;
            ByteBuffer h = ByteBuffer.allocate(Netlink.HEADER_LENGTH).order(ByteOrder.nativeOrder())
                    .putInt(length).putShort(t.shortValue()).putShort(f.shortValue()).putInt(0).putInt(0);
            return concat(List.of(h.array(), p, new byte[Netlink.align(p.length) - p.length]));
        });
    }

    /** One to three such messages back to back, or random bytes. */
    public static Arbitrary<byte[]> datagram() {
        return Arbitraries.oneOf(bytes(80), message().list().ofMinSize(1).ofMaxSize(3).map(Noise::concat));
    }

    /** A golden datagram with up to four bytes overwritten, then maybe cut short. */
    public static Arbitrary<byte[]> mutatedGolden(List<String> names) {
        return Arbitraries.of(names).flatMap(name -> {
            byte[] golden = Golden.bytes(name);
            Arbitrary<int[]> edit = Combinators.combine(
                    Arbitraries.integers().between(0, golden.length - 1),
                    Arbitraries.oneOf(Arbitraries.of(0, 1, 3, 4, 0x80, 0xff), Arbitraries.integers().between(0, 255)))
                    .as((at, value) -> new int[] {at, value});
            return Combinators.combine(edit.list().ofMaxSize(4), Arbitraries.integers().between(0, golden.length))
                    .as((edits, keep) -> {
                        byte[] d = golden.clone();
                        edits.forEach(e -> d[e[0]] = (byte) e[1]);
                        return Arrays.copyOf(d, keep);
                    });
        });
    }

    private static byte[] u16(int v) {
        return ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) v).array();
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
