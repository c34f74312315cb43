package io.netns4j.rule;

import io.netns4j.route.RouteTables;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;



/**
 * A policy routing rule, as {@code ip rule} shows it and as {@link Rules} adds it:
 * {@code RoutingRule.ipv4().withSource("10.0.0.5").withTable(100).withPriority(1000)} is
 * {@code ip rule add from 10.0.0.5 table 100 pref 1000}.
 *
 * <p>In a request, null means what {@code ip} means by leaving a word out: no
 * {@code priority} lets the kernel pick one; no {@code action} means {@code lookup} (or
 * {@code goto} when {@code gotoTarget} is set), no {@code table} means main when adding. For
 * delete and for selectors ({@link Rules#list(RoutingRule)}), unset parts match anything.
 *
 * @param family IPv4 or IPv6 ({@code ip -4 rule}, {@code ip -6 rule}), not null
 * @param priority the rule's place, lower first ({@code pref}); null when unset
 * @param not the selector is inverted ({@code not})
 * @param source the source prefix ({@code from}); null for {@code from all}
 * @param destination the destination prefix ({@code to}); null for any
 * @param tos the type of service to match ({@code tos}), 0 for any
 * @param fwmark the firewall mark to match ({@code fwmark MARK[/MASK]}), or null
 * @param fwmask the mask applied to the mark first, or null (all bits)
 * @param inputDevice the interface packets arrive on ({@code iif}), or null
 * @param outputDevice the interface of sockets bound to one ({@code oif}), or null
 * @param table the table to look up ({@code lookup}/{@code table}), or null
 * @param action what the rule does ({@code lookup}, {@code goto}, {@code blackhole}, ...), or null (see above)
 * @param gotoTarget the priority to jump to for {@link RuleAction#GOTO}, or null
 * @param suppressPrefixLength reject lookup results with a prefix this long or shorter, or null
 * @param suppressIfgroup reject lookup results whose device is in this group ({@code suppress_ifgroup}), or null
 * @param protocol who installed the rule ({@code proto}), or null
 * @param inputDetached the kernel's note that {@code iif} names no current interface
 * @param outputDetached the same for {@code oif}
 * @param unresolved the kernel's note that a {@code goto} has no target rule
 * @param match the sender and transport selectors ({@code uidrange}, {@code ipproto}, {@code sport},
 *              {@code dport}); null is read as {@link RuleMatch#any()}
 */
