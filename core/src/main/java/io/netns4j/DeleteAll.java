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

/** {@link NetnsRegistry#deleteAll}: delete several names, then wait once for all (moved out to keep the registry short). */
final class DeleteAll {
    private DeleteAll() {
    }

    static Map<String, NetnsException> run(NetnsRegistry registry, List<String> names, Duration timeout)
            throws NetnsException {
        Map<String, NetnsException> failed = new java.util.LinkedHashMap<>();
        Map<Integer, String> waiting = new HashMap<>();
        Map<Integer, NamespaceId> ids = new HashMap<>();
        try (Netns home = Netns.current();
             NetlinkSocket events = home.openSocket(Netlink.NETLINK_ROUTE, 10)) {
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
            for (var e : waiting.entrySet()) {
                failed.put(e.getValue(), TeardownWatch.notFreed(e.getValue(), ids.get(e.getKey()), timeout));
            }
        }
        return failed;
    }

    private static boolean lookupGone(Netns home, int nsid) {
        try {
            return home.peers().lookup(nsid).isEmpty();
        } catch (NetnsException e) {
            return false;
        }
    }
}
