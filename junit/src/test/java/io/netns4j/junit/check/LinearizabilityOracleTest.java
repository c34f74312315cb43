package io.netns4j.junit.check;

import io.netns4j.junit.history.History;
import io.netns4j.junit.history.Op;
import io.netns4j.junit.history.OpType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checker against the definition: thousands of small random histories (3 clients,
 * reads, writes and cas, with fail and info outcomes and operations never completed), each
 * decided by {@link ExhaustiveChecker} too; the verdicts must agree, and for every history
 * found not linearizable the reported prefix must be linearizable and the prefix that adds
 * the culprit's completion must not. Seeded: a failure prints the seed and the history.
 */
class LinearizabilityOracleTest {
    private static final int HISTORIES = 3000;

    @Test
    void randomHistoriesGetTheVerdictOfTheDefinition() {
        int notLinearizable = 0;
        for (int seed = 0; seed < HISTORIES; seed++) {
            Model model = seed % 2 == 0 ? Model.register(0L) : Model.casRegister(0L);
            List<Op> history = randomHistory(new SplittableRandom(seed), model, seed % 3 == 0);
            boolean expected = ExhaustiveChecker.linearizable(history, model);
            LinearizabilityResult r = Linearizability.check(history, model);
            String context = "seed " + seed + ", " + model.name() + ":\n" + io.netns4j.junit.history.EdnHistory.toEdn(history)
                    + r.report();
            assertEquals(expected ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE, r.verdict(), context);
            if (!expected) {
                notLinearizable++;
                checkPrefix(history, model, r.violation().orElseThrow(), context);
            }
        }
        // the generator must produce both kinds in numbers, or the comparison proves little
        assertTrue(notLinearizable > HISTORIES / 5 && notLinearizable < HISTORIES * 4 / 5,
                notLinearizable + " of " + HISTORIES + " were not linearizable");
    }

    @Test
    void historiesOfATrueAtomicRegisterAreLinearizable() {
        for (int i = 0; i < 300; i++) {
            int seed = i;
            List<Op> history = SimulatedRegister.history(new SplittableRandom(seed), 10, 400);
            LinearizabilityResult r = Linearizability.check(history, Model.casRegister(0L));
            assertTrue(r.linearizable(), () -> "seed " + seed + ": " + r.report());
        }
    }

    @Test
    void oneStaleReadInALongHistoryIsFound() {
        SplittableRandom random = new SplittableRandom(42);
        List<Op> history = SimulatedRegister.withStaleReadAtTheEnd(
                SimulatedRegister.history(random, 10, Integer.getInteger("stale.ops", 5000)));
        long next = history.size() - 4;
        LinearizabilityResult r = Linearizability.check(history, Model.casRegister(0L));
        assertEquals(Verdict.NOT_LINEARIZABLE, r.verdict(), r::report);
        Violation v = r.violation().orElseThrow();
        assertEquals(next + 3, v.completion().index());
        assertEquals(next + 3, v.linearizablePrefix());
        assertTrue(v.explanation().contains("a read of -1 needs the register to hold -1, but it could only hold 12345"),
                v.explanation());
    }

    private static void checkPrefix(List<Op> history, Model model, Violation v, String context) {
        int prefix = (int) v.linearizablePrefix();
        assertTrue(prefix >= 0 && prefix < history.size(), context);
        assertEquals(prefix, (int) v.completion().index(), context);
        assertTrue(ExhaustiveChecker.linearizable(knownPrefix(history, prefix), model),
                "the prefix must be linearizable: " + context);
        assertFalse(ExhaustiveChecker.linearizable(knownPrefix(history, prefix + 1), model),
                "the culprit's completion must break it: " + context);
    }

    /**
     * The first {@code length} entries, knowing what the whole history knows: an operation
     * that fails later never happened, so its invocation is left out (cut off, it would look
     * as if it might still take effect).
     */
    private static List<Op> knownPrefix(List<Op> history, int length) {
        java.util.Set<Long> failedLater = new java.util.HashSet<>();
        Map<Long, Long> invokedAt = new HashMap<>();
        for (Op op : history) {
            if (op.type() == OpType.INVOKE) {
                invokedAt.put(op.process(), op.index());
            } else if (op.type() == OpType.FAIL && op.index() >= length) {
                failedLater.add(invokedAt.get(op.process()));
            }
        }
        return history.subList(0, length).stream().filter(op -> !failedLater.contains(op.index())).toList();
    }

    /** 3 clients, 4-9 operations, results drawn at random (so often impossible), some fail/info/open. */
    private static List<Op> randomHistory(SplittableRandom random, Model model, boolean realistic) {
        AtomicLong clock = new AtomicLong();
        History h = History.create(clock::incrementAndGet);
        Map<Integer, History.Invocation> open = new HashMap<>();
        Map<Integer, String> function = new HashMap<>();
        int operations = 4 + random.nextInt(6);
        int started = 0;
        long[] state = {0};
        while (started < operations || !open.isEmpty()) {
            int client = random.nextInt(3);
            History.Invocation inv = open.get(client);
            if (inv == null) {
                if (started >= operations) {
                    continue;
                }
                started++;
                boolean cas = model.supports("cas") && random.nextInt(3) == 0;
                String f = cas ? "cas" : random.nextBoolean() ? "read" : "write";
                Object value = switch (f) {
                    case "write" -> (long) (1 + random.nextInt(3));
                    case "cas" -> List.of((long) random.nextInt(3), (long) (1 + random.nextInt(3)));
                    default -> null;
                };
                function.put(client, f);
                open.put(client, h.invoke(client, f, value));
                continue;
            }
            if (random.nextInt(12) == 0 && started >= operations) {
                open.remove(client); // never completes
                continue;
            }
            open.remove(client);
            int outcome = random.nextInt(10);
            if (outcome == 0) {
                inv.fail();
            } else if (outcome == 1) {
                inv.info();
            } else if (function.get(client).equals("read")) {
                // a realistic read returns the last value some write set, otherwise anything
                inv.ok(realistic ? state[0] : (long) random.nextInt(4));
            } else {
                if (function.get(client).equals("write")) {
                    state[0] = (Long) inv.invocation().value();
                }
                inv.ok();
            }
        }
        return h.ops();
    }
}
