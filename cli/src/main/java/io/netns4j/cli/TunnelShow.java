package io.netns4j.cli;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotSupportedException;
import io.netns4j.link.KindAttributes;
import io.netns4j.link.Link;
import io.netns4j.link.Links;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tunnel show [NAME]} and {@code -6 tunnel show}: ip's print_tunnel (ip/iptunnel.c,
 * ip/ip6tunnel.c, tnl_print_gre_flags in ip/tunnel.c), fed with what ip's SIOCGETTUNNEL would
 * return, rebuilt from the link dump's IFLA_INFO_DATA ({@link Parms}). As ip: the IPv4 list holds
 * the links of device types tunnel, sit and ipgre (ipip, vti, sit, gre; not gretap), the IPv6 one
 * tunnel6 and ip6gre (ip6tnl, vti6, ip6gre); a NAME whose mode is known (given, or guessed from
 * gre/ipip/sit/vti at the start of the name) or any IPv6 NAME is one ioctl, printed as text even
 * with {@code -j}, and an error when it is missing.
 */
final class TunnelShow {
    private static final Set<Integer> IPV4_TYPES = Set.of(768, 776, 778);
    private static final Set<Integer> IPV6_TYPES = Set.of(769, 823);
    private static final Set<String> KINDS = Set.of("ipip", "sit", "gre", "vti", "ip6tnl", "ip6gre", "vti6");
    private static final int GRE_CSUM = 0x80;
    private static final int GRE_KEY = 0x20;
    private static final int GRE_SEQ = 0x10;

    private TunnelShow() {
    }

    static boolean isClassicTunnel(Link l) {
        return l.kind() != null && KINDS.contains(l.kind());
    }

    static int show(Context ctx, Links links, TunnelWords w) throws NetnsException {
        Map<Integer, String> names = new HashMap<>();
        List<Link> all = links.list();
        for (Link l : all) {
            names.put(l.index(), l.name());
        }
        String single = w.ipv6 ? w.name : w.proto == 0 ? null : w.name != null ? w.name
                : w.vti ? "ip_vti0" : w.proto == TunnelWords.GRE ? "gre0" : w.proto == TunnelWords.IPV6 ? "sit0" : "tunl0";
        if (single != null) {
            Link link = TunnelCommand.find(links, single, "get");
            if (!isClassicTunnel(link)) {
                throw new NotSupportedException("get tunnel \"" + single + "\" failed: Operation not supported", 95, null);
            }
            ctx.out.println(print(Parms.of(link), names, false).text);
            return 0;
        }
        List<Object> rows = new ArrayList<>();
        for (Link l : all) {
            if (!(w.ipv6 ? IPV6_TYPES : IPV4_TYPES).contains(l.deviceType()) || !isClassicTunnel(l)
                    || (w.name != null && !w.name.equals(l.name()))) {
                continue;
            }
            Parms p = Parms.of(l);
            if (!matches(w, p, links)) {
                continue;
            }
            Out o = print(p, names, ctx.json());
            if (ctx.json()) {
                rows.add(o.json);
            } else {
                ctx.out.println(o.text);
            }
        }
        if (ctx.json()) {
            ctx.printJson(rows);
        }
        return 0;
    }

    /** ip_tunnel_parm_match / ip6_tnl_parm_match for the selectors netns4j reads. */
    private static boolean matches(TunnelWords w, Parms p, Links links) throws NetnsException {
        if (w.dev != null && links.get(w.dev).index() != p.link) {
            return false;
        }
        if (w.remote != null && !w.remote.equals(p.remote)) {
            return false;
        }
        if (w.local != null && !w.local.equals(p.local)) {
            return false;
        }
        if (!w.ipv6 && w.ikey > 0 && w.ikey != p.ikey) {
            return false;
        }
        return !w.ipv6 || !w.modeGiven || w.proto == 0 || p.proto == 0 || w.proto == p.proto;
    }

    /** The text and the JSON object of one tunnel. */
    record Out(String text, Map<String, Object> json) {
    }

    static Out print(Parms p, Map<Integer, String> names, boolean json) {
        StringBuilder t = new StringBuilder();
        Map<String, Object> j = new LinkedHashMap<>();
        t.append(p.name).append(": ");
        j.put("ifname", p.name);
        String mode = proto(p.proto) + (p.ipv6 ? "/ipv6" : "/ip");
        t.append(mode).append(' ');
        j.put("mode", mode);
        String remote = text(p.remote, p.ipv6);
        String local = text(p.local, p.ipv6);
        t.append("remote ").append(p.ipv6 || p.remote != null ? remote : "any").append(' ');
        t.append("local ").append(p.ipv6 || p.local != null ? local : "any");
        j.put("remote", remote);
        j.put("local", local);
        String dev = p.link == 0 ? null : names.get(p.link);
        if (dev != null) {
            t.append(" dev ").append(dev);
            j.put(p.ipv6 ? "link" : "dev", dev);
        }
        if (p.ipv6) {
            print6(p, t, j);
        } else {
            print4(p, t, j);
        }
        keys(p, t, j);
        return new Out(t.toString(), j);
    }

