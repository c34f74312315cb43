package io.netns4j.qdisc;

/**
 * A network emulator's settings: the faults of {@code tc qdisc add dev DEV root netem delay
 * 50ms 10ms loss 1% duplicate 0.1% reorder 5% gap 1 rate 10mbit limit 1000}. Start from
 * {@link #DEFAULTS} (nothing but tc's queue limit of 1000 packets) and add what you need:
 *
 * <pre>{@code
 * NetemSpec s = NetemSpec.DEFAULTS.withDelay(50_000, 10_000).withLoss(1).withRate(1_250_000);
 * }</pre>
 *
 * Correlations, delay distributions, corruption, slots, ECN and the state loss models are
 * not supported.
 *
 * @param delayMicros      added delay of every packet, in microseconds (0: none)
 * @param jitterMicros     random variation of the delay, in microseconds (0: none)
 * @param lossPercent      packets dropped at random, 0 to 100
 * @param duplicatePercent packets sent twice, 0 to 100
 * @param reorderPercent   packets sent at once instead of delayed (so ahead of others), 0 to 100; needs a delay
 * @param reorderGap       with reordering: every {@code gap}th packet is a candidate; 0 means tc's default, 1
 * @param rate             the emulated link's rate in bytes per second (tc's "10mbit" is 1250000); 0: none
 * @param limit            the queue length in packets (tc's default is 1000)
 */
public record NetemSpec(long delayMicros, long jitterMicros, double lossPercent, double duplicatePercent,
                        double reorderPercent, int reorderGap, long rate, int limit) {
    /** No faults, tc's default queue limit of 1000 packets. */
    public static final NetemSpec DEFAULTS = new NetemSpec(0, 0, 0, 0, 0, 0, 0, 1000);

    /** tc takes times as an unsigned 32-bit number of microseconds. */
    private static final long MAX_MICROS = 0xffffffffL;

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException when a time is outside 0 to 4294967295 microseconds, a percentage
     * outside 0 to 100, reordering has no delay, a gap is negative or given without reordering, the rate
     * is negative or the limit not above 0
     */
    public NetemSpec {
        if (delayMicros < 0 || delayMicros > MAX_MICROS || jitterMicros < 0 || jitterMicros > MAX_MICROS) {
            throw new IllegalArgumentException("netem's delay and jitter are 0 to " + MAX_MICROS + " us (about 71 minutes)"
                    + "; got delay " + delayMicros + " us, jitter " + jitterMicros + " us");
        }
        percent("loss", lossPercent);
        percent("duplicate", duplicatePercent);
        percent("reorder", reorderPercent);
        if (reorderPercent > 0 && delayMicros == 0) {
            throw new IllegalArgumentException("netem reorders by sending some packets without the delay: reordering"
                    + " needs a delay (e.g. delay 10ms reorder 25%)");
        }
        if (reorderGap < 0) {
            throw new IllegalArgumentException("netem's reorder gap is a positive number of packets, got " + reorderGap);
        }
        if (reorderGap > 0 && reorderPercent == 0) {
            throw new IllegalArgumentException("a reorder gap (" + reorderGap + ") needs a reorder percentage");
        }
        if (rate < 0) {
            throw new IllegalArgumentException("netem's rate is bytes per second, 0 for none; got " + rate);
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("netem's limit is a queue length in packets above 0 (tc's default is"
                    + " 1000); got " + limit);
        }
    }

    private static void percent(String what, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("netem's " + what + " is a percentage from 0 to 100, got " + p);
        }
    }

    /**
     * The same settings with {@code delay DELAY [JITTER]}.
     *
     * @param delayMicros the delay, in microseconds
     * @param jitterMicros the jitter, in microseconds (0: none)
     * @return new settings
     * @throws IllegalArgumentException when a time is out of range
     */
    public NetemSpec withDelay(long delayMicros, long jitterMicros) {
        return new NetemSpec(delayMicros, jitterMicros, lossPercent, duplicatePercent, reorderPercent, reorderGap, rate,
                limit);
    }

    /**
     * The same settings with {@code loss random PERCENT}.
     *
     * @param percent 0 to 100
     * @return new settings
     * @throws IllegalArgumentException when {@code percent} is out of range
     */
    public NetemSpec withLoss(double percent) {
        return new NetemSpec(delayMicros, jitterMicros, percent, duplicatePercent, reorderPercent, reorderGap, rate,
                limit);
    }

    /**
     * The same settings with {@code duplicate PERCENT}.
     *
     * @param percent 0 to 100
     * @return new settings
     * @throws IllegalArgumentException when {@code percent} is out of range
     */
    public NetemSpec withDuplicate(double percent) {
        return new NetemSpec(delayMicros, jitterMicros, lossPercent, percent, reorderPercent, reorderGap, rate, limit);
    }

    /**
     * The same settings with {@code reorder PERCENT [gap GAP]}; needs a delay.
     *
     * @param percent 0 to 100
     * @param gap every {@code gap}th packet is a candidate; 0 leaves tc's default (1)
     * @return new settings
     * @throws IllegalArgumentException when {@code percent} is out of range, there is no delay, or
     * {@code gap} is negative
     */
    public NetemSpec withReorder(double percent, int gap) {
        return new NetemSpec(delayMicros, jitterMicros, lossPercent, duplicatePercent, percent, gap, rate, limit);
    }

    /**
     * The same settings with {@code rate RATE}.
     *
     * @param bytesPerSecond the emulated link's rate, in bytes per second (0: none)
     * @return new settings
     * @throws IllegalArgumentException when {@code bytesPerSecond} is negative
     */
    public NetemSpec withRate(long bytesPerSecond) {
        return new NetemSpec(delayMicros, jitterMicros, lossPercent, duplicatePercent, reorderPercent, reorderGap,
                bytesPerSecond, limit);
    }

    /**
     * The same settings with {@code limit PACKETS}.
     *
     * @param packets the queue length, in packets, above 0
     * @return new settings
     * @throws IllegalArgumentException when {@code packets} is not above 0
     */
    public NetemSpec withLimit(int packets) {
        return new NetemSpec(delayMicros, jitterMicros, lossPercent, duplicatePercent, reorderPercent, reorderGap, rate,
                packets);
    }

    /**
     * The reorder gap the kernel gets: tc sends 1 when reordering without a gap.
     *
     * @return the gap, in packets (0 without reordering)
     */
    public int effectiveGap() {
        return reorderPercent > 0 && reorderGap == 0 ? 1 : reorderGap;
    }
}
