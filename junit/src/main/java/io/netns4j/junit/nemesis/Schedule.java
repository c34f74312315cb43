package io.netns4j.junit.nemesis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Nemesis} mixes faults on its own: every {@link #every()} it picks one of
 * {@link #faults()} at random (from the nemesis's seed), puts it in place for {@link #lasting()},
 * takes it off, and waits for the next turn. Jepsen's {@code nemesis-package} with
 * {@code :interval}; from the command line, a loop of {@code netns4j lab partition LAB halves},
 * {@code sleep}, {@code netns4j lab heal LAB}.
 * <pre>{@code
 * Nemesis chaos = Nemesis.on(lab, 42).recordingTo(history)
 *         .start(Schedule.of(Faults.randomHalves(), Faults.pauseRandomService())
 *                 .withEvery(Duration.ofSeconds(1)).withLasting(Duration.ofMillis(500)));
 * }</pre>
 * An immutable value: each {@code withX} returns a checked copy. That a fault lasts no longer
 * than the time between two is checked by {@link Nemesis#start(Schedule)}, so the withers can
 * come in any order.
 *
 * @param every   the time from one fault's start to the next one's; positive
 * @param lasting how long each fault stays in place; positive (and, to start, at most {@code every})
 * @param faults  the faults to pick from, one at random each turn; not empty
 */
public record Schedule(Duration every, Duration lasting, List<Fault> faults) {
    /** The time between fault starts when none is given: 1 s. */
    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(1);
    /** How long a fault lasts when nothing else is given: 500 ms. */
    public static final Duration DEFAULT_LASTING = Duration.ofMillis(500);

    /**
     * Checks the parts and copies the faults.
     *
     * @throws IllegalArgumentException when a time is not positive or no fault is given
     */
    public Schedule {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(lasting, "lasting");
        faults = List.copyOf(faults);
        if (every.isNegative() || every.isZero() || lasting.isNegative() || lasting.isZero()) {
            throw new IllegalArgumentException("a schedule's times must be positive: every " + every + ", lasting " + lasting);
        }
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one fault");
        }
    }

    /**
     * A schedule over {@code faults}, one starting every second and lasting 500 ms.
     *
     * @param faults the faults to pick from ({@link Faults}); at least one
     * @return the schedule
     */
    public static Schedule of(Fault... faults) {
        return new Schedule(DEFAULT_EVERY, DEFAULT_LASTING, List.of(faults));
    }

    /**
     * This schedule with another time between fault starts.
     *
     * @param value the time from one fault's start to the next one's; positive
     * @return a checked copy; this schedule is unchanged
     */
    public Schedule withEvery(Duration value) {
        return new Schedule(value, lasting, faults);
    }

    /**
     * This schedule with faults lasting another time.
     *
     * @param value how long each fault stays in place; positive
     * @return a checked copy; this schedule is unchanged
     */
    public Schedule withLasting(Duration value) {
        return new Schedule(every, value, faults);
    }
}
