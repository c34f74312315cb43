package io.netns4j.cli;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.link.KindAttributes;
import io.netns4j.types.MacAddress;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code ip -d link show}'s part for a kind's own attributes: a bridge's options
 * ({@code linkinfo.info_data}) and a bridge port's ({@code linkinfo.info_slave_data}), in
 * ip 6.1's order, words and formats (text and JSON), one table row per attribute; the kinds
 * whose printers ip writes as code (vxlan, geneve, macvlan, ipvlan, vrf, vlan, the tunnels) have a
 * printer of their own in the same shape ({@link VxlanDataView}, {@link MacvlanDataView},
 * {@link TunnelDataView}, {@link VlanDataView}).
 */
final class KindDataView {
    /** How ip prints a value. */
    private enum Form { U8, U16, U32, U64, TIMER, BRIDGE_ID, HEX16, MAC, PROTO, ON_OFF, PORT_STATE, BOOLOPT, FWD_MASK,
        TUN_TYPE, MULTI_QUEUE, USER, GROUP }

    /** One attribute: its number, its word in text, its key in JSON, its form. */
    private record Row(int type, String word, String key, Form form) {
    }

    private static Row row(int type, String word, Form form) {
        return new Row(type, word, word, form);
    }

    private static Row row(int type, String word, String key, Form form) {
        return new Row(type, word, key, form);
    }

    private static final List<Row> BRIDGE = List.of(row(1, "forward_delay", Form.U32), row(2, "hello_time", Form.U32),
            row(3, "max_age", Form.U32), row(4, "ageing_time", Form.U32), row(5, "stp_state", Form.U32),
            row(6, "priority", Form.U16), row(7, "vlan_filtering", Form.U8), row(8, "vlan_protocol", Form.PROTO),
            row(11, "bridge_id", Form.BRIDGE_ID),
            // ip 6.1 prints the bridge's own id as the designated root (it reads IFLA_BR_BRIDGE_ID there)
            row(10, "designated_root", "root_id", Form.BRIDGE_ID), row(12, "root_port", Form.U16),
            row(13, "root_path_cost", Form.U32), row(14, "topology_change", Form.U8),
            row(15, "topology_change_detected", Form.U8), row(16, "hello_timer", Form.TIMER),
            row(17, "tcn_timer", Form.TIMER), row(18, "topology_change_timer", Form.TIMER),
            row(19, "gc_timer", Form.TIMER), row(39, "vlan_default_pvid", Form.U16),
            row(41, "vlan_stats_enabled", Form.U8), row(45, "vlan_stats_per_port", Form.U8),
            row(9, "group_fwd_mask", Form.HEX16), row(20, "group_address", "group_addr", Form.MAC),
            row(23, "mcast_snooping", Form.U8), row(46, "", Form.BOOLOPT), row(22, "mcast_router", Form.U8),
            row(24, "mcast_query_use_ifaddr", Form.U8), row(25, "mcast_querier", Form.U8),
            row(26, "mcast_hash_elasticity", Form.U32), row(27, "mcast_hash_max", Form.U32),
            row(28, "mcast_last_member_count", "mcast_last_member_cnt", Form.U32),
            row(29, "mcast_startup_query_count", "mcast_startup_query_cnt", Form.U32),
            row(30, "mcast_last_member_interval", "mcast_last_member_intvl", Form.U64),
            row(31, "mcast_membership_interval", "mcast_membership_intvl", Form.U64),
            row(32, "mcast_querier_interval", "mcast_querier_intvl", Form.U64),
            row(33, "mcast_query_interval", "mcast_query_intvl", Form.U64),
            row(34, "mcast_query_response_interval", "mcast_query_response_intvl", Form.U64),
            row(35, "mcast_startup_query_interval", "mcast_startup_query_intvl", Form.U64),
            row(42, "mcast_stats_enabled", Form.U8), row(43, "mcast_igmp_version", Form.U8),
            row(44, "mcast_mld_version", Form.U8), row(36, "nf_call_iptables", Form.U8),
            row(37, "nf_call_ip6tables", Form.U8), row(38, "nf_call_arptables", Form.U8));

