package io.netns4j.firewall.iptables;

import io.netns4j.firewall.CtMatch;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Mark;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.PortRange;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code -m conntrack} beyond {@code --ctstate}: the options as libxt_conntrack parses them,
 * xt_conntrack_mtinfo3 both ways (one structure for a state and the {@link CtMatch} tests after
 * it), and the {@code -S}/{@code -L} text in iptables' order.
 */
final class IptablesConntrack {
    /** Offsets in xt_conntrack_mtinfo3 (addresses and masks as nf_inet_addr, then numbers in host order). */
    private static final int EXPIRES = 128;
    private static final int L4PROTO = 136;
    private static final int PORTS = 138;
    private static final int STATUS = 152;
    private static final int PORTS_HIGH = 154;
    /** match_flags bits by {@link CtMatch#order()} (1 = XT_CONNTRACK_PROTO ... 12 = XT_CONNTRACK_DIRECTION). */
    private static final int[] FLAG = {1, 1 << 1, 1 << 2, 1 << 3, 1 << 4, 1 << 5, 1 << 8, 1 << 9, 1 << 10, 1 << 11,
            1 << 6, 1 << 7, 1 << 12};
    private static final List<String> OPTIONS = List.of("--ctstate", "--ctproto", "--ctorigsrc", "--ctorigdst",
            "--ctreplsrc", "--ctrepldst", "--ctorigsrcport", "--ctorigdstport", "--ctreplsrcport", "--ctrepldstport",
            "--ctstatus", "--ctexpire", "--ctdir");

    private IptablesConntrack() {
    }

    /** Whether {@code opt} is a {@code -m conntrack} option other than {@code --ctstate}. */
    static boolean isOption(String opt) {
        return OPTIONS.indexOf(opt) > 0;
    }

    /** One {@code -m conntrack}: its state and tests so far. */
    static final class Slot {
        Match.CtState state;
        private final Map<Integer, CtMatch> tests = new TreeMap<>();

        void take(String opt, boolean negated, String value, IptablesFixedOptions fixed, String program)
                throws IptablesSyntaxException {
            int order = OPTIONS.indexOf(opt);
            if (tests.containsKey(order)) {
                throw syntax(program, "conntrack: option \"" + opt + "\" can only be used once.");
            }
            CtMatch m = switch (order) {
                case 1 -> {
                    int n = IptablesNames.protocolNumber(value.toLowerCase(Locale.ROOT));
                    if (n <= 0 || n > 255) {
                        throw syntax(program, "conntrack: unknown protocol \"" + value + "\" for --ctproto"
                                + " (a name such as tcp, or 1 to 255)");
                    }
                    yield new CtMatch.Protocol(n, negated);
                }
                case 2, 3, 4, 5 -> {
                    InetPrefix p = fixed.prefix(value);
                    if (!p.isIpv6() && p.length() == 32 && value.indexOf('/') >= 0) {
                        throw syntax(program, "conntrack: " + opt + " \"" + value + "\": leave out the /32 (iptables"
                                + " stores an explicit /32 unlike a bare address but lists both as one, so netns4j"
                                + " writes only the bare form)");
                    }
                    yield new CtMatch.Address(order >= 4, order % 2 == 1, p, negated);
                }
                case 6, 7, 8, 9 -> new CtMatch.Port(order >= 8, order % 2 == 1, ports(opt, value, program), negated);
                case 10 -> new CtMatch.Status(status(value, program), negated);
                case 11 -> expire(value, negated, program);
                default -> {
                    if (negated) {
                        throw syntax(program, "conntrack: option \"--ctdir\" cannot be inverted.");
                    }
                    String d = value.toUpperCase(Locale.ROOT);
                    if (!d.equals("ORIGINAL") && !d.equals("REPLY")) {
                        throw syntax(program, "conntrack: bad --ctdir \"" + value + "\": ORIGINAL or REPLY");
                    }
                    yield new CtMatch.Direction(d.equals("REPLY"));
                }
            };
            tests.put(order, m);
        }

