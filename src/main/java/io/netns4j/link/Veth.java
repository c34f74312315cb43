package io.netns4j.link;

import io.netns4j.InterfaceNames;
import io.netns4j.Netns;

/**
 * A veth pair. The peer may be created straight inside another namespace, in the same
 * request: {@code ip link add v0 type veth peer name eth0 netns NS}.
 *
 * @param peerName       the peer's name, or null for the kernel's choice (vethN)
 * @param peerNamespace  the namespace to create the peer in, or null for the same one as the link
 * @param peerUp         bring the peer up as it is created
 */
public record Veth(String peerName, Netns peerNamespace, boolean peerUp) implements LinkKind {
    public Veth {
        if (peerName != null) {
            InterfaceNames.check(peerName);
        }
    }

    /** A pair whose peer is named {@code peerName}, next to the link. */
    public static Veth peer(String peerName) {
        return new Veth(peerName, null, false);
    }

    /** The same pair with its peer created inside {@code ns}. */
    public Veth inNamespace(Netns ns) {
        return new Veth(peerName, ns, peerUp);
    }

    /** The same pair with its peer brought up at creation. */
    public Veth withPeerUp() {
        return new Veth(peerName, peerNamespace, true);
    }

    @Override
    public String kindName() {
        return "veth";
    }
}
