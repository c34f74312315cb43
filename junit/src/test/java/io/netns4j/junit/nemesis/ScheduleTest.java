package io.netns4j.junit.nemesis;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Schedule} is a value: withers copy and check, the order of withers does not matter. */
class ScheduleTest {
    private static final Fault HALVES = Faults.randomHalves();

    @Test
    void defaultsAndWithersReturnCheckedCopies() {
        Schedule base = Schedule.of(HALVES);
        assertEquals(new Schedule(Duration.ofSeconds(1), Duration.ofMillis(500), List.of(HALVES)), base);
        Schedule fast = base.withEvery(Duration.ofMillis(150)).withLasting(Duration.ofMillis(50));
        assertEquals(Duration.ofMillis(150), fast.every());
        assertEquals(Duration.ofMillis(50), fast.lasting());
        assertEquals(Schedule.DEFAULT_EVERY, base.every(), "the receiver is unchanged");
        assertEquals(fast, base.withLasting(Duration.ofMillis(50)).withEvery(Duration.ofMillis(150)), "any order");
    }

    @Test
    void badPartsAreRefusedAtOnce() {
        assertTrue(assertThrows(IllegalArgumentException.class, Schedule::of).getMessage().contains("at least one fault"));
        assertThrows(IllegalArgumentException.class, () -> Schedule.of(HALVES).withEvery(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Schedule.of(HALVES).withLasting(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> Schedule.of(HALVES).withEvery(null));
    }
}
