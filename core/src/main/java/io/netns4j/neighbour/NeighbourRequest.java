package io.netns4j.neighbour;

import io.netns4j.types.InetText;
import io.netns4j.types.InterfaceNames;
import io.netns4j.types.MacAddress;

import java.net.InetAddress;

/**
 * A neighbour entry to add, replace, change or delete: the words of {@code ip neigh add ADDR
 * lladdr LLADDR dev NAME nud STATE}. Immutable: a factory names the required parts, and each
 * {@code withX} method checks its value and returns a changed copy. Without {@link #withState}, the state
 * is {@code permanent}, as with {@code ip}.
 *
 * <pre>{@code
 * NeighbourRequest.of("veth0", InetPrefix.parseAddress("10.0.0.2")).withLladdr(MacAddress.parse("02:00:00:00:00:02"))
 * NeighbourRequest.proxy("veth0", InetPrefix.parseAddress("10.0.0.9"))
 * }</pre>
 */
public final class NeighbourRequest {
    private final String device;
    private final InetAddress destination;
    private final boolean proxy;
    private MacAddress lladdr;
    private NeighbourState state = NeighbourState.PERMANENT;
    private boolean router;

    private NeighbourRequest(String device, InetAddress destination, boolean proxy) {
        if (destination == null) {
            throw new IllegalArgumentException("a neighbour needs a destination address (e.g. 10.0.0.2)");
        }
        this.device = InterfaceNames.check(device);
        this.destination = destination;
        this.proxy = proxy;
    }

    /** A copy, for the withers. */
    private NeighbourRequest(NeighbourRequest o) {
        this(o.device, o.destination, o.proxy);
        lladdr = o.lladdr;
        state = o.state;
        router = o.router;
    }

    /**
     * The neighbour {@code destination} on interface {@code device}.
     *
     * @param device the interface name
     * @param destination the neighbour's IP address
     * @return a new request (state {@code permanent})
     * @throws IllegalArgumentException when {@code destination} is null or {@code device} is not a valid interface name
     */
    public static NeighbourRequest of(String device, InetAddress destination) {
        return new NeighbourRequest(device, destination, false);
    }

    /**
     * A proxy entry: answer ARP/NDP for {@code destination} on {@code device}. Equivalent to {@code proxy ADDR}.
     *
     * @param device the interface name
     * @param destination the address to answer for
     * @return a new request
     * @throws IllegalArgumentException when {@code destination} is null or {@code device} is not a valid interface name
     */
    public static NeighbourRequest proxy(String device, InetAddress destination) {
        return new NeighbourRequest(device, destination, true);
    }

    /**
     * The link-layer address. Equivalent to {@code lladdr LLADDR}.
     *
     * @param lladdr the address, 1 to 32 bytes
     * @return a changed copy; this request is unchanged
     * @throws IllegalArgumentException when {@code lladdr} is empty or longer than 32 bytes
     */
    public NeighbourRequest withLladdr(MacAddress lladdr) {
        NeighbourRequest c = new NeighbourRequest(this);
        if (lladdr.bytes().length == 0 || lladdr.bytes().length > 32) {
            throw new IllegalArgumentException("link-layer address " + lladdr + " has " + lladdr.bytes().length
                    + " bytes; give 1 to 32 (e.g. 02:00:00:00:00:01)");
        }
        c.lladdr = lladdr;
        return c;
    }

    /**
     * The state. Equivalent to {@code nud STATE}.
     *
     * @param state the state; {@code permanent} unless set
     * @return a changed copy; this request is unchanged
     */
    public NeighbourRequest withState(NeighbourState state) {
        NeighbourRequest c = new NeighbourRequest(this);
        c.state = state;
        return c;
    }

    /**
     * Marks the neighbour as an IPv6 router. Equivalent to {@code router}.
     *
     * @return a changed copy; this request is unchanged
     */
    public NeighbourRequest withRouter() {
        NeighbourRequest c = new NeighbourRequest(this);
        c.router = true;
        return c;
    }

    /**
     * The interface name.
     *
     * @return the name, not null
     */
    public String device() {
        return device;
    }

    /**
     * The neighbour's IP address.
     *
     * @return the address, not null
     */
    public InetAddress destination() {
        return destination;
    }

    /**
     * Whether this is a proxy entry ({@link #proxy}).
     *
     * @return true for a proxy entry
     */
    public boolean isProxy() {
        return proxy;
    }

    /**
     * The link-layer address.
     *
     * @return the address, or null when none was given
     */
    public MacAddress lladdr() {
        return lladdr;
    }

    /**
     * The state.
     *
     * @return the state; {@link NeighbourState#PERMANENT} unless set
     */
    public NeighbourState state() {
        return state;
    }

    /**
     * Whether the neighbour is marked as a router ({@link #withRouter()}).
     *
     * @return true when marked
     */
    public boolean isRouter() {
        return router;
    }

    @Override
    public String toString() {
        return (proxy ? "proxy " : "") + InetText.format(destination) + " dev " + device
                + (lladdr == null ? "" : " lladdr " + lladdr) + " nud " + state.ipName();
    }
}
