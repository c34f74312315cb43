package io.netns4j.rule;

import io.netns4j.route.RouteTables;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InterfaceNames;

/**
 * The mutable form behind {@link RoutingRule}'s {@code withX} methods: each wither copies the
 * rule into a draft, changes one part (checking its value) and builds it again; the family
 * stays the rule's, so a prefix of the other family is refused.
 */
final class RuleDraft {

    private InetFamily family;
    private Long priority;
    private boolean not;
    private InetPrefix source;
    private InetPrefix destination;
    private int tos;
    private Long fwmark;
    private Long fwmask;
    private String inputDevice;
    private String outputDevice;
    private Long table;
    private RuleAction action;
    private Long gotoTarget;
    private Integer suppressPrefixLength;
    private Integer suppressIfgroup;
    private Integer protocol;
    private RuleMatch match;

    private RuleDraft() {
    }


    /**
     * {@code pref N}: the rule's place, lower first.
     *
     * @param p 0 to 4294967295
     * @return this draft
     * @throws IllegalArgumentException when {@code p} is out of range
     */
    RuleDraft priority(long p) {
        priority = u32(p, "priority");
        return this;
    }

    /**
     * {@code not}: invert the selector.
     *
     * @return this draft
     */
    RuleDraft not() {
        not = true;
        return this;
    }

    /**
     * {@code from PREFIX}; {@code all} (also {@code any}, {@code default}) for any. Sets the family
     * when none is set yet.
     *
     * @param prefix the source prefix, as {@link InetPrefix#parse} reads it
     * @return this draft
     * @throws IllegalArgumentException when {@code prefix} does not parse
     */
    RuleDraft from(String prefix) {
        source = isAll(prefix) ? null : InetPrefix.parse(prefix);
        family = family == null && source != null ? InetFamily.of(source.address()) : family;
        return this;
    }

    /**
     * {@code to PREFIX}; {@code all} (also {@code any}, {@code default}) for any. Sets the family
     * when none is set yet.
     *
     * @param prefix the destination prefix, as {@link InetPrefix#parse} reads it
     * @return this draft
     * @throws IllegalArgumentException when {@code prefix} does not parse
     */
    RuleDraft to(String prefix) {
        destination = isAll(prefix) ? null : InetPrefix.parse(prefix);
        family = family == null && destination != null ? InetFamily.of(destination.address()) : family;
        return this;
    }

    private static boolean isAll(String s) {
        return s.equals("all") || s.equals("any") || s.equals("default");
    }

    /**
     * {@code tos N}.
     *
     * @param t 0 to 255
     * @return this draft
     * @throws IllegalArgumentException when {@code t} is out of range
     */
    RuleDraft tos(int t) {
        if (t < 0 || t > 255) {
            throw new IllegalArgumentException("tos " + t + " is out of range (0 to 255)");
        }
        tos = t;
        return this;
    }

    /**
     * {@code fwmark MARK}.
     *
     * @param mark 0 to 4294967295
     * @return this draft
     * @throws IllegalArgumentException when {@code mark} is out of range
     */
    RuleDraft fwmark(long mark) {
        fwmark = u32(mark, "fwmark");
        return this;
    }

    /**
     * {@code fwmark MARK/MASK}.
     *
     * @param mark 0 to 4294967295
     * @param mask 0 to 4294967295, applied to the packet's mark before comparing
     * @return this draft
     * @throws IllegalArgumentException when a value is out of range
     */
    RuleDraft fwmark(long mark, long mask) {
        fwmask = u32(mask, "fwmask");
        return fwmark(mark);
    }

    /**
     * {@code iif NAME}: packets arriving on this interface ({@code lo} for this host's own).
     *
     * @param name the interface name
     * @return this draft
     * @throws IllegalArgumentException when {@code name} is not a valid interface name
     */
    RuleDraft iif(String name) {
        inputDevice = InterfaceNames.check(name);
        return this;
    }

    /**
     * {@code oif NAME}: packets from sockets bound to this interface.
     *
     * @param name the interface name
     * @return this draft
     * @throws IllegalArgumentException when {@code name} is not a valid interface name
     */
    RuleDraft oif(String name) {
        outputDevice = InterfaceNames.check(name);
        return this;
    }

