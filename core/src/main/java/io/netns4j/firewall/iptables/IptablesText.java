package io.netns4j.firewall.iptables;


import io.netns4j.firewall.Chain;
import io.netns4j.firewall.ConnState;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.PortRange;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Table;
import io.netns4j.firewall.Verdict;
import io.netns4j.types.InetText;

import java.util.List;
import java.util.stream.Collectors;

/**
 * iptables' two listings of a table, byte for byte as iptables-nft 1.8.9 (Debian 12) prints
 * them: {@code iptables -S} (the rules as commands, which {@link IptablesCommandLine#parse}
 * reads back) and {@code iptables -L} (the table, with {@code -n}, {@code -v}, {@code -x},
 * {@code --line-numbers}). The table comes from {@link Iptables#list}; what iptables has no
 * words for is shown as {@code [unsupported: NFT TEXT]}.
 */
public final class IptablesText {
    /** iptables' order for states: not the kernel's bit order. */
    private static final List<ConnState> STATE_ORDER =
            List.of(ConnState.INVALID, ConnState.NEW, ConnState.RELATED, ConnState.ESTABLISHED, ConnState.UNTRACKED);
    private static final long[] RATE_MULT = {864_000_000L, 36_000_000L, 600_000L, 10_000L};
    private static final String[] RATE_NAME = {"day", "hour", "min", "sec"};

    private final Family family;

    /**
     * The listings of iptables ({@link Family#IP}) or ip6tables ({@link Family#IP6}).
     *
     * @param family {@link Family#IP} or {@link Family#IP6}
     * @throws IllegalArgumentException for any other family
     */
    public IptablesText(Family family) {
        IptablesCommandLine.program(family);
        this.family = family;
    }

    // ---- -S ----

    /**
     * A chain's line of {@code iptables -S}: {@code -P CHAIN POLICY} for a built-in chain (with
     * {@code -c 0 0} when {@code counts}, as {@code -S -v} prints it), {@code -N CHAIN} for another.
     *
     * @param c the chain
     * @param counts whether to print counters ({@code -S -v})
     * @return the line, without a line break
     */
    public String saveChain(Chain c, boolean counts) {
        if (!c.isBase()) {
            return "-N " + c.name();
        }
        return "-P " + c.name() + " " + c.hook().policy().name() + (counts ? " -c 0 0" : "");
    }

