package io.netns4j.lab.wire;

import io.netns4j.lab.model.Impairment;
import io.netns4j.qdisc.NetemDistribution;
import io.netns4j.qdisc.NetemLossModel;

import java.util.SplittableRandom;

/**
 * What netem would do with each packet, decided as sch_netem's {@code netem_enqueue} decides
 * (Linux 6.x), with no I/O: duplicate ({@code duplicate >= get_crandom}), lose (random with
 * correlation, or the Gilbert-Elliott and 4-state chains of {@code loss_gilb_ell} and
 * {@code loss_4state}), corrupt one bit, then either send at once to the head of the queue
 * (reorder: when {@code gap} packets have passed and {@code reorder >= get_crandom}) or delay by
 * {@code tabledist(latency, jitter)} plus, with a rate, the packet's transmission time after the
 * last queued packet. Probabilities are netem's 32-bit fractions, as tc turns percentages into
 * them ({@code rint(p/100 * UINT32_MAX)}).
 *
 * <p>Every kind of decision draws from its own stream, each split in a fixed order from one
 * {@link SplittableRandom} of the seed: the same seed gives the same drops whatever the delay
 * settings, and the same whole run for the same packets. Not thread-safe: one reader calls it.
 */
final class NetemDecisions {
    private static final long NANOS = 1_000_000_000L;
    private static final int GOOD = 1;
    private static final int BAD = 2;
    private static final int TX_IN_GAP = 1;
    private static final int TX_IN_BURST = 2;
    private static final int LOST_IN_GAP = 3;
    private static final int LOST_IN_BURST = 4;

    private final long latency;
    private final long jitter;
    private final short[] table;
    private final long loss;
    private final long duplicate;
    private final long reorder;
    private final long corrupt;
    private final int gap;
    private final long rateBytes;
    private final int overhead;
    private final NetemLossModel model;
    private final long a1;
    private final long a2;
    private final long a3;
    private final long a4;
    private final long a5;
    private final CorrelatedRandom delayRandom;
    private final CorrelatedRandom lossRandom;
    private final CorrelatedRandom duplicateRandom;
    private final CorrelatedRandom reorderRandom;
    private final CorrelatedRandom corruptRandom;
    private final SplittableRandom corruptPosition;
    private int state;
    private long counter;

    /**
     * Whether a packet goes on: {@code dropped} (lost), {@code duplicated} (a copy goes too), {@code copyLost}
     * (it was to be duplicated and one of the two was lost, so one goes).
     */
    record Admission(boolean dropped, boolean duplicated, boolean copyLost) {
        static final Admission DROP = new Admission(true, false, false);
        static final Admission PASS = new Admission(false, false, false);
    }

    /**
     * Where a packet goes: the byte and bit to flip ({@code corruptByte} -1: none), whether it is sent at
     * once ahead of the queue (reordered), and otherwise when (nanoTime).
     */
    record Placement(int corruptByte, int corruptBit, boolean atOnce, long sendAt) {
    }

    NetemDecisions(Impairment imp, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        latency = imp.delay() == null ? 0 : imp.delay().toNanos();
        jitter = imp.jitter() == null ? 0 : imp.jitter().toNanos();
        NetemDistribution d = imp.distribution() == null ? NetemDistribution.UNIFORM : imp.distribution();
        table = NetemTables.of(d);
        loss = fraction(imp.lossPercent());
        duplicate = fraction(imp.duplicatePercent());
        reorder = fraction(imp.reorderPercent());
        corrupt = fraction(imp.corruptPercent());
        gap = imp.reorderPercent() == null ? 0 : imp.gap() == null ? 1 : imp.gap(); // tc: a reorder without gap is gap 1
        rateBytes = imp.rateBitsPerSecond() == null ? 0 : imp.rateBitsPerSecond() / 8;
        overhead = imp.rateOverhead() == null ? 0 : imp.rateOverhead();
        model = imp.lossModel();
        switch (model) {
            case NetemLossModel.GilbertElliott g -> {
                // tc sends h, not 1-h: the kernel loses in the bad state when the draw exceeds h
                a1 = fraction(g.p());
                a2 = fraction(g.r());
                a3 = 0xffffffffL - fraction(g.oneMinusH());
                a4 = fraction(g.oneMinusK());
                a5 = 0;
                state = GOOD;
            }
            case NetemLossModel.FourState s -> {
                a1 = fraction(s.p13());
                a2 = fraction(s.p31());
                a3 = fraction(s.p32());
                a4 = fraction(s.p14());
                a5 = fraction(s.p23());
                state = TX_IN_GAP;
            }
            case null -> {
                a1 = a2 = a3 = a4 = a5 = 0;
            }
        }
        // the streams are split in this order whatever is set, so one setting never shifts another's draws
        delayRandom = new CorrelatedRandom(root.split(), fraction(imp.delayCorrelation()));
        lossRandom = new CorrelatedRandom(root.split(), fraction(imp.lossCorrelation()));
        duplicateRandom = new CorrelatedRandom(root.split(), fraction(imp.duplicateCorrelation()));
        reorderRandom = new CorrelatedRandom(root.split(), fraction(imp.reorderCorrelation()));
        corruptRandom = new CorrelatedRandom(root.split(), fraction(imp.corruptCorrelation()));
        corruptPosition = root.split();
    }

