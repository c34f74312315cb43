package io.netns4j.cli;


import io.netns4j.qdisc.NetemSpec;

import java.util.List;

/**
 * The words after {@code netem} in {@code tc qdisc add ... netem delay 50ms 10ms loss 1%
 * duplicate 0.1% reorder 5% gap 1 rate 10mbit limit 1000}, read as tc 6.1 reads them
 * (keywords may be abbreviated, first match in tc's order wins; a jitter is the number right
 * after the delay). What netns4j cannot send yet (correlations, distributions, corruption,
 * slots, ECN, the state loss models, overheads after the rate) is refused by name.
 */
final class TcNetemWords {
    static final String FORM = "netem [delay TIME [JITTER]] [loss [random] PERCENT] [duplicate PERCENT]"
            + " [reorder PERCENT [gap DISTANCE]] [rate RATE] [limit PACKETS]";
    /** tc's order: "l" is limit, "r" is reorder, "d" is delay. */
    private static final String[] KEYWORDS = {"limit", "latency", "delay", "loss", "drop", "ecn", "reorder", "corrupt",
            "gap", "duplicate", "distribution", "rate", "slot"};

    private TcNetemWords() {
    }

    static NetemSpec parse(List<String> args) throws UsageException {
        Words w = new Words(args, FORM);
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
            String k = Keywords.resolve(a, KEYWORDS);
            if (k == null) {
                throw new UsageException("Unknown netem word \"" + a + "\": the form is \"" + FORM + "\".");
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
                        throw new UsageException("\"loss\" is given twice.");
                    }
                    lossGiven = true;
                    String v = w.value(a, "a percentage such as 1%");
                    if (v.equals("random")) {
                        v = w.value("loss random", "a percentage such as 1%");
                    } else if (v.equals("state") || v.equals("gemodel")) {
                        throw unsupported("the \"loss " + v + "\" model");
                    } else if (!startsWithDigit(v)) {
                        throw new UsageException("Unknown loss parameter \"" + v + "\": write \"loss 1%\" or"
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
            throw new UsageException("Reordering is not possible without a delay: netem reorders by sending some packets"
                    + " without it (e.g. \"delay 10ms reorder 25%\").");
        }
        if (gap > 0 && reorder == 0) {
            throw new UsageException("\"gap\" without a reorder percentage: write e.g. \"reorder 25% gap 5\".");
        }
        try {
            return new NetemSpec(delay, jitter, loss, duplicate, reorder, gap, rate, limit);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ".");
        }
    }

    private static int packets(int n) throws UsageException {
        if (n <= 0) {
            throw new UsageException("netem's \"limit\" is a number of packets above 0 (tc's default is 1000).");
        }
        return n;
    }

    /** tc's NEXT_IS_NUMBER: the next word starts with a digit. */
    private static boolean number(Words w) {
        return w.more() && startsWithDigit(w.peek());
    }

    private static boolean startsWithDigit(String s) {
        return !s.isEmpty() && Character.isDigit(s.charAt(0));
    }

    private static UsageException unsupported(String what) {
        return new UsageException("netns4j's netem does not support " + what + " yet: the form is \"" + FORM + "\".");
    }
}
