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
 * @param protocol who installed the rule ({@code proto}), or null
 * @param inputDetached the kernel's note that {@code iif} names no current interface
 * @param outputDetached the same for {@code oif}
 * @param unresolved the kernel's note that a {@code goto} has no target rule
 */
public record RoutingRule(InetFamily family, Long priority, boolean not, InetPrefix source, InetPrefix destination, int tos,
                   Long fwmark, Long fwmask, String inputDevice, String outputDevice, Long table, RuleAction action,
                   Long gotoTarget, Integer suppressPrefixLength, Integer protocol, boolean inputDetached,
                   boolean outputDetached, boolean unresolved) {
    /**
     * Checks the rule.
     *
     * @throws IllegalArgumentException when {@code family} is null or a prefix is of the other family
     */
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

    /**
     * Starts a rule: {@code ip rule add ...}.
     *
     * @return a builder with nothing set (IPv4 unless a prefix or {@link Builder#family} says otherwise)
     */
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

        /**
         * The family when no prefix tells it ({@code ip -6 rule add fwmark 1 table 5}); IPv4 otherwise.
         *
         * @param f IPv4 or IPv6
         * @return this builder
         */
        public Builder family(InetFamily f) {
            family = f;
            return this;
        }

        /**
         * {@code pref N}: the rule's place, lower first.
         *
         * @param p 0 to 4294967295
         * @return this builder
         * @throws IllegalArgumentException when {@code p} is out of range
         */
        public Builder priority(long p) {
            priority = u32(p, "priority");
            return this;
        }

        /**
         * {@code not}: invert the selector.
         *
         * @return this builder
         */
        public Builder not() {
            not = true;
            return this;
        }

        /**
         * {@code from PREFIX}; {@code all} (also {@code any}, {@code default}) for any. Sets the family
         * when none is set yet.
         *
         * @param prefix the source prefix, as {@link InetPrefix#parse} reads it
         * @return this builder
         * @throws IllegalArgumentException when {@code prefix} does not parse
         */
        public Builder from(String prefix) {
            source = isAll(prefix) ? null : InetPrefix.parse(prefix);
            family = family == null && source != null ? InetFamily.of(source.address()) : family;
            return this;
        }

        /**
         * {@code to PREFIX}; {@code all} (also {@code any}, {@code default}) for any. Sets the family
         * when none is set yet.
         *
         * @param prefix the destination prefix, as {@link InetPrefix#parse} reads it
         * @return this builder
         * @throws IllegalArgumentException when {@code prefix} does not parse
         */
        public Builder to(String prefix) {
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
         * @return this builder
         * @throws IllegalArgumentException when {@code t} is out of range
         */
        public Builder tos(int t) {
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
         * @return this builder
         * @throws IllegalArgumentException when {@code mark} is out of range
         */
        public Builder fwmark(long mark) {
            fwmark = u32(mark, "fwmark");
            return this;
        }

        /**
         * {@code fwmark MARK/MASK}.
         *
         * @param mark 0 to 4294967295
         * @param mask 0 to 4294967295, applied to the packet's mark before comparing
         * @return this builder
         * @throws IllegalArgumentException when a value is out of range
         */
        public Builder fwmark(long mark, long mask) {
            fwmask = u32(mask, "fwmask");
            return fwmark(mark);
        }

        /**
         * {@code iif NAME}: packets arriving on this interface ({@code lo} for this host's own).
         *
         * @param name the interface name
         * @return this builder
         * @throws IllegalArgumentException when {@code name} is not a valid interface name
         */
        public Builder iif(String name) {
            inputDevice = InterfaceNames.check(name);
            return this;
        }

        /**
         * {@code oif NAME}: packets from sockets bound to this interface.
         *
         * @param name the interface name
         * @return this builder
         * @throws IllegalArgumentException when {@code name} is not a valid interface name
         */
        public Builder oif(String name) {
            outputDevice = InterfaceNames.check(name);
            return this;
        }

        /**
         * {@code lookup ID}: the table to look up.
         *
         * @param id 0 to 4294967295 (see {@link RouteTables})
         * @return this builder
         * @throws IllegalArgumentException when {@code id} is out of range
         */
        public Builder table(long id) {
            table = u32(id, "table");
            return this;
        }

        /**
         * {@code lookup NAME}: a table by name ({@code main}, names in rt_tables) or number.
         *
         * @param nameOrNumber the name or number
         * @return this builder
         * @throws IllegalArgumentException when it is neither a known name nor a number in range
         */
        public Builder table(String nameOrNumber) {
            return table(RouteTables.parse(nameOrNumber));
        }

        /**
         * The action: {@code blackhole}, {@code unreachable}, {@code prohibit}, {@code nop}, ...
         *
         * @param a the action; null for {@code lookup}
         * @return this builder
         */
        public Builder action(RuleAction a) {
            action = a;
            return this;
        }

        /**
         * {@code goto PRIORITY}; sets the action to {@link RuleAction#GOTO}.
         *
         * @param target the priority of the rule to jump to, 0 to 4294967295
         * @return this builder
         * @throws IllegalArgumentException when {@code target} is out of range
         */
        public Builder gotoRule(long target) {
            gotoTarget = u32(target, "goto");
            action = RuleAction.GOTO;
            return this;
        }

        /**
         * {@code suppress_prefixlength N}: reject lookup results with a prefix this long or shorter.
         *
         * @param length the prefix length, 0 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code length} is negative
         */
        public Builder suppressPrefixLength(int length) {
            if (length < 0) {
                throw new IllegalArgumentException("suppress_prefixlength " + length + " is invalid (0 or more)");
            }
            suppressPrefixLength = length;
            return this;
        }

        /**
         * {@code protocol N}: who installed the rule.
         *
         * @param p 0 to 255 (see {@link io.netns4j.route.RouteProtocols})
         * @return this builder
         * @throws IllegalArgumentException when {@code p} is out of range
         */
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

        /**
         * Builds the rule.
         *
         * @return the rule; IPv4 when no family was set or implied
         */
        public RoutingRule build() {
            return new RoutingRule(family == null ? InetFamily.IPV4 : family, priority, not, source, destination, tos, fwmark,
                    fwmask, inputDevice, outputDevice, table, action, gotoTarget, suppressPrefixLength, protocol,
                    false, false, false);
        }
    }
}
