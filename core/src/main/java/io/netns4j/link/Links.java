package io.netns4j.link;

import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.error.NotSupportedException;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.Ifla;
import io.netns4j.internal.netlink.route.LinkMessage;
import io.netns4j.internal.netlink.route.Rtnl;
import io.netns4j.internal.rtnl.Interfaces;
import io.netns4j.internal.rtnl.NamespaceSession;
import io.netns4j.internal.rtnl.NetlinkSocket;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.NamespaceThreads;
import io.netns4j.types.NamespaceRef;

import java.util.ArrayList;
import java.util.List;

/**
 * The links of one namespace: {@code ip -n NS link ...}. Obtain with {@link io.netns4j.Netns#links()}.
 * Each verb is one netlink request on the namespace's socket (no thread switching).
 */
public final class Links {
    private final NamespaceSession ns;

    private Links(NamespaceSession ns) {
        this.ns = ns;
    }

    /**
     * The link verbs of one namespace; reached as {@link io.netns4j.Netns#links()}.
     *
     * @param ns the namespace's session (internal)
     * @return the verbs bound to it
     */
    public static Links of(NamespaceSession ns) {
        return new Links(ns);
    }

    /**
     * All links. Equivalent to: {@code ip link show}.
     *
     * @return every link, in index order as the kernel dumps them
     * @throws NetnsException when the handle is closed or the dump fails
     */
    public List<Link> list() throws NetnsException {
        List<Link> out = new ArrayList<>();
        for (LinkMessage m : dumpMessages()) {
            out.add(LinkCodec.decode(m));
        }
        return out;
    }

    /** The raw link messages of a dump, for readers of kind-specific data. */
    List<LinkMessage> dumpMessages() throws NetnsException {
        byte[] dump = new MessageBuilder(Rtnl.RTM_GETLINK, 0).u8(0).u8(0).u16(0).u32(0).u32(0).u32(0)
                .attrU32(Ifla.IFLA_EXT_MASK, Ifla.RTEXT_FILTER_VF).build();
        List<LinkMessage> out = new ArrayList<>();
        for (NetlinkMessage m : ns.routeSocket().dump(dump)) {
            if (m.type() == Rtnl.RTM_NEWLINK) {
                out.add(LinkMessage.decode(m));
            }
        }
        return out;
    }

    /**
     * Creates a persistent tun or tap device. Equivalent to: {@code ip tuntap add dev NAME
     * mode tun|tap [user U] [group G] [pi] [vnet_hdr] [multi_queue]}. Delete it with
     * {@link #delete(String)}. A request without a name ({@link TunTapRequest#named}) gets the
     * kernel's next free name: {@code ip tuntap add mode tap}.
     *
     * @param r the device to create
     * @return the device's name
     * @throws io.netns4j.error.AlreadyExistsException when a link of that name exists
     * @throws NetnsException when {@code /dev/net/tun} cannot be used or the kernel refuses
     */
    public String addTunTap(TunTapRequest r) throws NetnsException {
        return TunTaps.create(ns, r);
    }

    /**
     * Creates a persistent tap device and keeps its descriptor open for frames. Equivalent to
     * {@code ip tuntap add dev NAME mode tap}, with the creating program then holding the device
     * ({@code IFF_TAP | IFF_NO_PI}). The device stays after {@link TapDevice#close()}; delete it
     * with {@link #delete(String)}.
     *
     * @param name the new device's name
     * @return the open device; the caller closes it
     * @throws io.netns4j.error.AlreadyExistsException when a link of that name exists
     * @throws NetnsException when {@code /dev/net/tun} cannot be used or the kernel refuses
     */
    public TapDevice openTap(String name) throws NetnsException {
        return TapDevice.open(ns, name);
    }

