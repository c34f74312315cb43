package io.netns4j.lab.model;

import io.netns4j.types.InetPrefix;

/**
 * Where automatic addresses come from. Each segment (a point-to-point link, or a bridge with
 * its members) that has no address of a family given in the file gets the next free subnet of
 * that family: IPv4 /{@code ipv4LinkLength} for a point-to-point link, /{@code ipv4LanLength} for
 * a bridge, IPv6 /64 for both. Subnets are handed out in file order, skipping any that overlap
 * an address written in the file; so the same file always gives the same addresses.
 *
 * @param ipv4 the IPv4 pool, or null for no automatic IPv4
 * @param ipv6 the IPv6 pool, or null for no automatic IPv6
 * @param ipv4LinkLength the IPv4 prefix length of a point-to-point link's subnet (e.g. 30)
 * @param ipv4LanLength the IPv4 prefix length of a bridge's subnet (e.g. 24)
 */
public record AddressPools(InetPrefix ipv4, InetPrefix ipv6, int ipv4LinkLength, int ipv4LanLength) {
    public static final int IPV6_LENGTH = 64;
    public static final AddressPools NONE = new AddressPools(null, null, 30, 24);
}
