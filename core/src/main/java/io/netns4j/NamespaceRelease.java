package io.netns4j;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.rtnl.NetlinkSocket;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Namespaces whose names {@link NetnsRegistry#deleteAllLater} has deleted and which the kernel
 * is freeing in the background: {@link #await} waits until it has (as {@code ip netns delete}
 * of each name, then watching for their end), and says which it has not freed in time and why.
 * Await it once, from any thread; {@link #close} without awaiting stops listening. Until then a
 * netlink socket of the caller's namespace is open.
 */
public final class NamespaceRelease implements AutoCloseable {
    private final Netns home;
    private final NetlinkSocket events;
    private final Map<Integer, String> waiting;
    private final Map<Integer, NamespaceId> ids;
    private final Map<String, NetnsException> failed;
    private boolean done;

    NamespaceRelease(Netns home, NetlinkSocket events, Map<Integer, String> waiting, Map<Integer, NamespaceId> ids,
                     Map<String, NetnsException> failed) {
        this.home = home;
        this.events = events;
        this.waiting = new HashMap<>(waiting);
        this.ids = ids;
        this.failed = new LinkedHashMap<>(failed);
    }

    /**
     * The deletions that failed at once, before any wait.
     *
     * @return the names, each with why
     */
    public synchronized Map<String, NetnsException> failedAtOnce() {
        return Map.copyOf(failed);
    }

    /**
     * Waits until the kernel has freed every namespace deleted (an RTM_DELNSID for each), then
     * closes this release.
     *
     * @param timeout how long to wait in all; not null
     * @return the names that could not be deleted or were not freed in time, each with why
     *         (empty when all went)
     * @throws io.netns4j.error.OperationInterruptedException when interrupted while waiting
     * @throws IllegalStateException if awaited or closed before
     */
    public synchronized Map<String, NetnsException> await(Duration timeout) throws NetnsException {
        Objects.requireNonNull(timeout, "timeout");
        if (done) {
            throw new IllegalStateException("this release was awaited or closed already");
        }
        try {
            DeleteAll.awaitGone(home, events, waiting, timeout);
            for (var e : waiting.entrySet()) {
                failed.put(e.getValue(), TeardownWatch.notFreed(e.getValue(), ids.get(e.getKey()), timeout));
            }
            return new LinkedHashMap<>(failed);
        } finally {
            close();
        }
    }

    /** Stops listening for the namespaces' end (they are freed all the same). */
    @Override
    public synchronized void close() {
        if (!done) {
            done = true;
            events.close();
            home.close();
        }
    }
}
