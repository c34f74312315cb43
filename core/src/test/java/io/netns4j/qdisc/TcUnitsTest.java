package io.netns4j.qdisc;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** tc's units read both ways (as tc reads them, and strictly as a lab topology does) and printed back. */
class TcUnitsTest {
    private static String error(Runnable parse) {
        return assertThrows(IllegalArgumentException.class, parse::run).getMessage();
    }

    @Test
    void asTcReadsThem() {
        assertEquals(1_250_000, TcUnits.rate("10mbit"));
        assertEquals(1_250_000, TcUnits.rate("10Mbit"));
        assertEquals(10_000_000, TcUnits.rate("10mbps"), "bps is bytes");
        assertEquals(128, TcUnits.rate("1kibit"));
        assertEquals(62, TcUnits.rate(".5kbit"), "fractions of a byte dropped");
        assertEquals(4096, TcUnits.size("32kbit"));
        assertEquals(1500, TcUnits.size("1500"));
        assertEquals(10240, TcUnits.size("10kb"));
        assertEquals(400_000, TcUnits.time("400ms"));
        assertEquals(50, TcUnits.time("50"), "a bare time is microseconds");
        assertEquals(2_000_000, TcUnits.time("2secs"));
        assertEquals(1.0, TcUnits.percent("1"));
        assertEquals(0.5, TcUnits.percent("0.5%"));
        assertEquals(0.0, TcUnits.percent("0%"));
    }

    @Test
    void tcMistakes() {
        assertEquals("\"10\" is not a rate: write it with a unit, e.g. 1mbit, 500kbit, 10mbps (bytes) or 1gibit",
                error(() -> TcUnits.rate("10")));
        assertEquals("\"0mbit\" does not start with a positive number", error(() -> TcUnits.rate("0mbit")));
        assertEquals("\"10 mbit\" is not a rate: write it with a unit, e.g. 1mbit, 500kbit, 10mbps (bytes) or 1gibit",
                error(() -> TcUnits.rate("10 mbit")));
        assertEquals("\"0ms\" does not start with a positive number", error(() -> TcUnits.time("0ms")));
        assertEquals("\"5parsecs\" is not a time: e.g. 400ms, 1s or 50us", error(() -> TcUnits.time("5parsecs")));
        assertEquals("\"4295s\" is too long: tc takes at most 4294967295us (about 71 minutes)",
                error(() -> TcUnits.time("4295s")));
        assertEquals("\"3gb\" is too large", error(() -> TcUnits.size("3gb")));
        assertEquals("\"1x\" is not a size: e.g. 32kbit, 10kb or 1500b", error(() -> TcUnits.size("1x")));
        assertEquals("\"101%\" is out of range: a percentage is 0% to 100%", error(() -> TcUnits.percent("101%")));
        assertEquals("\"lots\" is not a percentage: e.g. 1%, 0.5% or 30%", error(() -> TcUnits.percent("lots")));
    }

    @Test
    void printedAsTcPrintsThem() {
        assertEquals("10Mbit", TcUnits.formatRate(1_250_000));
        assertEquals("1200bit", TcUnits.formatRate(150));
        assertEquals("4Kb", TcUnits.formatSize(4096));
        assertEquals("1500b", TcUnits.formatSize(1500));
        assertEquals("15.8ms", TcUnits.formatTime(15_800));
        assertEquals("1s", TcUnits.formatTime(1_000_000));
        assertEquals("33.3333", TcUnits.formatPercent(100.0 / 3));
    }

    @Test
    void strictly() {
        assertEquals(10_000_000, TcUnits.strictRate("10mbit"));
        assertEquals(100, TcUnits.strictRate(" 100 bit "), "blanks allowed");
        assertEquals(80_000, TcUnits.strictRate("10kbps"), "bps is bytes");
        assertEquals(Duration.ofMillis(50), TcUnits.strictTime("50ms"));
        assertEquals(Duration.ofNanos(1_500), TcUnits.strictTime("1.5us"), "nanoseconds kept");
        assertEquals(Duration.ZERO, TcUnits.strictTime("0ms"));
        assertEquals(0.5, TcUnits.strictPercent("0.5%"));
    }

    @Test
    void strictMistakes() {
        assertEquals("\"10\" has no known rate unit; use bit, kbit, mbit, gbit, tbit (bits per second) or bps, kbps,"
                + " mbps, gbps (bytes per second, as tc reads them)", error(() -> TcUnits.strictRate("10")));
        assertEquals("\"1kibit\" has no known rate unit; use bit, kbit, mbit, gbit, tbit (bits per second) or bps,"
                + " kbps, mbps, gbps (bytes per second, as tc reads them)", error(() -> TcUnits.strictRate("1kibit")));
        assertEquals("rate \"0mbit\" is out of range; give more than 0", error(() -> TcUnits.strictRate("0mbit")));
        assertEquals("rate \"99999999999gbit\" is too high: the highest rate is 4611686tbit",
                error(() -> TcUnits.strictRate("99999999999gbit")));
        assertEquals(4_611_686_000_000_000_000L, TcUnits.strictRate("4611686tbit"));
        assertEquals(99_999_999_000_000_000L, TcUnits.strictRate("99999999gbit"));
        assertEquals("99999999gbit", TcUnits.formatStrictRate(TcUnits.strictRate("99999999gbit")));
        assertEquals("100bit", TcUnits.formatStrictRate(TcUnits.strictRate("100bit")));
        assertEquals("\".5mbit\" is not a rate; write e.g. 10mbit, 1gbit or 500kbit",
                error(() -> TcUnits.strictRate(".5mbit")));
        assertEquals("\"50\" has no unit; write e.g. 50ms", error(() -> TcUnits.strictTime("50")));
        assertEquals("\"2secs\" has no known time unit; use s, ms or us", error(() -> TcUnits.strictTime("2secs")));
        assertEquals("\"2h\" has no known time unit; use s, ms or us", error(() -> TcUnits.strictTime("2h")));
        assertEquals("\"3601s\" is more than an hour; netem takes at most a few seconds in practice",
                error(() -> TcUnits.strictTime("3601s")));
        assertEquals("\"1\" is not a percentage; write e.g. 1% or 0.5%", error(() -> TcUnits.strictPercent("1")));
        assertEquals("\"101%\" is out of range; a percentage is 0% to 100%", error(() -> TcUnits.strictPercent("101%")));
    }

    @Test
    void printedStrictly() {
        assertEquals("10mbit", TcUnits.formatStrictRate(10_000_000));
        assertEquals("96bit", TcUnits.formatStrictRate(96));
        assertEquals("50ms", TcUnits.formatStrictTime(Duration.ofMillis(50)));
        assertEquals("1.5us", TcUnits.formatStrictTime(Duration.ofNanos(1_500)));
        assertEquals("0.333%", TcUnits.formatStrictPercent(0.333));
        assertEquals(33.3333, TcUnits.roundPercent(100.0 / 3));
    }
}
