package io.netns4j.firewall.iptables;

import io.netns4j.firewall.Family;
import io.netns4j.firewall.IcmpType;
import io.netns4j.firewall.Mark;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.PortRange;
import io.netns4j.firewall.Rule;
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
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The other way of {@link IptablesNftWriter}: a rule's expressions, as iptables-nft (or
 * netns4j) wrote them, back into the {@link Rule} the command line gave. A rule holding
 * anything else (written by nft, or an iptables extension netns4j lacks) comes back with an
 * {@link Match.Unsupported} part naming it, so it is listed and counted but never rewritten.
 */
final class IptablesNftReader {
    private final Family family;
    private final List<NftExpression> in;
    private int at;
    private Match.Iface inIface;
    private Match.Iface outIface;
    private Match.Address src;
    private Match.Address dst;
    private Match.Protocol proto;
    private final List<Match> rest = new ArrayList<>();
    private Match.Counter counter;
    private String comment;
    private Verdict verdict = Verdict.NONE;

    private IptablesNftReader(Family family, List<NftExpression> in) {
        this.family = family;
        this.in = in;
    }

    static Rule read(List<NftExpression> expressions, Family family) {
        IptablesNftReader r = new IptablesNftReader(family, expressions);
        try {
            r.readAll();
            return r.rule();
        } catch (XtInfo.BadInfo | IllegalArgumentException e) {
            return new Rule(List.of(new Match.Unsupported(e.getMessage())), Verdict.NONE, null);
        }
    }

    private void readAll() throws XtInfo.BadInfo {
        while (at < in.size()) {
            NftExpression e = in.get(at++);
            switch (e) {
                case Meta m when m.key() == Meta.IIFNAME || m.key() == Meta.OIFNAME -> iface(m);
                case Meta m when m.key() == Meta.MARK -> mark();
                case Meta m when m.key() == Meta.L4PROTO -> {
                    Cmp c = cmp();
                    requireLength(c, 1, "meta l4proto");
                    proto = new Match.Protocol(IptablesNftValues.protocolName(c.data()[0] & 0xff), c.op() == Cmp.NEQ);
                }
                case Payload p when p.base() == Payload.NETWORK -> address(p);
                case Payload p when p.base() == Payload.TRANSPORT && p.length() == 2 && p.offset() <= 2 -> port(p);
                case Payload p when p.base() == Payload.TRANSPORT && p.length() == 4 && p.offset() == 0 -> ports();
                case Payload p when p.base() == Payload.TRANSPORT && p.length() == 1 && p.offset() == 13 -> tcpFlags();
                case NftExpression.Xt x when !x.target() -> match(x);
                case NftExpression.Xt x -> verdict = IptablesXtTargets.verdict(x, family);
                case NftExpression.Limit l when l.type() == 0 && l.flags() == 0
                        && IptablesNftValues.per(l.unitSeconds()) != null ->
                        rest.add(new Match.Limit(l.rate(), IptablesNftValues.per(l.unitSeconds()), l.burst()));
                case NftExpression.Counter c -> counter = new Match.Counter(c.packets(), c.bytes());
                case NftExpression.Immediate i -> verdict = immediate(i);
                default -> throw new XtInfo.BadInfo("expression " + e);
            }
        }
    }

    private Rule rule() {
        List<Match> matches = new ArrayList<>();
        for (Match m : new Match[] {inIface, outIface, src, dst, proto}) {
            if (m != null) {
                matches.add(m);
            }
        }
        matches.addAll(rest);
        if (counter != null) {
            matches.add(counter);
        }
        return new Rule(matches, verdict, comment);
    }

    private Cmp cmp() throws XtInfo.BadInfo {
        if (at < in.size() && in.get(at) instanceof Cmp c && c.sreg() == Nft.REG_1
                && (c.op() == Cmp.EQ || c.op() == Cmp.NEQ)) {
            at++;
            return c;
        }
        throw new XtInfo.BadInfo("a load not followed by an equality test");
    }

