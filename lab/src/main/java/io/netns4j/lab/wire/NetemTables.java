package io.netns4j.lab.wire;

import io.netns4j.qdisc.NetemDistribution;

/**
 * netem's delay distribution tables, made the way iproute2's generators make
 * {@code /usr/lib/tc/normal.dist}, {@code pareto.dist} and {@code paretonormal.dist} (netem/normal.c,
 * pareto.c, paretonormal.c, from NIST Net): 4096 values of the inverse CDF, scaled by
 * {@link #SCALE} (one standard deviation is 8192) and clamped to a short. Computed on first use
 * (about 10 ms), so nothing depends on iproute2 being installed; {@code NetemTablesTest} compares
 * them with the installed files where they exist.
 */
final class NetemTables {
    /** NETEM_DIST_SCALE. */
    static final int SCALE = 8192;
    static final int SIZE = 4096;
    private static final int RESOLUTION = 16384;
    private static final double PARETO_A = 3.0;

    private NetemTables() {
    }

    private static final class Holder {
        static final double[] NORMAL_X = normalInverse();
        static final short[] NORMAL = normal();
        static final short[] PARETO = pareto();
        static final short[] PARETONORMAL = paretoNormal();
    }

    /** The table of {@code d}; null for {@link NetemDistribution#UNIFORM}, which netem computes without one. */
    static short[] of(NetemDistribution d) {
        return switch (d) {
            case UNIFORM -> null;
            case NORMAL -> Holder.NORMAL;
            case PARETO -> Holder.PARETO;
            case PARETONORMAL -> Holder.PARETONORMAL;
        };
    }

    /** For each of 16384 slots of the normal CDF, the largest x on a grid of 0.00005 from -10 whose CDF rounds to it. */
    private static double[] normalInverse() {
        double[] table = new double[RESOLUTION + 1];
        for (double x = -10.0; x < 10.05; x += .00005) { // the generator's own accumulating loop, rounding included
            int i = (int) Math.rint(RESOLUTION * normalCdf(x));
            table[i] = x;
        }
        return table;
    }

    private static short[] normal() {
        short[] out = new short[SIZE];
        for (int i = 0; i < RESOLUTION; i += 4) {
            out[i / 4] = clamp(Math.rint(Holder.NORMAL_X[i] * SCALE));
        }
        return out;
    }

    private static double paretoValue(int i) {
        double v = 1.0 / Math.pow((double) i / 65536, 1.0 / PARETO_A);
        v = (v - 1.5) * (4.0 / 3.0) * SCALE;
        return Math.min(v, 32767);
    }

    private static short[] pareto() {
        short[] out = new short[SIZE];
        int n = 0;
        for (int i = 65536; i > 0; i -= 16) {
            out[n++] = (short) (int) Math.rint(paretoValue(i));
        }
        return out;
    }

    private static short[] paretoNormal() {
        short[] out = new short[SIZE];
        for (int i = 0; i < RESOLUTION; i += 4) {
            int normal = (int) Math.rint(Holder.NORMAL_X[i] * SCALE);
            int pareto = (int) Math.rint(paretoValue(65536 - 4 * i));
            out[i / 4] = clamp((normal + 3 * pareto) / 4); // C's integer division truncates toward zero, as Java's
        }
        return out;
    }

    private static short clamp(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    /** The standard normal CDF, {@code (1 + erf(x / sqrt 2)) / 2}. */
    static double normalCdf(double x) {
        return 0.5 + 0.5 * erf(x / Math.sqrt(2.0));
    }

    /**
     * erf to about 1e-15: its Maclaurin series in the form {@code 2/sqrt(pi) e^-x^2 sum 2^n x^(2n+1) / (2n+1)!!}
     * (positive terms, no cancellation) below 6, and +-1 beyond (erfc(6) is 2e-17).
     */
    static double erf(double x) {
        double a = Math.abs(x);
        if (a >= 6) {
            return Math.signum(x);
        }
        double term = a;
        double sum = a;
        for (int n = 1; term > sum * 1e-17; n++) {
            term *= 2 * a * a / (2 * n + 1);
            sum += term;
        }
        return Math.signum(x) * 2 / Math.sqrt(Math.PI) * Math.exp(-a * a) * sum;
    }
}
