package io.netns4j.qdisc;

import java.util.Locale;

/**
 * The shape of netem's delay variation: {@code tc qdisc ... netem delay 50ms 10ms distribution
 * normal}. Without a {@code distribution}, netem's jitter is uniform over {@code delay +/- jitter};
 * the others are iproute2's tables ({@code /usr/lib/tc/normal.dist} and friends: the inverse of
 * the distribution's CDF, scaled by 8192, with the jitter as one standard deviation).
 */
public enum NetemDistribution {
    /** netem's default: uniform over {@code [delay - jitter, delay + jitter)}. */
    UNIFORM,
    /** iproute2's normal.dist. */
    NORMAL,
    /** iproute2's pareto.dist (a Pareto with a = 3, shifted to mean 0). */
    PARETO,
    /** iproute2's paretonormal.dist: a quarter normal, three quarters Pareto. */
    PARETONORMAL;

    /**
     * The word {@code tc} takes, e.g. {@code normal}.
     *
     * @return the lower-case name
     */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The distribution a word names.
     *
     * @param word {@code uniform}, {@code normal}, {@code pareto} or {@code paretonormal}
     * @return the distribution
     * @throws IllegalArgumentException for any other word
     */
    public static NetemDistribution of(String word) {
        for (NetemDistribution d : values()) {
            if (d.word().equals(word)) {
                return d;
            }
        }
        throw new IllegalArgumentException("\"" + word + "\" is not a distribution: use uniform, normal, pareto or"
                + " paretonormal");
    }
}
