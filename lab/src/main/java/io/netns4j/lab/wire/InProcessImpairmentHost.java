package io.netns4j.lab.wire;

import io.netns4j.Netns;
import io.netns4j.NamespaceId;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.model.Impairment;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hosts userspace engines in this JVM, one per (namespace, device), for as long as the JVM runs or
 * until {@link #close()}: for a lab's supervisor process, a Java program or a test. Each engine
 * gets its own handle on the namespace (opened by the path of the one given), so the caller may
 * close theirs. An impairment without a {@code seed} gets a random one, which the mark shows.
 */
public final class InProcessImpairmentHost implements ImpairmentHost, AutoCloseable {
    private record Key(NamespaceId namespace, String device) {
    }

    private record Hosted(Netns handle, UserspaceImpairment engine) {
    }

    private final Map<Key, Hosted> engines = new ConcurrentHashMap<>();
    private final SecureRandom seeds = new SecureRandom();

    /** A host with no engine yet; {@link #close()} stops the engines it started. */
    public InProcessImpairmentHost() {
    }

    @Override
    public synchronized Impairment impair(Netns node, String device, Impairment imp) throws NetnsException {
        Key key = new Key(node.id(), device);
        Hosted h = engines.get(key);
        if (h != null && h.engine().failure() == null) {
            h.engine().update(imp);
            return h.engine().impairment();
        }
        if (h != null) {
            engines.remove(key);
            closeQuietly(h);
        }
        UserspaceImpairment.remove(node, device); // what a crashed host left there
        Netns own = Netns.openPath(node.path());
        try {
            if (!own.id().equals(key.namespace())) {
                throw new NetnsException("the namespace at " + node.path() + " changed while an engine was put on it");
            }
            UserspaceImpairment engine = UserspaceImpairment.install(own, device, imp, seeds.nextLong());
            engines.put(key, new Hosted(own, engine));
            return engine.impairment();
        } catch (NetnsException | RuntimeException e) {
            own.close();
            throw e;
        }
    }

    @Override
    public synchronized boolean remove(Netns node, String device) throws NetnsException {
        Hosted h = engines.remove(new Key(node.id(), device));
        if (h == null) {
            return UserspaceImpairment.remove(node, device);
        }
        try {
            h.engine().close();
        } finally {
            h.handle().close();
        }
        return true;
    }

    /**
     * The engine this host runs on {@code device} of {@code node}, for its counters.
     *
     * @param node   the namespace
     * @param device the device
     * @return the engine, or empty
     * @throws NetnsException when the namespace cannot be identified
     */
    public Optional<UserspaceImpairment> engine(Netns node, String device) throws NetnsException {
        Hosted h = engines.get(new Key(node.id(), device));
        return h == null ? Optional.empty() : Optional.of(h.engine());
    }

    /**
     * {@return how many engines this host runs}
     */
    public int size() {
        return engines.size();
    }

    /** Removes every engine this host runs (their filters, qdiscs and taps) and closes its handles. */
    @Override
    public synchronized void close() {
        List<Hosted> all = new ArrayList<>(engines.values());
        engines.clear();
        all.forEach(InProcessImpairmentHost::closeQuietly);
    }

    private static void closeQuietly(Hosted h) {
        try {
            h.engine().close();
        } catch (NetnsException ignored) {
            // the namespace went away: nothing left to remove
        } finally {
            h.handle().close();
        }
    }
}
