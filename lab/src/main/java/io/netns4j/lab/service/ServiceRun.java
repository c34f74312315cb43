package io.netns4j.lab.service;

import io.netns4j.Netns;
import io.netns4j.ProcessSignals;
import io.netns4j.lab.model.Condition;
import io.netns4j.lab.model.ServiceSpec;
import io.netns4j.lab.model.ServiceState;
import io.netns4j.lab.model.ServiceStatus;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One service under a {@link Supervisor}: its process, its state machine
 * ({@link ServiceState}), restarts with back-off, readiness checks and its log. Every method
 * that reads or changes the state holds this object's lock; waits for a process to end are
 * done outside it.
 */
final class ServiceRun {
    /** How often readiness is checked while a service starts. */
    static final Duration PROBE_EVERY = Duration.ofMillis(100);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final String lab;
    private final ServiceTarget target;
    private final ServiceLog log;
    private final NamespaceOpener opener;
    private final ScheduledExecutorService timers;
    private final Path hostsFile;

    private ServiceState state = ServiceState.STOPPED;
    private Process process;
    private long pid;
    private boolean ready;
    private int restarts;
    private Instant since = Instant.now();
    private String lastExit = "";
    private String problem = "";
    private Duration backoff;
    private long generation;
    private boolean stopping;
    private ScheduledFuture<?> pending;

    ServiceRun(String lab, ServiceTarget target, Path logDirectory, NamespaceOpener opener,
               ScheduledExecutorService timers, Path etcNetns) {
        this.lab = lab;
        this.target = target;
        this.log = new ServiceLog(ServiceLog.file(logDirectory, lab, target.node(), target.spec().name()),
                target.spec().logBytes());
        this.opener = opener;
        this.timers = timers;
        this.hostsFile = etcNetns.resolve(target.namespace()).resolve("hosts");
        this.backoff = target.spec().backoff();
    }

    ServiceTarget target() {
        return target;
    }

    ServiceLog log() {
        return log;
    }

    /** Told of every change of state (the supervisor's change count, which {@code ps} waits on). */
    private volatile Runnable onChange = () -> { };

    void onChange(Runnable listener) {
        onChange = listener;
    }

    private void setState(ServiceState next) {
        state = next;
        onChange.run();
    }

    synchronized ServiceStatus status() {
        return new ServiceStatus(target.node(), target.spec().name(), state.hasProcess() ? pid : 0, state,
                ready, restarts, since, lastExit, problem);
    }

    /** Starts the process unless one is alive; {@code byPolicy}: an automatic restart (counted). */
    synchronized void start(boolean byPolicy) {
        if (state.hasProcess()) {
            return;
        }
        cancelPending();
        stopping = false;
        long gen = ++generation;
        ServiceSpec spec = target.spec();
        try {
            log.create();
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", spec.command())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
                    .redirectErrorStream(true);
            pb.environment().putAll(spec.env());
            pb.environment().put(Supervisor.LAB_VARIABLE, lab);
            pb.environment().put(Supervisor.SERVICE_VARIABLE, target.id());
            Path scratch = log.file().resolveSibling(spec.name() + ".d");
            java.nio.file.Files.createDirectories(scratch);
            pb.environment().put(Supervisor.DIRECTORY_VARIABLE, scratch.toString());
            if (!spec.directory().isEmpty()) {
                pb.directory(new File(spec.directory()));
            }
            Process p;
            try (Netns ns = opener.open(target.namespace())) {
                p = ns.start(pb);
            }
            process = p;
            pid = p.pid();
            since = Instant.now();
            if (byPolicy) {
                restarts++;
            }
            problem = "";
            ready = spec.ready().isEmpty();
            setState(ready ? ServiceState.RUNNING : ServiceState.STARTING);
            log.note((byPolicy ? "restarted" : "started") + " " + target.id() + " as pid " + pid);
            p.onExit().thenRun(() -> timers.execute(() -> ended(gen, p.exitValue())));
            if (!ready) {
                Instant deadline = Instant.now().plus(spec.readyTimeout());
                pending = timers.schedule(() -> probe(gen, deadline), 0, TimeUnit.MILLISECONDS);
            }
        } catch (IOException | RuntimeException e) {
            setState(ServiceState.FAILED);
            problem = "could not start: " + e.getMessage();
            since = Instant.now();
            log.note(problem);
            if (byPolicy || spec.restart() == io.netns4j.lab.model.RestartPolicy.ALWAYS
                    || spec.restart() == io.netns4j.lab.model.RestartPolicy.ON_FAILURE) {
                scheduleRestart(gen);
            }
        }
    }

