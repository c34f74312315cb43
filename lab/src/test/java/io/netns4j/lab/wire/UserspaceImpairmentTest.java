package io.netns4j.lab.wire;

import io.netns4j.lab.model.Impairment;
import io.netns4j.testing.Ip;
import io.netns4j.testing.RequiresRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The userspace engine on this kernel (no netem), hosted by the test JVM, on a's eth0 of a
 * {@link WireLab}. Measurements are medians and counts over many packets (the machine has two
 * busy cores), never single-packet timings.
 */
@RequiresRoot
class UserspaceImpairmentTest {
    private WireLab lab;

    @BeforeEach
    void lab() throws Exception {
        lab = new WireLab("wire");
    }

    @AfterEach
    void cleanUp() throws Exception {
        lab.close();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            assertFalse(t.getName().startsWith("netns4j-impair-") && t.isAlive(), "a thread is left: " + t.getName());
        }
    }

    private UserspaceImpairment install(String words, long seed) throws Exception {
        return UserspaceImpairment.install(lab.a, "eth0", Impairment.parse(List.of(words.split(" "))), seed);
    }

    private static double medianMillis(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2) / 1e6;
    }

    private static double percentileMillis(List<Long> nanos, double p) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return sorted.get((int) Math.min(sorted.size() - 1, p * sorted.size())) / 1e6;
    }

    @Test
    void delayOfFiftyMillisecondsIsATcpRoundTripOfFifty() throws Exception {
        double plain = medianMillis(lab.tcpRoundTrips(20));
        try (UserspaceImpairment e = install("delay 50ms", 1)) {
            List<Long> rtt = lab.tcpRoundTrips(40);
            double median = medianMillis(rtt);
            System.out.printf("delay 50ms: median TCP round trip %.2f ms (plain veth %.3f ms)%n", median, plain);
            assertTrue(median >= 45 && median <= 55, "median round trip " + median + " ms");
            assertTrue(e.counters().sent() >= 40, e.counters().toString()); // a's side: the 40 bytes, the handshake, ACKs
        }
    }

    @Test
    void jitterShowsInTheSpread() throws Exception {
        try (UserspaceImpairment ignored = install("delay 50ms 20ms", 2)) {
            List<Long> rtt = lab.tcpRoundTrips(60);
            double median = medianMillis(rtt);
            double spread = percentileMillis(rtt, 0.9) - percentileMillis(rtt, 0.1);
            System.out.printf("delay 50ms 20ms: median %.2f ms, p10-p90 spread %.2f ms%n", median, spread);
            assertTrue(median >= 40 && median <= 60, "median " + median);
            assertTrue(spread >= 15, "uniform +-20ms: p10 to p90 is about 32 ms, got " + spread); // no jitter: < 2 ms
        }
    }

    @Test
    void twentyPercentLossOverTwoThousandDatagrams() throws Exception {
        try (UserspaceImpairment e = install("loss 20%", 3)) {
            List<Integer> got = lab.datagrams(2000, 20, 0);
            double lossPct = 100.0 * (2000 - got.size()) / 2000;
            System.out.printf("loss 20%%: %d of 2000 datagrams arrived, %.2f%% lost; %s%n", got.size(), lossPct, e.counters());
            assertTrue(Math.abs(lossPct - 20) <= 3, "lost " + lossPct + "%");
            assertEquals(2000 - got.size(), e.counters().dropped());
        }
    }

    @Test
    void duplicatesAndReorderingAreCounted() throws Exception {
        try (UserspaceImpairment e = install("duplicate 10%", 4)) {
            List<Integer> got = lab.datagrams(1000, 10, 0);
            int copies = got.size() - new HashSet<>(got).size();
            System.out.printf("duplicate 10%%: %d copies of 1000; %s%n", copies, e.counters());
            assertEquals(1000, new HashSet<>(got).size());
            assertEquals(copies, e.counters().duplicated());
            assertTrue(copies >= 60 && copies <= 140, "copies " + copies);
        }
        try (UserspaceImpairment e = install("delay 10ms reorder 25% 0% gap 1", 5)) {
            List<Integer> got = lab.datagrams(600, 1, 10);
            int late = 0;
            int max = -1;
            for (int n : got) {
                if (n < max) {
                    late++;
                }
                max = Math.max(max, n);
            }
            System.out.printf("delay 10ms reorder 25%%: %d of %d arrived after a later one; %s%n", late, got.size(), e.counters());
            assertEquals(600, got.size());
            long reordered = e.counters().reordered();
            assertTrue(reordered >= 110 && reordered <= 190, "reordered " + reordered);
            assertTrue(late >= reordered / 2, "packets overtaken: " + late); // each sent at once overtakes the queue
        }
    }

    @Test
    void theSameSeedGivesTheSameDropPatternTwice() throws Exception {
        Set<Integer> first;
        Set<Integer> second;
        try (UserspaceImpairment ignored = install("loss 30% delay 1ms", 42)) {
            first = new TreeSet<>(lab.datagrams(500, 5, 1));
        }
        try (UserspaceImpairment ignored = install("loss 30% delay 3ms 1ms", 42)) { // other delays: same losses
            second = new TreeSet<>(lab.datagrams(500, 5, 4));
        }
        Set<Integer> other;
        try (UserspaceImpairment ignored = install("loss 30%", 43)) {
            other = new TreeSet<>(lab.datagrams(500, 5, 0));
        }
        assertTrue(first.size() > 300 && first.size() < 400, "arrived " + first.size());
        assertEquals(first, second);
        assertFalse(first.equals(other), "another seed drops other packets");
    }

    @Test
    void rateIsWithinTenPercentOfTheSetting() throws Exception {
        long rate = 10_000_000;
        try (UserspaceImpairment e = install("rate 10mbit", 6);
             ServerSocket server = lab.b.sockets().serverSocket(7003, 50, WireLab.B)) {
            Thread sink = Thread.ofPlatform().daemon().start(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (Exception ignored) {
                    // done
                }
            });
            try (Socket s = lab.a.sockets().socket(WireLab.B, 7003)) {
                byte[] chunk = new byte[64 * 1024];
                Thread writer = Thread.ofPlatform().daemon().start(() -> {
                    try {
                        for (; ; ) {
                            s.getOutputStream().write(chunk);
                        }
                    } catch (Exception stopped) {
                        // closed
                    }
                });
                Thread.sleep(1000); // TCP's start, the queue filling
                long bytes0 = lab.receivedBytes();
                long t0 = System.nanoTime();
                Thread.sleep(3000);
                long bytes = lab.receivedBytes() - bytes0;
                double seconds = (System.nanoTime() - t0) / 1e9;
                double measured = bytes * 8 / seconds;
                System.out.printf("rate 10mbit: %.3f Mbit/s of frames on the wire (%.1f%% of the setting); %s%n",
                        measured / 1e6, 100 * measured / rate, e.counters());
                assertTrue(Math.abs(measured - rate) <= rate * 0.10, "measured " + measured + " bit/s");
                s.close();
                writer.join(5000);
            }
            sink.join(5000);
        }
    }

    @Test
    void theMarksReadBackAndAnotherProcessCanRemoveIt() throws Exception {
        UserspaceImpairment e = install("delay 5ms 1ms 25% distribution normal loss gemodel 1% 10% corrupt 0.1% limit 50", 7);
        Impairment read = UserspaceImpairment.readBack(lab.a, "eth0").orElseThrow();
        assertEquals(e.impairment(), read);
        assertEquals(7L, read.seed());
        assertEquals(List.of("eth0"), UserspaceImpairment.marked(lab.a.links().list()));
        String alias = Ip.ip("-n", lab.a.name().orElseThrow(), "link", "show", "imp-eth0").ok().out();
        assertTrue(alias.contains("alias netns4j-impair:delay 5ms 1ms 25% distribution normal"), alias);
        String filters = Ip.run(Map.of(), "tc", "-n", lab.a.name().orElseThrow(), "filter", "show", "dev", "eth0",
                "egress").ok().out();
        assertTrue(filters.contains("Egress Redirect to device imp-eth0"), filters);

        e.update(Impairment.parse(List.of("delay", "20ms")));
        assertEquals("delay 20ms seed 7", String.join(" ", UserspaceImpairment.readBack(lab.a, "eth0").orElseThrow().tcWords()));
        double median = medianMillis(lab.tcpRoundTrips(10));
        assertTrue(median >= 18 && median <= 26, "after update: " + median);

        assertTrue(UserspaceImpairment.remove(lab.a, "eth0")); // as a process that did not install it
        assertTrue(UserspaceImpairment.readBack(lab.a, "eth0").isEmpty());
        assertFalse(UserspaceImpairment.remove(lab.a, "eth0"));
        e.close();
        e.close();
        assertTrue(lab.a.qdiscs().list().stream().noneMatch(q -> q.kind().equals("clsact")));
        assertTrue(medianMillis(lab.tcpRoundTrips(10)) < 5, "the link is plain again");
    }
}
