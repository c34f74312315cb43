package io.netns4j;

import io.netns4j.error.NamespaceNotReadyException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.netlink.route.NsidMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The ids one namespace gives others (nsids), from {@link Netns#peers()}: what {@code ip -n NS
 * netns set PEER N|auto} assigns and {@code ip -n NS netns list-id} lists. The kernel reports a
 * veth peer's namespace by such an id ({@code link-netnsid}); {@link #listNamed(NetnsRegistry)}
 * adds the names.
 */
public final class NamespacePeers {
    private final Netns ns;

    NamespacePeers(Netns ns) {
        this.ns = ns;
    }

    /**
     * The id this namespace has assigned to {@code peer}, if any. Equivalent to the
     * {@code (id: N)} that {@code ip -n THIS netns list} shows next to the peer.
     *
     * @param peer the other namespace, open
     * @return the id, or empty when none is assigned
     * @throws NetnsException when either handle is closed or the kernel refuses the request
     */
    public OptionalInt idOf(Netns peer) throws NetnsException {
        return PeerIdRequests.peerId(ns, peer);
    }

    /**
     * Lets the kernel pick an id for {@code peer} here and returns it: {@code ip -n THIS netns set PEER auto}.
     *
     * @param peer the other namespace, open
     * @return the id the kernel picked
     * @throws io.netns4j.error.AlreadyExistsException when {@code peer} already has an id here
     * @throws NetnsException when either handle is closed or the kernel refuses the request
     */
    public int assign(Netns peer) throws NetnsException {
        return PeerIdRequests.assignPeerId(ns, peer, NsidMessage.NOT_ASSIGNED);
    }

    /**
     * Assigns {@code peer} the id {@code nsid} (0 or more) here: {@code ip -n THIS netns set PEER N}.
     *
     * @param peer the other namespace, open
     * @param nsid the id to assign, 0 or more
     * @return the id now assigned
     * @throws IllegalArgumentException when {@code nsid} is negative
     * @throws io.netns4j.error.AlreadyExistsException when the id or the peer already has another assignment
     * @throws NetnsException when either handle is closed or the kernel refuses the request
     */
    public int assign(Netns peer, int nsid) throws NetnsException {
        if (nsid < 0) {
            throw new IllegalArgumentException("Invalid nsid " + nsid + " (0 or more; assign(peer) picks one)");
        }
        return PeerIdRequests.assignPeerId(ns, peer, nsid);
    }

    /**
     * The ids this namespace has assigned. Equivalent to {@code ip -n THIS netns list-id}.
     * Names are not filled in; {@link #listNamed(NetnsRegistry)} adds them.
     *
     * @return the assigned ids, in the kernel's order; empty when none
     * @throws NetnsException when the handle is closed or the kernel refuses the dump
     */
    public List<PeerId> list() throws NetnsException {
        return PeerIdRequests.peerIds(ns, null);
    }

    /**
     * The ids that another namespace, known here as {@code targetNsid}, has assigned, each
     * with {@code currentNsid} set to this namespace's id for the same peer. Equivalent to
     * {@code ip -n THIS netns list-id target-nsid T}. Names are not filled in.
     *
     * @param targetNsid the id (here) of the namespace whose ids to list, 0 or more
     * @return the assigned ids, in the kernel's order; empty when none
     * @throws IllegalArgumentException when {@code targetNsid} is negative
     * @throws NetnsException when the handle is closed or the kernel refuses the dump (e.g. no
     *         namespace has that id here)
     */
    public List<PeerId> list(int targetNsid) throws NetnsException {
        return PeerIdRequests.peerIds(ns, checkNsid("targetNsid", targetNsid));
    }

    /**
     * Looks up one id: the peer known here as {@code nsid}. Equivalent to
     * {@code ip -n THIS netns list-id nsid N}.
     *
     * @param nsid the id to look up, 0 or more
     * @return the entry, or empty when no peer has that id
     * @throws IllegalArgumentException when {@code nsid} is negative
     * @throws NetnsException when the handle is closed or the kernel refuses the request
     */
    public Optional<PeerId> lookup(int nsid) throws NetnsException {
        return PeerIdRequests.peerIdLookup(ns, checkNsid("nsid", nsid), null);
    }

    /**
     * Looks up one id in another namespace: the peer that the namespace known here as
     * {@code targetNsid} knows as {@code nsid}. Equivalent to
     * {@code ip -n THIS netns list-id target-nsid T nsid N}.
     *
     * @param nsid the id to look up (in the target), 0 or more
     * @param targetNsid the id (here) of the namespace to look in, 0 or more
     * @return the entry, or empty when no peer has that id
     * @throws IllegalArgumentException when an id is negative
     * @throws NetnsException when the handle is closed or the kernel refuses the request
     */
    public Optional<PeerId> lookup(int nsid, int targetNsid) throws NetnsException {
        return PeerIdRequests.peerIdLookup(ns, checkNsid("nsid", nsid), checkNsid("targetNsid", targetNsid));
    }

