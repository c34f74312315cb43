package io.netns4j.lab.fault;

import io.netns4j.Netns;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotSupportedException;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.model.Impairment.Engine;
import io.netns4j.lab.wire.ImpairmentHost;
import io.netns4j.lab.wire.UserspaceImpairment;
import io.netns4j.link.Link;
import io.netns4j.qdisc.NetemSpec;
import io.netns4j.qdisc.Qdisc;
import io.netns4j.qdisc.Qdiscs;
import io.netns4j.qdisc.TcUnits;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Impairs what one device sends (an {@link Impairment}), reads back what is in place, and removes
 * it, with one of two engines ({@link Impairment#engine()}; unset: the kernel where it has netem,
 * the userspace engine otherwise):
 * <ul>
 * <li><b>kernel</b>: one root netem, {@code tc -n NS qdisc replace dev DEV root netem delay 50ms
 * 10ms loss 1% duplicate 0.1% reorder 5% gap 1 rate 10mbit limit 1000}. netem's own {@code rate}
 * delays each packet by its transmission time, as a link of that speed does, in the same queue as
 * the delay. netns4j's netem encoder sends delay, jitter, loss, duplicate, reorder, gap, rate and
 * limit; the other settings (correlations, distributions, loss models, corrupt, overhead, seed)
 * need the userspace engine.</li>
 * <li><b>userspace</b>: {@link UserspaceImpairment}, which does every setting, hosted by an
 * {@link ImpairmentHost} (a process that outlives the command: a lab's supervisor, or the caller's
 * JVM). Without a host it is refused.</li>
 * </ul>
 * A setting the chosen engine cannot apply, or an engine that cannot run here, is a
 * {@link FaultException} raised before anything changes, so the previous impairment stays.
 * {@link #apply} replaces whatever impairment the device had (either engine's), {@link #clear}
 * removes both kinds. Neither is safe against another process changing the same device at the
 * same moment.
 */
public final class LinkImpairments {
    /** The message of a userspace impairment without a host. */
    public static final String NEEDS_HOST = "the userspace impairment engine needs a process that runs it after this"
            + " command returns (the lab's supervisor); none is running";

    private static volatile Boolean netem;

    private LinkImpairments() {
    }

    /**
     * What {@link #apply} did.
     *
     * @param engine    the engine that applies it (null for none)
     * @param effective the impairment now in place, as {@link #current} reads it back
     */
    public record Applied(Engine engine, Impairment effective) {
        /** E.g. {@code delay 50ms loss 1% (userspace engine)}; {@code none}. */
        @Override
        public String toString() {
            return effective.isNone() ? "none" : String.join(" ", effective.tcWords()) + " (" + engine.word() + " engine)";
        }
    }

    /**
     * As {@link #apply(Netns, String, Impairment, ImpairmentHost)} with no host (the kernel engine only).
     *
     * @param ns the node's namespace
     * @param device the interface's name in the node ({@code eth0})
     * @param imp netem's settings ({@code delay 100ms loss 5%}), or {@code Impairment.NONE}
     * @return the engine that applied it and the impairment now in place
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static Applied apply(Netns ns, String device, Impairment imp) throws NetnsException {
        return apply(ns, device, imp, null);
    }

    /**
     * Impairs what {@code device} in {@code ns} sends, replacing any impairment it had;
     * {@link Impairment#NONE} is {@link #clear}.
     *
     * @param host runs userspace engines; null when there is none (a userspace impairment is then refused)
     * @param ns the node's namespace
     * @param device the interface's name in the node ({@code eth0})
     * @param imp netem's settings ({@code delay 100ms loss 5%}), or {@code Impairment.NONE}
     * @return the engine that applied it and the impairment now in place
     * @throws FaultException when the chosen engine cannot apply a setting, cannot run on this kernel, or
     *                        has no host; nothing changed then
     * @throws IllegalArgumentException for settings netem refuses (a rate below 8 bit/s), before any change
     * @throws io.netns4j.error.NotFoundException when the device does not exist
     */
    public static Applied apply(Netns ns, String device, Impairment imp, ImpairmentHost host) throws NetnsException {
        Objects.requireNonNull(imp, "impairment");
        Link link = ns.links().get(device);
        Impairment want = normalise(imp);
        if (want.isNone()) {
            clear(ns, device, host);
            return new Applied(null, Impairment.NONE);
        }
        Engine engine = engine(ns, want);
        if (engine == Engine.KERNEL) {
            NetemSpec spec = netemSpec(want);
            try {
                ns.qdiscs().replaceRootNetem(device, spec);
            } catch (NotSupportedException e) {
                if (e.getMessage().startsWith(Qdiscs.NO_NETEM)) {
                    netem = false;
                    throw new FaultException("engine kernel: " + e.getMessage() + "; nothing was changed (use engine"
                            + " userspace)", List.of(), e);
                }
                throw e;
            }
            removeUserspace(ns, device, host);
            return new Applied(Engine.KERNEL, effective(want, Engine.KERNEL));
        }
        if (host == null) {
            throw new FaultException("Cannot impair " + device + " with " + String.join(" ", want.tcWords()) + ": "
                    + NEEDS_HOST + (netemAvailable(ns) ? "; engine kernel (netem) can apply what netem's words set"
                    : "; this kernel has no netem either") + ". Nothing was changed.", List.of(), null);
        }
        Impairment placed = host.impair(ns, device, want);
        deleteRoot(ns, device, link.index());
        return new Applied(Engine.USERSPACE, placed);
    }

    /** The engine for {@code want}, checked against what it can do; a {@link FaultException} otherwise. */
    private static Engine engine(Netns ns, Impairment want) throws NetnsException {
        Engine chosen = want.engine() != null ? want.engine() : netemAvailable(ns) ? Engine.KERNEL : Engine.USERSPACE;
        if (chosen == Engine.KERNEL && want.engine() == null && !want.beyondKernelEncoder().isEmpty()) {
            chosen = Engine.USERSPACE; // the default picks the engine that can do it all
        }
        if (chosen == Engine.KERNEL) {
            if (!netemAvailable(ns)) {
                throw new FaultException("engine kernel: " + Qdiscs.NO_NETEM + "; nothing was changed (use engine"
                        + " userspace, or leave the engine unset)", List.of(), null);
            }
            List<String> beyond = want.beyondKernelEncoder();
            if (!beyond.isEmpty()) {
                throw new FaultException("engine kernel cannot apply " + String.join(", ", beyond) + " (netns4j's netem"
                        + " encoder sends delay, jitter, loss, duplicate, reorder, gap, rate and limit); use engine"
                        + " userspace. Nothing was changed.", List.of(), null);
            }
        }
        return chosen;
    }

    /**
     * As {@link #clear(Netns, String, ImpairmentHost)} with no host.
     *
     * @param ns the node's namespace
     * @param device the interface's name in the node ({@code eth0})
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static void clear(Netns ns, String device) throws NetnsException {
        clear(ns, device, null);
    }

    /**
     * Removes the device's impairment: its root qdisc when it is a tbf or a netem ({@code tc qdisc
     * del dev DEV root}), and a userspace engine (through {@code host} when given, which stops the one
     * it runs; otherwise what the engine's marks name, {@link UserspaceImpairment#remove}). Nothing
     * happens when there is nothing to remove.
     *
     * @param ns the node's namespace
     * @param device the interface's name in the node ({@code eth0})
     * @param host the host of userspace engines, or null
     * @throws io.netns4j.error.NotFoundException when the device does not exist
     */
    public static void clear(Netns ns, String device, ImpairmentHost host) throws NetnsException {
        Link link = ns.links().get(device);
        deleteRoot(ns, device, link.index());
        removeUserspace(ns, device, host);
    }

    private static void removeUserspace(Netns ns, String device, ImpairmentHost host) throws NetnsException {
        if (host != null) {
            host.remove(ns, device);
        } else {
            UserspaceImpairment.remove(ns, device);
        }
    }

    /**
     * The impairment in place on {@code device}, read from the machine: a userspace engine's marks
     * (engine {@code userspace}, with its seed), else a root netem (engine {@code kernel}); a root tbf
     * reads as its rate. Qdiscs of other kinds are not impairments and read as none.
     *
     * @param ns the node's namespace
     * @param device the interface's name in the node ({@code eth0})
     * @return the impairment in place, or {@link Impairment#NONE}
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static Impairment current(Netns ns, String device) throws NetnsException {
        Link link = ns.links().get(device);
        var marked = UserspaceImpairment.readBack(ns, device);
        if (marked.isPresent()) {
            return marked.get();
        }
        Qdisc root = null;
        List<Qdisc> all = ns.qdiscs().list();
        for (Qdisc q : all) {
            if (q.ifindex() == link.index() && q.isRoot()) {
                root = q;
            }
        }
        if (root == null) {
            return Impairment.NONE;
        }
        if (root.kind().equals("tbf") && root.tbf() != null) {
            return netem(root.tbf().rate() * 8, null, null, null, null, null).withEngine(Engine.KERNEL);
        }
        if (!root.kind().equals("netem")) {
            return Impairment.NONE;
        }
        NetemSpec spec = ns.qdiscs().netemQdiscs().get(root);
        if (spec == null) {
            return Impairment.NONE;
        }
        Impairment i = netem(spec.rate() > 0 ? spec.rate() * 8 : null, micros(spec.delayMicros()),
                micros(spec.jitterMicros()), positive(spec.lossPercent()), positive(spec.duplicatePercent()),
                positive(spec.reorderPercent()));
        return withQueue(i, spec.reorderPercent() > 0 && spec.reorderGap() > 1 ? spec.reorderGap() : null,
                spec.limit() != NetemSpec.DEFAULTS.limit() ? spec.limit() : null).withEngine(Engine.KERNEL);
    }

    /**
     * {@return what {@link #apply} leaves in place for {@code requested} with {@code engine}, and
     * so what {@link #current} reads back: with the kernel, the rate in whole bytes per second,
     * times in whole microseconds and percentages to 6 digits; with the userspace engine, the
     * settings as given (the seed is the engine's, see {@link #inPlace})}
     *
     * @param requested the impairment asked for
     * @param engine where the impairment runs: the kernel's netem, or the userspace engine; null lets netns4j choose
     */
    public static Impairment effective(Impairment requested, Engine engine) {
        Impairment w = normalise(requested);
        if (w.isNone()) {
            return Impairment.NONE;
        }
        if (engine == Engine.USERSPACE) {
            return w.withEngine(Engine.USERSPACE);
        }
        Long rate = w.rateBitsPerSecond() == null ? null : w.rateBitsPerSecond() / 8 * 8;
        Impairment e = netem(rate, nonZero(truncated(w.delay())), nonZero(truncated(w.jitter())),
                rounded(w.lossPercent()), rounded(w.duplicatePercent()), rounded(w.reorderPercent()));
        return withQueue(e, w.gap() != null && w.gap() > 1 ? w.gap() : null,
                w.limit() != null && w.limit() != NetemSpec.DEFAULTS.limit() ? w.limit() : null).withEngine(Engine.KERNEL);
    }

    /** The first six settings, as netem's first words set them; the rest not set. Null leaves one out. */
    static Impairment netem(Long rateBitsPerSecond, Duration delay, Duration jitter, Double lossPercent,
                            Double duplicatePercent, Double reorderPercent) {
        return new Impairment(rateBitsPerSecond, delay, jitter, lossPercent, duplicatePercent, reorderPercent, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static Impairment withQueue(Impairment i, Integer gap, Integer limit) {
        return new Impairment(i.rateBitsPerSecond(), i.delay(), i.jitter(), i.lossPercent(), i.duplicatePercent(),
                i.reorderPercent(), null, null, null, null, null, null, gap, null, null, null, limit, null, null);
    }

    /**
     * {@return the devices among {@code links} that may hold an impairment, so that only those are
     * read with {@link #current}: a root tbf or netem ({@code tc -n NS qdisc show}), or a
     * userspace engine's mark}
     *
     * @param ns the node's namespace
     * @param links the node's links, as {@code ns.links().list()} gives them
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static Set<String> mayBeImpaired(Netns ns, List<Link> links) throws NetnsException {
        Set<Integer> shaped = new HashSet<>();
        for (Qdisc q : ns.qdiscs().list()) {
            if (q.isRoot() && (q.kind().equals("tbf") || q.kind().equals("netem"))) {
                shaped.add(q.ifindex());
            }
        }
        Set<String> out = new HashSet<>(UserspaceImpairment.marked(links));
        for (Link l : links) {
            if (shaped.contains(l.index())) {
                out.add(l.name());
            }
        }
        return out;
    }

    /**
     * {@return whether {@code requested} is what the device has now: {@link #current} against
     * {@link #effective} with the engine {@link #apply} would choose; a userspace engine's own
     * seed counts as the same when {@code requested} names none}
     *
     * @param ns the node's namespace
     * @param device the interface's name in the node ({@code eth0})
     * @param requested the impairment asked for
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static boolean inPlace(Netns ns, String device, Impairment requested) throws NetnsException {
        Impairment now = current(ns, device);
        Impairment want = normalise(requested);
        if (want.isNone()) {
            return now.isNone();
        }
        Engine engine = want.engine() != null ? want.engine()
                : netemAvailable(ns) && want.beyondKernelEncoder().isEmpty() ? Engine.KERNEL : Engine.USERSPACE;
        Impairment expected = effective(want, engine);
        if (engine == Engine.USERSPACE && want.seed() == null) {
            now = now.withoutSeed();
        }
        return now.withEngine(null).equals(expected.withEngine(null)) && now.engine() == engine;
    }

    /**
     * {@return whether the kernel has netem; asked once per process ({@link
     * Qdiscs#netemAvailable()}, a throw-away namespace) and remembered: a kernel does not lose a
     * qdisc kind it has}
     *
     * @param ns the node's namespace
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static boolean netemAvailable(Netns ns) throws NetnsException {
        Boolean known = netem;
        if (known == null) {
            known = ns.qdiscs().netemAvailable();
            netem = known;
        }
        return known;
    }

    private static NetemSpec netemSpec(Impairment w) {
        Impairment e = effective(w, Engine.KERNEL);
        long delay = e.delay() == null ? 0 : e.delay().toNanos() / 1000;
        long jitter = e.jitter() == null ? 0 : e.jitter().toNanos() / 1000;
        long rate = e.rateBitsPerSecond() == null ? 0 : e.rateBitsPerSecond() / 8;
        int gap = e.reorderPercent() == null ? 0 : w.gap() == null ? 1 : w.gap();
        return new NetemSpec(delay, jitter, or0(e.lossPercent()), or0(e.duplicatePercent()), or0(e.reorderPercent()), gap,
                rate, w.limit() == null ? NetemSpec.DEFAULTS.limit() : w.limit());
    }

    private static void deleteRoot(Netns ns, String device, int ifindex) throws NetnsException {
        for (Qdisc q : ns.qdiscs().list()) {
            if (q.ifindex() == ifindex && q.isRoot() && (q.kind().equals("tbf") || q.kind().equals("netem"))) {
                ns.qdiscs().deleteRoot(device);
                return;
            }
        }
    }

    // ---- values ----

    /** Zeros read as "not set"; a rate below one byte per second is refused. */
    static Impairment normalise(Impairment i) {
        if (i.rateBitsPerSecond() != null && i.rateBitsPerSecond() < 8) {
            throw new IllegalArgumentException("rate " + TcUnits.formatStrictRate(i.rateBitsPerSecond()) + " is below one byte"
                    + " per second (8bit), the smallest rate tc can set");
        }
        Duration delay = nonZero(i.delay());
        if (i.jitter() != null && !i.jitter().isZero() && delay == null) {
            throw new IllegalArgumentException("jitter " + TcUnits.formatStrictTime(i.jitter()) + " without a delay: netem"
                    + " varies a delay (e.g. delay 50ms 10ms)");
        }
        if (positive(i.reorderPercent()) != null && delay == null) {
            throw new IllegalArgumentException("reorder " + TcUnits.formatStrictPercent(i.reorderPercent()) + " without a delay:"
                    + " netem reorders by sending some packets without the delay (e.g. delay 10ms reorder 25%)");
        }
        Duration jitter = delay == null ? null : nonZero(i.jitter());
        return new Impairment(i.rateBitsPerSecond(), delay, jitter, positive(i.lossPercent()),
                positive(i.duplicatePercent()), positive(i.reorderPercent()), jitter == null ? null : i.delayCorrelation(),
                jitter == null ? null : i.distribution(), i.lossCorrelation(), i.lossModel(), i.duplicateCorrelation(),
                i.reorderCorrelation(), i.gap(), positive(i.corruptPercent()), i.corruptCorrelation(), i.rateOverhead(),
                i.limit(), i.seed(), i.engine());
    }

    private static Duration nonZero(Duration d) {
        return d == null || d.isZero() ? null : d;
    }

    private static Duration truncated(Duration d) {
        return d == null ? null : Duration.ofNanos(d.toNanos() / 1000 * 1000);
    }

    private static Duration micros(long us) {
        return us > 0 ? Duration.ofNanos(us * 1000) : null;
    }

    private static Double positive(Double p) {
        return p == null || p == 0 ? null : p;
    }

    private static Double rounded(Double p) {
        return p == null ? null : TcUnits.roundPercent(p);
    }

    private static double or0(Double p) {
        return p == null ? 0 : p;
    }
}
