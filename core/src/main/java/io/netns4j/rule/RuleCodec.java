package io.netns4j.rule;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.route.Fra;
import io.netns4j.internal.netlink.route.RouteMessage;
import io.netns4j.internal.netlink.route.RuleMessage;
import io.netns4j.route.RouteTables;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static io.netns4j.internal.netlink.route.RouteMessage.attrU32;

/**
 * Routing rules as messages: the {@code RTM_NEWRULE}/{@code RTM_DELRULE} that {@code ip rule
 * add|del} send (byte for byte, golden tests compare) and a dumped rule read back.
 */
final class RuleCodec {
    private RuleCodec() {
    }

    /** The request for {@code r}, with {@code ip rule}'s defaults for what it leaves out. */
    static RuleMessage request(RoutingRule r, boolean delete) {
        RuleAction action = r.action() != null ? r.action() : r.gotoTarget() != null ? RuleAction.GOTO : null;
        // ip: a rule without a table looks up main, unless l3mdev (the device's table) or an action says otherwise
        long table = r.table() != null ? r.table() : action == null && !delete && !r.match().l3mdev() ? RouteTables.MAIN : 0;
        int actionNumber = action != null ? action.number() : delete ? Fra.FR_ACT_UNSPEC : Fra.FR_ACT_TO_TBL;
        List<Attribute> a = new ArrayList<>();
        if (r.source() != null) {
            a.add(new Attribute(Fra.FRA_SRC, r.source().address().getAddress()));
        }
        if (r.destination() != null) {
            a.add(new Attribute(Fra.FRA_DST, r.destination().address().getAddress()));
        }
        if (r.priority() != null) {
            a.add(attrU32(Fra.FRA_PRIORITY, r.priority()));
        }
        if (r.fwmark() != null) {
            a.add(attrU32(Fra.FRA_FWMARK, r.fwmark()));
        }
        if (r.fwmask() != null) {
            a.add(attrU32(Fra.FRA_FWMASK, r.fwmask()));
        }
        if (r.inputDevice() != null) {
            a.add(RouteMessage.attrString(Fra.FRA_IIFNAME, r.inputDevice()));
        }
        if (r.outputDevice() != null) {
            a.add(RouteMessage.attrString(Fra.FRA_OIFNAME, r.outputDevice()));
        }
        if (table >= 256) {
            a.add(attrU32(Fra.FRA_TABLE, table));
        }
        if (r.suppressPrefixLength() != null) {
            a.add(attrU32(Fra.FRA_SUPPRESS_PREFIXLEN, r.suppressPrefixLength()));
        }
        if (r.suppressIfgroup() != null) { // ip writes both in the order given; this is its usage's order
            a.add(attrU32(Fra.FRA_SUPPRESS_IFGROUP, r.suppressIfgroup()));
        }
        if (r.gotoTarget() != null) {
            a.add(attrU32(Fra.FRA_GOTO, r.gotoTarget()));
        }
        if (r.protocol() != null) {
            a.add(RouteMessage.attrU8(Fra.FRA_PROTOCOL, r.protocol()));
        }
        match(a, r.match());
        return new RuleMessage(r.family().number(), r.destination() == null ? 0 : r.destination().length(),
                r.source() == null ? 0 : r.source().length(), r.tos(), table < 256 ? (int) table : 0, actionNumber,
                r.not() ? Fra.FIB_RULE_INVERT : 0, Attributes.of(a));
    }

    private static final int FRA_FLOW = 11;
    private static final int FRA_TUN_ID = 12;
    private static final int FRA_L3MDEV = 19;
    private static final int FRA_UID_RANGE = 20;
    private static final int FRA_IP_PROTO = 22;
    private static final int FRA_SPORT_RANGE = 23;
    private static final int FRA_DPORT_RANGE = 24;

    /**
     * l3mdev, tun_id (network order), realms, then uidrange, ipproto, sport, dport, written as ip writes them:
     * struct fib_rule_uid_range and port_range, host order.
     */
    private static void match(List<Attribute> a, RuleMatch m) {
        if (m.l3mdev()) {
            a.add(RouteMessage.attrU8(FRA_L3MDEV, 1));
        }
        if (m.tunnelId() != 0) {
            a.add(new Attribute(FRA_TUN_ID, ByteBuffer.allocate(8).putLong(m.tunnelId()).array()));
        }
        if (m.realms() != 0) {
            a.add(attrU32(FRA_FLOW, m.realms()));
        }
        if (m.hasUidRange()) {
            a.add(new Attribute(FRA_UID_RANGE, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                    .putInt((int) m.uidStart()).putInt((int) m.uidEnd()).array()));
        }
        if (m.ipProtocol() != 0) {
            a.add(RouteMessage.attrU8(FRA_IP_PROTO, m.ipProtocol()));
        }
        if (m.sourcePortStart() != 0) {
            a.add(new Attribute(FRA_SPORT_RANGE, ports(m.sourcePortStart(), m.sourcePortEnd())));
        }
        if (m.destinationPortStart() != 0) {
            a.add(new Attribute(FRA_DPORT_RANGE, ports(m.destinationPortStart(), m.destinationPortEnd())));
        }
    }

