package io.netns4j.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** tc's units for rates, sizes and times: parsing the words users type and printing them back as tc does. */
final class TcUnits {
    private TcUnits() {
    }

    private static double number(String word, String text) throws UsageException {
        try {
            double v = Double.parseDouble(text);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("\"" + word + "\" does not start with a positive number");
    }

    private static int unitStart(String w) {
        int i = 0;
        while (i < w.length() && (Character.isDigit(w.charAt(i)) || w.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    /** A rate in bytes per second: 1mbit, 500kbit, 10Mbps, 1gibit ... (a unit is required); fractions of a byte are dropped, as tc drops them. */
    static long rate(String word) throws UsageException {
        int i = unitStart(word);
        double v = number(word, word.substring(0, i));
        String unit = word.substring(i).toLowerCase(Locale.ROOT);
        double bitsPerSecond = switch (unit) {
            case "bit" -> v;
            case "kbit" -> v * 1e3;
            case "mbit" -> v * 1e6;
            case "gbit" -> v * 1e9;
            case "tbit" -> v * 1e12;
            case "kibit" -> v * 1024;
            case "mibit" -> v * 1024 * 1024;
            case "gibit" -> v * 1024 * 1024 * 1024;
            case "bps" -> v * 8;
            case "kbps" -> v * 8e3;
            case "mbps" -> v * 8e6;
            case "gbps" -> v * 8e9;
            default -> throw new UsageException("\"" + word + "\" is not a rate: write it with a unit, e.g. 1mbit,"
                    + " 500kbit, 10mbps (bytes) or 1gibit");
        };
        return (long) (bitsPerSecond / 8);
    }

    /** A size in bytes: 32kbit, 10kb, 1500b, 1m ... (no unit: bytes). */
    static int size(String word) throws UsageException {
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
            default -> throw new UsageException("\"" + word + "\" is not a size: e.g. 32kbit, 10kb or 1500b");
        };
        if (bytes > Integer.MAX_VALUE) {
            throw new UsageException("\"" + word + "\" is too large");
        }
        return (int) bytes;
    }

    /** A time in microseconds: 400ms, 1s, 50us (no unit: microseconds); fractions of a microsecond are dropped, as tc drops them. */
    static long time(String word) throws UsageException {
        int i = unitStart(word);
        double v = number(word, word.substring(0, i));
        String unit = word.substring(i).toLowerCase(Locale.ROOT);
        double usec = switch (unit) {
            case "s", "sec", "secs" -> v * 1e6;
            case "ms", "msec", "msecs" -> v * 1e3;
            case "", "us", "usec", "usecs" -> v;
            default -> throw new UsageException("\"" + word + "\" is not a time: e.g. 400ms, 1s or 50us");
        };
        if (usec > 0xffffffffL) {
            throw new UsageException("\"" + word + "\" is too long: tc takes at most 4294967295us (about 71 minutes)");
        }
        return (long) usec;
    }

    /**
     * A percentage as tc reads it: {@code 1%}, {@code 0.5%}, or a bare number ({@code 1} is 1%),
     * from 0 to 100.
     */
    static double percent(String word) throws UsageException {
        String digits = word.endsWith("%") ? word.substring(0, word.length() - 1) : word;
        try {
            if (!digits.isEmpty() && (Character.isDigit(digits.charAt(0)) || digits.charAt(0) == '.')) {
                double v = Double.parseDouble(digits);
                if (v >= 0 && v <= 100) {
                    return v;
                }
                throw new UsageException("\"" + word + "\" is out of range: a percentage is 0% to 100%");
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("\"" + word + "\" is not a percentage: e.g. 1%, 0.5% or 30%");
    }

    /** As tc prints a percentage ({@code %g}): 1, 0.1, 33.3333. */
    static String formatPercent(double percent) {
        return new BigDecimal(percent).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** As tc prints a rate: 1Mbit, 500Kbit, 1200bit. */
    static String formatRate(long bytesPerSecond) {
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

    /** As tc prints a size: 4Kb, 2Mb, 1500b. */
    static String formatSize(long bytes) {
        if (bytes >= 1024 * 1024 && Math.abs(1024 * 1024 * Math.rint(bytes / (1024.0 * 1024)) - bytes) < 1024) {
            return trim(Math.rint(bytes / (1024.0 * 1024))) + "Mb";
        }
        if (bytes >= 1024 && Math.abs(1024 * Math.rint(bytes / 1024.0) - bytes) < 16) {
            return trim(Math.rint(bytes / 1024.0)) + "Kb";
        }
        return bytes + "b";
    }

    /** As tc prints a time: 400ms, 15.8ms, 1s, 50us. */
    static String formatTime(long usec) {
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
}
