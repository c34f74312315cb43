package io.netns4j.route;

import io.netns4j.types.InetPrefix;
import io.netns4j.types.InterfaceNames;

import java.net.InetAddress;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One path of a multipath route: {@code nexthop via GATEWAY dev DEVICE weight N} in
 * {@code ip route}. Build with {@link #via(String)} or {@link #dev(String)} and the
 * {@code with} methods.
 *
 * @param gateway the next router, or null for a device route
 * @param device the output interface, or null to let the kernel find it from the gateway
 * @param weight the share of flows, 1 to 256 (the kernel stores weight less one)
 * @param flags {@link RouteFlag#ONLINK} in a request; the kernel may report others
 */
public record Nexthop(InetAddress gateway, String device, int weight, Set<RouteFlag> flags) {
    /**
     * Checks the path and copies the flags.
     *
     * @throws IllegalArgumentException when {@code weight} is outside 1 to 256 or {@code device} is not a
     * valid interface name
     */
    public Nexthop {
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("nexthop weight " + weight + " is out of range (1 to 256)");
        }
        if (device != null) {
            InterfaceNames.check(device);
        }
        flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    }

    /**
     * A path through {@code gateway}: {@code nexthop via GATEWAY}.
     *
     * @param gateway an address literal
     * @return the path, weight 1
     * @throws IllegalArgumentException when {@code gateway} is no address (with a hint to use {@code dev}
     * when it looks like an interface name)
     */
    public static Nexthop via(String gateway) {
        return via(parseGateway(gateway));
    }

    /**
     * A path through {@code gateway}: {@code nexthop via GATEWAY}.
     *
     * @param gateway the next router
     * @return the path, weight 1
     */
    public static Nexthop via(InetAddress gateway) {
        return new Nexthop(gateway, null, 1, Set.of());
    }

    /**
     * A path straight out of {@code device}, with no gateway: {@code nexthop dev DEVICE}.
     *
     * @param device the interface name
     * @return the path, weight 1
     * @throws IllegalArgumentException when {@code device} is not a valid interface name
     */
    public static Nexthop dev(String device) {
        return new Nexthop(null, device, 1, Set.of());
    }

    /**
     * The same path with {@code dev NAME}.
     *
     * @param name the output interface
     * @return a new path
     * @throws IllegalArgumentException when {@code name} is not a valid interface name
     */
    public Nexthop withDevice(String name) {
        return new Nexthop(gateway, name, weight, flags);
    }

    /**
     * The same path with {@code weight W}.
     *
     * @param w the share of flows, 1 to 256
     * @return a new path
     * @throws IllegalArgumentException when {@code w} is out of range
     */
    public Nexthop withWeight(int w) {
        return new Nexthop(gateway, device, w, flags);
    }

    /**
     * The same path with {@code onlink}.
     *
     * @return a new path
     */
    public Nexthop withOnlink() {
        EnumSet<RouteFlag> f = flags.isEmpty() ? EnumSet.noneOf(RouteFlag.class) : EnumSet.copyOf(flags);
        f.add(RouteFlag.ONLINK);
        return new Nexthop(gateway, device, weight, f);
    }

    /**
     * Parses a gateway address. A word that is no address but could be an interface name
     * gets the hint people need most: {@code ip route add default via veth1} meant
     * {@code dev veth1}.
     */
    static InetAddress parseGateway(String text) {
        try {
            return InetPrefix.parseAddress(text);
        } catch (IllegalArgumentException notAnAddress) {
            if (!text.matches("[0-9.]*") && looksLikeInterface(text)) {
                throw new IllegalArgumentException("'" + text + "' is not an address; to send through an interface use"
                        + " 'dev " + text + "'");
            }
            throw new IllegalArgumentException("\"" + text + "\" is not a gateway address (an IPv4 or IPv6 literal)");
        }
    }

    private static boolean looksLikeInterface(String text) {
        try {
            InterfaceNames.check(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
