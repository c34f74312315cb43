package io.netns4j.link;

import io.netns4j.types.InterfaceNames;
import io.netns4j.types.MacAddress;
import io.netns4j.types.NamespaceRef;




/**
 * What {@code ip link add} or {@code ip link set} says about one link, as an immutable value
 * built step by step: {@code LinkRequest.create("v0", Veth.peer("v1")).up().mtu(1400)}.
 * Null fields are left as they are (set) or to the kernel (add); {@code adminUp} is the
 * up/down state to set.
 */
public record LinkRequest(String name, LinkKind kind, Boolean adminUp, Integer mtu, MacAddress address,
                          Integer txQueueLength, String master, String alias, NamespaceRef namespace, Long namespacePid,
                          String newName, Boolean promisc) {
    public LinkRequest {
        InterfaceNames.check(name);
        if (newName != null) {
            InterfaceNames.check(newName);
        }
        if (master != null && !master.isEmpty()) {
            InterfaceNames.check(master);
        }
        if (mtu != null && (mtu < 0)) {
            throw new IllegalArgumentException("mtu " + mtu + " is negative");
        }
        if (txQueueLength != null && txQueueLength < 0) {
            throw new IllegalArgumentException("txqueuelen " + txQueueLength + " is negative");
        }
        if (namespace != null && namespacePid != null) {
            throw new IllegalArgumentException("a link goes to one namespace: give a namespace or a pid, not both");
        }
    }

    /** A new link of {@code kind}: {@code ip link add NAME type KIND}. */
    public static LinkRequest create(String name, LinkKind kind) {
        if (kind == null) {
            throw new IllegalArgumentException("a new link needs a type (one of " + LinkKind.supported() + ")");
        }
        return new LinkRequest(name, kind, null, null, null, null, null, null, null, null, null, null);
    }

    /** Changes to the existing link {@code name}: {@code ip link set dev NAME ...}. */
    public static LinkRequest change(String name) {
        return new LinkRequest(name, null, null, null, null, null, null, null, null, null, null, null);
    }

    public LinkRequest up() {
        return new LinkRequest(name, kind, true, mtu, address, txQueueLength, master, alias, namespace, namespacePid,
                newName, promisc);
    }

    public LinkRequest down() {
        return new LinkRequest(name, kind, false, mtu, address, txQueueLength, master, alias, namespace, namespacePid,
                newName, promisc);
    }

    public LinkRequest mtu(int value) {
        return new LinkRequest(name, kind, adminUp, value, address, txQueueLength, master, alias, namespace, namespacePid,
                newName, promisc);
    }

    public LinkRequest address(MacAddress value) {
        return new LinkRequest(name, kind, adminUp, mtu, value, txQueueLength, master, alias, namespace, namespacePid,
                newName, promisc);
    }

    public LinkRequest txQueueLength(int value) {
        return new LinkRequest(name, kind, adminUp, mtu, address, value, master, alias, namespace, namespacePid, newName,
                promisc);
    }

    /** Enslaves the link to {@code bridgeOrBond}; an empty string releases it ({@code nomaster}). */
    public LinkRequest master(String bridgeOrBond) {
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, bridgeOrBond, alias, namespace,
                namespacePid, newName, promisc);
    }

    public LinkRequest noMaster() {
        return master("");
    }

    public LinkRequest alias(String value) {
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, master, value, namespace, namespacePid,
                newName, promisc);
    }

    /** Creates the link in, or moves it to, {@code ns}. */
    public LinkRequest namespace(NamespaceRef ns) {
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, master, alias, ns, null, newName, promisc);
    }

    /** Creates the link in, or moves it to, the namespace of process {@code pid}. */
    public LinkRequest namespacePid(long pid) {
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, master, alias, null, pid, newName, promisc);
    }

    /** Renames the link: {@code ip link set dev NAME name NEW}. */
    public LinkRequest rename(String value) {
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, master, alias, namespace, namespacePid,
                value, promisc);
    }

    public LinkRequest promisc(boolean on) {
        return new LinkRequest(name, kind, adminUp, mtu, address, txQueueLength, master, alias, namespace, namespacePid,
                newName, on);
    }
}
