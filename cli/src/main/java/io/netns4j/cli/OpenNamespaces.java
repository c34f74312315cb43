package io.netns4j.cli;

import io.netns4j.NamespaceId;
import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The namespaces a batch has opened, kept open from line to line so that many lines with
 * {@code -n NAME} reuse one handle and one netlink socket. Before each reuse the name's file
 * is checked to still hold the same namespace (a later line may have deleted and re-added
 * it); a stale handle is closed and the name opened again.
 */
final class OpenNamespaces implements AutoCloseable {
    private final NetnsRegistry registry;
    /** At most this many handles stay open (two descriptors each); the least recently used goes. */
    private static final int LIMIT = 128;
    private final Map<String, Netns> open = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Netns> eldest) {
            if (size() > LIMIT) {
                eldest.getValue().close();
                ids.remove(eldest.getKey());
                return true;
            }
            return false;
        }
    };
    private final Map<String, NamespaceId> ids = new HashMap<>();

    OpenNamespaces(NetnsRegistry registry) {
        this.registry = registry;
    }

    Netns get(String name) throws NetnsException {
        Netns cached = open.get(name);
        if (cached != null) {
            if (ids.get(name).equals(idOnDisk(name))) {
                return cached;
            }
            cached.close();
            open.remove(name);
        }
        Netns ns = registry.open(name);
        open.put(name, ns);
        ids.put(name, ns.id());
        return ns;
    }

    private NamespaceId idOnDisk(String name) {
        try {
            Path p = registry.directory().resolve(name);
            return new NamespaceId((Long) Files.getAttribute(p, "unix:dev"), (Long) Files.getAttribute(p, "unix:ino"));
        } catch (IOException | RuntimeException e) {
            return null; // gone: reopening reports it properly
        }
    }

    /** Keeps a handle a line has just made (netns add) for later lines. */
    void keep(String name, Netns ns) throws NetnsException {
        release(name);
        open.put(name, ns);
        ids.put(name, ns.id());
    }

    /** Closes the handle on {@code name}, if one is open: it is about to be deleted. */
    void release(String name) {
        Netns ns = open.remove(name);
        if (ns != null) {
            ns.close();
        }
        ids.remove(name);
    }

    @Override
    public void close() {
        open.values().forEach(Netns::close);
        open.clear();
    }
}
