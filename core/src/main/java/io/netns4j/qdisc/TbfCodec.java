package io.netns4j.qdisc;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.MessageBuilder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * TCA_OPTIONS of a token bucket filter, byte for byte as {@code tc qdisc add ... tbf rate R
 * burst B (latency L | limit N)} writes them: TCA_TBF_PARMS (struct tc_tbf_qopt), TCA_TBF_BURST,
 * TCA_TBF_RATE64 for rates of 4 GB/s and more, and the 256-slot rate table TCA_TBF_RTAB that
 * older kernels insist on.
 */
final class TbfCodec {
    static final int TCA_TBF_PARMS = 1;
    static final int TCA_TBF_RTAB = 2;
    static final int TCA_TBF_RATE64 = 4;
    static final int TCA_TBF_BURST = 6;
    private static final int LINKLAYER_ETHERNET = 1;
    private static final int DEFAULT_MTU = 2047;

    private TbfCodec() {
    }

    /**
     * @param rate      bytes per second
     * @param burst     bucket size in bytes
     * @param limit     queue limit in bytes, or 0 to derive it from {@code latencyUsec}
     * @param latencyUsec how long a packet may wait (used when {@code limit} is 0)
     */
    public static void write(MessageBuilder b, PschedClock clock, long rate, int burst, long limit, long latencyUsec) {
        int rate32 = rate >= (1L << 32) ? -1 : (int) rate;
        int cellLog = 0;
        while ((DEFAULT_MTU >> cellLog) > 255) {
            cellLog++;
        }
        long queueLimit = limit > 0 ? limit : (long) (rate * (double) latencyUsec / PschedClock.TIME_UNITS_PER_SEC + burst);
        ByteBuffer q = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        q.put((byte) cellLog).put((byte) LINKLAYER_ETHERNET).putShort((short) 0).putShort((short) -1).putShort((short) 0)
                .putInt(rate32);                       // struct tc_ratespec rate
        q.put(new byte[12]);                           // peakrate: none
        q.putInt((int) queueLimit).putInt((int) clock.transmitTicks(Integer.toUnsignedLong(rate32), burst)).putInt(0);
        ByteBuffer rtab = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());
        for (int i = 0; i < 256; i++) {
            rtab.putInt((int) clock.transmitTicks(Integer.toUnsignedLong(rate32), (long) (i + 1) << cellLog));
        }
        int options = b.beginNested(io.netns4j.internal.netlink.route.TcMessage.TCA_OPTIONS, false);
        b.attr(TCA_TBF_PARMS, q.array());
        b.attrU32(TCA_TBF_BURST, burst);
        if (rate >= (1L << 32)) {
            b.attrU64(TCA_TBF_RATE64, rate);
        }
        b.attr(TCA_TBF_RTAB, rtab.array());
        b.endNested(options);
    }

    /** tbf's parameters back in tc's terms: burst from the bucket in ticks, latency from the limit. */
    static Qdisc.Tbf read(Attributes options, PschedClock clock) throws MalformedMessageException {
        byte[] parms = options.bytes(TCA_TBF_PARMS);
        if (parms == null || parms.length < 36) {
            throw new MalformedMessageException("TCA_TBF_PARMS is missing or shorter than struct tc_tbf_qopt");
        }
        ByteBuffer q = ByteBuffer.wrap(parms).order(ByteOrder.nativeOrder());
        long rate = options.has(TCA_TBF_RATE64) ? options.u64(TCA_TBF_RATE64, 0) : Integer.toUnsignedLong(q.getInt(8));
        long limit = Integer.toUnsignedLong(q.getInt(24));
        // as tc computes them (tc_calc_xmitsize, tc_core_tick2time): microseconds truncated to an unsigned int,
        // results truncated; the kernel keeps the bucket in nanoseconds worked out from TCA_TBF_BURST, so
        // 32kbit at 10mbit comes back as 4095 bytes, as tc -j shows it
        long bufferUsec = (long) clock.usec(Integer.toUnsignedLong(q.getInt(28))) & 0xffffffffL;
        long burst = (long) ((double) rate * bufferUsec / 1_000_000);
        long latency = (long) (1_000_000 * (limit / (double) rate) - bufferUsec);
        return new Qdisc.Tbf(rate, burst, latency, limit);
    }
}
