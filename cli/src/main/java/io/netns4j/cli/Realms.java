package io.netns4j.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Route realms as ip 6.1 reads and prints them ({@code rule add ... realms [FROM/]TO}): names from
 * /etc/iproute2/rt_realms ({@code 0 cosmos}) or numbers 0 to 255; a plain number alone is the raw
 * 32-bit value (get_rt_realms_or_raw), so {@code realms 5} is TO 5.
 */
final class Realms {
    private static Map<Integer, String> names;

    private Realms() {
    }

    private static synchronized Map<Integer, String> names() {
        if (names == null) {
            names = Dsfield.read(Path.of("/etc/iproute2/rt_realms"));
        }
        return names;
    }

    /** rtnl_rtrealm_n2a: the name, or the number. */
    static String name(int id) {
        String n = id < 256 ? names().get(id) : null;
        return n != null ? n : Integer.toString(id);
    }

    /** {@code realms} as ip takes it: {FROM, TO}. */
    static int[] parse(String v) throws UsageException {
        try {
            long raw = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            if (raw >= 0 && raw <= 0xffffffffL) {
                return new int[] {(int) (raw >>> 16), (int) (raw & 0xffff)};
            }
        } catch (NumberFormatException ignored) {
            // names, or FROM/TO
        }
        int slash = v.indexOf('/');
        int from = slash < 0 ? 0 : realm(v.substring(0, slash), v);
        int to = realm(slash < 0 ? v : v.substring(slash + 1), v);
        return new int[] {from, to};
    }

    private static int realm(String s, String whole) throws UsageException {
        for (var e : names().entrySet()) {
            if (e.getValue().equals(s)) {
                return e.getKey();
            }
        }
        try {
            long n = Long.decode(s);
            if (n >= 0 && n <= 255) {
                return (int) n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("Error: argument \"" + whole + "\" is wrong: invalid realms (give [FROM/]TO, names"
                + " from /etc/iproute2/rt_realms or numbers 0 to 255)");
    }
}
