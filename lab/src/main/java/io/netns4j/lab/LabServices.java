package io.netns4j.lab;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.error.OperationInterruptedException;
import io.netns4j.lab.model.Condition;
import io.netns4j.lab.model.LabNode;
import io.netns4j.lab.model.ServiceStatus;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.runtime.LabInspection;
import io.netns4j.lab.runtime.LabSupervisors;
import io.netns4j.lab.service.ConditionProbe;
import io.netns4j.lab.service.SupervisorClient;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The services of running labs, the front door of {@code netns4j lab ps|logs|stop|start|
 * restart|kill|pause|resume|wait}. A lab's services are kept by its supervisor (started by
 * {@link Lab#up} when the file has {@code exec} entries); every method here asks it over the
 * lab's control socket. A service is named {@code NODE/SERVICE}; where a selector is taken,
 * {@code NODE} alone names all of a node's services.
 *
 * <p>{@link #waitFor} does not need a supervisor for ports and commands: it checks from inside
 * the node, as {@code ip netns exec LAB-NODE nc -z ...} would.
 */
public final class LabServices {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration ATTEMPT = Duration.ofSeconds(1);

    private LabServices() {
    }

    /**
     * {@return every service of lab {@code lab}: {@code netns4j lab ps LAB}}
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param options the lab directory, progress lines and other settings
     * @throws NotFoundException the lab has no supervisor answering (no services, or it is not up)
     */
    public static List<ServiceStatus> list(String lab, Lab.Options options) throws NetnsException {
        SupervisorClient c = client(lab, options);
        try {
            return c.status();
        } catch (IOException | SupervisorClient.Refused e) {
            throw failure(lab, e);
        }
    }

    /**
     * A lab's services as of a version of its supervisor's changes ({@link #awaitChange}).
     *
     * @param version  the count of changes so far (services added or removed, any one's state)
     * @param services every service
     */
    public record Snapshot(long version, List<ServiceStatus> services) {
        /** Copies the list. */
        public Snapshot {
            services = List.copyOf(services);
        }
    }

    /**
     * {@code lab ps LAB} that waits for a change: returns once the lab's services changed after
     * {@code after} (the version of an earlier answer; -1: at once), or after {@code wait} (at
     * most 60 s). What {@code lab serve} follows services with, instead of asking every second.
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param after the version of an earlier answer, or -1 to answer at once
     * @param wait how long to wait for a change at most
     * @param options the lab directory, progress lines and other settings
     * @return the services and their version
     * @throws NotFoundException the lab has no supervisor answering
     */
    public static Snapshot awaitChange(String lab, long after, Duration wait, Lab.Options options)
            throws NetnsException {
        SupervisorClient c = client(lab, options);
        try {
            SupervisorClient.Snapshot s = c.statusAfter(after, wait);
            return new Snapshot(s.version(), s.services());
        } catch (IOException | SupervisorClient.Refused e) {
            throw failure(lab, e);
        }
    }

    /**
     * {@return one service as an object, to watch and drive from Java}
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param node the node's name in the lab file
     * @param service the service's name in the node's {@code services:}
     * @param options the lab directory, progress lines and other settings
     * @throws NotFoundException no such service, naming those there are
     */
    public static LabService service(String lab, String node, String service, Lab.Options options)
            throws NetnsException {
        LabService s = new LabService(lab, node, service, options);
        s.status();
        return s;
    }

    /**
     * {@code lab stop LAB SELECTOR}: its stop signal to each service's processes, SIGKILL after the grace period; they stay stopped.
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param selector {@code NODE/SERVICE}, or {@code NODE} for every service of the node
     * @param options the lab directory, progress lines and other settings
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static void stop(String lab, String selector, Lab.Options options) throws NetnsException {
        act(lab, "stop", selector, options);
    }

    /**
     * {@code lab start LAB SELECTOR}: starts the selected services that have no process.
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param selector {@code NODE/SERVICE}, or {@code NODE} for every service of the node
     * @param options the lab directory, progress lines and other settings
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static void start(String lab, String selector, Lab.Options options) throws NetnsException {
        act(lab, "start", selector, options);
    }

    /**
     * {@code lab restart LAB SELECTOR}: stops and starts the selected services.
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param selector {@code NODE/SERVICE}, or {@code NODE} for every service of the node
     * @param options the lab directory, progress lines and other settings
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static void restart(String lab, String selector, Lab.Options options) throws NetnsException {
        act(lab, "restart", selector, options);
    }

    /**
     * {@code lab pause LAB SELECTOR}: SIGSTOP to each service's processes; how many were paused.
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param selector {@code NODE/SERVICE}, or {@code NODE} for every service of the node
     * @param options the lab directory, progress lines and other settings
     * @return how many services were paused
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static long pause(String lab, String selector, Lab.Options options) throws NetnsException {
        return act(lab, "pause", selector, options);
    }

    /**
     * {@code lab resume LAB SELECTOR}: SIGCONT; how many were resumed.
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param selector {@code NODE/SERVICE}, or {@code NODE} for every service of the node
     * @param options the lab directory, progress lines and other settings
     * @return how many services were resumed
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static long resume(String lab, String selector, Lab.Options options) throws NetnsException {
        return act(lab, "resume", selector, options);
    }

    /**
     * {@code lab kill -s SIGNAL LAB SELECTOR}: the signal to each selected service's processes.
     * What follows is the restart policy's business (a service killed under {@code on-failure}
     * comes back).
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param selector {@code NODE/SERVICE}, or {@code NODE} for every service of the node
     * @param signal the signal's number ({@code 9} for SIGKILL, {@code 15} for SIGTERM)
     * @param options the lab directory, progress lines and other settings
     * @return how many services had a process to signal
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static long kill(String lab, String selector, int signal, Lab.Options options) throws NetnsException {
        checkSelector(selector);
        SupervisorClient c = client(lab, options);
        try {
            return c.kill(selector, signal);
        } catch (IOException | SupervisorClient.Refused e) {
            throw failure(lab, e);
        }
    }

    /**
     * A service's log file and its last {@code lines} lines: {@code lab logs LAB NODE/SERVICE}.
     *
     * @param lines how many lines from the end
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param service the service's name in the node's {@code services:}
     * @param options the lab directory, progress lines and other settings
     * @return the file and the lines
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static Map.Entry<Path, List<String>> logs(String lab, String service, int lines, Lab.Options options)
            throws NetnsException {
        checkSelector(service);
        SupervisorClient c = client(lab, options);
        try {
            return c.logs(service, lines);
        } catch (IOException | SupervisorClient.Refused e) {
            throw failure(lab, e);
        }
    }

    /**
     * What {@link #waitFor} found.
     *
     * @param holds  whether the condition held before the time-out
     * @param seen   what the last check saw
     * @param waited how long it waited
     */
    public record WaitOutcome(boolean holds, String seen, Duration waited) {
    }

    /**
     * Waits until {@code condition} holds on {@code node} of running lab {@code lab}, checking every
     * 50 ms: {@code netns4j lab wait LAB NODE CONDITION [--from NODE] [--timeout D]}. A TCP port
     * with {@code from} is tried from that node to {@code node}'s addresses (or to the condition's
     * host); a service's readiness is asked of the supervisor.
     *
     * @param from another node of the lab to connect from (TCP only), or empty
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param node the node's name in the lab file
     * @param condition what to wait for: a TCP port open, a file, a command that succeeds, a service ready
     * @param timeout how long to wait at most
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @param options the lab directory, progress lines and other settings
     * @return how long it took
     * @throws InvalidRequestException {@code from} with a condition other than TCP
     * @throws NotFoundException       no such lab or node
     */
    public static WaitOutcome waitFor(String lab, String node, Condition condition, Optional<String> from,
                                      Duration timeout, NetnsRegistry registry, Lab.Options options)
            throws NetnsException {
        if (from.isPresent() && !(condition instanceof Condition.TcpPort)) {
            throw new InvalidRequestException("--from works with tcp: conditions only (UDP has no handshake to test"
                    + " from afar; a command or a service is checked on its own node)", 22, null);
        }
        String ns = Lab.namespace(lab, node, registry);
        String fromNs = from.isPresent() ? Lab.namespace(lab, from.get(), registry) : ns;
        List<InetAddress> targets = from.isPresent() && ((Condition.TcpPort) condition).host().isEmpty()
                ? addresses(lab, node, registry) : List.of();
        Path hosts = options.etcNetns().resolve(fromNs).resolve("hosts");
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String seen = "";
        try (Netns in = registry.open(fromNs)) {
            while (true) {
                ConditionProbe.Outcome o = switch (condition) {
                    case Condition.ServiceReady s -> serviceReady(lab, node + "/" + s.name(), options);
                    case Condition.TcpPort t when !targets.isEmpty() -> ConditionProbe.connectAny(in, targets, t.port(),
                            ATTEMPT);
                    default -> ConditionProbe.check(in, condition, ATTEMPT, hosts);
                };
                seen = o.seen();
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                if (o.holds()) {
                    return new WaitOutcome(true, seen, waited);
                }
                if (System.nanoTime() - deadline >= 0) {
                    return new WaitOutcome(false, seen, waited);
                }
                LockSupport.parkNanos(Math.min(POLL.toNanos(), Math.max(0, deadline - System.nanoTime())));
                if (Thread.currentThread().isInterrupted()) {
                    throw new OperationInterruptedException("Interrupted while waiting for " + condition.words()
                            + " on " + node + "; last seen: " + seen);
                }
            }
        }
    }

    private static ConditionProbe.Outcome serviceReady(String lab, String id, Lab.Options options)
            throws NetnsException {
        for (ServiceStatus s : list(lab, options)) {
            if (s.id().equals(id)) {
                return new ConditionProbe.Outcome(s.ready() && s.state().hasProcess(), s.ready() ? "ready"
                        : s.state().word() + (s.problem().isEmpty() ? "" : ": " + s.problem()));
            }
        }
        throw new NotFoundException("Lab \"" + lab + "\" has no service \"" + id + "\" (\"netns4j lab ps " + lab
                + "\" lists them)", 2, null);
    }

    /** The addresses of a node's interfaces, IPv4 first (what a connection from another node tries). */
    private static List<InetAddress> addresses(String lab, String node, NetnsRegistry registry) throws NetnsException {
        List<InetAddress> v4 = new ArrayList<>();
        List<InetAddress> v6 = new ArrayList<>();
        for (LabNode n : LabInspection.show(lab, registry).orElse(List.of())) {
            if (!n.node().equals(node)) {
                continue;
            }
            for (LabNode.Interface i : n.interfaces()) {
                for (String a : i.addresses()) {
                    try {
                        InetAddress addr = InetAddress.getByName(a.substring(0, a.indexOf('/')));
                        if (!addr.isLinkLocalAddress() && !addr.isLoopbackAddress()) {
                            (addr.getAddress().length == 4 ? v4 : v6).add(addr);
                        }
                    } catch (IOException e) {
                        // an address the kernel printed that Java cannot read: not one to connect to
                    }
                }
            }
        }
        v4.addAll(v6);
        if (v4.isEmpty()) {
            throw new NotFoundException("Node \"" + node + "\" of lab \"" + lab + "\" has no address to connect to", 2,
                    null);
        }
        return v4;
    }

    private static long act(String lab, String op, String selector, Lab.Options options) throws NetnsException {
        checkSelector(selector);
        SupervisorClient c = client(lab, options);
        try {
            return c.act(op, selector);
        } catch (IOException | SupervisorClient.Refused e) {
            throw failure(lab, e);
        }
    }

    private static void checkSelector(String selector) throws InvalidRequestException {
        if (!selector.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_][A-Za-z0-9_.-]*)?")) {
            throw new InvalidRequestException("\"" + selector + "\" is not NODE/SERVICE or NODE (\"netns4j lab ps\" lists"
                    + " the services)", 22, null);
        }
    }

    private static SupervisorClient client(String lab, Lab.Options options) throws NetnsException {
        if (!Topology.isLabName(lab)) {
            throw new InvalidRequestException("\"" + lab + "\" is not a lab name (letters, digits, '_', '.', '-')", 22,
                    null);
        }
        return LabSupervisors.find(options.lockDirectory(), lab).orElseThrow(() -> new NotFoundException("Lab \"" + lab
                + "\" has no supervisor answering: it is not up, or has no services (\"exec\" in its file); after a"
                + " crash, \"netns4j lab up FILE\" starts one again and it adopts the services still running", 2, null));
    }

    private static NetnsException failure(String lab, Exception e) {
        if (e instanceof SupervisorClient.Refused r && r.usage()) {
            return new NotFoundException(r.getMessage(), 2, null);
        }
        NetnsException n = new NetnsException("The supervisor of lab \"" + lab + "\": " + e.getMessage());
        n.initCause(e);
        return n;
    }
}
