package io.netns4j.junit.check;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Wing and Gong's linearizability search with Lowe's memoization (Lowe, "Testing for
 * linearizability", 2017; Porcupine's {@code checkSingle}, knossos' {@code wgl}).
 *
 * <p>The calls' invocations and completions sit in one doubly linked list in history order.
 * Walking it from the head, the search tries to linearize each call it meets: if the model
 * accepts the call in the current state, and the pair (set of linearized calls, new state)
 * has not been seen before, the call is lifted out of the list (its invocation and its
 * completion) and pushed on a stack, and the walk restarts at the head. Meeting a completion
 * means its call had to be linearized already: the search backtracks, putting the top of the
 * stack back and trying the entry after it. The history is linearizable once every
 * determinate call is linearized; it is not when a completion is met with an empty stack.
 * Indeterminate calls complete at infinity: they may be linearized anywhere after their
 * invocation, or never.
 *
 * <p>The memo makes each (set, state) pair explored once, so the work is bounded by the
 * number of reachable configurations, in practice about n times a small factor for a
 * linearizable history with a few concurrent clients (exponential only in the concurrency).
 * The set is a bit set with a Zobrist hash kept up to date in O(1) per step.
 */
final class WglSearch {
    /** The memo's size limit: beyond it, the answer is unknown (Jepsen's {@code :unknown}). */
    private final long maxConfigurations;
    private final Model model;
    private final List<Call> calls;
    private long configurations;

    WglSearch(Model model, List<Call> calls, long maxConfigurations) {
        this.model = model;
        this.calls = calls;
        this.maxConfigurations = maxConfigurations;
    }

    /** The verdict of one search. */
    enum Outcome { LINEARIZABLE, NOT_LINEARIZABLE, UNKNOWN }

    /** {@return the number of configurations memoized by the last {@link #run()}} */
    long configurations() {
        return configurations;
    }

    Outcome run() {
        int n = calls.size();
        if (n == 0) {
            return Outcome.LINEARIZABLE;
        }
        int head = 2 * n;
        int[] next = new int[2 * n + 1];
        int[] prev = new int[2 * n + 1];
        linkInHistoryOrder(n, head, next, prev);
        long[] zobrist = new long[n];
        SplittableRandom random = new SplittableRandom(0x5eed);
        for (int i = 0; i < n; i++) {
            zobrist[i] = random.nextLong();
        }
        int remaining = 0;
        for (Call c : calls) {
            remaining += c.indeterminate() ? 0 : 1;
        }
        long[] linearized = new long[(n + 63) >>> 6];
        long setHash = 0;
        Object state = model.initialState();
        Set<Configuration> memo = new HashSet<>();
        int[] stackCall = new int[n];
        Object[] stackState = new Object[n];
        int top = 0;
        int entry = next[head];
        while (remaining > 0) {
            if (entry >= 0 && (entry & 1) == 0) {
                int id = entry >>> 1;
                Call call = calls.get(id);
                Object after = model.step(state, call.f(), call.value());
                if (after != Model.INCONSISTENT) {
                    linearized[id >>> 6] |= 1L << id;
                    long hash = setHash ^ zobrist[id];
                    if (memo.add(new Configuration(linearized.clone(), after, hash))) {
                        if (memo.size() > maxConfigurations) {
                            configurations = memo.size();
                            return Outcome.UNKNOWN;
                        }
                        stackCall[top] = id;
                        stackState[top++] = state;
                        state = after;
                        setHash = hash;
                        lift(entry, next, prev);
                        remaining -= call.indeterminate() ? 0 : 1;
                        entry = next[head];
                        continue;
                    }
                    linearized[id >>> 6] &= ~(1L << id);
                }
                entry = next[entry];
            } else {
                // a completion (or, defensively, the list's end): its call should have been linearized
                if (top == 0) {
                    configurations = memo.size();
                    return Outcome.NOT_LINEARIZABLE;
                }
                int id = stackCall[--top];
                state = stackState[top];
                stackState[top] = null;
                linearized[id >>> 6] &= ~(1L << id);
                setHash ^= zobrist[id];
                unlift(2 * id, next, prev);
                remaining += calls.get(id).indeterminate() ? 0 : 1;
                entry = next[2 * id];
            }
        }
        configurations = memo.size();
        return Outcome.LINEARIZABLE;
    }

    /** Entry 2i is call i's invocation, 2i+1 its completion; ordered by history position. */
    private void linkInHistoryOrder(int n, int head, int[] next, int[] prev) {
        long[] keyed = new long[2 * n];
        Integer[] order = new Integer[2 * n];
        for (int i = 0; i < n; i++) {
            order[2 * i] = 2 * i;
            order[2 * i + 1] = 2 * i + 1;
        }
        for (int i = 0; i < n; i++) {
            keyed[2 * i] = calls.get(i).callAt();
            keyed[2 * i + 1] = calls.get(i).returnAt();
        }
        Arrays.sort(order, (a, b) -> {
            int byPosition = Long.compare(keyed[a], keyed[b]);
            return byPosition != 0 ? byPosition : Integer.compare(a, b);
        });
        int last = head;
        for (int e : order) {
            next[last] = e;
            prev[e] = last;
            last = e;
        }
        next[last] = -1;
        prev[head] = -1;
    }

    private static void lift(int invocation, int[] next, int[] prev) {
        remove(invocation, next, prev);
        remove(invocation + 1, next, prev);
    }

    private static void unlift(int invocation, int[] next, int[] prev) {
        restore(invocation + 1, next, prev);
        restore(invocation, next, prev);
    }

    private static void remove(int e, int[] next, int[] prev) {
        next[prev[e]] = next[e];
        if (next[e] >= 0) {
            prev[next[e]] = prev[e];
        }
    }

    private static void restore(int e, int[] next, int[] prev) {
        next[prev[e]] = e;
        if (next[e] >= 0) {
            prev[next[e]] = e;
        }
    }

    /** A memo entry: which calls are linearized, and the state they leave. */
    private static final class Configuration {
        private final long[] linearized;
        private final Object state;
        private final int hash;

        Configuration(long[] linearized, Object state, long setHash) {
            this.linearized = linearized;
            this.state = state;
            long h = setHash * 0x9E3779B97F4A7C15L + Objects.hashCode(state);
            this.hash = (int) (h ^ (h >>> 32));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Configuration c && c.hash == hash && Objects.equals(c.state, state)
                    && Arrays.equals(c.linearized, linearized);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
