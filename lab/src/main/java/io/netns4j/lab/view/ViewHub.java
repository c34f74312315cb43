package io.netns4j.lab.view;

import io.netns4j.NetnsEvent;
import io.netns4j.NetnsMonitor;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.lab.Lab;
import io.netns4j.lab.model.LabSummary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The labs a {@code lab serve} shows and the clients that watch them: loads each lab into a
 * {@link LabWatch}, follows the run directory ({@code ip netns monitor}) so that a lab going
 * down releases its namespaces at once and a lab coming up is read, runs the debounced
 * re-reads the nodes ask for, reads the counters every second while a page is open, and hands
 * every {@link ViewEvent} to every client.
 */
public final class ViewHub implements AutoCloseable {
    private static final int CLIENT_QUEUE = 10_000;
    private static final Duration SAMPLE = Duration.ofSeconds(1);

    /** One open event stream: what it has yet to send. */
    static final class Client {
        final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>(CLIENT_QUEUE);
        volatile boolean dropped;
    }

    private final NetnsRegistry registry;
    private final Lab.Options options;
    private final List<String> wanted;
    private final Map<String, LabWatch> labs = new ConcurrentHashMap<>();
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().daemon().name("view-scheduler-", 0).factory());
    private final java.util.Set<String> added = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final NetnsMonitor monitor;
    private final Thread monitorThread;
    private volatile boolean closed;

    private ViewHub(NetnsRegistry registry, Lab.Options options, List<String> wanted) throws NetnsException {
        this.registry = registry;
        this.options = options;
        this.wanted = List.copyOf(wanted);
        this.monitor = registry.monitor();
        this.monitorThread = Thread.ofPlatform().daemon().name("view-netns-monitor").unstarted(this::followRunDirectory);
    }

    /**
     * Loads labs {@code names} (every lab on the machine when empty, and labs that come up later)
     * and starts following them.
     *
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @param options the lab directory, progress lines and other settings
     * @param names the labs to show; empty for all
     * @return the hub, following the labs until it is closed
     * @throws NotFoundException a named lab is not on the machine
     */
    public static ViewHub start(NetnsRegistry registry, Lab.Options options, List<String> names) throws NetnsException {
        List<String> found = Lab.list(registry).stream().map(LabSummary::name).toList();
        for (String n : names) {
            if (!found.contains(n)) {
                throw new NotFoundException("No lab \"" + n + "\" on this machine: no namespace carries its mark (\"netns4j"
                        + " lab list\" shows the labs" + (found.isEmpty() ? "; there are none" : ": " + String.join(", ", found))
                        + ")", 2, null);
            }
        }
        ViewHub hub = new ViewHub(registry, options, names);
        try {
            for (String n : names.isEmpty() ? found : names) {
                hub.add(n);
            }
        } catch (NetnsException | RuntimeException e) {
            hub.close();
            throw e;
        }
        hub.monitorThread.start();
        hub.scheduler.scheduleWithFixedDelay(hub::tick, SAMPLE.toMillis(), SAMPLE.toMillis(), TimeUnit.MILLISECONDS);
        return hub;
    }

    private void add(String lab) throws NetnsException {
        LabWatch w = new LabWatch(lab, registry, options, this::publish, this::later);
        w.load();
        labs.put(lab, w);
        Thread.ofVirtual().name("netns4j-view-services-" + lab).start(w::followServices);
        w.event("lab", "watching lab " + lab);
    }

    /**
     * {@return the labs shown, by name}
     */
    public List<String> labs() {
        return labs.keySet().stream().sorted().toList();
    }

    Optional<LabWatch> lab(String name) {
        return Optional.ofNullable(labs.get(name));
    }

    NetnsRegistry registry() {
        return registry;
    }

    Lab.Options options() {
        return options;
    }

    /**
     * {@return every lab's picture ({@code GET /api/state})}
     */
    public List<Map<String, Object>> snapshots() {
        List<Map<String, Object>> out = new ArrayList<>();
        labs().forEach(n -> out.add(labs.get(n).snapshot()));
        return out;
    }

    /** A new client, primed with each lab's picture. */
    Client subscribe() {
        Client c = new Client();
        for (Map<String, Object> s : snapshots()) {
            c.queue.offer(new ViewEvent("snapshot", s).sse(ids.incrementAndGet()));
        }
        clients.add(c);
        return c;
    }

    void unsubscribe(Client c) {
        clients.remove(c);
    }

    int clientCount() {
        return clients.size();
    }

    private void publish(ViewEvent e) {
        String text = e.sse(ids.incrementAndGet());
        for (Client c : clients) {
            if (!c.queue.offer(text)) { // a page that reads nothing any more: drop it rather than grow
                c.dropped = true;
                clients.remove(c);
            }
        }
    }

    /** Runs {@code task} 50 ms from now unless one with the same key is already waiting. */
    private void later(String key, Runnable task) {
        schedule(key, task, 50, false);
    }

    private void schedule(String key, Runnable task, long millis, boolean trailing) {
        if (closed) {
            return;
        }
        pending.compute(key, (k, f) -> {
            if (f != null && !f.isDone()) {
                if (!trailing) {
                    return f;
                }
                f.cancel(false);
            }
            return scheduler.schedule(() -> {
                pending.remove(k);
                task.run();
            }, millis, TimeUnit.MILLISECONDS);
        });
    }

    /** Each second, while a page is open: counters (rates need two readings; the kernel sends none). */
    private void tick() {
        try {
            for (LabWatch w : labs.values()) {
                if (!clients.isEmpty()) {
                    w.sample();
                }
            }
        } catch (RuntimeException e) {
            System.err.println("netns4j lab serve: " + e);
        }
    }

    private void followRunDirectory() {
        while (!closed) {
            try {
                for (Optional<NetnsEvent> e = monitor.next(Duration.ofSeconds(1)); e.isPresent();
                     e = monitor.next(Duration.ZERO)) {
                    namespaceEvent(e.get());
                }
            } catch (NetnsException | RuntimeException e) {
                if (!closed) {
                    System.err.println("netns4j lab serve: watching " + registry.directory() + ": " + e.getMessage());
                }
                return;
            }
        }
    }

    private void namespaceEvent(NetnsEvent e) {
        if (e.kind() == NetnsEvent.Kind.DELETE) {
            for (LabWatch w : labs.values()) {
                if (w.has(e.name())) {
                    w.namespaceGone(e.name());
                    if (w.isEmpty()) {
                        w.event("lab", "lab " + w.name + " is down");
                    }
                }
            }
            return;
        }
        added.add(e.name());
        schedule("rescan", this::rescan, 300, true); // after the last name of a "lab up"
    }

    /** Namespaces were added: read labs that changed, and, when serving every lab, new ones. */
    private void rescan() {
        try {
            List<String> names = List.copyOf(added);
            added.removeAll(names);
            List<String> found = Lab.list(registry).stream().map(LabSummary::name).toList();
            for (String n : found) {
                LabWatch w = labs.get(n);
                if (w != null) {
                    if (names.stream().anyMatch(a -> a.startsWith(n + "-") && !w.has(a))) {
                        w.reload();
                    }
                } else if (wanted.isEmpty()) {
                    add(n);
                    publish(new ViewEvent("snapshot", labs.get(n).snapshot()));
                }
            }
        } catch (NetnsException | RuntimeException e) {
            System.err.println("netns4j lab serve: reading the labs: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        monitor.close();
        labs.values().forEach(LabWatch::close);
        for (Client c : clients) {
            c.dropped = true;
        }
        clients.clear();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            if (monitorThread.isAlive()) {
                monitorThread.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
