package io.netns4j.firewall.iptables;

import io.netns4j.firewall.Family;
import io.netns4j.firewall.Mark;
import io.netns4j.firewall.NatFlag;
import io.netns4j.firewall.Redirect;
import io.netns4j.firewall.SetConnMark;
import io.netns4j.firewall.SetMark;
import io.netns4j.firewall.PortRange;
import io.netns4j.firewall.Verdict;
import io.netns4j.internal.netlink.nft.NftExpression;
import io.netns4j.types.InetPrefix;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;

/**
 * The xtables targets iptables-nft writes through nft_compat (REJECT, LOG, MASQUERADE, SNAT,
 * DNAT, REDIRECT, MARK, CONNMARK), both ways: a {@link Verdict} to its target expression, and back.
 */
final class IptablesXtTargets {
    /** ipt_reject_with / ip6t_reject_with by nft's code name; index = the kernel's number. */
    private static final List<String> REJECT4 = Arrays.asList("net-unreachable", "host-unreachable",
            "prot-unreachable", "port-unreachable", null, "net-prohibited", "host-prohibited", "tcp reset",
            "admin-prohibited");
    private static final List<String> REJECT6 = Arrays.asList("no-route", "admin-prohibited", null,
            "addr-unreachable", "port-unreachable", null, "tcp reset", "policy-fail", "reject-route");

    private IptablesXtTargets() {
    }

    static NftExpression reject(Verdict.Reject r, Family family) {
        List<String> table = family == Family.IP6 ? REJECT6 : REJECT4;
        String code = r.type() == null ? "port-unreachable" : r.code() == null ? "tcp reset" : r.code();
        int with = table.indexOf(code);
        if (with < 0) {
            throw new IllegalArgumentException("REJECT cannot reply " + r.toNft() + " in " + family.keyword());
        }
        ByteBuffer b = XtInfo.buffer(XtInfo.REJECT);
        b.putInt(0, with);
        return new NftExpression.Xt(true, "REJECT", 0, b.array());
    }

    static NftExpression log(Verdict.Log l) {
        ByteBuffer b = XtInfo.buffer(XtInfo.LOG);
        b.put(0, (byte) (l.level() == null ? 4 : Verdict.Log.LEVELS.indexOf(l.level())));
        b.put(1, (byte) l.flags().stream().mapToInt(io.netns4j.firewall.LogFlag::bit).sum());
        if (l.prefix() != null) {
            XtInfo.putText(b, 2, l.prefix(), XtInfo.LOG_PREFIX);
        }
        return new NftExpression.Xt(true, "LOG", 0, b.array());
    }

    /** MASQUERADE and REDIRECT revision 0: the IPv4 compat range, nf_nat_range in IPv6; ports and flags only. */
    static NftExpression portsOnly(String name, PortRange ports, Set<NatFlag> flags, Family family) {
        int f = bits(flags) | (ports != null ? XtInfo.NAT_PROTO_SPECIFIED : 0);
        int min = ports == null ? 0 : ports.first();
        int max = ports == null ? 0 : ports.last();
        if (family == Family.IP6) {
            ByteBuffer b = XtInfo.buffer(XtInfo.NAT_RANGE).putInt(0, f);
            XtInfo.putBe16(b, 36, min);
            XtInfo.putBe16(b, 38, max);
            return new NftExpression.Xt(true, name, 0, b.array());
        }
        ByteBuffer b = XtInfo.buffer(XtInfo.NAT_COMPAT).putInt(0, 1).putInt(4, f);
        XtInfo.putBe16(b, 16, min);
        XtInfo.putBe16(b, 18, max);
        return new NftExpression.Xt(true, name, 0, b.array());
    }

    static NftExpression masquerade(Verdict.Masquerade m, Family family) {
        if (m.flags().contains(NatFlag.PERSISTENT)) {
            throw new IllegalArgumentException("iptables' MASQUERADE has no --persistent");
        }
        return portsOnly("MASQUERADE", m.ports(), m.flags(), family);
    }

    static NftExpression redirect(Redirect r, Family family) {
        return portsOnly("REDIRECT", r.ports(), r.random() ? Set.of(NatFlag.RANDOM) : Set.of(), family);
    }

    /** CONNMARK revision 2: ctmark, ctmask, nfmask, shift_dir, shift_bits (0), mode. */
    static NftExpression connmark(SetConnMark c) {
        ByteBuffer b = XtInfo.buffer(XtInfo.CONNMARK_V2).putInt(0, (int) c.value()).putInt(4, (int) c.ctMask())
                .putInt(8, (int) c.nfMask()).put(14, (byte) c.mode().ordinal());
        return new NftExpression.Xt(true, "CONNMARK", 2, b.array());
    }

    private static int bits(Set<NatFlag> flags) {
        int f = 0;
        for (NatFlag x : flags) {
            f |= x.bit();
        }
        return f;
    }

