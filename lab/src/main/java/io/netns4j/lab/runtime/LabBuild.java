package io.netns4j.lab.runtime;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.address.AddressRequest;
import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Firewall;
import io.netns4j.firewall.Table;
import io.netns4j.firewall.iptables.Iptables;
import io.netns4j.firewall.iptables.IptablesCommandLine;
import io.netns4j.lab.fault.LinkImpairments;
import io.netns4j.lab.wire.ImpairmentHost;
import io.netns4j.lab.model.LabRoute;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.plan.Plan;
import io.netns4j.lab.plan.Step;
import io.netns4j.link.Bridge;
import io.netns4j.link.LinkRequest;
import io.netns4j.link.Veth;
import io.netns4j.route.Nexthop;
import io.netns4j.route.Route;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One run of {@code lab up}: carries out a {@link Plan}'s steps through the library and
 * remembers what it created, so that a failure can undo exactly that.
 */
public final class LabBuild {
    private final Topology topology;
    private final NetnsRegistry registry;
    private final Consumer<String> progress;
    private final Path etcNetns;
    private final Duration deleteWait;
    private final boolean updating;
    private final Map<String, Netns> open = new LinkedHashMap<>();
    private final List<String> created = new ArrayList<>();
    private final java.util.Set<String> loUp = new java.util.HashSet<>();
    private final List<Path> hostsDirectories = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final ServiceSteps services;
    private final java.util.Set<String> ipv6Added = new java.util.LinkedHashSet<>();
    private ImpairmentHost impairmentHost;

    /**
     * @param updating the lab is running: additions are made idempotent (an address or route
     *                 is written with replace, a veth or bridge that exists is taken as made), so
     *                 that an update which failed midway can be finished by running it again
     * @param progress   receives one line per long step (namespaces, veths, commands) and each note
     * @param etcNetns   where {@code NS/hosts} files go ({@code /etc/netns})
     * @param deleteWait how long deleting a namespace waits for it to be freed
     * @param directory  the lab directory: the supervisor's socket and the services' logs
     * @param inProcessSupervisor run the supervisor in this JVM rather than as a process of its own
     */
    public LabBuild(Topology topology, NetnsRegistry registry, boolean updating, Consumer<String> progress,
                    Path etcNetns, Duration deleteWait, Path directory, boolean inProcessSupervisor) {
        this.services = new ServiceSteps(topology, registry, directory, etcNetns, inProcessSupervisor, progress);
        this.updating = updating;
        this.topology = topology;
        this.registry = registry;
        this.progress = progress;
        this.etcNetns = etcNetns;
        this.deleteWait = deleteWait;
    }

    /** The namespaces this run created, in order. */
    public List<String> created() {
        return List.copyOf(created);
    }

    /** What could not be done as the file asks, though the lab is up (impairments this kernel cannot apply). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The pids of the services this run started. */
    public List<Long> pids() {
        return services.pids();
    }

    /** Carries out the plan's steps in order; a failure names the step's command. */
    public void run(Plan plan) throws NetnsException {
        int n = 0;
        for (Step step : plan.steps()) {
            n++;
            if (step instanceof Step.AddNamespace || step instanceof Step.AddVeth || step instanceof Step.StartService
                    || step instanceof Step.DeleteNamespace) {
                progress.accept("[" + n + "/" + plan.steps().size() + "] " + step.command().lines()
                        .findFirst().orElse(""));
            }
            try {
                apply(step);
            } catch (Exception e) {
                NetnsException failure = new NetnsException(step.command().lines().findFirst().orElse("") + ": "
                        + e.getMessage());
                failure.initCause(e);
                throw failure;
            }
        }
        AddressSettling.await(ipv6Added, this::ns, Duration.ofSeconds(10), progress);
        services.finish();
    }

    private Netns ns(String name) throws NetnsException {
        Netns n = open.get(name);
        if (n == null) {
            n = registry.open(name);
            open.put(name, n);
        }
        return n;
    }

