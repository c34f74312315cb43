package io.netns4j.rule;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.Fra;
import io.netns4j.internal.netlink.route.RuleMessage;
import io.netns4j.internal.rtnl.NamespaceSession;
import io.netns4j.internal.sys.Errno;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;

import java.util.ArrayList;
import java.util.List;

import static io.netns4j.internal.netlink.route.RouteMessage.attrU32;

/**
 * The policy routing rules of one namespace: {@code ip -n NS rule ...}. Obtain with
 * {@link io.netns4j.Netns#rules()}. Each verb is one netlink exchange on the namespace's socket.
 */
public final class Rules {
    private final NamespaceSession ns;

    private Rules(NamespaceSession ns) {
        this.ns = ns;
    }

    /**
     * The rules of a namespace; {@code Netns.rules()} is the usual way to get them.
     *
     * @param ns the namespace's session (its route socket)
     * @return the facade
     */
    public static Rules of(NamespaceSession ns) {
        return new Rules(ns);
    }

    /**
     * Adds a rule. Equivalent to: {@code ip rule add from 10.0.0.5 table 100 pref 1000}.
     *
     * @param r the rule
     * @throws io.netns4j.error.AlreadyExistsException when the same rule exists
     * @throws NetnsException when the kernel refuses otherwise
     */
    public void add(RoutingRule r) throws NetnsException {
        ns.routeSocket().execute(RuleCodec.request(r, false).encode(Fra.RTM_NEWRULE, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL));
    }

    /**
     * Deletes the first rule that matches; what {@code r} leaves unset matches anything.
     * Equivalent to: {@code ip rule del pref 1000} or {@code ip rule del from 10.0.0.5 table 100}.
     *
     * @param r the rule to match
     * @throws io.netns4j.error.NotFoundException when no rule matches
     * @throws NetnsException when the kernel refuses otherwise
     */
    public void delete(RoutingRule r) throws NetnsException {
        ns.routeSocket().execute(RuleCodec.request(r, true).encode(Fra.RTM_DELRULE, 0));
    }

    /**
     * Every rule of {@code family}, by priority. Equivalent to: {@code ip rule show} ({@code ip -6 rule show}).
     *
     * @param family IPv4 or IPv6
     * @return the rules
     * @throws NetnsException when the dump fails
     */
    public List<RoutingRule> list(InetFamily family) throws NetnsException {
        return list(RoutingRule.of(family));
    }

    /**
     * The rules of {@code selector.family()} that match every part {@code selector} sets (a
     * prefix selects the rules whose prefix lies inside it; {@code not} selects inverted
     * rules only). Equivalent to: {@code ip rule show from 10.0.0.0/8 table 100}.
     *
     * @param selector what to select
     * @return the rules, by priority
     * @throws NetnsException when the dump fails
     */
    public List<RoutingRule> list(RoutingRule selector) throws NetnsException {
        List<RoutingRule> out = new ArrayList<>();
        for (Entry e : entries(selector)) {
            out.add(e.rule);
        }
        return out;
    }

    /**
     * Deletes every rule {@code selector} matches except those of priority 0 (which the
     * kernel reports without one, as {@code ip} relies on). Equivalent to: {@code ip rule flush}.
     *
     * @param selector what to delete
     * @return how many rules were deleted
     * @throws NetnsException when the dump fails or the kernel refuses a delete
     */
    public int flush(RoutingRule selector) throws NetnsException {
        List<byte[]> requests = new ArrayList<>();
        for (Entry e : entries(selector)) {
            if (e.message.attributes().has(Fra.FRA_PRIORITY)) {
                requests.add(e.message.encode(Fra.RTM_DELRULE, 0));
            }
        }
        int deleted = 0;
        for (NetnsException failure : ns.routeSocket().executeAll(requests)) {
            if (failure == null) {
                deleted++;
            } else if (failure.errno() != Errno.ENOENT) {
                throw failure;
            }
        }
        return deleted;
    }

    private record Entry(RuleMessage message, RoutingRule rule) {
    }

    private List<Entry> entries(RoutingRule selector) throws NetnsException {
        byte[] req = new RuleMessage(selector.family().number(), 0, 0, 0, 0, 0, 0, Attributes.empty())
                .encode(Fra.RTM_GETRULE, 0);
        List<Entry> out = new ArrayList<>();
        for (NetlinkMessage m : ns.routeSocket().dump(req)) {
            if (m.type() == Fra.RTM_NEWRULE) {
                RuleMessage rm = RuleMessage.decode(m);
                RoutingRule r = RuleCodec.decode(rm);
                if (r != null && matches(r, selector)) {
                    out.add(new Entry(rm, r));
                }
            }
        }
        return out;
    }

    static boolean matches(RoutingRule r, RoutingRule s) {
        return (s.priority() == null || s.priority().equals(r.priority()))
                && (!s.not() || r.not())
                && inside(r.source(), s.source(), r.family())
                && inside(r.destination(), s.destination(), r.family())
                && (s.tos() == 0 || s.tos() == r.tos())
                && (s.fwmark() == null || s.fwmark() == 0 || s.fwmark().equals(orZero(r.fwmark())))
                && (s.fwmask() == null || s.fwmask() == 0 || s.fwmask().equals(orZero(r.fwmask())))
                && (s.inputDevice() == null || s.inputDevice().equals(r.inputDevice()))
                && (s.outputDevice() == null || s.outputDevice().equals(r.outputDevice()))
                && (s.table() == null || s.table() == 0 || s.table().equals(r.table()))
                && (s.protocol() == null || s.protocol().equals(r.protocol()))
                && s.match().selects(r.match());
    }

    private static Long orZero(Long v) {
        return v == null ? 0L : v;
    }

    private static boolean inside(InetPrefix ruleValue, InetPrefix selector, InetFamily f) {
        if (selector == null) {
            return true;
        }
        InetPrefix v = ruleValue != null ? ruleValue : new InetPrefix(f.any(), 0);
        return v.length() >= selector.length() && selector.contains(v.address());
    }

    /**
     * One RTM_NEWRULE or RTM_DELRULE message read as a rule: what {@code ip monitor rule} prints.
     *
     * @param message the whole netlink message, header included
     * @return the rule, or null for a family other than IPv4 and IPv6
     * @throws NetnsException when the message is malformed
     */
    public static RoutingRule decode(byte[] message) throws NetnsException {
        java.util.List<NetlinkMessage> all = NetlinkMessage.parseAll(message, message.length);
        if (all.size() != 1) {
            throw new io.netns4j.error.MalformedMessageException("one netlink message expected, got " + all.size());
        }
        NetlinkMessage m = all.getFirst();
        if (m.type() != Fra.RTM_NEWRULE && m.type() != Fra.RTM_DELRULE) {
            throw new io.netns4j.error.MalformedMessageException("not a rule message: type " + m.type());
        }
        return RuleCodec.decode(RuleMessage.decode(m));
    }
}
