package io.netns4j.cli;

/** Checks of command-line values, done before any system call; failures are usage errors. */
final class Validation {
    private Validation() {
    }

    static String name(String name) throws UsageException {
        try {
            io.netns4j.types.NetnsNames.check(name);
            return name;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static long pid(String s) throws UsageException {
        try {
            long v = Long.parseLong(s);
            if (v > 0 && v <= Integer.MAX_VALUE) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("Specified string '" + s + "' is not a pid (a positive number).");
    }

    static int nonNegative(String s, String what) throws UsageException {
        try {
            int v = Integer.parseInt(s);
            if (v >= 0) {
                return v;
            }
            throw new UsageException("argument \"" + s + "\" is wrong: \"" + what + "\" value should be >= 0");
        } catch (NumberFormatException e) {
            throw new UsageException("argument \"" + s + "\" is wrong: Invalid \"" + what + "\" value");
        }
    }

    static double seconds(String s) throws UsageException {
        try {
            double v = Double.parseDouble(s);
            if (v > 0 && v < 86_400) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("\"" + s + "\" is not a number of seconds (e.g. --wait=10).");
    }
}
