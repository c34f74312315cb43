package io.netns4j.cli;

import io.netns4j.error.MalformedMessageException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ip -d link show}'s part for the tunnel kinds (IFLA_INFO_DATA): ipip and sit, ip6tnl,
 * gre and gretap, ip6gre and ip6gretap, vti and vti6, in ip 6.1's order, words and JSON keys
 * (the print functions of link_iptnl.c, link_ip6tnl.c, link_gre.c, link_gre6.c, link_vti.c,
 * link_vti6.c and tunnel.c's endpoint and encap helpers).
 */
final class TunnelDataView {
    private TunnelDataView() {
    }

    // IFLA_IPTUN_*
    private static final int T_LINK = 1;
    private static final int T_LOCAL = 2;
    private static final int T_REMOTE = 3;
    private static final int T_TTL = 4;
    private static final int T_TOS = 5;
    private static final int T_ENCAP_LIMIT = 6;
    private static final int T_FLOWINFO = 7;
    private static final int T_FLAGS = 8;
    private static final int T_PROTO = 9;
    private static final int T_PMTUDISC = 10;
    private static final int T_6RD_PREFIX = 11;
    private static final int T_6RD_RELAY_PREFIX = 12;
    private static final int T_6RD_PREFIXLEN = 13;
    private static final int T_6RD_RELAY_PREFIXLEN = 14;
    private static final int T_ENCAP_TYPE = 15;
    private static final int T_COLLECT_METADATA = 19;
    private static final int T_FWMARK = 20;
    // IFLA_GRE_*
    private static final int G_LINK = 1;
    private static final int G_IFLAGS = 2;
    private static final int G_OFLAGS = 3;
    private static final int G_IKEY = 4;
    private static final int G_OKEY = 5;
    private static final int G_LOCAL = 6;
    private static final int G_REMOTE = 7;
    private static final int G_TTL = 8;
    private static final int G_TOS = 9;
    private static final int G_PMTUDISC = 10;
    private static final int G_ENCAP_LIMIT = 11;
    private static final int G_FLOWINFO = 12;
    private static final int G_FLAGS = 13;
    private static final int G_ENCAP_TYPE = 14;
    private static final int G_COLLECT_METADATA = 18;
    private static final int G_IGNORE_DF = 19;
    private static final int G_FWMARK = 20;
    private static final int G_ERSPAN_INDEX = 21;
    private static final int G_ERSPAN_VER = 22;
    private static final int G_ERSPAN_DIR = 23;
    private static final int G_ERSPAN_HWID = 24;
    // IP6_TNL_F_*
    private static final long IGN_ENCAP_LIMIT = 0x1;
    private static final long USE_ORIG_TCLASS = 0x2;
    private static final long USE_ORIG_FLOWLABEL = 0x4;
    private static final long MIP6_DEV = 0x8;
    private static final long RCV_DSCP_COPY = 0x10;
    private static final long USE_ORIG_FWMARK = 0x20;
    private static final long ALLOW_LOCAL_REMOTE = 0x40;

    /** ipip and sit: link_iptnl.c's iptunnel_print_opt. */
    static void ipTunnel(InfoDataOut o) throws MalformedMessageException {
        if (o.has(T_COLLECT_METADATA)) {
            o.any("external", "external ", true);
        }
        if (o.has(T_PROTO)) {
            long p = o.u8(T_PROTO, 0);
            String word = p == 4 ? "ipip" : p == 41 ? "ip6ip" : p == 137 ? "mplsip" : p == 0 ? "any" : null;
            if (word != null) {
                o.any("proto", word + " ", word);
            }
        }
        endpoint(o, "remote", T_REMOTE, false);
        endpoint(o, "local", T_LOCAL, false);
        device(o, T_LINK);
        long ttl = o.u8(T_TTL, 0);
        o.json("ttl", ttl);
        o.text(ttl != 0 ? "ttl " + ttl + " " : "ttl inherit ");
        tos(o, o.u8(T_TOS, 0));
        if (o.u8(T_PMTUDISC, 0) != 0) {
            o.any("pmtudisc", "pmtudisc ", true);
        } else {
            o.any("pmtudisc", "nopmtudisc ", false);
        }
        if ((o.u16(T_FLAGS, 0) & 0x0001) != 0) { // SIT_ISATAP
            o.any("isatap", "isatap ", true);
        }
        sixRd(o);
        long fwmark = o.u32(T_FWMARK, 0);
        if (fwmark != 0) {
            o.any("fwmark", "fwmark " + InfoDataOut.hex(fwmark) + " ", InfoDataOut.hex(fwmark));
        }
        encap(o, T_ENCAP_TYPE);
    }

    private static void sixRd(InfoDataOut o) throws MalformedMessageException {
        long len = o.u16(T_6RD_PREFIXLEN, 0);
        if (len == 0) {
            return;
        }
        long relayLen = o.u16(T_6RD_RELAY_PREFIXLEN, 0);
        byte[] prefix = o.data().bytes(T_6RD_PREFIX);
        String p = prefix == null || prefix.length < 16 ? "::" : o.address(T_6RD_PREFIX, true);
        p = p == null ? "::" : p;
        String relay = o.address(T_6RD_RELAY_PREFIX, false);
        o.json("prefix", p);
        o.json("prefixlen", len);
        o.text("6rd-prefix " + p + "/" + len + " ");
        if (relay != null) {
            o.json("relay_prefix", relay);
            o.json("relay_prefixlen", relayLen);
            o.text("6rd-relay_prefix " + relay + "/" + relayLen + " ");
        }
    }

    /** ip6tnl: link_ip6tnl.c's ip6tunnel_print_opt. */
    static void ip6Tunnel(InfoDataOut o) throws MalformedMessageException {
        if (o.has(T_COLLECT_METADATA)) {
            o.any("external", "external ", true);
        }
        long flags = o.u32(T_FLAGS, 0);
        if (o.has(T_PROTO)) {
            long p = o.u8(T_PROTO, 0);
            String word = p == 4 ? "ipip6" : p == 41 ? "ip6ip6" : p == 0 ? "any" : null;
            if (word != null) {
                o.any("proto", word + " ", word);
            }
        }
        endpoint(o, "remote", T_REMOTE, true);
        endpoint(o, "local", T_LOCAL, true);
        device(o, T_LINK);
        ip6Options(o, o.u8(T_TTL, 0), flags, T_ENCAP_LIMIT, T_FLOWINFO);
        ip6Flag(o, flags, RCV_DSCP_COPY, "ip6_tnl_f_rcv_dscp_copy", "dscp inherit ");
        ip6Flag(o, flags, MIP6_DEV, "ip6_tnl_f_mip6_dev", "mip6 ");
        ip6Flag(o, flags, ALLOW_LOCAL_REMOTE, "ip6_tnl_f_allow_local_remote", "allow-localremote ");
        fwmark6(o, flags, T_FWMARK);
        encap(o, T_ENCAP_TYPE);
    }

    /** gre and gretap: link_gre.c's gre_print_opt. */
    static void gre(InfoDataOut o) throws MalformedMessageException {
        if (o.has(G_COLLECT_METADATA)) {
            o.any("external", "external ", true);
        }
        endpoint(o, "remote", G_REMOTE, false);
        endpoint(o, "local", G_LOCAL, false);
        device(o, G_LINK);
        long ttl = o.u8(G_TTL, 0);
        o.json("ttl", ttl);
        o.text(ttl != 0 ? "ttl " + ttl + " " : "ttl inherit ");
        tos(o, o.u8(G_TOS, 0));
        if (o.has(G_PMTUDISC)) {
            if (o.u8(G_PMTUDISC, 0) == 0) {
                o.any("pmtudisc", "nopmtudisc ", false);
            } else {
                o.json("pmtudisc", true);
            }
        }
        if (o.u8(G_IGNORE_DF, 0) != 0) {
            o.any("ignore_df", "ignore-df ", true);
        }
        greFlags(o);
        long fwmark = o.u32(G_FWMARK, 0);
        if (fwmark != 0) {
            o.any("fwmark", "fwmark " + InfoDataOut.hex(fwmark) + " ", InfoDataOut.hex(fwmark));
        }
        erspan(o);
        encap(o, G_ENCAP_TYPE);
    }

    /** ip6gre and ip6gretap: link_gre6.c's gre_print_opt. */
    static void gre6(InfoDataOut o) throws MalformedMessageException {
        if (o.has(G_COLLECT_METADATA)) {
            o.any("external", "external ", true);
        }
        long flags = o.u32(G_FLAGS, 0);
        endpoint(o, "remote", G_REMOTE, true);
        endpoint(o, "local", G_LOCAL, true);
        device(o, G_LINK);
        ip6Options(o, o.u8(G_TTL, 0), flags, G_ENCAP_LIMIT, G_FLOWINFO);
        ip6Flag(o, flags, RCV_DSCP_COPY, "ip6_tnl_f_rcv_dscp_copy", "dscp inherit ");
        greFlags(o);
        ip6Flag(o, flags, ALLOW_LOCAL_REMOTE, "ip6_tnl_f_allow_local_remote", "allow-localremote ");
        fwmark6(o, flags, G_FWMARK);
        erspan(o);
        encap(o, G_ENCAP_TYPE);
    }

    /** vti and vti6: link_vti.c's and link_vti6.c's print_opt. */
    static void vti(InfoDataOut o, boolean ipv6) throws MalformedMessageException {
        endpoint(o, "remote", 5, ipv6);
        endpoint(o, "local", 4, ipv6);
        device(o, 1);
        for (int type = 2; type <= 3; type++) {
            Long key = o.be32(type);
            if (key != null && key != 0) {
                String k = type == 2 ? "ikey" : "okey";
                o.any(k, k + " " + o.dotted(type) + " ", o.dotted(type));
            }
        }
        long fwmark = o.u32(6, 0);
        if (fwmark != 0) {
            o.any("fwmark", "fwmark " + InfoDataOut.hex(fwmark) + " ", InfoDataOut.hex(fwmark));
        }
    }

    /** The ERSPAN attributes, printed whenever the kernel sends them (ip6gre's requests carry erspan_ver 1). */
    private static void erspan(InfoDataOut o) throws MalformedMessageException {
        if (o.has(G_ERSPAN_INDEX)) {
            long v = o.u32(G_ERSPAN_INDEX, 0);
            o.any("erspan_index", "erspan_index " + v + " ", v);
        }
        if (o.has(G_ERSPAN_VER)) {
            long v = o.u8(G_ERSPAN_VER, 0);
            o.any("erspan_ver", "erspan_ver " + v + " ", v);
        }
        if (o.has(G_ERSPAN_DIR)) {
            String dir = o.u8(G_ERSPAN_DIR, 0) == 0 ? "ingress" : "egress";
            o.any("erspan_dir", "erspan_dir " + dir + " ", dir);
        }
        if (o.has(G_ERSPAN_HWID)) {
            String v = InfoDataOut.hex(o.u16(G_ERSPAN_HWID, 0));
            o.any("erspan_hwid", "erspan_hwid " + v + " ", v);
        }
    }

    /** tnl_print_endpoint: the address, or "any" when absent or unspecified. */
    private static void endpoint(InfoDataOut o, String name, int type, boolean ipv6) {
        String a = o.has(type) ? o.address(type, ipv6) : null;
        if (a == null && o.has(type)) {
            byte[] b = o.data().bytes(type);
            a = b.length < (ipv6 ? 16 : 4) ? "unknown" : "any";
        }
        a = a == null ? "any" : a;
        o.any(name, name + " " + a + " ", a);
    }

    private static void device(InfoDataOut o, int type) throws MalformedMessageException {
        long link = o.u32(type, 0);
        if (link != 0) {
            o.any("link", "dev " + o.device(link) + " ", o.device(link));
        }
    }

    private static void tos(InfoDataOut o, long tos) {
        if (tos != 0) {
            o.json("tos", InfoDataOut.hex(tos));
            o.text(tos == 1 ? "tos inherit " : "tos " + InfoDataOut.hex(tos) + " ");
        }
    }

    /** hoplimit, encaplimit, tclass and flowlabel of the IPv6 tunnels. */
    private static void ip6Options(InfoDataOut o, long ttl, long flags, int limitType, int flowType)
            throws MalformedMessageException {
        o.json("ttl", ttl);
        o.text(ttl != 0 ? "hoplimit " + ttl + " " : "hoplimit inherit ");
        if ((flags & IGN_ENCAP_LIMIT) != 0) {
            o.any("ip6_tnl_f_ign_encap_limit", "encaplimit none ", true);
        } else if (o.has(limitType)) {
            long limit = o.u8(limitType, 0);
            o.any("encap_limit", "encaplimit " + limit + " ", limit);
        }
        // the flow information is big-endian: traffic class in bits 20-27, flow label in 0-19
        byte[] fi = o.data().bytes(flowType);
        long flowInfo = fi == null || fi.length < 4 ? 0
                : ((fi[0] & 0xffL) << 24) | ((fi[1] & 0xffL) << 16) | ((fi[2] & 0xffL) << 8) | (fi[3] & 0xffL);
        if ((flags & USE_ORIG_TCLASS) != 0) {
            o.any("ip6_tnl_f_use_orig_tclass", "tclass inherit ", true);
        } else if (o.has(flowType)) {
            String v = String.format("0x%02x", (flowInfo >>> 20) & 0xff);
            o.any("tclass", "tclass " + v + " ", v);
        }
        if ((flags & USE_ORIG_FLOWLABEL) != 0) {
            o.any("ip6_tnl_f_use_orig_flowlabel", "flowlabel inherit ", true);
        } else if (o.has(flowType)) {
            String v = String.format("0x%05x", flowInfo & 0xfffff);
            o.any("flowlabel", "flowlabel " + v + " ", v);
        }
    }

    private static void ip6Flag(InfoDataOut o, long flags, long flag, String key, String words) {
        if ((flags & flag) != 0) {
            o.any(key, words, true);
        }
    }

    private static void fwmark6(InfoDataOut o, long flags, int type) throws MalformedMessageException {
        if ((flags & USE_ORIG_FWMARK) != 0) {
            o.any("ip6_tnl_f_use_orig_fwmark", "fwmark inherit ", true);
        } else {
            long fwmark = o.u32(type, 0);
            if (fwmark != 0) {
                o.any("fwmark", "fwmark " + InfoDataOut.hex(fwmark) + " ", InfoDataOut.hex(fwmark));
            }
        }
    }

    /** GRE keys and the seq/csum flags (the first byte of the big-endian 16-bit flags). */
    private static void greFlags(InfoDataOut o) {
        int in = firstByte(o, G_IFLAGS);
        int out = firstByte(o, G_OFLAGS);
        if ((in & 0x20) != 0 && o.dotted(G_IKEY) != null) {
            o.any("ikey", "ikey " + o.dotted(G_IKEY) + " ", o.dotted(G_IKEY));
        }
        if ((out & 0x20) != 0 && o.dotted(G_OKEY) != null) {
            o.any("okey", "okey " + o.dotted(G_OKEY) + " ", o.dotted(G_OKEY));
        }
        if ((in & 0x10) != 0) {
            o.any("iseq", "iseq ", true);
        }
        if ((out & 0x10) != 0) {
            o.any("oseq", "oseq ", true);
        }
        if ((in & 0x80) != 0) {
            o.any("icsum", "icsum ", true);
        }
        if ((out & 0x80) != 0) {
            o.any("ocsum", "ocsum ", true);
        }
    }

    private static int firstByte(InfoDataOut o, int type) {
        byte[] b = o.data().bytes(type);
        return b == null || b.length < 2 ? 0 : b[0] & 0xff;
    }

    /** tnl_print_encap: nothing for no encapsulation (type 0), else fou/gue and the ports. */
    private static void encap(InfoDataOut o, int typeAttr) throws MalformedMessageException {
        if (!o.has(typeAttr)) {
            return;
        }
        long type = o.u16(typeAttr, 0);
        if (type == 0) {
            return;
        }
        long flags = o.u16(typeAttr + 1, 0);
        Long sport = o.be16(typeAttr + 2);
        Long dport = o.be16(typeAttr + 3);
        long sp = sport == null ? 0 : sport;
        long dp = dport == null ? 0 : dport;
        String name = type == 1 ? "fou" : type == 2 ? "gue" : null;
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", name);
        e.put("sport", sp);
        e.put("dport", dp);
        e.put("csum", (flags & 1) != 0);
        e.put("csum6", (flags & 2) != 0);
        e.put("remcsum", (flags & 4) != 0);
        o.json("encap", e);
        o.text("encap " + (name == null ? "unknown" : name) + " " + (sp == 0 ? "encap-sport auto " : "encap-sport "
                + sp + " ") + "encap-dport " + dp + " " + ((flags & 1) != 0 ? "" : "no") + "encap-csum "
                + ((flags & 2) != 0 ? "" : "no") + "encap-csum6 " + ((flags & 4) != 0 ? "" : "no")
                + "encap-remcsum ");
    }
}
