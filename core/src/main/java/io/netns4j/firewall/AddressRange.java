package io.netns4j.firewall;

import io.netns4j.types.InetPrefix;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The source or destination address within a range of addresses, both ends included: nft
 * {@code ip saddr 10.0.0.1-10.0.0.5}; iptables {@code -m iprange --src-range 10.0.0.1-10.0.0.5}
 * ({@code --dst-range}; negated, {@code ! --src-range}).
 *
 * @param destination true for the destination address ({@code --dst-range})
 * @param first       the first address of the range, as nft prints it
 * @param last        the last address, of the same family ({@code first} again for one address)
 * @param negated     matches addresses outside the range
 */
public record AddressRange(boolean destination, String first, String last, boolean negated) implements Match {
    /**
     * Checks both ends and writes them as nft prints them.
     *
     * @throws IllegalArgumentException when an end is not an address literal, or the two are of different families
     */
    public AddressRange {
        InetAddress a = InetPrefix.parseAddress(first);
        InetAddress b = InetPrefix.parseAddress(last);
        if ((a instanceof Inet6Address) != (b instanceof Inet6Address)) {
            throw new IllegalArgumentException("An address range is of one family, not " + first + "-" + last);
        }
        first = NftSyntax.address(a);
        last = NftSyntax.address(b);
    }

    /**
     * Whether the addresses are IPv6 ones.
     *
     * @return true for an ip6tables range
     */
    public boolean ipv6() {
        return first.indexOf(':') >= 0;
    }

    @Override
    public String toNft() {
        return (ipv6() ? "ip6 " : "ip ") + (destination ? "daddr " : "saddr ") + (negated ? "!= " : "") + first
                + "-" + last;
    }

    @Override
    public AddressRange negate() {
        return new AddressRange(destination, first, last, !negated);
    }
}
