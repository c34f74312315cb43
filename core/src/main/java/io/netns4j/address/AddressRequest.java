package io.netns4j.address;

import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;
import io.netns4j.types.InterfaceNames;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * An address to add, replace, change or delete: the words of {@code ip addr add PREFIX dev
 * NAME ...}. Immutable: a factory names the required parts ({@link #of(String, String)}), and
 * each {@code withX} method checks its value at once (throwing
 * {@link IllegalArgumentException} with what to do) and returns a changed copy.
 *
 * <pre>{@code
 * AddressRequest.of("veth0", "10.0.0.1/24").withBroadcastAuto().withLabel("veth0:web")
 * AddressRequest.of("veth0", "2001:db8::1/64").withFlag(AddressFlag.NODAD).withValidLifetime(3600)
 * }</pre>
 */
public final class AddressRequest {
    private static final int MAX_LABEL_BYTES = 15;

    private final String device;
    private final InetPrefix local;
    private final boolean anyPrefixLength;
    private InetPrefix peer;
    private InetAddress broadcast;
    private boolean broadcastAuto;
    private InetAddress anycast;
    private Integer scope;
    private String label;
    private Long metric;
    private Long validLifetime;
    private Long preferredLifetime;
    private final EnumSet<AddressFlag> flags = EnumSet.noneOf(AddressFlag.class);

    private AddressRequest(String device, InetPrefix local, boolean anyPrefixLength) {
        this.device = InterfaceNames.check(device);
        if (local == null) {
            throw new IllegalArgumentException("an address is required (e.g. 10.0.0.1/24)");
        }
        this.local = local;
        this.anyPrefixLength = anyPrefixLength;
    }

    /** A copy, for the withers. */
    private AddressRequest(AddressRequest o) {
        this(o.device, o.local, o.anyPrefixLength);
        peer = o.peer;
        broadcast = o.broadcast;
        broadcastAuto = o.broadcastAuto;
        anycast = o.anycast;
        scope = o.scope;
        label = o.label;
        metric = o.metric;
        validLifetime = o.validLifetime;
        preferredLifetime = o.preferredLifetime;
        flags.addAll(o.flags);
    }

    /**
     * {@code local} on interface {@code device}.
     *
     * @param device the interface name
     * @param local the address and prefix length
     * @return a new request
     * @throws IllegalArgumentException when {@code device} is not a valid interface name or {@code local} is null
     */
    public static AddressRequest of(String device, InetPrefix local) {
        return new AddressRequest(device, local, false);
    }

    /**
     * {@code prefix} on interface {@code device}.
     *
     * @param device the interface name
     * @param prefix the address, {@code 10.0.0.1/24}; a bare address is /32 or /128
     * @return a new request
     * @throws IllegalArgumentException when {@code device} is not a valid interface name or {@code prefix}
     * does not parse
     */
    public static AddressRequest of(String device, String prefix) {
        return of(device, InetPrefix.parse(prefix));
    }

    /**
     * For deleting only: an IPv4 address with whatever prefix length it has, as
     * {@code ip addr del 10.0.0.1 dev eth0} (no /LEN) does.
     *
     * @param device the interface name
     * @param local the IPv4 address
     * @return a new request
     * @throws IllegalArgumentException when {@code local} is not IPv4 or {@code device} is not a valid interface name
     */
    public static AddressRequest anyPrefixLength(String device, InetAddress local) {
        if (!(local instanceof Inet4Address)) {
            throw new IllegalArgumentException(InetText.format(local)
                    + ": only IPv4 addresses may be deleted without a prefix length; add /LEN");
        }
        return new AddressRequest(device, new InetPrefix(local, 32), true);
    }

    /**
     * The other end of a point-to-point link, whose prefix length is used. Equivalent to {@code peer PREFIX}.
     *
     * @param peer the peer's address and prefix length, of the same family
     * @return a changed copy; this request is unchanged
     * @throws IllegalArgumentException when {@code peer} is of the other family
     */
    public AddressRequest withPeer(InetPrefix peer) {
        AddressRequest c = new AddressRequest(this);
        sameFamily(peer.address(), "peer");
        c.peer = peer;
        return c;
    }

    /**
     * An explicit IPv4 broadcast address. Equivalent to {@code broadcast ADDR}.
     *
     * @param broadcast the broadcast address
     * @return a changed copy; this request is unchanged
     * @throws IllegalArgumentException for an IPv6 request, or when {@code broadcast} is not IPv4
     */
    public AddressRequest withBroadcast(InetAddress broadcast) {
        AddressRequest c = new AddressRequest(this);
        ipv4Only("broadcast");
        sameFamily(broadcast, "broadcast");
        c.broadcast = broadcast;
        c.broadcastAuto = false;
        return c;
    }

    /**
     * The broadcast address computed from the prefix (host bits set). Equivalent to {@code broadcast +}.
     *
     * @return a changed copy; this request is unchanged
     * @throws IllegalArgumentException for an IPv6 request
     */
    public AddressRequest withBroadcastAuto() {
        AddressRequest c = new AddressRequest(this);
        ipv4Only("broadcast");
        c.broadcast = null;
        c.broadcastAuto = true;
        return c;
    }

    /**
     * An anycast address. Equivalent to {@code anycast ADDR}.
     *
     * @param anycast the address, of the same family
     * @return a changed copy; this request is unchanged
     * @throws IllegalArgumentException when {@code anycast} is of the other family
     */
    public AddressRequest withAnycast(InetAddress anycast) {
        AddressRequest c = new AddressRequest(this);
        sameFamily(anycast, "anycast");
        c.anycast = anycast;
        return c;
    }

    /**
     * The scope, 0 to 255 ({@link io.netns4j.route.RouteScopes#GLOBAL}, {@link io.netns4j.route.RouteScopes#LINK},
     * {@link io.netns4j.route.RouteScopes#HOST}, ...). Equivalent to {@code scope SCOPE}; without it,
     * 127.0.0.0/8 is host scope and the rest global.
     *
     * @param scope 0 to 255
     * @return a changed copy; this request is unchanged
     * @throws IllegalArgumentException when {@code scope} is out of range
     */
    public AddressRequest withScope(int scope) {
        AddressRequest c = new AddressRequest(this);
        if (scope < 0 || scope > 255) {
            throw new IllegalArgumentException("scope " + scope + " is out of range (0 to 255)");
        }
        c.scope = scope;
        return c;
    }

    /**
     * An IPv4 label ({@code eth0:web}). Equivalent to {@code label NAME}.
     *
     * @param label 1 to 15 bytes of UTF-8
     * @return a changed copy; this request is unchanged
     * @throws IllegalArgumentException when {@code label} is empty or longer than 15 bytes
     */
    public AddressRequest withLabel(String label) {
        AddressRequest c = new AddressRequest(this);
        int bytes = label.getBytes(StandardCharsets.UTF_8).length;
        if (label.isEmpty() || bytes > MAX_LABEL_BYTES) {
            throw new IllegalArgumentException("label \"" + label + "\" is " + bytes + " bytes long: a label has 1 to "
                    + MAX_LABEL_BYTES + " bytes, like an interface name (e.g. " + device + ":1)");
        }
        c.label = label;
        return c;
    }

    /**
     * The metric of the prefix route the kernel adds. Equivalent to {@code metric N}.
     *
     * @param metric 0 to 4294967295
     * @return a changed copy; this request is unchanged
     * @throws IllegalArgumentException when {@code metric} is out of range
     */
    public AddressRequest withMetric(long metric) {
        AddressRequest c = new AddressRequest(this);
        if (metric < 0 || metric > 0xffff_ffffL) {
            throw new IllegalArgumentException("metric " + metric + " is out of range (0 to 4294967295)");
        }
        c.metric = metric;
        return c;
    }

    /**
     * How long the address lives before the kernel removes it. Equivalent to {@code valid_lft SECONDS}.
     *
     * @param seconds 1 to 4294967294 seconds, or {@link Address#FOREVER}
     * @return a changed copy; this request is unchanged
     * @throws IllegalArgumentException when {@code seconds} is 0 or out of range
     */
    public AddressRequest withValidLifetime(long seconds) {
        AddressRequest c = new AddressRequest(this);
        if (seconds == 0) {
            throw new IllegalArgumentException("valid_lft is zero: give a number of seconds above 0, or forever");
        }
        c.validLifetime = lifetime(seconds, "valid_lft");
        return c;
    }

    /**
     * How long the address stays preferred before it is deprecated. Equivalent to {@code preferred_lft SECONDS}.
     *
     * @param seconds 0 to 4294967294 seconds (0: deprecated at once), or {@link Address#FOREVER}
     * @return a changed copy; this request is unchanged
     * @throws IllegalArgumentException when {@code seconds} is out of range
     */
    public AddressRequest withPreferredLifetime(long seconds) {
        AddressRequest c = new AddressRequest(this);
        c.preferredLifetime = lifetime(seconds, "preferred_lft");
        return c;
    }

    /**
     * Sets a flag a request may set ({@link AddressFlag#settable()}), e.g. {@code nodad} or {@code noprefixroute}.
     *
     * @param flag the flag
     * @return a changed copy; this request is unchanged
     * @throws IllegalArgumentException when the kernel sets {@code flag} itself, when it is IPv6-only
     * and the address is IPv4, or for {@code autojoin} on an address that is not multicast
     */
    public AddressRequest withFlag(AddressFlag flag) {
        AddressRequest c = new AddressRequest(this);
        if (!flag.settable()) {
            throw new IllegalArgumentException("\"" + flag.ipName() + "\" is set by the kernel, not by a request");
        }
        if (flag.ipv6Only() && !local.isIpv6()) {
            throw new IllegalArgumentException("\"" + flag.ipName() + "\" can be set only for IPv6 addresses, not "
                    + InetText.format(local.address()));
        }
        if (flag == AddressFlag.AUTOJOIN && !local.address().isMulticastAddress()) {
            throw new IllegalArgumentException("\"autojoin\" needs a multicast address, not "
                    + InetText.format(local.address()));
        }
        c.flags.add(flag);
        return c;
    }

    /**
     * Equivalent to {@code noprefixroute}: the kernel adds no prefix route for the address.
     *
     * @return a changed copy; this request is unchanged
     */
    public AddressRequest withNoPrefixRoute() {
        return withFlag(AddressFlag.NOPREFIXROUTE);
    }

    /**
     * Equivalent to {@code nodad}: no duplicate address detection.
     *
     * @return a changed copy; this request is unchanged
     * @throws IllegalArgumentException for an IPv4 address (IPv6 only)
     */
    public AddressRequest withNoDad() {
        return withFlag(AddressFlag.NODAD);
    }

    /** Checks what only the whole request can tell; called before any system call. */
    void validate() {
        long valid = validLifetime == null ? Address.FOREVER : validLifetime;
        long preferred = preferredLifetime == null ? Address.FOREVER : preferredLifetime;
        if (valid < preferred) {
            throw new IllegalArgumentException("preferred_lft (" + preferred + ") is greater than valid_lft (" + valid
                    + "): an address cannot stay preferred after it expires");
        }
    }

    private static long lifetime(long seconds, String what) {
        if (seconds < 0 || seconds > Address.FOREVER) {
            throw new IllegalArgumentException(what + " " + seconds + " is out of range: give 0 to 4294967294 seconds"
                    + " or forever");
        }
        return seconds;
    }

    private void ipv4Only(String what) {
        if (local.isIpv6()) {
            throw new IllegalArgumentException(what + " can be set only for IPv4 addresses, not "
                    + InetText.format(local.address()));
        }
    }

    private void sameFamily(InetAddress other, String what) {
        if ((other instanceof Inet4Address) == local.isIpv6()) {
            throw new IllegalArgumentException(what + " " + InetText.format(other) + " is not of the same family as "
                    + InetText.format(local));
        }
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
     * The address and prefix length.
     *
     * @return the address, not null
     */
    public InetPrefix local() {
        return local;
    }

    /**
     * True for {@link #anyPrefixLength}: the prefix length is not part of the match.
     *
     * @return whether any prefix length matches
     */
    public boolean matchesAnyPrefixLength() {
        return anyPrefixLength;
    }

    /**
     * The point-to-point peer given.
     *
     * @return the peer, or null
     */
    public InetPrefix peer() {
        return peer;
    }

    /**
     * The explicit broadcast address given.
     *
     * @return the address, or null (also with {@link #withBroadcastAuto()})
     */
    public InetAddress broadcast() {
        return broadcast;
    }

    /**
     * Whether the broadcast address is to be computed from the prefix ({@code broadcast +}).
     *
     * @return whether {@link #withBroadcastAuto()} was called (and not overridden by {@link #broadcast})
     */
    public boolean isBroadcastAuto() {
        return broadcastAuto;
    }

    /**
     * The anycast address given.
     *
     * @return the address, or null
     */
    public InetAddress anycast() {
        return anycast;
    }

    /**
     * The scope given.
     *
     * @return the scope, or null for the kernel's default
     */
    public Integer scope() {
        return scope;
    }

    /**
     * The label given.
     *
     * @return the label, or null
     */
    public String label() {
        return label;
    }

    /**
     * The prefix route's metric given.
     *
     * @return the metric, or null
     */
    public Long metric() {
        return metric;
    }

    /**
     * The valid lifetime given, in seconds.
     *
     * @return the lifetime, or null (forever)
     */
    public Long validLifetime() {
        return validLifetime;
    }

    /**
     * The preferred lifetime given, in seconds.
     *
     * @return the lifetime, or null (forever)
     */
    public Long preferredLifetime() {
        return preferredLifetime;
    }

    /**
     * The flags given.
     *
     * @return a copy of the set
     */
    public Set<AddressFlag> flags() {
        return flags.clone();
    }

    @Override
    public String toString() {
        return InetText.format(local) + (peer == null ? "" : " peer " + InetText.format(peer)) + " dev "
                + device;
    }
}