    private static byte[] ports(int start, int end) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putShort((short) start).putShort((short) end).array();
    }

    /** The selectors the kernel reported; lengths are checked, never trusted. */
    private static RuleMatch match(Attributes a) throws MalformedMessageException {
        RuleMatch m = RuleMatch.any();
        if (a.has(FRA_L3MDEV) && a.u8(FRA_L3MDEV, 0) != 0) {
            m = m.withL3mdev();
        }
        byte[] tun = a.bytes(FRA_TUN_ID);
        if (tun != null) {
            m = m.withTunnelId(ByteBuffer.wrap(fixed(tun, 8, "FRA_TUN_ID").array()).order(ByteOrder.BIG_ENDIAN).getLong());
        }
        byte[] flow = a.bytes(FRA_FLOW);
        if (flow != null) {
            long v = Integer.toUnsignedLong(fixed(flow, 4, "FRA_FLOW").getInt(0));
            m = m.withRealms((int) (v >>> 16), (int) (v & 0xffff));
        }
        byte[] uid = a.bytes(FRA_UID_RANGE);
        if (uid != null) {
            ByteBuffer b = fixed(uid, 8, "FRA_UID_RANGE");
            long start = Integer.toUnsignedLong(b.getInt(0));
            long end = Integer.toUnsignedLong(b.getInt(4));
            if (start != 0 || end != 0xffffffffL) { // the kernel's "any user"
                m = m.withUidRange(start, end);
            }
        }
        if (a.has(FRA_IP_PROTO)) {
            m = m.withIpProtocol(a.u8(FRA_IP_PROTO, 0));
        }
        byte[] sport = a.bytes(FRA_SPORT_RANGE);
        if (sport != null) {
            ByteBuffer b = fixed(sport, 4, "FRA_SPORT_RANGE");
            m = m.withSourcePorts(Short.toUnsignedInt(b.getShort(0)), Short.toUnsignedInt(b.getShort(2)));
        }
        byte[] dport = a.bytes(FRA_DPORT_RANGE);
        if (dport != null) {
            ByteBuffer b = fixed(dport, 4, "FRA_DPORT_RANGE");
            m = m.withDestinationPorts(Short.toUnsignedInt(b.getShort(0)), Short.toUnsignedInt(b.getShort(2)));
        }
        return m;
    }

    private static ByteBuffer fixed(byte[] v, int length, String name) throws MalformedMessageException {
        if (v.length < length) {
            throw new MalformedMessageException(name + " has " + v.length + " bytes, needs " + length);
        }
        return ByteBuffer.wrap(v).order(ByteOrder.nativeOrder());
    }

    /** A rule the kernel reported; null when it is not IPv4 or IPv6. */
    static RoutingRule decode(RuleMessage m) throws NetnsException {
        InetFamily f = InetFamily.ofNumber(m.family());
        if (f == null) {
            return null;
        }
        Attributes a = m.attributes();
        try {
            InetPrefix src = prefix(f, a.bytes(Fra.FRA_SRC), m.srcLen());
            InetPrefix dst = prefix(f, a.bytes(Fra.FRA_DST), m.dstLen());
            Long suppress = m.u32(Fra.FRA_SUPPRESS_PREFIXLEN);
            Long group = m.u32(Fra.FRA_SUPPRESS_IFGROUP);
            return new RoutingRule(f, m.priority(), m.inverted(), src, dst, m.tos(), m.u32(Fra.FRA_FWMARK),
                    m.u32(Fra.FRA_FWMASK), a.string(Fra.FRA_IIFNAME), a.string(Fra.FRA_OIFNAME), m.tableId(),
                    RuleAction.ofNumber(m.action()), m.u32(Fra.FRA_GOTO),
                    suppress == null || suppress == 0xFFFF_FFFFL ? null : suppress.intValue(),
                    group == null || group == 0xFFFF_FFFFL ? null : group.intValue(),
                    a.has(Fra.FRA_PROTOCOL) ? a.u8(Fra.FRA_PROTOCOL, 0) : null,
                    (m.flags() & Fra.FIB_RULE_IIF_DETACHED) != 0, (m.flags() & Fra.FIB_RULE_OIF_DETACHED) != 0,
                    (m.flags() & Fra.FIB_RULE_UNRESOLVED) != 0, match(a));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("rule message: " + e.getMessage());
        }
    }

    static InetPrefix prefix(InetFamily f, byte[] addr, int length) {
        if (addr == null && length == 0) {
            return null;
        }
        return new InetPrefix(addr == null ? f.any() : f.address(addr), length);
    }
}