    private static final List<Row> BRIDGE_PORT = List.of(row(1, "state", Form.PORT_STATE),
            row(2, "priority", Form.U16), row(3, "cost", Form.U32), row(4, "hairpin", Form.ON_OFF),
            row(5, "guard", Form.ON_OFF), row(6, "root_block", Form.ON_OFF), row(7, "fastleave", Form.ON_OFF),
            row(8, "learning", Form.ON_OFF), row(9, "flood", Form.ON_OFF), row(17, "port_id", "id", Form.HEX16),
            row(18, "port_no", "no", Form.HEX16), row(15, "designated_port", Form.U16),
            row(16, "designated_cost", Form.U16), row(14, "designated_bridge", "bridge_id", Form.BRIDGE_ID),
            row(13, "designated_root", "root_id", Form.BRIDGE_ID), row(23, "hold_timer", Form.TIMER),
            row(21, "message_age_timer", Form.TIMER), row(22, "forward_delay_timer", Form.TIMER),
            row(19, "topology_change_ack", Form.U8), row(20, "config_pending", Form.U8),
            row(10, "proxy_arp", Form.ON_OFF), row(12, "proxy_arp_wifi", Form.ON_OFF),
            row(25, "mcast_router", "multicast_router", Form.U8),
            row(7, "mcast_fast_leave", null, Form.ON_OFF), // text only: ip printed fastleave's JSON already
            row(27, "mcast_flood", Form.ON_OFF), row(30, "bcast_flood", Form.ON_OFF),
            row(28, "mcast_to_unicast", Form.ON_OFF), row(32, "neigh_suppress", Form.ON_OFF),
            row(31, "group_fwd_mask", Form.FWD_MASK), row(29, "vlan_tunnel", Form.ON_OFF),
            row(33, "isolated", Form.ON_OFF), row(39, "locked", Form.ON_OFF));

    /** ip's tun_print_opt: type, pi, vnet_hdr, multi_queue (numqueues, numdisabled), persist, user, group. */
    private static final List<Row> TUN = List.of(row(3, "type", Form.TUN_TYPE), row(4, "pi", Form.ON_OFF),
            row(5, "vnet_hdr", Form.ON_OFF), row(7, "multi_queue", Form.MULTI_QUEUE), row(6, "persist", Form.ON_OFF),
            row(1, "user", Form.USER), row(2, "group", Form.GROUP));
    private static final int TUN_NUM_QUEUES = 8;
    private static final int TUN_NUM_DISABLED_QUEUES = 9;

    private static final String[] PORT_STATES = {"disabled", "listening", "learning", "forwarding", "blocking"};

    private KindDataView() {
    }

    /** The rows ip has for {@code kind} ("bridge", or "bridge_slave" for a port), or null when it has none here. */
    private static List<Row> rows(String kind) {
        return switch (kind) {
            case "bridge" -> BRIDGE;
            case "bridge_slave" -> BRIDGE_PORT;
            case "tun" -> TUN;
            default -> null;
        };
    }

    /** A kind whose printer is written in ip's print_* calls ({@link InfoDataOut}) rather than as rows. */
    @FunctionalInterface
    private interface Printer {
        void print(InfoDataOut out) throws MalformedMessageException;
    }

    private static final Map<String, Printer> PRINTERS = Map.ofEntries(Map.entry("vxlan", VxlanDataView::vxlan),
            Map.entry("geneve", VxlanDataView::geneve), Map.entry("macvlan", MacvlanDataView::macvlan),
            Map.entry("macvtap", MacvlanDataView::macvlan), Map.entry("ipvlan", MacvlanDataView::ipvlan),
            Map.entry("ipvtap", MacvlanDataView::ipvlan), Map.entry("vrf", MacvlanDataView::vrf),
            Map.entry("ipip", TunnelDataView::ipTunnel), Map.entry("sit", TunnelDataView::ipTunnel),
            Map.entry("ip6tnl", TunnelDataView::ip6Tunnel), Map.entry("gre", TunnelDataView::gre),
            Map.entry("gretap", TunnelDataView::gre), Map.entry("ip6gre", TunnelDataView::gre6),
            Map.entry("ip6gretap", TunnelDataView::gre6), Map.entry("vti", o -> TunnelDataView.vti(o, false)),
            Map.entry("vti6", o -> TunnelDataView.vti(o, true)), Map.entry("vlan", VlanDataView::vlan),
            Map.entry("bareudp", MoreKindsDataView::bareudp), Map.entry("xfrm", MoreKindsDataView::xfrm),
            Map.entry("macsec", MoreKindsDataView::macsec));