    /**
     * Opens a raw packet socket on an interface of this namespace, as {@code tcpdump -i DEV} does
     * to listen: {@code socket(AF_PACKET, SOCK_RAW, htons(protocol))} bound to the device.
     *
     * @param device the interface
     * @param protocol {@link PacketSocket#ETH_P_ALL} to receive everything, {@link PacketSocket#SEND_ONLY} to only send
     * @param qdiscBypass whether sent frames skip the device's qdisc and tc egress hook ({@code PACKET_QDISC_BYPASS})
     * @return the socket; the caller closes it
     * @throws io.netns4j.error.NotFoundException when there is no such device
     * @throws NetnsException when the socket cannot be made or bound
     */
    public PacketSocket openPacketSocket(String device, int protocol, boolean qdiscBypass) throws NetnsException {
        return PacketSocket.open(ns, device, protocol, qdiscBypass);
    }

    /**
     * The tun and tap devices. Equivalent to: {@code ip tuntap show}.
     *
     * @return the tun and tap devices; empty when none
     * @throws NetnsException when the handle is closed or they cannot be read
     */
    public List<TunTapDevice> tunTaps() throws NetnsException {
        return TunTaps.list(ns);
    }

    /**
     * One link by name. Equivalent to: {@code ip link show dev NAME}.
     *
     * @param name the link's name
     * @return the link
     * @throws io.netns4j.error.NotFoundException when there is no such link
     * @throws NetnsException when the handle is closed or the request fails
     */
    public Link get(String name) throws NetnsException {
        return get(Interfaces.index(ns, name));
    }

    /**
     * One link by index.
     *
     * @param index the link's ifindex, positive
     * @return the link
     * @throws io.netns4j.error.NotFoundException when there is no such link
     * @throws NetnsException when the handle is closed or the request fails
     */
    public Link get(int index) throws NetnsException {
        return LinkCodec.decode(Interfaces.byIndex(ns, index));
    }

    /**
     * Creates a link. Equivalent to: {@code ip link add NAME [up] [mtu N] [address A]
     * [master BR] [netns NS] type KIND ...}. One request: a veth is created with its peer
     * already in place, so it is never left half-made; a peer asked up
     * ({@link Veth#withPeerUp()}) is set up by a second request right after (the kernel
     * refuses it in the first), and the pair is deleted again if that fails.
     *
     * @param r the new link, made with {@link LinkRequest#create(String, LinkKind)}
     * @throws io.netns4j.error.AlreadyExistsException when a link of that name exists
     * @throws NetnsException when the kernel refuses (e.g. unknown kind, bad value)
     */
    public void add(LinkRequest r) throws NetnsException {
        if (r.kind() == null) {
            throw new IllegalArgumentException("\"" + r.name() + "\": a new link needs a type (one of "
                    + LinkKind.supported() + ")");
        }
        try {
            holding(List.of(r), () -> {
                ns.routeSocket().execute(encodeAdd(r));
                bringPeerUp(r);
                return null;
            });
        } catch (AlreadyExistsException e) {
            throw new AlreadyExistsException(e.getMessage() + " (a device named \"" + r.name() + "\""
                    + (r.kind() instanceof Veth v && v.peerName() != null
                    ? " or \"" + v.peerName() + "\"" : "") + " exists already in " + ns.describe() + ")",
                    e.errno(), e.kernelMessage());
        } catch (NotSupportedException e) {
            throw new NotSupportedException(e.getMessage() + notSupportedHint(r, e), e.errno(), e.kernelMessage());
        }
    }

    /**
     * Why the kernel said EOPNOTSUPP: it names an unknown kind ("Unknown device type"); without
     * that text the kind exists and one of the options given is not built in (a bridge's
     * vlan_filtering without CONFIG_BRIDGE_VLAN_FILTERING).
     */
    private static String notSupportedHint(LinkRequest r, NotSupportedException e) {
        String kind = r.kind().kindName();
        if (e.kernelMessage() != null && e.kernelMessage().contains("Unknown device type")) {
            return " (this kernel has no \"" + kind + "\" links: the module is missing or not loaded)";
        }
        return " (this kernel has \"" + kind + "\" links but refuses one of the options given: it was built"
                + " without it; try again without the options to find which)";
    }

