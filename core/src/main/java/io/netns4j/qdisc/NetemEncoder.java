package io.netns4j.qdisc;


import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.route.TcMessage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * TCA_OPTIONS of a network emulator, byte for byte as {@code tc qdisc add ... netem ...}
 * (iproute2 6.1) writes them: an unflagged TCA_OPTIONS holding {@code struct tc_netem_qopt}
 * (latency and jitter in scheduler ticks, limit, loss, gap, duplicate) directly, followed by
 * netem's own attributes: TCA_NETEM_REORDER when reordering, TCA_NETEM_RATE64 for rates of 4
 * GB/s and more, and TCA_NETEM_RATE. tc 6.1 sends no TCA_NETEM_LATENCY64/JITTER64 (the kernel
 * reads the ticks), and TCA_NETEM_CORR only with correlations, which netns4j does not set.
 * Percentages are scaled to 32 bits as tc scales them: {@code rint(p / 100 * UINT32_MAX)}.
 */
final class NetemEncoder {
    static final int TCA_NETEM_REORDER = 3;
    static final int TCA_NETEM_RATE = 6;
    static final int TCA_NETEM_RATE64 = 8;
    static final double UINT32_MAX = 4294967295.0;

    private NetemEncoder() {
    }

    /**
     * Writes TCA_OPTIONS for {@code spec}.
     *
     * @throws IllegalArgumentException when the delay or jitter is too long for the scheduler's
     *                                  32-bit tick count (tc refuses it as "too large" too)
     */
    public static void write(MessageBuilder b, PschedClock clock, NetemSpec spec) {
        int latency = ticks(clock, spec.delayMicros(), "delay");
        int jitter = ticks(clock, spec.jitterMicros(), "jitter");
        int reorder = scaled(spec.reorderPercent());
        int gap = reorder != 0 && spec.reorderGap() == 0 ? 1 : spec.reorderGap();
        int options = b.beginNested(TcMessage.TCA_OPTIONS, false);
        b.u32(latency).u32(spec.limit()).u32(scaled(spec.lossPercent())).u32(gap)
                .u32(scaled(spec.duplicatePercent())).u32(jitter);
        if (spec.reorderPercent() > 0) {
            b.attr(TCA_NETEM_REORDER, words(reorder, 0));                 // struct tc_netem_reorder, no correlation
        }
        if (spec.rate() > 0) {
            boolean wide = spec.rate() >= (1L << 32);
            if (wide) {
                b.attrU64(TCA_NETEM_RATE64, spec.rate());
            }
            b.attr(TCA_NETEM_RATE, words(wide ? -1 : (int) spec.rate(), 0, 0, 0)); // struct tc_netem_rate, no overheads
        }
        b.endNested(options);
    }

    private static byte[] words(int... values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.nativeOrder());
        for (int v : values) {
            buf.putInt(v);
        }
        return buf.array();
    }

    /** A percentage as tc sends it: the fraction of UINT32_MAX, rounded to the nearest (even) integer. */
    static int scaled(double percent) {
        return (int) (long) Math.rint(percent / 100 * UINT32_MAX);
    }

    /** Microseconds to ticks as tc's get_ticks does, refusing what overflows 32 bits. */
    static int ticks(PschedClock clock, long micros, String what) {
        long t = clock.ticks(micros);
        if (t > 0xffffffffL) {
            throw new IllegalArgumentException("netem's " + what + " of " + micros + " us is too large: the kernel takes"
                    + " at most " + (long) clock.usec(0xffffffffL) + " us (" + (long) clock.usec(0xffffffffL) / 1_000_000
                    + " s)");
        }
        return (int) t;
    }
}
