package io.netns4j.neighbour;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.route.Nda;
import io.netns4j.internal.netlink.route.NeighbourMessage;
import io.netns4j.types.InetFamily;
import io.netns4j.types.MacAddress;

import java.net.InetAddress;
import java.time.Duration;

/**
 * Neighbours as messages: the {@code RTM_NEWNEIGH}/{@code RTM_DELNEIGH} that {@code ip neigh
 * add|del|replace|change} send (byte for byte, golden tests compare) and a dumped entry read
 * back as a {@link Neighbour}.
 */
final class NeighbourCodec {
    private NeighbourCodec() {
    }

    /** The request, as {@code ip} writes it. */
    static byte[] encode(NeighbourRequest spec, int index, int type, int msgFlags) {
        int family = InetFamily.of(spec.destination()).number();
        int flags = (spec.isProxy() ? Nda.NTF_PROXY : 0) | (spec.isRouter() ? Nda.NTF_ROUTER : 0);
        NeighbourMessage m = NeighbourMessage.request(family, index, spec.state().value(), flags)
                .withDestination(spec.destination());
        if (spec.lladdr() != null) {
            m = m.withLinkLayerAddress(spec.lladdr().bytes());
        }
        return m.encode(type, msgFlags);
    }

    /** Null when the message is not an IPv4 or IPv6 entry. */
    static Neighbour decode(NeighbourMessage m, String device) throws MalformedMessageException {
        InetAddress dst = m.destination();
        if (dst == null) {
            return null;
        }
        byte[] ll = m.linkLayerAddress();
        long probes = m.probes();
        NeighbourMessage.CacheInfo ci = m.cacheInfo();
        Neighbour.Cache cache = ci == null ? null : new Neighbour.Cache(ci.refCount(), ticks(ci.used()),
                ticks(ci.confirmed()), ticks(ci.updated()));
        return new Neighbour(m.index(), device, dst, ll == null ? null : new MacAddress(ll), m.state(), m.flags(),
                probes < 0 ? null : probes, cache);
    }

    /** The kernel reports ages in USER_HZ clock ticks, 100 a second on Linux. */
    private static Duration ticks(long clockTicks) {
        return Duration.ofMillis(clockTicks * 10);
    }
}