    private void apply(Step step) throws Exception {
        switch (step) {
            case Step.AddNamespace s -> {
                // marked before it is named: a crash cannot leave an unmarked lab namespace
                // lo up in the same request (the plan's "link set lo up" is then already done)
                Netns n = registry.add(s.namespace(),
                        u -> u.links().set(LinkRequest.change("lo").withAlias(LabMarks.of(topology.name())).withUp()));
                created.add(s.namespace());
                loUp.add(s.namespace());
                open.put(s.namespace(), n);
            }
            case Step.LinkUp s -> {
                if (!(s.device().equals("lo") && loUp.contains(s.namespace()))) {
                    ns(s.namespace()).links().set(LinkRequest.change(s.device()).withUp());
                }
            }
            case Step.SetSysctl s -> ns(s.namespace()).sysctls().set(s.key(), s.value());
            case Step.AddBridge s -> existingIsDone(() -> ns(s.namespace()).links()
                    .add(LinkRequest.create(s.name(), Bridge.defaults()).withUp()));
            case Step.AddVeth s -> existingIsDone(() -> ns(s.namespace()).links().add(LinkRequest.create(s.name(),
                    Veth.peer(s.peerName()).withPeerNamespace(ns(s.peerNamespace())))));
            case Step.SetLink s -> {
                LinkRequest r = LinkRequest.change(s.device());
                r = s.mtu() == null ? r : r.withMtu(s.mtu());
                r = s.mac() == null ? r : r.withAddress(s.mac());
                r = s.master() == null ? r : r.withMaster(s.master());
                ns(s.namespace()).links().set(r.withUp());
            }
            case Step.AddAddress s -> {
                AddressRequest spec = AddressRequest.of(s.device(), s.prefix());
                if (s.prefix().isIpv6()) {
                    if (topology.defaults().ipv6Dad()) {
                        ipv6Added.add(s.namespace());
                    } else {
                        spec = spec.withFlag(io.netns4j.address.AddressFlag.NODAD);
                    }
                }
                if (updating) {
                    ns(s.namespace()).addresses().replace(spec);
                } else {
                    ns(s.namespace()).addresses().add(spec);
                }
            }
            case Step.AddRoute s -> {
                if (updating) {
                    ns(s.namespace()).routes().replace(route(s.route()));
                } else {
                    ns(s.namespace()).routes().add(route(s.route()));
                }
            }
            case Step.IptablesLine s -> IptablesCommandLine.parse(s.line(), Family.IP)
                    .apply(Iptables.in(ns(s.namespace()), Family.IP));
            case Step.NftScript s -> ns(s.namespace()).firewall().run(s.script());
            case Step.FirewallTable s -> ns(s.namespace()).firewall().replace(s.table());
            case Step.Impair s -> impair(s);
            case Step.WriteHosts s -> writeHosts(s);
            case Step.StartService s -> services.started(s);
            case Step.DeleteNamespace s -> deleteNamespace(s.namespace());
            case Step.DeleteLink s -> absentIsDone(() -> ns(s.namespace()).links().delete(s.device()));
            case Step.DeleteAddress s -> absentIsDone(() -> ns(s.namespace()).addresses()
                    .delete(AddressRequest.of(s.device(), s.prefix())));
            case Step.DeleteRoute s -> absentIsDone(() -> ns(s.namespace()).routes().delete(route(s.route())));
            case Step.ReplaceRoute s -> ns(s.namespace()).routes().replace(route(s.route()));
            case Step.ResetFirewall s -> resetFirewall(ns(s.namespace()));
            case Step.ClearImpairment s -> LinkImpairments.clear(ns(s.namespace()), s.device(), impairmentHost);
            case Step.RemoveHosts s -> removeHosts(etcNetns.resolve(s.namespace()));
            case Step.StopService s -> services.stop(s);
        }
    }

    private interface KernelCall {
        void run() throws NetnsException;
    }

    /** In an update, a device a failed earlier run already made is taken as made. */
    private void existingIsDone(KernelCall r) throws NetnsException {
        try {
            r.run();
        } catch (AlreadyExistsException e) {
            if (!updating) {
                throw e;
            }
        }
    }

