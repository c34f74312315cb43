package io.netns4j.lab.model;

import io.netns4j.qdisc.NetemWords;
import io.netns4j.qdisc.TcUnits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Faults applied to what an interface sends, as netem (and tbf for the rate) do them:
 * {@code tc -n NS qdisc add dev IF root netem delay 50ms 10ms loss 1% duplicate 0.1% reorder 5% rate 10mbit}.
 * Every field is optional (null when not set). {@code io.netns4j.lab.fault.LinkImpairments} puts one in place (with tbf and
 * an nftables drop where the kernel has no netem); {@link #parse} reads one from words.
 *
 * @param rateBitsPerSecond the egress rate limit
 * @param delay added one-way delay
 * @param jitter variation of the delay (needs a delay)
 * @param lossPercent packets dropped, 0 to 100
 * @param duplicatePercent packets sent twice, 0 to 100
 * @param reorderPercent packets sent at once, ahead of delayed ones (needs a delay), 0 to 100
 */
public record Impairment(Long rateBitsPerSecond, Duration delay, Duration jitter, Double lossPercent,
                         Double duplicatePercent, Double reorderPercent) {
    public static final Impairment NONE = new Impairment(null, null, null, null, null, null);

    /**
     * An impairment written as netem's words, as {@link NetemWords#parseStrict} reads them:
     * {@code delay 50ms [10ms] loss 1% duplicate 0.1% reorder 5% rate 10mbit}, or {@code none}.
     *
     * @throws IllegalArgumentException naming the word at fault and the form
     */
    public static Impairment parse(List<String> words) {
        NetemWords.Settings s = NetemWords.parseStrict(words);
        return new Impairment(s.rateBitsPerSecond(), s.delay(), s.jitter(), s.lossPercent(), s.duplicatePercent(),
                s.reorderPercent());
    }

    public boolean isNone() {
        return equals(NONE);
    }

    /** The words after {@code netem}, as {@code tc} takes them. */
    public List<String> tcWords() {
        List<String> w = new ArrayList<>();
        if (delay != null) {
            w.add("delay");
            w.add(TcUnits.formatStrictTime(delay));
            if (jitter != null) {
                w.add(TcUnits.formatStrictTime(jitter));
            }
        }
        add(w, "loss", lossPercent);
        add(w, "duplicate", duplicatePercent);
        add(w, "reorder", reorderPercent);
        if (rateBitsPerSecond != null) {
            w.add("rate");
            w.add(TcUnits.formatStrictRate(rateBitsPerSecond));
        }
        return w;
    }

    private static void add(List<String> w, String word, Double percent) {
        if (percent != null) {
            w.add(word);
            w.add(TcUnits.formatStrictPercent(percent));
        }
    }
}
