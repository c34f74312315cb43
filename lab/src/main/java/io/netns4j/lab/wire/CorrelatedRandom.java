package io.netns4j.lab.wire;

import java.util.SplittableRandom;

/**
 * netem's correlated random numbers ({@code get_crandom}): 32-bit values from one seeded stream,
 * each leaning on the previous answer by the correlation rho (a 32-bit fraction):
 * {@code answer = (value * (2^32 - rho) + last * rho) >> 32}. With no correlation it is the stream's
 * next value. One instance per decision kind, so that drawing for one setting never shifts another.
 */
final class CorrelatedRandom {
    private final SplittableRandom stream;
    private final long rho;
    private long last;

    CorrelatedRandom(SplittableRandom stream, long rho) {
        this.stream = stream;
        this.rho = rho;
        this.last = next32(); // init_crandom: the first "last" is random too
    }

    /** The stream's next 32-bit value, unsigned, without correlation ({@code prandom_u32_state}). */
    long next32() {
        return stream.nextInt() & 0xffffffffL;
    }

    /** The next correlated value, unsigned 32-bit. */
    long next() {
        long value = next32();
        if (rho == 0) {
            return value;
        }
        long r = rho + 1;
        // (2^32 - 1)(2^32 - r) + (2^32 - 1) r < 2^64: the unsigned sum fits, as in netem's u64 arithmetic
        last = (value * ((1L << 32) - r) + last * r) >>> 32;
        return last;
    }
}
