package io.netns4j.qdisc;

/**
 * netem's bursty loss models, which replace the independent {@code loss P}: Gilbert-Elliott
 * ({@code loss gemodel p [r [1-h [1-k]]]}) and the 4-state Markov model ({@code loss state p13
 * [p31 [p32 [p23 [p14]]]]}). Every value is a percentage, 0 to 100, as tc takes them.
 */
public sealed interface NetemLossModel {
    /**
     * The words after {@code loss}, as tc takes them.
     *
     * @return e.g. {@code gemodel 1% 10% 100% 0%}
     */
    String words();

    /**
     * Gilbert-Elliott: a good and a bad state. {@code tc ... netem loss gemodel p r 1-h 1-k}; tc's
     * defaults are r = 100 - p, 1-h = 100 (all lost in the bad state), 1-k = 0 (none in the good).
     *
     * @param p     chance of going from good to bad, per packet
     * @param r     chance of going from bad to good
     * @param oneMinusH chance a packet is lost in the bad state
     * @param oneMinusK chance a packet is lost in the good state
     */
    record GilbertElliott(double p, double r, double oneMinusH, double oneMinusK) implements NetemLossModel {
        /**
         * Checks the ranges.
         *
         * @param p     chance of going from good to bad
         * @param r     chance of going from bad to good
         * @param oneMinusH loss in the bad state
         * @param oneMinusK loss in the good state
         * @throws IllegalArgumentException when a value is not 0 to 100
         */
        public GilbertElliott {
            NetemLossModel.check(p, r, oneMinusH, oneMinusK);
        }

        @Override
        public String words() {
            return "gemodel " + NetemLossModel.joined(p, r, oneMinusH, oneMinusK);
        }
    }

    /**
     * The 4-state Markov model (states 1 good reception, 2 good reception within a burst, 3 burst
     * loss, 4 isolated loss). {@code tc ... netem loss state p13 p31 p32 p23 p14}; tc's defaults are
     * p31 = 100 - p13, p32 = 0, p23 = 100, p14 = 0.
     *
     * @param p13 chance of going from 1 to 3 (a burst starts)
     * @param p31 from 3 to 1 (the burst ends)
     * @param p32 from 3 to 2
     * @param p23 from 2 to 3
     * @param p14 from 1 to 4 (an isolated loss)
     */
    record FourState(double p13, double p31, double p32, double p23, double p14) implements NetemLossModel {
        /**
         * Checks the ranges.
         *
         * @param p13 1 to 3
         * @param p31 3 to 1
         * @param p32 3 to 2
         * @param p23 2 to 3
         * @param p14 1 to 4
         * @throws IllegalArgumentException when a value is not 0 to 100
         */
        public FourState {
            NetemLossModel.check(p13, p31, p32, p23, p14);
        }

        @Override
        public String words() {
            return "state " + NetemLossModel.joined(p13, p31, p32, p23, p14);
        }
    }

    private static void check(double... percents) {
        for (double p : percents) {
            if (!(p >= 0 && p <= 100)) {
                throw new IllegalArgumentException("a loss model's chances are 0% to 100%, got " + p + "%");
            }
        }
    }

    private static String joined(double... percents) {
        StringBuilder b = new StringBuilder();
        for (double p : percents) {
            b.append(b.isEmpty() ? "" : " ").append(TcUnits.formatStrictPercent(p));
        }
        return b.toString();
    }
}
