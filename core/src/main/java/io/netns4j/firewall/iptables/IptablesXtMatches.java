package io.netns4j.firewall.iptables;

import io.netns4j.firewall.AddressRange;
import io.netns4j.firewall.AddressType;
import io.netns4j.firewall.ConnMark;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Mark;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.PacketLength;
import io.netns4j.firewall.PacketType;
import io.netns4j.firewall.Ttl;
import io.netns4j.internal.netlink.nft.NftExpression;
import io.netns4j.types.InetPrefix;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The matches iptables-nft 1.8.9 writes as nft_compat xt matches with nothing native:
 * {@code -m connmark} (revision 1), {@code -m iprange} (1), {@code -m length} (0), {@code -m
 * ttl}/{@code -m hl} (0), {@code -m pkttype} (0), {@code -m addrtype} (1); their structures
 * both ways, and their {@code -S} and {@code -L} text as the libxt_* print and save functions
 * write it.
 */
final class IptablesXtMatches {
    /** struct xt_connmark_mtinfo1 (mark, mask, invert), aligned. */
    static final int CONNMARK_V1 = 16;
    /** struct xt_iprange_mtinfo (src min/max, dst min/max as nf_inet_addr, flags), aligned. */
    static final int IPRANGE_V1 = 72;
    private static final int IPRANGE_SRC = 1;
    private static final int IPRANGE_DST = 2;
    private static final int IPRANGE_SRC_INV = 0x10;
    private static final int IPRANGE_DST_INV = 0x20;
    /** struct xt_length_info (min, max, invert), aligned. */
    static final int LENGTH = 8;
    /** struct ipt_ttl_info / ip6t_hl_info (mode, value), aligned. */
    static final int TTL = 8;
    /** struct xt_pkttype_info (pkttype, invert). */
    static final int PKTTYPE = 8;
    /** struct xt_addrtype_info_v1 (source, dest, flags). */
    static final int ADDRTYPE_V1 = 8;
    private static final int ADDRTYPE_INVERT_SOURCE = 1;
    private static final int ADDRTYPE_INVERT_DEST = 2;
    private static final int ADDRTYPE_LIMIT_IN = 4;
    private static final int ADDRTYPE_LIMIT_OUT = 8;

    private IptablesXtMatches() {
    }

    /** Whether {@code m} is one of the kinds here. */
    static boolean handles(Match m) {
        return m instanceof ConnMark || m instanceof AddressRange || m instanceof PacketLength || m instanceof Ttl
                || m instanceof PacketType || m instanceof AddressType;
    }

