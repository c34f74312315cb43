package io.netns4j.junit.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the first completion that no linearization can explain, and the states the object
 * could be in just before it, by sweeping the history once with the set of all possible
 * configurations (knossos' {@code linear} analysis, "just-in-time linearization"): a
 * configuration is a state plus which of the calls under way have already taken effect. At
 * an invocation the call joins those under way; at a completion every configuration must
 * have linearized the call, linearizing others under way first if needed; the
 * configurations that cannot are dropped. When none is left, the completion is the culprit
 * and everything before it was linearizable: that is the longest linearizable prefix.
 *
 * <p>Exponential in the number of calls under way at once, so it is run only on a history
 * the WGL search found not linearizable, and gives up past a limit.
 */
final class FirstViolation {
    /** The culprit, the states it met, and how many configurations were looked at. */
    record Found(Call culprit, Set<Object> possibleStates, List<Call> underWay) {
    }

    private final Model model;
    private final List<Call> calls;
    private final long limit;
    private long explored;
    private boolean sweptAll;

    FirstViolation(Model model, List<Call> calls, long limit) {
        this.model = model;
        this.calls = calls;
        this.limit = limit;
    }

    /** {@return how many configurations the last {@link #find()} looked at} */
    long explored() {
        return explored;
    }

    /** Whether the last {@link #find()} swept the whole history (so a {@code null} answer means linearizable). */
    boolean sweptAll() {
        return sweptAll;
    }

    /**
     * @return the first unexplainable completion, or {@code null} if there is none (then
     *         {@link #sweptAll()}) or none was found within the limit
     */
    Found find() {
        sweptAll = false;
        List<long[]> events = new ArrayList<>();
        for (Call c : calls) {
            events.add(new long[] {c.callAt(), c.id(), 0});
            if (!c.indeterminate()) {
                events.add(new long[] {c.returnAt(), c.id(), 1});
            }
        }
        events.sort((a, b) -> Long.compare(a[0], b[0]));
        Set<Configuration> configurations = new HashSet<>();
        configurations.add(new Configuration(model.initialState(), new BitSet()));
        List<Call> underWay = new ArrayList<>();
        for (long[] event : events) {
            Call call = calls.get((int) event[1]);
            if (event[2] == 0) {
                underWay.add(call);
                continue;
            }
            Set<Object> statesMet = new LinkedHashSet<>();
            Set<Configuration> after = complete(call, configurations, underWay, statesMet);
            if (after == null) {
                return null;
            }
            if (after.isEmpty()) {
                return new Found(call, statesMet, List.copyOf(underWay));
            }
            underWay.remove(call);
            configurations = after;
        }
        sweptAll = true;
        return null;
    }

    /** Every configuration in which {@code call} has taken effect, or null past the limit. */
    private Set<Configuration> complete(Call call, Set<Configuration> before, List<Call> underWay, Set<Object> statesMet) {
        Set<Configuration> done = new HashSet<>();
        Set<Configuration> seen = new HashSet<>(before);
        Deque<Configuration> todo = new ArrayDeque<>(before);
        while (!todo.isEmpty()) {
            if (++explored > limit) {
                return null;
            }
            Configuration c = todo.pop();
            if (c.linearized().get(call.id())) {
                BitSet rest = (BitSet) c.linearized().clone();
                rest.clear(call.id());
                done.add(new Configuration(c.state(), rest));
                continue;
            }
            statesMet.add(c.state());
            for (Call other : underWay) {
                if (c.linearized().get(other.id())) {
                    continue;
                }
                Object next = model.step(c.state(), other.f(), other.value());
                if (next == Model.INCONSISTENT) {
                    continue;
                }
                BitSet linearized = (BitSet) c.linearized().clone();
                linearized.set(other.id());
                Configuration d = new Configuration(next, linearized);
                if (seen.add(d)) {
                    todo.push(d);
                }
            }
        }
        return done;
    }

    private record Configuration(Object state, BitSet linearized) {
    }
}