    private static Set<NatFlag> flagsOf(int bits) {
        Set<NatFlag> out = EnumSet.noneOf(NatFlag.class);
        for (NatFlag x : NatFlag.values()) {
            if ((bits & x.bit()) != 0) {
                out.add(x);
            }
        }
        return out;
    }

    /**
     * SNAT and DNAT at the revisions iptables-nft 1.8.9 picks: SNAT 0 (the IPv4 compat range)
     * and 1 (nf_nat_range) in IPv6, DNAT 2 (nf_nat_range2) in both.
     */
    static NftExpression nat(Verdict.Nat n, Family family) {
        String[] ends = n.address().split("-", 2);
        byte[] first = InetPrefix.parseAddress(ends[0]).getAddress();
        byte[] last = InetPrefix.parseAddress(ends[ends.length - 1]).getAddress();
        if (!n.source() && n.flags().contains(NatFlag.RANDOM_FULLY)) {
            throw new IllegalArgumentException("iptables' DNAT has no --random-fully");
        }
        int flags = XtInfo.NAT_MAP_IPS | (n.ports() != null ? XtInfo.NAT_PROTO_SPECIFIED : 0) | bits(n.flags());
        int minPort = n.ports() == null ? 0 : n.ports().first();
        int maxPort = n.ports() == null ? 0 : n.ports().last();
        if (n.source() && family == Family.IP) {
            ByteBuffer b = XtInfo.buffer(XtInfo.NAT_COMPAT);
            b.putInt(0, 1).putInt(4, flags).put(8, first).put(12, last);
            XtInfo.putBe16(b, 16, minPort);
            XtInfo.putBe16(b, 18, maxPort);
            return new NftExpression.Xt(true, "SNAT", 0, b.array());
        }
        ByteBuffer b = XtInfo.buffer(n.source() ? XtInfo.NAT_RANGE : XtInfo.NAT_RANGE2);
        b.putInt(0, flags).put(4, Arrays.copyOf(first, 16)).put(20, Arrays.copyOf(last, 16));
        XtInfo.putBe16(b, 36, minPort);
        XtInfo.putBe16(b, 38, maxPort);
        return new NftExpression.Xt(true, n.source() ? "SNAT" : "DNAT", n.source() ? 1 : 2, b.array());
    }

    /** The verdict of a target expression; throws {@link XtInfo.BadInfo} for what netns4j cannot say. */
    static Verdict verdict(NftExpression.Xt x, Family family) throws XtInfo.BadInfo {
        return switch (x.xtName() + "/" + x.revision()) {
            case "REJECT/0" -> {
                int with = XtInfo.read(x.info(), XtInfo.REJECT, "REJECT").getInt(0);
                List<String> table = family == Family.IP6 ? REJECT6 : REJECT4;
                String code = with >= 0 && with < table.size() ? table.get(with) : null;
                if (code == null) {
                    throw new XtInfo.BadInfo("REJECT with code " + with);
                }
                yield code.equals("port-unreachable") ? Verdict.Reject.DEFAULT : code.equals("tcp reset")
                        ? Verdict.Reject.TCP_RESET : Verdict.Reject.icmp(family == Family.IP6 ? "icmpv6" : "icmp", code);
            }
            case "LOG/0" -> {
                ByteBuffer b = XtInfo.read(x.info(), XtInfo.LOG, "LOG");
                int level = b.get(0);
                int bits = b.get(1) & 0xff;
                Set<io.netns4j.firewall.LogFlag> flags = EnumSet.noneOf(io.netns4j.firewall.LogFlag.class);
                for (io.netns4j.firewall.LogFlag f : io.netns4j.firewall.LogFlag.values()) {
                    if ((bits & f.bit()) != 0) {
                        flags.add(f);
                        bits &= ~f.bit();
                    }
                }
                if (level < 0 || level > 7 || bits != 0) {
                    throw new XtInfo.BadInfo("LOG with level " + level + " and flags " + b.get(1));
                }
                String prefix = XtInfo.getText(b, 2, XtInfo.LOG_PREFIX);
                yield new Verdict.Log(prefix.isEmpty() ? null : prefix, Verdict.Log.LEVELS.get(level), flags);
            }
            case "MASQUERADE/0", "REDIRECT/0" -> portsOnly(x, family);
            case "CONNMARK/2" -> {
                ByteBuffer b = XtInfo.read(x.info(), XtInfo.CONNMARK_V2, "CONNMARK");
                int mode = b.get(14);
                long value = b.getInt(0) & Mark.ALL;
                if (mode < 0 || mode > 2 || b.get(12) != 0 || b.get(13) != 0 || b.get(15) != 0
                        || mode != 0 && value != 0) {
                    throw new XtInfo.BadInfo("CONNMARK mode " + mode + " with a shift or a value");
                }
                yield new SetConnMark(SetConnMark.Mode.values()[mode], value, b.getInt(4) & Mark.ALL,
                        b.getInt(8) & Mark.ALL);
            }
            case "MARK/2" -> {
                ByteBuffer b = XtInfo.read(x.info(), XtInfo.MARK_V2, "MARK");
                yield new SetMark(b.getInt(0) & Mark.ALL, b.getInt(4) & Mark.ALL);
            }
            case "SNAT/0" -> snatCompat(x, family);
            case "SNAT/1", "DNAT/2" -> natVerdict(x, family);
            default -> throw new XtInfo.BadInfo("target " + x.xtName() + " revision " + x.revision());
        };
    }

