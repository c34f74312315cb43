package io.netns4j.rule;

import io.netns4j.route.RouteTables;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;
import io.netns4j.types.InterfaceNames;



/**
 * A policy routing rule, as {@code ip rule} shows it and as {@link Rules} adds it:
 * {@code RoutingRule.builder().from("10.0.0.5").table(100).priority(1000).build()} is
 * {@code ip rule add from 10.0.0.5 table 100 pref 1000}.
 *
 * <p>In a request, null means what {@code ip} means by leaving a word out: no
 * {@code priority} lets the kernel pick one; no {@code action} means {@code lookup} (or
 * {@code goto} when {@code gotoTarget} is set), no {@code table} means main when adding. For
 * delete and for selectors ({@link Rules#list(RoutingRule)}), unset parts match anything.
 *
 * @param priority the rule's place, lower first ({@code pref}); null when unset
 * @param not the selector is inverted ({@code not})
 * @param source the source prefix ({@code from}); null for {@code from all}
 * @param destination the destination prefix ({@code to}); null for any
 * @param fwmark the firewall mark to match ({@code fwmark MARK[/MASK]}), or null
 * @param fwmask the mask applied to the mark first, or null (all bits)
 * @param inputDevice the interface packets arrive on ({@code iif}), or null
 * @param outputDevice the interface of sockets bound to one ({@code oif}), or null
 * @param table the table to look up ({@code lookup}/{@code table}), or null
 * @param gotoTarget the priority to jump to for {@link RuleAction#GOTO}, or null
 * @param suppressPrefixLength reject lookup results with a prefix this long or shorter, or null
 * @param protocol who installed the rule ({@code proto}), or null
 * @param inputDetached the kernel's note that {@code iif} names no current interface
 * @param outputDetached the same for {@code oif}
 * @param unresolved the kernel's note that a {@code goto} has no target rule
 */
public record RoutingRule(InetFamily family, Long priority, boolean not, InetPrefix source, InetPrefix destination, int tos,
                   Long fwmark, Long fwmask, String inputDevice, String outputDevice, Long table, RuleAction action,
                   Long gotoTarget, Integer suppressPrefixLength, Integer protocol, boolean inputDetached,
                   boolean outputDetached, boolean unresolved) {
    public RoutingRule {
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

    public static Builder builder() {
        return new Builder();
    }

    /** Fills in a {@link RoutingRule}; values are checked as they are set. */
    public static final class Builder {
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
        private Integer protocol;

        private Builder() {
        }

        /** The family when no prefix tells it ({@code ip -6 rule add fwmark 1 table 5}); IPv4 otherwise. */
        public Builder family(InetFamily f) {
            family = f;
            return this;
        }

        public Builder priority(long p) {
            priority = u32(p, "priority");
            return this;
        }

        public Builder not() {
            not = true;
            return this;
        }

        /** {@code from PREFIX}; {@code all} for any. */
        public Builder from(String prefix) {
            source = isAll(prefix) ? null : InetPrefix.parse(prefix);
            family = family == null && source != null ? InetFamily.of(source.address()) : family;
            return this;
        }

        /** {@code to PREFIX}; {@code all} for any. */
        public Builder to(String prefix) {
            destination = isAll(prefix) ? null : InetPrefix.parse(prefix);
            family = family == null && destination != null ? InetFamily.of(destination.address()) : family;
            return this;
        }

        private static boolean isAll(String s) {
            return s.equals("all") || s.equals("any") || s.equals("default");
        }

        public Builder tos(int t) {
            if (t < 0 || t > 255) {
                throw new IllegalArgumentException("tos " + t + " is out of range (0 to 255)");
            }
            tos = t;
            return this;
        }

        public Builder fwmark(long mark) {
            fwmark = u32(mark, "fwmark");
            return this;
        }

        public Builder fwmark(long mark, long mask) {
            fwmask = u32(mask, "fwmask");
            return fwmark(mark);
        }

        public Builder iif(String name) {
            inputDevice = InterfaceNames.check(name);
            return this;
        }

        public Builder oif(String name) {
            outputDevice = InterfaceNames.check(name);
            return this;
        }

        public Builder table(long id) {
            table = u32(id, "table");
            return this;
        }

        /** A table by name ({@code main}, names in rt_tables) or number. */
        public Builder table(String nameOrNumber) {
            return table(RouteTables.parse(nameOrNumber));
        }

        public Builder action(RuleAction a) {
            action = a;
            return this;
        }

        /** {@code goto PRIORITY}. */
        public Builder gotoRule(long target) {
            gotoTarget = u32(target, "goto");
            action = RuleAction.GOTO;
            return this;
        }

        public Builder suppressPrefixLength(int length) {
            if (length < 0) {
                throw new IllegalArgumentException("suppress_prefixlength " + length + " is invalid (0 or more)");
            }
            suppressPrefixLength = length;
            return this;
        }

        public Builder protocol(int p) {
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

        public RoutingRule build() {
            return new RoutingRule(family == null ? InetFamily.IPV4 : family, priority, not, source, destination, tos, fwmark,
                    fwmask, inputDevice, outputDevice, table, action, gotoTarget, suppressPrefixLength, protocol,
                    false, false, false);
        }
    }
}
