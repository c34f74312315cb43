package io.netns4j.lab.model;

import java.util.List;

/**
 * A node of a lab found on the machine ({@code lab show}): its namespace and interfaces.
 *
 * @param node the node's name (the namespace name without {@code <lab>-})
 */
public record LabNode(String node, String namespace, List<Interface> interfaces) {
    public LabNode {
        interfaces = List.copyOf(interfaces);
    }

    /**
     * One interface of the node, {@code lo} left out.
     *
     * @param impairment what {@code LinkImpairments.current} (package {@code io.netns4j.lab.fault}) reads on it ({@link Impairment#NONE}: none)
     */
    public record Interface(String name, String kind, boolean up, Integer mtu, String master, List<String> addresses,
                            Impairment impairment) {
        public Interface {
            addresses = List.copyOf(addresses);
            impairment = impairment == null ? Impairment.NONE : impairment;
        }

        public Interface(String name, String kind, boolean up, Integer mtu, String master, List<String> addresses) {
            this(name, kind, up, mtu, master, addresses, Impairment.NONE);
        }
    }
}
