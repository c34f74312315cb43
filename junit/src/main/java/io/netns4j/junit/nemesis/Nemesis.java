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
 * or on a seeded schedule that mixes faults ({@link #random}): the same seed makes the same
 * choices in the same order. Closing it stops the schedule and reverts every fault in place.
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

    /** A nemesis for {@code lab} whose random choices come from seed 0. */
    public static Nemesis on(RunningLab lab) {
        return new Nemesis(lab, 0);
    }

    /** A nemesis for {@code lab} whose random choices come from {@code seed}. */
    public static Nemesis on(RunningLab lab, long seed) {
        return new Nemesis(lab, seed);
    }

    /** Records every fault window into {@code h} ({@code :nemesis} {@code start-KIND}/{@code stop-KIND}). */
    public Nemesis recordingTo(History h) {
        this.history = h;
        return this;
    }

    /**
     * One entry of the log: when, what ({@code apply} or {@code revert}), the fault's kind and what
     * was done, and the failure if the lab refused it.
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

        /** What was done. */
        public String description() {
            return applied.description();
        }
    }

    /**
     * Puts {@code fault} in place until {@link #revert} (or {@link #close}).
     *
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

    /** Puts {@code fault} in place for {@code duration}, then takes it off; returns once it is off. */
    public void apply(Fault fault, Duration duration) throws NetnsException {
        Active a = apply(fault);
        try {
            sleep(duration);
        } finally {
            revert(a);
        }
    }

    /** Takes {@code a} off (once; a second call does nothing). */
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

    /** What it did so far, in order. */
    public synchronized List<Event> log() {
        return List.copyOf(log);
    }

    /** The log as lines, one per event: {@code 2026-...Z apply partition n1 <-/-> n2}. */
    public synchronized String logText() {
        StringBuilder sb = new StringBuilder();
        for (Event e : log) {
            sb.append(e.at()).append(' ').append(e.action()).append(' ').append(e.description())
                    .append(e.failure().map(f -> " FAILED: " + f).orElse("")).append('\n');
        }
        return sb.toString();
    }

    /**
     * A seeded schedule on {@code lab}: {@code Nemesis.random(lab, 42).every(Duration.ofSeconds(1))
     * .lasting(Duration.ofMillis(500)).using(Faults.randomHalves(), Faults.killRandomService()).start()}.
     */
    public static Schedule random(RunningLab lab, long seed) {
        return new Schedule(new Nemesis(lab, seed));
    }

    /** A schedule being set up: how often, how long each fault lasts, which faults. */
    public static final class Schedule {
        private final Nemesis nemesis;
        private Duration every = Duration.ofSeconds(1);
        private Duration lasting = Duration.ofMillis(500);
        private List<Fault> faults = List.of(Faults.randomHalves());

        private Schedule(Nemesis nemesis) {
            this.nemesis = nemesis;
        }

        /** The time from one fault's start to the next one's (default 1 s). */
        public Schedule every(Duration value) {
            every = value;
            return this;
        }

        /** How long each fault stays (default 500 ms); at most {@link #every}. */
        public Schedule lasting(Duration value) {
            lasting = value;
            return this;
        }

        /** The faults to pick from, each time one at random (default: random halves). */
        public Schedule using(Fault... value) {
            faults = List.of(value);
            return this;
        }

        /** Records into {@code h}. */
        public Schedule recordingTo(History h) {
            nemesis.recordingTo(h);
            return this;
        }

        /** Starts it on a thread of its own; {@link Nemesis#close} stops it and reverts what is in place. */
        public Nemesis start() {
            if (lasting.compareTo(every) > 0 || faults.isEmpty()) {
                throw new IllegalArgumentException("a schedule needs faults, and lasting (" + lasting + ") at most every ("
                        + every + ")");
            }
            nemesis.schedule = Thread.ofPlatform().daemon().name("netns4j-nemesis").start(() -> nemesis.loop(every,
                    lasting, faults));
            return nemesis;
        }
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
