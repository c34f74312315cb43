package io.netns4j.lab.service;

import io.netns4j.Netns;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.model.ServiceStatus;
import io.netns4j.lab.wire.InProcessImpairmentHost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one lab's services running: starts them inside their nodes, restarts them by their
 * policy, checks readiness, rotates their logs, and carries out {@code lab stop|start|restart|
 * kill|pause|resume}. It is the parent of the services' processes, so it sees their exit
 * status. Runs in the per-lab supervisor process ({@code SupervisorMain}, which {@code lab up}
 * starts) or inside a Java program; either way it answers on the lab's control socket
 * ({@link SupervisorServer}). It also hosts the lab's userspace impairment engines
 * ({@link #impair}), which must outlive the {@code lab impair} that asked for them.
 *
 * <p>Every process it starts carries {@code NETNS4J_LAB=<lab>} and
 * {@code NETNS4J_SERVICE=<node>/<service>} in its environment. A supervisor started while
 * such processes live (the previous one was killed) adopts them instead of starting
 * duplicates: it watches them by pid, and their exit status is then unknown.
 */
public final class Supervisor implements AutoCloseable {
    /** The environment variable naming a service's lab. */
    public static final String LAB_VARIABLE = "NETNS4J_LAB";
    /** The environment variable naming a service, {@code NODE/SERVICE}. */
    public static final String SERVICE_VARIABLE = "NETNS4J_SERVICE";
    /**
     * The environment variable naming a directory of the service's own, kept across its
     * restarts and removed by {@code lab down} (next to its log): where a database keeps its data.
     */
    public static final String DIRECTORY_VARIABLE = "NETNS4J_SERVICE_DIR";
    private static final Duration ROTATE_EVERY = Duration.ofSeconds(1);

    private final String lab;
    private final Path directory;
    private final Path etcNetns;
    private final NamespaceOpener opener;
    private final ScheduledThreadPoolExecutor timers;
    private final Map<String, ServiceRun> runs = new LinkedHashMap<>();
    private final Map<String, Long> orphans;
    private final InProcessImpairmentHost engines = new InProcessImpairmentHost();
    private boolean closed;

    /**
     * @param lab       the lab's name
     * @param directory the lab directory ({@code /run/netns4j/labs}): logs go under {@code <lab>.logs/}
     * @param etcNetns  where the nodes' hosts files are ({@code /etc/netns})
     * @param opener    opens a node's namespace after checking the lab's mark
     */
    public Supervisor(String lab, Path directory, Path etcNetns, NamespaceOpener opener) {
        this.lab = lab;
        this.directory = directory;
        this.etcNetns = etcNetns;
        this.opener = opener;
        this.timers = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "netns4j-supervisor-" + lab);
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        this.orphans = findOrphans(lab);
        timers.scheduleWithFixedDelay(this::rotateLogs, ROTATE_EVERY.toMillis(), ROTATE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The lab this supervisor runs. */
    public String lab() {
        return lab;
    }

    /** Every service, in the order they were given. */
    public synchronized List<ServiceStatus> status() {
        return runs.values().stream().map(ServiceRun::status).toList();
    }

    private final Object changes = new Object();
    private long version;

    /** A service changed state, or the set of services changed. */
    private void changed() {
        synchronized (changes) {
            version++;
            changes.notifyAll();
        }
    }

    /** {@return the number of changes so far (services added or removed, any service's state)} */
    public long version() {
        synchronized (changes) {
            return version;
        }
    }

    /**
     * Waits until the services have changed since {@code after} (a {@link #version()} read
     * before), or {@code limit} has passed: how {@code lab serve} follows services without
     * asking again and again.
     *
     * @return the version now
     * @throws InterruptedException when interrupted while waiting
     */
    public long awaitChange(long after, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (changes) {
            while (version <= after) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(changes, left);
            }
            return version;
        }
    }

    /**
     * Makes the supervised services those of {@code targets}: a service no longer listed is
     * stopped and forgotten; a new one is started (or adopted, when a process of it outlived an
     * earlier supervisor); one whose settings changed, or named in {@code restart}, is stopped
     * and started with its new settings; the others are left as they are.
     */
    public void sync(List<ServiceTarget> targets, Set<String> restart) {
        List<ServiceRun> toStop = new ArrayList<>();
        List<ServiceRun> toStart = new ArrayList<>();
        synchronized (this) {
            checkOpen();
            Map<String, ServiceTarget> wanted = new LinkedHashMap<>();
            targets.forEach(t -> wanted.put(t.id(), t));
            for (var it = runs.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                ServiceTarget t = wanted.get(e.getKey());
                if (t == null || !t.equals(e.getValue().target()) || restart.contains(e.getKey())) {
                    toStop.add(e.getValue());
                    it.remove();
                }
            }
            Map<String, ServiceRun> ordered = new LinkedHashMap<>();
            for (ServiceTarget t : wanted.values()) {
                ServiceRun r = runs.get(t.id());
                if (r == null) {
                    r = new ServiceRun(lab, t, directory, opener, timers, etcNetns);
                    r.onChange(this::changed);
                    toStart.add(r);
                }
                ordered.put(t.id(), r);
            }
            runs.clear();
            runs.putAll(ordered);
        }
        changed();
        stopAll(toStop);
        for (ServiceRun r : toStart) {
            Long orphan = orphans.remove(r.target().id());
            if (orphan != null && !restart.contains(r.target().id()) && !ProcessTree.isGone(orphan)) {
                r.adopt(orphan);
            } else {
                if (orphan != null) {
                    ProcessTree.stopAll(List.of(orphan), r.target().spec().stopSignal(), r.target().spec().stopGrace(),
                            true);
                }
                r.start(false);
            }
        }
    }

    /**
     * The services a selector names: {@code NODE/SERVICE}, or {@code NODE} for all of a node's.
     *
     * @throws IllegalArgumentException no such service, naming those there are
     */
    synchronized List<ServiceRun> select(String selector) {
        List<ServiceRun> out = new ArrayList<>();
        boolean node = !selector.contains("/");
        for (ServiceRun r : runs.values()) {
            if (node ? r.target().node().equals(selector) : r.target().id().equals(selector)) {
                out.add(r);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("lab \"" + lab + "\" has no service " + (node ? "on node " : "")
                    + "\"" + selector + "\"; its services: " + (runs.isEmpty() ? "none"
                    : String.join(" ", runs.keySet())));
        }
        return out;
    }

    /**
     * Runs a userspace impairment engine on {@code device} of the lab's namespace {@code namespace}
     * ({@code lab impair} without netem), or changes the one it runs there: the engine lives in
     * this supervisor's process after the command that asked for it has returned.
     *
     * @return the impairment in place, with its seed
     */
    public Impairment impair(String namespace, String device, Impairment imp) throws NetnsException {
        checkOpen();
        try (Netns n = opener.open(namespace)) {
            return engines.impair(n, device, imp);
        }
    }

    /** Removes the engine on {@code device} of {@code namespace}; whether there was one. */
    public boolean unimpair(String namespace, String device) throws NetnsException {
        try (Netns n = opener.open(namespace)) {
            return engines.remove(n, device);
        }
    }

    /** How many userspace impairment engines it runs. */
    public int engineCount() {
        return engines.size();
    }

    /** {@code lab stop}: stops the services, all at once, and keeps them stopped. */
    public void stop(String selector) {
        stopAll(select(selector));
    }

    /** {@code lab start}: starts the services that have no process. */
    public void start(String selector) {
        select(selector).forEach(r -> r.start(false));
    }

    /** {@code lab restart}: stops the services (all at once) and starts them again. */
    public void restart(String selector) {
        List<ServiceRun> rs = select(selector);
        stopAll(rs);
        rs.forEach(r -> r.start(false));
    }

    /** {@code lab kill -s SIGNAL}: the signal to each service's process tree; how many had a process. */
    public int kill(String selector, int signal) {
        int n = 0;
        for (ServiceRun r : select(selector)) {
            n += r.signal(signal) ? 1 : 0;
        }
        return n;
    }

    /** {@code lab pause}: SIGSTOP; how many were paused. */
    public int pause(String selector) {
        int n = 0;
        for (ServiceRun r : select(selector)) {
            n += r.pause() ? 1 : 0;
        }
        return n;
    }

    /** {@code lab resume}: SIGCONT; how many were resumed. */
    public int resume(String selector) {
        int n = 0;
        for (ServiceRun r : select(selector)) {
            n += r.resume() ? 1 : 0;
        }
        return n;
    }

    /** The last {@code n} lines of a service's log. */
    public List<String> tail(String selector, int n) throws IOException {
        List<ServiceRun> rs = select(selector);
        if (rs.size() != 1) {
            throw new IllegalArgumentException("\"" + selector + "\" names " + rs.size() + " services; name one as"
                    + " NODE/SERVICE");
        }
        return rs.getFirst().log().tail(n);
    }

    /** The log file of one service. */
    public Path logFile(String selector) {
        List<ServiceRun> rs = select(selector);
        if (rs.size() != 1) {
            throw new IllegalArgumentException("\"" + selector + "\" names " + rs.size() + " services; name one as"
                    + " NODE/SERVICE");
        }
        return rs.getFirst().log().file();
    }

    /**
     * Stops every service at once (each its stop signal, one wait, SIGKILL after the longest
     * grace period) and ends the supervisor's threads. Returns what did not end.
     */
    public List<String> shutdown() {
        List<ServiceRun> all;
        synchronized (this) {
            if (closed) {
                return List.of();
            }
            closed = true;
            all = new ArrayList<>(runs.values());
        }
        engines.close(); // first, so that what the services send while they stop is not lost to an impairment
        List<String> left = stopAll(all);
        timers.shutdownNow();
        try {
            timers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return left;
    }

    @Override
    public void close() {
        shutdown();
    }

    private List<String> stopAll(List<ServiceRun> rs) {
        Map<Integer, List<Long>> bySignal = new HashMap<>();
        Duration grace = Duration.ZERO;
        for (ServiceRun r : rs) {
            long pid = r.beginStop();
            if (pid > 0) {
                bySignal.computeIfAbsent(r.target().spec().stopSignal(), k -> new ArrayList<>()).add(pid);
                grace = grace.compareTo(r.target().spec().stopGrace()) < 0 ? r.target().spec().stopGrace() : grace;
            }
        }
        List<String> left = new ArrayList<>();
        if (bySignal.size() == 1) {
            var e = bySignal.entrySet().iterator().next();
            left.addAll(ProcessTree.stopAll(e.getValue(), e.getKey(), grace, true));
        } else {
            List<Long> pids = new ArrayList<>();
            bySignal.forEach((sig, ps) -> ps.forEach(p -> {
                ProcessTree.signalTree(p, sig);
                pids.add(p);
            }));
            left.addAll(ProcessTree.stopAll(pids, ProcessTree.SIGCONT, grace, true));
        }
        rs.forEach(r -> r.awaitEnd(Duration.ofSeconds(1)));
        return left;
    }

    private void rotateLogs() {
        List<ServiceRun> rs;
        synchronized (this) {
            rs = new ArrayList<>(runs.values());
        }
        for (ServiceRun r : rs) {
            try {
                r.log().rotateIfFull();
            } catch (IOException e) {
                // the next round tries again; a full tmpfs shows in the service's own errors
            }
        }
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the supervisor of lab \"" + lab + "\" has shut down");
        }
    }

    /**
     * The processes of lab {@code lab}'s services that are alive now, by service id: for each,
     * the oldest process whose environment names it and whose parent's does not (the service's
     * {@code sh}, not its children).
     */
    static Map<String, Long> findOrphans(String lab) {
        Map<Long, String> marked = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .matches("[0-9]+"))) {
            for (Path p : procs) {
                try {
                    String env = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8);
                    String id = null;
                    boolean ours = false;
                    for (String kv : env.split("\0")) {
                        if (kv.equals(LAB_VARIABLE + "=" + lab)) {
                            ours = true;
                        } else if (kv.startsWith(SERVICE_VARIABLE + "=")) {
                            id = kv.substring(SERVICE_VARIABLE.length() + 1);
                        }
                    }
                    if (ours && id != null) {
                        marked.put(Long.parseLong(p.getFileName().toString()), id);
                    }
                } catch (IOException | NumberFormatException e) {
                    // gone meanwhile, or not readable: not one of ours to adopt
                }
            }
        } catch (IOException e) {
            return new HashMap<>();
        }
        Map<String, Long> out = new HashMap<>();
        for (var e : marked.entrySet()) {
            long parent = ProcessHandle.of(e.getKey()).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(0L);
            if (!e.getValue().equals(marked.get(parent)) && !ProcessTree.isGone(e.getKey())) {
                out.merge(e.getValue(), e.getKey(), Math::min);
            }
        }
        return out;
    }
}