    /** Whether ip prints an info_data (or info_slave_data) object for {@code kind}. */
    static boolean known(String kind) {
        return rows(kind) != null || PRINTERS.containsKey(kind);
    }

    /** The printer's output for {@code kind}, or null when it has none. */
    private static InfoDataOut printed(String kind, KindAttributes data, IntFunction<String> names) {
        Printer p = PRINTERS.get(kind);
        if (p == null) {
            return null;
        }
        InfoDataOut out = new InfoDataOut(data, names);
        if (data.types().isEmpty()) {
            return out; // ip calls the printer with no table then, and it prints nothing
        }
        try {
            p.print(out);
        } catch (MalformedMessageException e) {
            out.text("(malformed: " + e.getMessage() + ") ");
            out.json("malformed", e.getMessage());
        }
        return out;
    }

    /**
     * The text ip prints after the kind's word; "" for a kind without a printer.
     *
     * @param names a device's name by its index, for the kinds that name one ({@code dev lo})
     */
    static String text(String kind, KindAttributes data, IntFunction<String> names) {
        InfoDataOut printed = printed(kind, data, names);
        return printed != null ? printed.text() : text(kind, data);
    }

    /** The info_data object, as {@link #text(String, KindAttributes, IntFunction)} prints it. */
    static Map<String, Object> json(String kind, KindAttributes data, IntFunction<String> names) {
        InfoDataOut printed = printed(kind, data, names);
        return printed != null ? printed.object() : json(kind, data);
    }

    /** The text ip prints after the kind's word; "" for a kind without rows. */
    static String text(String kind, KindAttributes data) {
        List<Row> rows = rows(kind);
        StringBuilder sb = new StringBuilder();
        if (rows == null) {
            return "";
        }
        try {
            for (Row r : rows) {
                if (data.has(r.type())) {
                    text(sb, r, data);
                }
            }
        } catch (MalformedMessageException e) {
            sb.append("(malformed: ").append(e.getMessage()).append(") ");
        }
        return sb.toString();
    }