    /**
     * Undoing something that is already gone (a route the kernel dropped with its address, an
     * address a failed or rolled-back update removed: EADDRNOTAVAIL) is done.
     */
    private static void absentIsDone(KernelCall r) throws NetnsException {
        try {
            r.run();
        } catch (NotFoundException e) {
            // already gone
        } catch (NetnsException e) {
            if (e.errno() != EADDRNOTAVAIL) {
                throw e;
            }
        }
    }

    private static final int EADDRNOTAVAIL = 99;

    private void deleteNamespace(String name) throws NetnsException {
        Netns n = open.remove(name);
        if (n != null) {
            n.close();
        }
        stopProcesses(name);
        try {
            registry.delete(name, deleteWait);
        } catch (NotFoundException e) {
            // already gone
        }
    }

    private void stopProcesses(String name) throws NetnsException {
        List<String> left = LabTeardown.stopAll(registry.pids(name));
        if (!left.isEmpty()) {
            throw new NetnsException("processes in " + name + " did not stop: " + String.join("; ", left));
        }
    }

    /** Deletes every nftables table of the namespace but netns4j's own ({@code netns4j_*}). */
    private static void resetFirewall(Netns n) throws NetnsException {
        Firewall fw = n.firewall();
        for (Table t : fw.read().tables()) {
            if (!t.name().startsWith("netns4j_")) {
                fw.delete(t.family(), t.name());
            }
        }
    }

    private static void removeHosts(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve("hosts"));
        Files.deleteIfExists(dir.resolve(".hosts.tmp"));
        if (Files.isDirectory(dir)) {
            try (var rest = Files.list(dir)) {
                if (rest.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }

    private void impair(Step.Impair s) throws NetnsException {
        // a setting the engine cannot apply is a FaultException: lab up fails and rolls back, never a note
        LinkImpairments.apply(ns(s.namespace()), s.device(), s.impairment(), impairmentHost);
    }

    /**
     * The host of userspace impairment engines for this run; null (the default) refuses them.
     *
     * @return this build
     */
    public LabBuild impairmentHost(ImpairmentHost host) {
        this.impairmentHost = host;
        services.supervisorHostsEngines(host instanceof SupervisorImpairmentHost);
        return this;
    }

    static Route route(LabRoute r) {
        Route route = Route.to(r.destination());
        if (r.gateways().size() == 1) {
            route = route.withGateway(r.gateways().getFirst());
        } else {
            for (InetAddress g : r.gateways()) {
                route = route.withNexthop(Nexthop.via(g));
            }
        }
        if (r.device() != null) {
            route = route.withDevice(r.device());
        }
        if (r.metric() != null) {
            route = route.withMetric(r.metric());
        }
        return route;
    }

    private void writeHosts(Step.WriteHosts s) throws IOException {
        Path dir = etcNetns.resolve(s.namespace());
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            hostsDirectories.add(dir);
        }
        StringBuilder sb = new StringBuilder(LabMarks.HOSTS_HEADER + topology.name() + "\n");
        s.entries().forEach(e -> sb.append(e).append('\n'));
        Path tmp = dir.resolve(".hosts.tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("hosts"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Closes the handles this run opened (the namespaces stay). */
    public void closeHandles() {
        open.values().forEach(Netns::close);
        open.clear();
    }

    /** Undoes this run, newest first; returns what could not be undone. */
    public List<String> rollBack() {
        closeHandles();
        List<String> left = new ArrayList<>(services.rollBack());
        if (impairmentHost instanceof SupervisorImpairmentHost h && !services.startedSupervisor()) {
            left.addAll(h.rollBack());
        }
        for (String name : created.reversed()) {
            try {
                registry.delete(name, deleteWait);
            } catch (NetnsException e) {
                left.add("namespace " + name + ": " + e.getMessage());
            }
        }
        for (Path dir : hostsDirectories.reversed()) {
            try {
                Files.deleteIfExists(dir.resolve("hosts"));
                Files.deleteIfExists(dir.resolve(".hosts.tmp"));
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                left.add(dir + ": " + e);
            }
        }
        return left;
    }
}
