package io.netns4j.link;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.route.Ifla;
import io.netns4j.types.InterfaceNames;
import io.netns4j.types.NamespaceRef;



/**
 * A veth pair. The peer may be created straight inside another namespace, in the same
 * request: {@code ip link add v0 type veth peer name eth0 netns NS}.
 *
 * <p>The peer cannot be brought up in the same request: the kernel refuses with ENOTCONN
 * while the pair is half registered. Set it up afterwards in its namespace.
 *
 * @param peerName       the peer's name, or null for the kernel's choice (vethN)
 * @param peerNamespace  the namespace to create the peer in, or null for the same one as the link
 */
public record Veth(String peerName, NamespaceRef peerNamespace) implements LinkKind {
    /**
     * Checks the peer's name.
     *
     * @throws IllegalArgumentException when {@code peerName} is not a valid interface name
     */
    public Veth {
        if (peerName != null) {
            InterfaceNames.check(peerName);
        }
    }

    /**
     * A pair whose peer is named {@code peerName}, next to the link.
     *
     * @param peerName the peer's name ({@code peer name PEER}), or null for the kernel's choice
     * @return a pair description for {@link LinkRequest#create(String, LinkKind)}
     */
    public static Veth peer(String peerName) {
        return new Veth(peerName, null);
    }

    /**
     * The same pair with its peer created inside {@code ns}.
     *
     * @param ns the peer's namespace ({@code peer ... netns NS}), open until the request is sent
     * @return a new pair description; this one is unchanged
     */
    public Veth inNamespace(NamespaceRef ns) {
        return new Veth(peerName, ns);
    }


    /** VETH_INFO_PEER: a whole {@code struct ifinfomsg} and the peer's own IFLA attributes. */
    private static final int VETH_INFO_PEER = 1;
    private static final int IFINFOMSG_SIZE = 16;

    @Override
    public void writeData(LinkKindData data) throws NetnsException {
        if (peerName == null && peerNamespace == null) {
            return;
        }
        data.nest(VETH_INFO_PEER, peer -> {
            peer.zeros(IFINFOMSG_SIZE);
            if (peerNamespace != null) {
                peer.u32(Ifla.IFLA_NET_NS_FD, peerNamespace.fileDescriptor());
            }
            if (peerName != null) {
                peer.string(Ifla.IFLA_IFNAME, peerName);
            }
        });
    }

    @Override
    public String kindName() {
        return "veth";
    }
}
