package io.netns4j.neighbour;

import io.netns4j.internal.netlink.route.Nda;
import io.netns4j.types.InetText;
import io.netns4j.types.MacAddress;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;

/**
 * A neighbour (ARP or NDP) entry, or a proxy entry, as the kernel reports it
 * ({@code ip neigh show}). Values the kernel did not send are null.
 *
 * @param index       the interface's index (0 for a proxy entry on no interface)
 * @param device      the interface's name, or null
 * @param destination the neighbour's IP address
 * @param lladdr      its link-layer address, or null (incomplete and proxy entries)
 * @param state       its {@code NUD_*} state bits; see {@link #states()}
 * @param flags       its {@code NTF_*} flags; see {@link #isProxy()}, {@link #isRouter()}
 * @param probes      NDA_PROBES: how many probes were sent, or null
 * @param cache       NDA_CACHEINFO: the entry's ages and references ({@code ip -s neigh}), or null
 */
public record Neighbour(int index, String device, InetAddress destination, MacAddress lladdr, int state, int flags,
                        Long probes, Cache cache) {

    /**
     * How old an entry is, as {@code ip -s neigh} prints it ({@code ref 1 used 5/3/3}).
     *
     * @param refCount  how many references the kernel holds on it
     * @param used      since it was last used
     * @param confirmed since the neighbour was last confirmed reachable
     * @param updated   since the entry last changed
     */
    public record Cache(long refCount, Duration used, Duration confirmed, Duration updated) {
    }

    /**
     * The states set.
     *
     * @return a new set, empty for none
     */
    public Set<NeighbourState> states() {
        return NeighbourState.of(state);
    }

    /**
     * A proxy entry ({@code ip neigh add proxy ADDR}): this host answers for {@code destination}.
     *
     * @return whether NTF_PROXY is set
     */
    public boolean isProxy() {
        return (flags & Nda.NTF_PROXY) != 0;
    }

    /**
     * The neighbour is an IPv6 router ({@code router}).
     *
     * @return whether NTF_ROUTER is set
     */
    public boolean isRouter() {
        return (flags & Nda.NTF_ROUTER) != 0;
    }

    /**
     * Learned from outside the kernel, e.g. by a switch driver ({@code extern_learn}).
     *
     * @return whether NTF_EXT_LEARNED is set
     */
    public boolean isExternLearned() {
        return (flags & Nda.NTF_EXT_LEARNED) != 0;
    }

    /**
     * Offloaded to hardware ({@code offload}).
     *
     * @return whether NTF_OFFLOADED is set
     */
    public boolean isOffloaded() {
        return (flags & Nda.NTF_OFFLOADED) != 0;
    }


    @Override
    public String toString() {
        return InetText.format(destination) + " dev " + device + (lladdr == null ? "" : " lladdr " + lladdr)
                + " " + states() + (isProxy() ? " proxy" : "");
    }
}
