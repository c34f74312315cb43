package io.netns4j.lab.wire;

import io.netns4j.lab.model.Impairment;
import io.netns4j.qdisc.NetemDistribution;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** netem's decisions as {@link NetemDecisions} makes them, without root or I/O. */
class NetemDecisionsTest {
    private static final long MS = 1_000_000;

    private static NetemDecisions of(String words, long seed) {
        return new NetemDecisions(Impairment.parse(List.of(words.split(" "))), seed);
    }

    private static boolean[] drops(NetemDecisions d, int n) {
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = d.admit(true).dropped();
        }
        return out;
    }

    private static double lossRate(String words, int n) {
        boolean[] d = drops(of(words, 11), n);
        int lost = 0;
        for (boolean b : d) {
            lost += b ? 1 : 0;
        }
        return 100.0 * lost / n;
    }

    @Test
    void theSameSeedGivesTheSameDropsWhateverTheDelay() {
        boolean[] a = drops(of("loss 30%", 42), 10_000);
        assertTrue(Arrays.equals(a, drops(of("loss 30%", 42), 10_000)));
        NetemDecisions delayed = of("loss 30% delay 10ms 5ms 50% distribution pareto duplicate 5% corrupt 1%", 42);
        boolean[] b = new boolean[10_000];
        for (int i = 0; i < b.length; i++) {
            NetemDecisions.Admission x = delayed.admit(false); // the duplicate stream is its own: no shift either way
            b[i] = x.dropped();
            delayed.place(100, 0, Long.MIN_VALUE);
        }
        assertTrue(Arrays.equals(a, b), "other settings draw from their own streams");
        assertTrue(!Arrays.equals(a, drops(of("loss 30%", 43), 10_000)));
    }

    @Test
    void randomLossAndItsCorrelation() {
        assertEquals(20, lossRate("loss 20%", 200_000), 0.5);
        // netem's correlated draw leans each value on the last, which narrows the values around the middle: a
        // correlated loss is far below its percentage (the kernel's known behaviour, kept; bursts are what
        // "loss gemodel" and "loss state" are for)
        assertTrue(lossRate("loss 20% 75%", 200_000) < 5);
        assertTrue(lossRate("loss 20% 25%", 200_000) < 20);
        assertEquals(0, lossRate("delay 1ms", 10_000));
        assertEquals(100, lossRate("loss 100%", 10_000));
        assertEquals(50, lossRate("loss 50% 90%", 200_000), 3); // symmetric around the middle
    }

    private static double meanRun(boolean[] lost) {
        int runs = 0;
        int total = 0;
        for (int i = 0; i < lost.length; i++) {
            if (lost[i]) {
                total++;
                if (i == 0 || !lost[i - 1]) {
                    runs++;
                }
            }
        }
        return (double) total / runs;
    }

    @Test
    void gilbertElliottLosesInBursts() {
        // p 1%, r 10%, all lost in the bad state, none in the good: bad p/(p+r) = 1/11 of the time, bursts of 1/r
        boolean[] lost = drops(of("loss gemodel 1% 10% 100% 0%", 9), 400_000);
        double rate = 0;
        for (boolean b : lost) {
            rate += b ? 1 : 0;
        }
        assertEquals(100.0 / 11, 100 * rate / lost.length, 0.8);
        assertEquals(10, meanRun(lost), 1.5);
        assertEquals(0, lossRate("loss gemodel 0% 100% 100% 0%", 10_000)); // never bad, nothing lost when good
        assertEquals(5, lossRate("loss gemodel 0% 100% 100% 5%", 200_000), 0.3); // 1-k: loss in the good state
    }

    @Test
    void fourStateLosesInBurstsAndAlone() {
        // p13 10%, p31 50%: in burst state 3 a sixth of the time, bursts of 2 on average
        boolean[] lost = drops(of("loss state 10% 50%", 3), 400_000);
        double rate = 0;
        for (boolean b : lost) {
            rate += b ? 1 : 0;
        }
        assertEquals(100.0 / 6, 100 * rate / lost.length, 0.8);
        assertEquals(2, meanRun(lost), 0.2);
        // p14 alone: isolated losses, each followed by a delivered packet
        boolean[] isolated = drops(of("loss state 0% 100% 0% 100% 5%", 3), 200_000);
        for (int i = 1; i < isolated.length; i++) {
            assertTrue(!(isolated[i] && isolated[i - 1]), "two losses in a row at " + i);
        }
        assertEquals(100.0 * 0.05 / 1.05, lossRate("loss state 0% 100% 0% 100% 5%", 200_000), 0.4);
    }

    @Test
    void uniformJitterStaysWithinTheDelayPlusMinusTheJitter() {
        NetemDecisions d = of("delay 50ms 10ms", 1);
        double sum = 0;
        for (int i = 0; i < 100_000; i++) {
            long t = d.place(100, 0, Long.MIN_VALUE).sendAt();
            assertTrue(t >= 40 * MS && t < 60 * MS, "delay " + t);
            sum += t;
        }
        assertEquals(50.0, sum / 100_000 / MS, 0.1);
    }

    @Test
    void tablesShapeTheJitter() {
        for (NetemDistribution dist : List.of(NetemDistribution.NORMAL, NetemDistribution.PARETONORMAL)) {
            double[] s = stats(of("delay 50ms 10ms distribution " + dist.word(), 2));
            assertEquals(50, s[0], 0.5, dist + " mean");
            assertEquals(10, s[1], dist == NetemDistribution.NORMAL ? 0.3 : 2.5, dist + " standard deviation");
        }
        double[] pareto = stats(of("delay 50ms 10ms distribution pareto", 2));
        assertEquals(50, pareto[0], 1.0, "pareto mean");
        assertTrue(pareto[2] < pareto[0] - 1, "pareto is skewed: median " + pareto[2] + " below the mean " + pareto[0]);
    }

    /** Mean, standard deviation and median of 200,000 delays, in ms. */
    private static double[] stats(NetemDecisions d) {
        int n = 200_000;
        double[] v = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            v[i] = d.place(100, 0, Long.MIN_VALUE).sendAt() / (double) MS;
            sum += v[i];
        }
        double mean = sum / n;
        double sq = 0;
        for (double x : v) {
            sq += (x - mean) * (x - mean);
        }
        Arrays.sort(v);
        return new double[] {mean, Math.sqrt(sq / n), v[n / 2]};
    }

    @Test
    void aDelayCorrelationIsTakenAsNetemTakesIt() {
        // netem takes the correlated value modulo the jitter's range (or the table's size), which leaves
        // successive delays about as far apart as without; kept as the kernel does it
        double correlated = step(of("delay 50ms 10ms 90%", 4));
        double plain = step(of("delay 50ms 10ms", 4));
        assertEquals(plain, correlated, plain * 0.1);
        assertEquals(50, stats(of("delay 50ms 10ms 90%", 4))[0], 0.5);
    }

    private static double step(NetemDecisions d) {
        long last = d.place(100, 0, Long.MIN_VALUE).sendAt();
        double sum = 0;
        for (int i = 0; i < 50_000; i++) {
            long t = d.place(100, 0, Long.MIN_VALUE).sendAt();
            sum += Math.abs(t - last);
            last = t;
        }
        return sum / 50_000;
    }

    @Test
    void reorderSendsSomeAtOnceAndGapKeepsThemApart() {
        NetemDecisions d = of("delay 10ms reorder 25%", 5);
        int atOnce = 0;
        for (int i = 0; i < 100_000; i++) {
            NetemDecisions.Placement p = d.place(100, 7, Long.MIN_VALUE);
            if (p.atOnce()) {
                atOnce++;
                assertEquals(7, p.sendAt());
            } else {
                assertEquals(7 + 10 * MS, p.sendAt());
            }
        }
        assertEquals(25_000, atOnce, 600);
        NetemDecisions gapped = of("delay 10ms reorder 100% gap 5", 5);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (gapped.place(100, 0, Long.MIN_VALUE).atOnce()) {
                at.add(i);
            }
        }
        assertEquals(List.of(4, 9, 14, 19), at.subList(0, 4)); // netem: four delayed, then one at once, and so on
        assertTrue(of("delay 10ms", 5).neverWaits() == false && of("loss 1% duplicate 1%", 5).neverWaits());
    }

    @Test
    void rateSpacesPacketsByTheirTransmissionTime() {
        NetemDecisions d = of("rate 10mbit", 1);
        assertEquals(1_200_000, d.transmissionNanos(1500)); // 1500 bytes at 1.25 MB/s
        long first = d.place(1500, 0, Long.MIN_VALUE).sendAt();
        long second = d.place(1500, 0, first).sendAt();
        assertEquals(1_200_000, first);
        assertEquals(2_400_000, second);
        NetemDecisions overhead = of("rate 10mbit 20", 1);
        assertEquals(1_216_000, overhead.transmissionNanos(1500));
        // a delay overlaps with the queue ahead, as netem's "time bonus"
        NetemDecisions both = of("delay 10ms rate 10mbit", 1);
        assertEquals(10 * MS + 1_200_000, both.place(1500, 0, Long.MIN_VALUE).sendAt());
        assertEquals(10 * MS + 2_400_000, both.place(1500, 0, 10 * MS + 1_200_000).sendAt());
    }

    @Test
    void corruptFlipsOneBitOfTheFrameAndDuplicatesAreDecided() {
        NetemDecisions d = of("corrupt 10% duplicate 30%", 8);
        int corrupted = 0;
        int duplicated = 0;
        for (int i = 0; i < 100_000; i++) {
            duplicated += d.admit(true).duplicated() ? 1 : 0;
            NetemDecisions.Placement p = d.place(60, 0, Long.MIN_VALUE);
            if (p.corruptByte() >= 0) {
                corrupted++;
                assertTrue(p.corruptByte() < 60 && p.corruptBit() >= 0 && p.corruptBit() < 8);
            }
        }
        assertEquals(10_000, corrupted, 500);
        assertEquals(30_000, duplicated, 800);
        assertNotEquals(0, NetemDecisions.fraction(0.0001));
        assertEquals(0xffffffffL, NetemDecisions.fraction(100.0));
    }

    @Test
    void theTablesAreIproute2s() throws Exception {
        Path dir = Path.of("/usr/lib/x86_64-linux-gnu/tc");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("/usr/lib/tc");
        }
        assumeTrue(Files.exists(dir.resolve("normal.dist")), "iproute2's distribution tables are not installed");
        for (NetemDistribution d : List.of(NetemDistribution.NORMAL, NetemDistribution.PARETO,
                NetemDistribution.PARETONORMAL)) {
            short[] ours = NetemTables.of(d);
            int[] theirs = Files.readAllLines(dir.resolve(d.word() + ".dist")).stream()
                    .filter(l -> !l.startsWith("#")).flatMap(l -> Arrays.stream(l.trim().split("\\s+")))
                    .filter(w -> !w.isEmpty()).mapToInt(Integer::parseInt).toArray();
            assertEquals(theirs.length, ours.length, d.word());
            int off = 0;
            for (int i = 0; i < ours.length; i++) {
                assertTrue(Math.abs(ours[i] - theirs[i]) <= 1, d.word() + "[" + i + "]: " + ours[i] + " vs " + theirs[i]);
                off += ours[i] != theirs[i] ? 1 : 0;
            }
            assertTrue(off <= 8, d.word() + ": " + off + " entries off by one (erf's last bits)");
        }
    }
}
