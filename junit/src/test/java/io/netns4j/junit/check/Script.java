package io.netns4j.junit.check;

import io.netns4j.junit.history.History;
import io.netns4j.junit.history.Op;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A history written step by step in a test, with a clock that moves 1 ms per entry:
 * {@code new Script().invoke(0, "write", 1).invoke(1, "read").ok(0).ok(1, 1).ops()}.
 */
final class Script {
    private final AtomicLong clock = new AtomicLong();
    private final History history = History.create(() -> clock.getAndAdd(1_000_000));
    private final Map<Integer, History.Invocation> underWay = new HashMap<>();

    Script invoke(int client, String f, Object value) {
        return invokeKey(client, null, f, value);
    }

    Script invoke(int client, String f) {
        return invoke(client, f, null);
    }

    Script invokeKey(int client, Object key, String f, Object value) {
        underWay.put(client, history.invoke(client, key, f, value));
        return this;
    }

    /** Completes the client's operation {@code ok} with the invocation's value (a write, a cas). */
    Script ok(int client) {
        underWay.remove(client).ok();
        return this;
    }

    /** Completes the client's operation {@code ok} with a result (a read's value). */
    Script ok(int client, Object result) {
        underWay.remove(client).ok(result);
        return this;
    }

    Script fail(int client) {
        underWay.remove(client).fail();
        return this;
    }

    Script info(int client) {
        underWay.remove(client).info();
        return this;
    }

    /** A whole operation with nothing else in between. */
    Script op(int client, String f, Object value, Object result) {
        return invoke(client, f, value).ok(client, result);
    }

    Script nemesis(String f, Object value) {
        history.nemesis(f, value).completed(value);
        return this;
    }

    List<Op> ops() {
        return history.ops();
    }

    History history() {
        return history;
    }
}
