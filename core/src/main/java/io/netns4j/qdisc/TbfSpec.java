package io.netns4j.qdisc;

/**
 * A token bucket filter: the rate limit of {@code tc qdisc add dev DEV root tbf rate R burst B
 * latency L} (or {@code limit N} instead of latency).
 *
 * @param rate     bytes per second (tc's "1mbit" is 125000)
 * @param burst    bucket size in bytes; at least the MTU, or full-size packets never pass
 * @param latencyMicros how long a packet may wait in the queue, or 0 when {@code limit} is given
 * @param limit    queue length in bytes, or 0 when {@code latencyMicros} is given
 */
public record TbfSpec(long rate, int burst, long latencyMicros, long limit) {
    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException when {@code rate} or {@code burst} is not above 0, or not exactly one
     * of {@code latencyMicros} and {@code limit} is
     */
    public TbfSpec {
        if (rate <= 0) {
            throw new IllegalArgumentException("tbf needs a rate above 0");
        }
        if (burst <= 0) {
            throw new IllegalArgumentException("tbf needs a burst (bucket size) above 0, e.g. 32kbit");
        }
        if ((latencyMicros > 0) == (limit > 0)) {
            throw new IllegalArgumentException("tbf needs either a latency or a limit, not both or neither");
        }
    }
}