    /**
     * A rule's line of {@code iptables -S}: {@code -A CHAIN -i veth1 -p tcp -m tcp --dport 80 -j ACCEPT},
     * with {@code -c PACKETS BYTES} before the target when {@code counts} ({@code -S -v}).
     *
     * @param chain the rule's chain
     * @param rule the rule
     * @param counts whether to print counters ({@code -S -v})
     * @return the line, without a line break
     */
    public String saveRule(String chain, Rule rule, boolean counts) {
        IptablesView v = IptablesView.of(rule);
        StringBuilder sb = new StringBuilder("-A ").append(chain);
        if (v.source() != null) {
            sb.append(v.source().negated() ? " !" : "").append(" -s ").append(prefix(v.source(), true));
        }
        if (v.destination() != null) {
            sb.append(v.destination().negated() ? " !" : "").append(" -d ").append(prefix(v.destination(), true));
        }
        if (v.in() != null) {
            sb.append(v.in().negated() ? " !" : "").append(" -i ").append(iface(v.in().name()));
        }
        if (v.out() != null) {
            sb.append(v.out().negated() ? " !" : "").append(" -o ").append(iface(v.out().name()));
        }
        if (v.protocol() != null) {
            sb.append(v.protocolNegated() ? " !" : "").append(" -p ").append(v.protocol());
        }
        for (IptablesView.Part p : v.parts()) {
            switch (p) {
                case IptablesView.Ports ports -> {
                    sb.append(" -m ").append(ports.protocol());
                    for (Match.Port m : new Match.Port[] {ports.sport(), ports.dport()}) {
                        if (m != null) {
                            PortRange r = m.ports().getFirst();
                            sb.append(m.negated() ? " !" : "").append(m.destination() ? " --dport " : " --sport ")
                                    .append(r.single() ? Integer.toString(r.first()) : r.first() + ":" + r.last());
                        }
                    }
                    if (ports.flags() != null) {
                        sb.append(ports.flags().negated() ? " !" : "").append(" --tcp-flags ")
                                .append(IptablesTcpFlags.save(ports.flags().examined())).append(' ')
                                .append(IptablesTcpFlags.save(ports.flags().set()));
                    }
                }
                case IptablesView.Icmp i -> sb.append(IptablesIcmpTypes.save(i.type()));
                case IptablesView.MarkPart k -> sb.append(IptablesMarks.save(k.mark()));
                case IptablesView.XtPart x -> sb.append(IptablesXtMatches.save(x.matches()));
                case IptablesView.Conntrack k -> sb.append(" -m conntrack").append(k.state() == null ? ""
                        : (k.state().negated() ? " !" : "") + " --ctstate " + states(k.state()))
                        .append(IptablesConntrack.save(k.tests()));
                case IptablesView.Multiport m -> sb.append(" -m multiport").append(m.ports().negated() ? " !" : "")
                        .append(m.ports().destination() ? " --dports " : " --sports ").append(ports(m.ports(), true));
                case IptablesView.State s -> sb.append(s.state().stateMatch() ? " -m state" : " -m conntrack")
                        .append(s.state().negated() ? " !" : "")
                        .append(s.state().stateMatch() ? " --state " : " --ctstate ").append(states(s.state()));
                case IptablesView.Limit l -> sb.append(" -m limit --limit ").append(rate(l.limit()))
                        .append(l.limit().burst() != 5 ? " --limit-burst " + l.limit().burst() : "");
                case IptablesView.Foreign f -> sb.append(" [unsupported: ").append(f.nft()).append(']');
            }
        }
        if (v.comment() != null) {
            sb.append(" -m comment --comment").append(saveString(v.comment()));
        }
        if (counts) {
            Match.Counter c = v.counter() != null ? v.counter() : new Match.Counter(0, 0);
            sb.append(" -c ").append(c.packets()).append(' ').append(c.bytes());
        }
        sb.append(IptablesTargets.save(v.verdict(), family));
        return sb.toString();
    }

    // ---- -L ----

    /**
     * The listing options of {@code iptables -L}.
     *
     * @param numeric     {@code -n}: numbers, not names
     * @param verbose     {@code -v}: interfaces and counters
     * @param exact       {@code -x}: exact counters, not rounded to K, M, G
     * @param lineNumbers {@code --line-numbers}: rule numbers
     */
    public record Format(boolean numeric, boolean verbose, boolean exact, boolean lineNumbers) {
    }

    /**
     * A chain's heading in {@code iptables -L}: {@code Chain INPUT (policy ACCEPT)} and the column titles.
     *
     * @param c the chain
     * @param table the table it is in (to count references to a user chain)
     * @param f the listing options
     * @return two lines, the second without a line break
     */
    public String header(Chain c, Table table, Format f) {
        StringBuilder sb = new StringBuilder("Chain ").append(c.name());
        if (c.isBase()) {
            sb.append(" (policy ").append(c.hook().policy().name());
            if (f.verbose()) {
                sb.append(' ').append(number(0, f, true)).append("packets, ").append(number(0, f, true)).append("bytes");
            }
            sb.append(")\n");
        } else {
            sb.append(" (").append(references(table, c.name())).append(" references)\n");
        }
        if (f.lineNumbers()) {
            sb.append(String.format("%-4s ", "num"));
        }
        if (f.verbose()) {
            sb.append(f.exact() ? String.format("%8s %10s ", "pkts", "bytes") : String.format("%5s %5s ", "pkts", "bytes"));
        }
        sb.append(String.format("%-9s ", "target")).append(" prot ").append("opt");
        if (f.verbose()) {
            sb.append(String.format(" %-6s ", "in")).append(String.format("%-6s ", "out"));
        }
        sb.append(String.format(" %-19s ", "source")).append(String.format(" %-19s ", "destination"));
        return sb.toString();
    }

