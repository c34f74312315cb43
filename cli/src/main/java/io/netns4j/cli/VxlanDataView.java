package io.netns4j.cli;

import io.netns4j.error.MalformedMessageException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ip -d link show}'s part for vxlan and geneve links (IFLA_INFO_DATA), in ip 6.1's
 * order, words and JSON keys (iplink_vxlan.c's and iplink_geneve.c's print functions).
 */
final class VxlanDataView {
    private VxlanDataView() {
    }

    private static final int ID = 1;
    private static final int GROUP = 2;
    private static final int LINK = 3;
    private static final int LOCAL = 4;
    private static final int TTL = 5;
    private static final int TOS = 6;
    private static final int LEARNING = 7;
    private static final int AGEING = 8;
    private static final int LIMIT = 9;
    private static final int PORT_RANGE = 10;
    private static final int PROXY = 11;
    private static final int RSC = 12;
    private static final int L2MISS = 13;
    private static final int L3MISS = 14;
    private static final int PORT = 15;
    private static final int GROUP6 = 16;
    private static final int LOCAL6 = 17;
    private static final int UDP_CSUM = 18;
    private static final int ZERO_CSUM6_TX = 19;
    private static final int ZERO_CSUM6_RX = 20;
    private static final int REMCSUM_TX = 21;
    private static final int REMCSUM_RX = 22;
    private static final int GBP = 23;
    private static final int COLLECT_METADATA = 25;
    private static final int LABEL = 26;
    private static final int GPE = 27;
    private static final int TTL_INHERIT = 28;
    private static final int DF = 29;
    private static final int VNIFILTER = 30;

    static void vxlan(InfoDataOut o) throws MalformedMessageException {
        flag(o, COLLECT_METADATA, "external", "external ");
        flag(o, VNIFILTER, "vnifilter", "vnifilter");
        if (o.data().bytes(ID) != null && o.data().bytes(ID).length >= 4) {
            o.any("id", "id " + o.u32(ID, 0) + " ", o.u32(ID, 0));
        }
        if (o.has(GROUP)) {
            String a = o.address(GROUP, false);
            if (a != null) {
                String key = o.multicast(GROUP) ? "group" : "remote";
                o.any(key, key + " " + a + " ", a);
            }
        } else if (o.has(GROUP6)) {
            String a = o.address(GROUP6, true);
            if (a != null) {
                boolean m = o.multicast(GROUP6);
                o.any(m ? "group6" : "remote6", (m ? "group " : "remote ") + a + " ", a);
            }
        }
        if (o.has(LOCAL)) {
            String a = o.address(LOCAL, false);
            if (a != null) {
                o.any("local", "local " + a + " ", a);
            }
        } else if (o.has(LOCAL6)) {
            String a = o.address(LOCAL6, true);
            if (a != null) {
                o.any("local6", "local " + a + " ", a);
            }
        }
        long link = o.u32(LINK, 0);
        if (link != 0) {
            o.any("link", "dev " + o.device(link) + " ", o.device(link));
        }
        byte[] range = o.data().bytes(PORT_RANGE);
        if (range != null && range.length >= 4) {
            int low = ((range[0] & 0xff) << 8) | (range[1] & 0xff);
            int high = ((range[2] & 0xff) << 8) | (range[3] & 0xff);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("low", low);
            r.put("high", high);
            o.any("port_range", "srcport " + low + " " + high + " ", r);
        }
        Long port = o.be16(PORT);
        if (port != null) {
            o.any("port", "dstport " + port + " ", port);
        }
        if (o.has(LEARNING)) {
            boolean learning = o.u8(LEARNING, 0) != 0;
            o.json("learning", learning);
            if (!learning) {
                o.text("nolearning ");
            }
        }
        flag(o, PROXY, "proxy", "proxy ");
        flag(o, RSC, "rsc", "rsc ");
        flag(o, L2MISS, "l2miss", "l2miss ");
        flag(o, L3MISS, "l3miss", "l3miss ");
        tos(o, TOS);
        ttl(o, TTL_INHERIT, TTL);
        df(o, DF);
        label(o, LABEL);
        if (o.has(AGEING)) {
            long age = o.u32(AGEING, 0);
            o.any("ageing", age == 0 ? "ageing none " : "ageing " + age + " ", age);
        }
        long max = o.u32(LIMIT, 0);
        if (max != 0) {
            o.any("limit", "maxaddr " + max + " ", max);
        }
        csums(o, UDP_CSUM, ZERO_CSUM6_TX, ZERO_CSUM6_RX);
        flag(o, REMCSUM_TX, "remcsum_tx", "remcsumtx ");
        flag(o, REMCSUM_RX, "remcsum_rx", "remcsumrx ");
        if (o.has(GBP)) {
            o.any("gbp", "gbp ", true);
        }
        if (o.has(GPE)) {
            o.any("gpe", "gpe ", true);
        }
    }

