package io.netns4j.lab.fault;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NotFoundException;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.wire.InProcessImpairmentHost;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link LinkImpairments} on the kernel, between two namespaces of the test's own joined by a
 * veth ({@code a0} in A, 10.9.0.1; {@code b0} in B, 10.9.0.2): the engine chosen (netem where the
 * kernel has it, the userspace engine hosted by this JVM otherwise), what reads back, what is
 * refused before anything changes. The engine's measurements are in io.netns4j.lab.wire.
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

    private static Impairment words(String w) {
        return Impairment.parse(List.of(w.split(" ")));
    }

    @Test
    void theDefaultEngineAppliesEverySettingAndReadsBack() throws Exception {
        boolean netem = LinkImpairments.netemAvailable(nsA);
        try (InProcessImpairmentHost host = new InProcessImpairmentHost()) {
            Impairment imp = words("delay 10ms 2ms loss 10% duplicate 1% corrupt 0.1%");
            LinkImpairments.Applied applied = LinkImpairments.apply(nsA, "a0", imp, host);
            assertEquals(Impairment.Engine.USERSPACE, applied.engine(), "corrupt needs the userspace engine");
            assertEquals(applied.effective(), LinkImpairments.current(nsA, "a0"));
            assertTrue(LinkImpairments.inPlace(nsA, "a0", imp));
            assertFalse(LinkImpairments.inPlace(nsA, "a0", words("delay 10ms")));
            assertTrue(applied.toString().endsWith("(userspace engine)"), applied.toString());

            LinkImpairments.Applied second = LinkImpairments.apply(nsA, "a0", words("delay 3ms"), host);
            assertEquals(netem ? Impairment.Engine.KERNEL : Impairment.Engine.USERSPACE, second.engine());
            assertEquals(java.time.Duration.ofMillis(3), LinkImpairments.current(nsA, "a0").delay());
            assertTrue(LinkImpairments.inPlace(nsA, "a0", words("delay 3ms")));

            LinkImpairments.clear(nsA, "a0", host);
            assertEquals(Impairment.NONE, LinkImpairments.current(nsA, "a0"));
            assertTrue(nsA.links().list().stream().noneMatch(l -> l.name().startsWith("imp-")), "the tap is gone");
            LinkImpairments.clear(nsA, "a0", host); // nothing to clear: no error
            assertEquals(Impairment.NONE, LinkImpairments.apply(nsA, "a0", Impairment.NONE, host).effective());
        }
    }

    @Test
    void whatTheEngineCannotDoIsRefusedAndThePreviousImpairmentStays() throws Exception {
        boolean netem = LinkImpairments.netemAvailable(nsA);
        try (InProcessImpairmentHost host = new InProcessImpairmentHost()) {
            LinkImpairments.apply(nsA, "a0", words("delay 4ms engine userspace"), host);
            FaultException noHost = assertThrows(FaultException.class,
                    () -> LinkImpairments.apply(nsA, "a0", words("delay 9ms engine userspace"), null));
            assertTrue(noHost.getMessage().contains(LinkImpairments.NEEDS_HOST), noHost.getMessage());
            FaultException kernel = assertThrows(FaultException.class,
                    () -> LinkImpairments.apply(nsA, "a0", words("delay 9ms corrupt 1% engine kernel"), host));
            assertTrue(kernel.getMessage().contains(netem ? "engine kernel cannot apply corrupt" : "no netem"),
                    kernel.getMessage());
            assertEquals(java.time.Duration.ofMillis(4), LinkImpairments.current(nsA, "a0").delay());
            assertThrows(NotFoundException.class, () -> LinkImpairments.apply(nsA, "nope0", words("loss 1%"), host));
            assertThrows(IllegalArgumentException.class,
                    () -> LinkImpairments.apply(nsA, "a0", LinkImpairments.netem(4L, null, null, null, null, null), host));
            assertEquals(java.time.Duration.ofMillis(4), LinkImpairments.current(nsA, "a0").delay());
            LinkImpairments.clear(nsA, "a0", host);
        }
    }

    @Test
    void netemWhereTheKernelHasIt() throws Exception {
        assumeTrue(LinkImpairments.netemAvailable(nsA), "this kernel has no netem (sch_netem)");
        Impairment all = words("delay 50ms 10ms loss 1% duplicate 0.1% reorder 5% gap 2 rate 10mbit limit 500");
        LinkImpairments.Applied applied = LinkImpairments.apply(nsA, "a0", all);
        assertEquals(Impairment.Engine.KERNEL, applied.engine());
        assertEquals(applied.effective(), LinkImpairments.current(nsA, "a0"));
        LinkImpairments.clear(nsA, "a0");
        assertEquals(Impairment.NONE, LinkImpairments.current(nsA, "a0"));
    }
}
