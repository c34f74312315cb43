package io.netns4j.link;

import io.netns4j.types.InterfaceNames;
import io.netns4j.types.MacAddress;
import io.netns4j.types.NamespaceRef;




/**
 * What {@code ip link add} or {@code ip link set} says about one link, as an immutable value
 * built step by step (a factory naming the required parts, then {@code withX} methods that
 * each return a changed copy): {@code LinkRequest.create("v0", Veth.peer("v1")).withUp().withMtu(1400)}.
 * Null fields are left as they are (set) or to the kernel (add); {@code adminUp} is the
 * up/down state to set.
 *
 * @param name          the link's name (for a new link, the name to create), a valid interface name
 * @param kind          the link type to create ({@code type KIND}), or null for a change
 * @param adminUp       {@code up} (true), {@code down} (false), or null to leave it
 * @param mtu           {@code mtu N} in bytes, 0 or more, or null
 * @param address       {@code address MAC}, or null
 * @param txQueueLength {@code txqueuelen N} in packets, 0 or more, or null
 * @param master        {@code master BR}; empty for {@code nomaster}; null to leave it
 * @param alias         {@code alias TEXT}, or null
 * @param namespace     {@code netns NS}: the namespace to create the link in or move it to, or null
 * @param namespacePid  {@code netns PID}: the same by process id, or null; not with {@code namespace}
 * @param newName       {@code name NEW}: the name to rename the link to, or null
 * @param promisc       {@code promisc on|off}, or null to leave it
 * @param port          {@code type bridge_slave ...}: the link's settings as a bridge port, or null
 * @param flagMask      the IFF_* device flags to change beside up and promisc ({@code arp}, {@code multicast},
 *                      {@code allmulticast}, {@code dynamic}); 0 for none
 * @param flagValues    their new values, within {@code flagMask}
 * @param group         {@code group N}: the device group, or null
 * @param addrGenMode   {@code addrgenmode eui64|none|stable_secret|random} as 0 to 3, or null
 */
