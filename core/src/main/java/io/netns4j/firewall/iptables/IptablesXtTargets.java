package io.netns4j.firewall.iptables;

import io.netns4j.firewall.Family;
import io.netns4j.firewall.Mark;
import io.netns4j.firewall.SetMark;
import io.netns4j.firewall.PortRange;
import io.netns4j.firewall.Verdict;
import io.netns4j.internal.netlink.nft.NftExpression;
import io.netns4j.types.InetPrefix;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The xtables targets iptables-nft writes through nft_compat (REJECT, LOG, MASQUERADE, SNAT,
 * DNAT), both ways: a {@link Verdict} to its target expression, and back.
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
        if (l.prefix() != null) {
            XtInfo.putText(b, 2, l.prefix(), XtInfo.LOG_PREFIX);
        }
        return new NftExpression.Xt(true, "LOG", 0, b.array());
    }

    static NftExpression masquerade(Family family) {
        if (family == Family.IP6) {
            return new NftExpression.Xt(true, "MASQUERADE", 0, new byte[XtInfo.NAT_RANGE]);
        }
        ByteBuffer b = XtInfo.buffer(XtInfo.NAT_COMPAT);
        b.putInt(0, 1);
        return new NftExpression.Xt(true, "MASQUERADE", 0, b.array());
    }

    /**
     * SNAT and DNAT at the revisions iptables-nft 1.8.9 picks: SNAT 0 (the IPv4 compat range)
     * and 1 (nf_nat_range) in IPv6, DNAT 2 (nf_nat_range2) in both.
     */
    static NftExpression nat(Verdict.Nat n, Family family) {
        String[] ends = n.address().split("-", 2);
        byte[] first = InetPrefix.parseAddress(ends[0]).getAddress();
        byte[] last = InetPrefix.parseAddress(ends[ends.length - 1]).getAddress();
        int flags = XtInfo.NAT_MAP_IPS | (n.ports() != null ? XtInfo.NAT_PROTO_SPECIFIED : 0);
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
                if (level < 0 || level > 7 || b.get(1) != 0) {
                    throw new XtInfo.BadInfo("LOG with level " + level + " and flags " + b.get(1));
                }
                String prefix = XtInfo.getText(b, 2, XtInfo.LOG_PREFIX);
                yield new Verdict.Log(prefix.isEmpty() ? null : prefix, Verdict.Log.LEVELS.get(level));
            }
            case "MASQUERADE/0" -> {
                byte[] expected = masquerade(family) instanceof NftExpression.Xt m ? m.info() : null;
                if (!Arrays.equals(expected, x.info())) {
                    throw new XtInfo.BadInfo("MASQUERADE with options");
                }
                yield new Verdict.Masquerade();
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
        if ((flags & ~(XtInfo.NAT_MAP_IPS | XtInfo.NAT_PROTO_SPECIFIED)) != 0 || (flags & XtInfo.NAT_MAP_IPS) == 0) {
            throw new XtInfo.BadInfo(x.xtName() + " with flags " + flags + " (--random, --persistent, ...)");
        }
        PortRange ports = (flags & XtInfo.NAT_PROTO_SPECIFIED) == 0 ? null : new PortRange(minPort, maxPort);
        return new Verdict.Nat(x.xtName().equals("SNAT"), first.equals(last) ? first : first + "-" + last, ports);
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
