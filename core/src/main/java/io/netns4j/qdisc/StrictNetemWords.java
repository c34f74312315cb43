package io.netns4j.qdisc;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link NetemWords#parseStrict}: netem's words as a lab takes them (the form {@link NetemWords#STRICT_FORM}).
 * Numbers after a keyword's value belong to it when they start with a digit (or a minus, for the
 * rate's overhead), as tc's {@code NEXT_IS_NUMBER} reads them.
 */
final class StrictNetemWords {
    private static final List<String> KEYWORDS = List.of("delay", "jitter", "distribution", "loss", "duplicate",
            "reorder", "gap", "corrupt", "rate", "limit", "seed");
    private static final List<String> UNSUPPORTED = List.of("slot", "ecn", "latency", "drop");

    private final List<String> words;
    private int pos;
    private Long rate;
    private Integer overhead;
    private Duration delay;
    private Duration jitter;
    private Double delayCorrelation;
    private NetemDistribution distribution;
    private Double loss;
    private Double lossCorrelation;
    private NetemLossModel lossModel;
    private Double duplicate;
    private Double duplicateCorrelation;
    private Double reorder;
    private Double reorderCorrelation;
    private Integer gap;
    private Double corrupt;
    private Double corruptCorrelation;
    private Integer limit;
    private Long seed;

    private StrictNetemWords(List<String> words) {
        this.words = words;
    }

