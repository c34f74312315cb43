package io.netns4j.junit.check;

import io.netns4j.junit.history.History;
import io.netns4j.junit.history.Op;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The linearizability checker: is there one order of the operations, consistent with real
 * time, in which the model explains every result? (knossos' {@code wgl/analysis} and
 * {@code competition/analysis}, Porcupine's {@code CheckOperations}.)
 *
 * <pre>{@code
 * LinearizabilityResult r = Linearizability.check(history, Model.casRegister());
 * assertTrue(r.linearizable(), r::report);
 * }</pre>
 *
 * <p>The verdict comes from the WGL search with Lowe's memoization ({@link WglSearch});
 * ops carrying a {@link Op#key() key} are checked per key, each key an independent register
 * (Jepsen's {@code independent}). {@code fail}ed operations never happened; {@code info}
 * operations (and those never completed) may take effect at any time after their invocation,
 * or never. When a history is not linearizable, a second pass ({@link FirstViolation}) finds
 * the first completion no order explains and the states the register could be in then, and
 * {@link Violation#explanation()} says it in words. When the search's memo reaches its limit
 * (a long history refuted only near its end), the sweep decides instead, within a limit of
 * time; only past both limits is the answer {@link Verdict#UNKNOWN}.
 */
public final class Linearizability {
    /** The default limit on memoized configurations per key: about a few hundred MB at worst. */
    public static final long DEFAULT_MAX_CONFIGURATIONS = 2_000_000;

    /**
     * When the search's memo is full, the sweep may look at this many times as many
     * configurations: it keeps only those of the current moment, so its limit is one of time.
     */
    static final long SWEEP_FACTOR = 2;

    private final Model model;
    private final long maxConfigurations;

    private Linearizability(Model model, long maxConfigurations) {
        this.model = model;
        this.maxConfigurations = maxConfigurations;
    }

    /**
     * A checker against {@code model}, memoizing at most {@link #DEFAULT_MAX_CONFIGURATIONS} configurations per key.
     *
     * @param model the sequential specification
     * @return a checker for {@code model} with the default limit
     */
    public static Linearizability of(Model model) {
        return new Linearizability(java.util.Objects.requireNonNull(model, "model"), DEFAULT_MAX_CONFIGURATIONS);
    }

    /**
     * This checker with another search limit: more finds an answer in longer histories, at the cost
     * of memory and time.
     *
     * @param limit the most configurations to memoize per key before answering {@link Verdict#UNKNOWN}
     * @return a checker with that limit
     */
    public Linearizability withMaxConfigurations(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, not " + limit);
        }
        return new Linearizability(model, limit);
    }

    /**
     * Checks {@code history} against {@code model} with the default limit (Knossos's and
     * Porcupine's question: is there one order of the operations, each taking effect between its
     * invocation and its completion, that the model accepts?).
     *
     * @param history the history, in order (nemesis entries are skipped)
     * @param model   the sequential specification
     * @return the verdict and, if not linearizable, the violation
     * @throws InvalidHistoryException if the history is not well formed
     */
    public static LinearizabilityResult check(List<Op> history, Model model) {
        return of(model).check(history);
    }

    /**
     * Checks what a {@link History} recorded so far against {@code model}, with the default limit.
     *
     * @param history a recorder's history so far
     * @param model   the sequential specification
     * @return the verdict and, if not linearizable, the violation
     * @throws InvalidHistoryException if the history is not well formed
     */
    public static LinearizabilityResult check(History history, Model model) {
        return of(model).check(history.ops());
    }

    /**
     * Checks {@code history}, key by key (operations on different keys are independent).
     *
     * @param history the history, in order
     * @return the verdict and, if not linearizable, the violation of the first failing key
     * @throws InvalidHistoryException if the history is not well formed
     */
    public LinearizabilityResult check(List<Op> history) {
        long start = System.nanoTime();
        Map<Object, List<Call>> byKey = Calls.byKey(history, model);
        long configurations = 0;
        int calls = 0;
        Verdict verdict = Verdict.LINEARIZABLE;
        Optional<Violation> violation = Optional.empty();
        for (Map.Entry<Object, List<Call>> key : byKey.entrySet()) {
            calls += key.getValue().size();
            if (verdict == Verdict.NOT_LINEARIZABLE) {
                continue;
            }
            WglSearch search = new WglSearch(model, key.getValue(), maxConfigurations);
            WglSearch.Outcome outcome = search.run();
            configurations += search.configurations();
            if (outcome == WglSearch.Outcome.UNKNOWN) {
                // The memo is full: sweep instead, which keeps only the configurations of the
                // moment (memory bounded by the concurrency, not by the history's length).
                FirstViolation sweep = new FirstViolation(model, key.getValue(), maxConfigurations * SWEEP_FACTOR);
                FirstViolation.Found found = sweep.find();
                configurations += sweep.explored();
                if (found != null) {
                    verdict = Verdict.NOT_LINEARIZABLE;
                    violation = Optional.of(ViolationReport.of(model, key.getKey(), key.getValue(), found));
                } else if (!sweep.sweptAll()) {
                    verdict = Verdict.UNKNOWN;
                }
            } else if (outcome == WglSearch.Outcome.NOT_LINEARIZABLE) {
                verdict = Verdict.NOT_LINEARIZABLE;
                violation = Optional.of(explain(key.getKey(), key.getValue()));
            }
        }
        return new LinearizabilityResult(verdict, model.name(), calls, Math.max(1, byKey.size()), configurations,
                violation, Duration.ofNanos(System.nanoTime() - start));
    }

    private Violation explain(Object key, List<Call> calls) {
        FirstViolation.Found found = new FirstViolation(model, calls, maxConfigurations).find();
        return found == null ? ViolationReport.unexplained(model, key) : ViolationReport.of(model, key, calls, found);
    }
}