    private static void requireLength(Cmp c, int length, String what) throws XtInfo.BadInfo {
        if (c.data().length != length) {
            throw new XtInfo.BadInfo(what + " compared with " + c.data().length + " bytes");
        }
    }

    private void iface(Meta m) throws XtInfo.BadInfo {
        if (at >= in.size() || !(in.get(at) instanceof Cmp)) { // "-i +": the name loaded, nothing compared
            setIface(new Match.Iface(m.key() == Meta.OIFNAME, "*", false));
            return;
        }
        Cmp c = cmp();
        byte[] d = c.data();
        if (d.length == 0 || d.length > 16) {
            throw new XtInfo.BadInfo("an interface name of " + d.length + " bytes");
        }
        String name = d[d.length - 1] == 0 ? new String(d, 0, d.length - 1, StandardCharsets.UTF_8)
                : new String(d, StandardCharsets.UTF_8) + "*";
        setIface(new Match.Iface(m.key() == Meta.OIFNAME, name, c.op() == Cmp.NEQ));
    }

    private void setIface(Match.Iface i) {
        if (i.output()) {
            outIface = i;
        } else {
            inIface = i;
        }
    }

    private void address(Payload p) throws XtInfo.BadInfo {
        boolean v6 = family == Family.IP6;
        int full = v6 ? 16 : 4;
        boolean destination;
        if (p.offset() == (v6 ? 8 : 12)) {
            destination = false;
        } else if (p.offset() == (v6 ? 24 : 16)) {
            destination = true;
        } else {
            throw new XtInfo.BadInfo("a network header load at offset " + p.offset());
        }
        int bits = p.length() * 8;
        byte[] mask = null;
        if (at < in.size() && in.get(at) instanceof NftExpression.Bitwise w) {
            at++;
            bits = Match.Address.contiguousLength(w.mask());
            if (p.length() != full || w.mask().length != full || w.xor().length != full
                    || !java.util.Arrays.equals(w.xor(), new byte[full])) {
                throw new XtInfo.BadInfo("a network header bitwise that is not a netmask");
            }
            if (bits < 0) { // iptables-nft's non-contiguous netmask
                bits = full * 8;
                mask = w.mask();
            }
        }
        Cmp c = cmp();
        if (p.length() < 1 || p.length() > full || c.data().length != p.length()) {
            throw new XtInfo.BadInfo("an address compared with " + c.data().length + " bytes");
        }
        try {
            byte[] raw = java.util.Arrays.copyOf(c.data(), full);
            InetAddress a = v6 ? java.net.Inet6Address.getByAddress(null, raw, null) // ::ffff:a.b.c.d stays IPv6
                    : InetAddress.getByAddress(raw);
            Match.Address m = new Match.Address(destination, new InetPrefix(a, bits), c.op() == Cmp.NEQ,
                    mask == null ? null : v6 ? java.net.Inet6Address.getByAddress(null, mask, null)
                    : InetAddress.getByAddress(mask));
            if (destination) {
                dst = m;
            } else {
                src = m;
            }
        } catch (UnknownHostException e) {
            throw new XtInfo.BadInfo("an address of " + full + " bytes");
        }
    }

    private void port(Payload p) throws XtInfo.BadInfo {
        if (proto == null || proto.negated()) {
            throw new XtInfo.BadInfo("a port without -p");
        }
        if (at < in.size() && in.get(at) instanceof NftExpression.Range r && r.sreg() == Nft.REG_1
                && r.from().length == 2 && r.to().length == 2) {
            at++;
            rest.add(new Match.Port(proto.name(), p.offset() == 2, List.of(new PortRange(be16(r.from(), 0),
                    be16(r.to(), 0))), false, r.negated()));
            return;
        }
        if (at < in.size() && in.get(at) instanceof Cmp c && c.sreg() == Nft.REG_1 && c.data().length == 2
                && (c.op() == Cmp.LTE || c.op() == Cmp.GT)) {
            at++;
            rest.add(new Match.Port(proto.name(), p.offset() == 2, List.of(new PortRange(0, be16(c.data(), 0))),
                    false, c.op() == Cmp.GT));
            return;
        }
        Cmp c = cmp();
        requireLength(c, 2, "a port");
        rest.add(new Match.Port(proto.name(), p.offset() == 2, List.of(PortRange.of(be16(c.data(), 0))), false,
                c.op() == Cmp.NEQ));
    }

