package io.netns4j.firewall.iptables;


import io.netns4j.firewall.AddressRange;
import io.netns4j.firewall.CtMatch;
import io.netns4j.firewall.IcmpType;
import io.netns4j.firewall.Mark;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.PortRange;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.TcpFlags;
import io.netns4j.firewall.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Rule} seen as iptables sees it: the fixed fields (interfaces, addresses,
 * protocol), then the matches in order ({@code -m tcp}, {@code -m multiport}, ...), the
 * comment, the counter and the target. What iptables cannot say is kept as nft text.
 */
record IptablesView(Match.Iface in, Match.Iface out, Match.Address source, Match.Address destination,
                    String protocol, boolean protocolNegated, List<Part> parts, String comment, Match.Counter counter,
                    Verdict verdict) {

    /** One iptables match, in rule order. */
    sealed interface Part {
    }

    /**
     * {@code -m tcp --sport A --dport B --tcp-flags M C} (or udp, ... without flags): the single
     * ports of one protocol and its flags test, each null when absent.
     */
    record Ports(String protocol, Match.Port sport, Match.Port dport, TcpFlags flags) implements Part {
        Ports with(Match.Port p) {
            return p.destination() ? new Ports(protocol, sport, p, flags) : new Ports(protocol, p, dport, flags);
        }
    }

    /** {@code -m multiport --dports A,B}. */
    record Multiport(Match.Port ports) implements Part {
    }

    /** {@code -m icmp --icmp-type T/C} ({@code -m icmp6 --icmpv6-type}). */
    record Icmp(IcmpType type) implements Part {
    }

    /** {@code -m mark --mark V/M}. */
    record MarkPart(Mark mark) implements Part {
    }

    /**
     * An extension iptables-nft writes as an xt match ({@code -m connmark}, {@code -m ttl}, ...):
     * one match, or an iprange source range with the destination range after it.
     */
    record XtPart(List<Match> matches) implements Part {
    }

    /** {@code -m conntrack --ctstate A,B}. */
    record State(Match.CtState state) implements Part {
    }

    /** {@code -m conntrack [--ctstate S] --ctproto P ...}: a state (or null) and the {@link CtMatch} tests after it. */
    record Conntrack(Match.CtState state, List<Match> tests) implements Part {
    }

    /** {@code -m limit --limit R/UNIT --limit-burst B}. */
    record Limit(Match.Limit limit) implements Part {
    }

    /** Something iptables has no words for, as nft text. */
    record Foreign(String nft) implements Part {
    }

    static IptablesView of(Rule rule) {
        Match.Iface in = null;
        Match.Iface out = null;
        Match.Address source = null;
        Match.Address destination = null;
        String protocol = null;
        boolean protocolNegated = false;
        Match.Counter counter = null;
        List<Part> parts = new ArrayList<>();
        for (Match m : rule.matches()) {
            if (m instanceof Match.Iface i && !i.output() && in == null) {
                in = anyInterface(i) ? null : i;
            } else if (m instanceof Match.Iface i && i.output() && out == null) {
                out = anyInterface(i) ? null : i;
            } else if (m instanceof Match.Address a && !a.destination() && source == null) {
                source = a;
            } else if (m instanceof Match.Address a && a.destination() && destination == null) {
                destination = a;
            } else if (m instanceof Match.Protocol p && protocol == null) {
                protocol = p.name();
                protocolNegated = p.negated();
            } else if (m instanceof Match.Port p
                    && (protocol == null || (p.protocol().equals(protocol) && !protocolNegated))) {
                protocol = p.protocol();
                if (p.set()) {
                    parts.add(new Multiport(p));
                } else {
                    addPort(parts, p);
                }
            } else if (m instanceof TcpFlags f
                    && (protocol == null || (protocol.equals("tcp") && !protocolNegated))) {
                protocol = "tcp";
                addFlags(parts, f);
            } else if (m instanceof IcmpType t && (protocol == null
                    || (protocol.equals(t.ipv6() ? "ipv6-icmp" : "icmp") && !protocolNegated))) {
                protocol = t.ipv6() ? "ipv6-icmp" : "icmp";
                parts.add(new Icmp(t));
            } else if (m instanceof Mark k) {
                parts.add(new MarkPart(k));
            } else if (IptablesXtMatches.handles(m)) {
                if (m instanceof AddressRange r && r.destination() && !parts.isEmpty()
                        && parts.getLast() instanceof XtPart x && x.matches().size() == 1
                        && x.matches().getFirst() instanceof AddressRange s && !s.destination()) {
                    parts.set(parts.size() - 1, new XtPart(List.of(s, r)));
                } else {
                    parts.add(new XtPart(List.of(m)));
                }
            } else if (m instanceof CtMatch c) {
                if (!parts.isEmpty() && parts.getLast() instanceof State s && !s.state().stateMatch()) {
                    parts.set(parts.size() - 1, new Conntrack(s.state(), List.of(c)));
                } else if (!parts.isEmpty() && parts.getLast() instanceof Conntrack k
                        && ((CtMatch) k.tests().getLast()).order() < c.order()) {
                    List<Match> tests = new ArrayList<>(k.tests());
                    tests.add(c);
                    parts.set(parts.size() - 1, new Conntrack(k.state(), List.copyOf(tests)));
                } else {
                    parts.add(new Conntrack(null, List.of(c)));
                }
            } else if (m instanceof Match.CtState st) {
                parts.add(new State(st));
            } else if (m instanceof Match.Limit l) {
                parts.add(new Limit(l));
            } else if (m instanceof Match.Counter c && counter == null) {
                counter = c;
            } else {
                parts.add(new Foreign(m.toNft()));
            }
        }
        return new IptablesView(in, out, source, destination, protocol, protocolNegated, List.copyOf(parts),
                rule.comment(), counter, rule.verdict());
    }

    /** {@code -i +} matches every interface: iptables lists no {@code -i} for it. */
    private static boolean anyInterface(Match.Iface i) {
        return i.name().equals("*") && !i.negated();
    }

    /**
     * A port as iptables reads it back: {@code ! --dport :N} is stored as "greater than N",
     * which iptables lists as {@code --dport N+1:65535} (or the single port 65535).
     */
    private static Match.Port asListed(Match.Port p) {
        PortRange r = p.ports().getFirst();
        if (!p.negated() || r.first() != 0 || r.single() || r.last() == 65535) {
            return p;
        }
        PortRange above = r.last() == 65534 ? PortRange.of(65535) : new PortRange(r.last() + 1, 65535);
        return new Match.Port(p.protocol(), p.destination(), List.of(above), false, false);
    }

    private static void addPort(List<Part> parts, Match.Port port) {
        Match.Port p = asListed(port);
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Ports existing && existing.protocol().equals(p.protocol())
                    && (p.destination() ? existing.dport() : existing.sport()) == null) {
                parts.set(i, existing.with(p));
                return;
            }
        }
        parts.add(new Ports(p.protocol(), null, null, null).with(p));
    }

    /** iptables-nft lists a rule's tcp matches as one: the flags join the first {@code -m tcp}. */
    private static void addFlags(List<Part> parts, TcpFlags f) {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Ports existing && existing.protocol().equals("tcp") && existing.flags() == null) {
                parts.set(i, new Ports("tcp", existing.sport(), existing.dport(), f));
                return;
            }
        }
        parts.add(new Ports("tcp", null, null, f));
    }
}