    private static int checkNsid(String what, int nsid) {
        if (nsid < 0) {
            throw new IllegalArgumentException("Invalid " + what + " " + nsid + " (an nsid is 0 or more)");
        }
        return nsid;
    }

    /**
     * The ids this namespace has assigned, with their names: {@code ip -n THIS netns list-id}.
     *
     * @param registry the registry whose names to use
     * @return the assigned ids, each with its name here when it has one
     * @throws NetnsException when the viewer is closed or the kernel refuses the dump
     */
    public List<PeerId> listNamed(NetnsRegistry registry) throws NetnsException {
        return named(registry, null, null);
    }

    /**
     * The ids the namespace this one calls {@code targetNsid} has assigned, with the names this
     * registry knows them by: {@code ip -n THIS netns list-id target-nsid T}.
     *
     * @param registry the registry whose names to use
     * @param targetNsid the id (in this namespace) of the namespace to list, 0 or more
     * @return the assigned ids, each with its name here when it has one
     * @throws IllegalArgumentException when {@code targetNsid} is negative
     * @throws NetnsException when the viewer is closed or the kernel refuses the dump
     */
    public List<PeerId> listNamed(NetnsRegistry registry, int targetNsid) throws NetnsException {
        return named(registry, checkNsid("targetNsid", targetNsid), null);
    }

    /**
     * The id this namespace has given {@code nsid}, with its name: {@code ip -n THIS netns list-id nsid N}.
     *
     * @param registry the registry whose names to use
     * @param nsid the id, 0 or more
     * @return the entry, or empty when no peer has that id
     * @throws IllegalArgumentException when {@code nsid} is negative
     * @throws NetnsException when the viewer is closed or the kernel refuses the request
     */
    public Optional<PeerId> lookupNamed(NetnsRegistry registry, int nsid) throws NetnsException {
        return named(registry, null, checkNsid("nsid", nsid)).stream().findFirst();
    }

    /**
     * The same lookup in the namespace this one calls {@code targetNsid}: {@code ip -n THIS
     * netns list-id target-nsid T nsid N}.
     *
     * @param registry the registry whose names to use
     * @param nsid the id, 0 or more
     * @param targetNsid the id (in this namespace) of the namespace to look in, 0 or more
     * @return the entry, or empty when no peer has that id
     * @throws IllegalArgumentException when an id is negative
     * @throws NetnsException when the viewer is closed or the kernel refuses the request
     */
    public Optional<PeerId> lookupNamed(NetnsRegistry registry, int nsid, int targetNsid) throws NetnsException {
        return named(registry, checkNsid("targetNsid", targetNsid), checkNsid("nsid", nsid)).stream().findFirst();
    }

    /** {@code ip netns list-id [target-nsid T] [nsid N]}; null leaves an option out. */
    private List<PeerId> named(NetnsRegistry registry, Integer targetNsid, Integer nsid) throws NetnsException {
        List<PeerId> raw;
        if (nsid != null) {
            raw = PeerIdRequests.peerIdLookup(ns, nsid, targetNsid).map(List::of).orElse(List.of());
        } else {
            raw = PeerIdRequests.peerIds(ns, targetNsid); // null: no target-nsid
        }
        Map<Integer, String> names = namesById(registry);
        List<PeerId> out = new ArrayList<>(raw.size());
        for (PeerId p : raw) {
            int key = p.currentNsid() != null ? p.currentNsid() : p.nsid();
            out.add(new PeerId(p.nsid(), p.currentNsid(), key < 0 ? null : names.get(key)));
        }
        return out;
    }

    /**
     * For each named namespace that this namespace has an id for: id to name.
     *
     * @param registry the registry whose names to use
     * @return id to name, for the names here that this namespace has an id for
     * @throws NetnsException when the viewer is closed or the kernel refuses the dump
     */
    public Map<Integer, String> namesById(NetnsRegistry registry) throws NetnsException {
        Map<Integer, String> out = new HashMap<>();
        for (String n : registry.names()) {
            idOf(registry, n).ifPresent(id -> out.putIfAbsent(id, n));
        }
        return out;
    }

    /**
     * The id this namespace has for the named namespace; empty when none or not ready.
     *
     * @param registry the registry whose names to use
     * @param name the namespace's name (a single path component, as {@code ip netns} accepts)
     * @return the id, or empty when none is assigned or the name is absent or not ready
     * @throws NetnsException when the viewer is closed or the kernel refuses the request
     */
    public OptionalInt idOf(NetnsRegistry registry, String name) throws NetnsException {
        try (Netns peer = registry.open(name)) {
            return idOf(peer);
        } catch (NotFoundException | NamespaceNotReadyException | IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }
}
