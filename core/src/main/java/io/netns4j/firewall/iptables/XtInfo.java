package io.netns4j.firewall.iptables;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The xtables structures iptables-nft hands to the kernel's nft_compat for the extensions it
 * does not turn into native expressions (linux/netfilter/xt_*.h, x86_64/aarch64 layout, host
 * byte order, sizes rounded up to 8 as XT_ALIGN does): conntrack v3, multiport v1, comment,
 * REJECT, LOG, and the NAT ranges.
 */
final class XtInfo {
    /** sizeof(struct xt_conntrack_mtinfo3), aligned. */
    static final int CONNTRACK_V3 = 168;
    static final int CONNTRACK_STATE = 1;
    static final int CONNTRACK_STATE_ALIAS = 1 << 13;
    /** Offsets in xt_conntrack_mtinfo3. */
    static final int CT_MATCH_FLAGS = 146;
    static final int CT_INVERT_FLAGS = 148;
    static final int CT_STATE_MASK = 150;
    static final int MULTIPORT_V1 = 48;
    static final int MULTIPORT_MAX = 15;
    static final int COMMENT = 256;
    /** struct xt_connmark_tginfo2 (ctmark, ctmask, nfmask, shift_dir, shift_bits, mode), aligned: CONNMARK revision 2. */
    static final int CONNMARK_V2 = 16;
    /** struct xt_mark_tginfo2 (mark, mask): MARK revision 2. */
    static final int MARK_V2 = 8;
    /** struct ipt_icmp / ip6t_icmp (type, code min, code max, invflags), aligned. */
    static final int ICMP = 8;
    static final int REJECT = 8;
    static final int LOG = 32;
    static final int LOG_PREFIX = 30;
    /** nf_nat_ipv4_multi_range_compat (MASQUERADE, SNAT and DNAT revision 0 in IPv4). */
    static final int NAT_COMPAT = 24;
    /** nf_nat_range (revision 1; IPv6 MASQUERADE revision 0). */
    static final int NAT_RANGE = 40;
    /** nf_nat_range2 (revision 2). */
    static final int NAT_RANGE2 = 48;
    static final int NAT_MAP_IPS = 1;
    static final int NAT_PROTO_SPECIFIED = 2;
    static final int NAT_PROTO_RANDOM = 4;
    static final int NAT_PERSISTENT = 8;
    static final int NAT_PROTO_RANDOM_FULLY = 16;

    private XtInfo() {
    }

    static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    static ByteBuffer read(byte[] info, int size, String what) throws BadInfo {
        if (info.length != size) {
            throw new BadInfo(what + " information is " + info.length + " bytes, expected " + size);
        }
        return ByteBuffer.wrap(info).order(ByteOrder.nativeOrder());
    }

    /** A NUL-padded char array of {@code size}. */
    static void putText(ByteBuffer b, int at, String text, int size) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        if (t.length >= size) {
            throw new IllegalArgumentException("\"" + text + "\" is over " + (size - 1) + " bytes");
        }
        b.put(at, t);
    }

    static String getText(ByteBuffer b, int at, int size) {
        int end = at;
        while (end < at + size && b.get(end) != 0) {
            end++;
        }
        byte[] t = new byte[end - at];
        b.get(at, t);
        return new String(t, StandardCharsets.UTF_8);
    }

    /** Four bytes in host order as an int (the caller has checked the length). */
    static int read4(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt(0);
    }

    static void putBe16(ByteBuffer b, int at, int v) {
        b.put(at, (byte) (v >>> 8)).put(at + 1, (byte) v);
    }

    static int getBe16(ByteBuffer b, int at) {
        return ((b.get(at) & 0xff) << 8) | (b.get(at + 1) & 0xff);
    }

    /** An xtables structure that does not say what netns4j can read back. */
    static final class BadInfo extends Exception {
        private static final long serialVersionUID = 1L;

        BadInfo(String message) {
            super(message, null, false, false);
        }
    }
}
