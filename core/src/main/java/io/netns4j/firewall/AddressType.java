package io.netns4j.firewall;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kind of route the kernel has for the source and/or destination address: nft {@code fib
 * saddr type local}, {@code fib daddr . iif type != { unicast, local }}; iptables {@code -m
 * addrtype --src-type LOCAL --dst-type UNICAST [--limit-iface-in|--limit-iface-out]}.
 *
 * @param source             the source address's types (any one matches); empty for no source test
 * @param sourceNegated      {@code ! --src-type}
 * @param destination        the destination address's types; empty for no destination test
 * @param destinationNegated {@code ! --dst-type}
 * @param limitIn            look the address up for the incoming interface only ({@code --limit-iface-in})
 * @param limitOut           for the outgoing interface only ({@code --limit-iface-out})
 */
public record AddressType(Set<Kind> source, boolean sourceNegated, Set<Kind> destination, boolean destinationNegated,
                          boolean limitIn, boolean limitOut) implements Match {
    /** The route types, in the kernel's bit order (RTN_UNSPEC = bit 0 ... RTN_XRESOLVE). */
    public enum Kind {
        /** An unknown type. */
        UNSPEC,
        /** A gateway or direct route. */
        UNICAST,
        /** An address of this host. */
        LOCAL,
        /** A broadcast address. */
        BROADCAST,
        /** An anycast address of this host. */
        ANYCAST,
        /** A multicast address. */
        MULTICAST,
        /** A blackhole route. */
        BLACKHOLE,
        /** An unreachable route. */
        UNREACHABLE,
        /** A prohibit route. */
        PROHIBIT,
        /** A throw route. */
        THROW,
        /** A NAT route. */
        NAT,
        /** An external resolver route. */
        XRESOLVE
    }

    /**
     * Copies the sets and checks that something is tested.
     *
     * @throws IllegalArgumentException when both sets are empty, or both interface limits are set
     */
    public AddressType {
        source = Collections.unmodifiableSet(source.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(source));
        destination = Collections.unmodifiableSet(destination.isEmpty() ? EnumSet.noneOf(Kind.class)
                : EnumSet.copyOf(destination));
        if (source.isEmpty() && destination.isEmpty()) {
            throw new IllegalArgumentException("An address type match needs source or destination types");
        }
        if (limitIn && limitOut) {
            throw new IllegalArgumentException("An address type match limits to the incoming or the outgoing"
                    + " interface, not both");
        }
    }

    @Override
    public String toNft() {
        StringBuilder b = new StringBuilder();
        String iface = limitIn ? " . iif" : limitOut ? " . oif" : "";
        if (!source.isEmpty()) {
            b.append("fib saddr").append(iface).append(" type ").append(sourceNegated ? "!= " : "").append(set(source));
        }
        if (!destination.isEmpty()) {
            b.append(b.isEmpty() ? "" : " ").append("fib daddr").append(iface).append(" type ")
                    .append(destinationNegated ? "!= " : "").append(set(destination));
        }
        return b.toString();
    }

    private static String set(Set<Kind> kinds) {
        String names = kinds.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        return kinds.size() == 1 ? names : "{ " + names + " }";
    }
}
