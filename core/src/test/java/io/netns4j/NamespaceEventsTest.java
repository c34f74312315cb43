package io.netns4j;

import io.netns4j.link.Link;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static io.netns4j.testing.Ip.ip;
import static io.netns4j.testing.Ip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NamespaceEvents} against the kernel: changes made by {@code ip}, {@code tc} and
 * {@code nft} (other processes) inside a test namespace arrive as events; the root namespace's
 * changes do not.
 */
@RequiresRoot
class NamespaceEventsTest {
    private final Scratch scratch = new Scratch();
    private String name;
    private Netns ns;

    @BeforeEach
    void namespace() throws Exception {
        name = scratch.name("ev");
        ns = NetnsRegistry.system().add(name);
        assertEquals(0, ip("-n", name, "link", "add", "e0", "type", "veth", "peer", "name", "e1").exit());
    }

    @AfterEach
    void cleanUp() throws Exception {
        ns.close();
        scratch.close();
    }

    @Test
    void linkUpAndDownArriveWithOperState() throws Exception {
        try (NamespaceEvents events = NamespaceEvents.watch(ns)) {
            assertEquals(0, ip("-n", name, "link", "set", "e0", "up").exit());
            assertEquals(0, ip("-n", name, "link", "set", "e1", "up").exit());
            NamespaceEvent.LinkChange up = (NamespaceEvent.LinkChange) await(events, e ->
                    e instanceof NamespaceEvent.LinkChange l && l.name().equals("e0") && l.operStateName().equals("UP"));
            assertTrue((up.flags() & Link.IFF_UP) != 0);
            assertEquals(ns.links().get("e0").index(), up.index());
            assertEquals(0, ip("-n", name, "link", "set", "e1", "down").exit());
            await(events, e -> e instanceof NamespaceEvent.LinkChange l && l.name().equals("e0")
                    && l.operStateName().equals("LOWERLAYERDOWN"));
            assertEquals(0, ip("-n", name, "link", "del", "e0").exit());
            await(events, e -> e instanceof NamespaceEvent.LinkChange l && l.name().equals("e0") && l.removed());
        }
    }

    @Test
    void qdiscsAndNftablesChangesArrive() throws Exception {
        try (NamespaceEvents events = NamespaceEvents.watch(ns)) {
            int index = ns.links().get("e0").index();
            assertEquals(0, run(java.util.Map.of(), "tc", "-n", name, "qdisc", "add", "dev", "e0", "root", "tbf",
                    "rate", "1mbit", "burst", "32kbit", "latency", "50ms").exit());
            await(events, e -> e.equals(new NamespaceEvent.TrafficControlChange(index)));
            assertEquals(0, ip("netns", "exec", name, "nft", "add", "table", "inet", "t").exit());
            await(events, e -> e instanceof NamespaceEvent.FirewallChange);
        }
    }

    @Test
    void nothingArrivesWhenNothingChangesAndCloseEndsAWait() throws Exception {
        NamespaceEvents events = NamespaceEvents.watch(ns);
        assertTrue(events.next(Duration.ofMillis(300)).isEmpty());
        Thread closer = Thread.ofPlatform().start(() -> {
            sleep(100);
            events.close();
        });
        long t0 = System.nanoTime();
        assertTrue(events.next(Duration.ofSeconds(10)).isEmpty());
        assertFalse(System.nanoTime() - t0 > Duration.ofSeconds(5).toNanos(), "close must end the wait");
        closer.join();
        events.close();
    }

    private static NamespaceEvent await(NamespaceEvents events, Predicate<NamespaceEvent> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<NamespaceEvent> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (NamespaceEvent e : events.next(Duration.ofMillis(500))) {
                seen.add(e);
                if (wanted.test(e)) {
                    return e;
                }
            }
        }
        throw new AssertionError("no such event within 5 s; seen: " + seen);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
