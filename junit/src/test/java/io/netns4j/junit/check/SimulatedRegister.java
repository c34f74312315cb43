package io.netns4j.junit.check;

import io.netns4j.junit.history.History;
import io.netns4j.junit.history.Op;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Histories of a simulated atomic compare-and-set register: linearizable by construction. */
final class SimulatedRegister {
    private SimulatedRegister() {
    }

    /**
     * A real atomic register shared by {@code clients} threads of a simulation: each
     * operation takes effect at one instant between its invocation and its completion, so the
     * history is linearizable by construction; some operations end info or fail (and then
     * did, or did not, take effect, as the outcome allows).
     */
    static List<Op> history(SplittableRandom random, int clients, int operations) {
        AtomicLong clock = new AtomicLong();
        History h = History.create(clock::incrementAndGet);
        History.Invocation[] open = new History.Invocation[clients];
        boolean[] applied = new boolean[clients];
        Object[] result = new Object[clients];
        long register = 0;
        long nextValue = 1;
        int started = 0;
        int running = 0;
        while (started < operations || running > 0) {
            int c = random.nextInt(clients);
            if (open[c] == null) {
                if (started == operations) {
                    continue;
                }
                started++;
                running++;
                int kind = random.nextInt(3);
                String f = kind == 0 ? "read" : kind == 1 ? "write" : "cas";
                Object value = switch (f) {
                    case "write" -> nextValue++;
                    case "cas" -> List.of(random.nextInt(4) == 0 ? register : nextValue - 1 - random.nextInt(3), nextValue++);
                    default -> null;
                };
                open[c] = h.invoke(c, f, value);
                applied[c] = false;
            } else if (!applied[c] && random.nextBoolean()) {
                // the operation takes effect now
                History.Invocation inv = open[c];
                Object value = inv.invocation().value();
                switch (inv.invocation().f()) {
                    case "read" -> result[c] = register;
                    case "write" -> register = (Long) value;
                    default -> {
                        List<?> pair = (List<?>) value;
                        boolean success = pair.get(0).equals(register);
                        result[c] = success;
                        if (success) {
                            register = (Long) pair.get(1);
                        }
                    }
                }
                applied[c] = true;
            } else if (applied[c]) {
                History.Invocation inv = open[c];
                open[c] = null;
                running--;
                String f = inv.invocation().f();
                if (random.nextInt(20) == 0) {
                    inv.info(); // it took effect, but the client does not know
                } else if (f.equals("read")) {
                    inv.ok(result[c]);
                } else if (f.equals("cas") && !(Boolean) result[c]) {
                    inv.fail();
                } else {
                    inv.ok();
                }
            } else if (random.nextInt(30) == 0) {
                // times out before taking effect: info (it never will here), or fail when sure
                History.Invocation inv = open[c];
                open[c] = null;
                running--;
                if (random.nextBoolean()) {
                    inv.info();
                } else {
                    inv.fail();
                }
            }
        }
        return h.ops();
    }

    /**
     * @param history a history of {@link #history}
     * @return the history with a write of a fresh value and then a read of a value never
     *         written appended: not linearizable, and only at its very end
     */
    static List<Op> withStaleReadAtTheEnd(List<Op> history) {
        List<Op> ops = new java.util.ArrayList<>(history);
        long next = ops.size();
        long t = ops.getLast().time();
        ops.add(new Op(next, io.netns4j.junit.history.OpType.INVOKE, 100, "write", 12345L, t + 1, null));
        ops.add(new Op(next + 1, io.netns4j.junit.history.OpType.OK, 100, "write", 12345L, t + 2, null));
        ops.add(new Op(next + 2, io.netns4j.junit.history.OpType.INVOKE, 101, "read", null, t + 3, null));
        ops.add(new Op(next + 3, io.netns4j.junit.history.OpType.OK, 101, "read", -1L, t + 4, null));
        return ops;
    }
}
