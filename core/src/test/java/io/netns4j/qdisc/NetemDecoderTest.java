package io.netns4j.qdisc;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Golden;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.route.TcMessage;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * netem's TCA_OPTIONS read back: from tc's own requests (the golden captures), from a dump laid
 * out as the kernel's netem_dump writes it (this kernel has no netem to capture one from), and
 * from bytes that do not fit, which must fail as malformed and never otherwise.
 */
class NetemDecoderTest {
    private static final PschedClock CLOCK = PschedClock.parse("000003e8 00000040 000f4240 3b9aca00");
    /** Where TCA_OPTIONS' payload starts in a captured netem request: headers 16 + 20, TCA_KIND "netem" 12, TCA_OPTIONS header 4. */
    private static final int OPTIONS_AT = 16 + 20 + 12 + 4;

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    private static byte[] optionsOf(String golden) {
        byte[] all = Golden.bytes("qdisc/" + golden);
        int length = Short.toUnsignedInt(ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getShort(OPTIONS_AT - 4));
        return Arrays.copyOfRange(all, OPTIONS_AT, OPTIONS_AT - 4 + length);
    }

    @Test
    void tcsRequestsReadBackAsWhatWasAsked() throws Exception {
        assertEquals(NetemSpec.DEFAULTS.withDelay(50_000, 10_000).withLoss(1).withDuplicate(0.1).withReorder(5, 1)
                .withRate(1_250_000), NetemDecoder.decode(optionsOf("netem-all.hex"), CLOCK));
        assertEquals(NetemSpec.DEFAULTS.withLoss(30).withLimit(2000), NetemDecoder.decode(optionsOf("netem-loss-limit.hex"), CLOCK));
        assertEquals(NetemSpec.DEFAULTS.withDelay(1000, 0).withRate(5_000_000_000L),
                NetemDecoder.decode(optionsOf("netem-rate64.hex"), CLOCK));
        assertEquals(NetemSpec.DEFAULTS.withDelay(10_000, 0).withReorder(25, 5),
                NetemDecoder.decode(optionsOf("netem-reorder-gap.hex"), CLOCK));
    }

    /** The layout of the kernel's netem_dump: qopt, LATENCY64, JITTER64, CORR, REORDER, CORRUPT, RATE, PRNG_SEED. */
    private static byte[] kernelDump(long latencyNs, long jitterNs, int loss, int reorder, int gap, int rate) {
        MessageBuilder b = new MessageBuilder(0, 0);
        int o = b.beginNested(TcMessage.TCA_OPTIONS, false);
        b.u32((int) (latencyNs >> 6)).u32(1000).u32(loss).u32(gap).u32(0).u32((int) (jitterNs >> 6));
        b.attrU64(10, latencyNs).attrU64(11, jitterNs);
        b.attr(1, new byte[12]);                                   // TCA_NETEM_CORR, no correlations
        b.attr(3, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(reorder).putInt(0).array());
        b.attr(4, new byte[8]);                                    // TCA_NETEM_CORRUPT, none
        b.attr(6, ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(rate).array());
        b.attrU64(13, 0x1234_5678_9abc_def0L);                      // TCA_NETEM_PRNG_SEED
        b.endNested(o);
        byte[] msg = b.build();
        return Arrays.copyOfRange(msg, 16 + 4, msg.length);
    }

    @Test
    void aKernelDumpTakesTheNanosecondTimes() throws Exception {
        // 50 ms delay, 10 ms jitter, loss 1% (42949673), reorder 5% with gap 1, 10mbit
        byte[] dump = kernelDump(50_000_000L, 10_000_000L, 42_949_673, 0x0ccccccd, 1, 1_250_000);
        assertEquals(NetemSpec.DEFAULTS.withDelay(50_000, 10_000).withLoss(1).withReorder(5, 1).withRate(1_250_000),
                NetemDecoder.decode(dump, CLOCK));
        // nothing but the queue: REORDER and RATE are always dumped, with zeros
        assertEquals(NetemSpec.DEFAULTS, NetemDecoder.decode(kernelDump(0, 0, 0, 0, 0, 0), CLOCK));
    }

    @Test
    void settingsNoSpecHoldsAreNull() throws Exception {
        // reordering without a delay: tc refuses it, the kernel keeps it
        assertNull(NetemDecoder.decode(kernelDump(0, 0, 0, 0x40000000, 1, 0), CLOCK));
    }

    @Test
    void shortOrBrokenOptionsAreMalformed() {
        assertThrows(MalformedMessageException.class, () -> NetemDecoder.decode(new byte[20], CLOCK));
        assertThrows(MalformedMessageException.class, () -> NetemDecoder.decode(null, CLOCK));
        byte[] dump = kernelDump(1000, 0, 0, 0, 0, 0);
        ByteBuffer.wrap(dump).order(ByteOrder.nativeOrder()).putShort(24, (short) 200); // LATENCY64 claims 200 bytes
        assertThrows(MalformedMessageException.class, () -> NetemDecoder.decode(dump, CLOCK));
        byte[] shortRate = Arrays.copyOf(kernelDump(0, 0, 0, 0, 0, 0), 24 + 8);
        ByteBuffer.wrap(shortRate).order(ByteOrder.nativeOrder()).putShort(24, (short) 8).putShort(26, (short) 6);
        assertThrows(MalformedMessageException.class, () -> NetemDecoder.decode(shortRate, CLOCK));
    }

    @Property
    void anyBytesDecodeOrAreMalformed(@ForAll @Size(min = 0, max = 160) byte[] bytes) {
        try {
            NetemDecoder.decode(bytes, CLOCK);
        } catch (MalformedMessageException expected) {
            // the only failure allowed
        }
    }

    @Test
    void percentagesComeBackAsTyped() {
        for (double p : new double[] {0.1, 0.5, 1, 5, 12.5, 30, 33.3333, 99.99, 100}) {
            assertEquals(p, NetemDecoder.percent(Integer.toUnsignedLong(NetemEncoder.scaled(p))), 0.0, "" + p);
        }
    }
}
