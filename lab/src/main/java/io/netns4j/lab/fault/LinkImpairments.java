package io.netns4j.lab.fault;

import io.netns4j.Netns;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotSupportedException;
import io.netns4j.lab.model.Impairment;
import io.netns4j.link.Link;
import io.netns4j.qdisc.NetemSpec;
import io.netns4j.qdisc.Qdisc;
import io.netns4j.qdisc.Qdiscs;
import io.netns4j.qdisc.TbfSpec;
import io.netns4j.qdisc.TcUnits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Impairs what one device sends (an {@link Impairment}: rate, delay, jitter, loss, duplication,
 * reordering), reads back what is in place, and removes it. Everything goes through the
 * library: no {@code tc} or {@code nft} process.
 *
 * <p><b>With netem</b> ({@code sch_netem} built in or loadable), everything is one root netem:
 * {@code tc -n NS qdisc replace dev DEV root netem delay 50ms 10ms loss 1% duplicate 0.1%
 * reorder 5% rate 10mbit}. The rate is netem's own {@code rate}, not a tbf with netem as its
 * child: netem's rate delays each packet by its transmission time at that rate, as a link of
 * that speed would, in the same queue as the delay, with one qdisc to replace atomically and
 * read back; a tbf in front would add a second queue and a burst that a real link has not.
 * ({@link Qdiscs#replaceRootTbfWithNetem} builds the tbf-and-netem layout for whoever wants it.)
 *
 * <p><b>Without netem</b> (this project's test kernel, for one), only what other mechanisms can do
 * is applied, and the rest is reported in {@link Applied#unsupported()}:
 * <ul>
 * <li><b>rate</b>: a root token bucket filter, {@code tc qdisc replace dev DEV root tbf rate R
 * burst B limit L}. The burst B is 10 ms worth of the rate, and at least two full frames
 * (2 x (MTU + 14)): below one frame tbf drops full-size packets, and 10 ms of tokens covers
 * the timer granularity of kernels with HZ=100, so the rate is reached without bursts much
 * above it (10 mbit: 12500 bytes). The queue limit L is 50 ms at the rate plus the burst, a
 * typical router buffer: TCP fills the link without a standing queue of seconds.</li>
 * <li><b>loss</b>: an nftables rule on the device's netdev egress hook, {@code numgen random mod
 * 10000 < N drop} with N = loss x 100, in chain {@code egress_DEV} of table
 * {@code netdev netns4j_impair}, through libnftables in the namespace
 * ({@link io.netns4j.firewall.Firewall}). Losses are kept to 0.01%; one below 0.005% is
 * reported unsupported rather than rounded to none. The hook runs before the qdisc.</li>
 * <li><b>delay, jitter, duplicate, reorder</b>: not applied ("NOT applied: this kernel lacks netem
 * (sch_netem)").</li>
 * </ul>
 *
 * <p>{@link #apply} replaces whatever impairment the device had (calling it twice leaves the same
 * state), {@link #clear} removes the root tbf or netem and the device's nftables chain (and the
 * table when it was the last one). Neither is safe against another process changing the same
 * namespace's qdiscs or {@code netns4j_impair} table at the same moment.
 */
public final class LinkImpairments {
    /** tbf's burst, in microseconds of the rate (10 ms). */
    static final long BURST_MICROS = 10_000;
    /** tbf's queue, in microseconds of the rate, on top of the burst (50 ms). */
    static final long QUEUE_MICROS = 50_000;
    /** Ethernet's header, which tbf counts with every packet and which the MTU leaves out. */
    static final int LINK_HEADER = 14;
    /** The longest a full frame may take at the rate in the tbf fallback: the scheduler's ticks overflow not far beyond. */
    static final long MAX_FRAME_MICROS = 60_000_000;
    static final String NO_NETEM = "NOT applied: this kernel lacks netem (sch_netem)";

    private static volatile Boolean netem;

    private LinkImpairments() {
    }

    /** How a setting was put in place. */
    public enum Mechanism {
        NETEM("netem"), TBF("tbf"), NFTABLES("nftables drop");

        private final String label;

        Mechanism(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * One setting of an impairment and what became of it.
     *
     * @param name      {@code rate}, {@code delay}, {@code loss}, {@code duplicate} or {@code reorder}
     * @param value     as written in a topology file, e.g. {@code 10mbit}, {@code 50ms 10ms}, {@code 1%}
     * @param mechanism what applies it, or null when it is not applied
     * @param note      why it is not applied, or an aside (e.g. {@code no netem}); may be null
     */
    public record Setting(String name, String value, Mechanism mechanism, String note) {
        @Override
        public String toString() {
            if (mechanism == null) {
                return name + " " + value + " " + note;
            }
            return name + " " + value + " (" + mechanism + (note == null ? "" : "; " + note) + ")";
        }
    }

    /**
     * What {@link #apply} did.
     *
     * @param applied     the settings in place, each with its mechanism
     * @param unsupported the settings this kernel cannot apply, with the reason
     * @param effective   the impairment now in place, as {@link #current} reads it back (rates in whole
     *                    bytes per second, times in microseconds, the fallback's loss in 0.01% steps)
     */
    public record Applied(List<Setting> applied, List<Setting> unsupported, Impairment effective) {
        public Applied {
            applied = List.copyOf(applied);
            unsupported = List.copyOf(unsupported);
        }

        /** Whether everything asked for is in place. */
        public boolean complete() {
            return unsupported.isEmpty();
        }

        /** E.g. {@code rate 10mbit (tbf), loss 1% (nftables drop; no netem), delay 50ms NOT applied: ...}; {@code none}. */
        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            applied.forEach(s -> parts.add(s.toString()));
            unsupported.forEach(s -> parts.add(s.toString()));
            return parts.isEmpty() ? "none" : String.join(", ", parts);
        }
    }

    /**
     * Impairs what {@code device} in {@code ns} sends, replacing any impairment it had;
     * {@link Impairment#NONE} is {@link #clear}. With netem, equivalent to {@code tc -n NS qdisc
     * replace dev DEV root netem ...}; without, see the class comment.
     *
     * @throws IllegalArgumentException for settings no mechanism can take (reorder without delay, a
     *                                  rate below 8 bit/s or too low for a full frame), before any change
     * @throws io.netns4j.error.NotFoundException when the device does not exist
     */
    public static Applied apply(Netns ns, String device, Impairment imp) throws NetnsException {
        Objects.requireNonNull(imp, "impairment");
        Link link = ns.links().get(device);
        Impairment want = normalise(imp);
        if (want.isNone()) {
            clear(ns, device);
            return new Applied(List.of(), List.of(), Impairment.NONE);
        }
        if (netemAvailable(ns)) {
            NetemSpec spec = netemSpec(want);
            try {
                ns.qdiscs().replaceRootNetem(device, spec);
                EgressDrop.remove(ns, device);
                return withNetem(want);
            } catch (NotSupportedException e) {
                if (!e.getMessage().startsWith(Qdiscs.NO_NETEM)) {
                    throw e;
                }
                netem = false; // the module went away: fall back
            }
        }
        return withoutNetem(ns, device, link, want);
    }

    /**
     * Removes the device's impairment: its root qdisc when it is a tbf or a netem ({@code tc qdisc
     * del dev DEV root}), and its chain in table {@code netdev netns4j_impair}, with the table when
     * no other device has one. Nothing happens when there is nothing to remove.
     *
     * @throws io.netns4j.error.NotFoundException when the device does not exist
     */
    public static void clear(Netns ns, String device) throws NetnsException {
        Link link = ns.links().get(device);
        deleteRoot(ns, device, link.index());
        EgressDrop.remove(ns, device);
    }

    /**
     * The impairment in place on {@code device}, read from the kernel: a root netem, a root tbf
     * (its rate) with perhaps a netem child, and the device's nftables drop. Equal to
     * {@link Applied#effective()} of the last {@link #apply}; qdiscs of other kinds are not
     * impairments and read as none.
     */
    public static Impairment current(Netns ns, String device) throws NetnsException {
        Link link = ns.links().get(device);
        Qdisc root = null;
        Qdisc child = null;
        List<Qdisc> all = ns.qdiscs().list();
        for (Qdisc q : all) {
            if (q.ifindex() == link.index() && q.isRoot()) {
                root = q;
            }
        }
        if (root != null && root.kind().equals("tbf")) {
            for (Qdisc q : all) {
                if (q.ifindex() == link.index() && q.parent() == (root.handle() | 1) && q.kind().equals("netem")) {
                    child = q;
                }
            }
        }
        Long rate = null;
        NetemSpec spec = null;
        if (root != null && root.kind().equals("tbf") && root.tbf() != null) {
            rate = root.tbf().rate() * 8;
        }
        Qdisc netemQdisc = root != null && root.kind().equals("netem") ? root : child;
        if (netemQdisc != null) {
            spec = ns.qdiscs().netemQdiscs().get(netemQdisc);
        }
        Duration delay = null;
        Duration jitter = null;
        Double loss = null;
        Double duplicate = null;
        Double reorder = null;
        if (spec != null) {
            rate = rate != null ? rate : spec.rate() > 0 ? spec.rate() * 8 : null;
            delay = spec.delayMicros() > 0 ? Duration.ofNanos(spec.delayMicros() * 1000) : null;
            jitter = spec.jitterMicros() > 0 ? Duration.ofNanos(spec.jitterMicros() * 1000) : null;
            loss = positive(spec.lossPercent());
            duplicate = positive(spec.duplicatePercent());
            reorder = positive(spec.reorderPercent());
        }
        if (loss == null) {
            loss = EgressDrop.loss(ns, device);
        }
        return new Impairment(rate, delay, jitter, loss, duplicate, reorder);
    }

    /**
     * What {@link #apply} leaves in place for {@code requested}, and so what {@link #current} reads
     * back: with netem, the rate in whole bytes per second, times in whole microseconds and
     * percentages to 6 digits; without, only the rate and the loss (in steps of 0.01%).
     */
    public static Impairment effective(Impairment requested, boolean netem) {
        Impairment w = normalise(requested);
        Long rate = w.rateBitsPerSecond() == null ? null : w.rateBitsPerSecond() / 8 * 8;
        if (!netem) {
            Double loss = w.lossPercent() == null ? null : fallbackLoss(w.lossPercent());
            return new Impairment(rate, null, null, loss, null, null);
        }
        return new Impairment(rate, nonZero(micros(w.delay())), nonZero(micros(w.jitter())), rounded(w.lossPercent()),
                rounded(w.duplicatePercent()), rounded(w.reorderPercent()));
    }

    /**
     * The devices among {@code links} that may hold an impairment, so that only those are read with
     * {@link #current}: a root tbf or netem ({@code tc -n NS qdisc show}), or a chain in table
     * {@code netdev netns4j_impair}.
     */
    public static Set<String> mayBeImpaired(Netns ns, List<Link> links) throws NetnsException {
        Set<Integer> shaped = new HashSet<>();
        for (Qdisc q : ns.qdiscs().list()) {
            if (q.isRoot() && (q.kind().equals("tbf") || q.kind().equals("netem"))) {
                shaped.add(q.ifindex());
            }
        }
        Set<String> dropChains = new HashSet<>(EgressDrop.chains(ns));
        Set<String> out = new HashSet<>();
        for (Link l : links) {
            if (shaped.contains(l.index()) || dropChains.contains(EgressDrop.chain(l.name()))) {
                out.add(l.name());
            }
        }
        return out;
    }

    /** Whether {@code requested} is what the device has now: {@link #current} against {@link #effective}. */
    public static boolean inPlace(Netns ns, String device, Impairment requested) throws NetnsException {
        return current(ns, device).equals(effective(requested, netemAvailable(ns)));
    }

    /**
     * Whether the kernel has netem; asked once per process ({@link Qdiscs#netemAvailable()}, a
     * throw-away namespace) and remembered: a kernel does not lose a qdisc kind it has.
     */
    public static boolean netemAvailable(Netns ns) throws NetnsException {
        Boolean known = netem;
        if (known == null) {
            known = ns.qdiscs().netemAvailable();
            netem = known;
        }
        return known;
    }

    // ---- the two ways ----

    private static Applied withNetem(Impairment w) {
        List<Setting> applied = new ArrayList<>();
        Impairment e = effective(w, true);
        if (e.rateBitsPerSecond() != null) {
            applied.add(new Setting("rate", TcUnits.formatStrictRate(e.rateBitsPerSecond()), Mechanism.NETEM, null));
        }
        if (e.delay() != null) {
            applied.add(new Setting("delay", delayText(e), Mechanism.NETEM, null));
        }
        percent(applied, "loss", e.lossPercent());
        percent(applied, "duplicate", e.duplicatePercent());
        percent(applied, "reorder", e.reorderPercent());
        return new Applied(applied, List.of(), e);
    }

    private static void percent(List<Setting> out, String name, Double p) {
        if (p != null) {
            out.add(new Setting(name, TcUnits.formatStrictPercent(p), Mechanism.NETEM, null));
        }
    }

    private static Applied withoutNetem(Netns ns, String device, Link link, Impairment w) throws NetnsException {
        List<Setting> applied = new ArrayList<>();
        List<Setting> unsupported = new ArrayList<>();
        Impairment e = effective(w, false);
        TbfSpec tbf = null;
        if (e.rateBitsPerSecond() != null) {
            tbf = tbf(e.rateBitsPerSecond() / 8, link.mtu() == null ? 1500 : link.mtu());
            applied.add(new Setting("rate", TcUnits.formatStrictRate(e.rateBitsPerSecond()), Mechanism.TBF, null));
        }
        int threshold = 0;
        if (w.lossPercent() != null) {
            threshold = EgressDrop.threshold(w.lossPercent());
            if (threshold == 0) {
                unsupported.add(new Setting("loss", TcUnits.formatStrictPercent(w.lossPercent()), null, "NOT applied: below"
                        + " 0.005%, under the 0.01% steps of the nftables drop used without netem"));
            } else {
                EgressDrop.check(device);
                applied.add(new Setting("loss", TcUnits.formatStrictPercent(e.lossPercent()), Mechanism.NFTABLES, "no netem"));
            }
        }
        if (w.delay() != null) {
            unsupported.add(new Setting("delay", delayText(w), null, NO_NETEM));
        }
        if (w.duplicatePercent() != null) {
            unsupported.add(new Setting("duplicate", TcUnits.formatStrictPercent(w.duplicatePercent()), null, NO_NETEM));
        }
        if (w.reorderPercent() != null) {
            unsupported.add(new Setting("reorder", TcUnits.formatStrictPercent(w.reorderPercent()), null, NO_NETEM));
        }
        if (tbf != null) {
            ns.qdiscs().replaceRootTbf(device, tbf);
        } else {
            deleteRoot(ns, device, link.index());
        }
        try {
            if (threshold > 0) {
                EgressDrop.set(ns, device, threshold);
            } else {
                EgressDrop.remove(ns, device);
            }
        } catch (NetnsException failed) {
            try {
                clear(ns, device);
            } catch (NetnsException cleanup) {
                failed.addSuppressed(cleanup);
            }
            throw failed;
        }
        return new Applied(applied, unsupported, e);
    }

    /** The fallback's tbf for {@code rate} bytes per second on a device of {@code mtu}; see the class comment. */
    static TbfSpec tbf(long rate, int mtu) {
        long frame = 2L * (mtu + LINK_HEADER);
        if (frame * 1_000_000 / rate > MAX_FRAME_MICROS) {
            long minimum = (frame * 1_000_000 + MAX_FRAME_MICROS - 1) / MAX_FRAME_MICROS;
            throw new IllegalArgumentException("rate " + TcUnits.formatStrictRate(rate * 8) + " is too low for tbf (used without"
                    + " netem) on a device with MTU " + mtu + ": two full frames would take more than "
                    + MAX_FRAME_MICROS / 1_000_000 + " s; use at least " + TcUnits.formatStrictRate(minimum * 8));
        }
        long burst = Math.min(Integer.MAX_VALUE, Math.max(frame, rate * BURST_MICROS / 1_000_000));
        long limit = Math.min(0xffffffffL, rate * QUEUE_MICROS / 1_000_000 + burst);
        return new TbfSpec(rate, (int) burst, 0, limit);
    }

    private static NetemSpec netemSpec(Impairment w) {
        Impairment e = effective(w, true);
        long delay = e.delay() == null ? 0 : e.delay().toNanos() / 1000;
        long jitter = e.jitter() == null ? 0 : e.jitter().toNanos() / 1000;
        long rate = e.rateBitsPerSecond() == null ? 0 : e.rateBitsPerSecond() / 8;
        return new NetemSpec(delay, jitter, or0(e.lossPercent()), or0(e.duplicatePercent()), or0(e.reorderPercent()), 0,
                rate, NetemSpec.DEFAULTS.limit());
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
        Duration jitter = delay == null ? null : nonZero(i.jitter());
        if (i.jitter() != null && !i.jitter().isZero() && delay == null) {
            throw new IllegalArgumentException("jitter " + TcUnits.formatStrictTime(i.jitter()) + " without a delay: netem"
                    + " varies a delay (e.g. delay 50ms 10ms)");
        }
        if (positive(i.reorderPercent()) != null && delay == null) {
            throw new IllegalArgumentException("reorder " + TcUnits.formatStrictPercent(i.reorderPercent()) + " without a delay:"
                    + " netem reorders by sending some packets without the delay (e.g. delay 10ms reorder 25%)");
        }
        return new Impairment(i.rateBitsPerSecond(), delay, jitter, positive(i.lossPercent()),
                positive(i.duplicatePercent()), positive(i.reorderPercent()));
    }

    private static Double fallbackLoss(double percent) {
        int t = EgressDrop.threshold(percent);
        return t == 0 ? null : TcUnits.roundPercent(t * 100.0 / EgressDrop.MODULUS);
    }

    private static String delayText(Impairment i) {
        return TcUnits.formatStrictTime(i.delay()) + (i.jitter() == null ? "" : " " + TcUnits.formatStrictTime(i.jitter()));
    }

    private static Duration nonZero(Duration d) {
        return d == null || d.isZero() ? null : d;
    }

    private static Duration micros(Duration d) {
        return d == null ? null : Duration.ofNanos(d.toNanos() / 1000 * 1000);
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