    /**
     * Rule {@code number} (1 is first; shown with {@code --line-numbers}) as {@code iptables -L} lists it.
     *
     * @param number the rule's number
     * @param rule the rule
     * @param f the listing options
     * @return the line, without a line break
     */
    public String listRule(int number, Rule rule, Format f) {
        IptablesView v = IptablesView.of(rule);
        StringBuilder sb = new StringBuilder();
        if (f.lineNumbers()) {
            sb.append(String.format("%-4d ", number));
        }
        if (f.verbose()) {
            Match.Counter c = v.counter() != null ? v.counter() : new Match.Counter(0, 0);
            sb.append(number(c.packets(), f, false)).append(number(c.bytes(), f, false));
        }
        sb.append(String.format("%-9s ", IptablesTargets.name(v.verdict())));
        sb.append(v.protocolNegated() ? '!' : ' ');
        String proto = v.protocol() == null ? "all" : v.protocol();
        int protoNumber = v.protocol() == null ? 0 : IptablesNames.protocolNumber(proto);
        sb.append(String.format("%-4s ", f.numeric() && protoNumber >= 0 ? Integer.toString(protoNumber) : proto));
        sb.append("-- ");
        if (f.verbose()) {
            sb.append(String.format(" %-6s ", listIface(v.in(), f))).append(String.format("%-6s ", listIface(v.out(), f)));
        }
        sb.append(v.source() != null && v.source().negated() ? '!' : ' ')
                .append(String.format("%-19s ", listAddress(v.source(), f)));
        sb.append(v.destination() != null && v.destination().negated() ? '!' : ' ')
                .append(String.format("%-19s ", listAddress(v.destination(), f)));
        if (v.verdict() instanceof Verdict.Goto) {
            sb.append("[goto] ");
        }
        for (IptablesView.Part p : v.parts()) {
            switch (p) {
                case IptablesView.Ports ports -> {
                    sb.append(' ').append(ports.protocol());
                    listPort(sb, "spt", ports.sport(), f);
                    listPort(sb, "dpt", ports.dport(), f);
                    if (ports.flags() != null) {
                        sb.append(' ').append(IptablesTcpFlags.list(ports.flags()));
                    }
                }
                case IptablesView.Icmp i -> sb.append(IptablesIcmpTypes.list(i.type(), f.numeric()));
                case IptablesView.MarkPart k -> sb.append(IptablesMarks.list(k.mark()));
                case IptablesView.XtPart x -> sb.append(IptablesXtMatches.list(x.matches()));
                case IptablesView.Conntrack k -> sb.append(k.state() == null ? ""
                        : (k.state().negated() ? " !" : "") + " ctstate " + states(k.state()))
                        .append(IptablesConntrack.list(k.tests()));
                case IptablesView.Multiport m -> sb.append(" multiport ")
                        .append(m.ports().destination() ? "dports " : "sports ")
                        .append(m.ports().negated() ? " !" : "").append(ports(m.ports(), f.numeric()));
                case IptablesView.State s -> sb.append(s.state().negated() ? " !" : "")
                        .append(s.state().stateMatch() ? " state " : " ctstate ")
                        .append(states(s.state()));
                case IptablesView.Limit l -> sb.append(" limit: avg ").append(rate(l.limit())).append(" burst ")
                        .append(l.limit().burst());
                case IptablesView.Foreign x -> sb.append(" [unsupported: ").append(x.nft()).append(']');
            }
        }
        if (v.comment() != null) {
            sb.append(" /* ").append(v.comment()).append(" */");
        }
        sb.append(IptablesTargets.print(v.verdict(), family, f.numeric()));
        return sb.toString();
    }

    // ---- pieces ----

    static long references(Table table, String chain) {
        return table.chains().stream().flatMap(c -> c.rules().stream())
                .filter(r -> r.verdict() instanceof Verdict.Jump j && j.chain().equals(chain)
                        || r.verdict() instanceof Verdict.Goto g && g.chain().equals(chain))
                .count();
    }

