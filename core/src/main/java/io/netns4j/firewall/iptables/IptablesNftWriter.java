package io.netns4j.firewall.iptables;

import io.netns4j.firewall.ConnState;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.IcmpType;
import io.netns4j.firewall.Mark;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.PortRange;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.SetMark;
import io.netns4j.firewall.TcpFlag;
import io.netns4j.firewall.TcpFlags;
import io.netns4j.firewall.Verdict;
import io.netns4j.internal.netlink.nft.Nft;
import io.netns4j.internal.netlink.nft.NftExpression;
import io.netns4j.internal.netlink.nft.NftExpression.Cmp;
import io.netns4j.internal.netlink.nft.NftExpression.Meta;
import io.netns4j.internal.netlink.nft.NftExpression.Payload;
import io.netns4j.types.InetPrefix;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Rule} of netns4j's iptables subset written as iptables-nft 1.8.9 writes the same
 * command line: interfaces, protocol and addresses as native expressions, {@code -m tcp/udp}
 * ports and {@code --tcp-flags} as payload comparisons, {@code --icmp-type} as xt icmp,
 * {@code -m mark} as a native meta mark comparison, {@code -j MARK} as xt MARK revision 2, {@code -m limit} as a native limit, {@code -m multiport},
 * {@code -m conntrack}/{@code -m state}, {@code -m comment} and the REJECT, LOG and NAT
 * targets as xtables extensions (nft_compat), a counter in every rule, and the verdict.
 * Anything else is refused with an {@link IllegalArgumentException}: a rule the real
 * iptables would read differently is never written.
 */
final class IptablesNftWriter {
    private IptablesNftWriter() {
    }

    /** What goes into NFT_MSG_NEWRULE. */
    record Encoded(List<NftExpression> expressions, int protocol, boolean protocolInverted) {
    }

    static Encoded encode(Rule rule, Family family) {
        List<NftExpression> out = new ArrayList<>();
        Match.Iface in = null;
        Match.Iface outIface = null;
        Match.Address src = null;
        Match.Address dst = null;
        Match.Protocol proto = null;
        List<Match> rest = new ArrayList<>();
        for (Match m : rule.matches()) {
            if (m instanceof Match.Iface i && !i.output() && in == null) {
                in = i;
            } else if (m instanceof Match.Iface i && i.output() && outIface == null) {
                outIface = i;
            } else if (m instanceof Match.Address a && !a.destination() && src == null) {
                src = a;
            } else if (m instanceof Match.Address a && a.destination() && dst == null) {
                dst = a;
            } else if (m instanceof Match.Protocol p && proto == null) {
                proto = p;
            } else if (!(m instanceof Match.Counter)) {
                rest.add(m);
            }
        }
        if (proto == null) { // the model drops -p when a port match or a tcp flags test implies it
            for (Match m : rest) {
                if (m instanceof Match.Port p) {
                    proto = new Match.Protocol(p.protocol(), false);
                    break;
                }
                if (m instanceof TcpFlags) {
                    proto = new Match.Protocol("tcp", false);
                    break;
                }
                if (m instanceof IcmpType t) {
                    proto = new Match.Protocol(t.ipv6() ? "ipv6-icmp" : "icmp", false);
                    break;
                }
            }
        }
        iface(out, in);
        iface(out, outIface);
        int protocol = 0;
        if (proto != null) {
            protocol = IptablesNftValues.protocol(proto.name());
            out.add(new Meta(Meta.L4PROTO, Nft.REG_1));
            out.add(new Cmp(Nft.REG_1, proto.negated() ? Cmp.NEQ : Cmp.EQ, new byte[] {(byte) protocol}));
        }
        address(out, src, family);
        address(out, dst, family);
        for (int i = 0; i < rest.size(); i++) {
            Match m = rest.get(i);
            if (m instanceof Match.Port p && !p.set()) {
                if (proto == null || proto.negated() || !proto.name().equals(p.protocol())) {
                    throw new IllegalArgumentException("a port match needs -p " + p.protocol());
                }
                Match.Port next = i + 1 < rest.size() && rest.get(i + 1) instanceof Match.Port q && !q.set() ? q : null;
                if (next != null && !p.destination() && next.destination() && combinable(p, next)) {
                    out.add(new Payload(Payload.TRANSPORT, 0, 4, Nft.REG_1));
                    int sport = p.ports().getFirst().first();
                    int dport = next.ports().getFirst().first();
                    out.add(new Cmp(Nft.REG_1, p.negated() ? Cmp.NEQ : Cmp.EQ,
                            new byte[] {(byte) (sport >>> 8), (byte) sport, (byte) (dport >>> 8), (byte) dport}));
                    i++;
                } else {
                    port(out, p);
                }
            } else if (m instanceof TcpFlags f) {
                tcpFlags(out, f, proto);
            } else if (m instanceof Mark k) {
                mark(out, k);
            } else if (m instanceof Match.CtState s && !s.stateMatch() || m instanceof io.netns4j.firewall.CtMatch) {
                int n = IptablesConntrack.group(rest, i);
                ByteBuffer b = XtInfo.buffer(XtInfo.CONNTRACK_V3);
                if (m instanceof Match.CtState s) {
                    b.put(conntrack(s).info());
                }
                IptablesConntrack.encode(b, rest.subList(i, i + n), family);
                out.add(new NftExpression.Xt(false, "conntrack", 3, b.array()));
                i += n - 1;
            } else if (IptablesXtMatches.handles(m)) {
                IptablesXtMatches.Encoded e = IptablesXtMatches.encode(m, i + 1 < rest.size() ? rest.get(i + 1) : null,
                        family);
                out.add(e.expression());
                i += e.tookNext() ? 1 : 0;
            } else {
                out.add(match(m, proto, family));
            }
        }
        out.add(new NftExpression.Counter(0, 0));
        if (rule.comment() != null) {
            out.add(out.size() - 1, comment(rule.comment()));
        }
        verdict(out, rule.verdict(), family, protocol);
        return new Encoded(List.copyOf(out), protocol, proto != null && proto.negated());
    }

