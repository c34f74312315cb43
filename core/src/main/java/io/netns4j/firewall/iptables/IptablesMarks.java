package io.netns4j.firewall.iptables;

import io.netns4j.firewall.Mark;

/**
 * {@code -m mark --mark VALUE[/MASK]} as libxt_mark reads and prints it: numbers as strtoul
 * reads them with base 0 (decimal, 0x hex, 0 octal), up to 0xffffffff; {@code -S} and
 * {@code -L} print hex, the mask only when it is not 0xffffffff.
 */
final class IptablesMarks {
    private IptablesMarks() {
    }

    static Mark parse(String value, boolean negated, String program) throws IptablesSyntaxException {
        int slash = value.indexOf('/');
        long v = number(slash < 0 ? value : value.substring(0, slash), value, program);
        long m = slash < 0 ? Mark.ALL : number(value.substring(slash + 1), value, program);
        Mark mark = Mark.of(v).withMask(m);
        return negated ? mark.negate() : mark;
    }

    private static long number(String s, String value, String program) throws IptablesSyntaxException {
        long n = -1;
        try {
            if (s.matches("0[xX][0-9a-fA-F]{1,8}")) {
                n = Long.parseLong(s.substring(2), 16);
            } else if (s.matches("0[0-7]{1,11}")) {
                n = Long.parseLong(s.substring(1), 8);
            } else if (s.matches("[0-9]{1,10}")) {
                n = Long.parseLong(s);
            }
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > Mark.ALL) {
            throw new IptablesSyntaxException(program + ": mark: bad integer value \"" + value + "\" for --mark:"
                    + " VALUE or VALUE/MASK, each 0 to 0xffffffff");
        }
        return n;
    }

    /** {@code 0x1/0xff}, or {@code 0x5} when the whole mark is compared. */
    private static String value(Mark m) {
        return "0x" + Long.toHexString(m.value()) + (m.mask() == Mark.ALL ? "" : "/0x" + Long.toHexString(m.mask()));
    }

    /** The words of {@code iptables -S}: {@code -m mark ! --mark 0x1/0xff}. */
    static String save(Mark m) {
        return " -m mark" + (m.negated() ? " !" : "") + " --mark " + value(m);
    }

    /** The words of {@code iptables -L}: {@code mark match ! 0x1/0xff}. */
    static String list(Mark m) {
        return " mark match " + (m.negated() ? "! " : "") + value(m);
    }
}
