package io.netns4j.cli;

import io.netns4j.error.MalformedMessageException;

/**
 * {@code ip -d link show}'s part for bareudp, xfrm and macsec links (IFLA_INFO_DATA), in ip 6.1's
 * order, words and JSON keys (bareudp_print_opt, xfrm_print_opt, macsec_print_opt). A wireguard
 * link has no printer in ip 6.1, so nothing is printed for it.
 */
final class MoreKindsDataView {
    private MoreKindsDataView() {
    }

    static void bareudp(InfoDataOut o) throws MalformedMessageException {
        Long port = o.be16(1);
        if (port != null) {
            o.any("dstport", "dstport " + port + " ", port);
        }
        Long type = o.be16(2);
        if (type != null) {
            String name = ethertype((int) (long) type);
            o.any("ethertype", "ethertype " + name + " ", name);
        }
        if (o.has(3)) {
            long min = o.u16(3, 0);
            o.any("srcportmin", "srcportmin " + min + " ", min);
        }
        boolean multi = o.has(4);
        o.any("multiproto", multi ? "multiproto " : "nomultiproto ", multi);
    }

    /** ll_proto_n2a: the first name of ip's table, else {@code [N]}. */
    static String ethertype(int v) {
        return switch (v) {
            case 0x0800 -> "ip";
            case 0x0806 -> "arp";
            case 0x86dd -> "ipv6";
            case 0x8847 -> "mpls_uc";
            case 0x8848 -> "mpls_mc";
            case 0x8100 -> "802.1Q";
            case 0x88a8 -> "802.1ad";
            case 0x6558 -> "teb";
            case 0x88cc -> "LLDP";
            default -> "[" + v + "]";
        };
    }

    static void xfrm(InfoDataOut o) throws MalformedMessageException {
        if (o.has(3)) {
            o.any("external", "external ", true);
            return;
        }
        if (o.has(2)) {
            String id = InfoDataOut.hex(o.u32(2, 0));
            o.any("if_id", "if_id " + id + " ", id);
        }
    }

    private static final String[] VALIDATE = {"disabled", "check", "strict"};
    private static final String[] OFFLOAD = {"off", "phy", "mac"};

    static void macsec(InfoDataOut o) throws MalformedMessageException {
        byte[] sci = o.data().bytes(1);
        if (sci != null && sci.length >= 8) {
            String s = String.format("%016x", java.nio.ByteBuffer.wrap(sci, 0, 8).getLong());
            o.text("sci " + s + " ");
            o.json("sci", s);
        }
        flag(o, "protect", "protect", 8);
        byte[] cs = o.data().bytes(4);
        if (cs != null && cs.length >= 8) {
            long id = java.nio.ByteBuffer.wrap(cs, 0, 8).order(java.nio.ByteOrder.nativeOrder()).getLong();
            String name = id == 0x0080020001000001L || id == 0x0080C20001000001L ? "GCM-AES-128"
                    : id == 0x0080C20001000002L ? "GCM-AES-256" : id == 0x0080C20001000003L ? "GCM-AES-XPN-128"
                    : id == 0x0080C20001000004L ? "GCM-AES-XPN-256" : "(unknown)";
            o.any("cipher_suite", "cipher " + name + " ", name);
        }
        if (o.has(3)) {
            long v = o.u8(3, 0);
            o.text("icvlen " + v + " ");
            o.json("icv_len", v);
        }
        if (o.has(6)) {
            long v = o.u8(6, 0);
            o.text("encodingsa " + v + " ");
            o.json("encoding_sa", v);
        }
        if (o.has(13)) {
            long v = o.u8(13, 0);
            String s = v < VALIDATE.length ? VALIDATE[(int) v] : "(unknown)";
            o.any("validation", "validate " + s + " ", s);
        }
        if (o.has(15)) {
            long v = o.u8(15, 0);
            String s = v < OFFLOAD.length ? OFFLOAD[(int) v] : "(unknown)";
            o.any("offload", "offload " + s + " ", s);
        }
        flag(o, "encrypt", "encrypt", 7);
        flag(o, "send_sci", "inc_sci", 9);
        flag(o, "end_station", "es", 10);
        flag(o, "scb", "scb", 11);
        flag(o, "replay", "replay_protect", 12);
        if (o.has(5)) {
            int v = (int) o.u32(5, 0); // print_int of a u32: -1 prints as -1
            o.any("window", "window " + v + " ", v);
        }
    }

    /** ipmacsec.c's print_flag: {@code NAME on|off} in text, a boolean under its JSON key. */
    private static void flag(InfoDataOut o, String word, String key, int type) throws MalformedMessageException {
        if (!o.has(type)) {
            return;
        }
        boolean on = o.u8(type, 0) != 0;
        o.text(word + " " + (on ? "on" : "off") + " ");
        o.json(key, on);
    }
}