    private static Verdict portsOnly(NftExpression.Xt x, Family family) throws XtInfo.BadInfo {
        boolean v6 = family == Family.IP6;
        ByteBuffer b = XtInfo.read(x.info(), v6 ? XtInfo.NAT_RANGE : XtInfo.NAT_COMPAT, x.xtName());
        int flags = b.getInt(v6 ? 0 : 4);
        int portsAt = v6 ? 36 : 16;
        byte[] rest = x.info().clone();
        Arrays.fill(rest, v6 ? 0 : 4, v6 ? 4 : 8, (byte) 0);
        Arrays.fill(rest, portsAt, portsAt + 4, (byte) 0);
        if (!v6) {
            Arrays.fill(rest, 0, 4, (byte) 0);
        }
        int allowed = XtInfo.NAT_PROTO_SPECIFIED | XtInfo.NAT_PROTO_RANDOM
                | (x.xtName().equals("MASQUERADE") ? XtInfo.NAT_PROTO_RANDOM_FULLY : 0);
        if (!v6 && b.getInt(0) != 1 || (flags & ~allowed) != 0 || !Arrays.equals(rest, new byte[rest.length])) {
            throw new XtInfo.BadInfo(x.xtName() + " with flags " + flags + " or addresses");
        }
        PortRange ports = (flags & XtInfo.NAT_PROTO_SPECIFIED) == 0 ? null
                : new PortRange(XtInfo.getBe16(b, portsAt), XtInfo.getBe16(b, portsAt + 2));
        Set<NatFlag> f = flagsOf(flags);
        return x.xtName().equals("REDIRECT") ? new Redirect(ports, f.contains(NatFlag.RANDOM))
                : new Verdict.Masquerade(ports, f);
    }

    private static Verdict snatCompat(NftExpression.Xt x, Family family) throws XtInfo.BadInfo {
        ByteBuffer b = XtInfo.read(x.info(), XtInfo.NAT_COMPAT, "SNAT");
        if (family != Family.IP || b.getInt(0) != 1) {
            throw new XtInfo.BadInfo("SNAT with " + b.getInt(0) + " ranges");
        }
        return nat(x, b.getInt(4), text(b, 8, 4), text(b, 12, 4), XtInfo.getBe16(b, 16), XtInfo.getBe16(b, 18));
    }

    private static Verdict natVerdict(NftExpression.Xt x, Family family) throws XtInfo.BadInfo {
        ByteBuffer b = XtInfo.read(x.info(), x.xtName().equals("SNAT") ? XtInfo.NAT_RANGE : XtInfo.NAT_RANGE2,
                x.xtName());
        int len = family == Family.IP6 ? 16 : 4;
        if (x.info().length == XtInfo.NAT_RANGE2 && XtInfo.getBe16(b, 40) != 0) {
            throw new XtInfo.BadInfo(x.xtName() + " with a port offset");
        }
        return nat(x, b.getInt(0), text(b, 4, len), text(b, 20, len), XtInfo.getBe16(b, 36), XtInfo.getBe16(b, 38));
    }

    private static Verdict nat(NftExpression.Xt x, int flags, String first, String last, int minPort, int maxPort)
            throws XtInfo.BadInfo {
        int allowed = XtInfo.NAT_MAP_IPS | XtInfo.NAT_PROTO_SPECIFIED | XtInfo.NAT_PROTO_RANDOM | XtInfo.NAT_PERSISTENT
                | (x.xtName().equals("SNAT") ? XtInfo.NAT_PROTO_RANDOM_FULLY : 0);
        if ((flags & ~allowed) != 0 || (flags & XtInfo.NAT_MAP_IPS) == 0) {
            throw new XtInfo.BadInfo(x.xtName() + " with flags " + flags);
        }
        PortRange ports = (flags & XtInfo.NAT_PROTO_SPECIFIED) == 0 ? null : new PortRange(minPort, maxPort);
        return new Verdict.Nat(x.xtName().equals("SNAT"), first.equals(last) ? first : first + "-" + last, ports,
                flagsOf(flags));
    }

    private static String text(ByteBuffer b, int at, int len) throws XtInfo.BadInfo {
        byte[] a = new byte[len];
        b.get(at, a);
        try {
            return InetAddress.getByAddress(a).getHostAddress();
        } catch (UnknownHostException e) {
            throw new XtInfo.BadInfo("a NAT address of " + len + " bytes");
        }
    }
}