    private static void iface(List<NftExpression> out, Match.Iface i) {
        if (i == null) {
            return;
        }
        String name = i.name();
        byte[] data;
        if (name.endsWith("*")) {
            if (name.length() == 1) { // "-i +": iptables-nft loads the name and compares nothing
                out.add(new Meta(i.output() ? Meta.OIFNAME : Meta.IIFNAME, Nft.REG_1));
                return;
            }
            data = name.substring(0, name.length() - 1).getBytes(StandardCharsets.UTF_8);
        } else {
            byte[] b = name.getBytes(StandardCharsets.UTF_8);
            data = new byte[b.length + 1];
            System.arraycopy(b, 0, data, 0, b.length);
        }
        out.add(new Meta(i.output() ? Meta.OIFNAME : Meta.IIFNAME, Nft.REG_1));
        out.add(new Cmp(Nft.REG_1, i.negated() ? Cmp.NEQ : Cmp.EQ, data));
    }

    /**
     * {@code -s/-d}: iptables-nft loads only the whole bytes a byte-aligned prefix covers
     * (a /8 loads one byte), and masks the rest with a bitwise; a non-contiguous netmask is
     * the whole address's load, a bitwise AND with the mask, and a cmp.
     */
    private static void address(List<NftExpression> out, Match.Address a, Family family) {
        if (a == null) {
            return;
        }
        InetPrefix p = a.prefix();
        if (p.length() == 0 && !a.negated()) {
            return;
        }
        boolean v6 = family == Family.IP6;
        int offset = v6 ? (a.destination() ? 24 : 8) : (a.destination() ? 16 : 12);
        int full = v6 ? 16 : 4;
        byte[] addr = p.address().getAddress();
        int op = a.negated() ? Cmp.NEQ : Cmp.EQ;
        if (a.mask() != null) { // a non-contiguous netmask: the whole address, ANDed with it
            out.add(new Payload(Payload.NETWORK, offset, full, Nft.REG_1));
            out.add(new NftExpression.Bitwise(Nft.REG_1, Nft.REG_1, a.mask().getAddress(), new byte[full]));
            out.add(new Cmp(Nft.REG_1, op, addr));
            return;
        }
        if (p.length() % 8 == 0) {
            int len = p.length() == 0 ? full : p.length() / 8;
            out.add(new Payload(Payload.NETWORK, offset, len, Nft.REG_1));
            out.add(new Cmp(Nft.REG_1, op, java.util.Arrays.copyOf(addr, len)));
            return;
        }
        byte[] mask = InetPrefix.parse((v6 ? "::" : "0.0.0.0") + "/0").address().getAddress();
        for (int bit = 0; bit < p.length(); bit++) {
            mask[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        out.add(new Payload(Payload.NETWORK, offset, full, Nft.REG_1));
        out.add(new NftExpression.Bitwise(Nft.REG_1, Nft.REG_1, mask, new byte[full]));
        out.add(new Cmp(Nft.REG_1, op, addr));
    }

    /** iptables-nft loads both ports at once when each is one port (not 0) and both are negated alike. */
    private static boolean combinable(Match.Port sport, Match.Port dport) {
        PortRange s = sport.ports().getFirst();
        PortRange d = dport.ports().getFirst();
        return s.single() && d.single() && s.first() != 0 && d.first() != 0 && sport.negated() == dport.negated();
    }

    private static void port(List<NftExpression> out, Match.Port p) {
        PortRange r = p.ports().getFirst();
        if (r.first() == 0 && r.last() == 65535) {
            throw new IllegalArgumentException("the port range 0:65535 matches every port: leave it out");
        }
        out.add(new Payload(Payload.TRANSPORT, p.destination() ? 2 : 0, 2, Nft.REG_1));
        if (r.single()) {
            out.add(new Cmp(Nft.REG_1, p.negated() ? Cmp.NEQ : Cmp.EQ, be16(r.first())));
        } else if (r.first() == 0) { // ":N" is a comparison, not a range
            out.add(new Cmp(Nft.REG_1, p.negated() ? Cmp.GT : Cmp.LTE, be16(r.last())));
        } else {
            out.add(new NftExpression.Range(Nft.REG_1, p.negated(), be16(r.first()), be16(r.last())));
        }
    }

    /** {@code --tcp-flags}: the flags byte (offset 13), masked, compared; iptables-nft writes no xt tcp for it. */
    private static void tcpFlags(List<NftExpression> out, TcpFlags f, Match.Protocol proto) {
        if (proto == null || proto.negated() || !proto.name().equals("tcp")) {
            throw new IllegalArgumentException("a tcp flags test needs -p tcp");
        }
        if (!IptablesTcpFlags.named(f)) {
            throw new IllegalArgumentException("iptables has no names for the TCP flags ECE and CWR: use the nft"
                    + " command for \"" + f.toNft() + "\"");
        }
        out.add(new Payload(Payload.TRANSPORT, 13, 1, Nft.REG_1));
        out.add(new NftExpression.Bitwise(Nft.REG_1, Nft.REG_1, new byte[] {(byte) TcpFlag.toBits(f.examined())},
                new byte[1]));
        out.add(new Cmp(Nft.REG_1, f.negated() ? Cmp.NEQ : Cmp.EQ, new byte[] {(byte) TcpFlag.toBits(f.set())}));
    }

    /** {@code -m mark}: iptables-nft writes a native meta mark load, a bitwise unless the mask is whole, a cmp. */
    private static void mark(List<NftExpression> out, Mark m) {
        out.add(new Meta(Meta.MARK, Nft.REG_1));
        if (m.mask() != Mark.ALL) {
            out.add(new NftExpression.Bitwise(Nft.REG_1, Nft.REG_1, u32(m.mask()), new byte[4]));
        }
        out.add(new Cmp(Nft.REG_1, m.negated() ? Cmp.NEQ : Cmp.EQ, u32(m.value())));
    }

    /** A 32-bit register value in host order, as meta mark holds it. */
    static byte[] u32(long v) {
        return XtInfo.buffer(4).putInt(0, (int) v).array();
    }

    static byte[] be16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    /** {@code --icmp-type}: iptables-nft 1.8.9 writes xt icmp (icmp6) revision 0, type and a code range. */
    private static NftExpression icmp(IcmpType t, Match.Protocol proto, Family family) {
        String needed = t.ipv6() ? "ipv6-icmp" : "icmp";
        if (t.ipv6() != (family == Family.IP6) || proto == null || proto.negated() || !proto.name().equals(needed)) {
            throw new IllegalArgumentException("an " + (t.ipv6() ? "ICMPv6" : "ICMP") + " type needs -p " + needed
                    + (t.ipv6() ? " in ip6tables" : " in iptables"));
        }
        if (!t.ipv6() && t.type() == 255) {
            throw new IllegalArgumentException("iptables stores ICMP type 255 as \"any\" (every ICMP packet): leave"
                    + " the type out");
        }
        ByteBuffer b = XtInfo.buffer(XtInfo.ICMP);
        b.put(0, (byte) t.type()).put(1, (byte) (t.code() == null ? 0 : t.code()))
                .put(2, (byte) (t.code() == null ? 255 : t.code())).put(3, (byte) (t.negated() ? 1 : 0));
        return new NftExpression.Xt(false, t.ipv6() ? "icmp6" : "icmp", 0, b.array());
    }

    private static NftExpression match(Match m, Match.Protocol proto, Family family) {
        return switch (m) {
            case Match.Port p -> multiport(p, proto);
            case Match.CtState s -> conntrack(s);
            case Match.Limit l -> new NftExpression.Limit(l.rate(), IptablesNftValues.seconds(l.per()), l.burst(), 0, 0);
            case IcmpType t -> icmp(t, proto, family);
            default -> throw new IllegalArgumentException("netns4j cannot write \"" + m.toNft()
                    + "\" as iptables-nft would: use the nft command for it");
        };
    }

    private static NftExpression multiport(Match.Port p, Match.Protocol proto) {
        if (proto == null || proto.negated() || !proto.name().equals(p.protocol())) {
            throw new IllegalArgumentException("multiport needs -p tcp, udp, udplite, dccp or sctp");
        }
        List<PortRange> ports = p.ports();
        int slots = ports.stream().mapToInt(r -> r.single() ? 1 : 2).sum();
        if (slots > XtInfo.MULTIPORT_MAX) {
            throw new IllegalArgumentException("too many ports specified (multiport takes 15, a range counts 2)");
        }
        ByteBuffer b = XtInfo.buffer(XtInfo.MULTIPORT_V1);
        b.put(0, (byte) (p.destination() ? 1 : 0)).put(1, (byte) slots);
        int k = 0;
        for (PortRange r : ports) {
            b.putShort(2 + 2 * k, (short) r.first());
            if (!r.single()) {
                b.put(32 + k, (byte) 1);
                k++;
                b.putShort(2 + 2 * k, (short) r.last());
            }
            k++;
        }
        b.put(47, (byte) (p.negated() ? 1 : 0));
        return new NftExpression.Xt(false, "multiport", 1, b.array());
    }

    private static NftExpression.Xt conntrack(Match.CtState s) {
        ByteBuffer b = XtInfo.buffer(XtInfo.CONNTRACK_V3);
        b.putShort(XtInfo.CT_MATCH_FLAGS, (short) (XtInfo.CONNTRACK_STATE
                | (s.stateMatch() ? XtInfo.CONNTRACK_STATE_ALIAS : 0)));
        b.putShort(XtInfo.CT_INVERT_FLAGS, (short) (s.negated() ? XtInfo.CONNTRACK_STATE : 0));
        b.putShort(XtInfo.CT_STATE_MASK, (short) IptablesNftValues.stateMask(s.states()));
        return new NftExpression.Xt(false, "conntrack", 3, b.array());
    }

    private static NftExpression comment(String text) {
        ByteBuffer b = XtInfo.buffer(XtInfo.COMMENT);
        XtInfo.putText(b, 0, text, XtInfo.COMMENT);
        return new NftExpression.Xt(false, "comment", 0, b.array());
    }

    private static void verdict(List<NftExpression> out, Verdict v, Family family, int protocol) {
        switch (v) {
            case Verdict.Accept a -> out.add(new NftExpression.Immediate(Nft.NF_ACCEPT, null));
            case Verdict.Drop d -> out.add(new NftExpression.Immediate(Nft.NF_DROP, null));
            case Verdict.Return r -> out.add(new NftExpression.Immediate(Nft.NFT_RETURN, null));
            case Verdict.Jump j -> out.add(new NftExpression.Immediate(Nft.NFT_JUMP, j.chain()));
            case Verdict.Goto g -> out.add(new NftExpression.Immediate(Nft.NFT_GOTO, g.chain()));
            case Verdict.None n -> { }
            case Verdict.Reject r -> out.add(IptablesXtTargets.reject(r, family));
            case Verdict.Log l -> out.add(IptablesXtTargets.log(l));
            case Verdict.Masquerade m -> out.add(IptablesXtTargets.masquerade(m, family));
            case io.netns4j.firewall.Redirect r -> out.add(IptablesXtTargets.redirect(r, family));
            case io.netns4j.firewall.SetConnMark c -> out.add(IptablesXtTargets.connmark(c));
            case Verdict.Nat n -> out.add(IptablesXtTargets.nat(n, family));
            case SetMark m -> out.add(new NftExpression.Xt(true, "MARK", 2, XtInfo.buffer(XtInfo.MARK_V2)
                    .putInt(0, (int) m.value()).putInt(4, (int) m.mask()).array()));
            default -> throw new IllegalArgumentException("netns4j cannot write the verdict \"" + v.toNft()
                    + "\" as iptables-nft would");
        }
    }

    static byte[] address16(InetAddress a) {
        byte[] b = a.getAddress();
        return java.util.Arrays.copyOf(b, 16);
    }
}
