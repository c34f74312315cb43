package io.netns4j.qdisc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tc's units, as {@code tc(8)} writes them: rates ({@code 10mbit}, {@code 500kbit}, {@code 1gibit},
 * {@code 10mbps} = bytes per second), sizes ({@code 32kbit}, {@code 10kb}, {@code 1500b}), times
 * ({@code 50ms}, {@code 1s}, {@code 200us}) and percentages ({@code 1%}, {@code 0.5%}). One table of
 * units, read in two ways:
 * <ul>
 * <li>as tc reads its arguments ({@link #rate}, {@link #size}, {@link #time}, {@link #percent}, and
 * the {@code format...} methods print as tc prints): tc's arithmetic in doubles, fractions dropped as tc
 * drops them, a bare number is bytes, microseconds or a percentage, binary rates ({@code kibit}) and
 * plurals ({@code msecs}) accepted, the value must be above 0 (a percentage may be 0);</li>
 * <li>strictly, as a lab topology's {@code impair:} and {@code netns4j lab impair} read them
 * ({@link #strictRate}, {@link #strictTime}, {@link #strictPercent}, and the {@code formatStrict...}
 * methods): exact decimals, a unit and the {@code %} are required (a bare {@code 50} could be
 * microseconds or milliseconds, {@code 1} could be 1% or 100%), blanks around the words and between
 * number and unit allowed, decimal rate units only.</li>
 * </ul>
 * Every parser throws {@link IllegalArgumentException} whose message names the word and the form.
 */
public final class TcUnits {
    /** The strict reading's words: a decimal number, optional blanks, a unit. */
    private static final Pattern NUMBER_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z%]*)");

    private TcUnits() {
    }

    /** A rate unit, in bits per second; {@code tcOnly}: binary units, which only tc's reading takes. */
    private enum RateUnit {
        BIT("bit", 1L, false), KBIT("kbit", 1_000L, false), MBIT("mbit", 1_000_000L, false),
        GBIT("gbit", 1_000_000_000L, false), TBIT("tbit", 1_000_000_000_000L, false),
        KIBIT("kibit", 1024L, true), MIBIT("mibit", 1024L * 1024, true), GIBIT("gibit", 1024L * 1024 * 1024, true),
        BPS("bps", 8L, false), KBPS("kbps", 8_000L, false), MBPS("mbps", 8_000_000L, false),
        GBPS("gbps", 8_000_000_000L, false);

        final String name;
        final long bits;
        final boolean tcOnly;

        RateUnit(String name, long bits, boolean tcOnly) {
            this.name = name;
            this.bits = bits;
            this.tcOnly = tcOnly;
        }

        static RateUnit of(String unit, boolean strict) {
            for (RateUnit u : values()) {
                if (u.name.equals(unit) && !(strict && u.tcOnly)) {
                    return u;
                }
            }
            return null;
        }
    }

    /** A time unit, in nanoseconds; {@code tcOnly}: the plurals and the bare number, which only tc's reading takes. */
    private enum TimeUnit {
        S(1_000_000_000L, false, "s", "sec"), SECS(1_000_000_000L, true, "secs"),
        MS(1_000_000L, false, "ms", "msec"), MSECS(1_000_000L, true, "msecs"),
        US(1_000L, false, "us", "usec"), USECS(1_000L, true, "", "usecs");

        final long nanos;
        final boolean tcOnly;
        final String[] names;

        TimeUnit(long nanos, boolean tcOnly, String... names) {
            this.nanos = nanos;
            this.tcOnly = tcOnly;
            this.names = names;
        }

        static TimeUnit of(String unit, boolean strict) {
            for (TimeUnit u : values()) {
                for (String n : u.names) {
                    if (n.equals(unit) && !(strict && u.tcOnly)) {
                        return u;
                    }
                }
            }
            return null;
        }
    }

    // ---- as tc reads and prints them -------------------------------------------------------------------------

    private static double number(String word, String text) {
        try {
            double v = Double.parseDouble(text);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("\"" + word + "\" does not start with a positive number");
    }

    private static int unitStart(String w) {
        int i = 0;
        while (i < w.length() && (Character.isDigit(w.charAt(i)) || w.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    /**
     * A rate in bytes per second, as tc reads it: {@code 1mbit}, {@code 500kbit}, {@code 10Mbps}
     * (bytes), {@code 1gibit} ... (a unit is required); fractions of a byte are dropped, as tc drops them.
     *
     * @param word the rate with its unit
     * @return bytes per second
     * @throws IllegalArgumentException when {@code word} does not start with a number above 0 or has no known rate unit
     */
    public static long rate(String word) {
        int i = unitStart(word);
        double v = number(word, word.substring(0, i));
        RateUnit unit = RateUnit.of(word.substring(i).toLowerCase(Locale.ROOT), false);
        if (unit == null) {
            throw new IllegalArgumentException("\"" + word + "\" is not a rate: write it with a unit, e.g. 1mbit,"
                    + " 500kbit, 10mbps (bytes) or 1gibit");
        }
        double bitsPerSecond = v * unit.bits;
        return (long) (bitsPerSecond / 8);
    }

    /**
     * A size in bytes, as tc reads it: {@code 32kbit}, {@code 10kb}, {@code 1500b}, {@code 1m} ... (no unit: bytes).
     *
     * @param word the size
     * @return bytes
     * @throws IllegalArgumentException when {@code word} does not start with a number above 0, has an
     * unknown unit or is too large for an int
     */
    public static int size(String word) {
        int i = unitStart(word);
        double v = number(word, word.substring(0, i));
        String unit = word.substring(i).toLowerCase(Locale.ROOT);
        double bytes = switch (unit) {
            case "", "b" -> v;
            case "k", "kb" -> v * 1024;
            case "m", "mb" -> v * 1024 * 1024;
            case "g", "gb" -> v * 1024 * 1024 * 1024;
            case "kbit" -> v * 1024 / 8;
            case "mbit" -> v * 1024 * 1024 / 8;
            case "gbit" -> v * 1024 * 1024 * 1024 / 8;
            default -> throw new IllegalArgumentException("\"" + word + "\" is not a size: e.g. 32kbit, 10kb or 1500b");
        };
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("\"" + word + "\" is too large");
        }
        return (int) bytes;
    }

    /**
     * A time in microseconds, as tc reads it: {@code 400ms}, {@code 1s}, {@code 50us} (no unit:
     * microseconds); fractions of a microsecond are dropped, as tc drops them.
     *
     * @param word the time
     * @return microseconds, at most 4294967295
     * @throws IllegalArgumentException when {@code word} does not start with a number above 0, has an
     * unknown unit or is too long
     */
    public static long time(String word) {
        int i = unitStart(word);
        double v = number(word, word.substring(0, i));
        TimeUnit unit = TimeUnit.of(word.substring(i).toLowerCase(Locale.ROOT), false);
        if (unit == null) {
            throw new IllegalArgumentException("\"" + word + "\" is not a time: e.g. 400ms, 1s or 50us");
        }
        double usec = v * (unit.nanos / 1000);
        if (usec > 0xffffffffL) {
            throw new IllegalArgumentException("\"" + word + "\" is too long: tc takes at most 4294967295us (about 71"
                    + " minutes)");
        }
        return (long) usec;
    }

    /**
     * A percentage as tc reads it: {@code 1%}, {@code 0.5%}, or a bare number ({@code 1} is 1%),
     * from 0 to 100.
     *
     * @param word the percentage
     * @return the percentage, 0 to 100
     * @throws IllegalArgumentException when {@code word} is not a number or out of range
     */
    public static double percent(String word) {
        String digits = word.endsWith("%") ? word.substring(0, word.length() - 1) : word;
        try {
            if (!digits.isEmpty() && (Character.isDigit(digits.charAt(0)) || digits.charAt(0) == '.')) {
                double v = Double.parseDouble(digits);
                if (v >= 0 && v <= 100) {
                    return v;
                }
                throw new IllegalArgumentException("\"" + word + "\" is out of range: a percentage is 0% to 100%");
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("\"" + word + "\" is not a percentage: e.g. 1%, 0.5% or 30%");
    }

    /**
     * As tc prints a percentage ({@code %g}, without the {@code %}): 1, 0.1, 33.3333.
     *
     * @param percent the percentage
     * @return the text, 6 significant digits
     */
    public static String formatPercent(double percent) {
        return new BigDecimal(percent).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * As tc prints a rate given in bytes per second: 1Mbit, 500Kbit, 1200bit.
     *
     * @param bytesPerSecond the rate, in bytes per second
     * @return the text, in bits per second with a decimal unit
     */
    public static String formatRate(long bytesPerSecond) {
        long rate = bytesPerSecond * 8;
        String[] units = {"", "K", "M", "G", "T"};
        int i = 0;
        for (; i < units.length - 1; i++) {
            if (rate < 1000 || (rate % 1000 != 0 && rate < 1000 * 1000)) {
                break;
            }
            rate /= 1000;
        }
        return rate + units[i] + "bit";
    }

    /**
     * As tc prints a size: 4Kb, 2Mb, 1500b.
     *
     * @param bytes the size, in bytes
     * @return the text
     */
    public static String formatSize(long bytes) {
        if (bytes >= 1024 * 1024 && Math.abs(1024 * 1024 * Math.rint(bytes / (1024.0 * 1024)) - bytes) < 1024) {
            return trim(Math.rint(bytes / (1024.0 * 1024))) + "Mb";
        }
        if (bytes >= 1024 && Math.abs(1024 * Math.rint(bytes / 1024.0) - bytes) < 16) {
            return trim(Math.rint(bytes / 1024.0)) + "Kb";
        }
        return bytes + "b";
    }

    /**
     * As tc prints a time given in microseconds: 400ms, 15.8ms, 1s, 50us.
     *
     * @param usec the time, in microseconds
     * @return the text, 3 significant digits
     */
    public static String formatTime(long usec) {
        if (usec >= 1_000_000) {
            return threeDigits(usec / 1e6) + "s";
        }
        if (usec >= 1000) {
            return threeDigits(usec / 1e3) + "ms";
        }
        return usec + "us";
    }

    private static String threeDigits(double v) {
        return trim(Double.parseDouble(String.format(Locale.ROOT, "%.3g", v)));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    // ---- strictly, as a lab topology's impair: takes them --------------------------------------------------

    /** The highest rate {@link #strictRate} takes, in bits per second: 4611686tbit (just under 2^62). */
    public static final long MAX_STRICT_RATE = 4_611_686L * 1_000_000_000_000L;

    /**
     * A rate in bits per second, strictly: {@code 10mbit}, {@code 1gbit}, {@code 500kbit},
     * {@code 100bit}; {@code bps}, {@code kbps}, ... are bytes per second, as tc reads them.
     *
     * @param text the rate with its unit
     * @return bits per second
     * @throws IllegalArgumentException when {@code text} is not a number with a known rate unit, not above 0, or
     *         above {@link #MAX_STRICT_RATE} (the message names it)
     */
    public static long strictRate(String text) {
        Matcher m = NUMBER_UNIT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a rate; write e.g. 10mbit, 1gbit or 500kbit");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        RateUnit unit = RateUnit.of(m.group(2).toLowerCase(Locale.ROOT), true);
        if (unit == null) {
            throw new IllegalArgumentException("\"" + text + "\" has no known rate unit; use bit, kbit, "
                    + "mbit, gbit, tbit (bits per second) or bps, kbps, mbps, gbps (bytes per second, as tc reads them)");
        }
        BigDecimal bits = n.multiply(BigDecimal.valueOf(unit.bits));
        if (bits.signum() <= 0) {
            throw new IllegalArgumentException("rate \"" + text + "\" is out of range; give more than 0");
        }
        if (bits.compareTo(BigDecimal.valueOf(MAX_STRICT_RATE)) > 0) {
            throw new IllegalArgumentException("rate \"" + text + "\" is too high: the highest rate is "
                    + formatStrictRate(MAX_STRICT_RATE));
        }
        return bits.longValue();
    }

    /**
     * A time, strictly: {@code 50ms}, {@code 1s}, {@code 200us}; a bare number is refused (tc would read microseconds).
     *
     * @param text the time with its unit
     * @return the time
     * @throws IllegalArgumentException when {@code text} has no unit or an unknown one, or is more than an hour
     */
    public static Duration strictTime(String text) {
        Matcher m = NUMBER_UNIT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a time; write e.g. 50ms, 1s or 200us");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        String word = m.group(2).toLowerCase(Locale.ROOT);
        if (word.isEmpty()) {
            throw new IllegalArgumentException("\"" + text + "\" has no unit; write e.g. " + text + "ms");
        }
        TimeUnit unit = TimeUnit.of(word, true);
        if (unit == null) {
            throw new IllegalArgumentException("\"" + text + "\" has no known time unit; use s, ms or us");
        }
        BigDecimal nanos = n.multiply(BigDecimal.valueOf(unit.nanos));
        if (nanos.compareTo(BigDecimal.valueOf(3_600_000_000_000L)) > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is more than an hour; netem takes at most a few "
                    + "seconds in practice");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /**
     * A percentage, strictly: {@code 1%}, {@code 0.5%}: 0 to 100; the {@code %} is required so that 1 and
     * 0.01 cannot be confused.
     *
     * @param text the percentage with its {@code %}
     * @return the percentage, 0 to 100
     * @throws IllegalArgumentException when {@code text} has no {@code %}, is not a number or is out of range
     */
    public static double strictPercent(String text) {
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

    /**
     * A time as the strict reading writes it, read back exactly: 1s, 50ms, 1.5us.
     *
     * @param d the time
     * @return the text, which {@link #strictTime} reads back as {@code d}
     */
    public static String formatStrictTime(Duration d) {
        long ns = d.toNanos();
        if (ns % 1_000_000_000L == 0) {
            return ns / 1_000_000_000L + "s";
        }
        if (ns % 1_000_000L == 0) {
            return ns / 1_000_000L + "ms";
        }
        return BigDecimal.valueOf(ns).movePointLeft(3).stripTrailingZeros().toPlainString() + "us";
    }

    /**
     * A rate given in bits per second as the strict reading writes it: 10mbit, 1500kbit, 96bit.
     *
     * @param bits the rate, in bits per second
     * @return the text, with the largest decimal unit that keeps it whole
     */
    public static String formatStrictRate(long bits) {
        String[] units = {"bit", "kbit", "mbit", "gbit", "tbit"};
        int i = 0;
        long v = bits;
        while (i < units.length - 1 && v % 1000 == 0 && v > 0) {
            v /= 1000;
            i++;
        }
        return v + units[i];
    }

    /**
     * A percentage with its {@code %}, every digit kept: 1%, 0.333%.
     *
     * @param p the percentage
     * @return the text
     */
    public static String formatStrictPercent(double p) {
        return BigDecimal.valueOf(p).stripTrailingZeros().toPlainString() + "%";
    }

    /**
     * A percentage to 6 significant digits, as tc prints it: what a kernel's 32-bit fraction reads back as.
     *
     * @param p the percentage
     * @return the rounded percentage
     */
    public static double roundPercent(double p) {
        return p == 0 ? 0 : new BigDecimal(p).round(new MathContext(6)).doubleValue();
    }
}