    private static void print4(Parms p, StringBuilder t, Map<String, Object> j) {
        if (p.ttl != 0) {
            t.append(" ttl ").append(p.ttl);
            j.put("ttl", p.ttl);
        } else {
            t.append(" ttl inherit");
        }
        if (p.tos != 0) {
            if (p.tos == 1) {
                t.append(" tos inherit");
            } else {
                t.append(" tos ").append((p.tos & 1) != 0 ? "inherit/" + Dsfield.name(p.tos & ~1) : Dsfield.name(p.tos));
                j.put("tos", Dsfield.name(p.tos));
            }
        }
        if (!p.df) {
            t.append(" nopmtudisc");
            j.put("nopmtudisc", null);
        }
        if (p.sixRdPrefixLength != 0) {
            t.append(" 6rd-prefix ").append(text(p.sixRdPrefix, true)).append('/').append(p.sixRdPrefixLength);
            j.put("6rd-prefix", text(p.sixRdPrefix, true));
            j.put("6rd-prefixlen", p.sixRdPrefixLength);
            if (p.sixRdRelay != null) {
                t.append(" 6rd-relay_prefix ").append(text(p.sixRdRelay, false)).append('/').append(p.sixRdRelayLength);
                j.put("6rd-relay_prefix", text(p.sixRdRelay, false));
                j.put("6rd-relay_prefixlen", p.sixRdRelayLength);
            }
        }
    }

    private static void print6(Parms p, StringBuilder t, Map<String, Object> j) {
        if ((p.flags & 0x1) != 0) {
            t.append(" encaplimit none");
            j.put("ip6_tnl_f_ign_encap_limit", null);
        } else {
            t.append(" encaplimit ").append(p.encapLimit);
            j.put("encap_limit", p.encapLimit);
        }
        if (p.ttl != 0) {
            t.append(" hoplimit ").append(p.ttl);
            j.put("hoplimit", p.ttl);
        } else {
            t.append(" hoplimit inherit");
        }
        if ((p.flags & 0x2) != 0) {
            t.append(" tclass inherit");
            j.put("ip6_tnl_f_use_orig_tclass", null);
        } else {
            String tc = String.format("0x%02x", (p.flowInfo >>> 20) & 0xff);
            t.append(" tclass ").append(tc);
            j.put("tclass", tc);
        }
        if ((p.flags & 0x4) != 0) {
            t.append(" flowlabel inherit");
            j.put("ip6_tnl_f_use_orig_flowlabel", null);
        } else {
            String fl = String.format("0x%05x", p.flowInfo & 0xfffff);
            t.append(" flowlabel ").append(fl);
            j.put("flowlabel", fl);
        }
        String fi = String.format("0x%08x", p.flowInfo);
        t.append(" (flowinfo ").append(fi).append(')');
        j.put("flowinfo", fi);
        if ((p.flags & 0x10) != 0) {
            t.append(" dscp inherit");
            j.put("ip6_tnl_f_rcv_dscp_copy", null);
        }
        if ((p.flags & 0x40) != 0) {
            t.append(" allow-localremote");
            j.put("ip6_tnl_f_allow_local_remote", null);
        }
    }

    /** tnl_print_gre_flags: the keys, and for GRE the four flag lines (a JSON array of their names). */
    private static void keys(Parms p, StringBuilder t, Map<String, Object> j) {
        boolean ik = (p.iflags & GRE_KEY) != 0;
        boolean ok = (p.oflags & GRE_KEY) != 0;
        if (ik && ok && p.ikey == p.okey) {
            t.append(" key ").append(p.ikey);
            j.put("key", p.ikey);
        } else {
            if (ik) {
                t.append(" ikey ").append(p.ikey);
                j.put("ikey", p.ikey);
            }
            if (ok) {
                t.append(" okey ").append(p.okey);
                j.put("okey", p.okey);
            }
        }
        if (p.proto != TunnelWords.GRE) {
            return;
        }
        List<String> flags = new ArrayList<>();
        if ((p.iflags & GRE_SEQ) != 0) {
            t.append("\n  Drop packets out of sequence.");
            flags.add("rx_drop_ooseq");
        }
        if ((p.iflags & GRE_CSUM) != 0) {
            t.append("\n  Checksum in received packet is required.");
            flags.add("rx_csum");
        }
        if ((p.oflags & GRE_SEQ) != 0) {
            t.append("\n  Sequence packets on output.");
            flags.add("tx_seq");
        }
        if ((p.oflags & GRE_CSUM) != 0) {
            t.append("\n  Checksum output packets.");
            flags.add("tx_csum");
        }
        j.put("flags", flags);
    }