    static NetemWords.Settings parse(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("No impairment given: write \"" + NetemWords.STRICT_FORM + "\"");
        }
        if (words.size() == 1 && (words.getFirst().equals("none") || words.getFirst().equals("clear"))) {
            return NetemWords.Settings.NONE;
        }
        return new StrictNetemWords(words).read();
    }

    private NetemWords.Settings read() {
        Set<String> seen = new HashSet<>();
        while (pos < words.size()) {
            String key = words.get(pos++);
            if (key.equals("none") || key.equals("clear")) {
                throw new IllegalArgumentException("\"" + key + "\" stands alone: it removes the impairment, so it takes"
                        + " no other words");
            }
            if (!KEYWORDS.contains(key)) {
                String hint = UNSUPPORTED.contains(key) ? " (netem's \"" + key + "\" is not supported for lab links)" : "";
                throw new IllegalArgumentException("Unknown impairment word \"" + key + "\"" + hint + ": write \""
                        + NetemWords.STRICT_FORM + "\"");
            }
            if (!key.equals("jitter") && !seen.add(key)) {
                throw new IllegalArgumentException("\"" + key + "\" is given twice");
            }
            if (pos >= words.size()) {
                throw new IllegalArgumentException("\"" + key + "\" needs a value, e.g. " + example(key));
            }
            try {
                setting(key, words.get(pos++));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad " + key + ": " + e.getMessage());
            }
        }
        check();
        return new NetemWords.Settings(rate, delay, jitter, loss, duplicate, reorder, delayCorrelation, distribution,
                lossCorrelation, lossModel, duplicateCorrelation, reorderCorrelation, gap, corrupt, corruptCorrelation,
                overhead, limit, seed);
    }

    private void setting(String key, String value) {
        switch (key) {
            case "rate" -> {
                rate = TcUnits.strictRate(value);
                if (number(true)) {
                    overhead = integer(words.get(pos++), -0xffff, 0xffff, "a packet overhead in bytes");
                }
                if (number(true)) {
                    throw new IllegalArgumentException("cell sizes and cell overheads (\"" + words.get(pos) + "\") are not"
                            + " supported; give the rate and at most a packet overhead");
                }
            }
            case "delay" -> {
                delay = TcUnits.strictTime(value);
                if (number(false)) {
                    if (jitter != null) {
                        throw new IllegalArgumentException("the jitter is given twice");
                    }
                    jitter = TcUnits.strictTime(words.get(pos++));
                    delayCorrelation = correlation();
                }
            }
            case "jitter" -> {
                if (jitter != null) {
                    throw new IllegalArgumentException("\"jitter\" is given twice (the number after the delay is the jitter)");
                }
                jitter = TcUnits.strictTime(value);
            }
            case "distribution" -> distribution = NetemDistribution.of(value);
            case "loss" -> loss(value);
            case "duplicate" -> {
                duplicate = TcUnits.strictPercent(value);
                duplicateCorrelation = correlation();
            }
            case "reorder" -> {
                reorder = TcUnits.strictPercent(value);
                reorderCorrelation = correlation();
            }
            case "corrupt" -> {
                corrupt = TcUnits.strictPercent(value);
                corruptCorrelation = correlation();
            }
            case "gap" -> gap = integer(value, 1, Integer.MAX_VALUE, "a number of packets");
            case "limit" -> limit = integer(value, 1, Integer.MAX_VALUE, "a number of packets (tc's default is 1000)");
            default -> {
                try {
                    seed = Long.parseUnsignedLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("\"" + value + "\" is not a number from 0 to 2^64-1");
                }
            }
        }
    }

    private void loss(String value) {
        switch (value) {
            case "random" -> {
                if (pos >= words.size()) {
                    throw new IllegalArgumentException("\"loss random\" needs a percentage, e.g. 1%");
                }
                loss = TcUnits.strictPercent(words.get(pos++));
                lossCorrelation = correlation();
            }
            case "gemodel" -> {
                double p = first("gemodel p");
                double r = next(100 - p);
                double oneMinusH = next(100);
                double oneMinusK = next(0);
                lossModel = new NetemLossModel.GilbertElliott(p, r, oneMinusH, oneMinusK);
            }
            case "state" -> {
                double p13 = first("state p13");
                double p31 = next(100 - p13);
                double p32 = next(0);
                double p23 = next(100);
                double p14 = next(0);
                lossModel = new NetemLossModel.FourState(p13, p31, p32, p23, p14);
            }
            default -> {
                if (!NetemWords.startsWithDigitOrSign(value)) {
                    throw new IllegalArgumentException("\"" + value + "\" is not a percentage nor a loss model; write"
                            + " \"loss 1%\", \"loss 1% 25%\", \"loss gemodel 1% 10%\" or \"loss state 1% 10%\"");
                }
                loss = TcUnits.strictPercent(value);
                lossCorrelation = correlation();
            }
        }
    }

    private double first(String what) {
        if (pos >= words.size()) {
            throw new IllegalArgumentException("\"loss " + what.split(" ")[0] + "\" needs at least " + what.split(" ")[1]
                    + ", e.g. 1%");
        }
        return TcUnits.strictPercent(words.get(pos++));
    }

    private double next(double orElse) {
        return number(false) ? TcUnits.strictPercent(words.get(pos++)) : orElse;
    }

    private Double correlation() {
        return number(false) ? TcUnits.strictPercent(words.get(pos++)) : null;
    }

    private boolean number(boolean signed) {
        if (pos >= words.size()) {
            return false;
        }
        String w = words.get(pos);
        return !w.isEmpty() && (Character.isDigit(w.charAt(0)) || signed && NetemWords.startsWithDigitOrSign(w));
    }

    private static int integer(String value, int min, int max, String what) {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new IllegalArgumentException("\"" + value + "\" is not " + what + " from " + min + " to " + max);
    }

    private void check() {
        if (jitter != null && delay == null) {
            throw new IllegalArgumentException("\"jitter\" without \"delay\": netem varies a delay; add e.g. delay 50ms");
        }
        if (reorder != null && delay == null) {
            throw new IllegalArgumentException("\"reorder\" without \"delay\": netem reorders by sending some packets"
                    + " without the delay; add e.g. delay 10ms");
        }
        if (jitter != null && jitter.compareTo(delay) > 0) {
            throw new IllegalArgumentException("jitter " + TcUnits.formatStrictTime(jitter) + " is larger than delay "
                    + TcUnits.formatStrictTime(delay) + ": packets cannot leave before they are sent; keep jitter <="
                    + " delay");
        }
        if (distribution != null && jitter == null) {
            throw new IllegalArgumentException("\"distribution\" without a jitter: the distribution shapes the jitter;"
                    + " write e.g. delay 50ms 10ms distribution normal");
        }
        if (gap != null && reorder == null) {
            throw new IllegalArgumentException("\"gap\" without \"reorder\": write e.g. reorder 25% gap 5");
        }
        if (overhead != null && rate == null) {
            throw new IllegalStateException("an overhead is read only after a rate");
        }
    }

    private static String example(String key) {
        return switch (key) {
            case "rate" -> "10mbit";
            case "delay", "jitter" -> "50ms";
            case "duplicate" -> "0.1%";
            case "distribution" -> "normal";
            case "gap" -> "5";
            case "limit" -> "1000";
            case "seed" -> "42";
            default -> "1%";
        };
    }
}
