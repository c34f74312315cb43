package io.netns4j.junit.nemesis;

import io.netns4j.error.NetnsException;
import io.netns4j.junit.history.History;
import io.netns4j.lab.RunningLab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Puts faults on a running lab and takes them off, logging what it did and when (and into a
 * {@link History}, as Jepsen's nemesis process does, so fault windows sit beside the clients'
 * operations). By hand:
 * <pre>{@code
 * try (Nemesis nemesis = Nemesis.on(lab).recordingTo(history)) {
 *     nemesis.apply(Faults.isolateRandomNode(), Duration.ofSeconds(2));   // reverted after 2 s
 *     var pause = nemesis.apply(Faults.pause("n2/etcd"));                 // until reverted
 *     nemesis.revert(pause);
 * }
 * }</pre>
 * or on a seeded schedule that mixes faults ({@link #start(Schedule)}): the same seed makes the
 * same choices in the same order. Closing it stops the schedule and reverts every fault in place.
 */
public final class Nemesis implements AutoCloseable {
    private final RunningLab lab;
    private final SplittableRandom random;
    private final List<Event> log = new ArrayList<>();
    private final List<Active> active = new ArrayList<>();
    private History history;
    private Thread schedule;
    private volatile boolean stopping;

    private Nemesis(RunningLab lab, long seed) {
        this.lab = lab;
        this.random = new SplittableRandom(seed);
    }

    /**
     * A nemesis for {@code lab} whose random choices come from seed 0.
     *
     * @param lab the running lab to put faults on
     * @return a nemesis with nothing in place yet
     */
    public static Nemesis on(RunningLab lab) {
        return new Nemesis(lab, 0);
    }

    /**
     * A nemesis for {@code lab} whose random choices (which node, which half) come from {@code seed}:
     * the same seed makes the same choices in the same order.
     *
     * @param lab  the running lab to put faults on
     * @param seed the seed of its random choices
     * @return a nemesis with nothing in place yet
     */
    public static Nemesis on(RunningLab lab, long seed) {
        return new Nemesis(lab, seed);
    }

    /**
     * Records every fault window into {@code h}, as a {@code :nemesis} {@code start-KIND} /
     * {@code stop-KIND} pair beside the clients' operations.
     *
     * @param h the history the clients record into
     * @return this nemesis
     */
    public Nemesis recordingTo(History h) {
        this.history = h;
        return this;
    }

    /**
     * One entry of the log: when, what ({@code apply} or {@code revert}), the fault's kind and what
     * was done, and the failure if the lab refused it.
     *
     * @param at          when it was done
     * @param action      {@code apply} or {@code revert}
     * @param kind        the fault's {@link Fault#kind()}: {@code partition}, {@code kill}, ...
     * @param description what was done, e.g. {@code partition n1 / n2,n3}
     * @param failure     the lab's refusal, or empty when it was done
     */
    public record Event(Instant at, String action, String kind, String description, Optional<String> failure) {
    }

    /** A fault the nemesis put in place and has not taken off yet. */
    public final class Active {
        private final Fault fault;
        private final Fault.Applied applied;
        private final History.FaultWindow window;

        private Active(Fault fault, Fault.Applied applied, History.FaultWindow window) {
            this.fault = fault;
            this.applied = applied;
            this.window = window;
        }

        /** {@return what was done, e.g. {@code kill -9 n2/etcd}} */
        public String description() {
            return applied.description();
        }
    }

    /**
     * Puts {@code fault} in place until {@link #revert} (or {@link #close}).
     *
     * @param fault the fault, from {@link Faults}
     * @return the fault in place, to give to {@link #revert}
     * @throws NetnsException the lab refused it (logged too)
     */
    public synchronized Active apply(Fault fault) throws NetnsException {
        Fault.Applied a;
        try {
            a = fault.apply(lab, random);
        } catch (NetnsException | RuntimeException e) {
            log.add(new Event(Instant.now(), "apply", fault.kind(), fault.toString(), Optional.of(e.getMessage())));
            throw e;
        }
        log.add(new Event(Instant.now(), "apply", fault.kind(), a.description(), Optional.empty()));
        Active x = new Active(fault, a, history == null ? null : history.fault(fault.kind(), a.description()));
        active.add(x);
        return x;
    }

    /**
     * Puts {@code fault} in place for {@code duration}, then takes it off; returns once it is off
     * (or sooner, when the nemesis is closed meanwhile).
     *
     * @param fault    the fault, from {@link Faults}
     * @param duration how long it stays in place
     * @throws NetnsException the lab refused to put it in place or to take it off (logged too)
     */
    public void apply(Fault fault, Duration duration) throws NetnsException {
        Active a = apply(fault);
        try {
            sleep(duration);
        } finally {
            revert(a);
        }
    }

    /**
     * Takes {@code a} off (once; a second call does nothing): heals the partition, puts the declared
     * impairment back, resumes or starts the service.
     *
     * @param a a fault this nemesis put in place
     * @throws NetnsException the lab refused the undo (logged too; the fault counts as off)
     */
    public synchronized void revert(Active a) throws NetnsException {
        if (!active.remove(a)) {
            return;
        }
        try {
            a.applied.revert();
            log.add(new Event(Instant.now(), "revert", a.fault.kind(), a.applied.description(), Optional.empty()));
        } catch (NetnsException | RuntimeException e) {
            log.add(new Event(Instant.now(), "revert", a.fault.kind(), a.applied.description(),
                    Optional.of(e.getMessage())));
            throw e;
        } finally {
            if (a.window != null) {
                a.window.close();
            }
        }
    }

    /** {@return what it did so far, in order} */
    public synchronized List<Event> log() {
        return List.copyOf(log);
    }

    /** {@return the log as lines, one per event: {@code 2026-...Z apply partition n1 <-/-> n2}} */
    public synchronized String logText() {
        StringBuilder sb = new StringBuilder();
        for (Event e : log) {
            sb.append(e.at()).append(' ').append(e.action()).append(' ').append(e.description())
                    .append(e.failure().map(f -> " FAILED: " + f).orElse("")).append('\n');
        }
        return sb.toString();
    }

    /**
     * Starts {@code schedule} on a thread of its own: each turn it applies one of the schedule's
     * faults, picked with this nemesis's seed, for {@link Schedule#lasting()}. {@link #close} stops
     * it and reverts what is in place. A fault the lab refuses is logged and the schedule goes on.
     *
     * @param schedule how often, how long, which faults
     * @return this nemesis, running the schedule
     * @throws IllegalArgumentException when the schedule's faults would last longer than the time between two
     * @throws IllegalStateException    when a schedule runs already, or the nemesis is closed
     */
    public synchronized Nemesis start(Schedule schedule) {
        if (schedule.lasting().compareTo(schedule.every()) > 0) {
            throw new IllegalArgumentException("a fault cannot last (" + schedule.lasting() + ") longer than the time"
                    + " between two faults (every " + schedule.every() + ")");
        }
        if (this.schedule != null || stopping) {
            throw new IllegalStateException(stopping ? "the nemesis is closed" : "a schedule runs already");
        }
        this.schedule = Thread.ofPlatform().daemon().name("netns4j-nemesis")
                .start(() -> loop(schedule.every(), schedule.lasting(), schedule.faults()));
        return this;
    }

    private void loop(Duration every, Duration lasting, List<Fault> faults) {
        while (!stopping) {
            long start = System.nanoTime();
            Fault f;
            synchronized (this) {
                f = faults.get(random.nextInt(faults.size()));
            }
            try {
                apply(f, lasting);
            } catch (NetnsException | RuntimeException e) {
                // logged by apply or revert; the schedule goes on
            }
            long rest = every.toNanos() - (System.nanoTime() - start);
            if (rest > 0 && !stopping) {
                LockSupport.parkNanos(rest);
            }
        }
    }

    private void sleep(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (!stopping && System.nanoTime() < end) {
            LockSupport.parkNanos(Math.min(10_000_000, end - System.nanoTime()));
        }
    }

    /** Stops the schedule and takes every fault off; the first failure is thrown after all were tried. */
    @Override
    public void close() throws NetnsException {
        stopping = true;
        if (schedule != null) {
            LockSupport.unpark(schedule);
            try {
                schedule.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Active> all;
        synchronized (this) {
            all = new ArrayList<>(active);
        }
        NetnsException first = null;
        for (Active a : all.reversed()) {
            try {
                revert(a);
            } catch (NetnsException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