    /**
     * {@code lookup ID}: the table to look up.
     *
     * @param id 0 to 4294967295 (see {@link RouteTables})
     * @return this draft
     * @throws IllegalArgumentException when {@code id} is out of range
     */
    RuleDraft table(long id) {
        table = u32(id, "table");
        return this;
    }

    /**
     * {@code lookup NAME}: a table by name ({@code main}, names in rt_tables) or number.
     *
     * @param nameOrNumber the name or number
     * @return this draft
     * @throws IllegalArgumentException when it is neither a known name nor a number in range
     */
    RuleDraft table(String nameOrNumber) {
        return table(RouteTables.parse(nameOrNumber));
    }

    /**
     * The action: {@code blackhole}, {@code unreachable}, {@code prohibit}, {@code nop}, ...
     *
     * @param a the action; null for {@code lookup}
     * @return this draft
     */
    RuleDraft action(RuleAction a) {
        action = a;
        return this;
    }

    /**
     * {@code goto PRIORITY}; sets the action to {@link RuleAction#GOTO}.
     *
     * @param target the priority of the rule to jump to, 0 to 4294967295
     * @return this draft
     * @throws IllegalArgumentException when {@code target} is out of range
     */
    RuleDraft gotoRule(long target) {
        gotoTarget = u32(target, "goto");
        action = RuleAction.GOTO;
        return this;
    }

    /**
     * {@code suppress_prefixlength N}: reject lookup results with a prefix this long or shorter.
     *
     * @param length the prefix length, 0 or more
     * @return this draft
     * @throws IllegalArgumentException when {@code length} is negative
     */
    RuleDraft suppressPrefixLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("suppress_prefixlength " + length + " is invalid (0 or more)");
        }
        suppressPrefixLength = length;
        return this;
    }

    /**
     * {@code suppress_ifgroup GROUP}: reject lookup results whose device is in this group.
     *
     * @param group the group, 0 or more (ip refuses a negative one)
     * @return this draft
     * @throws IllegalArgumentException when {@code group} is negative
     */
    RuleDraft suppressIfgroup(int group) {
        if (group < 0) {
            throw new IllegalArgumentException("suppress_ifgroup " + group + " is invalid (0 or more)");
        }
        suppressIfgroup = group;
        return this;
    }

    /**
     * {@code protocol N}: who installed the rule.
     *
     * @param p 0 to 255 (see {@link io.netns4j.route.RouteProtocols})
     * @return this draft
     * @throws IllegalArgumentException when {@code p} is out of range
     */
    RuleDraft protocol(int p) {
        if (p < 0 || p > 255) {
            throw new IllegalArgumentException("protocol " + p + " is out of range (0 to 255)");
        }
        protocol = p;
        return this;
    }

    private static long u32(long v, String what) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("\"" + what + "\" value " + v + " is out of range (0 to 4294967295)");
        }
        return v;
    }

    /**
     * Builds the rule.
     *
     * @return the rule; IPv4 when no family was set or implied
     */
    RoutingRule build() {
        return new RoutingRule(family == null ? InetFamily.IPV4 : family, priority, not, source, destination, tos, fwmark,
                fwmask, inputDevice, outputDevice, table, action, gotoTarget, suppressPrefixLength, suppressIfgroup,
                protocol, false, false, false, match);
    }

    /** The family; a prefix of the other family is refused when the rule is built. */
    RuleDraft family(InetFamily f) {
        family = f;
        return this;
    }

    /** A draft of {@code r}. */
    static RuleDraft of(RoutingRule r) {
        RuleDraft d = new RuleDraft();
        d.family = r.family();
        d.priority = r.priority();
        d.not = r.not();
        d.source = r.source();
        d.destination = r.destination();
        d.tos = r.tos();
        d.fwmark = r.fwmark();
        d.fwmask = r.fwmask();
        d.inputDevice = r.inputDevice();
        d.outputDevice = r.outputDevice();
        d.table = r.table();
        d.action = r.action();
        d.gotoTarget = r.gotoTarget();
        d.suppressPrefixLength = r.suppressPrefixLength();
        d.suppressIfgroup = r.suppressIfgroup();
        d.protocol = r.protocol();
        d.match = r.match();
        return d;
    }
}
