package io.netns4j;

/**
 * What {@link NamespaceEvents} reports: a change the kernel announced inside one namespace.
 * The events are hints to act on (redraw a link, read a qdisc or a table again), in the order
 * the kernel sent them; after {@link Overflow} some were lost and the reader must read the
 * state again.
 */
public sealed interface NamespaceEvent {
    /**
     * A link was added, changed (flags, operational state, name, counters) or removed:
     * RTM_NEWLINK / RTM_DELLINK on RTNLGRP_LINK, what {@code ip monitor link} prints.
     *
     * @param index     the interface index
     * @param name      the interface name, or null when the kernel did not send it
     * @param flags     the IFF_* flags ({@link io.netns4j.link.Link#IFF_UP}, ...)
     * @param operState IFLA_OPERSTATE, an index into {@link io.netns4j.link.Link#OPER_STATES}, or null
     * @param removed   whether the link is gone (RTM_DELLINK)
     */
    record LinkChange(int index, String name, int flags, Integer operState, boolean removed) implements NamespaceEvent {
        /**
         * The operational state's name ({@code UP}, {@code DOWN}, {@code LOWERLAYERDOWN}, ...).
         *
         * @return the name, {@code UNKNOWN} when the kernel sent none or one past the list
         */
        public String operStateName() {
            var names = io.netns4j.link.Link.OPER_STATES;
            return operState == null || operState < 0 || operState >= names.size() ? "UNKNOWN" : names.get(operState);
        }
    }

    /**
     * A qdisc, class or filter was added, changed or removed on interface {@code index}
     * (RTNLGRP_TC; {@code tc monitor}).
     *
     * @param index the interface index the object sits on
     */
    record TrafficControlChange(int index) implements NamespaceEvent {
    }

    /**
     * The nftables ruleset changed (a table, chain, rule or set; NFNLGRP_NFTABLES,
     * {@code nft monitor}). One event per kernel batch message; read the ruleset again.
     */
    record FirewallChange() implements NamespaceEvent {
    }

    /**
     * The kernel dropped notifications (ENOBUFS: the reader was too slow). Read the state
     * again; later events arrive as before.
     */
    record Overflow() implements NamespaceEvent {
    }
}
