package io.netns4j.junit.check;

import io.netns4j.junit.history.Op;
import io.netns4j.junit.history.OpType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Linearizability by the definition, for small unkeyed histories: try every order of the
 * operations that respects real time (a completed operation precedes every operation invoked
 * after it completed), where {@code ok} operations must all appear, {@code info} and never
 * completed ones may appear or not, and {@code fail}ed ones never do. Exponential: a test
 * oracle for histories of a dozen operations, written apart from the checker's own pairing.
 */
final class ExhaustiveChecker {
    private record Operation(String f, Object value, long invokedAt, long completedAt, boolean required) {
    }

    private final Model model;
    private final List<Operation> operations = new ArrayList<>();

    private ExhaustiveChecker(Model model, List<Op> history) {
        this.model = model;
        Map<Long, Op> open = new HashMap<>();
        for (Op op : history) {
            if (op.isNemesis()) {
                continue;
            }
            if (op.type() == OpType.INVOKE) {
                open.put(op.process(), op);
                continue;
            }
            Op invoke = open.remove(op.process());
            switch (op.type()) {
                case OK -> operations.add(new Operation(op.f(), op.value(), invoke.index(), op.index(), true));
                case INFO -> operations.add(new Operation(op.f(), invoke.value(), invoke.index(), Long.MAX_VALUE, false));
                default -> { } // a failed operation never happened
            }
        }
        for (Op invoke : open.values()) {
            operations.add(new Operation(invoke.f(), invoke.value(), invoke.index(), Long.MAX_VALUE, false));
        }
    }

    static boolean linearizable(List<Op> history, Model model) {
        ExhaustiveChecker c = new ExhaustiveChecker(model, history);
        return c.search(new boolean[c.operations.size()], model.initialState());
    }

    private boolean search(boolean[] done, Object state) {
        boolean allRequiredDone = true;
        for (int i = 0; i < done.length; i++) {
            allRequiredDone &= done[i] || !operations.get(i).required();
        }
        if (allRequiredDone) {
            return true;
        }
        for (int i = 0; i < done.length; i++) {
            if (done[i] || !mayComeNext(i, done)) {
                continue;
            }
            Operation o = operations.get(i);
            Object next = model.step(state, o.f(), o.value());
            if (next == Model.INCONSISTENT) {
                continue;
            }
            done[i] = true;
            boolean found = search(done, next);
            done[i] = false;
            if (found) {
                return true;
            }
        }
        return false;
    }

    /** No operation not yet placed completed before {@code i} was invoked. */
    private boolean mayComeNext(int i, boolean[] done) {
        long invokedAt = operations.get(i).invokedAt();
        for (int j = 0; j < done.length; j++) {
            if (!done[j] && j != i && operations.get(j).completedAt() < invokedAt) {
                return false;
            }
        }
        return true;
    }
}