    /**
     * For a veth made {@link Veth#withPeerUp()}: {@code ip -n PEERNS link set PEER up}, on
     * the peer namespace's own socket (a throw-away one opened inside when the peer is in
     * another namespace). Called while the peer namespace is held; if the kernel refuses, the
     * pair just made is deleted again, so the call is all or nothing.
     */
    private void bringPeerUp(LinkRequest r) throws NetnsException {
        if (!(r.kind() instanceof Veth v) || !v.peerUp()) {
            return;
        }
        byte[] up = LinkCodec.encodeSetByName(LinkRequest.change(v.peerName()).withUp(), name -> {
            throw new IllegalStateException("no name to resolve in a peer's up request");
        });
        try {
            if (v.peerNamespace() == null) {
                ns.routeSocket().execute(up);
            } else {
                NamespaceThreads.callIn(v.peerNamespace().fileDescriptor(), () -> {
                    try (NetlinkSocket peerSocket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, PEER_TIMEOUT_MILLIS)) {
                        peerSocket.execute(up);
                    }
                    return null;
                });
            }
        } catch (Exception e) {
            try {
                delete(r.name());
            } catch (NetnsException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof NetnsException ne) {
                throw ne;
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new NetnsException("Cannot bring veth peer \"" + v.peerName() + "\" up in "
                    + (v.peerNamespace() == null ? ns.describe() : v.peerNamespace().describe()) + ": " + e);
        }
    }

    private static final int PEER_TIMEOUT_MILLIS = 10_000;

    /** A request body run while the namespaces it names are held open. */
    @FunctionalInterface
    private interface Held<T> {
        T run() throws NetnsException;
    }

    /**
     * Runs {@code body} while every namespace whose descriptor the requests pass to the kernel
     * ({@code netns NS}, a veth peer's namespace) is held open, so that a concurrent close
     * cannot free the descriptor number while the request is built and sent.
     */
    private static <T> T holding(List<LinkRequest> requests, Held<T> body) throws NetnsException {
        List<NamespaceRef> refs = new ArrayList<>();
        for (LinkRequest r : requests) {
            if (r.namespace() != null) {
                refs.add(r.namespace());
            }
            if (r.kind() instanceof Veth v && v.peerNamespace() != null) {
                refs.add(v.peerNamespace());
            }
        }
        return holdFrom(refs, 0, body);
    }

    private static <T> T holdFrom(List<NamespaceRef> refs, int i, Held<T> body) throws NetnsException {
        if (i == refs.size()) {
            return body.run();
        }
        try {
            return refs.get(i).useDescriptor(fd -> holdFrom(refs, i + 1, body));
        } catch (NetnsException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new NetnsException("Cannot hold " + refs.get(i).describe() + ": " + e);
        }
    }

    /**
     * Creates many links with as few system calls as possible (several requests per
     * datagram). Each is still its own atomic request.
     *
     * @param requests the new links, each made with {@link LinkRequest#create(String, LinkKind)}
     * @return per request, null on success or its failure
     * @throws NetnsException when the handle is closed or the socket fails (not for one request's refusal)
     */
    public List<NetnsException> addAll(List<LinkRequest> requests) throws NetnsException {
        return holding(requests, () -> {
            List<byte[]> encoded = new ArrayList<>(requests.size());
            for (LinkRequest r : requests) {
                encoded.add(encodeAdd(r));
            }
            List<NetnsException> results = new ArrayList<>(ns.routeSocket().executeAll(encoded));
            for (int i = 0; i < requests.size(); i++) {
                if (results.get(i) == null) {
                    try {
                        bringPeerUp(requests.get(i));
                    } catch (NetnsException e) {
                        results.set(i, e);
                    }
                }
            }
            return results;
        });
    }

    private byte[] encodeAdd(LinkRequest r) throws NetnsException {
        return LinkCodec.encodeAdd(r, resolverFor(r));
    }

