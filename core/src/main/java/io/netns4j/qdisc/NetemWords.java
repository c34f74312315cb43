package io.netns4j.qdisc;

import java.time.Duration;
import java.util.List;

/**
 * netem's words, the ones after {@code netem} in {@code tc qdisc add dev DEV root netem delay 50ms 10ms
 * loss 1% duplicate 0.1% reorder 5% gap 1 rate 10mbit limit 1000}. Two readings, with their units
 * read by {@link TcUnits}:
 * <ul>
 * <li>{@link #parse} reads them as tc 6.1's {@code netem_parse_opt} reads them, into a {@link NetemSpec}
 * (the form {@link #FORM}): keywords may be abbreviated, the first match in tc's order wins
 * ({@code l} is {@code limit}, {@code r} is {@code reorder}, {@code d} is {@code delay}); a jitter is
 * the number right after the delay; units as {@link TcUnits#time}, {@link TcUnits#percent} and
 * {@link TcUnits#rate} read them. What netns4j cannot send yet (correlations, distributions,
 * corruption, slots, ECN, the state loss models, overheads after the rate) is refused by name.</li>
 * <li>{@link #parseStrict} reads an impairment as a lab takes it, into {@link Settings} (the form
 * {@link #STRICT_FORM}): netem's settings with their correlations, distributions, the loss models,
 * corruption, the rate's packet overhead, the queue limit and a seed; whole keywords only, each at
 * most once, {@code jitter TIME} may be given on its own, {@code none} or {@code clear} alone for no
 * impairment; units as a topology file's {@code impair:} takes them ({@link TcUnits#strictTime},
 * {@link TcUnits#strictPercent}, {@link TcUnits#strictRate}: a time unit and the {@code %} are
 * required); jitter and reorder need a delay, the jitter is at most the delay, a distribution needs
 * a jitter, a gap needs a reorder. netem's {@code slot} and {@code ecn} are refused by name.</li>
 * </ul>
 * Both throw {@link IllegalArgumentException} naming the word at fault and the form.
 */
public final class NetemWords {
    /** The form {@link #parse} takes. */
    public static final String FORM = "netem [delay TIME [JITTER]] [loss [random] PERCENT] [duplicate PERCENT]"
            + " [reorder PERCENT [gap DISTANCE]] [rate RATE] [limit PACKETS]";
    /** The form {@link #parseStrict} takes. */
    public static final String STRICT_FORM = "none | [delay TIME [JITTER [CORRELATION]]] [jitter TIME]"
            + " [distribution uniform|normal|pareto|paretonormal]"
            + " [loss [random] PERCENT [CORRELATION] | loss gemodel P [R [1-H [1-K]]] | loss state P13 [P31 [P32 [P23 [P14]]]]]"
            + " [duplicate PERCENT [CORRELATION]] [reorder PERCENT [CORRELATION]] [gap DISTANCE]"
            + " [corrupt PERCENT [CORRELATION]] [rate RATE [PACKETOVERHEAD]] [limit PACKETS] [seed NUMBER]";
    /** tc's order: "l" is limit, "r" is reorder, "d" is delay. */
    private static final String[] KEYWORDS = {"limit", "latency", "delay", "loss", "drop", "ecn", "reorder", "corrupt",
            "gap", "duplicate", "distribution", "rate", "slot"};
    private NetemWords() {
    }