    /** Adopts a process a previous supervisor started (found by its environment): watched, not reaped. */
    synchronized void adopt(long alive) {
        long gen = ++generation;
        pid = alive;
        process = null;
        since = ProcessHandle.of(alive).flatMap(h -> h.info().startInstant()).orElse(Instant.now());
        ready = target.spec().ready().isEmpty();
        setState(ready ? ServiceState.RUNNING : ServiceState.STARTING);
        log.note("adopted " + target.id() + " pid " + alive + " (its supervisor had ended)");
        ProcessHandle.of(alive).ifPresentOrElse(
                h -> h.onExit().thenRun(() -> timers.execute(() -> ended(gen, -1))),
                () -> timers.execute(() -> ended(gen, -1)));
        if (!ready) {
            Instant deadline = Instant.now().plus(target.spec().readyTimeout());
            pending = timers.schedule(() -> probe(gen, deadline), 0, TimeUnit.MILLISECONDS);
        }
    }

    /** The process ended: {@code code} is its status (128 + N for a death by signal N), -1 when unknown. */
    private synchronized void ended(long gen, int code) {
        if (gen != generation) {
            return;
        }
        cancelPending();
        lastExit = exitText(code);
        Duration ran = Duration.between(since, Instant.now());
        since = Instant.now();
        ready = false;
        process = null;
        log.note(target.id() + " ended: " + lastExit);
        if (stopping) {
            setState(ServiceState.STOPPED);
            return;
        }
        if (target.spec().restart().restartsAfter(code == -1 ? 1 : code)) {
            if (ran.compareTo(ServiceSpec.STABLE_RUN) >= 0) {
                backoff = target.spec().backoff();
            }
            scheduleRestart(gen);
        } else {
            setState(code == 0 ? ServiceState.EXITED : ServiceState.FAILED);
            if (code != 0 && problem.isEmpty()) {
                problem = "ended: " + lastExit;
            }
        }
    }

