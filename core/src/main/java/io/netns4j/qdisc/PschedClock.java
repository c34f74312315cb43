package io.netns4j.qdisc;

/**
 * The packet scheduler's clock as {@code /proc/net/psched} describes it, and tc's
 * conversions between microseconds and scheduler ticks (tc_core.c's tick_in_usec). The
 * kernel's rate tables and token-bucket sizes are in ticks, so encodings depend on it.
 */
record PschedClock(double tickInUsec) {
    static final double TIME_UNITS_PER_SEC = 1_000_000;

    /** Parses the four hex words of /proc/net/psched (t2us, us2t, clock_res, hz). */
    public static PschedClock parse(String text) {
        String[] w = text.trim().split("\\s+");
        if (w.length < 3) {
            throw new IllegalArgumentException("/proc/net/psched has " + w.length + " words, expected 4");
        }
        long t2us = Long.parseLong(w[0], 16);
        long us2t = Long.parseLong(w[1], 16);
        long clockRes = Long.parseLong(w[2], 16);
        if (clockRes == 1_000_000_000L) {
            t2us = us2t; // the kernel's compatibility hack for nanosecond clocks, as tc undoes it
        }
        double clockFactor = clockRes / TIME_UNITS_PER_SEC;
        return new PschedClock((double) t2us / us2t * clockFactor);
    }

    /** Microseconds to ticks. tc takes the microseconds as an unsigned int first, so they are truncated twice. */
    public long ticks(double usec) {
        long wholeUsec = (long) usec & 0xffffffffL;
        return (long) (wholeUsec * tickInUsec);
    }

    /** Ticks to microseconds. */
    public double usec(long ticks) {
        return ticks / tickInUsec;
    }

    /** The time in ticks to send {@code size} bytes at {@code rate} bytes per second. */
    public long transmitTicks(long rate, long size) {
        return ticks(TIME_UNITS_PER_SEC * ((double) size / (double) rate)) & 0xffffffffL;
    }
}
