package io.netns4j.address;

import io.netns4j.internal.netlink.route.Ifa;
import io.netns4j.route.RouteScopes;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Set;

/**
 * An IP address on an interface, as the kernel reports it ({@code ip addr show}). Values the
 * kernel did not send are null.
 *
 * @param index             the interface's index
 * @param local             the address itself
 * @param prefixLength      the prefix length ({@code /24})
 * @param peer              the other end of a point-to-point address ({@code peer}), or null
 * @param broadcast         the IPv4 broadcast address ({@code brd}), or null
 * @param anycast           the anycast address ({@code anycast}), or null
 * @param scope             0 to 255: {@link RouteScopes#GLOBAL}, {@link RouteScopes#LINK},
 *                          {@link RouteScopes#HOST}, ...
 * @param label             IFA_LABEL ({@code eth0:1}); IPv6 addresses have none
 * @param flags             {@code IFA_F_*} bits; see {@link #has(AddressFlag)}
 * @param validLifetime     seconds left, or {@link #FOREVER}
 * @param preferredLifetime seconds left, or {@link #FOREVER}
 * @param metric            the prefix route's metric ({@code metric N}), or null
 */
public record Address(int index, InetAddress local, int prefixLength, InetAddress peer, InetAddress broadcast,
                      InetAddress anycast, int scope, String label, int flags, long validLifetime,
                      long preferredLifetime, Long metric) {
    /** The lifetime of an address that does not expire ({@code forever}). */
    public static final long FOREVER = Ifa.INFINITY_LIFE_TIME;

    /**
     * The address's family.
     *
     * @return IPv4 or IPv6, from {@code local}
     */
    public InetFamily family() {
        return InetFamily.of(local);
    }

    /**
     * The address and its prefix length.
     *
     * @return e.g. {@code 10.0.0.1/24}
     */
    public InetPrefix prefix() {
        return new InetPrefix(local, prefixLength);
    }

    /**
     * Whether a flag is set.
     *
     * @param flag the flag
     * @return whether its bit is set in {@code flags}
     */
    public boolean has(AddressFlag flag) {
        return (flags & flag.bit()) != 0;
    }

    /**
     * The flags that are set.
     *
     * @return a new set, in {@link AddressFlag} order
     */
    public Set<AddressFlag> flagSet() {
        Set<AddressFlag> s = EnumSet.noneOf(AddressFlag.class);
        for (AddressFlag f : AddressFlag.values()) {
            if (has(f)) {
                s.add(f);
            }
        }
        return s;
    }


    @Override
    public String toString() {
        return InetText.format(local) + (peer == null ? "" : " peer " + InetText.format(peer)) + "/"
                + prefixLength + " scope " + RouteScopes.name(scope) + " (index " + index + ")";
    }
}
