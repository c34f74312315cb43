package io.netns4j.lab.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rates, times and percentages written as {@code tc} writes them; parsing throws {@link IllegalArgumentException}. */
public final class Units {
    private static final Pattern NUMBER_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z%]*)");

    private Units() {
    }

    /** {@code 10mbit}, {@code 1gbit}, {@code 500kbit}, {@code 100bit}; {@code bps}, {@code kbps}, ... are bytes. */
    public static long parseRate(String text) {
        Matcher m = NUMBER_UNIT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a rate; write e.g. 10mbit, 1gbit or 500kbit");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        long factor = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "bit" -> 1L;
            case "kbit" -> 1_000L;
            case "mbit" -> 1_000_000L;
            case "gbit" -> 1_000_000_000L;
            case "tbit" -> 1_000_000_000_000L;
            case "bps" -> 8L;
            case "kbps" -> 8_000L;
            case "mbps" -> 8_000_000L;
            case "gbps" -> 8_000_000_000L;
            default -> throw new IllegalArgumentException("\"" + text + "\" has no known rate unit; use bit, kbit, "
                    + "mbit, gbit, tbit (bits per second) or bps, kbps, mbps, gbps (bytes per second, as tc reads them)");
        };
        BigDecimal bits = n.multiply(BigDecimal.valueOf(factor));
        if (bits.signum() <= 0 || bits.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            throw new IllegalArgumentException("rate \"" + text + "\" is out of range; give more than 0");
        }
        return bits.longValue();
    }

    /** {@code 50ms}, {@code 1s}, {@code 200us}; a bare number is refused (tc would read microseconds). */
    public static Duration parseDuration(String text) {
        Matcher m = NUMBER_UNIT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a time; write e.g. 50ms, 1s or 200us");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        long nanosPer = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "s", "sec" -> 1_000_000_000L;
            case "ms", "msec" -> 1_000_000L;
            case "us", "usec" -> 1_000L;
            case "" -> throw new IllegalArgumentException("\"" + text + "\" has no unit; write e.g. " + text + "ms");
            default -> throw new IllegalArgumentException("\"" + text + "\" has no known time unit; use s, ms or us");
        };
        BigDecimal nanos = n.multiply(BigDecimal.valueOf(nanosPer));
        if (nanos.compareTo(BigDecimal.valueOf(3_600_000_000_000L)) > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is more than an hour; netem takes at most a few "
                    + "seconds in practice");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** {@code 1%}, {@code 0.5%}: 0 to 100; the {@code %} is required so that 1 and 0.01 cannot be confused. */
    public static double parsePercent(String text) {
        String t = text.trim();
        if (!t.endsWith("%")) {
            throw new IllegalArgumentException("\"" + text + "\" is not a percentage; write e.g. 1% or 0.5%");
        }
        double v;
        try {
            v = Double.parseDouble(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a percentage; write e.g. 1% or 0.5%");
        }
        if (!(v >= 0 && v <= 100)) {
            throw new IllegalArgumentException("\"" + text + "\" is out of range; a percentage is 0% to 100%");
        }
        return v;
    }

    public static String formatDuration(Duration d) {
        long ns = d.toNanos();
        if (ns % 1_000_000_000L == 0) {
            return ns / 1_000_000_000L + "s";
        }
        if (ns % 1_000_000L == 0) {
            return ns / 1_000_000L + "ms";
        }
        return BigDecimal.valueOf(ns).movePointLeft(3).stripTrailingZeros().toPlainString() + "us";
    }

    public static String formatRate(long bits) {
        String[] units = {"bit", "kbit", "mbit", "gbit", "tbit"};
        int i = 0;
        long v = bits;
        while (i < units.length - 1 && v % 1000 == 0 && v > 0) {
            v /= 1000;
            i++;
        }
        return v + units[i];
    }

    public static String formatPercent(double p) {
        return BigDecimal.valueOf(p).stripTrailingZeros().toPlainString() + "%";
    }

    /** A percentage to 6 significant digits, as tc prints it: what a kernel's 32-bit fraction reads back as. */
    public static double roundPercent(double p) {
        return p == 0 ? 0 : new BigDecimal(p).round(new MathContext(6)).doubleValue();
    }
}