    /**
     * An impairment as {@link #parseStrict} reads it; every field is null when not given. Percentages are 0 to 100.
     *
     * @param rateBitsPerSecond    {@code rate}, in bits per second
     * @param delay                {@code delay}
     * @param jitter               the number after the delay, or {@code jitter}
     * @param lossPercent          {@code loss [random] P}
     * @param duplicatePercent     {@code duplicate P}
     * @param reorderPercent       {@code reorder P}: packets sent at once, ahead of the delayed ones
     * @param delayCorrelation     the percentage after the jitter: how much each delay leans on the last
     * @param distribution         {@code distribution NAME}; null is netem's uniform
     * @param lossCorrelation      the percentage after {@code loss P}
     * @param lossModel            {@code loss gemodel ...} or {@code loss state ...}, instead of {@code loss P}
     * @param duplicateCorrelation the percentage after {@code duplicate P}
     * @param reorderCorrelation   the percentage after {@code reorder P}
     * @param gap                  {@code gap N}: reorder only every Nth packet at most (tc's default 1 with a reorder)
     * @param corruptPercent       {@code corrupt P}: packets with one bit flipped
     * @param corruptCorrelation   the percentage after {@code corrupt P}
     * @param rateOverhead         the number after the rate: bytes added to (or, negative, taken from) each packet for the rate
     * @param limit                {@code limit N}: packets the queue holds (tc's default 1000)
     * @param seed                 {@code seed N}: the random generators' seed, so a run repeats
     */
    public record Settings(Long rateBitsPerSecond, Duration delay, Duration jitter, Double lossPercent,
                           Double duplicatePercent, Double reorderPercent, Double delayCorrelation,
                           NetemDistribution distribution, Double lossCorrelation, NetemLossModel lossModel,
                           Double duplicateCorrelation, Double reorderCorrelation, Integer gap, Double corruptPercent,
                           Double corruptCorrelation, Integer rateOverhead, Integer limit, Long seed) {
        /** {@code none}: nothing set. */
        public static final Settings NONE = new Settings(null, null, null, null, null, null);

        /**
         * The settings netem's first words give, the rest not set (for this package's parsers and tests;
         * callers outside read settings, they do not make them).
         *
         * @param rateBitsPerSecond {@code rate}
         * @param delay             {@code delay}
         * @param jitter            the jitter
         * @param lossPercent       {@code loss}
         * @param duplicatePercent  {@code duplicate}
         * @param reorderPercent    {@code reorder}
         */
        Settings(Long rateBitsPerSecond, Duration delay, Duration jitter, Double lossPercent,
                 Double duplicatePercent, Double reorderPercent) {
            this(rateBitsPerSecond, delay, jitter, lossPercent, duplicatePercent, reorderPercent, null, null, null, null,
                    null, null, null, null, null, null, null, null);
        }
    }

    // ---- as tc reads them ------------------------------------------------------------------------------------

