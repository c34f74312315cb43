package io.netns4j.lab.runtime;

import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.model.ServiceState;
import io.netns4j.lab.model.ServiceStatus;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.plan.Plan;
import io.netns4j.lab.plan.Step;
import io.netns4j.lab.service.ServiceTarget;
import io.netns4j.lab.service.SupervisorClient;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The service steps of one {@code lab up}: {@link Step.StopService} is carried out at once
 * (before a namespace it runs in is deleted), {@link Step.StartService} is collected, and
 * {@link #finish} hands the lab's whole service list to its supervisor (started when the lab has
 * services and none answers) and waits until every service with readiness checks is ready.
 */
final class ServiceSteps {
    /** How long past a service's own readiness time-out {@code lab up} waits for the supervisor's verdict. */
    private static final Duration VERDICT_SLACK = Duration.ofSeconds(3);
    private static final int LOG_LINES = 10;

    private final Topology topology;
    private final NetnsRegistry registry;
    private final Path directory;
    private final Path etcNetns;
    private final boolean inProcess;
    private final Consumer<String> progress;
    private final Set<String> restart = new LinkedHashSet<>();
    private boolean startedSupervisor;
    private boolean supervisorHostsEngines = true;
    private final List<Long> pids = new ArrayList<>();

    ServiceSteps(Topology topology, NetnsRegistry registry, Path directory, Path etcNetns, boolean inProcess,
                 Consumer<String> progress) {
        this.topology = topology;
        this.registry = registry;
        this.directory = directory;
        this.etcNetns = etcNetns;
        this.inProcess = inProcess;
        this.progress = progress;
    }

    /** {@code lab stop LAB NODE/SERVICE}, when a supervisor runs the service. */
    void stop(Step.StopService s) throws NetnsException {
        Optional<SupervisorClient> c = LabSupervisors.find(directory, topology.name());
        if (c.isEmpty()) {
            return;
        }
        try {
            c.get().act("stop", s.node() + "/" + s.service());
        } catch (SupervisorClient.Refused e) {
            if (!e.usage()) {
                throw new NetnsException("the supervisor did not stop " + s.node() + "/" + s.service() + ": "
                        + e.getMessage());
            }
        } catch (IOException e) {
            throw new NetnsException("the supervisor of lab \"" + topology.name() + "\": " + e.getMessage());
        }
    }

    /** Whether the lab's supervisor hosts its userspace impairment engines (false: the caller brought a host). */
    void supervisorHostsEngines(boolean value) {
        supervisorHostsEngines = value;
    }

    void started(Step.StartService s) {
        restart.add(s.node() + "/" + s.service().name());
    }

    /** The pids of the services this run started. */
    List<Long> pids() {
        return List.copyOf(pids);
    }

    /**
     * Gives the supervisor the lab's services and waits for readiness; with no services, ends
     * a supervisor that runs.
     *
     * @throws NetnsException the supervisor could not be started, or a service did not get
     *                        ready: named, with why and its log's last lines
     */
    void finish() throws NetnsException {
        List<ServiceTarget> targets = Plan.of(topology).steps().stream()
                .filter(s -> s instanceof Step.StartService).map(Step.StartService.class::cast)
                .map(s -> new ServiceTarget(s.node(), s.namespace(), s.service())).toList();
        Optional<SupervisorClient> found = LabSupervisors.find(directory, topology.name());
        if (targets.isEmpty() && found.isEmpty() && supervisorHostsEngines && enginesLeft()) {
            // a supervisor that died left engines without a reader: a new one takes them over
            progress.accept("starting the supervisor of the lab's impairment engines");
            LabSupervisors.ensure(topology.name(), directory, etcNetns, registry, inProcess);
            return;
        }
        if (targets.isEmpty()) {
            if (found.isPresent() && engines(found.get()) == 0) {
                LabSupervisors.shutdown(topology.name(), directory); // nothing left for it to keep
            } else if (found.isPresent()) {
                try {
                    found.get().sync(List.of(), Set.of());
                } catch (IOException | SupervisorClient.Refused e) {
                    throw new NetnsException("the supervisor of lab \"" + topology.name() + "\": " + e.getMessage());
                }
            }
            return;
        }
        SupervisorClient client;
        if (found.isPresent()) {
            client = found.get();
        } else {
            progress.accept("starting the supervisor of " + targets.size() + " services");
            client = LabSupervisors.ensure(topology.name(), directory, etcNetns, registry, inProcess);
            startedSupervisor = true;
        }
        try {
            client.sync(targets, restart);
            awaitReady(client, targets);
        } catch (IOException | SupervisorClient.Refused e) {
            throw new NetnsException("the supervisor of lab \"" + topology.name() + "\": " + e.getMessage());
        }
    }