    /**
     * Changes a link. Equivalent to: {@code ip link set dev NAME [up|down] [mtu N] [address A]
     * [name NEW] [alias TEXT] [master BR|nomaster] [netns NS|PID] [txqueuelen N] [promisc on|off]
     * [type KIND OPTIONS | type bridge_slave OPTIONS]}: a kind's options change with
     * {@link LinkRequest#withKindOptions}, a bridge port's with {@link LinkRequest#withBridgePort}.
     *
     * @param r the changes, made with {@link LinkRequest#change(String)}
     * @throws io.netns4j.error.NotFoundException when there is no such link (or no such master)
     * @throws NetnsException when the kernel refuses a change
     */
    public void set(LinkRequest r) throws NetnsException {
        if (r.kind() instanceof Veth) {
            throw new IllegalArgumentException("\"link set\" cannot change a link's type, and a veth has no options"
                    + " to change once made: delete " + r.name() + " and add it again");
        }
        holding(List.of(r), () -> {
            setHeld(r);
            return null;
        });
    }

    private void setHeld(LinkRequest r) throws NetnsException {
        if (r.newName() == null) {
            // the kernel finds the link by IFLA_IFNAME: one round trip instead of two. The master is
            // looked up first, so that its absence is not reported as the link's
            byte[] request = LinkCodec.encodeSetByName(r, resolverFor(r));
            try {
                ns.routeSocket().execute(request);
            } catch (NotFoundException e) {
                throw new NotFoundException("Device \"" + r.name() + "\" does not exist in " + ns.describe() + ".",
                        Errno.ENODEV, e.kernelMessage());
            }
            return;
        }
        ns.routeSocket().execute(LinkCodec.encodeSet(r, resolverFor(r)));
    }

    /** Names the master as the master when it is the device that is missing ({@code master nosuch}). */
    private LinkResolver resolverFor(LinkRequest r) {
        return name -> {
            try {
                return Interfaces.index(ns, name);
            } catch (NotFoundException e) {
                if (!name.equals(r.master())) {
                    throw e;
                }
                throw new NotFoundException("Master device \"" + name + "\" does not exist in " + ns.describe()
                        + "; nothing was changed.", Errno.ENODEV, e.kernelMessage());
            }
        };
    }

    /**
     * Deletes a link (a veth takes its peer along). Equivalent to: {@code ip link del NAME}.
     *
     * @param name the link's name
     * @throws io.netns4j.error.NotFoundException when there is no such link
     * @throws NetnsException when the kernel refuses
     */
    public void delete(String name) throws NetnsException {
        int index = Interfaces.index(ns, name);
        try {
            ns.routeSocket().execute(LinkMessage.request(index, List.of()).encode(Rtnl.RTM_DELLINK, 0));
        } catch (NotFoundException e) {
            throw new NotFoundException("Device \"" + name + "\" does not exist in " + ns.describe() + ".",
                    Errno.ENODEV, e.kernelMessage());
        }
    }

    /**
     * One RTM_NEWLINK or RTM_DELLINK message, as a notification or a dump carries it, read as
     * a link: what {@code ip monitor link} prints.
     *
     * @param message the whole netlink message, header included
     * @return the link
     * @throws io.netns4j.error.MalformedMessageException when the message is not one well-formed link message
     */
    public static Link decode(byte[] message) throws io.netns4j.error.MalformedMessageException {
        java.util.List<NetlinkMessage> all = NetlinkMessage.parseAll(message, message.length);
        if (all.size() != 1) {
            throw new io.netns4j.error.MalformedMessageException("one netlink message expected, got " + all.size());
        }
        NetlinkMessage m = all.getFirst();
        if (m.type() != Rtnl.RTM_NEWLINK && m.type() != Rtnl.RTM_DELLINK) {
            throw new io.netns4j.error.MalformedMessageException("not a link message: type " + m.type());
        }
        return LinkCodec.decode(LinkMessage.decode(m));
    }
}