    private static String proto(int proto) {
        return switch (proto) {
            case 4 -> "ip";
            case 47 -> "gre";
            case 41 -> "ipv6";
            case 50 -> "esp";
            case 137 -> "mpls";
            case 0 -> "any";
            default -> "unknown";
        };
    }

    private static String text(InetAddress a, boolean ipv6) {
        return a != null ? io.netns4j.types.InetText.format(a) : ipv6 ? "::" : "0.0.0.0";
    }

    /**
     * What SIOCGETTUNNEL answers for a tunnel, from its IFLA_INFO_DATA: the fields print_tunnel
     * reads. A vti's ttl, tos and DF bit are not in its netlink data: they are what a vti made by
     * rtnetlink has (0, 0, off).
     */
    record Parms(String name, boolean ipv6, int proto, InetAddress remote, InetAddress local, int link, int ttl,
                 int tos, boolean df, int iflags, int oflags, long ikey, long okey, int encapLimit, long flowInfo,
                 int flags, InetAddress sixRdPrefix, int sixRdPrefixLength, InetAddress sixRdRelay,
                 int sixRdRelayLength) {
        static Parms of(Link l) throws MalformedMessageException {
            KindAttributes d = l.details().kindData();
            String k = l.kind();
            return switch (k) {
                case "ipip", "sit" -> new Parms(l.name(), false, u(d.u8(9), k.equals("sit") ? 41 : 4),
                        addr(d, 3, 4), addr(d, 2, 4), u(d.u32(1), 0), u(d.u8(4), 0), u(d.u8(5), 0),
                        u(d.u8(10), 1) != 0, 0, 0, 0, 0, 0, 0, 0, addr(d, 11, 16), u(d.u16(13), 0),
                        nonzero(addr(d, 12, 4)), u(d.u16(14), 0));
                case "gre" -> new Parms(l.name(), false, 47, addr(d, 7, 4), addr(d, 6, 4), u(d.u32(1), 0),
                        u(d.u8(8), 0), u(d.u8(9), 0), u(d.u8(10), 1) != 0, greFlags(d, 2), greFlags(d, 3), be(d, 4),
                        be(d, 5), 0, 0, 0, null, 0, null, 0);
                case "vti" -> new Parms(l.name(), false, 4, addr(d, 5, 4), addr(d, 4, 4), u(d.u32(1), 0), 0, 0,
                        false, GRE_KEY, GRE_KEY, be(d, 2), be(d, 3), 0, 0, 0, null, 0, null, 0);
                case "ip6tnl" -> new Parms(l.name(), true, u(d.u8(9), 0), addr(d, 3, 16), addr(d, 2, 16),
                        u(d.u32(1), 0), u(d.u8(4), 0), 0, true, 0, 0, 0, 0, u(d.u8(6), 0), be(d, 7), u(d.u32(8), 0),
                        null, 0, null, 0);
                case "ip6gre" -> new Parms(l.name(), true, 47, addr(d, 7, 16), addr(d, 6, 16), u(d.u32(1), 0),
                        u(d.u8(8), 0), 0, true, greFlags(d, 2), greFlags(d, 3), be(d, 4), be(d, 5), u(d.u8(11), 0),
                        be(d, 12), u(d.u32(13), 0), null, 0, null, 0);
                case "vti6" -> new Parms(l.name(), true, 0, addr(d, 5, 16), addr(d, 4, 16), u(d.u32(1), 0), 0, 0,
                        true, 0, 0, be(d, 2), be(d, 3), 0, 0, 0, null, 0, null, 0);
                default -> throw new MalformedMessageException(l.name() + " is a " + k + " link, not a tunnel");
            };
        }

        private static int u(Long v, int absent) {
            return v == null ? absent : (int) (long) v;
        }

        private static InetAddress nonzero(InetAddress a) {
            return a == null || a.isAnyLocalAddress() ? null : a;
        }

        private static InetAddress addr(KindAttributes d, int type, int length) throws MalformedMessageException {
            byte[] b = d.bytes(type);
            if (b == null) {
                return null;
            }
            if (b.length < length) {
                throw new MalformedMessageException("tunnel address attribute " + type + " is short");
            }
            try {
                InetAddress a = InetAddress.getByAddress(java.util.Arrays.copyOf(b, length));
                return a.isAnyLocalAddress() ? null : a;
            } catch (UnknownHostException e) {
                throw new MalformedMessageException(e.getMessage());
            }
        }

        private static long be(KindAttributes d, int type) {
            byte[] b = d.bytes(type);
            if (b == null || b.length < 4) {
                return 0;
            }
            return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
        }

        /** The first byte of the big-endian GRE flags word holds C, K and S. */
        private static int greFlags(KindAttributes d, int type) {
            byte[] b = d.bytes(type);
            return b == null || b.length < 1 ? 0 : b[0] & 0xff;
        }
    }
}
