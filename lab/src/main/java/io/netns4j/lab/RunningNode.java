package io.netns4j.lab;

import io.netns4j.Netns;
import io.netns4j.NamespaceSockets;
import io.netns4j.ThrowingCallable;
import io.netns4j.ThrowingRunnable;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.model.Endpoint;
import io.netns4j.lab.model.TopologyNode;
import io.netns4j.types.InetPrefix;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One node of a {@link RunningLab}: its namespace for Java code ({@link #call}, {@link #run},
 * {@link #executor}, {@link #sockets}), Java services on threads that live inside it
 * ({@link #startJava}), and its supervised services ({@link #service}). Equivalent to
 * {@code ip netns exec LAB-NODE ...} for Java code in this JVM.
 */
public final class RunningNode {
    private final RunningLab lab;
    private final TopologyNode spec;
    private final Map<String, JavaService> javaServices = new LinkedHashMap<>();
    private final List<ExecutorService> executors = new ArrayList<>();
    private Netns netns;

    RunningNode(RunningLab lab, TopologyNode spec) {
        this.lab = lab;
        this.spec = spec;
    }

    /**
     * {@return the node's name}
     */
    public String name() {
        return spec.name();
    }

    /**
     * {@return its namespace's name, {@code <lab>-<node>}}
     */
    public String namespace() {
        return lab.topology().namespace(spec.name());
    }

    /**
     * {@return the handle of its namespace, owned by the lab (closed by {@link RunningLab#close})}
     *
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public synchronized Netns netns() throws NetnsException {
        if (netns == null) {
            netns = lab.registry().open(namespace());
        }
        return netns;
    }

    /**
     * {@return its addresses from the topology (given and automatic), in link order}
     */
    public List<InetAddress> addresses() {
        return lab.topology().endpoints(spec.name()).stream().map(Endpoint::addresses).flatMap(List::stream)
                .map(InetPrefix::address).toList();
    }

    /**
     * {@return its first address of the lab's links (what other nodes reach it at)}
     */
    public InetAddress address() {
        List<InetAddress> all = addresses();
        if (all.isEmpty()) {
            throw new IllegalStateException("node \"" + name() + "\" has no address (a bridge, or no link)");
        }
        return all.getFirst();
    }

    /**
     * Runs {@code task} inside the node and returns its result ({@link Netns#call}).
     *
     * @param <T> what the task returns
     * @param <X> what the task throws
     * @param task the work, run on a thread inside the node
     * @return what the task returned
     * @throws X what the task threw, with the caller's stack added
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public <T, X extends Exception> T call(ThrowingCallable<T, X> task) throws X, NetnsException {
        return netns().call(task);
    }

    /**
     * Runs {@code task} inside the node ({@link Netns#run}).
     *
     * @param <X> what the task throws
     * @param task the work, run on a thread inside the node
     * @throws X what the task threw, with the caller's stack added
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public <X extends Exception> void run(ThrowingRunnable<X> task) throws X, NetnsException {
        netns().run(task);
    }

    /**
     * {@return sockets opened inside the node, usable from any thread ({@link Netns#sockets})}
     *
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public NamespaceSockets sockets() throws NetnsException {
        return netns().sockets();
    }

    /**
     * {@return an executor whose {@code threads} threads live inside the node; shut down with the
     * lab}
     *
     * @param threads how many threads
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public synchronized ExecutorService executor(int threads) throws NetnsException {
        ExecutorService e = netns().executor(threads);
        executors.add(e);
        return e;
    }

    /**
     * Runs {@code body} as a Java service of the node: on a thread of its own that lives inside the
     * namespace (its sockets are the node's), until it returns or is stopped ({@link JavaService#stop}
     * interrupts it). One JVM can so run a whole cluster of a Java system, a node each.
     *
     * @param name the Java service's name, unique on the node
     * @param body what the service does; it runs inside the node until it returns
     * @return the running service
     * @throws IllegalArgumentException a Java service of that name runs on the node
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public synchronized JavaService startJava(String name, ThrowingRunnable<? extends Exception> body)
            throws NetnsException {
        JavaService old = javaServices.get(name);
        if (old != null && old.isRunning()) {
            throw new IllegalArgumentException("node \"" + name() + "\" already runs the Java service \"" + name + "\"");
        }
        ExecutorService e = netns().executor(1);
        Future<?> f = e.submit(() -> {
            body.run();
            return null;
        });
        e.shutdown();
        JavaService s = new JavaService(name() + "/" + name, e, f);
        javaServices.put(name, s);
        return s;
    }

    /**
     * {@return a Java service started with {@link #startJava}, by name; empty when there is none}
     *
     * @param name the Java service's name
     */
    public synchronized Optional<JavaService> java(String name) {
        return Optional.ofNullable(javaServices.get(name));
    }

    /**
     * {@return its supervised service {@code name} (from the lab's {@code exec})}
     *
     * @param name the service's name in the node's {@code services:}
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public LabService service(String name) throws NetnsException {
        return LabServices.service(lab.name(), name(), name, lab.options());
    }

    /** Stops its Java services and executors and closes its handle; what did not end. */
    synchronized List<String> close() {
        List<String> left = new ArrayList<>();
        for (JavaService s : javaServices.values()) {
            if (!s.stop(Duration.ofSeconds(5))) {
                left.add("Java service " + s.id() + " did not end within 5 s of its interrupt");
            }
        }
        for (ExecutorService e : executors) {
            e.shutdownNow();
            try {
                if (!e.awaitTermination(5, TimeUnit.SECONDS)) {
                    left.add("an executor of node " + name() + " did not end within 5 s");
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
        if (netns != null) {
            netns.close();
            netns = null;
        }
        return left;
    }
}
