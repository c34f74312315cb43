package io.netns4j.lab.model;

import io.netns4j.qdisc.NetemDistribution;
import io.netns4j.qdisc.NetemLossModel;
import io.netns4j.qdisc.NetemWords;
import io.netns4j.qdisc.TcUnits;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Faults applied to what an interface sends, with netem's settings and words:
 * {@code tc -n NS qdisc add dev IF root netem delay 50ms 10ms 25% distribution normal loss 1% 25%
 * duplicate 0.1% reorder 5% gap 3 corrupt 0.1% rate 10mbit limit 1000 seed 42}. Every field is
 * optional (null when not set). {@code io.netns4j.lab.fault.LinkImpairments} puts one in place with
 * the kernel's netem or netns4j's userspace engine ({@code io.netns4j.lab.wire}), as {@link #engine}
 * says; {@link #parse} reads one from words. Percentages are 0 to 100.
 *
 * @param rateBitsPerSecond    the egress rate, as a link of that speed sends
 * @param delay                added one-way delay
 * @param jitter               variation of the delay (needs a delay)
 * @param lossPercent          packets dropped, each on its own (or leaning on the last by {@code lossCorrelation})
 * @param duplicatePercent     packets sent twice
 * @param reorderPercent       packets sent at once, ahead of delayed ones (needs a delay)
 * @param delayCorrelation     how much each delay leans on the last one
 * @param distribution         the jitter's shape; null is netem's uniform
 * @param lossCorrelation      how much each loss decision leans on the last
 * @param lossModel            bursty loss (Gilbert-Elliott or 4-state), instead of {@code lossPercent}
 * @param duplicateCorrelation correlation of the duplicate decisions
 * @param reorderCorrelation   correlation of the reorder decisions
 * @param gap                  reorder at most every {@code gap}th packet (netem's {@code gap})
 * @param corruptPercent       packets with one random bit flipped
 * @param corruptCorrelation   correlation of the corrupt decisions
 * @param rateOverhead         bytes added to each packet's length for the rate (negative: taken off)
 * @param limit                packets the queue holds, netem's {@code limit} (default 1000)
 * @param seed                 the seed of the random decisions: the same seed repeats a run exactly (userspace engine)
 * @param engine               who applies it; null: the kernel where it has netem, the userspace engine otherwise
 */
public record Impairment(Long rateBitsPerSecond, Duration delay, Duration jitter, Double lossPercent,
                         Double duplicatePercent, Double reorderPercent, Double delayCorrelation,
                         NetemDistribution distribution, Double lossCorrelation, NetemLossModel lossModel,
                         Double duplicateCorrelation, Double reorderCorrelation, Integer gap, Double corruptPercent,
                         Double corruptCorrelation, Integer rateOverhead, Integer limit, Long seed, Engine engine) {
    public static final Impairment NONE = new Impairment(null, null, null, null, null, null);

    /** Who applies an impairment: {@code impair: {engine: kernel|userspace}}. */
    public enum Engine {
        /** The kernel's netem qdisc ({@code tc qdisc replace dev IF root netem ...}). */
        KERNEL,
        /** netns4j's userspace engine: the device's egress taken into a tap and sent on by a program. */
        USERSPACE;

        /** {@return the word, {@code kernel} or {@code userspace}} */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The engine a word names.
         *
         * @param word {@code kernel} or {@code userspace}
         * @return the engine
         * @throws IllegalArgumentException for any other word
         */
        public static Engine of(String word) {
            return switch (word) {
                case "kernel" -> KERNEL;
                case "userspace" -> USERSPACE;
                default -> throw new IllegalArgumentException("\"" + word + "\" is not an engine: write engine kernel"
                        + " or engine userspace");
            };
        }
    }

    /** The first six settings, as netem's first words set them; the rest not set (for {@link #NONE}). */
    private Impairment(Long rateBitsPerSecond, Duration delay, Duration jitter, Double lossPercent,
                       Double duplicatePercent, Double reorderPercent) {
        this(rateBitsPerSecond, delay, jitter, lossPercent, duplicatePercent, reorderPercent, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    /**
     * {@return the settings {@link NetemWords#parseStrict} read, with an engine}
     *
     * @param s netem's settings as core's parser reads them
     * @param engine where the impairment runs: the kernel's netem, or the userspace engine; null lets netns4j choose
     */
    public static Impairment of(NetemWords.Settings s, Engine engine) {
        return new Impairment(s.rateBitsPerSecond(), s.delay(), s.jitter(), s.lossPercent(), s.duplicatePercent(),
                s.reorderPercent(), s.delayCorrelation(), s.distribution(), s.lossCorrelation(), s.lossModel(),
                s.duplicateCorrelation(), s.reorderCorrelation(), s.gap(), s.corruptPercent(), s.corruptCorrelation(),
                s.rateOverhead(), s.limit(), s.seed(), engine);
    }

    /**
     * {@return an impairment written as netem's words, as {@link NetemWords#parseStrict} reads
     * them, plus {@code engine kernel|userspace} anywhere: {@code delay 50ms 10ms 25% distribution
     * normal loss 1% duplicate 0.1% reorder 5% gap 2 corrupt 0.1% rate 10mbit limit 1000 seed 7},
     * or {@code none}}
     *
     * @param words the words as the command line gives them, one per element
     * @throws IllegalArgumentException naming the word at fault and the form
     */
    public static Impairment parse(List<String> words) {
        List<String> rest = new ArrayList<>(words);
        Engine engine = null;
        int at = rest.indexOf("engine");
        if (at >= 0) {
            if (at + 1 >= rest.size()) {
                throw new IllegalArgumentException("\"engine\" needs a value: kernel or userspace");
            }
            engine = Engine.of(rest.get(at + 1));
            rest.subList(at, at + 2).clear();
            if (rest.contains("engine")) {
                throw new IllegalArgumentException("\"engine\" is given twice");
            }
            if (rest.isEmpty()) {
                rest.add("none");
            }
        }
        return of(NetemWords.parseStrict(rest), engine);
    }

    /**
     * Whether nothing is set (the engine aside): {@code none}.
     *
     * @return a checked copy; this one is unchanged
     */
    public boolean isNone() {
        return withEngine(null).equals(NONE);
    }

    /**
     * This impairment with another engine choice (null: the default).
     *
     * @param value another engine choice (null: the default)
     * @return a checked copy; this one is unchanged
     */
    public Impairment withEngine(Engine value) {
        return new Impairment(rateBitsPerSecond, delay, jitter, lossPercent, duplicatePercent, reorderPercent,
                delayCorrelation, distribution, lossCorrelation, lossModel, duplicateCorrelation, reorderCorrelation, gap,
                corruptPercent, corruptCorrelation, rateOverhead, limit, seed, value);
    }

    /**
     * This impairment with {@code seed N}: netem's random generators start from it, so a run repeats.
     *
     * @param value {@code seed N}: netem's random generators start from it, so a run repeats
     * @return a checked copy; this one is unchanged
     */
    public Impairment withSeed(long value) {
        return seeded(value);
    }

    /**
     * {@return this impairment without a seed (each run draws its own)}
     */
    public Impairment withoutSeed() {
        return seeded(null);
    }

    private Impairment seeded(Long value) {
        return new Impairment(rateBitsPerSecond, delay, jitter, lossPercent, duplicatePercent, reorderPercent,
                delayCorrelation, distribution, lossCorrelation, lossModel, duplicateCorrelation, reorderCorrelation, gap,
                corruptPercent, corruptCorrelation, rateOverhead, limit, value, engine);
    }

    /**
     * {@return the settings the kernel path (netns4j's netem encoder: delay, jitter, loss,
     * duplicate, reorder, gap, rate, limit) cannot send, by name; empty when it can send them all}
     */
    public List<String> beyondKernelEncoder() {
        List<String> out = new ArrayList<>();
        add(out, "a delay correlation", delayCorrelation);
        add(out, "distribution " + (distribution == null ? "" : distribution.word()), distribution);
        add(out, "a loss correlation", lossCorrelation);
        add(out, "loss " + (lossModel == null ? "" : lossModel.words().split(" ")[0]), lossModel);
        add(out, "a duplicate correlation", duplicateCorrelation);
        add(out, "a reorder correlation", reorderCorrelation);
        add(out, "corrupt", corruptPercent);
        add(out, "a rate overhead", rateOverhead);
        add(out, "seed", seed);
        return out;
    }

    private static void add(List<String> out, String what, Object value) {
        if (value != null) {
            out.add(what);
        }
    }

    /**
     * {@return the words after {@code netem}, as {@code tc} takes them (and {@link #parse} reads
     * them back); no engine}
     */
    public List<String> tcWords() {
        List<String> w = new ArrayList<>();
        if (delay != null) {
            w.add("delay");
            w.add(TcUnits.formatStrictTime(delay));
            if (jitter != null) {
                w.add(TcUnits.formatStrictTime(jitter));
                percent(w, delayCorrelation);
            }
        }
        if (distribution != null) {
            w.add("distribution");
            w.add(distribution.word());
        }
        if (lossModel != null) {
            w.add("loss");
            w.addAll(List.of(lossModel.words().split(" ")));
        }
        add(w, "loss", lossPercent, lossCorrelation);
        add(w, "duplicate", duplicatePercent, duplicateCorrelation);
        add(w, "reorder", reorderPercent, reorderCorrelation);
        if (gap != null) {
            w.add("gap");
            w.add(gap.toString());
        }
        add(w, "corrupt", corruptPercent, corruptCorrelation);
        if (rateBitsPerSecond != null) {
            w.add("rate");
            w.add(TcUnits.formatStrictRate(rateBitsPerSecond));
            if (rateOverhead != null) {
                w.add(rateOverhead.toString());
            }
        }
        if (limit != null) {
            w.add("limit");
            w.add(limit.toString());
        }
        if (seed != null) {
            w.add("seed");
            w.add(Long.toUnsignedString(seed));
        }
        return w;
    }

    /**
     * {@link #tcWords()} and, when chosen, {@code engine kernel|userspace}; {@code none} when nothing is set.
     *
     * @return the words, as {@code lab impair} takes them and {@code lab show} prints them
     */
    public List<String> words() {
        List<String> w = isNone() ? new ArrayList<>(List.of("none")) : tcWords();
        if (engine != null) {
            w.add("engine");
            w.add(engine.word());
        }
        return w;
    }

    private static void add(List<String> w, String word, Double percent, Double correlation) {
        if (percent != null) {
            w.add(word);
            w.add(TcUnits.formatStrictPercent(percent));
            percent(w, correlation);
        }
    }

    private static void percent(List<String> w, Double p) {
        if (p != null) {
            w.add(TcUnits.formatStrictPercent(p));
        }
    }

    /**
     * The settings as JSON fields for {@code lab show -j}, in a stable order, only those set:
     * {@code {"delay_ms":20,"jitter_ms":5,"loss_pct":0.5,"rate_bit":10000000,...}}. Times in
     * milliseconds (fractions kept), rates in bits per second, percentages as numbers, the loss
     * models as objects ({@code {"model":"gemodel","p_pct":1,...}}).
     *
     * @return the fields, in order; empty when nothing is set
     */
    public Map<String, Object> toJsonFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "engine", engine == null ? null : engine.word());
        put(m, "rate_bit", rateBitsPerSecond);
        put(m, "rate_overhead", rateOverhead);
        put(m, "delay_ms", millis(delay));
        put(m, "jitter_ms", millis(jitter));
        put(m, "delay_correlation_pct", number(delayCorrelation));
        put(m, "distribution", distribution == null ? null : distribution.word());
        put(m, "loss_pct", number(lossPercent));
        put(m, "loss_correlation_pct", number(lossCorrelation));
        if (lossModel instanceof NetemLossModel.GilbertElliott g) {
            m.put("loss_model", ordered("model", "gemodel", "p_pct", number(g.p()), "r_pct", number(g.r()),
                    "1-h_pct", number(g.oneMinusH()), "1-k_pct", number(g.oneMinusK())));
        } else if (lossModel instanceof NetemLossModel.FourState s) {
            m.put("loss_model", ordered("model", "state", "p13_pct", number(s.p13()), "p31_pct", number(s.p31()),
                    "p32_pct", number(s.p32()), "p23_pct", number(s.p23()), "p14_pct", number(s.p14())));
        }
        put(m, "duplicate_pct", number(duplicatePercent));
        put(m, "duplicate_correlation_pct", number(duplicateCorrelation));
        put(m, "reorder_pct", number(reorderPercent));
        put(m, "reorder_correlation_pct", number(reorderCorrelation));
        put(m, "gap", gap);
        put(m, "corrupt_pct", number(corruptPercent));
        put(m, "corrupt_correlation_pct", number(corruptCorrelation));
        put(m, "limit", limit);
        put(m, "seed", seed == null ? null : seed >= 0 ? (Object) seed : Long.toUnsignedString(seed));
        return m;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static Number millis(Duration d) {
        return d == null ? null : number(d.toNanos() / 1e6);
    }

    /** Whole numbers as integers ({@code 20}, not {@code 20.0}). */
    private static Number number(Double v) {
        if (v == null) {
            return null;
        }
        BigDecimal b = BigDecimal.valueOf(v).stripTrailingZeros();
        return b.scale() <= 0 ? (Number) b.longValueExact() : (Number) b;
    }
}
