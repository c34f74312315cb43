package io.netns4j.lab;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.lab.fault.FaultException;
import io.netns4j.lab.fault.LinkImpairments;
import io.netns4j.lab.fault.Partition;
import io.netns4j.lab.fault.PartitionNodes;
import io.netns4j.lab.fault.PartitionWords;
import io.netns4j.lab.fault.Partitions;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.model.LabNode;
import io.netns4j.lab.model.LabSummary;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.model.TopologyNode;
import io.netns4j.lab.plan.Plan;
import io.netns4j.lab.plan.Reconcile;
import io.netns4j.lab.plan.Step;
import io.netns4j.lab.runtime.LabBuild;
import io.netns4j.lab.runtime.LabInspection;
import io.netns4j.lab.runtime.LabLock;
import io.netns4j.lab.runtime.LabMarks;
import io.netns4j.lab.runtime.LabState;
import io.netns4j.lab.runtime.LabUpdate;
import io.netns4j.lab.runtime.SupervisorImpairmentHost;
import io.netns4j.lab.wire.ImpairmentHost;
import io.netns4j.link.Link;
import io.netns4j.link.LinkRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The front door of labs, one method per {@code netns4j lab} verb: {@link #up} builds a
 * {@link Topology} by carrying out its {@link Plan} through the library (or updates a running
 * lab), {@link #plan} shows what it would do, {@link #down} removes a lab, {@link #list} and
 * {@link #show} find labs, {@link #namespace} ({@code lab exec}), {@link #setLink}
 * ({@code lab link}), and the faults: {@link #impair}, {@link #partition}, {@link #heal}.
 *
 * <p>The stages behind it, one package each: {@code lab.model} (the lab as records),
 * {@code lab.file} (reading and checking a topology file), {@code lab.plan} (the steps, and
 * the changes to a running lab), {@code lab.runtime} (carrying a plan out, locks, state, finding
 * labs on the machine), {@code lab.fault} (partitions and impairments), {@code lab.graph}.
 *
 * <p><b>Ownership is marked on the objects</b>, so {@code down} needs no state file and works
 * after a crash: right after creating a namespace, {@code up} sets the alias of its {@code lo}
 * to {@code netns4j-lab:<lab>} ({@code ip -n NS link set lo alias netns4j-lab:LAB}), and each
 * {@code /etc/netns/NS/hosts} it writes starts with {@code # netns4j-lab:<lab>}. {@code down}
 * removes exactly the namespaces whose {@code lo} carries the lab's mark; a namespace without
 * the mark is never touched, even when its name starts with {@code <lab>-}.
 *
 * <p>Commands that change one lab are serialised by an exclusive lock on
 * {@code /run/netns4j/labs/<lab>.lock} ({@link LabLock}). The marks say what the lab owns;
 * the file the lab was built from is kept next to the lock ({@link LabState}) only so that the
 * next {@code up} can update the lab in place.
 */
public final class Lab {
    /** The alias of {@code lo} in every namespace of lab {@code L}: {@code netns4j-lab:L}. */
    public static final String MARK_PREFIX = LabMarks.PREFIX;

    private Lab() {
    }

    /**
     * How labs are run.
     *
     * @param progress    receives one line per long step (namespaces, veths, commands)
     * @param lockDirectory where {@code <lab>.lock} and the lab's state {@code <lab>.yaml} live
     * @param etcNetns    where {@code NS/hosts} files go ({@code /etc/netns}, which {@code netns exec} reads)
     * @param deleteWait  how long {@code down} waits for each namespace to be freed
     * @param inProcessSupervisor run the lab's supervisor (which keeps its services running) inside
     *                    this JVM instead of as a process of its own: for a Java program or test that
     *                    owns the lab for its lifetime; the services then end with the JVM's supervision
     *                    ({@code lab down} from this JVM ends it). Off by default (the CLI's way).
     * @param impairmentHost where userspace impairment engines run; null: in the lab's supervisor
     */
    public record Options(Consumer<String> progress, Path lockDirectory, Path etcNetns, Duration deleteWait,
                          boolean inProcessSupervisor, ImpairmentHost impairmentHost) {
        /**
         * No progress lines, {@code /run/netns4j/labs}, {@code /etc/netns}, 30 s, a supervisor process.
         *
         * @return the options the CLI uses
         */
        public static Options defaults() {
            return new Options(line -> { }, Path.of("/run/netns4j/labs"), Path.of("/etc/netns"), Duration.ofSeconds(30),
                    false, null);
        }

        /**
         * These options with the lab directory (locks, state, the supervisor's socket, service logs).
         *
         * @param value the lab directory (locks, state, the supervisor's socket, service logs)
         * @return a checked copy; this one is unchanged
         */
        public Options withLockDirectory(Path value) {
            return new Options(progress, value, etcNetns, deleteWait, inProcessSupervisor, impairmentHost);
        }

        /**
         * These options with a receiver of progress lines.
         *
         * @param value a receiver of progress lines
         * @return a checked copy; this one is unchanged
         */
        public Options withProgress(Consumer<String> value) {
            return new Options(value, lockDirectory, etcNetns, deleteWait, inProcessSupervisor, impairmentHost);
        }

        /**
         * These options with the directory of the nodes' hosts files.
         *
         * @param value the directory of the nodes' hosts files
         * @return a checked copy; this one is unchanged
         */
        public Options withEtcNetns(Path value) {
            return new Options(progress, lockDirectory, value, deleteWait, inProcessSupervisor, impairmentHost);
        }

        /**
         * These options with how long {@code down} waits for the namespaces to be freed.
         *
         * @param value how long {@code down} waits for the namespaces to be freed
         * @return a checked copy; this one is unchanged
         */
        public Options withDeleteWait(Duration value) {
            return new Options(progress, lockDirectory, etcNetns, value, inProcessSupervisor, impairmentHost);
        }

        /**
         * These options with the supervisor inside this JVM ({@code true}) or in a process of its own.
         *
         * @param value the supervisor inside this JVM ({@code true}) or in a process of its own
         * @return a checked copy; this one is unchanged
         */
        public Options withInProcessSupervisor(boolean value) {
            return new Options(progress, lockDirectory, etcNetns, deleteWait, value, impairmentHost);
        }

        /**
         * These options with a host for userspace impairment engines of one's own (this JVM's
         * {@code InProcessImpairmentHost}); by default (null) the lab's supervisor runs them.
         *
         * @param value a host for userspace impairment engines of one's own (this JVM's {@code InProcessImpairmentHost})
         * @return a checked copy; this one is unchanged
         */
        public Options withImpairmentHost(ImpairmentHost value) {
            return new Options(progress, lockDirectory, etcNetns, deleteWait, inProcessSupervisor, value);
        }
    }

    /**
     * What {@code up} did: the namespaces it created, in order, the ids of the {@code exec}
     * processes it started, and the steps it ran ({@code updated}: it changed a running lab;
     * no steps: the lab was up to date); {@code notes}: what the file asks that this kernel
     * cannot do, though the lab is up (impairment settings without netem).
     *
     * @param name the lab's name
     * @param namespaces the namespaces created, in order
     * @param pids the process ids of the {@code exec} commands started
     * @param steps the steps run, in order
     * @param updated true when a running lab was changed rather than built
     * @param notes what the kernel cannot do, one line each
     */
    public record Started(String name, List<String> namespaces, List<Long> pids, List<Step> steps, boolean updated,
                          List<String> notes) {
        /** Copies the lists: the value does not change with the caller's. */
        public Started {
            namespaces = List.copyOf(namespaces);
            pids = List.copyOf(pids);
            steps = List.copyOf(steps);
            notes = List.copyOf(notes);
        }
    }

    static String mark(String lab) {
        return LabMarks.of(lab);
    }

    /**
     * {@link #up(Topology, NetnsRegistry, Options)} with the default options
     * ({@code netns4j lab up FILE}).
     *
     * @param topology the lab, as {@code TopologyFile} or {@code LabSpec} gives it
     * @param registry the namespaces' registry ({@code /run/netns})
     * @return what was created or changed
     * @throws NetnsException when the lab cannot be built; what was made is removed first
     */
    public static Started up(Topology topology, NetnsRegistry registry) throws NetnsException {
        return up(topology, registry, Options.defaults());
    }

    /**
     * Builds the lab, or brings a running one in line with the file. For a lab that is not on
     * the machine, carries out {@code Plan.of(topology)} step by step (namespaces, {@code lo}
     * up and marked, sysctls, bridges, veths with their peers in place, link settings,
     * addresses, routes, firewall, impairments, {@code /etc/netns/NS/hosts}, then the
     * {@code exec} commands in the background). For a running lab, runs only the changes from
     * the file it was last built from ({@link Reconcile}): nothing when nothing changed.
     * Equivalent to running the commands {@code netns4j lab up --dry-run FILE} prints. The file
     * is then kept as the lab's state.
     *
     * <p>Refused before any change: a namespace of the lab's name that is not marked as the
     * lab's; a running lab with no state (built from a {@code Topology} made in code, or
     * interrupted before it finished: {@code lab down} it first). A failure midway removes what
     * this run created, newest first; the {@link LabException} names anything that could not be
     * removed. An update of a running lab is a transaction: its sysctl keys are checked first
     * ({@link LabUpdate#check}), and a step that still fails rolls the lab back to the file it
     * was built from, which stays its state; a {@code lab up} killed midway leaves a pending
     * file, and the next {@code lab up} rolls the lab back before anything else.
     *
     * @param topology the lab, as read from its file or built with {@code LabSpec}
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @param options the lab directory, progress lines and other settings
     * @return what was done: namespaces, processes, steps, notes
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static Started up(Topology topology, NetnsRegistry registry, Options options) throws NetnsException {
        try (LabLock ignored = LabLock.take(options.lockDirectory(), topology.name())) {
            List<String> stuck = LabUpdate.finishInterrupted(topology.name(), registry, options.lockDirectory(),
                    options.progress(), builder(registry, options, true));
            if (!stuck.isEmpty()) {
                throw new LabException("lab \"" + topology.name() + "\" was left midway by an interrupted \"lab up\", and "
                        + String.join("; ", stuck) + "; nothing else was done (\"lab down " + topology.name()
                        + "\" removes the lab)", stuck, null);
            }
            Change change = change(topology, registry, options, true);
            if (change.updated() && topology.source() == null) {
                throw new AlreadyExistsException("Lab \"" + topology.name() + "\" is running and this topology was"
                        + " made in code, without a file to keep as the lab's state; nothing was changed (\"lab down "
                        + topology.name() + "\" first, or read the topology with TopologyFile)", 17, null);
            }
            if (change.updated() && !change.plan().steps().isEmpty()) {
                LabUpdate.check(change.plan(), registry, new java.util.LinkedHashSet<>(
                        LabMarks.owned(registry, topology.name())));
                LabState.writePending(options.lockDirectory(), topology);
            }
            LabBuild build = builder(registry, options, change.updated()).apply(topology);
            try {
                build.run(change.plan());
            } catch (NetnsException | RuntimeException e) {
                List<String> left = new ArrayList<>(build.rollBack());
                build.closeHandles();
                if (change.updated()) {
                    String why = LabUpdate.rollBackFailed(topology, registry, options.lockDirectory(), left,
                            builder(registry, options, true));
                    throw new LabException("lab up \"" + topology.name() + "\" failed at " + e.getMessage() + "; "
                            + why, left, e);
                }
                throw new LabException("lab up \"" + topology.name() + "\" failed at " + e.getMessage() + "; "
                        + (left.isEmpty() ? "what it created was removed" : "could not undo: "
                        + String.join("; ", left)), left, e);
            } finally {
                build.closeHandles();
            }
            if (topology.source() != null) {
                try {
                    LabState.write(options.lockDirectory(), topology);
                    LabState.deletePending(options.lockDirectory(), topology.name());
                } catch (NetnsException e) {
                    throw new LabException("lab \"" + topology.name() + "\" is up, but its state could not be kept ("
                            + e.getMessage() + "), so it cannot be updated in place: \"lab down " + topology.name()
                            + "\", then \"lab up\" again to change it", List.of(), e);
                }
            }
            return new Started(topology.name(), build.created(), build.pids(), change.plan().steps(), change.updated(),
                    build.notes());
        }
    }

    private static java.util.function.Function<Topology, LabBuild> builder(NetnsRegistry registry, Options options,
                                                                          boolean updating) {
        return t -> new LabBuild(t, registry, updating, options.progress(), options.etcNetns(), options.deleteWait(),
                options.lockDirectory(), options.inProcessSupervisor())
                .impairmentHost(impairmentHost(t.name(), registry, options));
    }

    /** The host of the lab's userspace impairment engines: the options' own, else the lab's supervisor. */
    private static ImpairmentHost impairmentHost(String lab, NetnsRegistry registry, Options options) {
        return options.impairmentHost() != null ? options.impairmentHost() : new SupervisorImpairmentHost(lab,
                options.lockDirectory(), options.etcNetns(), registry, options.inProcessSupervisor());
    }

    /**
     * The steps {@code up} would run now, and whether they update a running lab.
     *
     * @param plan the steps, printable as commands
     * @param updated true when they change a running lab, false when they build it
     */
    public record Change(Plan plan, boolean updated) {
    }

    /**
     * What {@link #up} would do now, without doing it: the full plan for a lab that is not on
     * the machine, the changes for one that is. {@code netns4j lab up --dry-run FILE}.
     *
     * @param topology the lab, as read from its file or built with {@code LabSpec}
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @param options the lab directory, progress lines and other settings
     * @return the steps {@code up} would run, and whether they update a running lab
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static Change plan(Topology topology, NetnsRegistry registry, Options options) throws NetnsException {
        return change(topology, registry, options, false);
    }

    /**
     * The plan or the changes for {@code topology}. A node's name that is only an empty file (a
     * {@code lab up} or {@code ip netns add} killed between creating the file and mounting the
     * namespace on it) is no namespace and nobody's: {@code up} removes it ({@code removeLeftovers})
     * as {@code lab down} does, a dry run counts it as absent.
     */
    private static Change change(Topology topology, NetnsRegistry registry, Options options, boolean removeLeftovers)
            throws NetnsException {
        List<String> owned = LabMarks.owned(registry, topology.name());
        List<String> names = withoutEmptyFiles(topology, registry, owned, removeLeftovers);
        if (owned.isEmpty()) {
            refuseForeign(topology, names, java.util.Set.of());
            return new Change(Plan.of(topology), false);
        }
        Topology old = LabState.read(options.lockDirectory(), topology.name()).orElseThrow(() ->
                new AlreadyExistsException("Lab \"" + topology.name() + "\" is on the machine (" + owned.size()
                        + " namespaces) but has no state to update it from (its last \"lab up\" was interrupted,"
                        + " or made from code); nothing was changed (\"lab down " + topology.name() + "\" first)",
                        17, null));
        refuseForeign(topology, names, new java.util.HashSet<>(owned));
        return new Change(Reconcile.changes(old, topology, new java.util.LinkedHashSet<>(owned)), true);
    }

    private static List<String> withoutEmptyFiles(Topology topology, NetnsRegistry registry, List<String> owned,
                                                  boolean remove) throws NetnsException {
        List<String> names = new java.util.ArrayList<>(registry.names());
        for (TopologyNode n : topology.nodes()) {
            String ns = topology.namespace(n.name());
            if (!names.contains(ns) || owned.contains(ns)) {
                continue;
            }
            boolean empty;
            if (remove) {
                empty = registry.removeUnmounted(ns);
            } else {
                try (Netns ignored = registry.open(ns)) {
                    empty = false;
                } catch (io.netns4j.error.NamespaceNotReadyException e) {
                    empty = true;
                } catch (io.netns4j.error.NotFoundException e) {
                    empty = true;
                }
            }
            if (empty) {
                names.remove(ns);
            }
        }
        return names;
    }

    /** A namespace with a node's name that is not the lab's is never taken over. */
    private static void refuseForeign(Topology topology, List<String> names, java.util.Set<String> owned)
            throws AlreadyExistsException {
        for (TopologyNode n : topology.nodes()) {
            String ns = topology.namespace(n.name());
            if (names.contains(ns) && !owned.contains(ns)) {
                throw new AlreadyExistsException("Namespace \"" + ns + "\" exists and is not lab \""
                        + topology.name() + "\"'s (its lo has no mark " + mark(topology.name())
                        + "); nothing was changed (delete it, or rename the lab or node \"" + n.name() + "\")", 17, null);
            }
        }
    }

    /**
     * Changes an endpoint's impairment at run time: {@code lab impair LAB NODE:IF delay 50ms
     * loss 1% rate 10mbit [engine kernel|userspace]} ({@link Impairment#NONE}: remove it), through
     * {@link LinkImpairments#apply}: netem where the kernel has it, the userspace engine (hosted by
     * {@link Options#impairmentHost()}) otherwise or when asked. A setting the engine cannot apply,
     * or a userspace engine without a host, is a {@link io.netns4j.lab.fault.FaultException} and the
     * previous impairment stays. The lab's file is not changed.
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param endpoint {@code NODE:IF}, an interface of a node
     * @param impairment netem's settings ({@code delay 100ms loss 5%}), or {@code Impairment.NONE}
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @param options the lab directory, progress lines and other settings
     * @return the engine that applied it and the impairment now in place
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static LinkImpairments.Applied impair(String lab, String endpoint, Impairment impairment,
                                                 NetnsRegistry registry, Options options) throws NetnsException {
        String device = device(endpoint);
        try (LabLock ignored = LabLock.take(options.lockDirectory(), lab);
             Netns n = openNode(lab, endpoint, registry)) {
            n.links().get(device); // names a missing device before anything changes
            return LinkImpairments.apply(n, device, impairment, impairmentHost(lab, registry, options));
        }
    }

    /**
     * What {@code down} removed.
     *
     * @param name the lab's name
     * @param namespaces the namespaces deleted
     * @param files the hosts and state files removed
     */
    public record Removed(String name, List<String> namespaces, List<Path> files) {
        /** Copies the lists: the value does not change with the caller's. */
        public Removed {
            namespaces = List.copyOf(namespaces);
            files = List.copyOf(files);
        }
    }

    /**
     * {@link #down(String, NetnsRegistry, Options)} with the default options
     * ({@code netns4j lab down NAME}).
     *
     * @param name the lab's name
     * @param registry the namespaces' registry ({@code /run/netns})
     * @return what was removed
     * @throws NetnsException when something could not be removed; it names what is left
     */
    public static Removed down(String name, NetnsRegistry registry) throws NetnsException {
        return down(name, registry, Options.defaults());
    }

    /**
     * Removes lab {@code name}: stops the processes inside its namespaces, deletes every
     * namespace whose {@code lo} carries the lab's mark (all first, then waiting once until the
     * kernel has freed them, and with them the veths: {@link NetnsRegistry#deleteAll}), and removes the {@code /etc/netns/NS/hosts} files the lab wrote (and
     * their directories, when empty, as well as the empty directory or {@code .hosts.tmp} of one
     * that a killed {@code up} was writing), the lab's state file, and the empty, unmounted
     * {@code <lab>-*} namespace files a crash between creating the file and mounting on it
     * leaves. Works without any state, after a crash too. Namespaces without the mark are
     * never touched. Removing a lab that is not there removes nothing.
     *
     * @param name the lab's name
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @param options the lab directory, progress lines and other settings
     * @return the namespaces and files removed; empty lists when the lab was not there
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static Removed down(String name, NetnsRegistry registry, Options options) throws NetnsException {
        try (LabRelease release = downLater(name, registry, options)) {
            release.await(options.deleteWait());
            return release.removed();
        }
    }

    /**
     * {@link #down} up to the kernel's freeing of the namespaces, which goes on in the
     * background: everything is stopped, deleted and removed, the lab's lock is free again,
     * and {@link LabRelease#await} waits for the kernel later (a test harness takes one lab down
     * and builds the next meanwhile). If something is left already, this waits as down does
     * and throws.
     *
     * @param name the lab's name
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @param options the lab directory, progress lines and other settings
     * @return what to await
     * @throws LabException something could not be removed (named)
     */
    public static LabRelease downLater(String name, NetnsRegistry registry, Options options) throws NetnsException {
        return LabDown.run(name, registry, options);
    }

    /**
     * The namespace of node {@code node} of running lab {@code lab}, checked to carry the lab's
     * mark: what {@code lab exec LAB NODE CMD} runs in ({@code ip netns exec LAB-NODE CMD}).
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param node the node's name in the lab file
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @return the namespace's name, {@code LAB-NODE}
     * @throws NotFoundException naming the lab's nodes when there is no such node, or no such lab
     */
    public static String namespace(String lab, String node, NetnsRegistry registry) throws NetnsException {
        String wanted = Topology.namespaceName(lab, node);
        if (LabMarks.carries(registry, wanted, lab)) {
            return wanted; // the usual case in one query; the lab's other namespaces only for the message
        }
        List<String> owned = LabMarks.owned(registry, lab);
        if (owned.isEmpty()) {
            throw new NotFoundException("No lab \"" + lab + "\" on this machine (\"netns4j lab list\" shows the labs)",
                    2, null);
        }
        String ns = Topology.namespaceName(lab, node);
        if (!owned.contains(ns)) {
            throw new NotFoundException("Lab \"" + lab + "\" has no node \"" + node + "\"; its nodes: " + String.join(" ",
                    owned.stream().map(n -> n.substring(lab.length() + 1)).toList()), 2, null);
        }
        return ns;
    }

    /**
     * Sets an endpoint's link down or up at run time: {@code lab link LAB NODE:IF down|up},
     * equivalent to {@code ip -n LAB-NODE link set IF down|up}. Down, the veth stops carrying
     * traffic both ways (its peer loses carrier); up restores it, with its addresses and
     * routes (the kernel keeps addresses, and routes through the device come back).
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param endpoint {@code NODE:IF}, an interface of a node
     * @param up true for {@code up}, false for {@code down}
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static void setLink(String lab, String endpoint, boolean up, NetnsRegistry registry) throws NetnsException {
        String device = device(endpoint);
        try (Netns n = openNode(lab, endpoint, registry)) {
            Link link = n.links().get(device);
            if (link.name().equals("lo")) {
                throw new InvalidRequestException("\"" + endpoint + "\" is the loopback device; name one of the node's"
                        + " links", 22, null);
            }
            n.links().set(up ? LinkRequest.change(device).withUp() : LinkRequest.change(device).withDown());
        }
    }

    /** The interface of {@code NODE:INTERFACE}. */
    private static String device(String endpoint) throws InvalidRequestException {
        int colon = endpoint.indexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1) {
            throw new InvalidRequestException("\"" + endpoint + "\" is not NODE:INTERFACE; write e.g. \"a:eth1\"", 22, null);
        }
        return endpoint.substring(colon + 1);
    }

    /** The namespace of {@code NODE:INTERFACE}'s node, checked to be the lab's, opened. */
    private static Netns openNode(String lab, String endpoint, NetnsRegistry registry) throws NetnsException {
        device(endpoint);
        return registry.open(namespace(lab, endpoint.substring(0, endpoint.indexOf(':')), registry));
    }

    /**
     * The topology running lab {@code name} was last built (or updated) from: its kept state.
     * Empty when the lab has no state (not up, or its {@code lab up} was interrupted).
     *
     * @param name the lab's name
     * @param options the lab directory, progress lines and other settings
     * @return the kept topology, or empty
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static Optional<Topology> topology(String name, Options options) throws NetnsException {
        return LabState.read(options.lockDirectory(), name);
    }

    /**
     * Labs on the machine, found by the marks on their namespaces; equivalent to reading every {@code lo} alias.
     *
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @return one summary per lab: its name and namespaces, sorted by name
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static List<LabSummary> list(NetnsRegistry registry) throws NetnsException {
        return LabMarks.owned(registry).entrySet().stream().map(e -> new LabSummary(e.getKey(), e.getValue())).toList();
    }

    /**
     * Lab {@code name} as it is on the machine: each node's namespace and its interfaces
     * ({@code lo} left out) with their addresses and impairments; empty when no namespace carries
     * the mark. What {@code netns4j lab show NAME} prints.
     *
     * @param name the lab's name
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @return the lab's nodes as found, or empty when there is no such lab
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static Optional<List<LabNode>> show(String name, NetnsRegistry registry) throws NetnsException {
        return LabInspection.show(name, registry);
    }

    // ---- faults: partitions (impairments are above) ----

    /**
     * The running lab's nodes and their roles for a partition ({@link Partitions#nodes}): hosts,
     * routers (forwarding on), and bridge nodes (no address of their own). Each list sorted by name.
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @return the hosts, routers and bridges, each sorted by name
     * @throws NotFoundException no lab of that name on the machine
     */
    public static PartitionNodes partitionNodes(String lab, NetnsRegistry registry) throws NetnsException {
        return Partitions.nodes(running(lab, registry), registry);
    }

    /**
     * Reads the words of {@code netns4j lab partition LAB WORDS...} ({@code a,b / c [--oneway]},
     * {@code isolate NODE}, {@code halves}, {@code majority}, {@code ring}, {@code bridge}, each
     * with an optional node list) against the running lab's nodes ({@link PartitionWords}).
     * Changes nothing.
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param words the words as the command line gives them, one per element
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @return the partition the words describe, on these nodes
     * @throws IllegalArgumentException the words are wrong: what is wrong and how to write it instead
     * @throws NotFoundException        no lab of that name on the machine
     */
    public static Partition parsePartition(String lab, List<String> words, NetnsRegistry registry)
            throws NetnsException {
        return PartitionWords.parse(words, partitionNodes(lab, registry));
    }

    /**
     * {@link #partition(String, Partition, NetnsRegistry, Options)} with the default options (lock directory).
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param partition the partition: for each receiving node, the nodes whose packets it drops
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @return the partition now in place
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static Partition partition(String lab, Partition partition, NetnsRegistry registry) throws NetnsException {
        return partition(lab, partition, registry, Options.defaults());
    }

    /**
     * Puts {@code partition} in place on running lab {@code lab}, replacing the one it had
     * ({@link Partition#none()}: heals): {@code netns4j lab partition LAB WORDS...}. Each node
     * that must drop traffic gets the table {@code inet netns4j_partition} ({@link Partitions}
     * shows the equivalent {@code nft} script); nodes that no longer drop anything lose it.
     * Holds the lab's lock. Everything is checked before the first change.
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param partition the partition: for each receiving node, the nodes whose packets it drops
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @param options the lab directory, progress lines and other settings
     * @return the partition that was in place before
     * @throws NotFoundException       no such lab, or the partition names a node the lab lacks
     * @throws InvalidRequestException a sender has no address, or a node name too long for a rule comment
     * @throws LabException            a namespace refused the change (the others were put back)
     */
    public static Partition partition(String lab, Partition partition, NetnsRegistry registry, Options options)
            throws NetnsException {
        try (LabLock ignored = LabLock.take(options.lockDirectory(), lab)) {
            return Partitions.apply(lab, running(lab, registry), registry, partition);
        } catch (FaultException e) {
            throw labException(e);
        }
    }

    /**
     * {@link #heal(String, NetnsRegistry, Options)} with the default options (lock directory).
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @return the partition that was removed; {@link Partition#none()} when there was none
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static Partition heal(String lab, NetnsRegistry registry) throws NetnsException {
        return heal(lab, registry, Options.defaults());
    }

    /**
     * Removes running lab {@code lab}'s partition: {@code netns4j lab heal LAB}, that is
     * {@code nft delete table inet netns4j_partition} in each namespace that has it. Holds the
     * lab's lock. A lab without a partition is left as it is.
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @param options the lab directory, progress lines and other settings
     * @return the partition that was removed ({@link Partition#none()} when there was none)
     * @throws NotFoundException no such lab
     * @throws LabException      a table could not be removed (the others were)
     */
    public static Partition heal(String lab, NetnsRegistry registry, Options options) throws NetnsException {
        try (LabLock ignored = LabLock.take(options.lockDirectory(), lab)) {
            return Partitions.heal(lab, running(lab, registry), registry);
        } catch (FaultException e) {
            throw labException(e);
        }
    }

    /**
     * The partition in place on running lab {@code lab}, read back from its namespaces' tables
     * ({@code nft -j list table inet netns4j_partition} in each); {@link Partition#none()} when
     * there is none. What {@code netns4j lab show LAB} prints after {@code partition:}.
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @return the partition in place, or {@link Partition#none()}
     * @throws NotFoundException no lab of that name on the machine
     */
    public static Partition currentPartition(String lab, NetnsRegistry registry) throws NetnsException {
        return Partitions.current(running(lab, registry), registry);
    }

    /** The running lab's nodes, as {@link #show} finds them. */
    private static List<LabNode> running(String lab, NetnsRegistry registry) throws NetnsException {
        return show(lab, registry).orElseThrow(() -> new NotFoundException("No lab \"" + lab + "\" on this"
                + " machine: no namespace carries its mark (\"netns4j lab list\" shows the labs)", 2, null));
    }

    private static LabException labException(FaultException e) {
        return new LabException(e.getMessage(), e.notUndone(), e.getCause());
    }
}