    private static final int G_ID = 1;
    private static final int G_REMOTE = 2;
    private static final int G_TTL = 3;
    private static final int G_TOS = 4;
    private static final int G_PORT = 5;
    private static final int G_COLLECT_METADATA = 6;
    private static final int G_REMOTE6 = 7;
    private static final int G_UDP_CSUM = 8;
    private static final int G_ZERO_CSUM6_TX = 9;
    private static final int G_ZERO_CSUM6_RX = 10;
    private static final int G_LABEL = 11;
    private static final int G_TTL_INHERIT = 12;
    private static final int G_DF = 13;
    private static final int G_INNER_PROTO_INHERIT = 14;

    static void geneve(InfoDataOut o) throws MalformedMessageException {
        if (o.has(G_COLLECT_METADATA)) {
            o.any("external", "external ", true);
        }
        if (o.data().bytes(G_ID) != null && o.data().bytes(G_ID).length >= 4) {
            o.any("id", "id " + o.u32(G_ID, 0) + " ", o.u32(G_ID, 0));
        }
        if (o.has(G_REMOTE)) {
            String a = o.address(G_REMOTE, false);
            if (a != null) {
                o.any("remote", "remote " + a + " ", a);
            }
        } else if (o.has(G_REMOTE6)) {
            String a = o.address(G_REMOTE6, true);
            if (a != null && !o.multicast(G_REMOTE6)) {
                o.any("remote6", "remote " + a + " ", a);
            }
        }
        ttl(o, G_TTL_INHERIT, G_TTL);
        tos(o, G_TOS);
        df(o, G_DF);
        label(o, G_LABEL);
        Long port = o.be16(G_PORT);
        if (port != null) {
            o.any("port", "dstport " + port + " ", port);
        }
        csums(o, G_UDP_CSUM, G_ZERO_CSUM6_TX, G_ZERO_CSUM6_RX);
        if (o.has(G_INNER_PROTO_INHERIT)) {
            o.any("inner_proto_inherit", "innerprotoinherit ", true);
        }
    }

    private static void flag(InfoDataOut o, int type, String key, String words) throws MalformedMessageException {
        if (o.u8(type, 0) != 0) {
            o.any(key, words, true);
        }
    }

    private static void tos(InfoDataOut o, int type) throws MalformedMessageException {
        long tos = o.u8(type, 0);
        if (tos != 0) {
            o.json("tos", InfoDataOut.hex(tos));
            o.text(tos == 1 ? "tos inherit " : "tos " + InfoDataOut.hex(tos) + " ");
        }
    }

    private static void ttl(InfoDataOut o, int inherit, int type) throws MalformedMessageException {
        if (o.u8(inherit, 0) != 0) {
            o.text("ttl inherit ");
        } else if (o.has(type)) {
            long ttl = o.u8(type, 0);
            o.json("ttl", ttl);
            o.text(ttl != 0 ? "ttl " + ttl + " " : "ttl auto ");
        }
    }

    private static void df(InfoDataOut o, int type) throws MalformedMessageException {
        if (o.has(type)) {
            long df = o.u8(type, 0);
            if (df == 0) {
                o.json("df", "unset");
            } else if (df == 1) {
                o.any("df", "df set ", "set");
            } else if (df == 2) {
                o.any("df", "df inherit ", "inherit");
            }
        }
    }

    private static void label(InfoDataOut o, int type) {
        Long label = o.be32(type);
        if (label != null && label != 0) {
            o.any("label", "flowlabel " + InfoDataOut.hex(label) + " ", InfoDataOut.hex(label));
        }
    }

    private static void csums(InfoDataOut o, int csum, int tx, int rx) throws MalformedMessageException {
        csum(o, csum, "udp_csum", "udpcsum ");
        csum(o, tx, "udp_zero_csum6_tx", "udp6zerocsumtx ");
        csum(o, rx, "udp_zero_csum6_rx", "udp6zerocsumrx ");
    }

    private static void csum(InfoDataOut o, int type, String key, String words) throws MalformedMessageException {
        if (o.has(type)) {
            boolean on = o.u8(type, 0) != 0;
            o.json(key, on);
            o.text((on ? "" : "no") + words);
        }
    }
}
