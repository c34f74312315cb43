package io.netns4j.junit.check;

import io.netns4j.junit.history.Op;
import io.netns4j.junit.history.OpType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs a history's invocations with their completions, per key, as knossos'
 * {@code history/complete} and {@code independent} do: nemesis entries are left out,
 * {@code fail}ed calls never happened and are dropped, {@code info} calls and calls never
 * completed are indeterminate, and an indeterminate read is dropped too (it constrains
 * nothing). For a model whose last write decides its state (a register), indeterminate
 * writes are settled first where the history decides them ({@link IndeterminateWrites}).
 */
final class Calls {
    private Calls() {
    }

    /** The calls of each key (the {@code null} key for unkeyed ops), keys in order of first appearance. */
    static Map<Object, List<Call>> byKey(List<Op> history, Model model) {
        Map<Object, List<Call>> byKey = new LinkedHashMap<>();
        Map<Long, Pending> pending = new HashMap<>();
        List<Paired> paired = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Op op = history.get(i);
            if (op.isNemesis()) {
                continue;
            }
            if (op.type() == OpType.INVOKE) {
                if (!model.supports(op.f())) {
                    throw new InvalidHistoryException("the " + model.name() + " model has no function '" + op.f()
                            + "' (index " + op.index() + ")");
                }
                Register.checkValue(model, op);
                Pending before = pending.putIfAbsent(op.process(), new Pending(op, i));
                if (before != null) {
                    throw new InvalidHistoryException("process " + op.processName() + " invokes " + op.f() + " (index "
                            + op.index() + ") while its " + before.invoke().f() + " (index " + before.invoke().index()
                            + ") is under way");
                }
                continue;
            }
            Pending started = pending.remove(op.process());
            if (started == null) {
                throw new InvalidHistoryException("the " + op.type().word() + " of " + op.f() + " by process "
                        + op.processName() + " (index " + op.index() + ") has no invocation");
            }
            if (!started.invoke().f().equals(op.f())) {
                throw new InvalidHistoryException("process " + op.processName() + " invoked " + started.invoke().f()
                        + " (index " + started.invoke().index() + ") but completed " + op.f() + " (index " + op.index() + ")");
            }
            if (op.type() == OpType.OK && op.f().equals("cas")) {
                Register.checkValue(model, op);
            }
            paired.add(new Paired(started.invoke(), started.at(), op, i));
        }
        for (Pending never : pending.values()) {
            paired.add(new Paired(never.invoke(), never.at(), null, Long.MAX_VALUE));
        }
        paired.sort((a, b) -> Long.compare(a.callAt(), b.callAt()));
        Map<Object, List<IndeterminateWrites.Candidate>> candidates = new LinkedHashMap<>();
        for (Paired p : paired) {
            OpType outcome = p.completion() == null ? OpType.INFO : p.completion().type();
            boolean indeterminate = outcome == OpType.INFO;
            if (outcome == OpType.FAIL || (indeterminate && p.invoke().f().equals("read"))) {
                continue;
            }
            Object value = outcome == OpType.OK ? p.completion().value() : p.invoke().value();
            candidates.computeIfAbsent(p.invoke().key(), k -> new ArrayList<>()).add(new IndeterminateWrites.Candidate(
                    p.invoke(), p.completion(), value, p.callAt(), indeterminate ? Long.MAX_VALUE : p.returnAt()));
        }
        for (Map.Entry<Object, List<IndeterminateWrites.Candidate>> key : candidates.entrySet()) {
            List<IndeterminateWrites.Candidate> settled = model.lastWriteDecides()
                    ? IndeterminateWrites.settle(model, key.getValue()) : key.getValue();
            List<Call> calls = new ArrayList<>(settled.size());
            for (IndeterminateWrites.Candidate c : settled) {
                calls.add(new Call(calls.size(), c.invoke(), c.completion(), c.value(), c.callAt(), c.returnAt()));
            }
            byKey.put(key.getKey(), calls);
        }
        return byKey;
    }

    private record Pending(Op invoke, long at) {
    }

    private record Paired(Op invoke, long callAt, Op completion, long returnAt) {
    }
}
