package io.netns4j.lab;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.address.Address;
import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.link.Link;
import io.netns4j.link.LinkRequest;
import io.netns4j.types.InetText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Labs on the machine: {@link #up} builds a {@link Topology} by carrying out its {@link Plan}
 * through the library, {@link #down} removes a lab, {@link #list} and {@link #show} find labs.
 *
 * <p><b>Ownership is marked on the objects</b>, so {@code down} needs no state file and works
 * after a crash: right after creating a namespace, {@code up} sets the alias of its {@code lo}
 * to {@code netns4j-lab:<lab>} ({@code ip -n NS link set lo alias netns4j-lab:LAB}), and each
 * {@code /etc/netns/NS/hosts} it writes starts with {@code # netns4j-lab:<lab>}. {@code down}
 * removes exactly the namespaces whose {@code lo} carries the lab's mark; a namespace without
 * the mark is never touched, even when its name starts with {@code <lab>-}.
 *
 * <p>Commands that change one lab are serialised by an exclusive {@code flock} on
 * {@code /run/netns4j/labs/<lab>.lock} ({@link LabLock}). The marks say what the lab owns;
 * the file the lab was built from is kept next to the lock ({@link LabState}) only so that the
 * next {@code up} can update the lab in place.
 */
public final class Lab {
    /** The alias of {@code lo} in every namespace of lab {@code L}: {@code netns4j-lab:L}. */
    public static final String MARK_PREFIX = "netns4j-lab:";
    static final String HOSTS_HEADER = "# " + MARK_PREFIX;

    private Lab() {
    }

    /**
     * How labs are run.
     *
     * @param progress    receives one line per long step (namespaces, veths, commands)
     * @param lockDirectory where {@code <lab>.lock} and the lab's state {@code <lab>.yaml} live
     * @param etcNetns    where {@code NS/hosts} files go ({@code /etc/netns}, which {@code netns exec} reads)
     * @param deleteWait  how long {@code down} waits for each namespace to be freed
     */
    public record Options(Consumer<String> progress, Path lockDirectory, Path etcNetns, Duration deleteWait) {
        public static Options defaults() {
            return new Options(line -> { }, Path.of("/run/netns4j/labs"), Path.of("/etc/netns"), Duration.ofSeconds(30));
        }

        public Options withLockDirectory(Path value) {
            return new Options(progress, value, etcNetns, deleteWait);
        }

        public Options withProgress(Consumer<String> value) {
            return new Options(value, lockDirectory, etcNetns, deleteWait);
        }

        public Options withEtcNetns(Path value) {
            return new Options(progress, lockDirectory, value, deleteWait);
        }

        public Options withDeleteWait(Duration value) {
            return new Options(progress, lockDirectory, etcNetns, value);
        }
    }

    /**
     * What {@code up} did: the namespaces it created, in order, the ids of the {@code exec}
     * processes it started, and the steps it ran ({@code updated}: it changed a running lab;
     * no steps: the lab was up to date); {@code notes}: what the file asks that this kernel
     * cannot do, though the lab is up (impairment settings without netem).
     */
    public record Started(String name, List<String> namespaces, List<Long> pids, List<Step> steps, boolean updated,
                          List<String> notes) {
        public Started {
            namespaces = List.copyOf(namespaces);
            pids = List.copyOf(pids);
            steps = List.copyOf(steps);
            notes = List.copyOf(notes);
        }
    }

    static String mark(String lab) {
        return MARK_PREFIX + lab;
    }

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
     * interrupted before it finished: {@code lab down} it first). A failure midway removes the namespaces this run created, newest first; the
     * {@link LabException} names anything that could not be removed (changes to a running lab
     * other than new namespaces are not undone: run {@code lab up} again, or {@code lab down}).
     */
    public static Started up(Topology topology, NetnsRegistry registry, Options options) throws NetnsException {
        try (LabLock ignored = LabLock.take(options.lockDirectory(), topology.name())) {
            Change change = change(topology, registry, options);
            if (change.updated() && topology.source() == null) {
                throw new AlreadyExistsException("Lab \"" + topology.name() + "\" is running and this topology was"
                        + " made in code, without a file to keep as the lab's state; nothing was changed (\"lab down "
                        + topology.name() + "\" first, or read the topology with TopologyFile)", 17, null);
            }
            LabBuild build = new LabBuild(topology, registry, options, change.updated());
            try {
                build.run(change.plan());
            } catch (NetnsException | RuntimeException e) {
                List<String> left = build.rollBack();
                throw new LabException("lab up \"" + topology.name() + "\" failed at " + e.getMessage() + "; "
                        + (left.isEmpty() ? (change.updated() ? "the namespaces it created were removed"
                        : "what it created was removed") : "could not undo: "
                        + String.join("; ", left)) + (change.updated() ? "; its other changes to the running lab"
                        + " stay (\"lab up\" again to finish, or \"lab down\")" : ""), left, e);
            } finally {
                build.closeHandles();
            }
            if (topology.source() != null) {
                try {
                    LabState.write(options.lockDirectory(), topology);
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

    /** The steps {@code up} would run now, and whether they update a running lab. */
    public record Change(Plan plan, boolean updated) {
    }

    /**
     * What {@link #up} would do now, without doing it: the full plan for a lab that is not on
     * the machine, the changes for one that is. {@code netns4j lab up --dry-run FILE}.
     */
    public static Change plan(Topology topology, NetnsRegistry registry, Options options) throws NetnsException {
        return change(topology, registry, options);
    }

    private static Change change(Topology topology, NetnsRegistry registry, Options options) throws NetnsException {
        List<String> owned = owned(registry, topology.name());
        List<String> names = registry.names();
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

    /** A namespace with a node's name that is not the lab's is never taken over. */
    private static void refuseForeign(Topology topology, List<String> names, java.util.Set<String> owned)
            throws AlreadyExistsException {
        for (Node n : topology.nodes()) {
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
     * loss 1% rate 10mbit} ({@link Impairment#NONE}: remove it), through
     * {@link LinkImpairments#apply}: netem where the kernel has it; otherwise tbf for the
     * rate, an nftables random drop for loss, and the rest reported as not applied. The lab's
     * file is not changed: the next {@code lab up} re-applies the file's setting only if the
     * file's setting changed.
     */
    public static LinkImpairments.Applied impair(String lab, String endpoint, Impairment impairment,
                                                 NetnsRegistry registry, Options options) throws NetnsException {
        String device = device(endpoint);
        try (LabLock ignored = LabLock.take(options.lockDirectory(), lab);
             Netns n = openNode(lab, endpoint, registry)) {
            n.links().get(device); // names a missing device before anything changes
            if (impairment.isNone()) {
                LinkImpairments.clear(n, device);
                return new LinkImpairments.Applied(List.of(), List.of(), Impairment.NONE);
            }
            return LinkImpairments.apply(n, device, impairment);
        }
    }

    /** What {@code down} removed. */
    public record Removed(String name, List<String> namespaces, List<Path> files) {
        public Removed {
            namespaces = List.copyOf(namespaces);
            files = List.copyOf(files);
        }
    }

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
     */
    public static Removed down(String name, NetnsRegistry registry, Options options) throws NetnsException {
        try (LabLock lock = LabLock.take(options.lockDirectory(), name)) {
            List<String> owned = owned(registry, name);
            List<String> left = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            try {
                for (List<Long> pids : registry.pids(owned).values()) {
                    for (long pid : pids) {
                        if (pid != ProcessHandle.current().pid()) {
                            ProcessHandle.of(pid).ifPresent(h -> left.addAll(stop(h)));
                        }
                    }
                }
            } catch (NetnsException e) {
                left.add("processes in the lab: " + e.getMessage());
            }
            options.progress().accept("removing " + owned.size() + " namespaces");
            Map<String, NetnsException> failed = registry.deleteAll(owned.reversed(), options.deleteWait());
            for (String ns : owned) {
                if (failed.containsKey(ns)) {
                    left.add("namespace " + ns + ": " + failed.get(ns).getMessage());
                } else {
                    removed.add(ns);
                }
            }
            List<Path> files = removeHostsFiles(name, options.etcNetns(), owned, left);
            for (String ns : registry.names()) {
                if (ns.startsWith(name + "-") && !owned.contains(ns)) {
                    try {
                        if (registry.removeUnmounted(ns)) {
                            files.add(registry.directory().resolve(ns));
                        }
                    } catch (NetnsException e) {
                        left.add("empty namespace file " + ns + ": " + e.getMessage());
                    }
                }
            }
            try {
                if (LabState.delete(options.lockDirectory(), name)) {
                    files.add(LabState.file(options.lockDirectory(), name));
                }
            } catch (NetnsException e) {
                left.add(e.getMessage());
            }
            if (!left.isEmpty()) {
                throw new LabException("lab down \"" + name + "\" left things behind: " + String.join("; ", left), left,
                        null);
            }
            lock.removeFile();
            return new Removed(name, removed, files);
        }
    }

    /**
     * The hosts files of {@code lab} (marked on their first line) under {@code etc}, and their
     * directories when empty. A {@code lab up} killed while writing one leaves its directory
     * empty or holding only the temporary {@code .hosts.tmp} (empty, or marked): those go too
     * when the directory's namespace was the lab's ({@code owned}).
     */
    private static List<Path> removeHostsFiles(String lab, Path etc, List<String> owned, List<String> left) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(etc)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(etc, p -> p.getFileName().toString()
                .startsWith(lab + "-"))) {
            for (Path dir : ds) {
                boolean labs = owned.contains(dir.getFileName().toString());
                try {
                    for (Path f : List.of(dir.resolve("hosts"), dir.resolve(".hosts.tmp"))) {
                        boolean temporary = f.getFileName().toString().equals(".hosts.tmp");
                        if (Files.isRegularFile(f) && (firstLine(f).equals(HOSTS_HEADER + lab) || temporary && labs)) {
                            Files.delete(f);
                            out.add(f);
                            labs = true;
                        }
                    }
                    if (labs && Files.isDirectory(dir)) {
                        try (var rest = Files.list(dir)) {
                            if (rest.findAny().isEmpty()) {
                                Files.delete(dir);
                                out.add(dir);
                            }
                        }
                    }
                } catch (IOException e) {
                    left.add(dir + ": " + e);
                }
            }
        } catch (IOException e) {
            left.add(etc + ": " + e);
        }
        return out;
    }

    private static String firstLine(Path file) throws IOException {
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            return line == null ? "" : line;
        }
    }

    /** Stops a process started by a lab: SIGTERM, then SIGKILL after two seconds. */
    static List<String> stop(ProcessHandle h) {
        try {
            h.destroy();
            h.onExit().get(2, TimeUnit.SECONDS);
            return List.of();
        } catch (Exception e) {
            h.destroyForcibly();
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
                return List.of();
            } catch (Exception e2) {
                return List.of("process " + h.pid() + " did not end");
            }
        }
    }

    /**
     * The namespace of node {@code node} of running lab {@code lab}, checked to carry the lab's
     * mark: what {@code lab exec LAB NODE CMD} runs in ({@code ip netns exec LAB-NODE CMD}).
     *
     * @throws NotFoundException naming the lab's nodes when there is no such node, or no such lab
     */
    public static String namespace(String lab, String node, NetnsRegistry registry) throws NetnsException {
        List<String> owned = owned(registry, lab);
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
     */
    public static void setLink(String lab, String endpoint, boolean up, NetnsRegistry registry) throws NetnsException {
        String device = device(endpoint);
        try (Netns n = openNode(lab, endpoint, registry)) {
            Link link = n.links().get(device);
            if (link.name().equals("lo")) {
                throw new InvalidRequestException("\"" + endpoint + "\" is the loopback device; name one of the node's"
                        + " links", 22, null);
            }
            n.links().set(up ? LinkRequest.change(device).up() : LinkRequest.change(device).down());
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
     */
    public static Optional<Topology> topology(String name, Options options) throws NetnsException {
        return LabState.read(options.lockDirectory(), name);
    }

    /** Labs on the machine, found by the marks on their namespaces; equivalent to reading every {@code lo} alias. */
    public static List<LabSummary> list(NetnsRegistry registry) throws NetnsException {
        return owned(registry).entrySet().stream().map(e -> new LabSummary(e.getKey(), e.getValue())).toList();
    }

    /** Lab name to its namespaces (sorted), from the alias of each namespace's {@code lo}. */
    private static Map<String, List<String>> owned(NetnsRegistry registry) throws NetnsException {
        return ownedByLab(registry, "");
    }

    /**
     * Lab {@code lab}'s namespaces (sorted; none: empty list). Only names starting with
     * {@code <lab>-} are opened, since {@code up} names every namespace so; the mark decides.
     */
    static List<String> owned(NetnsRegistry registry, String lab) throws NetnsException {
        return ownedByLab(registry, lab + "-").getOrDefault(lab, List.of());
    }

    private static Map<String, List<String>> ownedByLab(NetnsRegistry registry, String prefix) throws NetnsException {
        Map<String, List<String>> out = new TreeMap<>();
        for (String ns : registry.names()) {
            if (!ns.startsWith(prefix)) {
                continue;
            }
            String alias;
            try (Netns n = registry.open(ns)) {
                alias = n.links().get("lo").alias();
            } catch (NetnsException e) {
                continue; // being created or deleted, or not ours to read
            }
            if (alias != null && alias.startsWith(MARK_PREFIX)) {
                out.computeIfAbsent(alias.substring(MARK_PREFIX.length()), k -> new ArrayList<>()).add(ns);
            }
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    /**
     * Lab {@code name} as it is on the machine: each node's namespace and its interfaces
     * ({@code lo} left out) with their addresses; empty when no namespace carries the mark.
     */
    public static Optional<List<LabNode>> show(String name, NetnsRegistry registry) throws NetnsException {
        List<String> owned = owned(registry, name);
        if (owned.isEmpty()) {
            return Optional.empty();
        }
        List<LabNode> nodes = new ArrayList<>();
        for (String ns : owned) {
            List<LabNode.Interface> ifs = new ArrayList<>();
            try (Netns n = registry.open(ns)) {
                List<Link> links = n.links().list();
                Map<Integer, String> names = new java.util.HashMap<>();
                links.forEach(l -> names.put(l.index(), l.name()));
                Map<Integer, List<String>> addresses = new java.util.HashMap<>();
                for (Address a : n.addresses().list()) {
                    addresses.computeIfAbsent(a.index(), k -> new ArrayList<>())
                            .add(InetText.format(a.local()) + "/" + a.prefixLength());
                }
                // read impairments only where there can be one: a root tbf or netem, or a drop chain
                java.util.Set<Integer> shaped = new java.util.HashSet<>();
                for (io.netns4j.qdisc.Qdisc q : n.qdiscs().list()) {
                    if (q.isRoot() && (q.kind().equals("tbf") || q.kind().equals("netem"))) {
                        shaped.add(q.ifindex());
                    }
                }
                java.util.Set<String> dropChains = new java.util.HashSet<>(EgressDrop.chains(n));
                for (Link l : links) {
                    if (l.name().equals("lo")) {
                        continue;
                    }
                    String master = l.master() == 0 ? null : names.get(l.master());
                    boolean impaired = shaped.contains(l.index()) || dropChains.contains(EgressDrop.chain(l.name()));
                    ifs.add(new LabNode.Interface(l.name(), l.kind(), l.isUp(), l.mtu(), master,
                            addresses.getOrDefault(l.index(), List.of()),
                            impaired ? LinkImpairments.current(n, l.name()) : Impairment.NONE));
                }
            }
            String node = ns.startsWith(name + "-") ? ns.substring(name.length() + 1) : ns;
            nodes.add(new LabNode(node, ns, ifs));
        }
        return Optional.of(nodes);
    }
}
