package io.netns4j.cli;

import io.netns4j.error.MalformedMessageException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ip -d link show}'s part for vlan links (IFLA_INFO_DATA), in ip 6.1's order, words
 * and JSON keys (iplink_vlan.c's vlan_print_opt): protocol, id, the flags in angle brackets,
 * and the QoS maps on lines of their own.
 */
final class VlanDataView {
    private VlanDataView() {
    }

    private static final int ID = 1;
    private static final int FLAGS = 2;
    private static final int EGRESS_QOS = 3;
    private static final int INGRESS_QOS = 4;
    private static final int PROTOCOL = 5;
    private static final String[] FLAG_NAMES = {"REORDER_HDR", "GVRP", "MVRP", "LOOSE_BINDING", "BRIDGE_BINDING"};
    private static final int[] FLAG_BITS = {0x1, 0x2, 0x8, 0x4, 0x10};

    static void vlan(InfoDataOut o) throws MalformedMessageException {
        byte[] proto = o.data().bytes(PROTOCOL);
        byte[] id = o.data().bytes(ID);
        if ((proto != null && proto.length < 2) || id == null || id.length < 2) {
            return;
        }
        String p = "802.1q";
        if (proto != null) {
            long v = o.be16(PROTOCOL);
            p = v == 0x8100 ? "802.1Q" : v == 0x88a8 ? "802.1ad" : String.format("[%d]", v);
        }
        o.any("protocol", "protocol " + p + " ", p);
        o.any("id", "id " + o.u16(ID, 0) + " ", o.u16(ID, 0));
        byte[] f = o.data().bytes(FLAGS);
        if (f != null) {
            if (f.length < 8) {
                return;
            }
            flags(o, o.u32(FLAGS, 0));
        }
        map(o, INGRESS_QOS, "ingress_qos", "ingress-qos-map");
        map(o, EGRESS_QOS, "egress_qos", "egress-qos-map");
    }

    private static void flags(InfoDataOut o, long flags) {
        StringBuilder text = new StringBuilder("<");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & FLAG_BITS[i]) != 0) {
                flags &= ~FLAG_BITS[i];
                names.add(FLAG_NAMES[i]);
                text.append(FLAG_NAMES[i]).append(flags != 0 ? "," : "");
            }
        }
        if (flags != 0) {
            names.add(Long.toHexString(flags));
            text.append(Long.toHexString(flags));
        }
        o.any("flags", text.append("> ").toString(), names);
    }

    /** The nested IFLA_VLAN_QOS_MAPPINGs: {@code from:to} pairs (u32 each), walked as RTA_OK does. */
    private static void map(InfoDataOut o, int type, String key, String word) {
        byte[] list = o.data().bytes(type);
        if (list == null) {
            return;
        }
        StringBuilder text = new StringBuilder("\n      " + word + " { ");
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (int at = 0; at + 4 <= list.length; ) {
            int len = (list[at] & 0xff) | (list[at + 1] & 0xff) << 8;
            if (len < 4 || at + len > list.length) {
                break;
            }
            if (len >= 12) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(list, at + 4, 8).order(java.nio.ByteOrder.nativeOrder());
                long from = Integer.toUnsignedLong(b.getInt(at + 4));
                long to = Integer.toUnsignedLong(b.getInt(at + 8));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from", from);
                m.put("to", to);
                pairs.add(m);
                text.append(from).append(':').append(to).append(' ');
            }
            at += (len + 3) & ~3;
        }
        o.any(key, text.append("} ").toString(), pairs);
    }
}
