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
 * @param source the packet's source ({@code from}), or null
 * @param inputDevice the interface it arrives on ({@code iif}): a forwarding lookup; null for one of this host's own packets
 * @param outputDevice the interface it must leave by ({@code oif}), or null
 * @param mark its firewall mark, or null
 * @param uid the user id sending it, or null
 * @param tos its type of service, 0 for none
 * @param fibMatch answer with the matching table entry rather than the resolved route ({@code fibmatch})
 */
public record RouteLookup(InetAddress destination, InetAddress source, String inputDevice, String outputDevice,
                          Long mark, Long uid, int tos, boolean fibMatch) {
    public RouteLookup {
        if (destination == null) {
            throw new IllegalArgumentException("a route lookup needs a destination address");
        }
        if (source != null && InetFamily.of(source) != InetFamily.of(destination)) {
            throw new IllegalArgumentException("from " + InetText.format(source) + " and "
                    + InetText.format(destination) + " are of different families");
        }
    }

    public static RouteLookup to(String address) {
        return to(InetPrefix.parseAddress(address));
    }

    public static RouteLookup to(InetAddress address) {
        return new RouteLookup(address, null, null, null, null, null, 0, false);
    }

    public RouteLookup from(String address) {
        return from(InetPrefix.parseAddress(address));
    }

    public RouteLookup from(InetAddress address) {
        return new RouteLookup(destination, address, inputDevice, outputDevice, mark, uid, tos, fibMatch);
    }

    public RouteLookup inputDevice(String name) {
        return new RouteLookup(destination, source, InterfaceNames.check(name), outputDevice, mark, uid, tos, fibMatch);
    }

    public RouteLookup outputDevice(String name) {
        return new RouteLookup(destination, source, inputDevice, InterfaceNames.check(name), mark, uid, tos, fibMatch);
    }

    public RouteLookup mark(long m) {
        return new RouteLookup(destination, source, inputDevice, outputDevice, m, uid, tos, fibMatch);
    }

    public RouteLookup uid(long u) {
        return new RouteLookup(destination, source, inputDevice, outputDevice, mark, u, tos, fibMatch);
    }

    public RouteLookup tos(int t) {
        return new RouteLookup(destination, source, inputDevice, outputDevice, mark, uid, t, fibMatch);
    }

    /** Ask for the matching table entry ({@code fibmatch}) rather than the resolved route. */
    public RouteLookup withFibMatch() {
        return new RouteLookup(destination, source, inputDevice, outputDevice, mark, uid, tos, true);
    }
}