    /** A percentage as netem's 32-bit fraction, as tc's get_percent makes it; 0 when not set. */
    static long fraction(Double percent) {
        return percent == null ? 0 : (long) Math.rint(percent / 100 * 0xffffffffL);
    }

    /** Whether packets only pass (or are lost, duplicated, corrupted) and never wait: no delay, jitter, rate, reorder. */
    boolean neverWaits() {
        return latency == 0 && jitter == 0 && rateBytes == 0 && gap == 0;
    }

    /**
     * The first half of netem_enqueue for one packet: duplicate, then lose. {@code duplicateAllowed} is
     * false for the copy of a duplicated packet, as netem turns duplication off while it enqueues the copy.
     */
    Admission admit(boolean duplicateAllowed) {
        boolean twice = duplicateAllowed && duplicate != 0 && duplicate >= duplicateRandom.next();
        boolean lost = lossEvent();
        if (lost && !twice) {
            return Admission.DROP;
        }
        return twice || lost ? new Admission(false, twice && !lost, lost) : Admission.PASS; // two, one lost: one goes
    }

    /**
     * The second half, for a packet of {@code length} bytes admitted at {@code now} (nanoTime): corrupt,
     * then reorder or delay. {@code lastQueued} is the release time of the last packet queued
     * ({@link Long#MIN_VALUE}: none), from which a rate counts.
     */
    Placement place(int length, long now, long lastQueued) {
        int corruptByte = -1;
        int corruptBit = 0;
        if (corrupt != 0 && corrupt >= corruptRandom.next() && length > 0) {
            corruptByte = corruptPosition.nextInt(length);
            corruptBit = corruptPosition.nextInt(8);
        }
        if (gap == 0 || counter < gap - 1 || reorder < reorderRandom.next()) {
            long delay = tableDistribution();
            long start = now;
            if (rateBytes != 0) {
                if (lastQueued != Long.MIN_VALUE) {
                    delay = Math.max(0, delay - (lastQueued - now));
                    start = lastQueued;
                }
                delay += transmissionNanos(length);
            }
            counter++;
            return new Placement(corruptByte, corruptBit, false, start + delay);
        }
        counter = 0;
        return new Placement(corruptByte, corruptBit, true, now);
    }

    /** netem's packet_time_ns: the packet (plus overhead) at the rate. */
    long transmissionNanos(int length) {
        long bytes = Math.max(0, (long) length + overhead);
        return bytes * NANOS / rateBytes;
    }

    /** netem's tabledist(latency, jitter, delay_cor, dist), in nanoseconds; may be negative (sent at once then). */
    long tableDistribution() {
        if (jitter == 0) {
            return latency;
        }
        long rnd = delayRandom.next();
        if (table == null) {
            long range = 2 * (jitter & 0xffffffffL) & 0xffffffffL; // (u32) 2 * (u32) sigma, as the kernel computes it
            return range == 0 ? latency : rnd % range + latency - jitter;
        }
        long t = table[(int) (rnd % table.length)];
        long x = (jitter % NetemTables.SCALE) * t;
        x += x >= 0 ? NetemTables.SCALE / 2 : -NetemTables.SCALE / 2;
        return x / NetemTables.SCALE + (jitter / NetemTables.SCALE) * t + latency;
    }

    private boolean lossEvent() {
        return switch (model) {
            case null -> loss != 0 && loss >= lossRandom.next();
            case NetemLossModel.GilbertElliott g -> gilbertElliott();
            case NetemLossModel.FourState s -> fourState();
        };
    }

    /** loss_gilb_ell: two draws a packet, from the loss stream. */
    private boolean gilbertElliott() {
        if (state == GOOD) {
            if (lossRandom.next32() < a1) {
                state = BAD;
            }
            return lossRandom.next32() < a4;
        }
        if (lossRandom.next32() < a2) {
            state = GOOD;
        }
        return lossRandom.next32() > a3;
    }

    /** loss_4state: one draw a packet, from the loss stream. */
    private boolean fourState() {
        long rnd = lossRandom.next32();
        switch (state) {
            case TX_IN_GAP -> {
                if (rnd < a4) {
                    state = LOST_IN_GAP;
                    return true;
                } else if (a4 < rnd && rnd < a1 + a4) {
                    state = LOST_IN_BURST;
                    return true;
                }
                return false;
            }
            case TX_IN_BURST -> {
                if (rnd < a5) {
                    state = LOST_IN_BURST;
                    return true;
                }
                return false;
            }
            case LOST_IN_BURST -> {
                if (rnd < a3) {
                    state = TX_IN_BURST;
                } else if (a3 < rnd && rnd < a2 + a3) {
                    state = TX_IN_GAP;
                } else if (a2 + a3 < rnd) {
                    return true;
                }
                return false;
            }
            default -> {
                state = TX_IN_GAP; // LOST_IN_GAP
                return false;
            }
        }
    }
}