    /** Both ports loaded at once (4 bytes from the transport header). */
    private void ports() throws XtInfo.BadInfo {
        Cmp c = cmp();
        requireLength(c, 4, "two ports");
        if (proto == null || proto.negated()) {
            throw new XtInfo.BadInfo("ports without -p");
        }
        boolean negated = c.op() == Cmp.NEQ;
        rest.add(new Match.Port(proto.name(), false, List.of(PortRange.of(be16(c.data(), 0))), false, negated));
        rest.add(new Match.Port(proto.name(), true, List.of(PortRange.of(be16(c.data(), 2))), false, negated));
    }

    /** The mark, maybe masked, compared: {@code -m mark --mark V[/M]}. */
    private void mark() throws XtInfo.BadInfo {
        long mask = Mark.ALL;
        if (at < in.size() && in.get(at) instanceof NftExpression.Bitwise w) {
            if (w.sreg() != Nft.REG_1 || w.dreg() != Nft.REG_1 || w.mask().length != 4 || w.xor().length != 4
                    || u32(w.xor()) != 0) {
                throw new XtInfo.BadInfo("a mark bitwise that is not a mask");
            }
            mask = u32(w.mask());
            at++;
        }
        Cmp c = cmp();
        requireLength(c, 4, "the mark");
        rest.add(new Mark(u32(c.data()), mask, c.op() == Cmp.NEQ));
    }

    private static long u32(byte[] b) {
        return XtInfo.read4(b) & 0xffff_ffffL;
    }

    /** The flags byte, masked and compared: {@code --tcp-flags}. */
    private void tcpFlags() throws XtInfo.BadInfo {
        if (proto == null || proto.negated() || !proto.name().equals("tcp")) {
            throw new XtInfo.BadInfo("tcp flags without -p tcp");
        }
        if (at >= in.size() || !(in.get(at) instanceof NftExpression.Bitwise w) || w.sreg() != Nft.REG_1
                || w.dreg() != Nft.REG_1 || w.mask().length != 1 || w.xor().length != 1 || w.xor()[0] != 0) {
            throw new XtInfo.BadInfo("tcp flags loaded without a mask");
        }
        at++;
        Cmp c = cmp();
        requireLength(c, 1, "tcp flags");
        int mask = w.mask()[0] & 0xff;
        if (mask == 0 || (mask & ~0x3f) != 0 || (c.data()[0] & ~0x3f) != 0) {
            throw new XtInfo.BadInfo("tcp flags with a mask iptables has no names for (0x"
                    + Integer.toHexString(mask) + ")");
        }
        rest.add(new TcpFlags(TcpFlag.fromBits(mask), TcpFlag.fromBits(c.data()[0] & 0xff), c.op() == Cmp.NEQ));
    }

