package io.netns4j.address;

import io.netns4j.internal.netlink.route.Ifa;

/**
 * The flags of an address ({@code IFA_F_*}), in the order {@code ip addr show} prints them.
 * Some can be set when adding an address ({@link #settable()}); the others only the kernel sets.
 */
public enum AddressFlag {
    /** A secondary IPv4 address; for IPv6 ({@code temporary}) a privacy address. */
    SECONDARY(Ifa.IFA_F_SECONDARY, "secondary", false, false),
    /** Skip duplicate address detection (IPv6). */
    NODAD(Ifa.IFA_F_NODAD, "nodad", true, true),
    /** Optimistic duplicate address detection (IPv6, RFC 4429). */
    OPTIMISTIC(Ifa.IFA_F_OPTIMISTIC, "optimistic", true, true),
    /** Duplicate address detection failed (IPv6): the address is not used. */
    DADFAILED(Ifa.IFA_F_DADFAILED, "dadfailed", false, true),
    /** A Mobile IPv6 home address. */
    HOME(Ifa.IFA_F_HOMEADDRESS, "home", true, true),
    /** The preferred lifetime is over (IPv6): kept, but not chosen as a source. */
    DEPRECATED(Ifa.IFA_F_DEPRECATED, "deprecated", false, true),
    /** Duplicate address detection is still running (IPv6). */
    TENTATIVE(Ifa.IFA_F_TENTATIVE, "tentative", false, true),
    /** A lifetime of forever; {@code ip} prints {@code dynamic} when this flag is absent. */
    PERMANENT(Ifa.IFA_F_PERMANENT, "permanent", false, true),
    /** Make temporary addresses from this prefix (IPv6). */
    MNGTMPADDR(Ifa.IFA_F_MANAGETEMPADDR, "mngtmpaddr", true, true),
    /** Do not add the prefix route for this address. */
    NOPREFIXROUTE(Ifa.IFA_F_NOPREFIXROUTE, "noprefixroute", true, false),
    /** Join the multicast group of this (multicast) address. */
    AUTOJOIN(Ifa.IFA_F_MCAUTOJOIN, "autojoin", true, false),
    /** A stable privacy address (IPv6, RFC 7217). */
    STABLE_PRIVACY(Ifa.IFA_F_STABLE_PRIVACY, "stable-privacy", false, true);

    private final int bit;
    private final String ipName;
    private final boolean settable;
    private final boolean ipv6Only;

    AddressFlag(int bit, String ipName, boolean settable, boolean ipv6Only) {
        this.bit = bit;
        this.ipName = ipName;
        this.settable = settable;
        this.ipv6Only = ipv6Only;
    }

    /**
     * The kernel's bit.
     *
     * @return the IFA_F_* value
     */
    public int bit() {
        return bit;
    }

    /**
     * The word {@code ip} uses.
     *
     * @return e.g. {@code nodad}
     */
    public String ipName() {
        return ipName;
    }

    /**
     * Whether a request may set it ({@code ip addr add ... nodad}).
     *
     * @return true for the flags {@link AddressRequest#withFlag} accepts
     */
    public boolean settable() {
        return settable;
    }

    /**
     * Whether the flag applies to IPv6 addresses only.
     *
     * @return true for the IPv6-only flags
     */
    public boolean ipv6Only() {
        return ipv6Only;
    }

    /**
     * The flag {@code ip} calls {@code name}.
     *
     * @param name the word, e.g. {@code nodad}; {@code temporary} is {@link #SECONDARY}
     * @return the flag, or null for an unknown word
     */
    public static AddressFlag byIpName(String name) {
        if (name.equals("temporary")) {
            return SECONDARY;
        }
        for (AddressFlag f : values()) {
            if (f.ipName.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