    /**
     * The xt match of {@code m}; {@code next} is the match after it, which an iprange source
     * range takes in when it is the destination range (one {@code -m iprange} with both).
     *
     * @return the expression, and whether {@code next} went into it
     */
    static Encoded encode(Match m, Match next, Family family) {
        return switch (m) {
            case ConnMark c -> new Encoded(xt("connmark", 1, XtInfo.buffer(CONNMARK_V1).putInt(0, (int) c.value())
                    .putInt(4, (int) c.mask()).put(8, (byte) (c.negated() ? 1 : 0))), false);
            case AddressRange r -> {
                AddressRange dst = !r.destination() && next instanceof AddressRange d && d.destination() ? d : null;
                ByteBuffer b = XtInfo.buffer(IPRANGE_V1);
                int flags = 0;
                for (AddressRange x : dst == null ? List.of(r) : List.of(r, dst)) {
                    if (x.ipv6() != (family == Family.IP6)) {
                        throw new IllegalArgumentException("an " + (x.ipv6() ? "IPv6" : "IPv4") + " address range in "
                                + family.keyword());
                    }
                    int at = x.destination() ? 32 : 0;
                    b.put(at, InetPrefix.parseAddress(x.first()).getAddress());
                    b.put(at + 16, InetPrefix.parseAddress(x.last()).getAddress());
                    flags |= x.destination() ? IPRANGE_DST | (x.negated() ? IPRANGE_DST_INV : 0)
                            : IPRANGE_SRC | (x.negated() ? IPRANGE_SRC_INV : 0);
                }
                b.put(64, (byte) flags);
                yield new Encoded(xt("iprange", 1, b), dst != null);
            }
            case PacketLength l -> {
                ByteBuffer b = XtInfo.buffer(LENGTH).putShort(0, (short) l.min()).putShort(2, (short) l.max());
                yield new Encoded(xt("length", 0, b.put(4, (byte) (l.negated() ? 1 : 0))), false);
            }
            case Ttl t -> {
                if (t.ipv6() != (family == Family.IP6)) {
                    throw new IllegalArgumentException((t.ipv6() ? "a hop limit match in " : "a TTL match in ")
                            + family.keyword() + " (iptables has -m ttl, ip6tables -m hl)");
                }
                ByteBuffer b = XtInfo.buffer(TTL).put(0, (byte) t.op().ordinal()).put(1, (byte) t.value());
                yield new Encoded(xt(t.ipv6() ? "hl" : "ttl", 0, b), false);
            }
            case PacketType p -> new Encoded(xt("pkttype", 0, XtInfo.buffer(PKTTYPE)
                    .putInt(0, PacketType.TYPES.indexOf(p.type())).putInt(4, p.negated() ? 1 : 0)), false);
            case AddressType a -> {
                int flags = (a.sourceNegated() && !a.source().isEmpty() ? ADDRTYPE_INVERT_SOURCE : 0)
                        | (a.destinationNegated() && !a.destination().isEmpty() ? ADDRTYPE_INVERT_DEST : 0)
                        | (a.limitIn() ? ADDRTYPE_LIMIT_IN : 0) | (a.limitOut() ? ADDRTYPE_LIMIT_OUT : 0);
                yield new Encoded(xt("addrtype", 1, XtInfo.buffer(ADDRTYPE_V1).putShort(0, bits(a.source()))
                        .putShort(2, bits(a.destination())).putInt(4, flags)), false);
            }
            default -> throw new IllegalArgumentException("not an xt match: " + m.toNft());
        };
    }

    /** An encoded match, and whether it took the next match in too. */
    record Encoded(NftExpression expression, boolean tookNext) {
    }

    private static NftExpression xt(String name, int revision, ByteBuffer b) {
        return new NftExpression.Xt(false, name, revision, b.array());
    }

    private static short bits(Set<AddressType.Kind> kinds) {
        int v = 0;
        for (AddressType.Kind k : kinds) {
            v |= 1 << k.ordinal();
        }
        return (short) v;
    }