        /** The state (if any), then the tests in iptables' order. */
        List<Match> build(String program) throws IptablesSyntaxException {
            List<Match> out = new ArrayList<>();
            if (state != null) {
                out.add(state);
            }
            out.addAll(tests.values());
            if (out.isEmpty()) {
                throw syntax(program, "-m conntrack needs --ctstate STATES or another conntrack option (--ctproto,"
                        + " --ctorigsrc, --ctstatus, --ctexpire, --ctdir, ...)");
            }
            return out;
        }
    }

    private static PortRange ports(String opt, String value, String program) throws IptablesSyntaxException {
        String[] parts = value.split(":", -1);
        if (parts.length > 2) {
            throw syntax(program, "conntrack: bad " + opt + " \"" + value + "\": a port or FIRST:LAST");
        }
        int first = (int) IptablesMatchOptions.number(parts[0], 65535, opt, program);
        int last = parts.length == 2 ? (int) IptablesMatchOptions.number(parts[1], 65535, opt, program) : first;
        try {
            return new PortRange(first, last);
        } catch (IllegalArgumentException e) {
            throw syntax(program, "conntrack: bad " + opt + " \"" + value + "\": " + e.getMessage());
        }
    }

    private static Set<CtMatch.StatusBit> status(String value, String program) throws IptablesSyntaxException {
        Set<CtMatch.StatusBit> out = EnumSet.noneOf(CtMatch.StatusBit.class);
        for (String s : value.split(",", -1)) {
            String u = s.toUpperCase(Locale.ROOT);
            if (u.equals("NONE")) {
                continue;
            }
            try {
                out.add(CtMatch.StatusBit.valueOf(u));
            } catch (IllegalArgumentException e) {
                throw syntax(program, "conntrack: bad ctstatus \"" + s + "\": NONE, EXPECTED, SEEN_REPLY, ASSURED or"
                        + " CONFIRMED");
            }
        }
        return out;
    }

    private static CtMatch.Expire expire(String value, boolean negated, String program) throws IptablesSyntaxException {
        String[] parts = value.split(":", -1);
        if (parts.length > 2) {
            throw syntax(program, "conntrack: bad --ctexpire \"" + value + "\": SECONDS or MIN:MAX");
        }
        long min = IptablesMatchOptions.number(parts[0], Mark.ALL, "--ctexpire", program);
        long max = parts.length == 2 ? IptablesMatchOptions.number(parts[1], Mark.ALL, "--ctexpire", program) : min;
        if (min > max) {
            throw syntax(program, "conntrack: --ctexpire \"" + value + "\": the minimum is above the maximum");
        }
        return new CtMatch.Expire(min, max, negated);
    }

    // ---- the structure ----

    /** How many matches from {@code at} go into one xt conntrack: a state or test, then tests later in order. */
    static int group(List<Match> rest, int at) {
        int last = rest.get(at) instanceof CtMatch c ? c.order() : 0;
        int n = 1;
        while (at + n < rest.size() && rest.get(at + n) instanceof CtMatch c && c.order() > last) {
            last = c.order();
            n++;
        }
        return n;
    }