    private void awaitReady(SupervisorClient client, List<ServiceTarget> targets)
            throws IOException, SupervisorClient.Refused, NetnsException {
        Duration longest = Duration.ZERO;
        Set<String> checked = new LinkedHashSet<>();
        for (ServiceTarget t : targets) {
            if (!t.spec().ready().isEmpty()) {
                checked.add(t.id());
                longest = longest.compareTo(t.spec().readyTimeout()) < 0 ? t.spec().readyTimeout() : longest;
            }
        }
        if (!checked.isEmpty()) {
            progress.accept("waiting for " + checked.size() + " services to get ready");
        }
        long deadline = System.nanoTime() + longest.plus(VERDICT_SLACK).toNanos();
        while (true) {
            List<ServiceStatus> all = client.status();
            boolean waiting = false;
            for (ServiceStatus s : all) {
                boolean needsCheck = checked.contains(s.id());
                if (s.state() == ServiceState.FAILED && (needsCheck || restart.contains(s.id()))) {
                    throw notReady(client, s);
                }
                if (needsCheck && !s.ready()) {
                    if (s.state() == ServiceState.STARTING || s.state() == ServiceState.PAUSED) {
                        waiting = true;
                    } else {
                        throw notReady(client, s);
                    }
                }
            }
            if (!waiting) {
                pids.clear();
                all.stream().filter(s -> restart.contains(s.id()) && s.pid() > 0).forEach(s -> pids.add(s.pid()));
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                ServiceStatus late = all.stream().filter(s -> checked.contains(s.id()) && !s.ready()).findFirst()
                        .orElseThrow();
                throw notReady(client, late);
            }
            LockSupport.parkNanos(20_000_000);
            if (Thread.currentThread().isInterrupted()) {
                throw new io.netns4j.error.OperationInterruptedException("Interrupted while waiting for the services"
                        + " of lab \"" + topology.name() + "\" to get ready");
            }
        }
    }

    private NetnsException notReady(SupervisorClient client, ServiceStatus s) {
        String log;
        try {
            Map.Entry<Path, List<String>> l = client.logs(s.id(), LOG_LINES);
            log = l.getValue().isEmpty() ? "its log " + l.getKey() + " is empty"
                    : "its log ends:\n    " + String.join("\n    ", l.getValue());
        } catch (IOException | SupervisorClient.Refused e) {
            log = "its log cannot be read: " + e.getMessage();
        }
        String why = !s.problem().isEmpty() ? s.problem() : !s.lastExit().isEmpty() ? "it " + s.lastExit()
                : "it is " + s.state().word();
        return new NetnsException("service " + s.id() + " did not get ready: " + why + "; " + log);
    }

    /** Whether a device of the lab carries a userspace engine's mark. */
    private boolean enginesLeft() throws NetnsException {
        for (String ns : LabMarks.owned(registry, topology.name())) {
            try (io.netns4j.Netns n = registry.open(ns)) {
                if (!io.netns4j.lab.wire.UserspaceImpairment.marked(n.links().list()).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long engines(SupervisorClient c) {
        try {
            return c.engines();
        } catch (IOException | SupervisorClient.Refused e) {
            return 0;
        }
    }

    /** Whether this run started the lab's supervisor for its services. */
    boolean startedSupervisor() {
        return startedSupervisor;
    }

    /** Undoes this run's supervisor (when it started one); what could not be undone. */
    List<String> rollBack() {
        return startedSupervisor ? LabSupervisors.shutdown(topology.name(), directory) : List.of();
    }
}