    /**
     * The matches of an xt match netns4j reads, or null when the name and revision are not
     * among these; throws {@link XtInfo.BadInfo} for values it cannot say.
     */
    static List<Match> decode(NftExpression.Xt x, Family family) throws XtInfo.BadInfo {
        String key = x.xtName() + "/" + x.revision();
        return switch (key) {
            case "connmark/1" -> {
                ByteBuffer b = XtInfo.read(x.info(), CONNMARK_V1, "connmark");
                yield List.of(new ConnMark(b.getInt(0) & Mark.ALL, b.getInt(4) & Mark.ALL, flag(b.get(8), key)));
            }
            case "iprange/1" -> iprange(XtInfo.read(x.info(), IPRANGE_V1, "iprange"), family);
            case "length/0" -> {
                ByteBuffer b = XtInfo.read(x.info(), LENGTH, "length");
                yield List.of(new PacketLength(b.getShort(0) & 0xffff, b.getShort(2) & 0xffff, flag(b.get(4), key)));
            }
            case "ttl/0", "hl/0" -> {
                ByteBuffer b = XtInfo.read(x.info(), TTL, x.xtName());
                boolean ipv6 = x.xtName().equals("hl");
                int mode = b.get(0);
                if (mode < 0 || mode > 3 || ipv6 != (family == Family.IP6)) {
                    throw new XtInfo.BadInfo("-m " + x.xtName() + " with mode " + mode);
                }
                yield List.of(new Ttl(ipv6, Ttl.Op.values()[mode], b.get(1) & 0xff));
            }
            case "pkttype/0" -> {
                ByteBuffer b = XtInfo.read(x.info(), PKTTYPE, "pkttype");
                int type = b.getInt(0);
                if (type < 0 || type >= PacketType.TYPES.size() || b.getInt(4) < 0 || b.getInt(4) > 1) {
                    throw new XtInfo.BadInfo("-m pkttype with type " + type);
                }
                yield List.of(new PacketType(PacketType.TYPES.get(type), b.getInt(4) == 1));
            }
            case "addrtype/1" -> {
                ByteBuffer b = XtInfo.read(x.info(), ADDRTYPE_V1, "addrtype");
                int flags = b.getInt(4);
                Set<AddressType.Kind> src = kinds(b.getShort(0) & 0xffff);
                Set<AddressType.Kind> dst = kinds(b.getShort(2) & 0xffff);
                if ((flags & ~0xf) != 0 || src == null || dst == null || (src.isEmpty() && dst.isEmpty())
                        || (flags & 0xc) == 0xc || src.isEmpty() && (flags & 1) != 0
                        || dst.isEmpty() && (flags & 2) != 0) {
                    throw new XtInfo.BadInfo("-m addrtype with flags " + flags);
                }
                yield List.of(new AddressType(src, (flags & 1) != 0, dst, (flags & 2) != 0,
                        (flags & ADDRTYPE_LIMIT_IN) != 0, (flags & ADDRTYPE_LIMIT_OUT) != 0));
            }
            default -> null;
        };
    }

    private static boolean flag(byte b, String what) throws XtInfo.BadInfo {
        if (b != 0 && b != 1) {
            throw new XtInfo.BadInfo(what + " with invert " + b);
        }
        return b == 1;
    }

    private static Set<AddressType.Kind> kinds(int bits) {
        if (bits >>> AddressType.Kind.values().length != 0) {
            return null;
        }
        Set<AddressType.Kind> out = EnumSet.noneOf(AddressType.Kind.class);
        for (AddressType.Kind k : AddressType.Kind.values()) {
            if ((bits & 1 << k.ordinal()) != 0) {
                out.add(k);
            }
        }
        return out;
    }

    private static List<Match> iprange(ByteBuffer b, Family family) throws XtInfo.BadInfo {
        int flags = b.get(64) & 0xff;
        if ((flags & ~0x33) != 0 || (flags & 3) == 0 || (flags & IPRANGE_SRC_INV) != 0 && (flags & IPRANGE_SRC) == 0
                || (flags & IPRANGE_DST_INV) != 0 && (flags & IPRANGE_DST) == 0) {
            throw new XtInfo.BadInfo("-m iprange with flags " + flags);
        }
        int len = family == Family.IP6 ? 16 : 4;
        List<Match> out = new java.util.ArrayList<>();
        if ((flags & IPRANGE_SRC) != 0) {
            out.add(new AddressRange(false, address(b, 0, len), address(b, 16, len), (flags & IPRANGE_SRC_INV) != 0));
        }
        if ((flags & IPRANGE_DST) != 0) {
            out.add(new AddressRange(true, address(b, 32, len), address(b, 48, len), (flags & IPRANGE_DST_INV) != 0));
        }
        return out;
    }

    private static String address(ByteBuffer b, int at, int len) throws XtInfo.BadInfo {
        byte[] a = new byte[len];
        b.get(at, a);
        for (int i = at + len; i < at + 16; i++) {
            if (b.get(i) != 0) {
                throw new XtInfo.BadInfo("an iprange address with bytes past its family's length");
            }
        }
        try {
            return InetAddress.getByAddress(a).getHostAddress();
        } catch (UnknownHostException e) {
            throw new XtInfo.BadInfo("an iprange address of " + len + " bytes");
        }
    }

    // ---- iptables' words ----

