package io.netns4j.lab.fault;

import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.model.Units;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An impairment written as words on a command line, as netem's words are written:
 * {@code delay 50ms [10ms] loss 1% duplicate 0.1% reorder 5% rate 10mbit} ({@code jitter 10ms}
 * may be given on its own too), or {@code none} / {@code clear} for no impairment. Values take
 * the units of a topology file's {@code impair:} (a time unit and the {@code %} are required),
 * and the same checks: jitter and reorder need a delay, jitter is at most the delay.
 */
public final class ImpairmentWords {
    static final String FORM = "none | [delay TIME [JITTER]] [jitter TIME] [loss PERCENT] [duplicate PERCENT]"
            + " [reorder PERCENT] [rate RATE]";

    private ImpairmentWords() {
    }

    /**
     * @throws IllegalArgumentException naming the word at fault and the form
     */
    public static Impairment parse(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("No impairment given: write \"" + FORM + "\"");
        }
        if (words.size() == 1 && (words.getFirst().equals("none") || words.getFirst().equals("clear"))) {
            return Impairment.NONE;
        }
        Long rate = null;
        Duration delay = null;
        Duration jitter = null;
        Double loss = null;
        Double duplicate = null;
        Double reorder = null;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < words.size(); i++) {
            String key = words.get(i);
            if (key.equals("none") || key.equals("clear")) {
                throw new IllegalArgumentException("\"" + key + "\" stands alone: it removes the impairment, so it takes"
                        + " no other words");
            }
            if (!List.of("delay", "jitter", "loss", "duplicate", "reorder", "rate").contains(key)) {
                String hint = List.of("corrupt", "limit", "slot", "gap", "distribution", "ecn").contains(key)
                        ? " (netem's \"" + key + "\" is not supported for lab links)" : "";
                throw new IllegalArgumentException("Unknown impairment word \"" + key + "\"" + hint + ": write \""
                        + FORM + "\"");
            }
            if (!key.equals("jitter") && !seen.add(key)) {
                throw new IllegalArgumentException("\"" + key + "\" is given twice");
            }
            if (i + 1 >= words.size()) {
                throw new IllegalArgumentException("\"" + key + "\" needs a value, e.g. " + example(key));
            }
            String value = words.get(++i);
            try {
                switch (key) {
                    case "rate" -> rate = Units.parseRate(value);
                    case "delay" -> {
                        delay = Units.parseDuration(value);
                        if (i + 1 < words.size() && !words.get(i + 1).isEmpty()
                                && Character.isDigit(words.get(i + 1).charAt(0))) {
                            if (jitter != null) {
                                throw new IllegalArgumentException("the jitter is given twice");
                            }
                            jitter = Units.parseDuration(words.get(++i));
                        }
                    }
                    case "jitter" -> {
                        if (jitter != null) {
                            throw new IllegalArgumentException("\"jitter\" is given twice (the number after the delay"
                                    + " is the jitter)");
                        }
                        jitter = Units.parseDuration(value);
                    }
                    case "loss" -> loss = Units.parsePercent(value);
                    case "duplicate" -> duplicate = Units.parsePercent(value);
                    default -> reorder = Units.parsePercent(value);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad " + key + ": " + e.getMessage());
            }
        }
        if (jitter != null && delay == null) {
            throw new IllegalArgumentException("\"jitter\" without \"delay\": netem varies a delay; add e.g. delay 50ms");
        }
        if (reorder != null && delay == null) {
            throw new IllegalArgumentException("\"reorder\" without \"delay\": netem reorders by sending some packets"
                    + " without the delay; add e.g. delay 10ms");
        }
        if (jitter != null && jitter.compareTo(delay) > 0) {
            throw new IllegalArgumentException("jitter " + Units.formatDuration(jitter) + " is larger than delay "
                    + Units.formatDuration(delay) + ": packets cannot leave before they are sent; keep jitter <= delay");
        }
        return new Impairment(rate, delay, jitter, loss, duplicate, reorder);
    }

    private static String example(String key) {
        return switch (key) {
            case "rate" -> "10mbit";
            case "delay", "jitter" -> "50ms";
            case "duplicate" -> "0.1%";
            default -> "1%";
        };
    }
}
