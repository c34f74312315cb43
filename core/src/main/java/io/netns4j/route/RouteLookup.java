package io.netns4j.route;

import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;
import io.netns4j.types.InterfaceNames;

import java.net.InetAddress;

/**
 * A question for {@link Routes#get(RouteLookup)}: which route would a packet to
 * {@code destination} take? The selector of {@code ip route get}.
 *
 * @param destination the packet's destination (the address after {@code get}), not null
 * @param source the packet's source ({@code from}), or null
 * @param inputDevice the interface it arrives on ({@code iif}): a forwarding lookup; null for one of this host's own packets
 * @param outputDevice the interface it must leave by ({@code oif}), or null
 * @param mark its firewall mark, or null
 * @param uid the user id sending it, or null
 * @param tos its type of service, 0 for none
 * @param fibMatch answer with the matching table entry rather than the resolved route ({@code fibmatch})
 * @param ipProtocol the packet's IP protocol ({@code ipproto tcp}: 6), or null; policy rules may select on it
 * @param sourcePort its source port ({@code sport N}), or null
 * @param destinationPort its destination port ({@code dport N}), or null
 */
public record RouteLookup(InetAddress destination, InetAddress source, String inputDevice, String outputDevice,
                          Long mark, Long uid, int tos, boolean fibMatch, Integer ipProtocol, Integer sourcePort,
                          Integer destinationPort) {
    /**
     * Checks the lookup.
     *
     * @throws IllegalArgumentException when {@code destination} is null or {@code source} is of the other family
     */
    public RouteLookup {
        if (destination == null) {
            throw new IllegalArgumentException("a route lookup needs a destination address");
        }
        if (ipProtocol != null && (ipProtocol < 0 || ipProtocol > 255)) {
            throw new IllegalArgumentException("ipproto " + ipProtocol + " is not 0 to 255");
        }
        if (sourcePort != null && (sourcePort < 0 || sourcePort > 65535)
                || destinationPort != null && (destinationPort < 0 || destinationPort > 65535)) {
            throw new IllegalArgumentException("a port is 0 to 65535");
        }
        if (source != null && InetFamily.of(source) != InetFamily.of(destination)) {
            throw new IllegalArgumentException("from " + InetText.format(source) + " and "
                    + InetText.format(destination) + " are of different families");
        }
    }

    /**
     * A lookup for a packet to {@code address}: {@code ip route get ADDRESS}.
     *
     * @param address an address literal
     * @return the lookup
     * @throws IllegalArgumentException when {@code address} is not an address literal
     */
    public static RouteLookup to(String address) {
        return to(InetPrefix.parseAddress(address));
    }

    /**
     * A lookup for a packet to {@code address}: {@code ip route get ADDRESS}.
     *
     * @param address the destination
     * @return the lookup
     * @throws IllegalArgumentException when {@code address} is null
     */
    public static RouteLookup to(InetAddress address) {
        return new RouteLookup(address, null, null, null, null, null, 0, false, null, null, null);
    }

    /**
     * The same lookup with {@code from ADDRESS}.
     *
     * @param address an address literal, of the destination's family
     * @return a new lookup
     * @throws IllegalArgumentException when {@code address} is not an address literal or of the other family
     */
    public RouteLookup withSource(String address) {
        return withSource(InetPrefix.parseAddress(address));
    }

    /**
     * The same lookup with {@code from ADDRESS}.
     *
     * @param address the source, of the destination's family; null for none
     * @return a new lookup
     * @throws IllegalArgumentException when {@code address} is of the other family
     */
    public RouteLookup withSource(InetAddress address) {
        return new RouteLookup(destination, address, inputDevice, outputDevice, mark, uid, tos, fibMatch, ipProtocol, sourcePort, destinationPort);
    }

    /**
     * The same lookup with {@code iif NAME}: a packet being forwarded.
     *
     * @param name the interface it arrives on
     * @return a new lookup
     * @throws IllegalArgumentException when {@code name} is not a valid interface name
     */
    public RouteLookup withInputDevice(String name) {
        return new RouteLookup(destination, source, InterfaceNames.check(name), outputDevice, mark, uid, tos, fibMatch, ipProtocol, sourcePort, destinationPort);
    }

    /**
     * The same lookup with {@code oif NAME}.
     *
     * @param name the interface it must leave by
     * @return a new lookup
     * @throws IllegalArgumentException when {@code name} is not a valid interface name
     */
    public RouteLookup withOutputDevice(String name) {
        return new RouteLookup(destination, source, inputDevice, InterfaceNames.check(name), mark, uid, tos, fibMatch, ipProtocol, sourcePort, destinationPort);
    }

    /**
     * The same lookup with {@code mark M}.
     *
     * @param m the firewall mark
     * @return a new lookup
     */
    public RouteLookup withMark(long m) {
        return new RouteLookup(destination, source, inputDevice, outputDevice, m, uid, tos, fibMatch, ipProtocol, sourcePort, destinationPort);
    }

    /**
     * The same lookup with {@code uid U}.
     *
     * @param u the sending user's id
     * @return a new lookup
     */
    public RouteLookup withUid(long u) {
        return new RouteLookup(destination, source, inputDevice, outputDevice, mark, u, tos, fibMatch, ipProtocol, sourcePort, destinationPort);
    }

    /**
     * The same lookup with {@code tos T}.
     *
     * @param t the type of service
     * @return a new lookup
     */
    public RouteLookup withTos(int t) {
        return new RouteLookup(destination, source, inputDevice, outputDevice, mark, uid, t, fibMatch, ipProtocol, sourcePort, destinationPort);
    }

    /**
     * The same lookup with {@code fibmatch}: answer with the matching table entry rather than the resolved route.
     *
     * @return a new lookup
     */
    public RouteLookup withFibMatch() {
        return new RouteLookup(destination, source, inputDevice, outputDevice, mark, uid, tos, true, ipProtocol, sourcePort, destinationPort);
    }

    /**
     * The same lookup for a packet of IP protocol {@code protocol}: {@code ipproto tcp}.
     *
     * @param protocol the protocol number (6 tcp, 17 udp, 1 icmp, 58 ipv6-icmp)
     * @return a new lookup
     * @throws IllegalArgumentException when it is not 0 to 255
     */
    public RouteLookup withIpProtocol(int protocol) {
        return new RouteLookup(destination, source, inputDevice, outputDevice, mark, uid, tos, fibMatch, protocol,
                sourcePort, destinationPort);
    }

    /**
     * The same lookup with source port {@code port}: {@code sport N}.
     *
     * @param port 0 to 65535
     * @return a new lookup
     * @throws IllegalArgumentException when it is out of range
     */
    public RouteLookup withSourcePort(int port) {
        return new RouteLookup(destination, source, inputDevice, outputDevice, mark, uid, tos, fibMatch, ipProtocol,
                port, destinationPort);
    }

    /**
     * The same lookup with destination port {@code port}: {@code dport N}.
     *
     * @param port 0 to 65535
     * @return a new lookup
     * @throws IllegalArgumentException when it is out of range
     */
    public RouteLookup withDestinationPort(int port) {
        return new RouteLookup(destination, source, inputDevice, outputDevice, mark, uid, tos, fibMatch, ipProtocol,
                sourcePort, port);
    }
}