public record RoutingRule(InetFamily family, Long priority, boolean not, InetPrefix source, InetPrefix destination, int tos,
                   Long fwmark, Long fwmask, String inputDevice, String outputDevice, Long table, RuleAction action,
                   Long gotoTarget, Integer suppressPrefixLength, Integer suppressIfgroup, Integer protocol,
                   boolean inputDetached,
                   boolean outputDetached, boolean unresolved, RuleMatch match) {
    /**
     * Checks the rule.
     *
     * @throws IllegalArgumentException when {@code family} is null or a prefix is of the other family
     */
    public RoutingRule {
        match = match == null ? RuleMatch.any() : match;
        if (family == null) {
            throw new IllegalArgumentException("a rule needs a family (IPv4 or IPv6)");
        }
        for (InetPrefix p : new InetPrefix[] {source, destination}) {
            if (p != null && InetFamily.of(p.address()) != family) {
                throw new IllegalArgumentException(InetText.format(p) + " is not an " + family.ipName()
                        + " prefix; the rule is " + family.ipName());
            }
        }
    }

    /**
     * A rule of {@code family} that matches everything and, added as it is, looks up table main:
     * {@code ip -4|-6 rule add}; add selectors and an action with the {@code withX} methods.
     *
     * @param family IPv4 or IPv6; prefixes given later must be of this family
     * @return the rule
     * @throws IllegalArgumentException when {@code family} is null
     */
    public static RoutingRule of(InetFamily family) {
        return new RoutingRule(family, null, false, null, null, 0, null, null, null, null, null, null, null, null, null,
                null, false, false, false, RuleMatch.any());
    }

    /**
     * An IPv4 rule that matches everything: {@code ip rule add} ({@code ip -4 rule add}).
     *
     * @return the rule
     */
    public static RoutingRule ipv4() {
        return of(InetFamily.IPV4);
    }

    /**
     * An IPv6 rule that matches everything: {@code ip -6 rule add}.
     *
     * @return the rule
     */
    public static RoutingRule ipv6() {
        return of(InetFamily.IPV6);
    }

    /**
     * The same rule for another family ({@code ip -4} or {@code ip -6}).
     *
     * @param f IPv4 or IPv6
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when {@code f} is null or the rule has a prefix of the other family
     */
    public RoutingRule withFamily(InetFamily f) {
        return RuleDraft.of(this).family(f).build();
    }

    /**
     * The rule's place, lower first: {@code pref N}.
     *
     * @param p 0 to 4294967295
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when out of range
     */
    public RoutingRule withPriority(long p) {
        return RuleDraft.of(this).priority(p).build();
    }

    /**
     * Inverts the selector: {@code not}.
     *
     * @return a changed copy; this rule is unchanged
     */
    public RoutingRule withNot() {
        return RuleDraft.of(this).not().build();
    }

    /**
     * The source prefix: {@code from PREFIX}; {@code all} for any.
     *
     * @param prefix a prefix or address of the rule's family, or {@code all}
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when it does not parse or is of the other family
     */
    public RoutingRule withSource(String prefix) {
        return RuleDraft.of(this).from(prefix).build();
    }

    /**
     * The destination prefix: {@code to PREFIX}; {@code all} for any.
     *
     * @param prefix a prefix or address of the rule's family, or {@code all}
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when it does not parse or is of the other family
     */
    public RoutingRule withDestination(String prefix) {
        return RuleDraft.of(this).to(prefix).build();
    }

    /**
     * The type of service to match: {@code tos N}.
     *
     * @param t 0 to 255
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when out of range
     */
    public RoutingRule withTos(int t) {
        return RuleDraft.of(this).tos(t).build();
    }

    /**
     * The firewall mark to match: {@code fwmark MARK}.
     *
     * @param mark 0 to 4294967295
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when out of range
     */
    public RoutingRule withFwmark(long mark) {
        return RuleDraft.of(this).fwmark(mark).build();
    }

    /**
     * The firewall mark to match under a mask: {@code fwmark MARK/MASK}.
     *
     * @param mark 0 to 4294967295
     * @param mask 0 to 4294967295
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when out of range
     */
    public RoutingRule withFwmark(long mark, long mask) {
        return RuleDraft.of(this).fwmark(mark, mask).build();
    }

    /**
     * The interface packets arrive on: {@code iif NAME}.
     *
     * @param name an interface name
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when the name is invalid
     */
    public RoutingRule withInputDevice(String name) {
        return RuleDraft.of(this).iif(name).build();
    }

    /**
     * The interface of sockets bound to one: {@code oif NAME}.
     *
     * @param name an interface name
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when the name is invalid
     */
    public RoutingRule withOutputDevice(String name) {
        return RuleDraft.of(this).oif(name).build();
    }

    /**
     * The table to look up: {@code lookup ID}.
     *
     * @param id 0 to 4294967295 (see {@link RouteTables})
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when out of range
     */
    public RoutingRule withTable(long id) {
        return RuleDraft.of(this).table(id).build();
    }

    /**
     * The table to look up by name or number: {@code lookup NAME}.
     *
     * @param nameOrNumber {@code main}, {@code local}, a name in rt_tables, or a number
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when it is neither
     */
    public RoutingRule withTable(String nameOrNumber) {
        return RuleDraft.of(this).table(nameOrNumber).build();
    }

    /**
     * What the rule does: {@code blackhole}, {@code unreachable}, {@code prohibit}, {@code nop}, ...
     *
     * @param a the action; null for lookup
     * @return a changed copy; this rule is unchanged
     */
    public RoutingRule withAction(RuleAction a) {
        return RuleDraft.of(this).action(a).build();
    }

    /**
     * Jumps to the rule at {@code target}: {@code goto N} (the action becomes {@link RuleAction#GOTO}).
     *
     * @param target the priority to jump to, 0 to 4294967295
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when out of range
     */
    public RoutingRule withGotoTarget(long target) {
        return RuleDraft.of(this).gotoRule(target).build();
    }

    /**
     * Rejects lookup results with a prefix this long or shorter: {@code suppress_prefixlength N}.
     *
     * @param length 0 or more
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when negative
     */
    public RoutingRule withSuppressPrefixLength(int length) {
        return RuleDraft.of(this).suppressPrefixLength(length).build();
    }

    /**
     * Rejects lookup results whose device is in group {@code group}: {@code ip rule add ... lookup
     * T suppress_ifgroup GROUP}.
     *
     * @param group the device group, 0 ({@code default}) or more
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when negative
     */
    public RoutingRule withSuppressIfgroup(int group) {
        return RuleDraft.of(this).suppressIfgroup(group).build();
    }

    /**
     * Who installed the rule: {@code proto N}.
     *
     * @param p 0 to 255, see {@link io.netns4j.route.RouteProtocols}
     * @return a changed copy; this rule is unchanged
     * @throws IllegalArgumentException when out of range
     */
    public RoutingRule withProtocol(int p) {
        return RuleDraft.of(this).protocol(p).build();
    }

    /**
     * The sender and transport selectors: {@code uidrange A-B ipproto P sport N[-M] dport N[-M]}.
     *
     * @param m the selectors ({@link RuleMatch#any()} for none)
     * @return a changed copy; this rule is unchanged
     */
    public RoutingRule withMatch(RuleMatch m) {
        return new RoutingRule(family, priority, not, source, destination, tos, fwmark, fwmask, inputDevice,
                outputDevice, table, action, gotoTarget, suppressPrefixLength, suppressIfgroup, protocol, inputDetached,
                outputDetached, unresolved, m);
    }
}
