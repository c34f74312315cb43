package io.netns4j.lab.model;

import java.util.List;

/**
 * A node of a lab found on the machine ({@code lab show}): its namespace and interfaces.
 *
 * @param node the node's name (the namespace name without {@code <lab>-})
 * @param namespace the namespace's name
 * @param interfaces its interfaces, {@code lo} left out
 */
public record LabNode(String node, String namespace, List<Interface> interfaces) {
    /** Copies the interfaces (the record is immutable). */
    public LabNode {
        interfaces = List.copyOf(interfaces);
    }

    /**
     * One interface of the node, {@code lo} left out.
     *
     * @param name the interface name
     * @param kind the link kind ({@code veth}, {@code bridge}, ...), or null
     * @param up whether it is administratively up
     * @param mtu the MTU, or null when not known
     * @param master the bridge it is a port of, or null
     * @param addresses its addresses with prefix length, as {@code ip} prints them
     * @param impairment what {@code LinkImpairments.current} (package {@code io.netns4j.lab.fault}) reads on it ({@link Impairment#NONE}: none)
     */
    public record Interface(String name, String kind, boolean up, Integer mtu, String master, List<String> addresses,
                            Impairment impairment) {
        /** Copies the addresses; a null impairment is none. */
        public Interface {
            addresses = List.copyOf(addresses);
            impairment = impairment == null ? Impairment.NONE : impairment;
        }

        /**
         * An interface with no impairment.
         *
         * @param name the interface name
         * @param kind the link kind, or null
         * @param up whether it is administratively up
         * @param mtu the MTU
         * @param master the bridge it is a port of, or null
         * @param addresses its addresses
         */
        public Interface(String name, String kind, boolean up, int mtu, String master, List<String> addresses) {
            this(name, kind, up, mtu, master, addresses, Impairment.NONE);
        }
    }
}
