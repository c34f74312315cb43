package io.netns4j.lab.fault;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NotFoundException;
import io.netns4j.lab.model.Impairment;
import io.netns4j.qdisc.TcUnits;
import io.netns4j.testing.Ip;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import io.netns4j.testing.Transfer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LinkImpairments} on the kernel, between two namespaces of the test's own joined by a
 * veth ({@code a0} in A, 10.9.0.1; {@code b0} in B, 10.9.0.2), with tc and nft as oracles.
 * Rates are measured with a TCP transfer (the one timing check, 20% tolerance); losses by
 * counting UDP datagrams against a binomial bound. Where the kernel has no netem, the
 * fallback (tbf and an nftables drop) is what is measured; with netem, netem is.
 */
@RequiresRoot
class LinkImpairmentsTest {
    private final Scratch scratch = new Scratch();
    private String a;
    private String b;
    private Netns nsA;
    private Netns nsB;

    @BeforeEach
    void twoNamespaces() throws Exception {
        a = scratch.name("impA");
        b = scratch.name("impB");
        nsA = NetnsRegistry.system().add(a);
        nsB = NetnsRegistry.system().add(b);
        ip("-n", a, "link", "add", "a0", "type", "veth", "peer", "name", "b0", "netns", b).ok();
        ip("-n", a, "address", "add", "10.9.0.1/24", "dev", "a0").ok();
        ip("-n", b, "address", "add", "10.9.0.2/24", "dev", "b0").ok();
        for (String[] nd : new String[][] {{a, "a0"}, {a, "lo"}, {b, "b0"}, {b, "lo"}}) {
            ip("-n", nd[0], "link", "set", nd[1], "up").ok();
        }
        // static neighbours: a dropped ARP request must not stall the datagrams being counted
        ip("-n", a, "neigh", "replace", "10.9.0.2", "lladdr", mac(b, "b0"), "dev", "a0", "nud", "permanent").ok();
        ip("-n", b, "neigh", "replace", "10.9.0.1", "lladdr", mac(a, "a0"), "dev", "b0", "nud", "permanent").ok();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Netns n : new Netns[] {nsA, nsB}) {
            if (n != null) {
                n.close();
            }
        }
        scratch.close();
    }

    private static String mac(String ns, String dev) {
        String out = ip("-n", ns, "-o", "link", "show", dev).ok().out();
        String[] w = out.split("\\s+");
        for (int i = 0; i < w.length - 1; i++) {
            if (w[i].equals("link/ether")) {
                return w[i + 1];
            }
        }
        throw new AssertionError("no MAC in " + out);
    }

    private String tcJson(String ns) {
        return Ip.run(Map.of(), "tc", "-n", ns, "-j", "qdisc", "show").ok().out();
    }

    private String nft(String ns) {
        return Ip.run(Map.of(), "ip", "netns", "exec", ns, "nft", "list", "ruleset").ok().out();
    }

    private static Impairment rate(long bits) {
        return new Impairment(bits, null, null, null, null, null);
    }

    private static Impairment loss(double percent) {
        return new Impairment(null, null, null, percent, null, null);
    }

    // ---- rate ----

    private double goodput(long bytes) throws Exception {
        return Transfer.goodput(nsA, nsB, "10.9.0.2", 5201, bytes);
    }

    private void assertRate(long bits) throws Exception {
        LinkImpairments.Applied applied = LinkImpairments.apply(nsA, "a0", rate(bits));
        assertTrue(applied.complete(), applied.toString());
        double expected = bits / 8.0;
        double measured = goodput((long) (expected * 3)); // about 3 s at the rate
        System.out.printf("rate %s via %s: measured goodput %.0f bit/s (%.1f%% of the setting)%n",
                TcUnits.formatStrictRate(bits), applied, measured * 8, 100 * measured / expected);
        assertTrue(measured > 0.8 * expected && measured < 1.2 * expected,
                "goodput " + measured * 8 + " bit/s for a rate of " + bits + " bit/s");
    }

    @Test
    void tenMegabits() throws Exception {
        assertRate(10_000_000);
    }

    @Test
    void fiftyMegabits() throws Exception {
        assertRate(50_000_000);
    }

    // ---- loss ----

    /** How many of {@code count} numbered datagrams sent from {@code from} arrive at {@code to}. */
    private static int delivered(Netns from, Netns to, String toAddress, int count) throws Exception {
        try (DatagramSocket rx = to.call(() -> {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(toAddress, 5301));
            s.setReceiveBufferSize(4 << 20);
            return s;
        })) {
            CompletableFuture<Integer> got = CompletableFuture.supplyAsync(() -> {
                boolean[] seen = new boolean[count];
                int n = 0;
                DatagramPacket p = new DatagramPacket(new byte[16], 16);
                try {
                    rx.setSoTimeout(1500);
                    for (; ; ) {
                        rx.receive(p);
                        int seq = ((p.getData()[0] & 0xff) << 8) | (p.getData()[1] & 0xff);
                        if (seq < count && !seen[seq]) {
                            seen[seq] = true;
                            n++;
                        }
                    }
                } catch (SocketTimeoutException done) {
                    return n;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            from.run(() -> {
                try (DatagramSocket tx = new DatagramSocket()) {
                    InetSocketAddress dest = new InetSocketAddress(toAddress, 5301);
                    for (int i = 0; i < count; i++) {
                        tx.send(new DatagramPacket(new byte[] {(byte) (i >> 8), (byte) i}, 2, dest));
                        if (i % 50 == 49) {
                            Thread.sleep(2); // paced: the receiver's buffer never overflows
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return got.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void thirtyPercentLossDropsAboutThirtyPercentOneWay() throws Exception {
        LinkImpairments.Applied applied = LinkImpairments.apply(nsA, "a0", loss(30));
        assertTrue(applied.complete(), applied.toString());
        int n = delivered(nsA, nsB, "10.9.0.2", 2000);
        // binomial(2000, 0.7): mean 1400, sd 20.5; 0.62..0.78 is almost 8 sd either side
        System.out.printf("loss 30%% via %s: %d of 2000 delivered (%.1f%%)%n", applied, n, n / 20.0);
        assertTrue(n >= 1240 && n <= 1560, n + " of 2000 delivered");
        assertEquals(2000, delivered(nsB, nsA, "10.9.0.1", 2000), "the other direction is not impaired");
        LinkImpairments.clear(nsA, "a0");
        assertEquals(2000, delivered(nsA, nsB, "10.9.0.2", 2000), "after clear everything arrives");
    }

    // ---- state ----

    @Test
    void applyTwiceIsOneStateAndClearLeavesNothing() throws Exception {
        String qdiscsBefore = tcJson(a);
        String rulesBefore = nft(a);
        Impairment imp = new Impairment(10_000_000L, null, null, 1.0, null, null);
        LinkImpairments.Applied first = LinkImpairments.apply(nsA, "a0", imp);
        String qdiscs = tcJson(a);
        String rules = nft(a);
        LinkImpairments.Applied second = LinkImpairments.apply(nsA, "a0", imp);
        assertEquals(first, second);
        assertEquals(qdiscs, tcJson(a), "qdiscs after the second apply");
        assertEquals(rules, nft(a), "nftables after the second apply");
        assertEquals(imp, LinkImpairments.current(nsA, "a0"));
        assertTrue(LinkImpairments.inPlace(nsA, "a0", imp));
        assertFalse(LinkImpairments.inPlace(nsA, "a0", loss(2)));

        LinkImpairments.clear(nsA, "a0");
        assertEquals(qdiscsBefore, tcJson(a), "clear leaves the default qdisc");
        assertEquals(rulesBefore, nft(a), "clear leaves no nftables table");
        assertEquals(Impairment.NONE, LinkImpairments.current(nsA, "a0"));
        LinkImpairments.clear(nsA, "a0"); // nothing to clear: no error
        assertEquals(Impairment.NONE, LinkImpairments.apply(nsA, "a0", Impairment.NONE).effective());
    }

    @Test
    void currentReadsBackWhatApplySet() throws Exception {
        boolean netem = LinkImpairments.netemAvailable(nsA);
        Impairment all = new Impairment(10_000_000L, Duration.ofMillis(50), Duration.ofMillis(10), 1.0, 0.1, 5.0);
        LinkImpairments.Applied applied = LinkImpairments.apply(nsA, "a0", all);
        assertEquals(applied.effective(), LinkImpairments.current(nsA, "a0"));
        assertEquals(LinkImpairments.effective(all, netem), applied.effective());
        if (netem) {
            assertTrue(applied.complete(), applied.toString());
            assertEquals(all, applied.effective());
        } else {
            assertEquals("rate 10mbit (tbf), loss 1% (nftables drop; no netem), delay 50ms 10ms NOT applied: this kernel"
                    + " lacks netem (sch_netem), duplicate 0.1% NOT applied: this kernel lacks netem (sch_netem), reorder 5%"
                    + " NOT applied: this kernel lacks netem (sch_netem)", applied.toString());
            assertEquals(List.of("delay", "duplicate", "reorder"),
                    applied.unsupported().stream().map(LinkImpairments.Setting::name).toList());
            assertTrue(nft(a).contains("numgen random mod 10000 < 100 drop"), nft(a));
            assertTrue(tcJson(a).contains("\"kind\":\"tbf\""), tcJson(a));
        }
        // a smaller impairment replaces the whole of the bigger one
        LinkImpairments.apply(nsA, "a0", loss(2.5));
        assertEquals(loss(2.5), LinkImpairments.current(nsA, "a0"));
        assertFalse(tcJson(a).contains("\"kind\":\"tbf\""), "the rate is gone");
        LinkImpairments.apply(nsA, "a0", rate(1_000_000));
        assertEquals(rate(1_000_000), LinkImpairments.current(nsA, "a0"));
        assertFalse(nft(a).contains("numgen"), "the loss is gone");
    }

    @Test
    void devicesKeepTheirOwnChainsAndTheTableGoesWithTheLast() throws Exception {
        ip("-n", a, "link", "add", "x+0", "up", "type", "veth", "peer", "name", "x1").ok();
        LinkImpairments.apply(nsA, "a0", loss(10));
        LinkImpairments.apply(nsA, "x+0", loss(20));
        assertEquals(List.of("egress_a0", "egress/782b30"), EgressDrop.chains(nsA));
        assertEquals(loss(20), LinkImpairments.current(nsA, "x+0"));
        LinkImpairments.clear(nsA, "a0");
        assertEquals(List.of("egress/782b30"), EgressDrop.chains(nsA));
        assertEquals(loss(20), LinkImpairments.current(nsA, "x+0"));
        LinkImpairments.clear(nsA, "x+0");
        assertEquals("", nft(a));
    }

    @Test
    void badRequestsChangeNothing() throws Exception {
        String qdiscs = tcJson(a);
        assertThrows(NotFoundException.class, () -> LinkImpairments.apply(nsA, "nope0", loss(1)));
        assertThrows(NotFoundException.class, () -> LinkImpairments.current(nsA, "nope0"));
        assertThrows(IllegalArgumentException.class, () -> LinkImpairments.apply(nsA, "a0", rate(12 * 8)));
        assertThrows(IllegalArgumentException.class, () -> LinkImpairments.apply(nsA, "a0",
                new Impairment(null, null, null, null, null, 5.0)));
        assertEquals(qdiscs, tcJson(a));
        assertEquals("", nft(a));
    }
}
