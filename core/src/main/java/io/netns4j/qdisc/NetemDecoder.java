package io.netns4j.qdisc;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attributes;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a netem qdisc's TCA_OPTIONS as the kernel dumps them ({@code struct tc_netem_qopt},
 * then TCA_NETEM_LATENCY64/JITTER64 in nanoseconds, TCA_NETEM_REORDER, TCA_NETEM_RATE(64),
 * and others), trusting no length. What {@link NetemSpec} cannot hold (correlations,
 * corruption, slots, ECN, the state loss models, a delay distribution) is left out.
 * Percentages come back rounded to 6 significant digits, as {@code tc qdisc show} prints them,
 * so that 1% reads back as 1 and not 1.0000000007.
 */
final class NetemDecoder {
    static final int QOPT_LENGTH = 24;
    static final int TCA_NETEM_LATENCY64 = 10;
    static final int TCA_NETEM_JITTER64 = 11;
    private static final MathContext SIX_DIGITS = new MathContext(6);

    private NetemDecoder() {
    }

    /**
     * @param options the payload of TCA_OPTIONS
     * @return the settings, or null when they are valid netlink but no {@link NetemSpec} can hold
     *         them (for instance reordering without a delay, which tc refuses but the kernel keeps)
     * @throws MalformedMessageException when a length does not fit
     */
    public static NetemSpec decode(byte[] options, PschedClock clock) throws MalformedMessageException {
        if (options == null || options.length < QOPT_LENGTH) {
            throw new MalformedMessageException("netem's TCA_OPTIONS is " + (options == null ? "missing" : options.length
                    + " bytes") + ", shorter than struct tc_netem_qopt (24 bytes)");
        }
        ByteBuffer q = ByteBuffer.wrap(options).order(ByteOrder.nativeOrder());
        long latencyTicks = Integer.toUnsignedLong(q.getInt(0));
        long limit = Integer.toUnsignedLong(q.getInt(4));
        long loss = Integer.toUnsignedLong(q.getInt(8));
        long gap = Integer.toUnsignedLong(q.getInt(12));
        long duplicate = Integer.toUnsignedLong(q.getInt(16));
        long jitterTicks = Integer.toUnsignedLong(q.getInt(20));
        Attributes a = Attributes.parse(options, QOPT_LENGTH, options.length - QOPT_LENGTH);
        long delayMicros = a.has(TCA_NETEM_LATENCY64) ? nanosToMicros(a.u64(TCA_NETEM_LATENCY64, 0))
                : Math.round(clock.usec(latencyTicks));
        long jitterMicros = a.has(TCA_NETEM_JITTER64) ? nanosToMicros(a.u64(TCA_NETEM_JITTER64, 0))
                : Math.round(clock.usec(jitterTicks));
        double reorder = 0;
        byte[] r = a.bytes(NetemEncoder.TCA_NETEM_REORDER);
        if (r != null) {
            if (r.length < 8) {
                throw new MalformedMessageException("TCA_NETEM_REORDER is " + r.length + " bytes, expected 8");
            }
            reorder = percent(Integer.toUnsignedLong(ByteBuffer.wrap(r).order(ByteOrder.nativeOrder()).getInt(0)));
        }
        long rate = 0;
        byte[] rs = a.bytes(NetemEncoder.TCA_NETEM_RATE);
        if (rs != null) {
            if (rs.length < 16) {
                throw new MalformedMessageException("TCA_NETEM_RATE is " + rs.length + " bytes, expected 16");
            }
            rate = Integer.toUnsignedLong(ByteBuffer.wrap(rs).order(ByteOrder.nativeOrder()).getInt(0));
        }
        if (a.has(NetemEncoder.TCA_NETEM_RATE64)) {
            rate = a.u64(NetemEncoder.TCA_NETEM_RATE64, rate);
        }
        try {
            return new NetemSpec(delayMicros, jitterMicros, percent(loss), percent(duplicate), reorder,
                    reorder > 0 ? (int) Math.min(gap, Integer.MAX_VALUE) : 0, rate, (int) Math.min(limit, Integer.MAX_VALUE));
        } catch (IllegalArgumentException unrepresentable) {
            return null;
        }
    }

    private static long nanosToMicros(long nanos) {
        return nanos < 0 ? 0 : Math.round(nanos / 1000.0);
    }

    /** A 32-bit fraction back to a percentage, 6 significant digits. */
    static double percent(long scaled) {
        if (scaled == 0) {
            return 0;
        }
        return new BigDecimal(scaled * 100.0 / NetemEncoder.UINT32_MAX).round(SIX_DIGITS).doubleValue();
    }
}