    /** The info_data object; empty for a kind without rows. */
    static Map<String, Object> json(String kind, KindAttributes data) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Row> rows = rows(kind);
        if (rows == null) {
            return m;
        }
        try {
            for (Row r : rows) {
                if (r.key() != null && (data.has(r.type()) || r.form() == Form.MULTI_QUEUE)) {
                    json(m, r, data);
                }
            }
        } catch (MalformedMessageException e) {
            m.put("malformed", e.getMessage());
        }
        return m;
    }

    private static void text(StringBuilder sb, Row r, KindAttributes d) throws MalformedMessageException {
        switch (r.form()) {
            case BOOLOPT -> {
                long[] b = boolopt(d.bytes(r.type()));
                if ((b[1] & 2) != 0) {
                    sb.append("no_linklocal_learn ").append((b[0] & 2) != 0 ? 1 : 0).append(' ');
                }
                if ((b[1] & 4) != 0) {
                    sb.append("mcast_vlan_snooping ").append((b[0] & 4) != 0 ? 1 : 0).append(' ');
                }
            }
            case MULTI_QUEUE -> {
                if (d.u8(r.type()) != 0) {
                    sb.append("multi_queue ");
                    if (d.has(TUN_NUM_QUEUES)) {
                        sb.append("numqueues ").append(d.u32(TUN_NUM_QUEUES)).append(' ');
                    }
                    if (d.has(TUN_NUM_DISABLED_QUEUES)) {
                        sb.append("numdisabled ").append(d.u32(TUN_NUM_DISABLED_QUEUES)).append(' ');
                    }
                }
            }
            case TIMER -> {
                long v = d.u64(r.type());
                sb.append(r.word()).append(' ').append(String.format("%4d", v / 100)).append('.')
                        .append(String.format("%02d", v % 100)).append(' ');
            }
            case FWD_MASK -> {
                long v = d.u16(r.type());
                sb.append("group_fwd_mask ").append(hex(v)).append(" group_fwd_mask_str ").append(maskText(v))
                        .append(' ');
            }
            default -> sb.append(r.word()).append(' ').append(value(r, d)).append(' ');
        }
    }

    private static void json(Map<String, Object> m, Row r, KindAttributes d) throws MalformedMessageException {
        switch (r.form()) {
            case BOOLOPT -> {
                long[] b = boolopt(d.bytes(r.type()));
                if ((b[1] & 2) != 0) {
                    m.put("no_linklocal_learn", (b[0] & 2) != 0 ? 1 : 0);
                }
                if ((b[1] & 4) != 0) {
                    m.put("mcast_vlan_snooping", (b[0] & 4) != 0 ? 1 : 0);
                }
            }
            case TIMER -> {
                long v = d.u64(r.type());
                m.put(r.key(), new BigDecimal(v / 100 + "." + String.format("%02d", v % 100)));
            }
            case FWD_MASK -> {
                long v = d.u16(r.type());
                m.put("group_fwd_mask", hex(v));
                m.put("group_fwd_mask_str", maskText(v));
            }
            case ON_OFF -> m.put(r.key(), d.u8(r.type()) != 0);
            case MULTI_QUEUE -> {
                boolean on = d.has(r.type()) && d.u8(r.type()) != 0;
                m.put("multi_queue", on);
                if (on && d.has(TUN_NUM_QUEUES)) {
                    m.put("numqueues", d.u32(TUN_NUM_QUEUES));
                }
                if (on && d.has(TUN_NUM_DISABLED_QUEUES)) {
                    m.put("numdisabled", d.u32(TUN_NUM_DISABLED_QUEUES));
                }
            }
            case USER, GROUP -> {
                long id = d.u32(r.type());
                String name = SystemNames.of(r.form() == Form.USER ? "/etc/passwd" : "/etc/group", id);
                m.put(r.key(), name != null ? name : (Object) id);
            }
            case U8, U16, U32, U64 -> m.put(r.key(), number(r, d));
            default -> m.put(r.key(), value(r, d));
        }
    }

    private static long number(Row r, KindAttributes d) throws MalformedMessageException {
        return switch (r.form()) {
            case U8 -> d.u8(r.type());
            case U16 -> d.u16(r.type());
            case U32 -> d.u32(r.type());
            default -> d.u64(r.type());
        };
    }

    private static String value(Row r, KindAttributes d) throws MalformedMessageException {
        return switch (r.form()) {
            case ON_OFF -> d.u8(r.type()) != 0 ? "on" : "off";
            case HEX16 -> hex(d.u16(r.type()));
            case MAC -> new MacAddress(d.bytes(r.type())).toString();
            case BRIDGE_ID -> bridgeId(d.bytes(r.type()));
            case PROTO -> protocol(d.bytes(r.type()));
            case TUN_TYPE -> {
                long t = d.u8(r.type());
                yield t == 1 ? "tun" : t == 2 ? "tap" : "UNKNOWN:" + t;
            }
            case USER, GROUP -> {
                long id = d.u32(r.type());
                String name = SystemNames.of(r.form() == Form.USER ? "/etc/passwd" : "/etc/group", id);
                yield name != null ? name : Long.toString(id);
            }
            case PORT_STATE -> {
                long s = d.u8(r.type());
                yield s < PORT_STATES.length ? PORT_STATES[(int) s] : "(" + s + ")";
            }
            default -> Long.toUnsignedString(number(r, d));
        };
    }

    /** C's {@code %#llx}: "0" for zero, else 0x and the digits. */
    private static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    private static String maskText(long v) {
        return v == 0 ? "0x0" : hex(v);
    }

    /** {@code struct ifla_bridge_id}: two priority bytes, then the address, as ip prints it ({@code 8000.6:2:fe:...}). */
    private static String bridgeId(byte[] b) {
        if (b == null || b.length < 8) {
            return "?";
        }
        StringBuilder sb = new StringBuilder(String.format("%02x%02x.", b[0] & 0xff, b[1] & 0xff));
        for (int i = 2; i < 8; i++) {
            sb.append(i > 2 ? ":" : "").append(Integer.toHexString(b[i] & 0xff));
        }
        return sb.toString();
    }

    /** A big-endian ethertype, named as ip names the VLAN ones. */
    private static String protocol(byte[] b) {
        if (b == null || b.length < 2) {
            return "?";
        }
        int p = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        return p == 0x8100 ? "802.1Q" : p == 0x88a8 ? "802.1ad" : String.format("0x%04x", p);
    }

    /** {@code struct br_boolopt_multi}: optval, optmask (u32 each). */
    private static long[] boolopt(byte[] b) {
        if (b == null || b.length < 8) {
            return new long[] {0, 0};
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder());
        return new long[] {Integer.toUnsignedLong(buf.getInt(0)), Integer.toUnsignedLong(buf.getInt(4))};
    }
}
