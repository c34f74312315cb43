package io.netns4j.junit.check;

import io.netns4j.junit.history.Op;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settles indeterminate writes where the rest of the history decides them, for a model whose
 * last write decides its state ({@link Model#lastWriteDecides()}, a register). Each
 * indeterminate call may take effect or not, so each one left open doubles the orders the
 * search may have to try; in a history taken under partitions, where many writes time out,
 * that is what makes a checker give up. Two rules, both exact (they change no verdict):
 * <ul>
 *   <li>An indeterminate write or cas whose new value no other operation needs (no read
 *       returned it, no cas expected it) is dropped: had it taken effect, the next operation
 *       would have to be a write, so leaving it out changes nothing. Repeated until nothing
 *       more goes (a dropped cas needs its expected value no more).</li>
 *   <li>An indeterminate write that is the only operation setting its value (and the value is
 *       not the initial one), needed by some determinate operation, must have taken effect
 *       before the first of those completed: it becomes determinate, completing there.</li>
 * </ul>
 * LinearizabilityOracleTest checks both against an exhaustive search on thousands of histories.
 */
final class IndeterminateWrites {
    /** A call before it gets its id: {@code returnAt} is {@link Long#MAX_VALUE} while indeterminate. */
    record Candidate(Op invoke, Op completion, Object value, long callAt, long returnAt) {
        boolean indeterminate() {
            return returnAt == Long.MAX_VALUE;
        }
    }

    private IndeterminateWrites() {
    }

    /**
     * @param model the model ({@link Model#lastWriteDecides()} true)
     * @param calls one key's calls, in invocation order
     * @return the calls with unobserved indeterminate writes left out and observed ones given
     *         their deadline, in the same order
     */
    static List<Candidate> settle(Model model, List<Candidate> calls) {
        List<Candidate> kept = dropUnobserved(model, calls);
        Map<Object, Long> firstDeterminateNeed = new HashMap<>();
        Map<Object, Integer> writers = new HashMap<>();
        for (Candidate c : kept) {
            Object needs = needs(model, c);
            if (needs != NOTHING && !c.indeterminate()) {
                firstDeterminateNeed.merge(needs, c.returnAt(), Math::min);
            }
            Object sets = sets(model, c);
            if (sets != NOTHING) {
                writers.merge(sets, 1, Integer::sum);
            }
        }
        List<Candidate> settled = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            Object written = sets(model, c);
            Long deadline = written == NOTHING ? null : firstDeterminateNeed.get(written);
            if (c.indeterminate() && needs(model, c) == NOTHING && deadline != null && deadline > c.callAt()
                    && writers.get(written) == 1 && !Objects.equals(written, model.initialState())) {
                settled.add(new Candidate(c.invoke(), c.completion(), c.value(), c.callAt(), deadline));
            } else {
                settled.add(c);
            }
        }
        return settled;
    }

    /**
     * Leaves out, until none is left, every indeterminate call that sets a state no other
     * remaining call needs: leaving one out may leave its own need unneeded by anyone else.
     */
    private static List<Candidate> dropUnobserved(Model model, List<Candidate> calls) {
        Map<Object, Integer> needers = new HashMap<>();
        for (Candidate c : calls) {
            Object needs = needs(model, c);
            if (needs != NOTHING) {
                needers.merge(needs, 1, Integer::sum);
            }
        }
        boolean[] dropped = new boolean[calls.size()];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < calls.size(); i++) {
                Candidate c = calls.get(i);
                if (dropped[i] || !c.indeterminate()) {
                    continue;
                }
                Object sets = sets(model, c);
                Object needs = needs(model, c);
                int own = needs != NOTHING && Objects.equals(needs, sets) ? 1 : 0;
                if (sets != NOTHING && needers.getOrDefault(sets, 0) - own == 0) {
                    dropped[i] = true;
                    changed = true;
                    if (needs != NOTHING) {
                        needers.merge(needs, -1, Integer::sum);
                    }
                }
            }
        }
        List<Candidate> kept = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            if (!dropped[i]) {
                kept.add(calls.get(i));
            }
        }
        return kept;
    }

    /** Stands for "no state" where a state may be {@code null}. */
    private static final Object NOTHING = new Object();

    private static Object needs(Model model, Candidate c) {
        return model.requires(c.invoke().f(), c.value()).map(Values::state).orElse(NOTHING);
    }

    private static Object sets(Model model, Candidate c) {
        return model.writes(c.invoke().f(), c.value()).map(Values::state).orElse(NOTHING);
    }
}
