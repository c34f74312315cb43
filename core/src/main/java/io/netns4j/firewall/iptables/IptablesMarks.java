package io.netns4j.firewall.iptables;

import io.netns4j.firewall.Mark;
import io.netns4j.firewall.SetMark;

import java.util.List;

/**
 * {@code -m mark --mark VALUE[/MASK]} as libxt_mark reads and prints it: numbers as strtoul
 * reads them with base 0 (decimal, 0x hex, 0 octal), up to 0xffffffff; {@code -S} and
 * {@code -L} print hex, the mask only when it is not 0xffffffff. Also the {@code -j MARK} target.
 */
final class IptablesMarks {
    private IptablesMarks() {
    }

    static Mark parse(String value, boolean negated, String program) throws IptablesSyntaxException {
        int slash = value.indexOf('/');
        long v = number(slash < 0 ? value : value.substring(0, slash), value, "--mark", program);
        long m = slash < 0 ? Mark.ALL : number(value.substring(slash + 1), value, "--mark", program);
        Mark mark = Mark.of(v).withMask(m);
        return negated ? mark.negate() : mark;
    }

    private static long number(String s, String value, String opt, String program) throws IptablesSyntaxException {
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
            throw new IptablesSyntaxException(program + ": " + (opt.equals("--mark") ? "mark" : "MARK")
                    + ": bad integer value \"" + value + "\" for " + opt + ": VALUE or VALUE/MASK, each 0 to 0xffffffff");
        }
        return n;
    }

    /**
     * {@code -j MARK} with its one option ({@code [option, value]}) as libxt_MARK turns it into
     * the kernel's (value, mask): {@code --set-xmark V/M} as given, {@code --set-mark V/M}
     * with the mask {@code M|V}, {@code --and-mark V} as (0, ~V), {@code --or-mark V} as
     * (V, V), {@code --xor-mark V} as (V, 0); a mask defaults to 0xffffffff.
     */
    static SetMark setMark(List<String> options, String program) throws IptablesSyntaxException {
        if (options.isEmpty()) {
            throw new IptablesSyntaxException(program + ": MARK: One of the --set-xmark, --{and,or,xor,set}-mark"
                    + " options is required");
        }
        String opt = options.get(0);
        String value = options.get(1);
        int slash = value.indexOf('/');
        boolean masked = opt.equals("--set-xmark") || opt.equals("--set-mark");
        if (slash >= 0 && !masked) {
            throw new IptablesSyntaxException(program + ": MARK: bad value \"" + value + "\" for " + opt
                    + ": a number 0 to 0xffffffff, without a mask");
        }
        long v = number(slash < 0 ? value : value.substring(0, slash), value, opt, program);
        long m = slash < 0 ? Mark.ALL : number(value.substring(slash + 1), value, opt, program);
        return switch (opt) {
            case "--set-xmark" -> new SetMark(v, m);
            case "--set-mark" -> new SetMark(v, m | v);
            case "--and-mark" -> new SetMark(0, ~v & Mark.ALL);
            case "--or-mark" -> new SetMark(v, v);
            default -> new SetMark(v, 0);
        };
    }

    /** What {@code -L} prints for {@code -j MARK}: {@code MARK set 0x5}, {@code MARK and 0xf}, ... (mark_tg_print). */
    static String list(SetMark s) {
        if (s.value() == 0) {
            return " MARK and 0x" + Long.toHexString(~s.mask() & Mark.ALL);
        } else if (s.value() == s.mask()) {
            return " MARK or 0x" + Long.toHexString(s.value());
        } else if (s.mask() == 0) {
            return " MARK xor 0x" + Long.toHexString(s.value());
        } else if (s.mask() == Mark.ALL) {
            return " MARK set 0x" + Long.toHexString(s.value());
        }
        return " MARK xset 0x" + Long.toHexString(s.value()) + "/0x" + Long.toHexString(s.mask());
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
