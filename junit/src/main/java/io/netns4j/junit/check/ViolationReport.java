package io.netns4j.junit.check;

import io.netns4j.junit.history.Op;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Puts a {@link FirstViolation.Found} into words and picks its window of the history. */
final class ViolationReport {
    /** At most this many concurrent calls are named. */
    private static final int MAX_CONCURRENT = 8;

    private ViolationReport() {
    }

    static Violation of(Model model, Object key, List<Call> calls, FirstViolation.Found found) {
        Call culprit = found.culprit();
        Set<Call> window = new LinkedHashSet<>();
        window.add(culprit);
        StringBuilder text = new StringBuilder();
        text.append("Not linearizable (").append(model.name());
        if (key != null) {
            text.append(", key ").append(Values.text(key));
        }
        text.append("): ").append(culprit.describe()).append(" cannot be explained: ")
                .append(model.whyNot(culprit.f(), culprit.value(), found.possibleStates())).append('.');
        for (Object state : found.possibleStates()) {
            Optional<Call> setter = lastSetter(model, calls, culprit, state);
            text.append("\n  ").append(Values.text(state)).append(": ");
            if (setter.isPresent()) {
                window.add(setter.get());
                text.append("the last operation that could precede it and set it was ").append(setter.get().describe());
            } else {
                text.append("the initial value");
            }
        }
        Optional<Object> needed = model.requires(culprit.f(), culprit.value());
        if (needed.isPresent() && found.possibleStates().stream().noneMatch(s -> Values.same(s, needed.get()))) {
            Object value = Values.state(needed.get());
            Optional<Call> setter = lastSetter(model, calls, culprit, value);
            text.append("\n  ").append(Values.text(value)).append(": ");
            if (setter.isEmpty()) {
                text.append(Objects.equals(value, model.initialState()) ? "the initial value, overwritten before it"
                        : "no operation invoked before it set it");
            } else {
                window.add(setter.get());
                text.append("set last by ").append(setter.get().describe());
                Optional<Call> overwriter = overwriter(model, calls, setter.get(), culprit);
                if (overwriter.isPresent()) {
                    window.add(overwriter.get());
                    text.append(", overwritten by ").append(overwriter.get().describe())
                            .append(", which completed before the ").append(culprit.f()).append(" began");
                } else {
                    text.append(", but no order of the operations under way leaves it there");
                }
            }
        }
        List<Call> concurrent = found.underWay().stream().filter(c -> c != culprit && c.overlaps(culprit)).toList();
        if (!concurrent.isEmpty()) {
            text.append("\n  under way at the same time:");
            for (Call c : concurrent.subList(0, Math.min(MAX_CONCURRENT, concurrent.size()))) {
                window.add(c);
                text.append("\n    ").append(c.describe());
            }
            if (concurrent.size() > MAX_CONCURRENT) {
                text.append("\n    ... and ").append(concurrent.size() - MAX_CONCURRENT).append(" more");
            }
        }
        long prefix = culprit.returnAt();
        text.append("\n  The history is linearizable up to its completion: the first ").append(prefix)
                .append(" entries (indexes before ").append(culprit.completion().index()).append(").");
        return new Violation(key, culprit.invoke(), culprit.completion(), found.possibleStates(), entries(window),
                prefix, text.toString());
    }

    static Violation unexplained(Model model, Object key) {
        return new Violation(key, null, null, Set.of(), List.of(), -1, "Not linearizable (" + model.name()
                + (key == null ? "" : ", key " + Values.text(key))
                + "): too many possible orders to find the first operation that breaks it");
    }

    /** The call invoked last, before the culprit completed, that could leave {@code state}. */
    private static Optional<Call> lastSetter(Model model, List<Call> calls, Call culprit, Object state) {
        return calls.stream()
                .filter(c -> c != culprit && c.callAt() < culprit.returnAt())
                .filter(c -> model.writes(c.f(), c.value()).map(w -> Values.same(state, w)).orElse(false))
                .max(Comparator.comparingLong(Call::callAt));
    }

    /** A determinate call that sets another state after {@code setter} completed and before {@code culprit} began. */
    private static Optional<Call> overwriter(Model model, List<Call> calls, Call setter, Call culprit) {
        Object written = model.writes(setter.f(), setter.value()).map(Values::state).orElse(null);
        return calls.stream()
                .filter(c -> !c.indeterminate() && c.callAt() > setter.returnAt() && c.returnAt() < culprit.callAt())
                .filter(c -> model.writes(c.f(), c.value()).map(w -> !Values.same(written, w)).orElse(false))
                .max(Comparator.comparingLong(Call::returnAt));
    }

    private static List<Op> entries(Set<Call> window) {
        List<Op> ops = new ArrayList<>();
        for (Call c : window) {
            ops.add(c.invoke());
            if (c.completion() != null) {
                ops.add(c.completion());
            }
        }
        ops.sort(Comparator.comparingLong(Op::index));
        return ops;
    }
}
