package io.netns4j.lab;

import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.lab.fault.Partition;
import io.netns4j.lab.model.ServiceStatus;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.model.TopologyNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lab that lives as long as this object: {@link #start} is {@code lab up} with the lab's
 * supervisor inside this JVM, {@link #close} is {@code lab down}. Its nodes ({@link #node}) run
 * Java code inside their namespaces, processes and services:
 * <pre>{@code
 * try (RunningLab lab = RunningLab.start(LabSpec.named("db").bridge("sw").hosts("n1", "n2").on("sw").topology())) {
 *     lab.node("n1").startJava("server", () -> serve(8080));   // threads inside n1's namespace
 *     lab.node("n2").call(() -> get("http://n1:8080/"));         // from inside n2
 *     lab.partition("n1 / n2");
 * }
 * }</pre>
 */
public final class RunningLab implements AutoCloseable {
    private final Topology topology;
    private final NetnsRegistry registry;
    private final Lab.Options options;
    private final Map<String, RunningNode> nodes = new LinkedHashMap<>();
    private boolean closed;

    private RunningLab(Topology topology, NetnsRegistry registry, Lab.Options options) {
        this.topology = topology;
        this.registry = registry;
        this.options = options;
    }

    /**
     * {@link #start(Topology, NetnsRegistry, Lab.Options)} in the system's run directory, default options.
     *
     * @param topology the lab, as read from its file or built with {@code LabSpec}
     * @return the running lab; closing it takes the lab down
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static RunningLab start(Topology topology) throws NetnsException {
        return start(topology, NetnsRegistry.system(), Lab.Options.defaults());
    }

    /**
     * Builds the lab ({@link Lab#up}) with its supervisor in this JVM (whatever {@code options}
     * says about it), and waits as {@code lab up} does (readiness, IPv6 addresses).
     *
     * @param topology the lab, as read from its file or built with {@code LabSpec}
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @param options the lab directory, progress lines and other settings
     * @return a checked copy; this one is unchanged
     * @throws NetnsException the lab could not be built (what it made is removed)
     */
    public static RunningLab start(Topology topology, NetnsRegistry registry, Lab.Options options)
            throws NetnsException {
        Lab.Options o = options.withInProcessSupervisor(true);
        Lab.up(topology, registry, o);
        return new RunningLab(topology, registry, o);
    }

    /**
     * {@return the lab's name}
     */
    public String name() {
        return topology.name();
    }

    /**
     * {@return what it was built from}
     */
    public Topology topology() {
        return topology;
    }

    /**
     * {@return the options it runs with (its lab directory, its in-process supervisor)}
     */
    public Lab.Options options() {
        return options;
    }

    /**
     * {@return the registry its namespaces are in}
     */
    public NetnsRegistry registry() {
        return registry;
    }

    /**
     * Node {@code name}.
     *
     * @param name the node's name in the lab file
     * @return the node
     * @throws NotFoundException the lab has no such node, naming those it has
     */
    public synchronized RunningNode node(String name) throws NotFoundException {
        checkOpen();
        RunningNode n = nodes.get(name);
        if (n != null) {
            return n;
        }
        TopologyNode spec = topology.node(name).orElseThrow(() -> new NotFoundException("Lab \"" + name()
                + "\" has no node \"" + name + "\"; its nodes: " + String.join(" ", topology.nodes().stream()
                .map(TopologyNode::name).toList()), 2, null));
        n = new RunningNode(this, spec);
        nodes.put(name, n);
        return n;
    }

    /**
     * {@return every service, as {@code lab ps} shows them}
     *
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public List<ServiceStatus> services() throws NetnsException {
        return LabServices.list(name(), options);
    }

    /**
     * {@code lab partition LAB WORDS}: e.g. {@code "n1,n2 / n3"}, {@code "isolate n1"}, {@code "halves"}.
     *
     * @param words the words as the command line gives them, one per element
     * @return the partition now in place
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public Partition partition(String words) throws NetnsException {
        Partition p = Lab.parsePartition(name(), List.of(words.trim().split("\\s+")), registry);
        Lab.partition(name(), p, registry, options);
        return p;
    }

    /**
     * {@code lab heal LAB}.
     *
     * @return the partition that was removed; {@link Partition#none()} when there was none
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public Partition heal() throws NetnsException {
        return Lab.heal(name(), registry, options);
    }

    /**
     * Stops the Java code running in its nodes, closes their handles, and takes the lab down
     * ({@link Lab#down}): services, namespaces, files. Safe to call twice.
     *
     * @throws LabException something could not be removed (named)
     */
    @Override
    public void close() throws NetnsException {
        try (LabRelease release = closeLater()) {
            if (release != null) {
                release.await(options.deleteWait());
            }
        }
    }

    /**
     * {@link #close} but for the kernel's freeing of the namespaces ({@link Lab#downLater}):
     * await the release later, e.g. once a test class is done, to build the next lab meanwhile.
     *
     * @return what to await, or null if the lab was closed already
     * @throws LabException something could not be removed, or Java code in a node did not end
     */
    public LabRelease closeLater() throws NetnsException {
        List<RunningNode> all;
        synchronized (this) {
            if (closed) {
                return null;
            }
            closed = true;
            all = new ArrayList<>(nodes.values());
            nodes.clear();
        }
        List<String> left = new ArrayList<>();
        for (RunningNode n : all) {
            left.addAll(n.close());
        }
        LabRelease release = Lab.downLater(name(), registry, options);
        if (!left.isEmpty()) {
            release.close();
            throw new LabException("lab \"" + name() + "\" is down, but Java code in its nodes did not end: "
                    + String.join("; ", left), left, null);
        }
        return release;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("lab \"" + name() + "\" is closed");
        }
    }
}