    /** xt_conntrack_mtinfo3 of a group (see {@link #group}); a state with iptables' alias flag stays alone. */
    static void encode(ByteBuffer b, List<Match> group, Family family) {
        int flags = b.getShort(XtInfo.CT_MATCH_FLAGS) & 0xffff;
        int invert = b.getShort(XtInfo.CT_INVERT_FLAGS) & 0xffff;
        for (Match m : group) {
            if (!(m instanceof CtMatch c)) {
                continue;
            }
            int flag = FLAG[c.order()];
            flags |= flag;
            switch (c) {
                case CtMatch.Protocol p -> {
                    b.putShort(L4PROTO, (short) p.number());
                    invert |= p.negated() ? flag : 0;
                }
                case CtMatch.Address a -> {
                    if (a.prefix().isIpv6() != (family == Family.IP6)) {
                        throw new IllegalArgumentException("a conntrack address of the other family: " + a.toNft());
                    }
                    int at = (c.order() - 2) * 32;
                    b.put(at, a.prefix().address().getAddress());
                    int bits = a.prefix().length();
                    boolean whole = bits == a.prefix().address().getAddress().length * 8;
                    byte[] mask = new byte[whole ? 16 : a.prefix().address().getAddress().length];
                    for (int i = 0; i < (whole ? 128 : bits); i++) {
                        mask[i / 8] |= (byte) (0x80 >>> (i % 8));
                    }
                    b.put(at + 16, mask);
                    invert |= a.negated() ? flag : 0;
                }
                case CtMatch.Port p -> {
                    int k = c.order() - 6;
                    b.putShort(PORTS + 2 * k, (short) p.ports().first());
                    b.putShort(PORTS_HIGH + 2 * k, (short) p.ports().last());
                    invert |= p.negated() ? flag : 0;
                }
                case CtMatch.Status s -> {
                    int bits = 0;
                    for (CtMatch.StatusBit x : s.bits()) {
                        bits |= 1 << x.ordinal();
                    }
                    b.putShort(STATUS, (short) bits);
                    invert |= s.negated() ? flag : 0;
                }
                case CtMatch.Expire e -> {
                    b.putInt(EXPIRES, (int) e.min()).putInt(EXPIRES + 4, (int) e.max());
                    invert |= e.negated() ? flag : 0;
                }
                case CtMatch.Direction d -> invert |= d.reply() ? flag : 0;
            }
        }
        b.putShort(XtInfo.CT_MATCH_FLAGS, (short) flags).putShort(XtInfo.CT_INVERT_FLAGS, (short) invert);
    }

    /** The tests of an xt_conntrack_mtinfo3, beyond the state; {@code flags}/{@code invert} without the state bits. */
    static List<Match> decode(ByteBuffer b, int flags, int invert, Family family) throws XtInfo.BadInfo {
        List<Match> out = new ArrayList<>();
        int len = family == Family.IP6 ? 16 : 4;
        for (int order = 1; order < FLAG.length; order++) {
            int flag = FLAG[order];
            if ((flags & flag) == 0) {
                if ((invert & flag) != 0) {
                    throw new XtInfo.BadInfo("-m conntrack inverting a test it lacks");
                }
                continue;
            }
            boolean neg = (invert & flag) != 0;
            out.add(switch (order) {
                case 1 -> {
                    int p = b.getShort(L4PROTO) & 0xffff;
                    if (p < 1 || p > 255) {
                        throw new XtInfo.BadInfo("--ctproto " + p);
                    }
                    yield new CtMatch.Protocol(p, neg);
                }
                case 2, 3, 4, 5 -> new CtMatch.Address(order >= 4, order % 2 == 1, prefix(b, (order - 2) * 32, len), neg);
                case 6, 7, 8, 9 -> {
                    int k = order - 6;
                    int lo = b.getShort(PORTS + 2 * k) & 0xffff;
                    int hi = b.getShort(PORTS_HIGH + 2 * k) & 0xffff;
                    if (hi < lo) {
                        throw new XtInfo.BadInfo("a conntrack port range " + lo + ":" + hi);
                    }
                    yield new CtMatch.Port(order >= 8, order % 2 == 1, new PortRange(lo, hi), neg);
                }
                case 10 -> {
                    int bits = b.getShort(STATUS) & 0xffff;
                    if ((bits & ~0xf) != 0) {
                        throw new XtInfo.BadInfo("--ctstatus bits " + bits);
                    }
                    Set<CtMatch.StatusBit> s = EnumSet.noneOf(CtMatch.StatusBit.class);
                    for (CtMatch.StatusBit x : CtMatch.StatusBit.values()) {
                        if ((bits & 1 << x.ordinal()) != 0) {
                            s.add(x);
                        }
                    }
                    yield new CtMatch.Status(s, neg);
                }
                case 11 -> new CtMatch.Expire(b.getInt(EXPIRES) & Mark.ALL, b.getInt(EXPIRES + 4) & Mark.ALL, neg);
                default -> new CtMatch.Direction(neg);
            });
        }
        return out;
    }