    private void scheduleRestart(long gen) {
        setState(ServiceState.BACKOFF);
        Duration wait = backoff;
        Duration next = backoff.multipliedBy(2);
        backoff = next.compareTo(ServiceSpec.MAX_BACKOFF) > 0 ? ServiceSpec.MAX_BACKOFF : next;
        pending = timers.schedule(() -> {
            synchronized (this) {
                if (gen == generation && state == ServiceState.BACKOFF) {
                    start(true);
                }
            }
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void probe(long gen, Instant deadline) {
        synchronized (this) {
            if (gen != generation || !state.hasProcess() || ready) {
                return;
            }
        }
        String seen = "";
        boolean all = true;
        try (Netns ns = opener.open(target.namespace())) {
            for (Condition c : target.spec().ready()) {
                ConditionProbe.Outcome o = ConditionProbe.check(ns, c, PROBE_TIMEOUT, hostsFile);
                if (!o.holds()) {
                    all = false;
                    seen = c.words() + ": " + o.seen();
                    break;
                }
            }
        } catch (Exception e) {
            all = false;
            seen = e.getMessage();
        }
        synchronized (this) {
            if (gen != generation || !state.hasProcess()) {
                return;
            }
            if (all) {
                ready = true;
                problem = "";
                if (state == ServiceState.STARTING) {
                    setState(ServiceState.RUNNING);
                }
                log.note(target.id() + " is ready");
                return;
            }
            problem = "not ready: " + seen;
            if (Instant.now().isAfter(deadline)) {
                problem = "not ready after " + target.spec().readyTimeout().toMillis() + " ms: " + seen;
                log.note(problem + "; stopping it");
                long victim = pid;
                timers.execute(() -> ProcessTree.stopAll(java.util.List.of(victim), target.spec().stopSignal(),
                        target.spec().stopGrace(), true));
                return;
            }
            pending = timers.schedule(() -> probe(gen, deadline), PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops the process (its stop signal to the tree, SIGKILL after the grace period) and waits
     * for it; the service stays {@code STOPPED} until started.
     */
    void stop() {
        long victim;
        synchronized (this) {
            cancelPending();
            stopping = true;
            if (!state.hasProcess()) {
                setState(ServiceState.STOPPED);
                since = Instant.now();
                return;
            }
            victim = pid;
        }
        ProcessTree.stopAll(java.util.List.of(victim), target.spec().stopSignal(), target.spec().stopGrace(), true);
        awaitEnd(Duration.ofSeconds(2));
    }

    /** Marks the service as being stopped and returns its pid (0 without a process), for a stop of all at once. */
    synchronized long beginStop() {
        cancelPending();
        stopping = true;
        if (!state.hasProcess()) {
            setState(ServiceState.STOPPED);
            return 0;
        }
        return pid;
    }

    /** Waits until the end of the current process has been seen (its state left {@code hasProcess}). */
    void awaitEnd(Duration limit) {
        long victim;
        synchronized (this) {
            victim = pid;
        }
        awaitEndOf(victim, limit);
    }

    /**
     * Waits until the end of process {@code victim} has been seen: the state left {@code hasProcess},
     * or a restart already runs another process.
     */
    private void awaitEndOf(long victim, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (!state.hasProcess() || pid != victim) {
                    return;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
        synchronized (this) {
            if (state.hasProcess() && pid == victim && ProcessTree.isGone(pid)) {
                setState(stopping ? ServiceState.STOPPED : ServiceState.EXITED);
            }
        }
    }

    /**
     * Sends {@code signal} to the service's process tree ({@code lab kill -s SIGNAL}); false without a
     * process. After SIGKILL, which no process survives, returns only once the end of that process
     * has been seen (up to 2 s), so that the next {@code lab ps} or {@code lab wait service:NAME}
     * sees the service down or restarting, never the killed process still "running".
     */
    boolean signal(int signal) {
        long victim;
        synchronized (this) {
            if (!state.hasProcess()) {
                return false;
            }
            victim = pid;
            ProcessTree.signalTree(pid, signal);
            if (signal == ProcessTree.SIGCONT && state == ServiceState.PAUSED) {
                setState(ready ? ServiceState.RUNNING : ServiceState.STARTING);
            }
        }
        if (signal == ProcessTree.SIGKILL) {
            awaitEndOf(victim, Duration.ofSeconds(2));
        }
        return true;
    }

    /** SIGSTOP to the tree ({@code lab pause}); false without a running process. */
    synchronized boolean pause() {
        if (state != ServiceState.RUNNING && state != ServiceState.STARTING) {
            return false;
        }
        ProcessTree.signalTree(pid, ProcessTree.SIGSTOP);
        setState(ServiceState.PAUSED);
        log.note(target.id() + " paused (SIGSTOP)");
        return true;
    }

    /** SIGCONT to the tree ({@code lab resume}); false unless paused. */
    synchronized boolean resume() {
        if (state != ServiceState.PAUSED) {
            return false;
        }
        ProcessTree.signalTree(pid, ProcessTree.SIGCONT);
        setState(ready ? ServiceState.RUNNING : ServiceState.STARTING);
        log.note(target.id() + " resumed (SIGCONT)");
        return true;
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    static String exitText(int code) {
        if (code < 0) {
            return "ended (status unknown: it was adopted from an earlier supervisor)";
        }
        if (code > 128 && code <= 128 + 64) {
            return "killed by " + ProcessSignals.name(code - 128).orElse("signal " + (code - 128)) + " (status " + code
                    + ")";
        }
        return "exit " + code;
    }
}
