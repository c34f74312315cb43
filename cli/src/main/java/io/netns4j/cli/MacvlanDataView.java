package io.netns4j.cli;

import io.netns4j.error.MalformedMessageException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ip -d link show}'s part for macvlan/macvtap, ipvlan and vrf links (IFLA_INFO_DATA),
 * in ip 6.1's order, words and JSON keys (iplink_macvlan.c, iplink_ipvlan.c, iplink_vrf.c).
 */
final class MacvlanDataView {
    private MacvlanDataView() {
    }

    private static final int MODE = 1;
    private static final int FLAGS = 2;
    private static final int MACADDR = 4;
    private static final int MACADDR_DATA = 5;
    private static final int MACADDR_COUNT = 6;
    private static final int BC_QUEUE_LEN = 7;
    private static final int BC_QUEUE_LEN_USED = 8;
    private static final int SOURCE = 16;

    static void macvlan(InfoDataOut o) throws MalformedMessageException {
        byte[] m = o.data().bytes(MODE);
        if (m == null || m.length < 4) {
            return;
        }
        long mode = o.u32(MODE, 0);
        String word = mode == 1 ? "private" : mode == 2 ? "vepa" : mode == 4 ? "bridge" : mode == 8 ? "passthru"
                : mode == SOURCE ? "source" : "unknown";
        o.any("mode", "mode " + word + " ", word);
        byte[] f = o.data().bytes(FLAGS);
        long flags = f == null || f.length < 2 ? 0 : o.u16(FLAGS, 0);
        if ((flags & 1) != 0) {
            o.any("nopromisc", "nopromisc ", true);
        }
        if ((flags & 2) != 0) {
            o.any("nodst", "nodst ", true);
        }
        u32(o, BC_QUEUE_LEN, "bcqueuelen");
        u32(o, BC_QUEUE_LEN_USED, "usedbcqueuelen");
        byte[] count = o.data().bytes(MACADDR_COUNT);
        if (mode != SOURCE || count == null || count.length < 4) {
            return;
        }
        o.any("macaddr_count", "remotes (" + (int) o.u32(MACADDR_COUNT, 0) + ") ", (int) o.u32(MACADDR_COUNT, 0));
        byte[] list = o.data().bytes(MACADDR_DATA);
        if (list == null) {
            return;
        }
        List<String> macs = new ArrayList<>();
        for (int at = 0; at + 4 <= list.length; ) { // RTA_OK: a header, and a length that fits
            int len = (list[at] & 0xff) | (list[at + 1] & 0xff) << 8;
            int type = (list[at + 2] & 0xff) | (list[at + 3] & 0xff) << 8;
            if (len < 4 || at + len > list.length) {
                break;
            }
            if (type == MACADDR && len - 4 >= 6) {
                StringBuilder mac = new StringBuilder();
                for (int i = 0; i < 6; i++) {
                    mac.append(i > 0 ? ":" : "").append(String.format("%02x", list[at + 4 + i] & 0xff));
                }
                macs.add(mac.toString());
                o.text(mac + " ");
            }
            at += (len + 3) & ~3;
        }
        o.json("macaddr_data", macs);
    }

    private static void u32(InfoDataOut o, int type, String key) throws MalformedMessageException {
        byte[] b = o.data().bytes(type);
        if (b != null && b.length >= 4) {
            o.any(key, key + " " + o.u32(type, 0) + " ", o.u32(type, 0));
        }
    }

    static void ipvlan(InfoDataOut o) throws MalformedMessageException {
        byte[] m = o.data().bytes(1);
        if (m != null && m.length == 2) {
            long mode = o.u16(1, 0);
            String word = mode == 0 ? "l2" : mode == 1 ? "l3" : mode == 2 ? "l3s" : "unknown";
            o.any("mode", " mode " + word + " ", word);
        }
        byte[] f = o.data().bytes(2);
        if (f != null && f.length == 2) {
            long flags = o.u16(2, 0);
            String word = (flags & 1) != 0 ? "private" : (flags & 2) != 0 ? "vepa" : "bridge";
            o.any(word, word + " ", true);
        }
    }

    static void vrf(InfoDataOut o) throws MalformedMessageException {
        if (o.has(1)) {
            o.any("table", "table " + o.u32(1, 0) + " ", o.u32(1, 0));
        }
    }
}