    private static InetPrefix prefix(ByteBuffer b, int at, int len) throws XtInfo.BadInfo {
        byte[] a = new byte[len];
        byte[] mask = new byte[len];
        b.get(at, a);
        b.get(at + 16, mask);
        byte[] past = new byte[16 - len];
        b.get(at + 16 + len, past);
        boolean allOnes = true;
        for (byte x : mask) {
            allOnes &= x == (byte) 0xff;
        }
        for (byte x : past) {
            if (x != (allOnes ? (byte) 0xff : 0)) {
                throw new XtInfo.BadInfo("a conntrack netmask with bytes past its family's length");
            }
        }
        int bits = 0;
        boolean zero = false;
        for (byte x : mask) {
            for (int i = 7; i >= 0; i--) {
                boolean one = (x >> i & 1) == 1;
                if (one && zero) {
                    throw new XtInfo.BadInfo("a conntrack address with a non-contiguous netmask");
                }
                zero |= !one;
                bits += one ? 1 : 0;
            }
        }
        try {
            return new InetPrefix(InetAddress.getByAddress(a), bits);
        } catch (UnknownHostException e) {
            throw new XtInfo.BadInfo("a conntrack address of " + len + " bytes");
        }
    }

    // ---- text ----

    /** {@code -S} of the tests after {@code -m conntrack [--ctstate S]}: {@code " --ctproto 6 ! --ctorigsrc 10.0.0.0/8"}. */
    static String save(List<Match> tests) {
        return text(tests, true);
    }

    /** {@code -L}: {@code " ctproto 6 ! ctorigsrc 10.0.0.0/8"}. */
    static String list(List<Match> tests) {
        return text(tests, false);
    }

    private static String text(List<Match> tests, boolean save) {
        StringBuilder sb = new StringBuilder();
        for (Match m : tests) {
            if (!(m instanceof CtMatch c)) {
                continue;
            }
            boolean neg = switch (c) {
                case CtMatch.Protocol p -> p.negated();
                case CtMatch.Address a -> a.negated();
                case CtMatch.Port p -> p.negated();
                case CtMatch.Status s -> s.negated();
                case CtMatch.Expire e -> e.negated();
                case CtMatch.Direction d -> false;
            };
            sb.append(neg ? " !" : "").append(save ? " --" : " ").append(OPTIONS.get(c.order()).substring(2)).append(' ');
            sb.append(switch (c) {
                case CtMatch.Protocol p -> Integer.toString(p.number());
                case CtMatch.Address a -> a.prefix().length() == a.prefix().address().getAddress().length * 8
                        ? InetText.format(a.prefix().address()) : InetText.format(a.prefix().address()) + "/"
                        + a.prefix().length();
                case CtMatch.Port p -> p.ports().single() ? Integer.toString(p.ports().first())
                        : p.ports().first() + ":" + p.ports().last();
                case CtMatch.Status s -> s.bits().isEmpty() ? "NONE"
                        : s.bits().stream().map(Enum::name).collect(Collectors.joining(","));
                case CtMatch.Expire e -> e.min() == e.max() ? Long.toString(e.min()) : e.min() + ":" + e.max();
                case CtMatch.Direction d -> d.reply() ? "REPLY" : "ORIGINAL";
            });
        }
        return sb.toString();
    }

    private static IptablesSyntaxException syntax(String program, String text) {
        return new IptablesSyntaxException(program + ": " + text);
    }
}
