package io.netns4j.firewall.iptables;

import java.util.List;

/**
 * {@code -m limit} and its options as libxt_limit reads them: iptables' default 3/hour, burst
 * 5, a rate as a number and /second, /minute, /hour or /day (any prefix of them).
 */
final class IptablesLimit {
    long rate = 3;
    String per = "hour";
    int burst = 5;

    /** {@code --limit VALUE} or {@code --limit-burst VALUE}. */
    void take(String opt, String value, String program) throws IptablesSyntaxException {
        if (opt.equals("--limit-burst")) {
            try {
                burst = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                burst = -1;
            }
            if (burst < 1 || burst > 10000) {
                throw new IptablesSyntaxException(program + ": bad --limit-burst \"" + value + "\": 1 to 10000");
            }
            return;
        }
        String[] parts = value.split("/", 2);
        String unit = parts.length == 2 ? parts[1].toLowerCase(java.util.Locale.ROOT) : "second";
        String found = null;
        for (String u : List.of("second", "minute", "hour", "day")) {
            if (!unit.isEmpty() && u.startsWith(unit)) {
                found = u;
            }
        }
        try {
            rate = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            rate = 0;
        }
        if (found == null || rate < 1) {
            throw new IptablesSyntaxException(program + ": bad rate \"" + value + "\": a number and /second, /minute,"
                    + " /hour or /day, e.g. 5/min");
        }
        per = found;
    }
}