    /**
     * The words after {@code netem}, as tc 6.1 reads them ({@code tc qdisc add dev DEV root netem delay 50ms loss 1%}).
     *
     * @param args the words, in order
     * @return the settings
     * @throws IllegalArgumentException naming the word at fault and the form {@link #FORM}
     */
    public static NetemSpec parse(List<String> args) {
        Cursor w = new Cursor(args);
        long delay = 0;
        long jitter = 0;
        double loss = 0;
        double duplicate = 0;
        double reorder = 0;
        int gap = 0;
        long rate = 0;
        int limit = NetemSpec.DEFAULTS.limit();
        boolean lossGiven = false;
        while (w.more()) {
            String a = w.next();
            String k = resolve(a);
            if (k == null) {
                throw new IllegalArgumentException("Unknown netem word \"" + a + "\": the form is \"" + FORM + "\".");
            }
            switch (k) {
                case "limit" -> limit = packets(TcUnits.size(w.value(a, "a number of packets")));
                case "latency", "delay" -> {
                    delay = TcUnits.time(w.value(a, "a time such as 50ms"));
                    jitter = number(w) ? TcUnits.time(w.next()) : 0;
                    if (number(w)) {
                        throw unsupported("a delay correlation (\"" + w.peek() + "\")");
                    }
                }
                case "loss", "drop" -> {
                    if (lossGiven) {
                        throw new IllegalArgumentException("\"loss\" is given twice.");
                    }
                    lossGiven = true;
                    String v = w.value(a, "a percentage such as 1%");
                    if (v.equals("random")) {
                        v = w.value("loss random", "a percentage such as 1%");
                    } else if (v.equals("state") || v.equals("gemodel")) {
                        throw unsupported("the \"loss " + v + "\" model");
                    } else if (!startsWithDigit(v)) {
                        throw new IllegalArgumentException("Unknown loss parameter \"" + v + "\": write \"loss 1%\" or"
                                + " \"loss random 1%\".");
                    }
                    loss = TcUnits.percent(v);
                    if (number(w)) {
                        throw unsupported("a loss correlation (\"" + w.peek() + "\")");
                    }
                }
                case "duplicate" -> {
                    duplicate = TcUnits.percent(w.value(a, "a percentage such as 0.1%"));
                    if (number(w)) {
                        throw unsupported("a duplicate correlation (\"" + w.peek() + "\")");
                    }
                }
                case "reorder" -> {
                    reorder = TcUnits.percent(w.value(a, "a percentage such as 5%"));
                    if (number(w)) {
                        throw unsupported("a reorder correlation (\"" + w.peek() + "\")");
                    }
                }
                case "gap" -> gap = w.intValue(a, 0, Integer.MAX_VALUE);
                case "rate" -> {
                    String v = w.value(a, "a rate such as 10mbit");
                    if (v.endsWith("%")) {
                        throw unsupported("a rate relative to the device's speed (\"" + v + "\")");
                    }
                    rate = TcUnits.rate(v);
                    if (w.more() && (startsWithDigit(w.peek()) || w.peek().startsWith("-"))) {
                        throw unsupported("packet and cell overheads after the rate (\"" + w.peek() + "\")");
                    }
                }
                default -> throw unsupported("\"" + k + "\"");
            }
        }
        if (reorder > 0 && delay == 0) {
            throw new IllegalArgumentException("Reordering is not possible without a delay: netem reorders by sending"
                    + " some packets without it (e.g. \"delay 10ms reorder 25%\").");
        }
        if (gap > 0 && reorder == 0) {
            throw new IllegalArgumentException("\"gap\" without a reorder percentage: write e.g. \"reorder 25% gap 5\".");
        }
        try {
            return new NetemSpec(delay, jitter, loss, duplicate, reorder, gap, rate, limit);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ".", e);
        }
    }

    /** The first of tc's keywords that {@code word} abbreviates (iproute2's {@code matches}), or null. */
    private static String resolve(String word) {
        for (String k : KEYWORDS) {
            if (!word.isEmpty() && k.startsWith(word)) {
                return k;
            }
        }
        return null;
    }

    private static int packets(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("netem's \"limit\" is a number of packets above 0 (tc's default is"
                    + " 1000).");
        }
        return n;
    }

    /** tc's NEXT_IS_NUMBER: the next word starts with a digit. */
    private static boolean number(Cursor w) {
        return w.more() && startsWithDigit(w.peek());
    }

    private static boolean startsWithDigit(String s) {
        return !s.isEmpty() && Character.isDigit(s.charAt(0));
    }

    private static IllegalArgumentException unsupported(String what) {
        return new IllegalArgumentException("netns4j's netem does not support " + what + " yet: the form is \"" + FORM
                + "\".");
    }

    /** A cursor over tc's words; its messages are the ones the CLI gives for any missing or bad value. */
    private static final class Cursor {
        private final List<String> words;
        private int pos;

        Cursor(List<String> words) {
            this.words = words;
        }

        boolean more() {
            return pos < words.size();
        }

        String peek() {
            return words.get(pos);
        }

        String next() {
            return words.get(pos++);
        }

        String value(String keyword, String what) {
            if (!more()) {
                throw new IllegalArgumentException("\"" + keyword + "\" needs " + what + ": the form is \"" + FORM
                        + "\".");
            }
            return next();
        }

        int intValue(String keyword, int min, int max) {
            String v = value(keyword, "a number");
            try {
                long n = Long.decode(v);
                if (n >= min && n <= max) {
                    return (int) n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("argument \"" + v + "\" is wrong: \"" + keyword + "\" takes a number"
                    + " from " + min + " to " + max + ".");
        }
    }

    // ---- strictly, as a lab takes them -----------------------------------------------------------------------

    /**
     * An impairment written as words, strictly (the form {@link #STRICT_FORM}), as a lab's
     * {@code impair:} and {@code netns4j lab impair} take it.
     *
     * @param words the words, in order; {@code none} or {@code clear} alone for {@link Settings#NONE}
     * @return the settings
     * @throws IllegalArgumentException naming the word at fault and the form
     */
    public static Settings parseStrict(List<String> words) {
        return StrictNetemWords.parse(words);
    }

    static boolean startsWithDigitOrSign(String s) {
        return !s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-' && s.length() > 1);
    }
}