public record LinkRequest(String name, LinkKind kind, Boolean adminUp, Integer mtu, MacAddress address,
                          Integer txQueueLength, String master, String alias, NamespaceRef namespace, Long namespacePid,
                          String newName, Boolean promisc, BridgePort port, int flagMask, int flagValues,
                          Integer group, Integer addrGenMode) {
    /**
     * Checks the names and values.
     *
     * @throws IllegalArgumentException when a name is not a valid interface name, {@code mtu}
     *         or {@code txQueueLength} is negative, or both {@code namespace} and {@code namespacePid} are given
     */
    public LinkRequest {
        InterfaceNames.check(name);
        if (newName != null) {
            InterfaceNames.check(newName);
        }
        if (master != null && !master.isEmpty()) {
            InterfaceNames.check(master);
        }
        if (mtu != null && (mtu < 0)) {
            throw new IllegalArgumentException("mtu " + mtu + " is negative");
        }
        if (txQueueLength != null && txQueueLength < 0) {
            throw new IllegalArgumentException("txqueuelen " + txQueueLength + " is negative");
        }
        if (namespace != null && namespacePid != null) {
            throw new IllegalArgumentException("a link goes to one namespace: give a namespace or a pid, not both");
        }
    }

    /**
     * A new link of {@code kind}: {@code ip link add NAME type KIND}.
     *
     * @param name the new link's name, a valid interface name
     * @param kind the link type, e.g. {@link Veth#peer(String)}; not null
     * @return a request with only name and type set
     * @throws IllegalArgumentException when {@code kind} is null or {@code name} is invalid
     */
    public static LinkRequest create(String name, LinkKind kind) {
        if (kind == null) {
            throw new IllegalArgumentException("a new link needs a type (one of " + LinkKind.supported() + ")");
        }
        return new LinkRequest(name, kind, null, null, null, null, null, null, null, null, null, null, null, 0, 0,
                null, null);
    }

    /**
     * Changes to the existing link {@code name}: {@code ip link set dev NAME ...}.
     *
     * @param name the existing link's name
     * @return a request that changes nothing yet
     * @throws IllegalArgumentException when {@code name} is invalid
     */
    public static LinkRequest change(String name) {
        return new LinkRequest(name, null, null, null, null, null, null, null, null, null, null, null, null, 0, 0,
                null, null);
    }

    /**
     * Sets the link up: {@code ip link set dev NAME up}.
     *
     * @return a new request with that change; this one is unchanged
     */
    public LinkRequest withUp() {
        return new LinkRequest(name, kind, true, mtu, address, txQueueLength, master, alias, namespace, namespacePid,
                newName, promisc, port, flagMask, flagValues, group, addrGenMode);
    }

    /**
     * Sets the link down: {@code ip link set dev NAME down}.
     *
     * @return a new request with that change; this one is unchanged
     */
    public LinkRequest withDown() {
        return new LinkRequest(name, kind, false, mtu, address, txQueueLength, master, alias, namespace, namespacePid,
                newName, promisc, port, flagMask, flagValues, group, addrGenMode);
    }

    /**
     * Sets the MTU: {@code ip link set dev NAME mtu N}.
     *
     * @param value the MTU in bytes, 0 or more
     * @return a new request with that change; this one is unchanged
     * @throws IllegalArgumentException when {@code value} is negative
     */
    public LinkRequest withMtu(int value) {
        return new LinkRequest(name, kind, adminUp, value, address, txQueueLength, master, alias, namespace, namespacePid,
                newName, promisc, port, flagMask, flagValues, group, addrGenMode);
    }

    /**
     * Sets the hardware address: {@code ip link set dev NAME address MAC}.
     *
     * @param value the address, or null to leave it
     * @return a new request with that change; this one is unchanged
     */
    public LinkRequest withAddress(MacAddress value) {
        return new LinkRequest(name, kind, adminUp, mtu, value, txQueueLength, master, alias, namespace, namespacePid,
                newName, promisc, port, flagMask, flagValues, group, addrGenMode);
    }

    /**
     * Sets the transmit queue length: {@code ip link set dev NAME txqueuelen N}.
     *
     * @param value the length in packets, 0 or more
     * @return a new request with that change; this one is unchanged
     * @throws IllegalArgumentException when {@code value} is negative
     */
    public LinkRequest withTxQueueLength(int value) {
        return new LinkRequest(name, kind, adminUp, mtu, address, value, master, alias, namespace, namespacePid, newName,
                promisc, port, flagMask, flagValues, group, addrGenMode);
    }

    /**
     * Enslaves the link to {@code bridgeOrBond}; an empty string releases it ({@code nomaster}).
     *
     * @param bridgeOrBond the master's name ({@code ip link set dev NAME master BR}), or empty
     * @return a new request with that change; this one is unchanged
     * @throws IllegalArgumentException when the name is invalid
     */
    public LinkRequest withMaster(String bridgeOrBond) {
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, bridgeOrBond, alias, namespace,
                namespacePid, newName, promisc, port, flagMask, flagValues, group, addrGenMode);
    }

    /**
     * Releases the link from its bridge or bond: {@code ip link set dev NAME nomaster}.
     *
     * @return a new request with that change; this one is unchanged
     */
    public LinkRequest withNoMaster() {
        return withMaster("");
    }

    /**
     * Sets the alias: {@code ip link set dev NAME alias TEXT}.
     *
     * @param value the alias text, or null to leave it
     * @return a new request with that change; this one is unchanged
     */
    public LinkRequest withAlias(String value) {
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, master, value, namespace, namespacePid,
                newName, promisc, port, flagMask, flagValues, group, addrGenMode);
    }

    /**
     * Creates the link in, or moves it to, {@code ns}.
     *
     * @param ns the target namespace ({@code netns NS}), open; null to leave it
     * @return a new request with that change; this one is unchanged
     */
    public LinkRequest withNamespace(NamespaceRef ns) {
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, master, alias, ns, null, newName, promisc, port, flagMask, flagValues, group, addrGenMode);
    }

    /**
     * Creates the link in, or moves it to, the namespace of process {@code pid}.
     *
     * @param pid the process whose namespace is the target ({@code netns PID})
     * @return a new request with that change; this one is unchanged
     */
    public LinkRequest withNamespacePid(long pid) {
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, master, alias, null, pid, newName, promisc, port, flagMask, flagValues, group, addrGenMode);
    }

    /**
     * Renames the link: {@code ip link set dev NAME name NEW}.
     *
     * @param value the new name, a valid interface name
     * @return a new request with that change; this one is unchanged
     * @throws IllegalArgumentException when the name is invalid
     */
    public LinkRequest withNewName(String value) {
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, master, alias, namespace, namespacePid,
                value, promisc, port, flagMask, flagValues, group, addrGenMode);
    }

    /**
     * Sets promiscuous mode: {@code ip link set dev NAME promisc on|off}.
     *
     * @param on true for {@code on}, false for {@code off}
     * @return a new request with that change; this one is unchanged
     */
    public LinkRequest withPromisc(boolean on) {
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, master, alias, namespace, namespacePid,
                newName, on, port, flagMask, flagValues, group, addrGenMode);
    }

    /**
     * Changes the options of the link's own kind: {@code ip link set dev NAME type KIND OPTIONS},
     * e.g. {@code type bridge stp_state 1} with {@code Bridge.defaults().withStpState(true)}.
     * Only the options set in {@code options} are sent; the kernel refuses kinds that cannot
     * be changed, or a kind that is not the link's.
     *
     * @param options the kind with the options to change
     * @return a new request with that change; this one is unchanged
     */
    public LinkRequest withKindOptions(LinkKind options) {
        return new LinkRequest(name, options, adminUp, mtu, address, txQueueLength, master, alias, namespace,
                namespacePid, newName, promisc, port, flagMask, flagValues, group, addrGenMode);
    }

    /**
     * Changes the link's settings as a port of its bridge: {@code ip link set dev NAME type
     * bridge_slave cost 10 ...}.
     *
     * @param settings the port settings to change
     * @return a new request with that change; this one is unchanged
     */
    public LinkRequest withBridgePort(BridgePort settings) {
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, master, alias, namespace,
                namespacePid, newName, promisc, settings, flagMask, flagValues, group, addrGenMode);
    }

    /** The device flags {@code ip link set} turns on and off by word, as IFF_* bits. */
    public enum Flag {
        /** {@code arp on|off}: off sets IFF_NOARP. */
        ARP(0x80, true),
        /** {@code multicast on|off}: IFF_MULTICAST. */
        MULTICAST(0x1000, false),
        /** {@code allmulticast on|off}: IFF_ALLMULTI. */
        ALLMULTICAST(0x200, false),
        /** {@code dynamic on|off}: IFF_DYNAMIC. */
        DYNAMIC(0x8000, false);

        private final int bit;
        private final boolean inverted;

        Flag(int bit, boolean inverted) {
            this.bit = bit;
            this.inverted = inverted;
        }
    }

    /**
     * Turns a device flag on or off: {@code ip link set dev NAME arp off}, {@code multicast on}, ...
     *
     * @param flag the flag
     * @param on   its new state
     * @return a new request with that change; this one is unchanged
     */
    public LinkRequest withFlag(Flag flag, boolean on) {
        boolean bitSet = on != flag.inverted;
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, master, alias, namespace,
                namespacePid, newName, promisc, port, flagMask | flag.bit,
                bitSet ? flagValues | flag.bit : flagValues & ~flag.bit, group, addrGenMode);
    }

    /**
     * Puts the link in device group {@code value}: {@code ip link set dev NAME group N}.
     *
     * @param value the group, 0 ("default") or more
     * @return a new request with that change; this one is unchanged
     */
    public LinkRequest withGroup(int value) {
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, master, alias, namespace,
                namespacePid, newName, promisc, port, flagMask, flagValues, value, addrGenMode);
    }

    /**
     * How the kernel makes the link's IPv6 link-local address: {@code ip link set dev NAME
     * addrgenmode eui64|none|stable_secret|random}.
     *
     * @param mode 0 eui64, 1 none, 2 stable_secret, 3 random
     * @return a new request with that change; this one is unchanged
     * @throws IllegalArgumentException when the mode is not 0 to 3
     */
    public LinkRequest withAddrGenMode(int mode) {
        if (mode < 0 || mode > 3) {
            throw new IllegalArgumentException("addrgenmode is 0 (eui64) to 3 (random), not " + mode);
        }
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, master, alias, namespace,
                namespacePid, newName, promisc, port, flagMask, flagValues, group, mode);
    }
}
