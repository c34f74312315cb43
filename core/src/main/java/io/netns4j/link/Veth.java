package io.netns4j.link;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.route.Ifla;
import io.netns4j.types.InterfaceNames;
import io.netns4j.types.MacAddress;
import io.netns4j.types.NamespaceRef;



/**
 * A veth pair. The peer may be created straight inside another namespace, in the same
 * request: {@code ip link add v0 type veth peer name eth0 netns NS}; and it may be brought up
 * in the same call: {@code Veth.peer("eth0").withPeerNamespace(ns).withPeerUp()} is
 * {@code ip link add v0 type veth peer name eth0 netns NS} followed by
 * {@code ip -n NS link set eth0 up}.
 *
 * <p>The peer cannot be brought up in the creating request itself: the kernel refuses IFF_UP
 * in the peer's {@code ifinfomsg} with ENOTCONN ({@code ip link add v0 type veth peer name
 * eth0 up} fails so), because the peer is opened before the pair is joined. So
 * {@link Links#add} sends a second request, {@code link set PEER up} in the peer's namespace,
 * right after the pair is made, and deletes the pair again if that fails.
 *
 * @param peerName       the peer's name, or null for the kernel's choice (vethN)
 * @param peerNamespace  the namespace to create the peer in, or null for the same one as the link
 * @param peerUp         whether {@link Links#add} brings the peer up after creating the pair
 * @param peerMtu        {@code peer ... mtu N}: the peer's MTU, or null for the kernel's
 * @param peerAddress    {@code peer ... address LLADDR}: the peer's MAC address, or null for a random one
 * @param peerTxQueueLength {@code peer ... txqueuelen N}, or null
 *                       (needs a {@code peerName})
 */
public record Veth(String peerName, NamespaceRef peerNamespace, boolean peerUp, Integer peerMtu,
                   MacAddress peerAddress, Integer peerTxQueueLength) implements LinkKind {
    /**
     * Checks the peer's name.
     *
     * @throws IllegalArgumentException when {@code peerName} is not a valid interface name, or
     *         {@code peerUp} is asked for a peer with no name
     */
    public Veth {
        if (peerName != null) {
            InterfaceNames.check(peerName);
        } else if (peerUp) {
            throw new IllegalArgumentException("a veth peer brought up needs a name (peer name PEER)");
        }
        if (peerMtu != null && peerMtu < 0 || peerTxQueueLength != null && peerTxQueueLength < 0) {
            throw new IllegalArgumentException("a veth peer's mtu and txqueuelen are not negative");
        }
    }

    /**
     * A pair with only the peer's name, namespace and up state set.
     *
     * @param peerName      see the record
     * @param peerNamespace see the record
     * @param peerUp        see the record
     */
    public Veth(String peerName, NamespaceRef peerNamespace, boolean peerUp) {
        this(peerName, peerNamespace, peerUp, null, null, null);
    }

    /**
     * The same pair with the peer's MTU: {@code peer name P mtu N}.
     *
     * @param mtu the peer's MTU in bytes
     * @return a new kind
     */
    public Veth withPeerMtu(int mtu) {
        return new Veth(peerName, peerNamespace, peerUp, mtu, peerAddress, peerTxQueueLength);
    }

    /**
     * The same pair with the peer's MAC address: {@code peer name P address LLADDR}.
     *
     * @param address the peer's address
     * @return a new kind
     */
    public Veth withPeerAddress(MacAddress address) {
        return new Veth(peerName, peerNamespace, peerUp, peerMtu, address, peerTxQueueLength);
    }

    /**
     * The same pair with the peer's transmit queue length: {@code peer name P txqueuelen N}.
     *
     * @param length in packets
     * @return a new kind
     */
    public Veth withPeerTxQueueLength(int length) {
        return new Veth(peerName, peerNamespace, peerUp, peerMtu, peerAddress, length);
    }

    /**
     * A pair whose peer is named {@code peerName}, next to the link, left down.
     *
     * @param peerName the peer's name ({@code peer name PEER}), or null for the kernel's choice
     * @return a pair description for {@link LinkRequest#create(String, LinkKind)}
     */
    public static Veth peer(String peerName) {
        return new Veth(peerName, null, false);
    }

    /**
     * The same pair with its peer created inside {@code ns}.
     *
     * @param ns the peer's namespace ({@code peer ... netns NS}), open until the request is sent
     * @return a new pair description; this one is unchanged
     */
    public Veth withPeerNamespace(NamespaceRef ns) {
        return new Veth(peerName, ns, peerUp, peerMtu, peerAddress, peerTxQueueLength);
    }

    /**
     * The same pair with its peer brought up right after it is made: {@code ip -n NS link set
     * PEER up} after the {@code ip link add}, in the same {@link Links#add} call.
     *
     * @return a new pair description; this one is unchanged
     * @throws IllegalArgumentException when the peer has no name
     */
    public Veth withPeerUp() {
        return new Veth(peerName, peerNamespace, true, peerMtu, peerAddress, peerTxQueueLength);
    }

    /** VETH_INFO_PEER: a whole {@code struct ifinfomsg} and the peer's own IFLA attributes. */
    private static final int VETH_INFO_PEER = 1;
    private static final int IFINFOMSG_SIZE = 16;

    @Override
    public void writeData(LinkKindData data) throws NetnsException {
        if (peerName == null && peerNamespace == null && peerMtu == null && peerAddress == null
                && peerTxQueueLength == null) {
            return;
        }
        data.nest(VETH_INFO_PEER, peer -> {
            peer.zeros(IFINFOMSG_SIZE);
            if (peerNamespace != null) {
                peer.u32(Ifla.IFLA_NET_NS_FD, peerNamespace.fileDescriptor());
            }
            if (peerMtu != null) {
                peer.u32(Ifla.IFLA_MTU, peerMtu);
            }
            if (peerAddress != null) {
                peer.bytes(Ifla.IFLA_ADDRESS, peerAddress.bytes());
            }
            if (peerTxQueueLength != null) {
                peer.u32(Ifla.IFLA_TXQLEN, peerTxQueueLength);
            }
            if (peerName != null) {
                peer.string(Ifla.IFLA_IFNAME, peerName); // last, as ip adds the peer's name after its options
            }
        });
    }

    @Override
    public String kindName() {
        return "veth";
    }
}
