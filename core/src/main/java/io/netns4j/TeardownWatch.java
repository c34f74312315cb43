package io.netns4j;

import io.netns4j.error.BusyException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.LinkMessage;
import io.netns4j.internal.netlink.route.NsidMessage;
import io.netns4j.internal.netlink.route.Rtnl;
import io.netns4j.internal.rtnl.NetlinkSocket;
import io.netns4j.internal.sys.Errno;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches for a deleted namespace to be torn down by the kernel. Two signals, both taken
 * while the namespace is still alive:
 * <ul>
 *   <li>RTM_DELNSID in the caller's namespace for the id it has for the target (assigned
 *       here if missing): the kernel sends it when it unhashes the dying namespace;</li>
 *   <li>the links in other namespaces (the caller's and every named one) whose peer lives
 *       in the target, such as the host side of a veth: they linger until the kernel's
 *       cleanup work deletes them, and re-creating them fails with "File exists" until
 *       then. They are polled by index until gone.</li>
 * </ul>
 */
final class TeardownWatch implements AutoCloseable {
    private static final int POLL_MILLIS = 10;

    /** A link in {@code owner} whose peer is in the namespace being deleted. */
    private record PeerLink(Netns owner, int index) {
    }

    private final Netns home;
    private final NetlinkSocket events;
    private final NamespaceId id;
    private final int nsid;
    private final List<PeerLink> peerLinks;
    private final List<Netns> owners;

    private TeardownWatch(Netns home, NetlinkSocket events, NamespaceId id, int nsid, List<PeerLink> peerLinks,
                          List<Netns> owners) {
        this.home = home;
        this.events = events;
        this.id = id;
        this.nsid = nsid;
        this.peerLinks = peerLinks;
        this.owners = owners;
    }

    /** Subscribes and records what to wait for, while {@code target} is still alive. */
    static TeardownWatch start(NetnsRegistry registry, String targetName, Netns target) throws NetnsException {
        Netns home = Netns.current();
        NetlinkSocket events = null;
        List<Netns> owners = new ArrayList<>();
        try {
            events = home.openSocket(Netlink.NETLINK_ROUTE, POLL_MILLIS);
            events.subscribe(Rtnl.RTNLGRP_NSID);
            var known = home.peers().idOf(target);
            int nsid = known.isPresent() ? known.getAsInt() : home.peers().assign(target);
            List<PeerLink> peers = new ArrayList<>(peersIn(home, target));
            for (String name : registry.names()) {
                if (name.equals(targetName)) {
                    continue;
                }
                Netns other;
                try {
                    other = registry.open(name);
                } catch (NetnsException e) {
                    continue; // deleted meanwhile, or not ready: it holds no link of ours
                }
                List<PeerLink> found;
                try {
                    found = other.id().equals(target.id()) ? List.of() : peersIn(other, target);
                } catch (NetnsException | RuntimeException e) {
                    other.close();
                    throw e;
                }
                if (found.isEmpty()) {
                    other.close();
                } else {
                    owners.add(other);
                    peers.addAll(found);
                }
            }
            return new TeardownWatch(home, events, target.id(), nsid, peers, owners);
        } catch (NetnsException | RuntimeException e) {
            owners.forEach(Netns::close);
            if (events != null) {
                events.close();
            }
            home.close();
            throw e;
        }
    }

    /**
     * The links in {@code owner} whose peer is in {@code target}. The link dump comes first:
     * reporting a peer makes the kernel assign {@code owner} an id for the peer's namespace.
     */
    private static List<PeerLink> peersIn(Netns owner, Netns target) throws NetnsException {
        byte[] dump = LinkMessage.request(0, List.of()).encode(Rtnl.RTM_GETLINK, 0);
        List<LinkMessage> links = new ArrayList<>();
        for (NetlinkMessage m : owner.routeSocket().dump(dump)) {
            links.add(LinkMessage.decode(m));
        }
        var peerId = owner.peers().idOf(target);
        if (peerId.isEmpty()) {
            return List.of();
        }
        List<PeerLink> out = new ArrayList<>();
        for (LinkMessage link : links) {
            if (link.linkNetnsid() == peerId.getAsInt()) {
                out.add(new PeerLink(owner, link.index()));
            }
        }
        return out;
    }

    /** Blocks until the namespace and its peer links are gone, or {@code timeout} passes. */
    void await(String name, Duration timeout) throws NetnsException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean unhashed = false;
        while (!unhashed) {
            Waits.checkInterrupt("network namespace \"" + name + "\" to be freed");
            if (System.nanoTime() > deadline) {
                throw notFreed(name, id, timeout);
            }
            try {
                for (NetlinkMessage m : events.receiveNotifications()) {
                    if (m.type() == Rtnl.RTM_DELNSID) {
                        Integer gone = NsidMessage.decode(m).nsid();
                        unhashed |= gone != null && gone == nsid;
                    }
                }
            } catch (BusyException e) {
                if (e.errno() != Errno.ENOBUFS) {
                    throw e;
                }
                unhashed = home.peers().lookup(nsid).isEmpty(); // notifications lost: ask directly
            }
        }
        while (!peerLinks.isEmpty()) {
            peerLinks.removeIf(p -> !linkExists(p));
            if (peerLinks.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BusyException("Network namespace \"" + name + "\" is gone, but " + peerLinks.size()
                        + " of its links' peers still exist after " + timeout.toMillis() + " ms", Errno.EBUSY, null);
            }
            Waits.pause(POLL_MILLIS);
        }
    }

    private static boolean linkExists(PeerLink p) {
        try {
            p.owner().routeSocket().request(LinkMessage.request(p.index(), List.of()).encode(Rtnl.RTM_GETLINK, 0));
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (NetnsException e) {
            return true; // cannot tell: keep waiting until the deadline
        }
    }

    /** Namespace {@code name} (id {@code id}) deleted but not freed in time: who still holds it. */
    static BusyException notFreed(String name, NamespaceId id, Duration timeout) throws NetnsException {
        List<Long> pids = ProcWalk.pidsIn(id);
        List<String> here = Holders.of(id);
        String holder = pids.isEmpty() && here.isEmpty()
                ? "something still holds it (an open file descriptor, a socket, or a mount in another mount namespace)"
                : (pids.isEmpty() ? "" : "process(es) " + pids + " still run inside it")
                + (pids.isEmpty() || here.isEmpty() ? "" : "; ")
                + (here.isEmpty() ? "" : "this JVM (pid " + ProcessHandle.current().pid() + ") still holds it: "
                + String.join(", ", here));
        return new BusyException("Network namespace \"" + name + "\" was deleted, but the kernel has not freed it after "
                + timeout.toMillis() + " ms: " + holder, Errno.EBUSY, null);
    }

    @Override
    public void close() {
        owners.forEach(Netns::close);
        events.close();
        home.close();
    }
}
