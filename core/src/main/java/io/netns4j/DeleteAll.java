package io.netns4j;

import io.netns4j.error.BusyException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.NsidMessage;
import io.netns4j.internal.netlink.route.Rtnl;
import io.netns4j.internal.rtnl.NetlinkSocket;
import io.netns4j.internal.sys.Errno;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link NetnsRegistry#deleteAll} and {@link NetnsRegistry#deleteAllLater}: delete several
 * names, then wait once for all (moved out to keep the registry short).
 */
final class DeleteAll {
    private DeleteAll() {
    }

    static Map<String, NetnsException> run(NetnsRegistry registry, List<String> names, Duration timeout)
            throws NetnsException {
        try (NamespaceRelease release = start(registry, names)) {
            return release.await(timeout);
        }
    }

    /** Gives each namespace an id here (to hear of its end), deletes the names, and returns what to wait for. */
    static NamespaceRelease start(NetnsRegistry registry, List<String> names) throws NetnsException {
        Map<String, NetnsException> failed = new java.util.LinkedHashMap<>();
        Map<Integer, String> waiting = new HashMap<>();
        Map<Integer, NamespaceId> ids = new HashMap<>();
        Netns home = Netns.current();
        NetlinkSocket events = null;
        try {
            events = home.openSocket(Netlink.NETLINK_ROUTE, 10);
            events.subscribe(Rtnl.RTNLGRP_NSID);
            Map<String, Integer> assigned = new java.util.LinkedHashMap<>();
            for (String name : names) {
                try (Netns target = registry.open(name)) {
                    var known = home.peers().idOf(target);
                    int nsid = known.isPresent() ? known.getAsInt() : home.peers().assign(target);
                    ids.put(nsid, target.id());
                    assigned.put(name, nsid);
                } catch (NotFoundException e) {
                    // already gone
                } catch (NetnsException e) {
                    failed.put(name, e);
                }
            }
            // a notification still queued from before (an id freed and just given out again) must not count
            while (!events.receiveNotifications().isEmpty()) {
                // drained
            }
            for (var e : assigned.entrySet()) {
                try {
                    registry.delete(e.getKey());
                    waiting.put(e.getValue(), e.getKey());
                } catch (NotFoundException gone) {
                    // deleted meanwhile by someone else
                } catch (NetnsException ex) {
                    failed.put(e.getKey(), ex);
                }
            }
            return new NamespaceRelease(home, events, waiting, ids, failed);
        } catch (NetnsException | RuntimeException e) {
            if (events != null) {
                events.close();
            }
            home.close();
            throw e;
        }
    }

    /** Waits until each nsid in {@code waiting} is gone (removing it), or the deadline. */
    static void awaitGone(Netns home, NetlinkSocket events, Map<Integer, String> waiting, Duration timeout)
            throws NetnsException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            Waits.checkInterrupt("namespaces " + waiting.values() + " to be freed");
            try {
                for (NetlinkMessage m : events.receiveNotifications()) {
                    if (m.type() == Rtnl.RTM_DELNSID) {
                        Integer gone = NsidMessage.decode(m).nsid();
                        if (gone != null) {
                            waiting.remove(gone);
                        }
                    }
                }
            } catch (BusyException e) {
                if (e.errno() != Errno.ENOBUFS) {
                    throw e;
                }
                waiting.keySet().removeIf(nsid -> lookupGone(home, nsid)); // notifications lost: ask
            }
        }
    }

    static boolean lookupGone(Netns home, int nsid) {
        try {
            return home.peers().lookup(nsid).isEmpty();
        } catch (NetnsException e) {
            return false;
        }
    }
}