    private static int be16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private void match(NftExpression.Xt x) throws XtInfo.BadInfo {
        switch (x.xtName() + "/" + x.revision()) {
            case "comment/0" -> comment = XtInfo.getText(XtInfo.read(x.info(), XtInfo.COMMENT, "comment"), 0,
                    XtInfo.COMMENT);
            case "conntrack/3" -> {
                ByteBuffer b = XtInfo.read(x.info(), XtInfo.CONNTRACK_V3, "conntrack");
                int flags = b.getShort(XtInfo.CT_MATCH_FLAGS) & 0xffff;
                int invert = b.getShort(XtInfo.CT_INVERT_FLAGS) & 0xffff;
                var states = IptablesNftValues.states(b.getShort(XtInfo.CT_STATE_MASK) & 0xffff);
                boolean alias = (flags & XtInfo.CONNTRACK_STATE_ALIAS) != 0;
                boolean state = (flags & XtInfo.CONNTRACK_STATE) != 0;
                int others = flags & ~(XtInfo.CONNTRACK_STATE | XtInfo.CONNTRACK_STATE_ALIAS);
                if (alias && (!state || others != 0) || state && states == null
                        || !state && (b.getShort(XtInfo.CT_STATE_MASK) != 0 || (invert & XtInfo.CONNTRACK_STATE) != 0)
                        || (flags & ~0x3fff) != 0) {
                    throw new XtInfo.BadInfo("-m conntrack with options netns4j does not read (flags " + flags + ")");
                }
                if (state) {
                    rest.add(new Match.CtState(states, (invert & XtInfo.CONNTRACK_STATE) != 0, alias));
                }
                rest.addAll(IptablesConntrack.decode(b, others, invert & ~XtInfo.CONNTRACK_STATE, family));
            }
            case "multiport/1" -> rest.add(multiport(XtInfo.read(x.info(), XtInfo.MULTIPORT_V1, "multiport")));
            case "icmp/0", "icmp6/0" -> rest.add(icmp(XtInfo.read(x.info(), XtInfo.ICMP, x.xtName()),
                    x.xtName().equals("icmp6")));
            default -> {
                List<Match> decoded = IptablesXtMatches.decode(x, family);
                if (decoded == null) {
                    throw new XtInfo.BadInfo("-m " + x.xtName() + " (revision " + x.revision() + ")");
                }
                rest.addAll(decoded);
            }
        }
    }

    private Match icmp(ByteBuffer b, boolean ipv6) throws XtInfo.BadInfo {
        int type = b.get(0) & 0xff;
        int min = b.get(1) & 0xff;
        int max = b.get(2) & 0xff;
        int invert = b.get(3);
        String needed = ipv6 ? "ipv6-icmp" : "icmp";
        if (proto == null || proto.negated() || !proto.name().equals(needed) || ipv6 != (family == Family.IP6)) {
            throw new XtInfo.BadInfo("-m " + (ipv6 ? "icmp6" : "icmp") + " without -p " + needed);
        }
        if (invert < 0 || invert > 1 || !(min == 0 && max == 255 || min == max) || !ipv6 && type == 255) {
            throw new XtInfo.BadInfo("-m icmp type " + type + " codes " + min + "-" + max + " (netns4j reads one"
                    + " code or all, and no \"any\")");
        }
        return new IcmpType(ipv6, type, min == 0 && max == 255 ? null : min, invert == 1);
    }

    private Match multiport(ByteBuffer b) throws XtInfo.BadInfo {
        int flags = b.get(0);
        int count = b.get(1);
        if (flags < 0 || flags > 1 || count < 1 || count > XtInfo.MULTIPORT_MAX || proto == null || proto.negated()) {
            throw new XtInfo.BadInfo("-m multiport with flags " + flags + " and " + count + " ports");
        }
        List<PortRange> ports = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int first = b.getShort(2 + 2 * k) & 0xffff;
            if (b.get(32 + k) != 0 && k + 1 < count) {
                k++;
                ports.add(new PortRange(first, b.getShort(2 + 2 * k) & 0xffff));
            } else {
                ports.add(PortRange.of(first));
            }
        }
        return new Match.Port(proto.name(), flags == 1, ports, true, b.get(47) != 0);
    }

    private static Verdict immediate(NftExpression.Immediate i) throws XtInfo.BadInfo {
        return switch (i.verdict()) {
            case Nft.NF_ACCEPT -> Verdict.ACCEPT;
            case Nft.NF_DROP -> Verdict.DROP;
            case Nft.NFT_RETURN -> Verdict.RETURN;
            case Nft.NFT_JUMP -> new Verdict.Jump(i.chain());
            case Nft.NFT_GOTO -> new Verdict.Goto(i.chain());
            default -> throw new XtInfo.BadInfo("verdict code " + i.verdict());
        };
    }
}
