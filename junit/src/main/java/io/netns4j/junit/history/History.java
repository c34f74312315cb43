package io.netns4j.junit.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A thread-safe recorder of the operations clients perform, as a Jepsen history
 * ({@code jepsen.history}): each client {@link #invoke invokes} an operation and completes it
 * with {@link Invocation#ok()}, {@link Invocation#fail()} or {@link Invocation#info()}.
 *
 * <pre>{@code
 * var h = History.create();
 * var op = h.invoke(client, "write", 3);
 * ... op.ok();                      // or op.fail(), or op.info() on a time-out
 * var read = h.invoke(client, "read", null);
 * ... read.ok(value);
 * try (var p = h.fault("partition", "n1 / n2,n3")) { ... }   // start-partition ... stop-partition
 * }</pre>
 *
 * <p>Processes: a client's first operations run as process {@code client}. A process whose
 * operation completed {@code info} is crashed, as in Jepsen (its operation may still take
 * effect at any later time), so the client's next operation gets a fresh process number,
 * above every number used so far. Times are nanoseconds since {@link #create()}, taken under
 * the same lock that assigns the index, so time never decreases along the history.
 */
public final class History {
    private final Object lock = new Object();
    private final LongSupplier clock;
    private final long start;
    private final List<Op> ops = new ArrayList<>();
    private final Map<Integer, Long> processOfClient = new HashMap<>();
    private final Set<Long> usedProcesses = new HashSet<>();
    private final Set<Long> openProcesses = new HashSet<>();
    private long highestNumber = -1;

    private History(LongSupplier clock) {
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** {@return an empty history whose clock ({@link System#nanoTime()}) starts now} */
    public static History create() {
        return new History(System::nanoTime);
    }

    /**
     * An empty history on another clock, so that a test can control the times it records.
     *
     * @param nanoClock the clock to read (a test's fake clock)
     * @return an empty history timed by {@code nanoClock}, starting at its current reading
     */
    public static History create(LongSupplier nanoClock) {
        return new History(Objects.requireNonNull(nanoClock, "nanoClock"));
    }

    /**
     * Records that {@code client} begins an operation (Jepsen's {@code :invoke}).
     *
     * @param client the client, from 0; one operation at a time per client
     * @param f      the function: {@code read}, {@code write}, {@code cas} or any keyword name
     * @param value  the argument ({@code null} for a read; {@code [expected, new]} for a cas)
     * @return the invocation, to complete once
     * @throws IllegalStateException if the client has an operation under way
     */
    public Invocation invoke(int client, String f, Object value) {
        return invoke(client, null, f, value);
    }

    /**
     * Records that {@code client} begins an operation on one of several independent keys
     * (Jepsen's {@code independent} checker; the linearizability checker checks each key alone).
     *
     * @param client the client, from 0
     * @param key    the key, or {@code null}
     * @param f      the function
     * @param value  the argument
     * @return the invocation, to complete once
     * @throws IllegalStateException if the client has an operation under way
     */
    public Invocation invoke(int client, Object key, String f, Object value) {
        if (client < 0) {
            throw new IllegalArgumentException("client must be >= 0, not " + client);
        }
        synchronized (lock) {
            long process = processOfClient.computeIfAbsent(client, this::firstProcessOf);
            if (!openProcesses.add(process)) {
                throw new IllegalStateException("client " + client + " (process " + process
                        + ") already has an operation under way; complete it first");
            }
            Op invoke = append(OpType.INVOKE, process, f, value, key);
            return new Invocation(client, invoke);
        }
    }

    /**
     * Records a nemesis operation beginning (Jepsen records these as {@code :info} with
     * {@code :process :nemesis}).
     *
     * @param f     what the nemesis does: {@code start-partition}, {@code stop-partition}, {@code kill}...
     * @param value what it is given, e.g. the partition's description
     * @return the call, whose completion may be recorded with {@link NemesisCall#completed}
     */
    public NemesisCall nemesis(String f, Object value) {
        synchronized (lock) {
            return new NemesisCall(append(OpType.INFO, Op.NEMESIS, f, value, null));
        }
    }

    /**
     * Records a fault window: {@code start-NAME} now (begun and completed), {@code stop-NAME}
     * when the window is closed, as Jepsen's partition nemesis records its
     * {@code :start-partition} and {@code :stop-partition}.
     *
     * @param name        the fault: {@code partition}, {@code pause}, {@code impairment}...
     * @param description what the fault is, e.g. {@code "n1 / n2,n3"}
     * @return the window; closing it records the stop
     */
    public FaultWindow fault(String name, Object description) {
        nemesis("start-" + name, description).completed(description);
        return new FaultWindow(name, description);
    }

    /** {@return a snapshot of the history so far, in index order} */
    public List<Op> ops() {
        synchronized (lock) {
            return List.copyOf(ops);
        }
    }

    /** {@return the number of entries so far} */
    public int size() {
        synchronized (lock) {
            return ops.size();
        }
    }

    private long firstProcessOf(int client) {
        long process = usedProcesses.contains((long) client) ? highestNumber + 1 : client;
        use(process);
        return process;
    }

    private void use(long process) {
        usedProcesses.add(process);
        highestNumber = Math.max(highestNumber, process);
    }

    private Op append(OpType type, long process, String f, Object value, Object key) {
        long time = Math.max(0, clock.getAsLong() - start);
        if (!ops.isEmpty()) {
            time = Math.max(time, ops.getLast().time());
        }
        Op op = new Op(ops.size(), type, process, f, value, time, key);
        ops.add(op);
        return op;
    }

    /** A client's operation under way: complete it exactly once. */
    public final class Invocation {
        private final int client;
        private final Op invoke;
        private boolean completed;

        private Invocation(int client, Op invoke) {
            this.client = client;
            this.invoke = invoke;
        }

        /** {@return the recorded {@code :invoke} entry} */
        public Op invocation() {
            return invoke;
        }

        /** {@return the {@code :ok} entry, with the invocation's value (a write, a cas)} */
        public Op ok() {
            return complete(OpType.OK, invoke.value());
        }

        /**
         * The operation took effect: records {@code :ok} with what it returned.
         *
         * @param result what the operation returned (a read's value)
         * @return the {@code :ok} entry
         */
        public Op ok(Object result) {
            return complete(OpType.OK, result);
        }

        /** {@return the {@code :fail} entry: the operation certainly did not take effect} */
        public Op fail() {
            return complete(OpType.FAIL, invoke.value());
        }

        /**
         * The outcome is unknown (a time-out, a lost connection): records {@code :info}, and
         * the client's next operation runs as a fresh process.
         *
         * @return the {@code :info} entry
         */
        public Op info() {
            return complete(OpType.INFO, invoke.value());
        }

        private Op complete(OpType type, Object value) {
            synchronized (lock) {
                if (completed) {
                    throw new IllegalStateException("operation " + invoke + " is already completed");
                }
                completed = true;
                openProcesses.remove(invoke.process());
                Op done = append(type, invoke.process(), invoke.f(), value, invoke.key());
                if (type == OpType.INFO) {
                    long fresh = highestNumber + 1;
                    use(fresh);
                    processOfClient.put(client, fresh);
                }
                return done;
            }
        }
    }

    /** A nemesis operation begun with {@link #nemesis}. */
    public final class NemesisCall {
        private final Op start;

        private NemesisCall(Op start) {
            this.start = start;
        }

        /** {@return the recorded start} */
        public Op start() {
            return start;
        }

        /**
         * The nemesis operation ended: records its {@code :info} completion.
         *
         * @param result what the nemesis did (Jepsen puts the outcome in the completion's value)
         * @return the recorded {@code :info} completion
         */
        public Op completed(Object result) {
            synchronized (lock) {
                return append(OpType.INFO, Op.NEMESIS, start.f(), result, null);
            }
        }
    }

    /** A fault in place, from {@link #fault}; closing it records {@code stop-NAME}. */
    public final class FaultWindow implements AutoCloseable {
        private final String name;
        private final Object description;
        private boolean closed;

        private FaultWindow(String name, Object description) {
            this.name = name;
            this.description = description;
        }

        /** Records {@code stop-NAME} (once; later calls do nothing). */
        @Override
        public void close() {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            nemesis("stop-" + name, description).completed(description);
        }
    }
}