    /** xtables_print_num: {@code %8llu } or, without {@code -x}, {@code %5llu } up to 99999 then K, M, G, T. */
    private static String number(long n, Format f, boolean noTable) {
        if (f.exact()) {
            return noTable ? n + " " : String.format("%8d ", n);
        }
        if (n <= 99999) {
            return noTable ? n + " " : String.format("%5d ", n);
        }
        String[] units = {"K", "M", "G", "T"};
        for (int i = 0; i < units.length; i++) {
            n = (n + 500) / 1000;
            if (n <= 9999 || i == units.length - 1) {
                return noTable ? n + units[i] + " " : String.format("%4d%s ", n, units[i]);
            }
        }
        throw new AssertionError();
    }

    private String prefix(Match.Address a, boolean always) {
        int max = a.prefix().isIpv6() ? 128 : 32;
        String addr = address(a);
        if (a.mask() != null) { // iptables prints a non-contiguous netmask as an address
            return addr + "/" + InetText.format(a.mask());
        }
        return always || a.prefix().length() != max ? addr + "/" + a.prefix().length() : addr;
    }

    /** As iptables prints an address (inet_ntop: {@code ::ffff:10.0.0.1} keeps its dotted tail). */
    private static String address(Match.Address a) {
        return InetText.format(a.prefix().address());
    }

    private String listAddress(Match.Address a, Format f) {
        if (a == null) {
            return f.numeric() ? (family == Family.IP6 ? "::/0" : "0.0.0.0/0") : "anywhere";
        }
        if (a.prefix().length() == 0 && !f.numeric()) {
            return "anywhere";
        }
        return prefix(a, false);
    }

    private static String iface(String nftName) {
        return nftName.endsWith("*") ? nftName.substring(0, nftName.length() - 1) + "+" : nftName;
    }

    private static String listIface(Match.Iface i, Format f) {
        if (i == null) {
            return f.numeric() ? "*" : "any";
        }
        return (i.negated() ? "!" : "") + iface(i.name());
    }

    private static void listPort(StringBuilder sb, String name, Match.Port m, Format f) {
        if (m == null) {
            return;
        }
        PortRange r = m.ports().getFirst();
        String inv = m.negated() ? "!" : "";
        if (r.single()) {
            sb.append(' ').append(name).append(':').append(inv).append(port(r.first(), m.protocol(), f.numeric()));
        } else {
            sb.append(' ').append(name).append("s:").append(inv).append(port(r.first(), m.protocol(), f.numeric()))
                    .append(':').append(port(r.last(), m.protocol(), f.numeric()));
        }
    }

    private static String port(int port, String protocol, boolean numeric) {
        String service = numeric ? null : IptablesNames.service(port, protocol);
        return service != null ? service : Integer.toString(port);
    }

    private static String ports(Match.Port m, boolean numeric) {
        return m.ports().stream().map(r -> r.single() ? port(r.first(), m.protocol(), numeric)
                : port(r.first(), m.protocol(), numeric) + ":" + port(r.last(), m.protocol(), numeric))
                .collect(Collectors.joining(","));
    }

    private static String states(Match.CtState s) {
        return STATE_ORDER.stream().filter(s.states()::contains).map(ConnState::name).collect(Collectors.joining(","));
    }

    /** libxt_limit's print_rate: the rate as iptables stores it (a period), back in the largest fitting unit. */
    static String rate(Match.Limit l) {
        long seconds = switch (l.per()) {
            case "second" -> 1;
            case "minute" -> 60;
            case "hour" -> 3600;
            case "day" -> 86400;
            default -> 604800;
        };
        long period = 10_000L * seconds / l.rate();
        if (period == 0) {
            return "inf";
        }
        int i = 1;
        for (; i < RATE_MULT.length; i++) {
            if (period > RATE_MULT[i] || RATE_MULT[i] / period < RATE_MULT[i] % period) {
                break;
            }
        }
        return RATE_MULT[i - 1] / period + "/" + RATE_NAME[i - 1];
    }

    /** xtables_save_string: bare when only letters, digits, _ and -, else in double quotes with escapes. */
    static String saveString(String value) {
        if (!value.isEmpty() && value.chars().allMatch(c -> c == '_' || c == '-' || Character.isLetterOrDigit(c) && c < 128)) {
            return " " + value;
        }
        StringBuilder sb = new StringBuilder(" \"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\' || c == '\'') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
