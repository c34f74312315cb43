package io.netns4j.qdisc;

import io.netns4j.error.NetnsException;
import io.netns4j.error.NotSupportedException;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.TcMessage;
import io.netns4j.internal.rtnl.Interfaces;
import io.netns4j.internal.rtnl.NamespaceSession;
import io.netns4j.internal.sys.Errno;
import io.netns4j.link.Link;
import io.netns4j.link.Links;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queueing disciplines of one namespace: {@code tc -n NS qdisc ...}. Rate limits use tbf,
 * encoded as tc encodes it (including the rate table), with the scheduler clock read from
 * {@code /proc/net/psched} as tc reads it; faults (delay, loss, duplication, reordering, an
 * emulated link rate) use netem, encoded as tc 6.1 encodes it. Kernels without netem
 * ({@code sch_netem}) refuse it: {@link #netemAvailable()} finds out without changing anything.
 */
public final class Qdiscs {
    /** How the message of the {@link NotSupportedException} starts when the kernel has no netem. */
    public static final String NO_NETEM = "This kernel has no netem (sch_netem is neither built in nor loadable)";
    private final NamespaceSession ns;

    private Qdiscs(NamespaceSession ns) {
        this.ns = ns;
    }

    /**
     * The qdiscs of a namespace; {@code Netns.qdiscs()} is the usual way to get them.
     *
     * @param ns the namespace's session (its route socket)
     * @return the facade
     */
    public static Qdiscs of(NamespaceSession ns) {
        return new Qdiscs(ns);
    }

    static PschedClock clock() throws NetnsException {
        try {
            return PschedClock.parse(Files.readString(Path.of("/proc/net/psched")));
        } catch (IOException | RuntimeException e) {
            throw new NotSupportedException("Cannot read /proc/net/psched (the packet scheduler's clock): " + e.getMessage(),
                    0, null);
        }
    }

    /**
     * A qdisc handle or class id from its two halves, as tc writes them: {@code 1:} is
     * {@code handle(1, 0)}, class {@code 1:1} is {@code handle(1, 1)}. Both are hexadecimal in tc.
     *
     * @param major 0 to 0xffff
     * @param minor 0 to 0xffff
     * @return the packed handle, {@code major << 16 | minor}
     * @throws IllegalArgumentException when a half is out of range
     */
    public static int handle(int major, int minor) {
        if (major < 0 || major > 0xffff || minor < 0 || minor > 0xffff) {
            throw new IllegalArgumentException("A qdisc handle is MAJOR:MINOR with both 0 to ffff (hex), got "
                    + major + ":" + minor);
        }
        return major << 16 | minor;
    }

    /** The RTM_NEWQDISC request for a root tbf on {@code ifindex}, as tc writes it. */
    static byte[] encodeRootTbf(int ifindex, TbfSpec spec, PschedClock clock, int flags) {
        return encodeTbf(ifindex, TcMessage.TC_H_ROOT, 0, spec, clock, flags);
    }

    /** The RTM_NEWQDISC request for a tbf at {@code parent} with {@code handle} (0: the kernel picks one). */
    static byte[] encodeTbf(int ifindex, int parent, int handle, TbfSpec spec, PschedClock clock, int flags) {
        MessageBuilder b = TcMessage.request(TcMessage.RTM_NEWQDISC, flags, ifindex, handle, parent);
        b.attrString(TcMessage.TCA_KIND, "tbf");
        TbfCodec.write(b, clock, spec.rate(), spec.burst(), spec.limit(), spec.latencyMicros());
        return b.build();
    }

    /**
     * The RTM_NEWQDISC request for a netem at {@code parent} with {@code handle}, as tc writes it.
     *
     * @throws IllegalArgumentException when the delay or jitter overflows the scheduler's ticks
     */
    static byte[] encodeNetem(int ifindex, int parent, int handle, NetemSpec spec, PschedClock clock, int flags) {
        MessageBuilder b = TcMessage.request(TcMessage.RTM_NEWQDISC, flags, ifindex, handle, parent);
        b.attrString(TcMessage.TCA_KIND, "netem");
        NetemEncoder.write(b, clock, spec);
        return b.build();
    }

    /** The RTM_NEWQDISC ({@code add}) or RTM_DELQDISC request for a clsact qdisc on {@code ifindex}, as tc writes it. */
    static byte[] encodeClsact(int ifindex, int type, int flags) {
        MessageBuilder b = TcMessage.request(type, flags, ifindex, Qdisc.CLSACT_HANDLE, Qdisc.CLSACT);
        b.attrString(TcMessage.TCA_KIND, "clsact");
        return b.build();
    }

    /**
     * Adds a clsact qdisc, the anchor of the device's tc ingress and egress hooks (filters at
     * {@link Qdisc#CLSACT_INGRESS} and {@link Qdisc#CLSACT_EGRESS}, see {@code io.netns4j.filter}).
     * It sits beside the root qdisc, not in its place. Equivalent to: {@code tc qdisc add dev DEV clsact}.
     *
     * @param device the interface name
     * @throws io.netns4j.error.AlreadyExistsException when the device has a clsact (or ingress) qdisc already
     * @throws NetnsException when there is no such device or the kernel refuses
     */
    public void addClsact(String device) throws NetnsException {
        int index = Interfaces.index(ns, device);
        ns.routeSocket().execute(encodeClsact(index, TcMessage.RTM_NEWQDISC, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL));
    }

    /**
     * Removes the device's clsact qdisc with every filter on it. Equivalent to: {@code tc qdisc del dev DEV clsact}.
     *
     * @param device the interface name
     * @throws NetnsException when there is no such device, it has no clsact qdisc, or the kernel refuses
     */
    public void deleteClsact(String device) throws NetnsException {
        int index = Interfaces.index(ns, device);
        ns.routeSocket().execute(encodeClsact(index, TcMessage.RTM_DELQDISC, 0));
    }

    /** Whether the kernel refused a request because it has no qdisc of that kind (no module either). */
    static boolean kindUnknown(NetnsException e) {
        return e.errno() == Errno.ENOENT && e.kernelMessage() != null
                && e.kernelMessage().contains("qdisc kind is unknown");
    }

    /**
     * Adds a root tbf. Equivalent to: {@code tc qdisc add dev DEV root tbf rate R burst B latency L}.
     *
     * @param device the interface name
     * @param spec the rate limit
     * @throws io.netns4j.error.AlreadyExistsException when the device has a root qdisc of its own already
     * @throws io.netns4j.error.NotSupportedException when {@code /proc/net/psched} cannot be read
     * @throws NetnsException when there is no such device or the kernel refuses
     */
    public void addRootTbf(String device, TbfSpec spec) throws NetnsException {
        int index = Interfaces.index(ns, device);
        ns.routeSocket().execute(encodeRootTbf(index, spec, clock(), Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL));
    }

    /**
     * Adds or replaces the root tbf. Equivalent to: {@code tc qdisc replace dev DEV root tbf ...}.
     *
     * @param device the interface name
     * @param spec the rate limit
     * @throws io.netns4j.error.NotSupportedException when {@code /proc/net/psched} cannot be read
     * @throws NetnsException when there is no such device or the kernel refuses
     */
    public void replaceRootTbf(String device, TbfSpec spec) throws NetnsException {
        int index = Interfaces.index(ns, device);
        ns.routeSocket().execute(encodeRootTbf(index, spec, clock(), Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE));
    }

    /**
     * Adds a tbf anywhere in the tree. Equivalent to: {@code tc qdisc add dev DEV parent PARENT handle HANDLE tbf ...}.
     *
     * @param device the interface name
     * @param parent the parent's handle ({@link #handle}), {@link Qdisc#ROOT} for root
     * @param handle the new qdisc's handle; 0 lets the kernel pick one
     * @param spec the rate limit
     * @throws io.netns4j.error.NotSupportedException when {@code /proc/net/psched} cannot be read
     * @throws NetnsException when there is no such device or parent, the handle is taken, or the kernel refuses
     */
    public void addTbf(String device, int parent, int handle, TbfSpec spec) throws NetnsException {
        int index = Interfaces.index(ns, device);
        ns.routeSocket().execute(encodeTbf(index, parent, handle, spec, clock(), Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL));
    }

    /**
     * Adds or replaces a tbf anywhere in the tree. Equivalent to:
     * {@code tc qdisc replace dev DEV parent PARENT handle HANDLE tbf ...}.
     *
     * @param device the interface name
     * @param parent the parent's handle ({@link #handle}), {@link Qdisc#ROOT} for root
     * @param handle the qdisc's handle; 0 lets the kernel pick one
     * @param spec the rate limit
     * @throws io.netns4j.error.NotSupportedException when {@code /proc/net/psched} cannot be read
     * @throws NetnsException when there is no such device or parent, or the kernel refuses
     */
    public void replaceTbf(String device, int parent, int handle, TbfSpec spec) throws NetnsException {
        int index = Interfaces.index(ns, device);
        ns.routeSocket().execute(encodeTbf(index, parent, handle, spec, clock(),
                Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE));
    }

    /**
     * Adds a root netem. Equivalent to: {@code tc qdisc add dev DEV root netem delay 50ms 10ms loss 1% ...}.
     *
     * @param device the interface name
     * @param spec the faults
     * @throws IllegalArgumentException when the delay or jitter overflows the scheduler's ticks
     * @throws NotSupportedException when the kernel has no netem (sch_netem), its message starting with
     * {@link #NO_NETEM}
     * @throws io.netns4j.error.AlreadyExistsException when the device has a root qdisc already (use
     * {@link #replaceRootNetem})
     * @throws NetnsException when there is no such device or the kernel refuses otherwise
     */
    public void addRootNetem(String device, NetemSpec spec) throws NetnsException {
        netem(device, Qdisc.ROOT, 0, spec, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
    }

    /**
     * Adds or replaces the root netem. Equivalent to: {@code tc qdisc replace dev DEV root netem ...}.
     *
     * @param device the interface name
     * @param spec the faults
     * @throws IllegalArgumentException when the delay or jitter overflows the scheduler's ticks
     * @throws NotSupportedException when the kernel has no netem (sch_netem); nothing changes then
     * @throws NetnsException when there is no such device or the kernel refuses otherwise
     */
    public void replaceRootNetem(String device, NetemSpec spec) throws NetnsException {
        netem(device, Qdisc.ROOT, 0, spec, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE);
    }

    /**
     * Adds a netem anywhere in the tree. Equivalent to:
     * {@code tc qdisc add dev DEV parent PARENT handle HANDLE netem ...}.
     *
     * @param device the interface name
     * @param parent the parent's handle ({@link #handle}), {@link Qdisc#ROOT} for root
     * @param handle the new qdisc's handle; 0 lets the kernel pick one
     * @param spec the faults
     * @throws IllegalArgumentException when the delay or jitter overflows the scheduler's ticks
     * @throws NotSupportedException when the kernel has no netem (sch_netem); nothing changes then
     * @throws NetnsException when there is no such device or parent, the handle is taken, or the kernel refuses
     */
    public void addNetem(String device, int parent, int handle, NetemSpec spec) throws NetnsException {
        netem(device, parent, handle, spec, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
    }

    /**
     * Adds or replaces a netem anywhere in the tree. Equivalent to: {@code tc qdisc replace dev DEV
     * parent PARENT handle HANDLE netem ...}, e.g. netem as the child of a tbf: parent
     * {@code handle(1, 1)}, handle {@code handle(0x10, 0)}.
     *
     * @param device the interface name
     * @param parent the parent's handle ({@link #handle}), {@link Qdisc#ROOT} for root
     * @param handle the qdisc's handle; 0 lets the kernel pick one
     * @param spec the faults
     * @throws IllegalArgumentException when the delay or jitter overflows the scheduler's ticks
     * @throws NotSupportedException when the kernel has no netem (sch_netem); nothing changes then
     * @throws NetnsException when there is no such device or parent, or the kernel refuses
     */
    public void replaceNetem(String device, int parent, int handle, NetemSpec spec) throws NetnsException {
        netem(device, parent, handle, spec, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE);
    }

    /**
     * A rate limit with faults behind it, the layout tc users write for "shape, then emulate":
     * {@code tc qdisc replace dev DEV root handle 1: tbf ...} then {@code tc qdisc replace dev DEV
     * parent 1:1 handle 10: netem ...}. When the netem part fails (no netem in the kernel, say),
     * the root just made is deleted again, so the device is left with its default qdisc, and the
     * failure is thrown.
     *
     * @param device the interface name
     * @param tbf the rate limit (root, handle 1:)
     * @param netem the faults (parent 1:1, handle 10:)
     * @throws IllegalArgumentException when the netem delay or jitter overflows the scheduler's ticks
     * (nothing changes then)
     * @throws NotSupportedException when the kernel has no netem
     * @throws NetnsException when there is no such device or the kernel refuses either part
     */
    public void replaceRootTbfWithNetem(String device, TbfSpec tbf, NetemSpec netem) throws NetnsException {
        int index = Interfaces.index(ns, device);
        PschedClock clock = clock();
        byte[] child = encodeNetem(index, handle(1, 1), handle(0x10, 0), netem, clock,
                Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE); // encoded first: bad settings change nothing
        ns.routeSocket().execute(encodeTbf(index, Qdisc.ROOT, handle(1, 0), tbf, clock,
                Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE));
        try {
            executeNetem(child);
        } catch (NetnsException e) {
            try {
                ns.routeSocket().execute(TcMessage.request(TcMessage.RTM_DELQDISC, 0, index, 0, TcMessage.TC_H_ROOT).build());
            } catch (NetnsException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void netem(String device, int parent, int handle, NetemSpec spec, int flags) throws NetnsException {
        int index = Interfaces.index(ns, device);
        executeNetem(encodeNetem(index, parent, handle, spec, clock(), flags));
    }

    private void executeNetem(byte[] request) throws NetnsException {
        try {
            ns.routeSocket().execute(request);
        } catch (NetnsException e) {
            if (kindUnknown(e)) {
                throw new NotSupportedException(NO_NETEM + ": " + e.getMessage(), e.errno(), e.kernelMessage());
            }
            throw e;
        }
    }

    /**
     * Whether the kernel has netem ({@code sch_netem} built in, or loadable: the kernel loads the
     * module on first use as it does for tc). Finds out without changing anything lasting: in a
     * throw-away network namespace (made with {@code unshare(CLONE_NEWNET)} on a worker thread,
     * freed when the worker leaves it) it asks for a root netem on {@code lo} with no options.
     * A kernel with netem refuses the options (EINVAL) and one without refuses the kind (ENOENT,
     * "Specified qdisc kind is unknown"); nothing is created in either case, and the namespace
     * this object belongs to is not touched at all. Costs a namespace creation (2 to 6 ms
     * here); callers that ask often should keep the answer.
     *
     * @return whether netem can be used
     * @throws io.netns4j.error.PermissionDeniedException without CAP_SYS_ADMIN (needed for the throw-away namespace)
     * @throws NetnsException when the probe fails otherwise
     */
    public boolean netemAvailable() throws NetnsException {
        return NetemProbe.run();
    }

    /**
     * Removes the device's root qdisc, back to the default. Equivalent to: {@code tc qdisc del dev DEV root}.
     *
     * @param device the interface name
     * @throws NetnsException when there is no such device, or the kernel refuses (no root qdisc of its own to delete)
     */
    public void deleteRoot(String device) throws NetnsException {
        int index = Interfaces.index(ns, device);
        ns.routeSocket().execute(TcMessage.request(TcMessage.RTM_DELQDISC, 0, index, 0, TcMessage.TC_H_ROOT).build());
    }

    /**
     * All qdiscs. Equivalent to: {@code tc qdisc show}.
     *
     * @return the qdiscs, in the kernel's order
     * @throws NetnsException when a dump fails or {@code /proc/net/psched} cannot be read
     */
    public List<Qdisc> list() throws NetnsException {
        List<Qdisc> out = new ArrayList<>();
        for (Listed l : dump()) {
            out.add(l.qdisc());
        }
        return out;
    }

    /**
     * Every netem qdisc with its settings read back, in {@link #list()}'s order: the netem lines
     * of {@code tc qdisc show}. A netem whose settings {@link NetemSpec} cannot hold (reordering
     * without a delay, which only other tools can set) is listed by {@link #list()} but not here.
     *
     * @return the netem qdiscs and their settings, in order
     * @throws NetnsException when a dump fails or {@code /proc/net/psched} cannot be read
     */
    public Map<Qdisc, NetemSpec> netemQdiscs() throws NetnsException {
        Map<Qdisc, NetemSpec> out = new LinkedHashMap<>();
        PschedClock clock = null;
        for (Listed l : dump()) {
            if ("netem".equals(l.qdisc().kind())) {
                clock = clock != null ? clock : clock();
                NetemSpec spec = NetemDecoder.decode(l.message().attributes().bytes(TcMessage.TCA_OPTIONS), clock);
                if (spec != null) {
                    out.put(l.qdisc(), spec);
                }
            }
        }
        return out;
    }

    private record Listed(Qdisc qdisc, TcMessage message) {
    }

    private List<Listed> dump() throws NetnsException {
        Map<Integer, String> names = new HashMap<>();
        for (Link l : Links.of(ns).list()) {
            names.put(l.index(), l.name());
        }
        PschedClock clock = clock();
        List<Listed> out = new ArrayList<>();
        for (NetlinkMessage m : ns.routeSocket().dump(TcMessage.request(TcMessage.RTM_GETQDISC, 0, 0, 0, 0).build())) {
            if (m.type() != TcMessage.RTM_NEWQDISC) {
                continue;
            }
            TcMessage t = TcMessage.decode(m);
            Qdisc.Tbf tbf = "tbf".equals(t.kind()) ? TbfCodec.read(t.attributes().nested(TcMessage.TCA_OPTIONS), clock) : null;
            out.add(new Listed(new Qdisc(t.ifindex(), names.getOrDefault(t.ifindex(), "if" + t.ifindex()), t.kind(),
                    t.handle(), t.parent(), t.info(), tbf, stats(t.attributes().nested(TcMessage.TCA_STATS2))), t));
        }
        return out;
    }

    private static final int TCA_STATS_BASIC = 1;
    private static final int TCA_STATS_QUEUE = 3;

    /** TCA_STATS2's gnet_stats_basic (u64 bytes, u32 packets) and gnet_stats_queue (five u32s). */
    private static Qdisc.Stats stats(io.netns4j.internal.netlink.Attributes s)
            throws io.netns4j.error.MalformedMessageException {
        byte[] basic = s.bytes(TCA_STATS_BASIC);
        byte[] queue = s.bytes(TCA_STATS_QUEUE);
        if (basic == null || queue == null) {
            return null;
        }
        if (basic.length < 12 || queue.length < 20) {
            throw new io.netns4j.error.MalformedMessageException("TCA_STATS2 too short: basic " + basic.length
                    + " bytes (needs 12), queue " + queue.length + " (needs 20)");
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(basic).order(java.nio.ByteOrder.nativeOrder());
        java.nio.ByteBuffer q = java.nio.ByteBuffer.wrap(queue).order(java.nio.ByteOrder.nativeOrder());
        return new Qdisc.Stats(b.getLong(0), Integer.toUnsignedLong(b.getInt(8)), Integer.toUnsignedLong(q.getInt(8)),
                Integer.toUnsignedLong(q.getInt(16)), Integer.toUnsignedLong(q.getInt(12)),
                Integer.toUnsignedLong(q.getInt(4)), Integer.toUnsignedLong(q.getInt(0)));
    }
}
