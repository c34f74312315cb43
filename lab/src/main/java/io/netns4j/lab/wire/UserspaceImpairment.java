package io.netns4j.lab.wire;

import io.netns4j.Netns;
import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.filter.TcFilter;
import io.netns4j.lab.model.Impairment;
import io.netns4j.link.Link;
import io.netns4j.link.LinkRequest;
import io.netns4j.link.PacketSocket;
import io.netns4j.link.TapDevice;
import io.netns4j.qdisc.Qdisc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * netem in userspace, for kernels without {@code sch_netem}: every netem setting (delay, jitter
 * with correlation and distribution, random and bursty loss, duplicate, reorder with gap, corrupt,
 * rate with packet overhead, queue limit) on what one device sends, with a seed so that a run
 * repeats exactly. One engine per impaired device, hosted by the process that installs it.
 *
 * <p><b>How.</b> The device's egress is stolen with tc and handed to this process:
 * <pre>
 * ip -n NS tuntap add dev imp-DEV mode tap            # persistent; this process holds its descriptor
 * ip -n NS link set imp-DEV alias "netns4j-impair:WORDS" up   # the mark (IPv6 off on it: it sends nothing itself)
 * tc -n NS qdisc add dev DEV clsact
 * tc -n NS filter add dev DEV egress protocol all u32 match u32 0 0 action mirred egress redirect dev imp-DEV
 * </pre>
 * A reader thread takes each frame from the tap, decides as netem's {@code netem_enqueue} does
 * ({@link NetemDecisions}) and queues it by release time; a scheduler thread sends it out of DEV
 * through an {@code AF_PACKET} socket bound to DEV with {@code PACKET_QDISC_BYPASS}, which goes
 * straight to the driver, past DEV's tc egress hook, so a frame is never taken twice. Frames keep
 * their order unless netem would change it (jitter, reorder). {@code tcpdump -i DEV} no longer sees
 * DEV's outgoing frames (they leave past the capture point); {@code tcpdump -i imp-DEV} shows them
 * before the impairment.
 *
 * <p><b>The machine is the state.</b> The tap is named after the device ({@code imp-DEV}, see
 * {@code WireMarks}) and its alias holds the impairment's words with the seed, so another process
 * reads an engine in place back with {@link #readBack} and removes one whose process died with
 * {@link #remove} (deleting the namespace removes everything too). While no process holds the
 * tap, DEV's egress goes into the tap and is lost: a crashed engine cuts its link until removed.
 *
 * <p><b>API for a host</b> (a lab's supervisor, a test JVM):
 * {@link #install(Netns, String, Impairment, long)} returns the running engine;
 * {@link #update(Impairment)} changes its settings in place, {@link #counters()} says what it did,
 * {@link #close()} removes the filter, the clsact qdisc and the tap and ends its two threads
 * (idempotent). Keep the {@link Netns} handle given to {@code install} open until {@code close}.
 */
public final class UserspaceImpairment implements AutoCloseable {
    private final Netns ns;
    private final String device;
    private final String tapName;
    private final long seed;
    private final TapDevice tap;
    private final PacketSocket out;
    private final FramePump pump;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Impairment current;

    private UserspaceImpairment(Netns ns, String device, String tapName, long seed, TapDevice tap, PacketSocket out,
                                FramePump pump, Impairment current) {
        this.ns = ns;
        this.device = device;
        this.tapName = tapName;
        this.seed = seed;
        this.tap = tap;
        this.out = out;
        this.pump = pump;
        this.current = current;
    }

    /**
     * Puts an engine on {@code device}'s egress in {@code node} and starts it. {@code seed} seeds its
     * random decisions unless the impairment names its own {@code seed}; {@link Impairment#NONE}
     * makes a plain wire (the cost of the engine itself). Equivalent to the commands in the class
     * comment; on failure, whatever was made is removed again.
     *
     * @param node   the device's namespace; keep the handle open until {@link #close()}
     * @param device the impaired device
     * @param imp    the settings; the engine choice in it is not looked at
     * @param seed   the seed when the impairment has none
     * @return the running engine
     * @throws AlreadyExistsException when the device has an engine (or a clsact qdisc) already
     * @throws IllegalArgumentException when the words of the impairment are too long for the mark
     * @throws NetnsException when the device does not exist or the kernel refuses a step
     */
    public static UserspaceImpairment install(Netns node, String device, Impairment imp, long seed)
            throws NetnsException {
        Objects.requireNonNull(imp, "impairment");
        Link link = node.links().get(device);
        long s = imp.seed() != null ? imp.seed() : seed;
        Impairment marked = imp.withEngine(null).withSeed(s);
        String alias = WireMarks.alias(marked);
        NetemDecisions decisions = new NetemDecisions(marked, s);
        String tapName = WireMarks.tapName(device);
        if (hasClsact(node, link.index())) {
            throw new AlreadyExistsException("Cannot impair \"" + device + "\" in userspace: it has a clsact qdisc"
                    + " already (an engine in place, or someone's tc filters); remove it first", 17, null);
        }
        List<AutoCloseable> undo = new ArrayList<>();
        TapDevice tap = null;
        try {
            tap = node.links().openTap(tapName);
            undo.add(tap);
            undo.add(() -> node.links().delete(tapName));
            disableIpv6(node, tapName);
            node.links().set(LinkRequest.change(tapName).withAlias(alias).withMtu(link.mtu() == null ? 1500 : link.mtu()).withUp());
            PacketSocket out = node.links().openPacketSocket(device, PacketSocket.SEND_ONLY, true);
            undo.add(out);
            FramePump pump = new FramePump(tap, out, device, decisions, imp.limit());
            pump.start();
            undo.add(pump::stop);
            node.qdiscs().addClsact(device);
            undo.add(() -> node.qdiscs().deleteClsact(device));
            node.filters().addEgressRedirect(device, tapName);
            return new UserspaceImpairment(node, device, tapName, s, tap, out, pump, marked);
        } catch (NetnsException | RuntimeException e) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                try {
                    undo.get(i).close();
                } catch (Exception cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private static void disableIpv6(Netns node, String tap) throws NetnsException {
        try {
            node.sysctls().set("net.ipv6.conf." + tap + ".disable_ipv6", "1"); // no router solicitations, no MLD
        } catch (NotFoundException noIpv6) {
            // a kernel without IPv6: nothing to silence
        }
    }

    private static boolean hasClsact(Netns node, int ifindex) throws NetnsException {
        for (Qdisc q : node.qdiscs().list()) {
            if (q.ifindex() == ifindex && q.parent() == Qdisc.CLSACT) {
                return true;
            }
        }
        return false;
    }

    /**
     * Changes the settings in place (the mark too); frames already queued keep their release
     * times, and the random streams start again from the engine's seed (or the new impairment's).
     *
     * @param imp the new settings
     * @throws IllegalStateException when the engine is closed or has stopped on an error
     * @throws NetnsException when the mark cannot be changed (the settings then stay as they were)
     */
    public synchronized void update(Impairment imp) throws NetnsException {
        Objects.requireNonNull(imp, "impairment");
        if (closed.get() || pump.failure() != null) {
            throw new IllegalStateException("the engine on \"" + device + "\" is " + (closed.get() ? "closed"
                    : "stopped: " + pump.failure()));
        }
        long s = imp.seed() != null ? imp.seed() : seed;
        Impairment marked = imp.withEngine(null).withSeed(s);
        NetemDecisions decisions = new NetemDecisions(marked, s);
        ns.links().set(LinkRequest.change(tapName).withAlias(WireMarks.alias(marked)));
        pump.use(decisions, imp.limit());
        current = marked;
    }

    /**
     * The settings in effect, with the seed used; the engine {@link Impairment.Engine#USERSPACE}.
     *
     * @return the impairment
     */
    public Impairment impairment() {
        return current.withEngine(Impairment.Engine.USERSPACE);
    }

    /**
     * What the engine did so far.
     *
     * @return the counters
     */
    public EngineCounters counters() {
        return pump.counters();
    }

    /**
     * Why the engine stopped on its own (its device or namespace went away, say), or null while it runs.
     *
     * @return the failure, or null
     */
    public Throwable failure() {
        return pump.failure();
    }

    /**
     * The device this engine impairs.
     *
     * @return its name
     */
    public String device() {
        return device;
    }

    /**
     * Removes the engine: deletes DEV's clsact qdisc (the filter with it), ends the two threads
     * (the frames in flight are sent on at once, not dropped), closes the descriptors and deletes the tap. Idempotent; a
     * namespace or device already gone is no error.
     *
     * @throws NetnsException when the kernel refuses a removal (the rest is still done)
     */
    @Override
    public void close() throws NetnsException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        NetnsException first = null;
        try {
            if (hasClsact(ns, ns.links().get(device).index())) { // removed already when another process removed the engine
                ns.qdiscs().deleteClsact(device);
            }
        } catch (NetnsException e) {
            first = gone(e) ? null : e;
        }
        try {
            pump.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tap.close();
        out.close();
        try {
            ns.links().delete(tapName);
        } catch (NetnsException e) {
            first = first != null || gone(e) ? first : e;
        }
        if (first != null) {
            throw first;
        }
    }

    private static boolean gone(NetnsException e) {
        return e instanceof NotFoundException || e.errno() == 9 /* EBADF: the handle is closed */
                || e.getMessage() != null && e.getMessage().contains("closed");
    }

    /**
     * The impairment an engine put on {@code device}, read from its tap's mark: by any process,
     * whether or not the engine still runs.
     *
     * @param node   the device's namespace
     * @param device the device
     * @return the impairment (engine {@code userspace}, with its seed), or empty when none is marked
     * @throws NetnsException when the links cannot be read
     */
    public static Optional<Impairment> readBack(Netns node, String device) throws NetnsException {
        Link tap = tap(node, device);
        return tap == null ? Optional.empty() : WireMarks.read(tap.alias());
    }

    /**
     * The devices of {@code links} that carry an engine's mark.
     *
     * @param links the links of one namespace, as {@code ns.links().list()} gives them
     * @return their names
     */
    public static List<String> marked(List<Link> links) {
        List<String> out = new ArrayList<>();
        for (Link l : links) {
            for (Link t : links) {
                if (t.name().equals(WireMarks.tapName(l.name())) && WireMarks.read(t.alias()).isPresent()) {
                    out.add(l.name());
                }
            }
        }
        return out;
    }

    /**
     * The marked taps among {@code links}: the devices engines made, not the lab's own.
     *
     * @param links the links of one namespace
     * @return the taps' names
     */
    public static java.util.Set<String> taps(List<Link> links) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Link l : links) {
            if ("tun".equals(l.kind()) && WireMarks.read(l.alias()).isPresent()) {
                out.add(l.name());
            }
        }
        return out;
    }

    /**
     * Removes what an engine left on {@code device}, for a process that did not install it (its host
     * crashed): DEV's clsact qdisc when a filter on it redirects into the marked tap, then the tap.
     * An engine still running elsewhere stops on its next read. Unmarked devices are never touched.
     * Equivalent to {@code tc -n NS qdisc del dev DEV clsact; ip -n NS link del imp-DEV}.
     *
     * @param node   the device's namespace
     * @param device the device
     * @return whether there was anything to remove
     * @throws NetnsException when the kernel refuses a removal
     */
    public static boolean remove(Netns node, String device) throws NetnsException {
        Link tap = tap(node, device);
        if (tap == null || WireMarks.read(tap.alias()).isEmpty()) {
            return false;
        }
        for (TcFilter f : node.filters().egress(device)) {
            if (f.redirectTarget() == tap.index()) {
                node.qdiscs().deleteClsact(device);
                break;
            }
        }
        node.links().delete(tap.name());
        return true;
    }

    private static Link tap(Netns node, String device) throws NetnsException {
        try {
            return node.links().get(WireMarks.tapName(device));
        } catch (NotFoundException none) {
            return null;
        }
    }
}