    /** {@code -S}: {@code " -m connmark --mark 0x3/0xff"}; {@code ms} is one match, or an iprange source and destination. */
    static String save(List<Match> ms) {
        StringBuilder b = new StringBuilder();
        for (Match m : ms) {
            b.append(switch (m) {
                case ConnMark c -> " -m connmark" + (c.negated() ? " !" : "") + " --mark " + hex(c.value(), c.mask());
                case AddressRange r -> (m == ms.getFirst() ? " -m iprange" : "") + (r.negated() ? " !" : "")
                        + (r.destination() ? " --dst-range " : " --src-range ") + r.first() + "-" + r.last();
                case PacketLength l -> " -m length" + (l.negated() ? " !" : "") + " --length " + length(l);
                case Ttl t -> " -m " + (t.ipv6() ? "hl" : "ttl") + (t.op() == Ttl.Op.NE ? " !" : "") + " --"
                        + (t.ipv6() ? "hl" : "ttl") + "-" + (t.op() == Ttl.Op.LT ? "lt" : t.op() == Ttl.Op.GT ? "gt" : "eq")
                        + " " + t.value();
                case PacketType p -> " -m pkttype" + (p.negated() ? " !" : "") + " --pkt-type " + p.type();
                case AddressType a -> " -m addrtype" + (a.source().isEmpty() ? "" : (a.sourceNegated() ? " !" : "")
                        + " --src-type " + types(a.source())) + (a.destination().isEmpty() ? ""
                        : (a.destinationNegated() ? " !" : "") + " --dst-type " + types(a.destination()))
                        + (a.limitIn() ? " --limit-iface-in" : "") + (a.limitOut() ? " --limit-iface-out" : "");
                default -> throw new IllegalArgumentException(m.toNft());
            });
        }
        return b.toString();
    }

    /** {@code -L}: {@code " connmark match  0x3/0xff"}, {@code " TTL match TTL == 5"}, ... */
    static String list(List<Match> ms) {
        StringBuilder b = new StringBuilder();
        for (Match m : ms) {
            b.append(switch (m) {
                case ConnMark c -> " connmark match " + (c.negated() ? "!" : "") + " " + hex(c.value(), c.mask());
                case AddressRange r -> (r.destination() ? " destination IP range " : " source IP range ")
                        + (r.negated() ? "! " : "") + r.first() + "-" + r.last();
                case PacketLength l -> " length " + (l.negated() ? "!" : "") + length(l);
                case Ttl t -> (t.ipv6() ? " HL match HL " : " TTL match TTL ") + switch (t.op()) {
                    case EQ -> "==";
                    case NE -> "!=";
                    case LT -> "<";
                    case GT -> ">";
                } + " " + t.value();
                case PacketType p -> " PKTTYPE " + (p.negated() ? "!= " : "= ") + p.type();
                case AddressType a -> " ADDRTYPE match" + (a.source().isEmpty() ? "" : " src-type "
                        + (a.sourceNegated() ? "!" : "") + types(a.source())) + (a.destination().isEmpty() ? ""
                        : " dst-type " + (a.destinationNegated() ? "!" : "") + types(a.destination()))
                        + (a.limitIn() ? " limit-in" : "") + (a.limitOut() ? " limit-out" : "");
                default -> throw new IllegalArgumentException(m.toNft());
            });
        }
        return b.toString();
    }

    private static String hex(long value, long mask) {
        return "0x" + Long.toHexString(value) + (mask == Mark.ALL ? "" : "/0x" + Long.toHexString(mask));
    }

    private static String length(PacketLength l) {
        return l.min() == l.max() ? Integer.toString(l.min()) : l.min() + ":" + l.max();
    }

    private static String types(Set<AddressType.Kind> kinds) {
        return kinds.stream().map(AddressType.Kind::name).collect(Collectors.joining(","));
    }

    /** For the parser: an address type by iptables' name, any case; null when unknown. */
    static AddressType.Kind kind(String name) {
        return Arrays.stream(AddressType.Kind.values()).filter(k -> k.name().equals(name.toUpperCase(Locale.ROOT)))
                .findFirst().orElse(null);
    }
}
