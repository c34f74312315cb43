package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.NetworkMonitor.NsidEvent;
import io.netns4j.error.NetnsException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names {@code ip monitor nsid} puts after an id, kept as ip 6.1 keeps them (ipnetns.c's
 * nsid cache): the named namespaces that have an id at the start; an event's id (its
 * current-nsid when sent) found there is named and dropped from the cache; a new id not found
 * is looked up among the names now and kept; a link's link-netns name comes from the same
 * cache ({@link #nameOf}). So a {@code Deleted nsid N} is named when the
 * monitor saw the id before, though the name has gone by then.
 */
final class NsidNames {
    private final Netns viewer;
    private final NetnsRegistry registry;
    private final Map<Integer, String> cache = new HashMap<>();

    /**
     * The cache at the start: {@code ip monitor}'s netns_map_init.
     *
     * @param viewer   the namespace the ids belong to
     * @param registry the names
     * @throws NetnsException when the ids cannot be read
     */
    NsidNames(Netns viewer, NetnsRegistry registry) throws NetnsException {
        this.viewer = viewer;
        this.registry = registry;
        cache.putAll(viewer.peers().namesById(registry));
    }

    /** The name to print for {@code e}, or null; updates the cache as ip does. */
    String nameFor(NsidEvent e) throws NetnsException {
        int key = e.currentNsid() != null ? e.currentNsid() : e.nsid();
        String cached = cache.remove(key);
        if (cached != null || e.deleted() || e.nsid() < 0) {
            return cached;
        }
        String now = viewer.peers().namesById(registry).get(e.nsid());
        if (now != null) {
            cache.put(e.nsid(), now);
        }
        return now;
    }

    /**
     * The name for a link's link-netnsid, as ip's get_name_from_nsid: from the cache, else
     * looked up among the names now and kept.
     */
    String nameOf(int nsid) throws NetnsException {
        if (nsid < 0) {
            return null;
        }
        String cached = cache.get(nsid);
        if (cached != null) {
            return cached;
        }
        String now = viewer.peers().namesById(registry).get(nsid);
        if (now != null) {
            cache.put(nsid, now);
        }
        return now;
    }

    /** ip's print_nsid, text: {@code [Deleted ]nsid N [current-nsid M ][(iproute2 netns name: X)]}. */
    static String text(NsidEvent e, String name) {
        StringBuilder sb = new StringBuilder(e.deleted() ? "Deleted " : "");
        sb.append(e.nsid() < 0 ? "nsid unassigned " : "nsid " + e.nsid() + " ");
        if (e.currentNsid() != null) {
            sb.append(e.currentNsid() < 0 ? "current-nsid unassigned " : "current-nsid " + e.currentNsid() + " ");
        }
        if (name != null) {
            sb.append("(iproute2 netns name: ").append(name).append(')');
        }
        return sb.append('\n').toString();
    }

    /** ip's print_nsid, JSON keys: deleted, nsid, current-nsid (unassigned ones left out, as ip does), name. */
    static Map<String, Object> json(NsidEvent e, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e.nsid() >= 0) {
            m.put("nsid", e.nsid());
        }
        if (e.currentNsid() != null && e.currentNsid() >= 0) {
            m.put("current-nsid", e.currentNsid());
        }
        if (name != null) {
            m.put("name", name);
        }
        return m;
    }
}
